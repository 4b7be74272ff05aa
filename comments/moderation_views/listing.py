"""The moderation queue: which comments are listed, in what order, and what each row shows.

Pending comments by default, ordered by the civility screen's score (most hostile first; the
header's button switches to newest first and back); each row says why it was flagged and how
many of its author's comments were approved and rejected before, counted in the same query.
Counts of each queue are taken once per change of any comment and shared
(comments/queue_counts.py), for the paginator here and for the menu badge and the dashboard
(`waiting_counts`).
"""

import django_filters
from django.contrib.admin.utils import quote
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.timezone import localtime
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.admin.widgets import AdminPageChooser, HeaderButton
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
ORDERS = [
    ("score", "Most hostile first"),
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("flagged", "Flagged first"),
]
# Each order ends in the primary key, so pages never share or skip a row; the indexes on
# Comment (status, -score, -created_at, -id) and (status, flagged, ...) serve the first two
# as written, so a page of the pending or flagged queue reads twenty index entries, not
# every waiting row.
ORDER_BY = {
    "score": ("-score", "-created_at", "-pk"),
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
    # A chooser, not a list of every page: a site with thousands of stories would otherwise
    # render thousands of options on every view of the queue.
    page = django_filters.ModelChoiceFilter(
        label="Page",
        queryset=Page.objects.filter(depth__gt=1),
        widget=AdminPageChooser(show_edit_link=False, show_clear_link=True),
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
        # The queue a moderator lands on: pending, the screen's most hostile first, so
        # working it top-down meets the worst abuse in the first screenful.
        data = data.copy() if data is not None else {}
        data.setdefault("queue", "pending")
        data.setdefault("order", "score")
        super().__init__(data, *args, **kwargs)

    def filter_queue(self, queryset, name, value):
        return in_queue(queryset, value)

    def filter_rule(self, queryset, name, value):
        return queryset.filter(rules__contains=f",{value},")

    def filter_order(self, queryset, name, value):
        return queryset.order_by(*ORDER_BY.get(value, ORDER_BY["score"]))


class HtmlColumn(Column):
    """A column whose cell is built in Python rather than by a template.

    The queue renders seven cells for each of its rows on every view; formatting them
    directly saves a template render per cell, the largest cost of the page after Wagtail's
    own frame. Everything interpolated is escaped by `format_html`."""

    def render_cell_html(self, instance, parent_context):
        content = self.cell_content(instance)
        if self.classname:
            return format_html('<td class="{}">{}</td>', self.classname, content)
        return format_html("<td>{}</td>", content)

    def cell_content(self, instance):
        value = self.get_value(instance)
        return "" if value is None else value


class CheckboxColumn(BulkActionsCheckboxColumn):
    """Wagtail's bulk-action checkbox, the same markup built without a template."""

    def render_cell_html(self, instance, parent_context):
        return format_html(
            '<td class="bulk-action-checkbox-cell"><input type="checkbox" data-object-id="{}" '
            'data-bulk-action-checkbox class="bulk-action-checkbox" aria-label="Select" '
            'aria-describedby="{}" /></td>',
            quote(instance.pk),
            self.get_aria_describedby(instance),
        )


class PostedColumn(HtmlColumn):
    """How long ago, with the date and time in a tooltip, as Wagtail's listings show dates."""

    def cell_content(self, instance):
        posted = localtime(instance.created_at)
        return format_html(
            '<button type="button" class="w-human-readable-date" data-controller="w-tooltip" '
            'data-w-tooltip-content-value="{}" data-w-tooltip-placement-value="top">'
            '<time class="w-human-readable-date__date" datetime="{}">{}</time></button>',
            date_format(posted, "DATETIME_FORMAT"),
            posted.isoformat(),
            capfirst(timesince_simple(posted)),
        )


class CommentColumn(HtmlColumn):
    def cell_content(self, instance):
        words = [word for flag in instance.flags for word in flag.get("words", [])]
        return format_html(
            # The name's id is what the row's checkbox is described by, for screen readers.
            '<a id="snippet_{}_title" href="{}" class="comment-cell__link"><strong>{}</strong></a>'
            '<div class="comment-cell__text">{}</div>{}',
            quote(instance.pk),
            reverse("comments_moderate", args=[instance.pk]),
            instance.name,
            highlight(Truncator(instance.body).chars(400), words),
            mark_safe("<small>Reply in a conversation</small>") if instance.parent_id else "",
        )


class FlagsColumn(HtmlColumn):
    """The rules the screen flagged, its score (lists and wording together, the queue's
    order), the wording's own score (what the thresholds test) and its decision."""

    def cell_content(self, instance):
        rules = [RULE_LABELS.get(f["rule"], f["rule"]) for f in instance.flags]
        labels = format_html_join(
            " ", '<span class="w-status w-status--label">{}</span>', ((r,) for r in rules)
        ) or mark_safe('<span class="w-text-grey-400">No flags</span>')
        wording = (
            f" (wording {instance.model_score:.2f})" if instance.model_score is not None else ""
        )
        return format_html(
            "{} <div><small>Score {}{} · screen said {}</small></div>",
            labels,
            f"{instance.score:.2f}",
            wording,
            instance.get_decision_display().lower(),
        )


class HistoryColumn(HtmlColumn):
    def cell_content(self, instance):
        return f"{instance.approved_count} approved · {instance.rejected_count} rejected"


class QueuePaginator(WagtailPaginator):
    """Counts each filtered queue once per change of any comment, not once per page view."""

    @cached_property
    def count(self):
        return queue_counts.count(self.object_list)


class QueueIndexView(IndexView):
    """The queue: pending by default, most hostile first; each row says why it was flagged."""

    filterset_class = CommentFilterSet
    paginator_class = QueuePaginator

    def get_base_queryset(self):
        return with_history(super().get_base_queryset().select_related("page"))

    @cached_property
    def header_buttons(self):
        """One click between the two orders moderators work in: most hostile and newest."""
        chosen = self.request.GET.get("order") or "score"
        order, label = (
            ("score", "Most hostile first") if chosen == "newest" else ("newest", "Newest first")
        )
        query = self.request.GET.copy()
        for transient in (self.page_kwarg, "_w_filter_fragment"):
            query.pop(transient, None)
        query["order"] = order
        button = HeaderButton(label, url=f"{self.index_url}?{query.urlencode()}", icon_name="order")
        return [*super().header_buttons, button]

    @cached_property
    def columns(self):
        return [
            CheckboxColumn("bulk_actions", obj_type="snippet"),
            CommentColumn("body", label="Comment", classname="comment-cell"),
            HtmlColumn("page", label="Page", accessor="page.title"),
            FlagsColumn("flags", label="Flags and score"),
            HistoryColumn("history", label="Commenter’s history"),
            HtmlColumn("status", label="Status", accessor="get_status_display"),
            PostedColumn("created_at", label="Posted"),
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
