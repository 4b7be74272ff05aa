"""Paths and URLs as a log may keep them: no query string, and no token.

Query strings carry what people typed (an admin search for a supporter's email address, a
news search) and paths carry live secrets: petition confirmations (<petition>/confirm/<token>/),
comment confirmations (/comments/confirm/<token>/), unsubscribes (/comments/unsubscribe/<token>/
and /api/comments/subscriptions/<token>/) and Django's password resets
(/admin/password_reset/confirm/<uid>/<token>/). Anyone who reads a log line with such a link
could confirm, unsubscribe or reset in that person's name.

So a logged path keeps its shape and loses the rest: the query string and fragment go, every
segment after a segment that names a token route is replaced, and so is any other segment that
looks like a token (a signed value with ":" in it, or a long mix of letters and digits), for
token routes added later under other names.
"""

import re
from urllib.parse import unquote, urlsplit, urlunsplit

REDACTED = "[token]"
# Segments after which every segment is a secret (or leads to one).
TOKEN_ROUTES = frozenset({"confirm", "unsubscribe", "subscriptions"})
# A signed value (Django's signing puts ":" between its parts), or a long run of URL-safe
# base64 with upper case, lower case and digits mixed, as no page slug is.
LONG_MIXED = re.compile(r"(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])[A-Za-z0-9_=-]{20,}\Z")


def looks_like_token(segment):
    text = unquote(segment)
    return ":" in text or bool(LONG_MIXED.match(text))


def private_path(path):
    """`path` (possibly with a query string) as it may be logged."""
    path = (path or "").split("?", 1)[0].split("#", 1)[0]
    segments = path.split("/")
    secret = False
    for index, segment in enumerate(segments):
        if (secret and segment) or looks_like_token(segment):
            segments[index] = REDACTED
        secret = secret or unquote(segment).lower() in TOKEN_ROUTES
    return "/".join(segments)


def private_url(url):
    """A URL or a path (a Referer, a Location, a request target) as it may be logged."""
    if not url or url == "-":
        return url
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return private_path(url)
    # Keep the scheme and host, never the user:password@ some links carry.
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, private_path(parts.path), "", ""))
