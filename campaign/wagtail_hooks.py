"""Admin registration for petitions: signatures, blocked domains, the per-day report, and the
audit log actions they write."""

from django.contrib.auth.decorators import permission_required
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from campaign.admin_supporters import (
    EraseSupporterView,
    NameVisibilityView,
    SignatureIndexView,
)
from campaign.admin_views import (
    SignatureFilterSet,
    SignaturePermissionPolicy,
    SignaturesPerDayReport,
)
from campaign.dashboard import PetitionsPanel
from campaign.models.signatures import BlockedEmailDomain, Signature

register_permission_policy(Signature, SignaturePermissionPolicy(Signature))
can_see_signatures = permission_required("campaign.view_signature", raise_exception=True)


class SignatureViewSet(ModelViewSet):
    model = Signature
    name = "signatures"
    icon = "form"
    menu_label = "Signatures"
    index_view_class = SignatureIndexView
    delete_view_class = EraseSupporterView
    filterset_class = SignatureFilterSet
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["first_name", "last_name", "country", "petition", "status", "created_at"]
    list_export = [
        "petition",
        "first_name",
        "last_name",
        "email",
        "country",
        "postcode",
        "opt_in",
        "consent_version",
        "status",
        "created_at",
        "confirmed_at",
    ]
    export_filename = "signatures"
    # Parts of names and of the address as typed; a whole address also finds every spelling
    # of it through its hash (campaign/admin_supporters.py).
    search_fields = ["first_name", "last_name", "email"]
    form_fields = ["opt_in"]  # never used: nobody may add or change a signature
    # Everything exported, plus what a manager needs when handling a request about one person.
    inspect_view_fields = [
        *list_export,
        "show_publicly",
        "name_passed_screen",
        "name_hidden",
        "anonymised_at",
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            hide_name_url_name=self.get_url_name("hide_name"),
            show_name_url_name=self.get_url_name("show_name"),
            **kwargs,
        )

    def name_visibility_view(self, hide):
        return self.construct_view(
            NameVisibilityView,
            **self.get_common_view_kwargs(),
            hide=hide,
            url_name=self.get_url_name("hide_name" if hide else "show_name"),
        )

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            *super().get_urlpatterns(),
            path(f"hide-name/<{conv}:pk>/", self.name_visibility_view(True), name="hide_name"),
            path(f"show-name/<{conv}:pk>/", self.name_visibility_view(False), name="show_name"),
        ]


class BlockedEmailDomainViewSet(ModelViewSet):
    model = BlockedEmailDomain
    name = "blocked_email_domains"
    icon = "cross"
    menu_label = "Blocked email domains"
    form_fields = ["domain", "reason"]
    list_display = ["domain", "reason", "created_at"]
    search_fields = ["domain"]


class PetitionsGroup(ModelViewSetGroup):
    menu_label = "Petitions"
    menu_icon = "form"
    menu_order = 210
    items = (SignatureViewSet, BlockedEmailDomainViewSet)


@hooks.register("register_admin_viewset")
def register_petition_admin():
    return PetitionsGroup()


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/signatures-per-day/",
            can_see_signatures(SignaturesPerDayReport.as_view()),
            name="signatures_per_day",
        ),
        path(
            "reports/signatures-per-day/results/",
            can_see_signatures(SignaturesPerDayReport.as_view(results_only=True)),
            name="signatures_per_day_results",
        ),
    ]


class SignatureReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("campaign.view_signature")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return SignatureReportMenuItem(
        "Signatures per day", reverse("signatures_per_day"), icon_name="date", order=700
    )


@hooks.register("construct_homepage_panels")
def add_petitions_panel(request, panels):
    # Campaign managers (and superusers): those who may see signatures, not every editor.
    if request.user.has_perm("campaign.view_signature"):
        panels.append(PetitionsPanel())


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "campaign.export_signatures", "Export signatures", "Exported signatures"
    )
    actions.register_action(
        "campaign.erase_supporter", "Erase supporter", "Erased a supporter's personal data"
    )
    actions.register_action(
        "campaign.purge_signatures", "Purge signatures", "Anonymised old signatures"
    )
    actions.register_action(
        "campaign.hide_name", "Hide a signer's name", "Hid a signer's name from the public list"
    )
    actions.register_action(
        "campaign.show_name", "Show a signer's name", "Showed a signer's name again"
    )
