"""Log records without query strings or tokens, whichever logger or handler writes them.

Django logs the path of every 4xx and 5xx answer ("Not Found: /comments/confirm/<token>/"),
its CSRF check logs refusals the same way, the database-unavailable page logs the path of each
request it answers, and the development server logs whole request lines with their query
strings. Any of these can carry a live confirmation or unsubscribe token, or what someone typed
into a search.

Rather than a filter on each logger or handler (a handler added later, an error tracker's
for example, would see the raw record), the record factory itself makes every path-like
argument private (core/private_paths.py) as the record is created, so no handler ever sees the
original. Only the arguments are touched: the message templates are the code's own text.
"""

import logging
import re

from core.private_paths import private_url

# "GET /path?query HTTP/1.1", as the development server and some proxies log a request.
REQUEST_LINE = re.compile(r"\A([A-Z]+) (\S+) (HTTP/[0-9.]+)\Z")


def private_arg(value):
    """A log argument made private if it is a path, a URL or a request line."""
    if not isinstance(value, str):
        return value
    if value.startswith(("/", "http://", "https://")):
        return private_url(value)
    line = REQUEST_LINE.match(value)
    if line:
        method, target, protocol = line.groups()
        return f"{method} {private_url(target)} {protocol}"
    return value


def _private_record_factory(make_record):
    def make_private_record(*args, **kwargs):
        record = make_record(*args, **kwargs)
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(private_arg(value) for value in record.args)
        return record

    make_private_record.keeps_paths_private = True
    return make_private_record


def keep_paths_private_in_logs():
    """Install the private record factory for this process; safe to call more than once."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "keeps_paths_private", False):
        logging.setLogRecordFactory(_private_record_factory(current))
