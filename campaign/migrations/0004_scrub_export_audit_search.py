"""Take personal data out of the audit entries of past signature exports.

Until now an export's entry kept every parameter of its URL as "filters", including the text
of the search box (often a supporter's name or email address), and the entry stayed after the
person was erased. Keep only the listing's own filters (petition, status, country, dates) and,
where a search was used, only that one was.
"""

from django.db import migrations

ACTION = "campaign.export_signatures"
# SignatureFilterSet's fields as they appear in a query string; a date range is two fields.
FILTERS = {"petition", "status", "country", "created_at_from", "created_at_to"}


def scrubbed(filters):
    kept = {key: value for key, value in filters.items() if key in FILTERS and value}
    if filters.get("search") is True or str(filters.get("q", "")).strip():
        kept["search"] = True
    return kept


def scrub_export_entries(apps, schema_editor):
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    for entry in PageLogEntry.objects.filter(action=ACTION).only("pk", "data").iterator():
        data = entry.data if isinstance(entry.data, dict) else {}
        filters = data.get("filters")
        if not isinstance(filters, dict):
            continue
        clean = scrubbed(filters)
        if clean != filters:
            PageLogEntry.objects.filter(pk=entry.pk).update(data={**data, "filters": clean})


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0003_campaign_managers_group"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Nothing to put back: the search text is gone on purpose.
    operations = [migrations.RunPython(scrub_export_entries, migrations.RunPython.noop)]
