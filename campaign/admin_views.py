"""Admin screens for signatures as a whole: a filtered listing whose exports are logged, and a
report of signatures per day. What acts on one supporter is in campaign/admin_supporters.py."""

import django_filters
from django.db.models import Count
from django.db.models.functions import TruncDate
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


class SignaturesPerDayReport(ReportView):
    page_title = "Signatures per day"
    header_icon = "date"
    template_name = "campaign/admin/signatures_per_day.html"
    results_template_name = "campaign/admin/signatures_per_day_results.html"
    index_url_name = "signatures_per_day"
    index_results_url_name = "signatures_per_day_results"
    list_export = ["day", "signatures"]
    export_headings = {"day": "Day", "signatures": "Confirmed signatures"}
    paginate_by = None

    def get_queryset(self):
        return (
            Signature.objects.confirmed()
            .annotate(day=TruncDate("confirmed_at"))
            .values("day")
            .annotate(signatures=Count("pk"))
            .order_by("day")
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = list(self.get_queryset())
        context["chart"] = BarChart.from_rows(
            (row["day"].strftime("%a %d %b %Y"), row["signatures"]) for row in rows
        )
        return context
