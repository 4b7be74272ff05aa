"""Decisions on a selection of comments from the queue, as Wagtail snippet bulk actions.

Each does what the one comment's page does, for many: approving a selection is one UPDATE
and one batch of notifications (`moderation.approve_many`); rejections and spam are one
transaction; a ban is made once per author, and never through a comment whose address was
not proven.
"""

from django.db import transaction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from comments import moderation
from comments.models import Comment
from comments.moderation_views.decision_forms import BanForm, RejectForm


class CommentBulkAction(SnippetBulkAction):
    models = [Comment]
    template_name = "comments/admin/bulk_confirm.html"

    def check_perm(self, obj):
        return self.request.user.has_perm(moderation.MODERATE)

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
