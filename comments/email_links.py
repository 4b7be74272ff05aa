"""Links in comment emails: confirm a comment, unsubscribe; and the absolute address of each.

Tokens are core.signed_links tokens, each kind of link under its own salt, so a token for one
can never be used as the other. A confirmation names one comment: following it confirms that
comment and no other, so a comment someone else posted with your address stays unconfirmed
unless you confirm it too. Both carry the same text the older, unwrapped TimestampSigner
tokens carried, and `read_token` still reads those, so links in emails already sent keep
working until they expire.
"""

from django.urls import reverse

from comments.models import Comment
from core.links import absolute_url
from core.signed_links import LinkExpired, LinkInvalid, make_token, read_token
from core.typed_numbers import row_id

# Not the salt of the links that confirmed a whole commenter: those confirm nothing now.
CONFIRM_SALT = "comments.confirm-comment"
UNSUBSCRIBE_SALT = "comments.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600
# Unsubscribe links in old emails must keep working: a year.
UNSUBSCRIBE_MAX_AGE = 365 * 24 * 3600


def _text_in(salt, token, max_age):
    """The text a token carries, or None if it is forged, mangled, expired or not text."""
    try:
        value = read_token(salt, token, max_age)
    except (LinkExpired, LinkInvalid):
        return None
    return value if isinstance(value, str) else None


def comment_confirmation_token(comment):
    # The address is signed too: a comment whose author was erased or merged is not confirmed.
    return make_token(CONFIRM_SALT, f"{comment.pk}:{comment.commenter.email_hash[:16]}")


def comment_from_confirmation_token(token):
    value = _text_in(CONFIRM_SALT, token, CONFIRM_MAX_AGE)
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
    return make_token(UNSUBSCRIBE_SALT, str(subscription.pk))


def subscription_pk_from_token(token):
    return row_id(_text_in(UNSUBSCRIBE_SALT, token, UNSUBSCRIBE_MAX_AGE))


def email_link(page, name, token):
    """The absolute address of a link (URL `name`, with `token`) in an email about `page`."""
    return absolute_url(page, reverse(name, args=[token]))
