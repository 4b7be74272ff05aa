"""Queue the weekly digest of story alerts: one email to each subscriber who chose a weekly
digest, with the past seven days' stories that match what they follow. Run it once a week
from the scheduler; running it twice in a week sends nobody a second digest."""

from django.core.management.base import BaseCommand

from alerts.tasks import send_weekly_digest


class Command(BaseCommand):
    help = "Queue this week's digest of story alerts (sent once per subscriber per week)."

    def handle(self, *args, **options):
        result = send_weekly_digest.enqueue()
        self.stdout.write(f"Queued the weekly digest (task {result.id}).")
