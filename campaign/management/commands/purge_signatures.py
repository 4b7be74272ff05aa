"""`manage.py purge_signatures`: anonymise signatures on petitions closed longer than the
retention period (campaign/erasure.py), with a progress bar; `--dry-run` only counts."""

from django.conf import settings
from django.core.management.base import BaseCommand

from campaign.erasure import purge_signatures, signatures_due_for_purge

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Anonymise signatures on petitions that closed more than N days ago (counts stay)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SIGNATURE_RETENTION_DAYS,
            help="Days after a petition closes (default: SIGNATURE_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count.")

    def handle(self, *args, days, dry_run, **options):
        if dry_run:
            due = signatures_due_for_purge(days).count()
            self.stdout.write(f"{due} signature(s) would be anonymised.")
            return
        done = purge_signatures(days, progress=self.show_progress)
        self.stdout.write(f"\nAnonymised {done} signature(s).")

    def show_progress(self, done, total):
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stdout.flush()
