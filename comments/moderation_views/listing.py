"""The moderation queue: which comments are listed, in what order, and what each row shows.

Pending comments by default, flagged first; each row says why it was flagged and how many of
its author's comments were approved and rejected before, counted in the same query. Counts of
each queue are taken once per change of any comment and shared (comments/queue_counts.py), for
the paginator here and for the menu badge and the dashboard (`waiting_counts`).
"""

import django_filters
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.models import Page
from wagtail.snippets.views.snippets import IndexView

from comments import queue_counts
from comments.body_html import highlight
from comments.models import Comment
from comments.screen_choices import RULE_CHOICES

QUEUES = [
    ("pending", "Pending"),
    ("flagged", "Flagged"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("spam", "Spam"),
    ("unconfirmed", "Awaiting email confirmation"),
    ("all", "All"),
]
ORDERS = [("flagged", "Flagged first"), ("newest", "Newest first"), ("oldest", "Oldest first")]
ORDER_BY = {
    "flagged": ("-flagged", "-created_at", "-pk"),
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
}
RULE_LABELS = dict(RULE_CHOICES)


def in_queue(queryset, queue):
    if queue == "flagged":
        return queryset.filter(status=Comment.Status.PENDING, flagged=True)
    if queue in dict(Comment.Status.choices):
        return queryset.filter(status=queue)
    return queryset


def with_history(queryset):
    """Each comment with its author's approved and rejected counts, in the same query."""

    def count(status):
        others = (
            Comment.objects.filter(commenter=OuterRef("commenter"), status=status)
            .order_by()
            .values("commenter")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(others, output_field=IntegerField()), 0)

    return queryset.annotate(
        approved_count=count(Comment.Status.APPROVED),
        rejected_count=count(Comment.Status.REJECTED),
    )


class CommentFilterSet(WagtailFilterSet):
    queue = django_filters.ChoiceFilter(
        label="Queue", choices=QUEUES, empty_label=None, method="filter_queue"
    )
    page = django_filters.ModelChoiceFilter(
        label="Page", queryset=Page.objects.filter(depth__gt=1).order_by("title")
    )
    rule = django_filters.ChoiceFilter(label="Rule", choices=RULE_CHOICES, method="filter_rule")
    created_at = django_filters.DateFromToRangeFilter(label="Posted", widget=DateRangePickerWidget)
    order = django_filters.ChoiceFilter(
        label="Order", choices=ORDERS, empty_label=None, method="filter_order"
    )

    class Meta:
        model = Comment
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # The queue a moderator lands on: pending, flagged first.
        data = data.copy() if data is not None else {}
        data.setdefault("queue", "pending")
        data.setdefault("order", "flagged")
        super().__init__(data, *args, **kwargs)

    def filter_queue(self, queryset, name, value):
        return in_queue(queryset, value)

    def filter_rule(self, queryset, name, value):
        return queryset.filter(rules__contains=f",{value},")

    def filter_order(self, queryset, name, value):
        return queryset.order_by(*ORDER_BY.get(value, ORDER_BY["flagged"]))


class CommentColumn(Column):
    cell_template_name = "comments/admin/comment_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        words = [word for flag in instance.flags for word in flag.get("words", [])]
        context["highlighted"] = highlight(Truncator(instance.body).chars(400), words)
        context["moderate_url"] = reverse("comments_moderate", args=[instance.pk])
        return context


class FlagsColumn(Column):
    cell_template_name = "comments/admin/flags_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["rules"] = [RULE_LABELS.get(f["rule"], f["rule"]) for f in instance.flags]
        return context


class HistoryColumn(Column):
    cell_template_name = "comments/admin/history_cell.html"


class QueuePaginator(WagtailPaginator):
    """Counts each filtered queue once per change of any comment, not once per page view."""

    @cached_property
    def count(self):
        return queue_counts.count(self.object_list)


class QueueIndexView(IndexView):
    """The queue: pending by default, flagged first; each row says why it was flagged."""

    filterset_class = CommentFilterSet
    paginator_class = QueuePaginator

    def get_base_queryset(self):
        return with_history(super().get_base_queryset().select_related("page"))

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="snippet"),
            CommentColumn("body", label="Comment"),
            Column("page", label="Page", accessor="page.title"),
            FlagsColumn("flags", label="Flags and score"),
            HistoryColumn("history", label="Commenter’s history"),
            Column("status", label="Status", accessor="get_status_display"),
            DateColumn("created_at", label="Posted", sort_key="created_at"),
        ]


def waiting_counts():
    """Pending and flagged, for the menu badge and the dashboard: every admin page shows it."""
    return queue_counts.cached(
        "waiting",
        lambda: Comment.objects.aggregate(
            pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
            flagged=Count("pk", filter=Q(status=Comment.Status.PENDING, flagged=True)),
        ),
    )
