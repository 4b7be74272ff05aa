"""Strip what a platform adds to a post, so a model learns wording, not where it was posted.

The public training sets are tweets and Gab posts: retweet markers, handles, links,
``<user>`` placeholders and HTML entities say which data set a post came from, not whether
it is civil. Training strips them, and so does ``manage.py civility_eval --clean``, so the
screen and the baselines it is compared with read the same words. Comments on this site
carry none of it, so the screen itself never needs this.
"""

from __future__ import annotations

import html
import re

PLATFORM_NOISE = re.compile(
    r"(?:^|\s)RT\b|@\w+:?|https?://\S+|<user>|<number>|<url>|&\w+;|#(?=\w)", re.IGNORECASE
)


def strip_platform_noise(text: str) -> str:
    """Strip retweet markers, handles, links and placeholders; keep the words."""
    text = html.unescape(html.unescape(text))
    return re.sub(r"\s+", " ", PLATFORM_NOISE.sub(" ", text)).strip()
