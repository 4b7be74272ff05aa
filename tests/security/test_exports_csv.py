"""No CSV the site writes can run a formula in a spreadsheet; XLSX exports stay as they were.

A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab or carriage return
first, also after leading spaces or invisible characters) gets a leading single quote in CSV.
Numbers and dates the site wrote itself stay values: -3 in a count column is a number.
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports.audit_logging import LogEntriesView

from campaign import counting
from campaign.admin_views import AuditedSignatureIndexView, SignaturesPerDayReport
from comments.moderation_views.listing import QueueIndexView
from core.exports import neutralise
from tests.factories import (
    CommentFactory,
    NewsPageFactory,
    PetitionPageFactory,
    SignatureFactory,
)

HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize(
    "text",
    [
        HYPERLINK,
        "+1",
        "-2+3",
        "@SUM(1)",
        "\t=1+1",
        "\r=1+1",
        "\t",
        " =1+1",
        "\n\n@SUM(1)",
        "\u00a0-2+3",  # a no-break space first
        "\u200b=1+1",  # a zero-width space first
        "\ufeff+1",  # a byte-order mark first
        "\u202e=1+1",  # a right-to-left override first
    ],
)
def test_text_that_could_start_a_formula_is_quoted(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Amara", "", "   ", "O'Brien", "a=b", "1+1", "victims-first"])
def test_other_text_is_left_alone(text):
    assert neutralise(text) == text


@pytest.mark.parametrize(
    "value",
    [-3, -2.5, Decimal("-1.50"), 0, None, True, datetime.date(2025, 1, 2)],
)
def test_numbers_dates_and_empty_cells_stay_values(value):
    assert neutralise(value) is value


def csv_row(view, row):
    """The line `view` writes for `row` in a CSV export."""
    out = io.StringIO()
    view.write_csv_row(csv.DictWriter(out, fieldnames=list(row)), row)
    return next(csv.reader(io.StringIO(out.getvalue())))


def export_views(resolver=None):
    """Every view class in the URLconf that can export a spreadsheet."""
    found = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            found |= export_views(pattern)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            if isinstance(view_class, type) and issubclass(view_class, SpreadsheetExportMixin):
                found.add(view_class)
    return found


def test_every_export_view_in_the_admin_writes_safe_csv():
    views = export_views()
    # Ours, and Wagtail's own (site history among them), are all found.
    for expected in (
        AuditedSignatureIndexView,
        SignaturesPerDayReport,
        QueueIndexView,
        LogEntriesView,
    ):
        assert any(issubclass(view, expected) for view in views), expected
    for view_class in views:
        cells = {"name": HYPERLINK, "count": -3, "day": datetime.date(2025, 1, 2)}
        row = csv_row(view_class(), cells)
        assert row == ["'" + HYPERLINK, "-3", "2025-01-02"], view_class


def test_the_signatures_per_day_report_keeps_its_dates_and_counts_as_values(
    client, admin_user, campaign
):
    petition = PetitionPageFactory(parent=campaign)
    for signature in SignatureFactory.create_batch(2, petition=petition):
        counting.confirm_signature(signature.pk)
    client.force_login(admin_user)
    response = client.get(reverse("signatures_per_day"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Day", "Confirmed signatures"]
    day, count = rows[1]
    assert datetime.date.fromisoformat(day) and count == "2"
    # The same view quotes text that could start a formula, were the report ever to show some.
    assert csv_row(SignaturesPerDayReport(), {"day": "=1+1", "signatures": -3}) == ["'=1+1", "-3"]


def download(client, url, export_format, **params):
    response = client.get(url, {"export": export_format, **params})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_records(content):
    return list(csv.DictReader(io.StringIO(content.decode())))


def xlsx_cells(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user("manager", "m@example.org", "pw")
    user.groups.add(Group.objects.get(name="Campaign managers"))
    return user


@pytest.mark.django_db
def test_a_signer_named_as_a_formula_exports_as_text(client, manager, campaign):
    petition = PetitionPageFactory(parent=campaign)
    SignatureFactory(petition=petition, first_name=HYPERLINK, last_name="-2+3", postcode="@SUM(1)")
    client.force_login(manager)

    (record,) = csv_records(download(client, "/admin/signatures/", "csv"))
    assert record["First name"] == "'" + HYPERLINK
    assert record["Last name"] == "'-2+3"
    assert record["Postcode"] == "'@SUM(1)"

    cells = xlsx_cells(download(client, "/admin/signatures/", "xlsx"))
    typed = {cell.value: cell.data_type for cell in cells}
    # XLSX stores them unchanged, as text cells (never formulas): Wagtail already sees to that.
    assert typed[HYPERLINK] == "s" and typed["-2+3"] == "s" and typed["@SUM(1)"] == "s"


@pytest.mark.django_db
def test_a_comment_that_starts_a_formula_exports_as_text(client, news_index, django_user_model):
    story = NewsPageFactory(parent=news_index)
    CommentFactory(page=story, status="pending", name="@SUM(1)", body="-2+3 is my point")
    moderator = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    queue = "/admin/snippets/comments/comment/"

    (record,) = csv_records(download(client, queue, "csv"))
    assert record["Name"] == "'@SUM(1)"
    assert record["Body"] == "'-2+3 is my point"

    values = {cell.value for cell in xlsx_cells(download(client, queue, "xlsx"))}
    assert {"@SUM(1)", "-2+3 is my point"} <= values


@pytest.mark.django_db
def test_wagtails_own_exports_are_protected_too(client, admin_user, campaign):
    """Site history quotes page titles, which editors write."""
    PetitionPageFactory(parent=campaign, title=HYPERLINK)
    client.force_login(admin_user)
    content = download(client, reverse("wagtailadmin_reports:site_history"), "csv").decode()
    assert "'" + HYPERLINK.replace('"', '""') in content
    assert "\n" + HYPERLINK not in content and "," + HYPERLINK not in content
