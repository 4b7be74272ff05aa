"""The moderation queue: which comments are listed, in what order, and what each row shows.

Pending comments by default, ordered by the civility screen's score (most hostile first; the
header's button switches to newest first and back); each row says why it was flagged and how
many of its author's comments were approved and rejected before, counted in the same query.
Counts of each queue are taken once per change of any comment and shared
(comments/queue_counts.py), for the paginator here and for the menu badge and the dashboard
(`waiting_counts`).
"""

from collections import Counter
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.forms.utils import flatatt
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
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, Table
from wagtail.admin.widgets import AdminPageChooser, HeaderButton
from wagtail.models import Page
from wagtail.snippets.views.snippets import IndexView

from comments import queue_counts
from comments.body_html import highlight
from comments.models import Comment, CommentReport
from comments.reports import counts_by_reason
from comments.screen_choices import RULE_CHOICES

QUEUES = [
    ("pending", "Pending"),
    ("flagged", "Flagged"),
    ("reported", "Reported by readers"),
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
# How the site writes a date and time (en-GB, as the story pages do).
EN_GB_DATETIME = "j F Y, H:i"
# The queue's own address minus what only an AJAX refresh or a page link adds: where the
# moderator returns after deciding on one comment.
TRANSIENT_PARAMETERS = ("_w_filter_fragment",)
# Shown on the queue and on each comment's page; static/js/comment-queue-keys.js acts on them.
SHORTCUTS = [
    ("j", "next comment"),
    ("k", "previous comment"),
    ("Enter", "open it"),
    ("a", "approve"),
    ("r", "reject with the screen's or readers' reason"),
]
SHORTCUTS_ON_COMMENT = [
    ("j", "next comment in the queue"),
    ("k", "previous comment in the queue"),
    ("a", "approve (or, if readers reported it, keep it published)"),
    ("r", "reject (with the reason chosen below)"),
]


def in_queue(queryset, queue):
    if queue == "flagged":
        return queryset.filter(status=Comment.Status.PENDING, flagged=True)
    if queue == "reported":
        return queryset.filter(open_reports__gt=0)
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
    # One commenter's comments: the Bans list links here. A hidden field, as there is no
    # sensible list of every commenter to choose from.
    commenter = django_filters.NumberFilter(
        field_name="commenter", label="Commenter", widget=forms.HiddenInput
    )
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
    """Wagtail's bulk-action checkbox, the same markup built without a template.

    Named for its comment: "Select the comment by <name>" (its own label, then the name in
    the comment column), described by the comment's text, so a screen reader says which
    comment a checkbox selects rather than only "Select"."""

    def render_cell_html(self, instance, parent_context):
        pk = quote(instance.pk)
        return format_html(
            '<td class="bulk-action-checkbox-cell"><input type="checkbox" data-object-id="{}" '
            'data-bulk-action-checkbox class="bulk-action-checkbox" id="comment_{}_select" '
            'aria-label="Select the comment by" aria-labelledby="comment_{}_select {}" '
            'aria-describedby="comment_{}_text" /></td>',
            pk,
            pk,
            pk,
            self.get_aria_describedby(instance),
            pk,
        )


class PostedColumn(HtmlColumn):
    """How long ago, with the date and time in a tooltip, as Wagtail's listings show dates."""

    def cell_content(self, instance):
        posted = localtime(instance.created_at)
        return format_html(
            '<button type="button" class="w-human-readable-date" data-controller="w-tooltip" '
            'data-w-tooltip-content-value="{}" data-w-tooltip-placement-value="top">'
            '<time class="w-human-readable-date__date" datetime="{}">{}</time></button>',
            date_format(posted, EN_GB_DATETIME),
            posted.isoformat(),
            capfirst(timesince_simple(posted)),
        )


def queue_address(request):
    """This view of the queue (filters, order, page) as a path, to come back to."""
    query = request.GET.copy()
    for name in TRANSIENT_PARAMETERS:
        query.pop(name, None)
    path = reverse("wagtailsnippets_comments_comment:list")
    return f"{path}?{query.urlencode()}" if query else path


def moderate_address(pk, back):
    return f"{reverse('comments_moderate', args=[pk])}?{return_query(back)}"


def return_query(back):
    """The query that brings the moderator back to `back` after deciding."""
    return urlencode({"next": back})


def reject_reason(instance):
    """The reason "r" rejects with from the queue: the screen's first rule, else the rule
    readers reported most (from the prefetched reports), else none (the comment's page asks)."""
    if instance.flags:
        return instance.flags[0]["rule"]
    reported = [
        r.reason for r in getattr(instance, "open_report_list", []) if r.reason in RULE_LABELS
    ]
    return Counter(reported).most_common(1)[0][0] if reported else ""


class CommentColumn(HtmlColumn):
    """The commenter's name, linking to the comment's page (and back to this view of the
    queue), and the text with the words the screen flagged marked."""

    def __init__(self, *args, back="", **kwargs):
        super().__init__(*args, **kwargs)
        # The same for every row: worked out once per view of the queue.
        self.next_query = return_query(back)

    def cell_content(self, instance):
        words = [word for flag in instance.flags for word in flag.get("words", [])]
        pk = quote(instance.pk)
        moderate_url = reverse("comments_moderate", args=[instance.pk])
        return format_html(
            # The name's id is what names the row's checkbox, for screen readers; the link
            # and its data are what the queue's keyboard shortcuts act on.
            '<a id="snippet_{}_title" href="{}?{}" class="comment-cell__link" data-queue-comment '
            'data-moderate-url="{}" data-reject-reason="{}"><strong>{}</strong></a>'
            '<div class="comment-cell__text" id="comment_{}_text">{}</div>{}',
            pk,
            moderate_url,
            self.next_query,
            moderate_url,
            reject_reason(instance),
            instance.name,
            pk,
            highlight(Truncator(instance.body).chars(400), words),
            mark_safe("<small>Reply in a conversation</small>") if instance.parent_id else "",
        )


class FlagsColumn(HtmlColumn):
    """The rules the screen flagged, its score (lists and wording together, the queue's
    order), the wording's own score (what the thresholds test) and its decision."""

    def cell_content(self, instance):
        # One chip per rule, however many words or list entries found it.
        rules = dict.fromkeys(RULE_LABELS.get(f["rule"], f["rule"]) for f in instance.flags)
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


class ReportsColumn(HtmlColumn):
    """Readers' open reports: how many, per reason, and whether they have hidden it."""

    def cell_content(self, instance):
        by_reason = counts_by_reason(getattr(instance, "open_report_list", []))
        chips = format_html_join(
            " ",
            '<span class="w-status w-status--label comment-report-chip">{} × {}</span>',
            ((label, n) for label, n in by_reason),
        )
        hidden = (
            mark_safe(" · <strong>hidden from readers</strong>")
            if instance.hidden_at
            else mark_safe(" · still shown to readers")
        )
        number = instance.open_reports
        return format_html(
            "{} <div><small>{} report{}{}</small></div>",
            chips,
            number,
            "" if number == 1 else "s",
            hidden,
        )


class HistoryColumn(HtmlColumn):
    def cell_content(self, instance):
        return f"{instance.approved_count} approved · {instance.rejected_count} rejected"


class QueueTable(Table):
    """Wagtail's listing table, with its rows joined in Python: every cell of the queue is
    built in Python already (`HtmlColumn`), and going through the template's component tag
    for each of them cost more than the cells themselves. The header is Wagtail's."""

    template_name = "comments/admin/queue_table.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["body_html"] = self.body_html(context)
        return context

    def body_html(self, context):
        columns = list(self.columns.values())
        return format_html_join(
            "",
            "<tr{}>{}</tr>",
            (
                (
                    flatatt(self.get_row_attrs(instance)),
                    mark_safe(  # noqa: S308 - each cell is built by format_html
                        "".join(column.render_cell_html(instance, context) for column in columns)
                    ),
                )
                for instance in self.data
            ),
        )


class QueuePaginator(WagtailPaginator):
    """Counts each filtered queue once per change of any comment, not once per page view."""

    @cached_property
    def count(self):
        return queue_counts.count(self.object_list)


class QueueIndexView(IndexView):
    """The queue: pending by default, most hostile first; each row says why it was flagged."""

    filterset_class = CommentFilterSet
    paginator_class = QueuePaginator
    table_class = QueueTable

    def get_base_queryset(self):
        queryset = with_history(super().get_base_queryset().select_related("page"))
        if self.reported_queue:
            # One query for the page's reports, not one per row.
            open_reports = CommentReport.objects.filter(resolved_at__isnull=True)
            queryset = queryset.prefetch_related(
                Prefetch("reports", queryset=open_reports, to_attr="open_report_list")
            )
        return queryset

    @cached_property
    def reported_queue(self):
        return self.request.GET.get("queue") == "reported"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["shortcuts"] = SHORTCUTS
        context["queue_address"] = self.address
        return context

    @cached_property
    def address(self):
        """This view of the queue, once per view: the rows and the shortcut form return to it."""
        return queue_address(self.request)

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
            CommentColumn("body", label="Comment", classname="comment-cell", back=self.address),
            HtmlColumn("page", label="Page", accessor="page.title"),
            FlagsColumn("flags", label="Flags and score"),
            *([ReportsColumn("reports", label="Readers’ reports")] if self.reported_queue else []),
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
            reported=Count("pk", filter=Q(open_reports__gt=0)),
        ),
    )
