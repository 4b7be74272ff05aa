"""A stand-in for the cache that counts the reads its caller makes (one read is one round trip
to Redis in production), whatever the test cache does inside."""


class CountingCache:
    def __init__(self, cache):
        self.cache = cache
        self.reads = 0

    def get(self, *args, **kwargs):
        self.reads += 1
        return self.cache.get(*args, **kwargs)

    def get_many(self, *args, **kwargs):
        self.reads += 1
        return self.cache.get_many(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.cache, name)
