"""Put back in the queue the tasks whose worker died while running them.

`db_worker` marks a task RUNNING when it claims it and FAILED or SUCCESSFUL when it ends; a
worker killed in between (out of memory, SIGKILL, a lost machine) leaves the row RUNNING and
no worker ever looks at it again. This command sets such rows, RUNNING for longer than
`--older-than` seconds (default TASK_STALE_SECONDS, 10 minutes: well past any of our tasks,
which wait at most EMAIL_TIMEOUT on the mail server), back to READY. The tasks that matter
are idempotent (outbox/deliveries.py), so running one again after a crash sends nothing
twice. Run it every few minutes from the scheduler that runs the workers, or before starting
them.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def requeue_stale(older_than):
    cutoff = timezone.now() - older_than
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).update(status=TaskResultStatus.READY)


class Command(BaseCommand):
    help = "Re-queue background tasks left RUNNING by a worker that died."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=settings.TASK_STALE_SECONDS,
            help="seconds a task must have been running to count as abandoned",
        )

    def handle(self, *args, older_than, **options):
        if older_than < 0:
            raise CommandError("--older-than must be zero or more.")
        count = requeue_stale(timedelta(seconds=older_than))
        self.stdout.write(f"Re-queued {count} abandoned task{'s' if count != 1 else ''}.")
