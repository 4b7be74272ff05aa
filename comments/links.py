"""Signed, expiring links in emails: confirm an email address, unsubscribe.

Each kind of link has its own salt, so a token for one can never be used as the other.
"""

from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "comments.confirm-email"
UNSUBSCRIBE_SALT = "comments.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600
# Unsubscribe links in old emails must keep working: a year.
UNSUBSCRIBE_MAX_AGE = 365 * 24 * 3600


def _sign(salt, value):
    return signing.TimestampSigner(salt=salt).sign(str(value))


def _unsign(salt, token, max_age):
    """The signed value, or None if the token is forged, mangled or expired."""
    try:
        return signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
    except signing.BadSignature:
        return None


def confirm_token(commenter):
    # The address is signed too: changing it later makes an old link useless.
    return _sign(CONFIRM_SALT, f"{commenter.pk}:{commenter.email_hash[:16]}")


def commenter_from_confirm_token(token):
    from comments.models import Commenter

    value = _unsign(CONFIRM_SALT, token, CONFIRM_MAX_AGE)
    if not value or ":" not in value:
        return None
    pk, hash_start = value.split(":", 1)
    commenter = Commenter.objects.filter(pk=pk).first() if pk.isdigit() else None
    if commenter is None or commenter.email_hash[:16] != hash_start:
        return None
    return commenter


def unsubscribe_token(subscription):
    return _sign(UNSUBSCRIBE_SALT, subscription.pk)


def subscription_pk_from_token(token):
    value = _unsign(UNSUBSCRIBE_SALT, token, UNSUBSCRIBE_MAX_AGE)
    return int(value) if value and value.isdigit() else None


def absolute(site_root, name, token):
    return site_root.rstrip("/") + reverse(name, args=[token])
