"""The managers' view of subscribers: a filtered listing whose exports are audited, and a
report of how many follow each topic. Editors see the alerts stories sent instead (the
"Email alerts" listing, and a note on the story's edit page)."""

import django_filters
from django.db.models import Count, Min, Q
from taggit.models import Tag
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log
from wagtail.models import Site

from alerts.models import Subscription
from campaign.admin_views import audited_filters
from campaign.models import CampaignPage
from core.identity import email_hash, normalise_email
from core.permissions import ReadOnlyPermissionPolicy
from news.models import NewsCategory


class SubscriptionPermissionPolicy(ReadOnlyPermissionPolicy):
    """Subscriptions come only from supporters: nobody adds or edits one in the admin."""


class SubscriptionFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=Subscription.Kind.choices, label="Follows")
    tag = django_filters.ModelChoiceFilter(queryset=Tag.objects.all())
    category = django_filters.ModelChoiceFilter(queryset=NewsCategory.objects.all())
    campaign = django_filters.ModelChoiceFilter(queryset=CampaignPage.objects.all())
    status = django_filters.ChoiceFilter(choices=Subscription.Status.choices)
    frequency = django_filters.ChoiceFilter(choices=Subscription.Frequency.choices)
    created_at = django_filters.DateFromToRangeFilter(
        label="Subscribed between", widget=DateRangePickerWidget
    )

    class Meta:
        model = Subscription
        fields = ["kind", "tag", "category", "campaign", "status", "frequency", "created_at"]


def address_hash(query):
    """The hash a search for a whole address stands for: every spelling of it finds it."""
    if "@" not in query:
        return None
    try:
        return email_hash(normalise_email(query))
    except ValueError:
        return None


class SubscriptionIndexView(IndexView):
    """Subscriptions with their subscriber's address; every export goes to the audit log."""

    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("subscriber", "tag", "category", "campaign")
        )

    def search_queryset(self, queryset):
        query = self.search_query.strip() if self.is_searching else ""
        if not query:
            return queryset
        key = address_hash(query)
        found = Q(subscriber__email__icontains=query)
        if key is not None:
            found |= Q(subscriber__email_hash=key)
        return queryset.filter(found)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Who exported, when, how many rows and which filters (never the search text, which
        may be an address: only that a search was used)."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None:
            log(
                site,
                "alerts.export_subscribers",
                user=self.request.user,
                data={
                    "format": spreadsheet_format,
                    "rows": queryset.count(),
                    "filters": audited_filters(
                        self.request.GET,
                        filterset_class=SubscriptionFilterSet,
                        search_kwarg=self.search_kwarg,
                    ),
                },
            )
        return super().as_spreadsheet(queryset, spreadsheet_format)


class SubscribersPerTopicReport(ReportView):
    """How many follow each topic: confirmed and waiting, as each story goes and weekly."""

    page_title = "Alert subscribers per topic"
    header_icon = "mail"
    index_url_name = "alert_subscribers_per_topic"
    index_results_url_name = "alert_subscribers_per_topic_results"
    results_template_name = "alerts/admin/per_topic_results.html"
    list_export = ["topic", "confirmed", "instant", "weekly", "pending"]
    export_headings = {
        "topic": "Topic",
        "confirmed": "Confirmed",
        "instant": "As published",
        "weekly": "Weekly digest",
        "pending": "Waiting for confirmation",
    }
    paginate_by = None

    def get_queryset(self):
        confirmed = Q(status=Subscription.Status.CONFIRMED)
        rows = (
            Subscription.objects.values("topic_key")
            .annotate(
                confirmed=Count("pk", filter=confirmed),
                instant=Count("pk", filter=confirmed & Q(frequency=Subscription.Frequency.INSTANT)),
                weekly=Count("pk", filter=confirmed & Q(frequency=Subscription.Frequency.WEEKLY)),
                pending=Count("pk", filter=Q(status=Subscription.Status.PENDING)),
            )
            .order_by("-confirmed", "topic_key")
        )
        labels = {
            subscription.topic_key: subscription.topic_label
            for subscription in Subscription.objects.filter(
                pk__in=Subscription.objects.values("topic_key")
                .annotate(first=Min("pk"))
                .values("first")
            ).select_related("tag", "category", "campaign")
        }
        return [{**row, "topic": labels.get(row["topic_key"], row["topic_key"])} for row in rows]
