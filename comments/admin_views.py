"""The moderation queue in the Wagtail admin: listing, filters, one comment's page, bulk actions.

Registered in wagtail_hooks.py. Every change is a POST, checked against the
`comments.moderate_comment` permission, and written to Wagtail's audit log.
"""

import django_filters
from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView

from comments import moderation, queue_counts
from comments.models import Comment
from comments.models.policy import RULE_CHOICES
from comments.text import highlight

MODERATE = "comments.moderate_comment"

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
UNPROVEN_BAN = (
    "This comment's address was never proven, so it may be someone else's: banning it could "
    "ban a person who did not write this. Reject it or mark it as spam instead."
)


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


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label="Policy reason", choices=RULE_CHOICES, help_text="Which rule the comment breaks."
    )
    note = forms.CharField(
        label="Note for other moderators", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BanForm(forms.Form):
    reason = forms.ChoiceField(
        label="Policy reason", choices=[("", "—"), *RULE_CHOICES], required=False
    )
    until = forms.DateTimeField(
        label="Banned until",
        required=False,
        help_text="Leave blank to ban for good.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ModerateView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """One comment in full, with its flags and reasons, and the four decisions."""

    permission_required = MODERATE
    # Signed-in people without the permission get a 403, not a login loop.
    raise_exception = True
    template_name = "comments/admin/moderate.html"
    header_icon = "comment"
    page_title = "Moderate comment"

    def dispatch(self, request, pk):
        queryset = with_history(Comment.objects.select_related("page", "commenter", "parent"))
        self.comment = get_object_or_404(queryset, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.comment.name

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailsnippets_comments_comment:list"), "label": "Comments"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        comment = self.comment
        words = [word for flag in comment.flags for word in flag.get("words", [])]
        return super().get_context_data(
            comment=comment,
            highlighted=highlight(comment.body, words),
            flags=[{**f, "label": RULE_LABELS.get(f["rule"], f["rule"])} for f in comment.flags],
            reject_form=kwargs.get("reject_form") or RejectForm(initial=self.reason_initial()),
            ban_form=kwargs.get("ban_form") or BanForm(initial=self.reason_initial()),
            next_url=get_valid_next_url_from_request(self.request),
        )

    def reason_initial(self):
        return {"reason": moderation.rule_of_first_flag(self.comment) or None}

    def post(self, request, pk):
        action = request.POST.get("action")
        comment, user = self.comment, request.user
        if action == "approve":
            done = moderation.approve(comment, user)
            messages.success(
                request, "Comment approved and published." if done else "Already approved."
            )
        elif action == "spam":
            moderation.mark_spam(comment, user)
            messages.success(request, "Comment marked as spam.")
        elif action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(reject_form=form))
            moderation.reject(comment, user, **form.cleaned_data)
            messages.success(request, "Comment rejected.")
        elif action == "ban":
            form = BanForm(request.POST)
            if not form.is_valid() or comment.commenter is None:
                return self.render_to_response(self.get_context_data(ban_form=form))
            if moderation.ban(comment, user, **form.cleaned_data) is None:
                messages.error(request, UNPROVEN_BAN)
                return redirect(request.path)
            messages.success(request, "Commenter banned; their waiting comments are rejected.")
        else:
            raise PermissionDenied("Unknown action.")
        next_url = get_valid_next_url_from_request(request)
        return redirect(next_url or reverse("wagtailsnippets_comments_comment:list"))


# Bulk actions ---------------------------------------------------------------------------------


class CommentBulkAction(SnippetBulkAction):
    models = [Comment]
    template_name = "comments/admin/bulk_confirm.html"

    def check_perm(self, obj):
        return self.request.user.has_perm(MODERATE)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verb"] = self.display_name
        return context

    def get_execution_context(self):
        context = super().get_execution_context()
        context["user"] = self.request.user
        context["data"] = self.cleaned_form.cleaned_data if self.cleaned_form else {}
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{self.display_name}: {num_parent_objects} comment(s)."


class ApproveBulkAction(CommentBulkAction):
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve the selected comments"
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderation.approve_many(objects, user), 0


class RejectBulkAction(CommentBulkAction):
    display_name = "Reject"
    action_type = "reject"
    aria_label = "Reject the selected comments with a policy reason"
    action_priority = 20
    form_class = RejectForm

    @classmethod
    def execute_action(cls, objects, user=None, data=None, **kwargs):
        with transaction.atomic():  # one commit for the whole selection, not one per comment
            return sum(moderation.reject(c, user, **data) for c in objects), 0


class SpamBulkAction(CommentBulkAction):
    display_name = "Mark as spam"
    action_type = "spam"
    aria_label = "Mark the selected comments as spam"
    action_priority = 30

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        with transaction.atomic():  # one commit for the whole selection, not one per comment
            return sum(moderation.mark_spam(c, user) for c in objects), 0


class BanBulkAction(CommentBulkAction):
    display_name = "Ban commenters"
    action_type = "ban"
    aria_label = "Ban the authors of the selected comments"
    action_priority = 40
    form_class = BanForm
    classes = {"serious"}

    @classmethod
    def execute_action(cls, objects, user=None, data=None, **kwargs):
        banned = set()
        for comment in objects:
            if not comment.commenter_id or comment.commenter_id in banned:
                continue
            # None for a comment whose address was never proven: nobody is banned.
            if moderation.ban(comment, user, **data) is not None:
                banned.add(comment.commenter_id)
        return len(banned), 0


def waiting_counts():
    """Pending and flagged, for the menu badge and the dashboard: every admin page shows it."""
    return queue_counts.cached(
        "waiting",
        lambda: Comment.objects.aggregate(
            pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
            flagged=Count("pk", filter=Q(status=Comment.Status.PENDING, flagged=True)),
        ),
    )
