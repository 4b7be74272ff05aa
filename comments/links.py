"""Signed, expiring links in emails: confirm a comment, unsubscribe; and the absolute address
of every link a comment email carries.

Each kind of link has its own salt, so a token for one can never be used as the other. A
confirmation names one comment: following it confirms that comment and no other, so a comment
someone else posted with your address stays unconfirmed unless you confirm it too.
"""

import re

from django.core import signing
from django.urls import reverse

from core.api import MAX_ID
from core.links import absolute_url

# Not the salt of the links that confirmed a whole commenter: those confirm nothing now.
CONFIRM_SALT = "comments.confirm-comment"
UNSUBSCRIBE_SALT = "comments.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600
# Unsubscribe links in old emails must keep working: a year.
UNSUBSCRIBE_MAX_AGE = 365 * 24 * 3600
# ASCII digits only: str.isdigit() also accepts "²" and "٣", which int() refuses or reads.
ASCII_DIGITS = re.compile(r"[0-9]+")
TOO_BIG = 10**30


def whole_number(value):
    """A whole number from text a visitor sent (a form field, a query string), or None."""
    if not isinstance(value, str) or not ASCII_DIGITS.fullmatch(value):
        return None
    # int() of thousands of digits is slow or refused; a number this long is just too big.
    return int(value) if len(value) <= 30 else TOO_BIG


def row_id(value):
    """A row id from text a visitor sent, or None."""
    number = whole_number(value)
    return number if number and number <= MAX_ID else None


def _sign(salt, value):
    return signing.TimestampSigner(salt=salt).sign(str(value))


def _unsign(salt, token, max_age):
    """The signed value, or None if the token is forged, mangled or expired."""
    try:
        return signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
    except signing.BadSignature:
        return None


def confirm_token(comment):
    # The address is signed too: a comment whose author was erased or merged is not confirmed.
    return _sign(CONFIRM_SALT, f"{comment.pk}:{comment.commenter.email_hash[:16]}")


def comment_from_confirm_token(token):
    from comments.models import Comment

    value = _unsign(CONFIRM_SALT, token, CONFIRM_MAX_AGE)
    pk, _, hash_start = (value or "").partition(":")
    pk = row_id(pk)
    if pk is None or not hash_start:
        return None
    comment = Comment.objects.filter(pk=pk).select_related("commenter", "page").first()
    if comment is None or comment.commenter is None:
        return None
    if comment.commenter.email_hash[:16] != hash_start:
        return None
    return comment


def unsubscribe_token(subscription):
    return _sign(UNSUBSCRIBE_SALT, subscription.pk)


def subscription_pk_from_token(token):
    return row_id(_unsign(UNSUBSCRIBE_SALT, token, UNSUBSCRIBE_MAX_AGE))


def email_link(page, name, token):
    """The absolute address of a link in an email about `page`."""
    return absolute_url(page, reverse(name, args=[token]))


def page_link(page, fragment=""):
    """The absolute address of `page` itself, on the site that serves it."""
    parts = page.get_url_parts()
    return absolute_url(page, (parts[2] if parts else "/") + fragment)
