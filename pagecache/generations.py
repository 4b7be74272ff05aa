"""A generation number in the shared cache: entries stored under (or with) one number are stale
as soon as a change moves it on, on every app server at once, without finding and deleting them.
The page cache and the moderation queue's counts each keep one."""

from django.core.cache import cache


class Generation:
    def __init__(self, key):
        self.key = key

    def current(self):
        number = cache.get(self.key)
        if number is None:
            cache.add(self.key, 1, timeout=None)
            number = cache.get(self.key, 1)
        return number

    def bump(self, *args, **kwargs):
        """Move on to a new number. Takes any arguments, to serve as a signal receiver or an
        `on_commit` callback."""
        try:
            cache.incr(self.key)
        except ValueError:  # no number yet: nothing was stored under one
            cache.add(self.key, 1, timeout=None)

    @staticmethod
    def fresh(entry, number):
        """The value of a cache entry stored as (number, value), if it was stored under
        `number`; otherwise None. Reading the number with the entries, in one `get_many`,
        keeps a lookup to one round trip."""
        if entry is None or number is None:
            return None
        stored_number, value = entry
        return value if stored_number == number else None
