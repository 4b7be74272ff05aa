"""A task worker killed mid-task: the task runs again and each email goes out once.

The end-to-end test runs `manage.py db_worker` on PostgreSQL, kills it with SIGKILL while it is
half-way through a comment's notifications (two sent, the third hanging at the mail server),
re-queues the abandoned task with `requeue_stale_tasks`, and lets a new worker finish: every
subscriber has exactly one email. The smaller tests pin down the claim-send-mark steps.
"""

import io
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from comments.tasks import notify_subscribers
from outbox.deliveries import DeliveryInFlight, forget_topic, send_once
from outbox.models import EmailDelivery, TaskFailure
from tests.factories import CommentFactory, SubscriptionFactory
from tests.faults.conftest import run_ready_tasks


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_worker(mail_dir, *extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
        "DATABASE_URL": database_url(),
        "FAULTS_MAIL_DIR": str(mail_dir),
        "FAULTS_BLOCK_AT": "3",
        "TASK_STALE_SECONDS": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = ["manage.py", "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1"]
    return subprocess.Popen(
        [sys.executable, *command, *extra], cwd=django_settings.BASE_DIR, env=env
    )


def wait_for(path, process, timeout=60):
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert process.poll() is None, "the worker exited before reaching the mail server"
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.1)


def recipients(mail_dir):
    return sorted(p.read_text().split("\n")[0] for p in Path(mail_dir).glob("*.eml"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a worker process needs a database it can share"
)
def test_a_killed_worker_s_task_reruns_and_each_email_goes_once(
    story, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    comment = CommentFactory(page=story)
    subscribers = [SubscriptionFactory(page=story).commenter.email for _ in range(3)]
    task_id = notify_subscribers.enqueue(comment.pk).id
    (tmp_path / "block").touch()

    first = start_worker(tmp_path)
    try:
        wait_for(tmp_path / "blocked", first)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL
    task = DBTaskResult.objects.get(pk=task_id)
    assert task.status == TaskResultStatus.RUNNING  # abandoned: no worker will look at it again
    assert len(recipients(tmp_path)) == 2
    assert EmailDelivery.objects.filter(sent_at__isnull=False).count() == 2

    (tmp_path / "block").unlink()
    time.sleep(1.1)  # past TASK_STALE_SECONDS, as the command's default would be in production
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
    assert task.status == TaskResultStatus.SUCCESSFUL and len(task.worker_ids) == 2
    assert recipients(tmp_path) == sorted(subscribers)  # each of the three, exactly once
    assert EmailDelivery.objects.filter(sent_at__isnull=False).count() == 3


@pytest.mark.django_db
def test_requeue_leaves_recent_and_finished_tasks_alone(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    stale, fresh, done = (notify_subscribers.enqueue(n).id for n in (1, 2, 3))
    long_ago = timezone.now() - timedelta(hours=1)
    DBTaskResult.objects.filter(pk__in=[stale, done]).update(started_at=long_ago)
    DBTaskResult.objects.filter(pk__in=[stale, fresh]).update(status=TaskResultStatus.RUNNING)
    DBTaskResult.objects.filter(pk=fresh).update(started_at=timezone.now())
    DBTaskResult.objects.filter(pk=done).update(status=TaskResultStatus.SUCCESSFUL)
    call_command("requeue_stale_tasks", stdout=io.StringIO())
    status = {str(pk): value for pk, value in DBTaskResult.objects.values_list("pk", "status")}
    assert status == {
        str(stale): TaskResultStatus.READY,
        str(fresh): TaskResultStatus.RUNNING,
        str(done): TaskResultStatus.SUCCESSFUL,
    }


@pytest.mark.django_db
def test_sent_once_then_skipped():
    sent = []
    assert send_once("topic:key", lambda: sent.append(1)) is True
    assert send_once("topic:key", lambda: sent.append(1)) is False
    assert sent == [1]


@pytest.mark.django_db
def test_a_failed_send_releases_its_claim_for_the_retry():
    def refuse():
        raise ConnectionRefusedError("mail server down")

    with pytest.raises(ConnectionRefusedError):
        send_once("topic:key", refuse)
    assert not EmailDelivery.objects.exists()
    assert send_once("topic:key", lambda: None) is True


@pytest.mark.django_db
def test_a_claim_in_flight_waits_and_a_lapsed_one_is_taken_over(settings):
    settings.TASK_STALE_SECONDS = 600
    EmailDelivery.objects.create(key="topic:key", claimed_at=timezone.now())
    with pytest.raises(DeliveryInFlight):
        send_once("topic:key", lambda: None)
    EmailDelivery.objects.update(claimed_at=timezone.now() - timedelta(minutes=11))
    assert send_once("topic:key", lambda: None) is True
    assert EmailDelivery.objects.get().sent_at is not None


@pytest.mark.django_db
def test_a_notification_task_run_twice_emails_each_subscriber_once(story, settings):
    comment = CommentFactory(page=story)
    for _ in range(2):
        SubscriptionFactory(page=story)
    notify_subscribers.enqueue(comment.pk)
    notify_subscribers.enqueue(comment.pk)
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_old_receipts_are_pruned_and_recent_ones_kept():
    now = timezone.now()
    EmailDelivery.objects.create(key="old:1", claimed_at=now - timedelta(days=8), sent_at=now)
    EmailDelivery.objects.create(key="new:1", claimed_at=now - timedelta(days=6), sent_at=now)
    out = io.StringIO()
    call_command("prune_email_deliveries", stdout=out)
    assert out.getvalue().strip() == "Deleted 1 email receipt."
    assert list(EmailDelivery.objects.values_list("key", flat=True)) == ["new:1"]


@pytest.mark.django_db
def test_a_task_that_kills_every_worker_stops_after_the_last_attempt(settings, story):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    comment = CommentFactory(page=story)
    SubscriptionFactory(page=story)
    task_id = notify_subscribers.enqueue(comment.pk).id
    # Five workers claimed it and died; the sixth claim finds the attempts used up.
    DBTaskResult.objects.filter(pk=task_id).update(worker_ids=[f"dead-{n}" for n in range(5)])
    run_ready_tasks()
    assert DBTaskResult.objects.get(pk=task_id).status == TaskResultStatus.FAILED
    failure = TaskFailure.objects.get()
    assert (failure.state, failure.attempts) == (TaskFailure.State.FAILED, 6)
    assert failure.error_class == "outbox.retries.WorkerLost"
    assert len(mail.outbox) == 0 and not DBTaskResult.objects.ready().exists()


@pytest.mark.django_db
def test_erasure_forgets_one_topics_receipts_and_no_other():
    now = timezone.now()
    for key in ("confirm:abc:1", "confirm:abc:2", "confirm:abcd:1", "other:abc:1"):
        EmailDelivery.objects.create(key=key, claimed_at=now, sent_at=now)
    assert forget_topic("confirm:abc") == 2
    assert sorted(EmailDelivery.objects.values_list("key", flat=True)) == [
        "confirm:abcd:1",
        "other:abc:1",
    ]
