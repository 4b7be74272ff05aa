"""Visitors are told apart by a keyed hash of their address, never by the address itself."""

from django.test import RequestFactory, override_settings

from config.privacy import client_ip, ip_hash

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
