"""Fill the email hash of every signature, and screen the names already on public lists.

In batches, each its own transaction, so a large table is never locked for long and an
interrupted run carries on where it stopped: only rows without a hash, and only names not yet
screened, are read again.

- `email_normalised` is already in normalised form, so its hash is the hash of the address
  (core/identity.py). An erased row keeps a placeholder: "erased-<id>", unique per row, never
  equal to a hash (not hex) and saying nothing about the person.
- A confirmed signer who chose to be shown was listed without any screening; from now on a
  name is listed only once it passed (campaign/public_names.py), so those are screened here
  with today's screen and lists. (This imports the live module on purpose: a frozen copy of
  the screen would be a second screen.)
"""

from django.db import migrations, transaction

BATCH = 1000


def fill_hashes(apps, schema_editor):
    from core.identity import email_hash

    Signature = apps.get_model("campaign", "Signature")
    while True:
        with transaction.atomic():
            rows = list(
                Signature.objects.filter(email_hash="")
                .order_by("pk")
                .only("pk", "email_normalised", "anonymised_at")[:BATCH]
            )
            if not rows:
                return
            for row in rows:
                erased = row.anonymised_at or not row.email_normalised
                erased = erased or row.email_normalised.startswith("erased-")
                row.email_hash = f"erased-{row.pk}" if erased else email_hash(row.email_normalised)
            Signature.objects.bulk_update(rows, ["email_hash"])


def screen_listed_names(apps, schema_editor):
    from campaign.public_names import fit_to_show

    Signature = apps.get_model("campaign", "Signature")
    listed = Signature.objects.filter(
        status="confirmed", show_publicly=True, anonymised_at__isnull=True
    ).order_by("pk")
    last = 0
    while True:
        rows = list(listed.filter(pk__gt=last).values_list("pk", "first_name")[:BATCH])
        if not rows:
            return
        passed = [pk for pk, first_name in rows if fit_to_show(first_name)]
        Signature.objects.filter(pk__in=passed).update(name_passed_screen=True)
        last = rows[-1][0]


class Migration(migrations.Migration):
    atomic = False  # one transaction per batch
    dependencies = [
        ("campaign", "0005_signature_email_hash_and_public_names"),
        # The screen reads the moderators' word lists: they must exist and be seeded.
        ("comments", "0002_seed_word_lists_and_moderators"),
    ]

    operations = [
        migrations.RunPython(fill_hashes, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(screen_listed_names, migrations.RunPython.noop, elidable=True),
    ]
