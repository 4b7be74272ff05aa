"""Visitors are told apart by a keyed hash of their network (an IPv4 address, an IPv6 /64),
never by the address itself."""

import ipaddress

from django.db.models import GenericIPAddressField
from django.test import RequestFactory, override_settings

from core.privacy import client_ip, ip_hash, ip_pseudonym, network_of

rf = RequestFactory()


def test_hash_is_stable_and_does_not_contain_the_address():
    request = rf.get("/", REMOTE_ADDR="203.0.113.7")
    assert ip_hash(request) == ip_hash(rf.get("/", REMOTE_ADDR="203.0.113.7"))
    assert ip_hash(request) != ip_hash(rf.get("/", REMOTE_ADDR="203.0.113.8"))
    assert "203.0.113.7" not in ip_hash(request)
    assert len(ip_hash(request)) == 64


def test_hash_changes_with_the_secret_key():
    request = rf.get("/", REMOTE_ADDR="203.0.113.7")
    before = ip_hash(request)
    with override_settings(SECRET_KEY="another-key"):
        assert ip_hash(request) != before


def test_forwarded_for_is_ignored_unless_proxies_are_trusted():
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == "10.0.0.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_rightmost_forwarded_address_is_used():
    # The client can put anything on the left; only what our proxy appended is trusted.
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")
    assert client_ip(request) == "198.51.100.1"


def hash_of(address):
    return ip_hash(rf.get("/", REMOTE_ADDR=address))


def test_ipv6_addresses_are_counted_by_their_64():
    # A household or a phone gets a whole /64 and can take a new address for every request.
    assert hash_of("2001:db8:1:2::1") == hash_of("2001:db8:1:2:ffff:ffff:ffff:ffff")
    assert hash_of("2001:db8:1:2::1") == hash_of("2001:DB8:1:2:0:0:0:1")
    assert hash_of("2001:db8:1:2::1") != hash_of("2001:db8:1:3::1")


def test_ipv4_addresses_are_counted_one_by_one_however_they_are_written():
    assert hash_of("203.0.113.7") != hash_of("203.0.113.8")
    # A dual-stack server reports IPv4 visitors as IPv4-mapped IPv6 addresses.
    assert hash_of("::ffff:203.0.113.7") == hash_of("203.0.113.7")
    assert hash_of("::ffff:203.0.113.7") != hash_of("::ffff:203.0.113.8")


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_forwarded_ipv6_addresses_are_counted_by_their_64_too():
    def forwarded(address):
        return ip_hash(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address))

    assert forwarded("2001:db8:1:2::1") == forwarded("2001:db8:1:2::2") == hash_of("2001:db8:1:2::")


def test_addresses_that_do_not_parse_are_still_counted():
    assert network_of("") == "" and network_of("not an address") == "not an address"
    assert hash_of("") == hash_of("") and len(hash_of("junk")) == 64
    assert network_of("fe80::1%eth0") == "fe80::/64"


def test_the_sign_in_pseudonym_is_an_ipv6_address_that_is_nobody_s():
    pseudonym = ip_pseudonym(rf.get("/", REMOTE_ADDR="203.0.113.7"))
    address = ipaddress.IPv6Address(pseudonym)
    assert address in ipaddress.IPv6Network("fd00::/8")
    assert str(address) == pseudonym, "stored exactly as written, so lookups match"
    assert pseudonym == ip_pseudonym(rf.get("/", REMOTE_ADDR="::ffff:203.0.113.7"))
    assert pseudonym != ip_pseudonym(rf.get("/", REMOTE_ADDR="203.0.113.8"))
    GenericIPAddressField().run_validators(pseudonym)
