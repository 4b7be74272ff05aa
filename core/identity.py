"""One identity per email address, for every app.

An address is compared in one normalised form, and stored for lookups (bans, rate limits,
commenters, signatures, erasure) as one keyed hash of that form. Two spellings that reach the
same inbox are one person: case, surrounding spaces, plus-tags (jane+petition@…) and Gmail's
ignored dots (j.a.n.e@gmail.com).

The hash is core/keyed_hash.py's HMAC, keyed with `EMAIL_HASH_KEY` (by default the secret
key): without the key it cannot be reversed or recomputed from a list of addresses. Give it
its own value before rotating `SECRET_KEY`, or every ban and commenter would lose its key.
"""

import re

from django.conf import settings

from core.keyed_hash import keyed_hash

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}
TRAILING_DOTS_AND_SPACES = re.compile(r"[.\s]+$")


def normalise_email(address):
    """The comparison key for an address; raises ValueError if it has no local part or domain."""
    address = (address or "").strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise ValueError("Not an email address.")
    # A trailing dot is the root of DNS ("example.org." is "example.org"); spaces before it
    # go too, so that the key normalised again is the same key.
    domain = TRAILING_DOTS_AND_SPACES.sub("", domain)
    local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local = local.replace(".", "")
        domain = "gmail.com"
    if not local or not domain:
        raise ValueError("Not an email address.")
    return f"{local}@{domain}"


def email_hash(address):
    """The keyed hash of an address's normalised form: 64 hex characters.

    Anything that is not an address hashes as typed (lower-cased), so a lookup by it finds
    nothing rather than failing."""
    try:
        key = normalise_email(address)
    except ValueError:
        key = (address or "").strip().lower()
    return keyed_hash(key, key=settings.EMAIL_HASH_KEY or settings.SECRET_KEY)


def email_domain(address):
    return (address or "").strip().lower().rpartition("@")[2].rstrip(".")
