"""Admin screens for signatures: a filtered listing whose exports are logged, erasure in place
of deletion, and a report of signatures per day."""

import django_filters
from django.db.models import Count
from django.db.models.functions import TruncDate
from django_countries import countries
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log

from campaign.erasure import erase_supporter
from campaign.models import PetitionPage, Signature
from config.permissions import ReadOnlyPermissionPolicy
from news.charts import BarChart


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


class SignatureIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("petition")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Every export leaves a trace: who, when, which petitions, how many rows, which filters."""
        rows_per_petition = dict(
            queryset.order_by()
            .values_list("petition_id")
            .annotate(rows=Count("pk"))
            .values_list("petition_id", "rows")
        )
        filters = {k: v for k, v in self.request.GET.items() if k != "export" and v}
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


class EraseSupporterView(DeleteView):
    """Erase the personal data of everyone's signatures with this person's address."""

    page_title = "Erase personal data"
    template_name = "campaign/admin/confirm_erase.html"
    success_message = "The supporter's personal data was erased from every petition and comment."
    header_icon = "bin"

    def confirmation_message(self):
        return (
            "Erase this supporter's name, email, postcode and IP hash from every petition they "
            "signed, and everything they left as a commenter (their address, comments, "
            "subscriptions and any ban)? Their signatures stay in the counts. This cannot be "
            "undone."
        )

    # Erasing keeps the row, so nothing that "uses" a signature could be left pointing at
    # nothing: no usage link (and so, in Wagtail's DeleteView, no usage count).
    def get_usage_url(self):
        return None

    def delete_action(self):
        erase_supporter(self.object.email, user=self.request.user)


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
