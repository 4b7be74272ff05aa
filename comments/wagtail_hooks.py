"""Admin registration for comments: the moderation queue, the word lists, bans, log actions,
a dashboard panel and a menu item that shows how many comments are waiting."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from comments import moderation, queue_counts, reports
from comments.erasure import ERASE_COMMENTER
from comments.models import AllowedPhrase, Ban, BannedTerm, Comment, SuspectTerm
from comments.moderation import MODERATE
from comments.moderation_views.bans import BanIndexView
from comments.moderation_views.bulk import (
    ApproveBulkAction,
    BanBulkAction,
    RejectBulkAction,
    SpamBulkAction,
)
from comments.moderation_views.listing import QueueIndexView, waiting_counts
from comments.moderation_views.moderate import ModerateView
from core.choosers import PermissionCheckedSnippetViewSet


class QueueMenuItem(MenuItem):
    """“Moderation queue (3)”: the label carries the number waiting."""

    def is_shown(self, request):
        return request.user.has_perm(MODERATE)

    def render_component(self, request):
        # A new component per request: the menu item itself is shared by every request.
        pending = waiting_counts()["pending"]
        return LinkMenuItem(
            name=self.name,
            label=f"{self.label} ({pending})" if pending else self.label,
            url=self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("admin_sidebar_versions")
def queue_badge_version(request):
    """The sidebar shows the queue's number waiting: kept sidebars move on with it."""
    return queue_counts.QUEUE.current()


class CommentViewSet(PermissionCheckedSnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = "Moderation queue"
    index_view_class = QueueIndexView
    index_template_name = "comments/admin/queue_index.html"
    inspect_view_enabled = True
    list_per_page = 25
    list_export = [
        "created_at",
        "name",
        "body",
        "status",
        "decision",
        "score",
        "model_score",
        "rules",
        "page",
    ]
    export_filename = "comments"

    @property
    def menu_item_class(self):
        return QueueMenuItem


class BannedTermViewSet(PermissionCheckedSnippetViewSet):
    model = BannedTerm
    icon = "cross"
    menu_label = "Banned terms"
    list_display = ["phrase", "rule", "action", "aim"]
    list_filter = ["rule", "action", "aim"]
    search_fields = ["phrase"]


class SuspectTermViewSet(PermissionCheckedSnippetViewSet):
    model = SuspectTerm
    icon = "warning"
    menu_label = "Suspect terms"
    list_display = ["phrase", "rule", "aim"]
    list_filter = ["rule", "aim"]
    search_fields = ["phrase"]


class AllowedPhraseViewSet(PermissionCheckedSnippetViewSet):
    model = AllowedPhrase
    icon = "tick"
    menu_label = "Allowed phrases"
    list_display = ["phrase"]
    search_fields = ["phrase"]


class BanViewSet(PermissionCheckedSnippetViewSet):
    model = Ban
    icon = "lock"
    menu_label = "Bans"
    index_view_class = BanIndexView
    list_filter = ["reason"]


class CommentsGroup(SnippetViewSetGroup):
    menu_label = "Comments"
    menu_icon = "comment"
    menu_order = 250
    items = (
        CommentViewSet,
        BannedTermViewSet,
        SuspectTermViewSet,
        AllowedPhraseViewSet,
        BanViewSet,
    )


register_snippet(CommentsGroup)


@hooks.register("register_admin_urls")
def moderation_urls():
    return [path("comments/moderate/<int:pk>/", ModerateView.as_view(), name="comments_moderate")]


for action in (ApproveBulkAction, RejectBulkAction, SpamBulkAction, BanBulkAction):
    hooks.register("register_bulk_action", action)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(moderation.APPROVE, "Approve comment", "Comment approved")
    actions.register_action(moderation.REJECT, "Reject comment", "Comment rejected")
    actions.register_action(moderation.SPAM, "Mark comment as spam", "Comment marked as spam")
    actions.register_action(moderation.BAN, "Ban commenter", "Commenter banned")
    actions.register_action(reports.HIDDEN, "Hidden by reports", "Hidden after readers' reports")
    actions.register_action(
        reports.DISMISS, "Dismiss reports", "Readers' reports dismissed; comment kept"
    )
    actions.register_action(ERASE_COMMENTER, "Erase commenter", "Erased a commenter's comments")


class WaitingPanel(Component):
    name = "comments_waiting"
    order = 50
    template_name = "comments/admin/dashboard_panel.html"

    class Media:
        css = {"all": ["css/comments-admin.css"]}

    def get_context_data(self, parent_context):
        return {
            "counts": waiting_counts(),
            "queue_url": reverse("wagtailsnippets_comments_comment:list"),
            "reported_url": reverse("wagtailsnippets_comments_comment:list") + "?queue=reported",
        }


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    if request.user.has_perm(MODERATE):
        panels.append(WaitingPanel())
