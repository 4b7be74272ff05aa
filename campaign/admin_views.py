"""Admin screens for signatures as a whole: a filtered listing whose exports are logged, and a
report of signatures per day. What acts on one supporter is in campaign/admin_supporters.py."""

from datetime import timedelta

import django_filters
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django_countries import countries
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log

from campaign.models.petition import PetitionPage
from campaign.models.signatures import Signature
from content.charts import BarChart
from core.permissions import ReadOnlyPermissionPolicy


class SignaturePermissionPolicy(ReadOnlyPermissionPolicy):
    """Signatures come only from supporters: nobody adds or edits them in the admin.
    "Delete" means erasing the person's data, for those with the delete permission."""


class SignatureFilterSet(WagtailFilterSet):
    petition = django_filters.ModelChoiceFilter(queryset=PetitionPage.objects.all())
    status = django_filters.ChoiceFilter(choices=Signature.Status.choices)
    country = django_filters.ChoiceFilter(choices=list(countries))
    created_at = django_filters.DateFromToRangeFilter(
        label="Signed between", widget=DateRangePickerWidget
    )

    class Meta:
        model = Signature
        fields = ["petition", "status", "country", "created_at"]


def audited_filters(query, filterset_class=SignatureFilterSet, search_kwarg="q"):
    """The filters of an export as the audit log keeps them.

    Only the filter set's own fields (petition, status, country, the dates, none of which says
    who anyone is) and, for a search, only that one was used: the search box takes a name or
    an email address, and the audit log outlives the erasure of that person. Anything else in
    the query string is not a filter of this listing and is left out."""
    names = tuple(filterset_class.base_filters)
    # A date range arrives as two fields, created_at_from and created_at_to.
    suffixed = tuple(f"{name}_" for name in names)
    kept = {
        key: value
        for key, value in query.items()
        if value and (key in names or key.startswith(suffixed))
    }
    if query.get(search_kwarg, "").strip():
        kept["search"] = True
    return kept


class AuditedSignatureIndexView(IndexView):
    """The signatures listing with every spreadsheet export written to the audit log."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("petition")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Every export leaves a trace: who, when, which petitions, how many rows, which filters
        (without what was typed in the search box)."""
        rows_per_petition = dict(
            queryset.order_by()
            .values_list("petition_id")
            .annotate(rows=Count("pk"))
            .values_list("petition_id", "rows")
        )
        filters = audited_filters(self.request.GET, search_kwarg=self.search_kwarg)
        for petition in PetitionPage.objects.filter(pk__in=rows_per_petition):
            log(
                petition,
                "campaign.export_signatures",
                user=self.request.user,
                data={
                    "format": spreadsheet_format,
                    "rows": rows_per_petition[petition.pk],
                    "filters": filters,
                },
            )
        return super().as_spreadsheet(queryset, spreadsheet_format)


class SignaturesPerDayFilterSet(WagtailFilterSet):
    petition = django_filters.ModelChoiceFilter(
        queryset=PetitionPage.objects.order_by("title"), empty_label="All petitions"
    )
    confirmed_at = django_filters.DateFromToRangeFilter(
        label="Confirmed between", widget=DateRangePickerWidget
    )

    class Meta:
        model = Signature
        fields = ["petition", "confirmed_at"]


# Days filled in with zeros at most: a date range typed as 0001 to 9999 must not build millions
# of rows. A longer span starts at the first day with a signature instead.
MAX_FILLED_DAYS = 731


def fill_missing_days(rows, start=None, end=None):
    """Rows of {"day", "signatures"}, oldest first, with a zero row for every day without
    one between `start` (or the first row) and `end` (or the last row)."""
    counts = {row["day"]: row["signatures"] for row in rows}
    if counts:
        start, end = start or min(counts), end or max(counts)
        if (end - start).days >= MAX_FILLED_DAYS:
            start = max(start, min(counts))
    if start is None or end is None or start > end:
        return [row for row in rows]
    if (end - start).days >= MAX_FILLED_DAYS:
        return [{"day": day, "signatures": count} for day, count in sorted(counts.items())]
    days = (start + timedelta(days=offset) for offset in range((end - start).days + 1))
    return [{"day": day, "signatures": counts.get(day, 0)} for day in days]


class SignaturesPerDayReport(ReportView):
    """Confirmed signatures per day, of every petition or one, with every day in the range
    shown (a day with none is a zero, not a gap) and the total; exported as shown."""

    page_title = "Signatures per day"
    header_icon = "date"
    template_name = "campaign/admin/signatures_per_day.html"
    results_template_name = "campaign/admin/signatures_per_day_results.html"
    index_url_name = "signatures_per_day"
    index_results_url_name = "signatures_per_day_results"
    filterset_class = SignaturesPerDayFilterSet
    list_export = ["day", "signatures"]
    export_headings = {"day": "Day", "signatures": "Confirmed signatures"}
    paginate_by = None

    def get_queryset(self):
        return Signature.objects.confirmed()

    def get_filtered_queryset(self):
        # Filtered as signatures first, then counted per day.
        return (
            self.filter_queryset(self.get_queryset())
            .annotate(day=TruncDate("confirmed_at"))
            .values("day")
            .annotate(signatures=Count("pk"))
            .order_by("day")
        )

    def date_range(self):
        """The days the manager asked for, if they did: the end no later than today."""
        if not (self.filters and self.filters.is_valid()):
            return None, None
        chosen = self.filters.form.cleaned_data.get("confirmed_at")
        start = chosen.start.date() if chosen and chosen.start else None
        end = chosen.stop.date() if chosen and chosen.stop else None
        today = timezone.localdate()
        if start is not None and end is None:
            end = today
        if end is not None and end > today:
            end = today
        if start is not None and end is not None and start > end:
            return None, None
        return start, end

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        # What the table, the chart and the exports show alike.
        rows = fill_missing_days(list(context["object_list"]), *self.date_range())
        context["object_list"] = rows
        context["items_count"] = len(rows)
        context["chart"] = BarChart.from_rows(
            (row["day"].strftime("%a %d %b %Y"), row["signatures"]) for row in rows
        )
        context["total"] = sum(row["signatures"] for row in rows)
        context["first_day"] = rows[0]["day"] if rows else None
        context["last_day"] = rows[-1]["day"] if rows else None
        context["petition"] = (
            self.filters.form.cleaned_data.get("petition")
            if self.filters and self.filters.is_valid()
            else None
        )
        return context
