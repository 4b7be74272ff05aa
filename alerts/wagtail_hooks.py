"""Admin registration for alerts: subscriptions and the per-topic report for campaign
managers, the alerts stories and updates sent for editors, a note on a story's edit page
saying whether its alert went and to how many, and the audit log's actions."""

from django.contrib.auth.decorators import permission_required
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from alerts.admin_views import (
    SubscribersPerTopicReport,
    SubscriptionFilterSet,
    SubscriptionIndexView,
    SubscriptionPermissionPolicy,
)
from alerts.models import Alert, Subscription
from core.permissions import ReadOnlyPermissionPolicy
from news.models import NewsPage

register_permission_policy(Subscription, SubscriptionPermissionPolicy(Subscription))
register_permission_policy(Alert, ReadOnlyPermissionPolicy(Alert))
can_see_subscribers = permission_required("alerts.view_subscription", raise_exception=True)


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    name = "alert_subscriptions"
    icon = "mail"
    menu_label = "Subscribers"
    index_view_class = SubscriptionIndexView
    filterset_class = SubscriptionFilterSet
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["email", "topic_label", "frequency", "status", "created_at"]
    list_export = [
        "email",
        "topic_label",
        "frequency",
        "status",
        "consent_version",
        "created_at",
        "confirmed_at",
    ]
    export_headings = {"topic_label": "Follows", "email": "Email"}
    export_filename = "alert-subscribers"
    search_fields = ["subscriber__email"]
    form_fields = ["frequency"]  # never used: nobody may add or change a subscription
    inspect_view_fields = list_export


class AlertViewSet(ModelViewSet):
    model = Alert
    name = "email_alerts"
    icon = "mail"
    menu_label = "Alerts sent"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["title", "kind", "status", "sent_count", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    form_fields = ["status"]  # never used: alerts are written by publishing only


class AlertsGroup(ModelViewSetGroup):
    menu_label = "Story alerts"
    menu_icon = "mail"
    menu_order = 220
    items = (SubscriptionViewSet, AlertViewSet)


@hooks.register("register_admin_viewset")
def register_alerts_admin():
    return AlertsGroup()


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/alert-subscribers/",
            can_see_subscribers(SubscribersPerTopicReport.as_view()),
            name="alert_subscribers_per_topic",
        ),
        path(
            "reports/alert-subscribers/results/",
            can_see_subscribers(SubscribersPerTopicReport.as_view(results_only=True)),
            name="alert_subscribers_per_topic_results",
        ),
    ]


class SubscribersReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("alerts.view_subscription")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return SubscribersReportMenuItem(
        "Alert subscribers per topic",
        reverse("alert_subscribers_per_topic"),
        icon_name="mail",
        order=710,
    )


def alert_note(alert):
    """What the editor is told about a story's alert."""
    if alert is None:
        return "No email alert yet: one goes to the story's followers when it is first published."
    if alert.status == Alert.Status.HELD:
        return "The email alert was held when this story was first published: nobody was emailed."
    if alert.status == Alert.Status.CANCELLED:
        return (
            f"The email alert stopped when the story was unpublished, after "
            f"{alert.sent_count:,} email(s)."
        )
    if alert.status == Alert.Status.SENDING:
        return f"The email alert is going out: {alert.sent_count:,} sent so far."
    return f"The email alert went to {alert.sent_count:,} subscriber(s)."


@hooks.register("before_edit_page")
def tell_editor_about_alert(request, page):
    if request.method != "GET" or not isinstance(page.specific_deferred, NewsPage):
        return None
    messages.info(request, alert_note(Alert.objects.filter(story_id=page.pk).first()))
    return None


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "alerts.export_subscribers", "Export alert subscribers", "Exported alert subscribers"
    )
