"""Django's Redis cache, for which Redis being down is a cache miss rather than a 500.

Everything in the cache can be rebuilt from the database: whole pages, petition counts, rate
limit counters, Wagtail's own lookups. So when Redis cannot be reached, reads miss, writes
are dropped, `add` reports nothing added and `incr` raises ValueError as for a missing key,
and the site keeps serving from the database, slower. django-ratelimit reads those misses as
"could not count" and then does what RATELIMIT_FAIL_OPEN says (docs/operations.md, "When Redis
is down").

Why a subclass rather than django-redis with IGNORE_EXCEPTIONS: the project already uses
Django's own backend, and all it lacks is these few lines, not another client library. Only
connection errors and timeouts are forgiven; a command Redis rejects is still a bug and
still raises.

After a failure the process stops trying for `RETRY_SECONDS`, so a dead Redis (or one whose
packets vanish until the socket timeout) costs one attempt every few seconds, not one per
cache call. The timeouts are set in CACHES OPTIONS so an unreachable host cannot hang a
request.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_SECONDS = 5.0


class ForgivingRedisCacheClient(RedisCacheClient):
    _down_until = 0.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        """One redis.Redis per connection pool, made once. Django's client makes a new one for
        every cache call, and redis-py fills a table of some 170 response callbacks each
        time: about 0.18 ms of CPU per call, more than the round trip itself. A redis.Redis
        holds no state of its own beyond its pool, so sharing it is what redis-py intends."""
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def _call(self, method, *args, on_failure):
        if time.monotonic() < self._down_until:
            return on_failure()
        try:
            result = getattr(super(), method)(*args)
        except UNREACHABLE as error:
            if not self._down_until:
                logger.error("Redis cache unreachable, serving without it: %s", error)
            self._down_until = time.monotonic() + RETRY_SECONDS
            return on_failure()
        if self._down_until:
            logger.warning("Redis cache reachable again")
            self._down_until = 0.0
        return result

    def add(self, key, value, timeout):
        return self._call("add", key, value, timeout, on_failure=lambda: False)

    def get(self, key, default):
        return self._call("get", key, default, on_failure=lambda: default)

    def set(self, key, value, timeout):
        return self._call("set", key, value, timeout, on_failure=lambda: None)

    def touch(self, key, timeout):
        return self._call("touch", key, timeout, on_failure=lambda: False)

    def delete(self, key):
        return self._call("delete", key, on_failure=lambda: False)

    def get_many(self, keys):
        return self._call("get_many", keys, on_failure=dict)

    def has_key(self, key):
        return self._call("has_key", key, on_failure=lambda: False)

    def incr(self, key, delta):
        return self._call("incr", key, delta, on_failure=_missing_key)

    def set_many(self, data, timeout):
        return self._call("set_many", data, timeout, on_failure=lambda: None)

    def delete_many(self, keys):
        return self._call("delete_many", keys, on_failure=lambda: None)

    def clear(self):
        return self._call("clear", on_failure=lambda: False)


def _missing_key():
    raise ValueError("The cache is unavailable, so the key cannot be incremented.")


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ForgivingRedisCacheClient
