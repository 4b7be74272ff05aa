"""One comment in full, for a moderator: its text with the flagged words marked, the screen's
reasons, its author's history, and the four decisions (approve, reject, spam, ban).
"""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from comments import moderation, reports
from comments.body_html import highlight
from comments.models import Comment
from comments.moderation_views.decision_forms import BanForm, RejectForm
from comments.moderation_views.listing import RULE_LABELS, SHORTCUTS_ON_COMMENT, with_history
from comments.moderation_views.position import back_to, neighbour_addresses, neighbours

# Each decision form has its own prefix, so every field on the page has one id and one name.
REJECT_PREFIX = "reject"
BAN_PREFIX = "ban"

UNPROVEN_BAN = (
    "This comment's address was never proven, so it may be someone else's: banning it could "
    "ban a person who did not write this. Reject it or mark it as spam instead."
)


class ModerateView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """One comment in full, with its flags and reasons, and the four decisions."""

    permission_required = moderation.MODERATE
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
        next_url = get_valid_next_url_from_request(self.request)
        previous_url, following_url = neighbour_addresses(self.request, next_url, comment.pk)
        open_reports = list(reports.open_reports_of(comment))
        initial = self.reason_initial()
        return super().get_context_data(
            comment=comment,
            highlighted=highlight(comment.body, words),
            flags=flags_by_rule(comment.flags),
            reject_form=kwargs.get("reject_form")
            or RejectForm(initial=initial, prefix=REJECT_PREFIX),
            ban_form=kwargs.get("ban_form") or BanForm(initial=initial, prefix=BAN_PREFIX),
            reject_ready=bool(initial["reason"]),
            next_url=next_url,
            previous_url=previous_url,
            following_url=following_url,
            open_reports=open_reports,
            report_counts=reports.counts_by_reason(open_reports),
            report_notes=[r for r in open_reports if r.note],
            shortcuts=SHORTCUTS_ON_COMMENT,
        )

    def reason_initial(self):
        reason = moderation.rule_of_first_flag(self.comment)
        return {"reason": reason or reports.most_reported_rule(self.comment) or None}

    def post(self, request, pk):
        action = request.POST.get("action")
        comment, user = self.comment, request.user
        next_url = get_valid_next_url_from_request(request)
        # Worked out before deciding: afterwards the comment may have left this queue.
        previous, following = neighbours(request, next_url, comment.pk)
        if action == "dismiss" or (action == "approve" and comment.open_reports):
            reports.dismiss(comment, user)
            messages.success(request, "Reports dismissed; the comment stays published.")
        elif action == "approve":
            done = moderation.approve(comment, user)
            messages.success(
                request, "Comment approved and published." if done else "Already approved."
            )
        elif action == "spam":
            moderation.mark_spam(comment, user)
            messages.success(request, "Comment marked as spam.")
        elif action == "reject":
            form = RejectForm(request.POST, prefix=REJECT_PREFIX)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(reject_form=form))
            moderation.reject(comment, user, **form.cleaned_data)
            messages.success(request, "Comment rejected.")
        elif action == "ban":
            form = BanForm(request.POST, prefix=BAN_PREFIX)
            if not form.is_valid() or comment.commenter is None:
                return self.render_to_response(self.get_context_data(ban_form=form))
            if moderation.ban(comment, user, **form.cleaned_data) is None:
                messages.error(request, UNPROVEN_BAN)
                return redirect(request.path)
            messages.success(request, "Commenter banned; their waiting comments are rejected.")
        else:
            raise PermissionDenied("Unknown action.")
        return redirect(back_to(next_url, following or previous))


def flags_by_rule(flags):
    """What the screen found, one entry per rule: its words together, each reason once."""
    grouped = {}
    for flag in flags:
        entry = grouped.setdefault(
            flag["rule"],
            {"label": RULE_LABELS.get(flag["rule"], flag["rule"]), "words": [], "reasons": []},
        )
        entry["words"] += [w for w in flag.get("words", []) if w not in entry["words"]]
        if flag.get("reason") and flag["reason"] not in entry["reasons"]:
            entry["reasons"].append(flag["reason"])
    return list(grouped.values())
