"""Forget which connection sent each readers' report older than COMMENT_REPORT_RETENTION_DAYS
(30), and delete the reports moderators dealt with before then. Run it daily, beside
purge_signatures; the task `comments.tasks.purge_old_reports` does the same for a scheduler."""

from django.core.management.base import BaseCommand, CommandError

from comments.reports import purge_old_reports


class Command(BaseCommand):
    help = (
        "Blank old comment reports' connection fingerprints and delete reports dealt with more "
        "than --days (COMMENT_REPORT_RETENTION_DAYS) ago."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days, **options):
        if days is not None and days < 1:
            raise CommandError("--days must be 1 or more.")
        deleted, blanked = purge_old_reports(days=days)
        self.stdout.write(
            f"Deleted {deleted} report{'s' if deleted != 1 else ''} moderators dealt with; "
            f"forgot the connection of {blanked} more."
        )
