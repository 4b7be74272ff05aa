"""The Redis cache client is made once per connection pool, not once per cache call."""

from django.core.cache import caches

from config.settings.base import redis_cache


def test_every_cache_call_shares_one_redis_client(settings):
    # Django's own client builds a redis.Redis for every call, which costs more CPU than the
    # round trip; nothing connects here, so no Redis server is needed.
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:6379/15")}
    client = caches["default"]._cache
    first = client.get_client()
    assert client.get_client() is first
    assert client.get_client(write=True) is first  # one server: reads and writes share a pool
