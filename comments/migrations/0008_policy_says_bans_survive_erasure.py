"""The comment policy now says that a ban outlasts erasure. Sites still showing the old
default get the new one; a policy a site wrote itself is left as it is (its editors should
add the sentence: see the README)."""

from django.db import migrations

OLD_DEFAULT = (
    "Comments are read by a person before they appear. To be published a comment must be "
    "civil. We do not publish comments that promote discrimination, prejudice, racism or "
    "xenophobia, that attack another person, or that use profanity. Writing about abuse, "
    "trafficking, racism or deportation is welcome: it is what this site is for."
)
NEW_DEFAULT = OLD_DEFAULT + (
    "\n\nIf we ban an address from commenting, the ban stays when its owner asks us to erase "
    "their data: all we keep is a coded fingerprint of the address, from which the address "
    "cannot be read, so that the ban still holds."
)


def forwards(apps, schema_editor):
    CommentSettings = apps.get_model("comments", "CommentSettings")
    CommentSettings.objects.filter(policy=OLD_DEFAULT).update(policy=NEW_DEFAULT)


def backwards(apps, schema_editor):
    CommentSettings = apps.get_model("comments", "CommentSettings")
    CommentSettings.objects.filter(policy=NEW_DEFAULT).update(policy=OLD_DEFAULT)


class Migration(migrations.Migration):
    dependencies = [("comments", "0007_one_identity_per_address")]

    operations = [migrations.RunPython(forwards, backwards)]
