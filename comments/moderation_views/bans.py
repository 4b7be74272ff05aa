"""The Bans list, for moderators: who each ban is about and why, rather than "Ban c03d51b2".

A ban keeps only the keyed hash of an address (comments/models/policy.py). The commenter with
that hash, if any is left, is found in the same query, with the name on their latest comment
and a link to all their comments in the queue; an erased commenter shows as such. The Bans
list is in the moderators' admin only (PermissionCheckedSnippetViewSet), like the ban itself.
"""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timezone import localtime
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.snippets.views.snippets import IndexView

from comments.models import Comment, Commenter
from comments.moderation_views.listing import EN_GB_DATETIME, HtmlColumn

EN_GB_DATE = "j F Y"


class WhoColumn(HtmlColumn):
    def cell_content(self, ban):
        edit = reverse("wagtailsnippets_comments_ban:edit", args=[ban.pk])
        if ban.commenter_id is None:
            return format_html(
                '<a href="{}">Erased commenter</a><div><small>No comments are left; the ban '
                "still holds by the address’s fingerprint.</small></div>",
                edit,
            )
        queue = reverse("wagtailsnippets_comments_comment:list")
        return format_html(
            '<a href="{}" id="snippet_{}_title"><strong>{}</strong></a>'
            '<div><small><a href="{}?queue=all&amp;order=newest&amp;commenter={}">'
            "Their comments in the queue</a></small></div>",
            edit,
            ban.pk,
            ban.commenter_name or "(no name)",
            queue,
            ban.commenter_id,
        )


class WhyColumn(HtmlColumn):
    def cell_content(self, ban):
        reason = ban.get_reason_display() or "No policy reason given"
        note = Truncator(ban.note).chars(200)
        if note:
            return format_html("<strong>{}</strong><div><small>{}</small></div>", reason, note)
        return format_html("<strong>{}</strong>", reason)


class DateCell(HtmlColumn):
    def __init__(self, *args, empty="", date_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty = empty
        self.date_format = EN_GB_DATE if date_only else EN_GB_DATETIME

    def cell_content(self, ban):
        value = getattr(ban, self.name)
        if value is None:
            return self.empty
        return format_html(
            '<time datetime="{}">{}</time>',
            localtime(value).isoformat(),
            date_format(localtime(value), self.date_format),
        )


def moderator_name(ban):
    user = ban.created_by
    return (user.get_full_name() or user.get_username()) if user else "—"


class BanIndexView(IndexView):
    def get_base_queryset(self):
        commenters = Commenter.objects.filter(email_hash=OuterRef("email_hash"))
        latest = Comment.objects.filter(commenter__email_hash=OuterRef("email_hash")).order_by(
            "-created_at", "-pk"
        )
        return (
            super()
            .get_base_queryset()
            .select_related("created_by")
            .annotate(
                commenter_id=Subquery(commenters.values("pk")[:1]),
                commenter_name=Subquery(latest.values("name")[:1]),
            )
        )

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="snippet"),
            WhoColumn("who", label="Who"),
            WhyColumn("why", label="Why"),
            DateCell("until", label="Banned until", empty="For good"),
            DateCell("created_at", label="Banned on"),
            HtmlColumn("created_by", label="By", accessor=moderator_name),
        ]
