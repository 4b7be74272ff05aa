"""The signed links in alert emails: confirm a subscription, manage one's alerts, leave.

Each is a core.signed_links token under its own salt, so none can be used as another. The
confirmation and the manage link carry the first characters of the address's keyed hash, so
a link outlives neither an erasure nor a row id reused for someone else. The unsubscribe link
carries the whole hash: it must also work for a petition signer, who has no subscriber row,
and it can do nothing but stop emails to that address.
"""

from django.urls import reverse

from alerts.models import Subscriber, Subscription
from core.links import absolute_url
from core.signed_links import LinkExpired, LinkInvalid, make_token, read_token
from core.typed_numbers import row_id

CONFIRM_SALT = "alerts.confirm"
MANAGE_SALT = "alerts.manage"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600
# Links in old emails keep working for a year.
MANAGE_MAX_AGE = UNSUBSCRIBE_MAX_AGE = 365 * 24 * 3600
HASH_PREFIX = 16


def _value(salt, token, max_age):
    """The dict a token carries, or None if it is forged, mangled, expired or not a dict."""
    try:
        value = read_token(salt, token, max_age)
    except (LinkExpired, LinkInvalid):
        return None
    return value if isinstance(value, dict) else None


def confirmation_token(subscription):
    return make_token(
        CONFIRM_SALT,
        {"s": subscription.pk, "h": subscription.subscriber.email_hash[:HASH_PREFIX]},
    )


def subscription_from_token(token):
    """The subscription a confirmation link names, or None (broken, expired, or gone)."""
    value = _value(CONFIRM_SALT, token, CONFIRM_MAX_AGE)
    pk = row_id(str(value.get("s", ""))) if value else None
    if pk is None:
        return None
    subscription = (
        Subscription.objects.select_related("subscriber", "tag", "category", "campaign")
        .filter(pk=pk)
        .first()
    )
    if subscription is None or subscription.subscriber.email_hash[:HASH_PREFIX] != value.get("h"):
        return None
    return subscription


def manage_token(subscriber):
    return make_token(MANAGE_SALT, {"p": subscriber.pk, "h": subscriber.email_hash[:HASH_PREFIX]})


def subscriber_from_token(token):
    value = _value(MANAGE_SALT, token, MANAGE_MAX_AGE)
    pk = row_id(str(value.get("p", ""))) if value else None
    if pk is None:
        return None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or subscriber.email_hash[:HASH_PREFIX] != value.get("h"):
        return None
    return subscriber


def unsubscribe_token(email_hash):
    return make_token(UNSUBSCRIBE_SALT, {"h": email_hash})


def email_hash_from_token(token):
    value = _value(UNSUBSCRIBE_SALT, token, UNSUBSCRIBE_MAX_AGE)
    found = value.get("h") if value else None
    if not isinstance(found, str) or len(found) != 64:
        return None
    return found


def link(page, name, token):
    """The absolute address of URL `name` with `token`, on the site that serves `page`."""
    return absolute_url(page, reverse(name, args=[token]))
