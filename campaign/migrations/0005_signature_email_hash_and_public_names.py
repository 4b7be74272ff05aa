"""Signatures gain the keyed email hash (filled in 0006), the public-name verdict and a
manager's "hide", and the time a signing email last went to the address."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("campaign", "0004_scrub_export_audit_search")]

    operations = [
        migrations.AddField(
            model_name="signature",
            name="email_hash",
            field=models.CharField(
                default="",
                editable=False,
                help_text="Keyed hash of the normalised address: one person, however they spell "
                "it. An erased row holds a placeholder instead.",
                max_length=64,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="signature",
            name="last_emailed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="signature",
            name="name_hidden",
            field=models.BooleanField(
                default=False,
                help_text="A campaign manager took this name off the public list.",
                verbose_name="name hidden by a manager",
            ),
        ),
        migrations.AddField(
            model_name="signature",
            name="name_passed_screen",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Set when the signature is confirmed: the first name is shaped like a "
                "name and passed the civility screen.",
                verbose_name="first name fit to show",
            ),
        ),
    ]
