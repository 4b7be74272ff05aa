"""The data migration takes what was searched out of the audit entries of past exports."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import PageLogEntry

pytestmark = pytest.mark.django_db

migration = importlib.import_module("campaign.migrations.0004_scrub_export_audit_search")


def test_past_export_entries_lose_the_search_text_and_keep_their_filters(petition):
    old = {
        "format": "csv",
        "rows": 3,
        "filters": {
            "q": "jane.doe@example.org",
            "country": "GB",
            "created_at_to": "2025-01-31",
            "ordering": "-created_at",
            "note": "Jane Doe",
        },
    }
    without_search = {"format": "xlsx", "rows": 1, "filters": {"status": "confirmed", "q": ""}}
    exported = PageLogEntry.objects.log_action(petition, "campaign.export_signatures", data=old)
    plain = PageLogEntry.objects.log_action(
        petition, "campaign.export_signatures", data=without_search
    )
    other = PageLogEntry.objects.log_action(petition, "wagtail.edit", data={"q": "kept"})

    migration.scrub_export_entries(apps, None)

    exported.refresh_from_db()
    assert exported.data == {
        "format": "csv",
        "rows": 3,
        "filters": {"country": "GB", "created_at_to": "2025-01-31", "search": True},
    }
    plain.refresh_from_db()
    assert plain.data == {"format": "xlsx", "rows": 1, "filters": {"status": "confirmed"}}
    other.refresh_from_db()
    assert other.data == {"q": "kept"}
