"""One signature per person per petition, by the email hash; the readable copy goes.

Run backwards, the readable copy is rebuilt from the address as typed (erased rows get their
placeholder) before the old constraint comes back.
"""

from django.db import migrations, models


def fill_normalised(apps, schema_editor):
    from core.identity import normalise_email

    Signature = apps.get_model("campaign", "Signature")
    for row in Signature.objects.only("pk", "email", "email_normalised").iterator():
        try:
            row.email_normalised = normalise_email(row.email)
        except ValueError:
            row.email_normalised = f"erased-{row.pk}"
        row.save(update_fields=["email_normalised"])


class Migration(migrations.Migration):
    dependencies = [("campaign", "0006_fill_email_hash_and_screen_names")]

    operations = [
        # A default, so that the column can come back on a full table when run backwards.
        migrations.AlterField(
            model_name="signature",
            name="email_normalised",
            field=models.CharField(default="", editable=False, max_length=254),
        ),
        migrations.RemoveConstraint(model_name="signature", name="one_signature_per_email"),
        migrations.AddConstraint(
            model_name="signature",
            constraint=models.UniqueConstraint(
                fields=("email_hash", "petition"), name="one_signature_per_person"
            ),
        ),
        # Nothing to do forwards; backwards, after the field is back and before the old
        # constraint is.
        migrations.RunPython(migrations.RunPython.noop, fill_normalised),
        migrations.RemoveField(model_name="signature", name="email_normalised"),
        migrations.AlterField(
            model_name="signature",
            name="email_hash",
            field=models.CharField(
                editable=False,
                help_text="Keyed hash of the normalised address: one person, however they spell "
                "it. An erased row holds a placeholder instead.",
                max_length=64,
            ),
        ),
    ]
