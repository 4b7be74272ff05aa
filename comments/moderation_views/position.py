"""Where a comment sits in the view of the queue a moderator came from, so that deciding on it
(or pressing j and k on its page) leads to its neighbour in that same view: same queue,
filters, order and page, rather than back to the top of the pending queue.

The view is the `next` address the queue's links carry (listing.py, `moderate_address`). Only
the ids of its page are read (at most `PER_PAGE` of them), through the queue's own filters, so
the order is exactly the one the moderator was looking at.
"""

from urllib.parse import urlsplit

from django.http import QueryDict
from django.urls import reverse

from comments.models import Comment
from comments.moderation_views.listing import CommentFilterSet, moderate_address

PER_PAGE = 25  # the queue's list_per_page (comments/wagtail_hooks.py)
PAGE_PARAMETER = "p"  # Wagtail's listings' page parameter


def neighbours(request, back, pk):
    """(previous id, next id) of comment `pk` on the page of the queue `back` shows."""
    parts = urlsplit(back or "")
    if parts.path != reverse("wagtailsnippets_comments_comment:list"):
        return None, None
    query = QueryDict(parts.query)
    filters = CommentFilterSet(query, queryset=Comment.objects.all(), request=request)
    if not filters.is_valid():
        return None, None
    try:
        number = max(int(query.get(PAGE_PARAMETER, "1")), 1)
    except ValueError:
        number = 1
    start = (number - 1) * PER_PAGE
    ids = list(filters.qs.values_list("pk", flat=True)[start : start + PER_PAGE])
    if pk not in ids:
        return None, None
    at = ids.index(pk)
    previous = ids[at - 1] if at > 0 else None
    following = ids[at + 1] if at + 1 < len(ids) else None
    return previous, following


def neighbour_addresses(request, back, pk):
    """The moderate pages of the previous and next comments, keeping the same `back`."""
    previous, following = neighbours(request, back, pk)
    return (
        moderate_address(previous, back) if previous else "",
        moderate_address(following, back) if following else "",
    )


def back_to(back, focus_pk):
    """The queue view to return to, scrolled to (and, by the queue's script, focused on) the
    comment that now comes next."""
    if not back:
        return reverse("wagtailsnippets_comments_comment:list")
    return f"{back}#snippet_{focus_pk}_title" if focus_pk else back
