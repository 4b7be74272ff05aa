"""Delete old email receipts (outbox/deliveries.py).

A receipt matters while its task might run again (the last retry comes about two and a half
hours after the first attempt) and for the one-a-minute floor; a week is ample. Rows hold
keys such as `comment:12:notify:7`, never an address, but there is no reason to keep them.
Run it daily, beside django-tasks-db's own `prune_db_task_results`.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from outbox.models import EmailDelivery


class Command(BaseCommand):
    help = "Delete email receipts older than --days (default 7)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _ = EmailDelivery.objects.filter(claimed_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} email receipt{'s' if deleted != 1 else ''}.")
