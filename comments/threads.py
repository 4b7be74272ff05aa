"""Approved comments arranged in conversations, in a fixed number of queries.

One query fetches a page of top comments with the counts beside each row, one fetches every
reply in those conversations (each comment knows its conversation), whatever the number or
depth of replies. A page past the last conversation counts with a query of its own.

Conversations come newest first, oldest first, or those with the most replies first (`ORDERS`,
chosen with `?sort=` on the story and the all-comments page; comments/apps.py declares the
parameter to the page cache). A comment its author withdrew is shown, as a line saying so, only
where published replies hang from it, so that they keep their place.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce

from comments.models import Comment

LISTED_FIELDS = (
    "id", "page_id", "parent_id", "thread_id", "depth", "name", "body", "created_at", "status",
)  # fmt: skip

NEWEST, OLDEST, MOST_REPLIED = "newest", "oldest", "replies"
ORDERS = {
    NEWEST: ("-created_at", "-pk"),
    OLDEST: ("created_at", "pk"),
    MOST_REPLIED: ("-reply_count", "-created_at", "-pk"),
}
ORDER_LABELS = {NEWEST: "Newest", OLDEST: "Oldest", MOST_REPLIED: "Most replied"}


def sort_parameter(value):
    """`?sort=` as the page cache keys it: "oldest" or "replies", else None (newest, the
    default), so that no other value makes a copy of its own."""
    value = (value or "").strip().lower()
    return value if value in (OLDEST, MOST_REPLIED) else None


def order_from(query):
    return sort_parameter(query.get("sort")) or NEWEST


@dataclass
class Node:
    comment: Comment
    replies: list = field(default_factory=list)


@dataclass
class Conversations:
    total: int
    top_level: int
    nodes: list


def counts(page):
    return (
        Comment.objects.approved()
        .filter(page=page)
        .aggregate(total=Count("pk"), top_level=Count("pk", filter=Q(parent__isnull=True)))
    )


def all_approved_on(page):
    """How many approved comments the page has, replies included, as a column."""
    return Subquery(
        Comment.objects.approved()
        .filter(page=OuterRef("page"))
        .order_by()
        .values("page")
        .annotate(number=Count("pk"))
        .values("number")[:1]
    )


def replies_in_thread():
    """How many published replies a top comment's conversation holds, as a column."""
    return Coalesce(
        Subquery(
            Comment.objects.approved()
            .filter(thread=OuterRef("pk"), parent__isnull=False)
            .order_by()
            .values("thread")
            .annotate(number=Count("pk"))
            .values("number")[:1]
        ),
        Value(0),
    )


def shown():
    """Published comments (not hidden by readers' reports), and withdrawn ones that
    published replies hang from."""
    has_replies = Exists(Comment.objects.approved().filter(parent=OuterRef("pk")))
    return Comment.objects.filter(
        Q(status=Comment.Status.APPROVED, hidden_at__isnull=True)
        | Q(has_replies, status=Comment.Status.WITHDRAWN)
    )


def conversations(page, offset=0, limit=10, order=NEWEST):
    """A page of conversations in `order` (see ORDERS); replies oldest first beneath their
    parent."""
    approved = shown().filter(page=page).only(*LISTED_FIELDS)
    tops = approved.filter(parent__isnull=True).annotate(
        total_count=all_approved_on(page), top_level_count=Window(Count("pk"))
    )
    if order == MOST_REPLIED:
        tops = tops.annotate(reply_count=replies_in_thread())
    tops = list(tops.order_by(*ORDERS.get(order, ORDERS[NEWEST]))[offset : offset + limit])
    if tops:
        numbers = {"total": tops[0].total_count, "top_level": tops[0].top_level_count}
    else:
        numbers = counts(page)
    nodes = {top.pk: Node(top) for top in tops}
    if tops:
        replies = approved.filter(thread_id__in=list(nodes), parent__isnull=False)
        for reply in replies.order_by("created_at", "pk"):
            nodes[reply.pk] = Node(reply)
            # A reply whose parent is no longer published is not shown on its own.
            parent = nodes.get(reply.parent_id)
            if parent is not None:
                parent.replies.append(nodes[reply.pk])
    return Conversations(numbers["total"], numbers["top_level"], [nodes[t.pk] for t in tops])
