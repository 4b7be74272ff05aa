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

from comments import moderation
from comments.body_html import highlight
from comments.models import Comment
from comments.moderation_views.decision_forms import BanForm, RejectForm
from comments.moderation_views.listing import RULE_LABELS, with_history

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
