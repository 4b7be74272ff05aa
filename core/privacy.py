"""Identify a visitor for rate limits and fraud checks without storing who they are.

A raw IP address is personal data; a keyed hash (core/keyed_hash.py, with the secret key)
lets us count requests from the same address without being able to recover it, and changes if
the key does.

What is counted is a network, not always an address: an IPv6 household, office or phone is
given a whole /64 (2^64 addresses) and can take a fresh address for every request, so IPv6
addresses are counted by their /64. IPv4 addresses are scarce and counted one by one; an
IPv4 address written as IPv6 (::ffff:203.0.113.7, as a dual-stack server reports it) is the
IPv4 address.
"""

import ipaddress

from django.conf import settings

from core.keyed_hash import keyed_hash

# The prefix an IPv6 site (one subscriber, one LAN) is given: the smallest block one
# attacker can be assumed to control entirely.
IPV6_PREFIX = 64


def client_ip(request):
    """The visitor's address. Behind N trusted proxies, the Nth address from the right of
    X-Forwarded-For; never the leftmost, which the client can forge."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def network_of(address):
    """What one visitor controls: an IPv4 address itself, an IPv6 address's /64.

    Anything that does not parse (an empty REMOTE_ADDR in a test, a proxy writing a port or a
    zone id) is kept as it is: counted, never an error.
    """
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return address
    if parsed.version == 6 and parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    if parsed.version == 4:
        return str(parsed)
    host_bits = 128 - IPV6_PREFIX
    return str(ipaddress.IPv6Network((int(parsed) >> host_bits << host_bits, IPV6_PREFIX)))


def ip_hash(request):
    """A stable, non-reversible key for the visitor's network (see `network_of`)."""
    return keyed_hash(network_of(client_ip(request)))


def ip_pseudonym(request):
    """The same key written as an IPv6 address, for django-axes, whose column is an IP field.

    fd00::/8 (unique local) plus 120 bits of the keyed hash: a valid address that is nobody's,
    and from which the visitor's address cannot be recovered.
    """
    return str(ipaddress.IPv6Address(int("fd" + ip_hash(request)[:30], 16)))


def ratelimit_key(group, request):
    """Key function for django-ratelimit: the hashed network, never the raw address."""
    return ip_hash(request)
