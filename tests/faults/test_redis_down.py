"""Redis down: pages still come from the database, and the rate limits do what
docs/operations.md says ("When Redis is down"): they fail open, so supporters can still sign
and comment, and the database's one-email-a-minute floor keeps the forms from flooding
anyone's inbox."""

import os
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache

from campaign.models import Signature
from comments.models import Comment
from config.settings.base import redis_cache
from core import cache_backend
from tests.faults.conftest import closed_port

pytestmark = pytest.mark.django_db

SIGNER = {
    "first_name": "Nadia",
    "last_name": "Haddad",
    "email": "nadia@example.org",
    "country": "gb",
}
COMMENT = {"name": "Jonah", "email": "jonah@example.org", "body": "Firewall now, please."}


@pytest.fixture
def redis_down(settings):
    """REDIS_URL pointing at a port nobody listens on, built as base.py builds it."""
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{closed_port()}/0")}
    settings.PETITION_SIGN_RATES = ["1/m", "5/5m"]
    settings.EMAIL_REPEAT_FLOOR_SECONDS = 60
    yield


def sign(client, petition):
    return client.post(
        f"/api/campaign/petitions/{petition.pk}/signatures/",
        SIGNER,
        content_type="application/json",
    )


def comment(client, story):
    return client.post(f"/api/comments/pages/{story.pk}/", COMMENT, content_type="application/json")


def test_pages_and_counts_come_from_the_database(client, home, story, petition, redis_down):
    for url in [home.url, story.url, story.url, petition.url, "/sitemap.xml"]:
        response = client.get(url)
        assert response.status_code == 200, url
    count = client.get(f"/api/campaign/petitions/{petition.pk}/count/")
    assert count.status_code == 200 and count.json()["count"] == 0


def test_signing_fails_open_and_the_email_floor_still_holds(client, petition, redis_down):
    # With Redis up the second of these is refused (1 a minute); with it down both pass...
    assert sign(client, petition).status_code == 202
    assert sign(client, petition).status_code == 202
    # ...but one signature row, and one email: the floor is in the database.
    assert Signature.objects.count() == 1 and len(mail.outbox) == 1


def test_commenting_fails_open(client, story, redis_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            assert comment(client, story).status_code in (201, 202)
    assert Comment.objects.count() == 2
    assert len(mail.outbox) == 1  # one confirmation request, not one per comment


def test_a_dead_redis_is_tried_once_per_pause_not_once_per_call(redis_down):
    calls = []
    real = cache_backend.RedisCacheClient.get

    def counting_get(self, key, default):
        calls.append(key)
        return real(self, key, default)

    with mock.patch.object(cache_backend.RedisCacheClient, "get", counting_get):
        assert [cache.get(f"key-{n}", "missed") for n in range(20)] == ["missed"] * 20
    assert len(calls) == 1
    assert cache.add("k", 1) is False and cache.set("k", 1) is None
    assert cache.get_many(["a", "b"]) == {} and cache.delete("k") is False
    with pytest.raises(ValueError):
        cache.incr("k")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis server")
def test_with_redis_up_it_is_an_ordinary_cache(settings):
    settings.CACHES = {"default": redis_cache(os.environ["REDIS_URL"])}
    cache.set("faults-check", 41)
    assert cache.incr("faults-check") == 42
    assert cache.get("faults-check") == 42
    cache.delete("faults-check")


# Staff sign-in ---------------------------------------------------------------------------------

PASSWORD = "a-long-and-unusual-passphrase"


def sign_in(client, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/", {"username": "editor", "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def editor(django_user_model, redis_down):
    """An editor, and django-axes' handler built afresh, as a server starting during the
    outage would build it (a handler keeps the cache it was built with)."""
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.get_implementation(force=True)
    yield django_user_model.objects.create_user("editor", "editor@example.org", PASSWORD)
    AxesProxyHandler.implementation = None  # rebuilt with the real cache when next needed


def test_sign_in_lockout_holds_with_redis_down(client, editor, redis_down, settings):
    """Counted in the database, so an outage of Redis is no window for unlimited guessing."""
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        response = sign_in(client, "wrong guess", address=f"2001:db8:9:9::{attempt}")
        assert response.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT else 200)
    locked = sign_in(client, PASSWORD)
    assert locked.status_code == 429 and b"Sign-in paused" in locked.content
    assert "_auth_user_id" not in client.session


def test_staff_sign_in_works_with_redis_down(client, editor, redis_down):
    assert sign_in(client, "wrong guess").status_code == 200  # the form again, not a 500
    assert sign_in(client, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)
