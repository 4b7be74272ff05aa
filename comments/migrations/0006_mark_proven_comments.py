"""Comments written before proof per comment: one that left the confirmation step (anything
but "unconfirmed") from a commenter who had confirmed their address is counted as proven, as
the rules of the time treated it. Comments still awaiting a confirmation stay unproven: the
links sent for them confirmed a whole commenter and no longer work."""

from django.db import migrations
from django.db.models import F


def mark_proven(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Comment.objects.exclude(status="unconfirmed").filter(
        commenter__confirmed_at__isnull=False, proven_at__isnull=True
    ).update(proven_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("comments", "0005_comment_proof")]

    operations = [migrations.RunPython(mark_proven, migrations.RunPython.noop)]
