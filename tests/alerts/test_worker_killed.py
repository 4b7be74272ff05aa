"""A task worker killed half-way through a story's alert: the task is re-queued, a new worker
finishes it, and every subscriber has exactly one email.

As tests/faults/test_worker_killed.py does for comment notifications: `manage.py db_worker` on
PostgreSQL, with mail dropped into files; the fourth email hangs at the "mail server", the
worker is killed with SIGKILL there (its claims on the rest of the batch left behind, as a
real crash leaves them), `requeue_stale_tasks` puts the task back once its claims have lapsed,
and a second worker finishes.
"""

import io
import signal
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from alerts import tasks
from alerts.models import Alert
from outbox.models import EmailDelivery
from tests.factories import AlertSubscriptionFactory, NewsPageFactory
from tests.faults.test_worker_killed import recipients, start_worker, wait_for


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a worker process needs a database it can share"
)
def test_a_killed_worker_s_alert_reruns_and_nobody_gets_two(
    news_index, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    group = tasks.GROUP_SIZE
    subscribers = [
        AlertSubscriptionFactory(subscriber__email=f"reader{n:02d}@example.org").subscriber.email
        for n in range(group + 5)
    ]
    (tmp_path / "block").touch()
    with django_capture_on_commit_callbacks(execute=True):
        story = NewsPageFactory(parent=news_index)
    task = DBTaskResult.objects.get(task_path="alerts.tasks.send_alert")

    first = start_worker(tmp_path)
    try:
        wait_for(tmp_path / "blocked", first)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL
    assert len(recipients(tmp_path)) == 2
    # The receipts of the group being handed over were written before it was.
    receipts = EmailDelivery.objects.filter(key__startswith="alert:", sent_at__isnull=False)
    assert receipts.count() == group

    (tmp_path / "block").unlink()
    time.sleep(1.1)  # past TASK_STALE_SECONDS (1 s for these workers): the claims have lapsed
    out = io.StringIO()
    call_command("requeue_stale_tasks", "--older-than", "1", stdout=out)
    assert out.getvalue().strip() == "Re-queued 1 abandoned task."
    second = start_worker(tmp_path, "--batch")
    try:
        assert second.wait(timeout=120) == 0
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    # The two handed over before the hang, then the next group, each once; the rest of the
    # group that was being handed over when the worker died is not sent again.
    assert recipients(tmp_path) == sorted(subscribers[:2] + subscribers[group:])
    alert = Alert.objects.get(story=story)
    assert alert.status == Alert.Status.SENT
    assert receipts.count() == len(subscribers)
