"""Signed, expiring links in emails. The link opens a page with a button; only the POST acts,
so an email scanner that follows every link confirms nothing."""

import base64
import binascii

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "campaign.signature.confirm"


class LinkError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def confirmation_token(signature):
    signed = signing.dumps({"signature": signature.pk}, salt=CONFIRM_SALT)
    # Wagtail's page URLs allow only letters, digits, "_" and "-" in a path segment, and a
    # signed value contains ":", so the whole token travels as URL-safe base64.
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def _unwrap(token):
    padded = token + "=" * (-len(token) % 4)
    return base64.urlsafe_b64decode(padded.encode()).decode()


def signature_id_from(token):
    max_age = getattr(settings, "PETITION_CONFIRM_MAX_AGE", 7 * 24 * 60 * 60)
    try:
        value = signing.loads(_unwrap(token), salt=CONFIRM_SALT, max_age=max_age)
        signature_id = value["signature"]
        if type(signature_id) is not int:
            raise ValueError("A signature id is a number.")
        return signature_id
    except signing.SignatureExpired as error:
        raise LinkError(
            "link_expired", "This confirmation link has expired. Please sign again."
        ) from error
    except (signing.BadSignature, KeyError, TypeError, ValueError, binascii.Error) as error:
        raise LinkError(
            "link_invalid", "This confirmation link is not valid. Please check the email."
        ) from error
