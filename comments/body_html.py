"""Comment text as HTML: plain text only, escaped, paragraphs kept, links made nofollow."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
# Punctuation that ends a sentence rather than the address.
TRAILING = ".,;:!?)]}'\""


def _link(url):
    trail = ""
    while url and url[-1] in TRAILING:
        trail = url[-1] + trail
        url = url[:-1]
    href = escape(url)
    return f'<a href="{href}" rel="nofollow ugc noopener">{href}</a>{escape(trail)}'


def _line(text):
    parts, last = [], 0
    for match in URL.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(_link(match.group(0)))
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


def render_body(text):
    """Blank lines separate paragraphs; single line breaks are kept."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(_line(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every piece above is escaped


def highlight(text, words):
    """The comment with the words the screen flagged marked, for moderators."""
    text = " ".join(text.split())
    words = sorted({w for w in words if w.strip()}, key=len, reverse=True)
    if not words:
        return escape(text)
    # Matched on the text as written, then each piece escaped: matching the escaped text would
    # let a word such as "lt" split an entity ("&lt;") and show it as code.
    # One pass, longest first, so a mark is never placed inside another.
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
