"""Identify a visitor for rate limits and fraud checks without storing who they are.

A raw IP address is personal data; a keyed hash (HMAC with the secret key) lets us count
requests from the same address without being able to recover it, and changes if the key does.
"""

import hashlib
import hmac
import re

from django.conf import settings
from django.views.debug import SafeExceptionReporterFilter


def client_ip(request):
    """The visitor's address. Behind N trusted proxies, the Nth address from the right of
    X-Forwarded-For; never the leftmost, which the client can forge."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def ip_hash(request):
    """A stable, non-reversible key for the visitor's address."""
    return hmac.new(
        settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256
    ).hexdigest()


def ratelimit_key(group, request):
    """Key function for django-ratelimit: the hashed address, never the raw one."""
    return ip_hash(request)


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports (mail to ADMINS, error trackers using Django's filter) hide visitors'
    addresses as well as Django's usual secrets; POSTed personal fields are hidden by
    `sensitive_post_parameters` on the views that take them."""

    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|REMOTE_ADDR|FORWARDED|REAL_IP",
        flags=re.IGNORECASE,
    )
