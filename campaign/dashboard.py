"""The "Petitions" panel on the Wagtail dashboard, for campaign managers: confirmed signatures
today and this week (since Monday, as weeks run in the UK) on each live petition, with its
total and a link to its signatures-per-day report.

Three queries however many petitions there are: the live petitions, their counter shards
summed (the exact totals), and today's and this week's confirmations counted together, read
through the (petition, status, confirmed_at) index.
"""

from datetime import datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from campaign.models.petition import PetitionPage
from campaign.models.signatures import Signature, SignatureCountShard

MOST_PETITIONS = 20  # the newest; older ones are in the report, filtered by petition


def period_starts(now=None):
    """The start of today and of this week (Monday), in the site's time zone."""
    now = timezone.localtime(now)
    today = now.date()
    monday = today - timedelta(days=today.weekday())
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(today, time.min), zone),
        timezone.make_aware(datetime.combine(monday, time.min), zone),
    )


def petition_activity(now=None):
    """[{petition, today, week, total, report_url}] for the newest live petitions."""
    petitions = list(
        PetitionPage.objects.live()
        .order_by("-first_published_at", "-pk")
        .only("pk", "title", "accepting_signatures", "closes_at")[:MOST_PETITIONS]
    )
    if not petitions:
        return []
    ids = [petition.pk for petition in petitions]
    today_start, week_start = period_starts(now)
    recent = {
        row["petition_id"]: row
        for row in Signature.objects.confirmed()
        .filter(petition_id__in=ids, confirmed_at__gte=week_start)
        .values("petition_id")
        .annotate(
            today=Count("pk", filter=Q(confirmed_at__gte=today_start)),
            week=Count("pk"),
        )
        .order_by()
    }
    totals = dict(
        SignatureCountShard.objects.filter(petition_id__in=ids)
        .values("petition_id")
        .annotate(total=Sum("count"))
        .values_list("petition_id", "total")
    )
    report = reverse("signatures_per_day")
    return [
        {
            "petition": petition,
            "today": recent.get(petition.pk, {}).get("today", 0),
            "week": recent.get(petition.pk, {}).get("week", 0),
            "total": totals.get(petition.pk, 0),
            "report_url": f"{report}?petition={petition.pk}",
        }
        for petition in petitions
    ]


class PetitionsPanel(Component):
    name = "petitions"
    order = 60
    template_name = "campaign/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        today_start, week_start = period_starts()
        rows = petition_activity()
        return {
            "rows": rows,
            "week_start": week_start,
            "today_total": sum(row["today"] for row in rows),
            "week_total": sum(row["week"] for row in rows),
            "report_url": reverse("signatures_per_day"),
        }
