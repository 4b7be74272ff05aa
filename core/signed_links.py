"""Signed, expiring tokens for links in emails: confirm a signature or a comment, unsubscribe.

A token is Django's signed, timestamped JSON, wrapped in URL-safe base64 so that it fits in
any URL, Wagtail page routes included (they allow only letters, digits, "_" and "-" in a
path segment). Each kind of link has its own salt, so a token for one can never be used as
another.
"""

import base64
import binascii

from django.core import signing


class LinkExpired(Exception):
    """The link was genuine but is older than it may be."""


class LinkInvalid(Exception):
    """The link was forged, mangled or made for something else."""


def make_token(salt, value):
    """A token carrying `value` (anything JSON can hold)."""
    signed = signing.dumps(value, salt=salt)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def read_token(salt, token, max_age):
    """The value a token carries. Raises LinkExpired or LinkInvalid."""
    if not isinstance(token, str) or not token:
        raise LinkInvalid
    try:
        if ":" in token:
            # Comment emails sent before December 2026 carry the signed text unwrapped, and
            # their unsubscribe links must keep working for a year.
            return signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
        padded = token + "=" * (-len(token) % 4)
        signed = base64.urlsafe_b64decode(padded.encode()).decode()
        return signing.loads(signed, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise LinkInvalid from error
