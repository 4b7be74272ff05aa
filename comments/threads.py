"""Approved comments arranged in conversations, in a fixed number of queries.

One query fetches a page of top comments with the counts beside each row, one fetches every
reply in those conversations (each comment knows its conversation), whatever the number or
depth of replies. A page past the last conversation counts with a query of its own.
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery, Window

from comments.models import Comment

LISTED_FIELDS = ("id", "page_id", "parent_id", "thread_id", "depth", "name", "body", "created_at")


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


def conversations(page, offset=0, limit=10):
    """A page of conversations, newest first; replies oldest first beneath their parent."""
    approved = Comment.objects.approved().filter(page=page).only(*LISTED_FIELDS)
    tops = list(
        approved.filter(parent__isnull=True)
        .annotate(total_count=all_approved_on(page), top_level_count=Window(Count("pk")))
        .order_by("-created_at", "-pk")[offset : offset + limit]
    )
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
