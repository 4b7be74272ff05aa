"""Which query parameters make a different page, and the cache key built from only those.

Links shared on social media arrive with `?utm_source=...`, `?fbclid=...` or `?gclid=...`, and
anyone can add `?x=<random>`: if each of those were a page of its own, every visit would be a
fresh render and one client could keep every worker busy. So the cache key keeps only the
parameters that pages declare they read (`register_page_parameter`, called by the apps that
own such pages: the news index's `page`, for one), and the view that renders the page for the
cache is shown only those, so nothing else can make its copy differ from the key it is stored
under. A declared parameter whose value could not be a page number is left out too, so that
`?page=abc` is the first page and not one more copy of it, and every number past the last
page is the same key.

Searches (`q`) are never cached at all: see pagecache/middleware.py.
"""

import hashlib

from django.http import QueryDict

_declared = {}


def register_page_parameter(name, normalise=None):
    """Declare that some page reads `name` from the query string. `normalise` maps a value to
    its canonical form, or to None when the value is as good as absent."""
    _declared[name] = normalise or (lambda value: value)


# Page numbers past this are all "past the end", which the paginator answers with the last page.
LARGEST_PAGE_NUMBER = 10_000


def whole_page_number(value):
    """A page number as the paginator reads it (any decimal digits, as `int()` does); 1 and
    anything not a number count as absent, and every number past the end is one key."""
    value = value.strip()
    if not value.isdecimal():
        return None
    if len(value) > len(str(LARGEST_PAGE_NUMBER)):
        return str(LARGEST_PAGE_NUMBER)
    number = min(int(value), LARGEST_PAGE_NUMBER)
    return str(number) if number > 1 else None


def kept_parameters(query):
    """The declared parameters of a QueryDict, normalised, in a stable order."""
    kept = []
    for name in sorted(_declared):
        values = query.getlist(name)
        if not values:
            continue
        value = _declared[name](values[-1])
        if value is not None:
            kept.append((name, value))
    return kept


def cache_key(host, path, query):
    kept = "&".join(f"{name}={value}" for name, value in kept_parameters(query))
    raw = f"{host}|{path}?{kept}"
    return f"page-cache:{hashlib.sha256(raw.encode()).hexdigest()}"


def only_declared(query):
    """A QueryDict holding only what the cache key holds."""
    trimmed = QueryDict(mutable=True)
    for name, value in kept_parameters(query):
        trimmed[name] = value
    trimmed._mutable = False
    return trimmed
