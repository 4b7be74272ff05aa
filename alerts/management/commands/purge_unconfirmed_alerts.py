"""Delete alert subscriptions never confirmed within ALERTS_UNCONFIRMED_DAYS (30), and the
subscribers they leave following nothing. Run it daily, beside purge_signatures; the task
`alerts.tasks.purge_unconfirmed` does the same for a scheduler."""

from django.core.management.base import BaseCommand, CommandError

from alerts.retention import purge_unconfirmed_subscriptions


class Command(BaseCommand):
    help = "Delete alert subscriptions left unconfirmed for --days (ALERTS_UNCONFIRMED_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run, **options):
        if days is not None and days < 1:
            raise CommandError("--days must be 1 or more.")
        count = purge_unconfirmed_subscriptions(days=days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} unconfirmed subscription{'s' if count != 1 else ''}.")
