"""A page-cache bump made while this process cannot reach Redis (down, or backing off after an
error) is not lost: it is kept, made again before this process serves a cached page, queued for
a worker where the task queue can wait, and pages depending on it are not served meanwhile.

Needs a Redis server (REDIS_URL), as the back-off lives in the Redis client."""

import os
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from comments import moderation
from config.settings.base import redis_cache
from pagecache import versions
from tests.factories import CommentFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis server"),
]


@pytest.fixture
def redis(settings):
    settings.CACHES = {
        "default": {**redis_cache(os.environ["REDIS_URL"]), "KEY_PREFIX": "lost-invalidation"}
    }
    cache.clear()
    versions._pending.clear()
    yield cache
    cache.clear()
    versions._pending.clear()


def backing_off(seconds):
    """Put this process's Redis client in its back-off, as after a failed call."""
    cache._cache._down_until = time.monotonic() + seconds if seconds else 0.0


def test_a_bump_dropped_during_the_back_off_takes_effect_when_redis_answers(
    redis, story, django_capture_on_commit_callbacks
):
    moderator = get_user_model().objects.create_superuser("mod", "m@example.org", "pw")
    client = Client()
    client.get(story.url)
    assert client.get(story.url)["X-Page-Cache"] == "hit"
    comment = CommentFactory(page=story, status="pending", body="Seen at last.")
    address = versions.path_dependency(story.url)
    _, before = versions.read_with([], {address})

    backing_off(60)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(comment, moderator)
    assert address in versions.pending()
    backing_off(0)
    # Another worker, reading Redis now, would still find the old version: the bump was lost.
    assert versions.read_with([], {address})[1] == before

    response = client.get(story.url)
    assert "Seen at last." in response.content.decode()
    assert versions.pending() == set()
    assert versions.read_with([], {address})[1] != before  # every worker sees it now


def test_pages_depending_on_a_dropped_bump_are_not_served_from_the_cache(redis, story):
    client = Client()
    client.get(story.url)
    address = versions.path_dependency(story.url)
    versions._pending.add(address)
    backing_off(60)  # still unreachable: the bump cannot be made again yet
    response = client.get(story.url)
    assert response.get("X-Page-Cache") != "hit"
    backing_off(0)


def test_a_dropped_bump_is_queued_for_a_worker(redis, story, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from pagecache.invalidation import changed

    backing_off(60)
    changed({versions.path_dependency(story.url)})
    backing_off(0)
    queued = DBTaskResult.objects.filter(task_path__endswith="replay_page_cache_bumps")
    assert queued.count() == 1
