"""Whole numbers and row ids from text a visitor sent (a form field, a query string, a link),
and the largest id a row can have.

Such text may be anything: digits from another script ("²", "٣", which `str.isdigit()`
accepts and `int()` refuses or reads), or thousands of digits, which `int()` is slow to read
and no database column can hold. These read it without raising, so a view can answer a
tampered value with a clear page instead of an error. In core so that the JSON API
(core/api.py), the request guard (core/query_guard.py) and every app read such numbers, and
know the largest id, one way.
"""

import re

# The largest id a path may carry: PostgreSQL's `integer`. A larger number cannot name a row,
# and passing it to the database would fail there (a 500) instead of answering.
MAX_ID = 2**31 - 1

# ASCII digits only: str.isdigit() also accepts "²" and "٣", which int() refuses or reads.
ASCII_DIGITS = re.compile(r"[0-9]+")
TOO_BIG = 10**30


def whole_number(value):
    """A whole number from text a visitor sent, or None."""
    if not isinstance(value, str) or not ASCII_DIGITS.fullmatch(value):
        return None
    # int() of thousands of digits is slow or refused; a number this long is just too big.
    return int(value) if len(value) <= 30 else TOO_BIG


def row_id(value):
    """A row id from text a visitor sent, or None."""
    number = whole_number(value)
    return number if number and number <= MAX_ID else None
