"""Email addresses as people type them, and as we compare them.

Two signatures from one person must collide however the address is dressed up: case,
surrounding spaces, plus-tags (jane+petition@…), and Gmail's ignored dots (j.a.n.e@gmail.com).
The address as typed is kept only to send the confirmation email.
"""

import re

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


def email_domain(address):
    return (address or "").strip().lower().rpartition("@")[2].rstrip(".")
