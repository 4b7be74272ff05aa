"""What the comment section under a story shows, kept between renders.

A story is rendered again whenever something it shows changes, and mostly that is its
comments; the conversations are then worked out and drawn afresh once, and every render after
that (another order, the page after the cache copy expired, a CDN asking again) takes them from
the shared cache in the same round trip as the page's other pieces.

Kept under the story's own version (`page:<id>`) and the site's: every change to what the
conversations show (a comment published, edited, withdrawn, hidden by reports, shown again,
erased or deleted) makes the story stale through `pagecache.invalidation.page_changed` or
`pagecache.forget`, and with it this piece; the site's version covers settings (page size,
reply depth) and pages moved or deleted.

The list is the same for every reader: what a visitor wrote and is still waiting is added in
their browser only (comments/views.py, `mine`).
"""

from dataclasses import dataclass

from django.template.loader import render_to_string

from comments.models import CommentSettings
from comments.threads import conversations, order_from
from pagecache import fragments, versions


@dataclass(frozen=True)
class ShownConversations:
    total: int
    top_level: int
    shown: int
    html: str

    @property
    def more(self):
        return self.top_level > self.shown


def on_story(request, page):
    """(the site's comment options, the order, ShownConversations) for `request`: the
    site's page size, the visitor's `?sort=`. Kept on the request too, so the count under the
    byline and the section below read one result."""
    kept = request.__dict__.setdefault("_story_conversations", {})
    if page.pk not in kept:
        options = CommentSettings.for_request(request)
        order = order_from(request.GET)
        kept[page.pk] = (options, order, first_conversations(page, options, order))
    return kept[page.pk]


def first_conversations(page, options, order):
    return fragments.cached(
        f"conversations:{page.pk}:{order}:{options.comments_per_page}:{options.max_depth}",
        {versions.SITE, versions.page_dependency(page.pk)},
        lambda: drawn(page, options, order),
    )


def drawn(page, options, order):
    found = conversations(page, limit=options.comments_per_page, order=order)
    html = render_to_string(
        "comments/conversation_list.html",
        {"nodes": found.nodes, "max_depth": options.max_depth},
    )
    return ShownConversations(found.total, found.top_level, len(found.nodes), html)
