"""Mail server failing: the signature or comment stays, the task retries with back-off (1, 5,
25 and 125 minutes, five attempts) and a task that gave up is listed for staff, with no email
address in sight."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from campaign.models import Signature
from comments.models import Comment
from outbox.models import TaskFailure
from outbox.retries import delay_before, redacted
from tests.faults.conftest import run_ready_tasks

pytestmark = pytest.mark.django_db

REFUSING = "tests.faults.mail_backends.RefusingBackend"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SIGNER = {
    "first_name": "Nadia",
    "last_name": "Haddad",
    "email": "nadia@example.org",
    "country": "gb",
}


def sign(client, petition):
    return client.post(
        f"/api/campaign/petitions/{petition.pk}/signatures/",
        SIGNER,
        content_type="application/json",
    )


@pytest.fixture
def queued(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = REFUSING
    settings.PETITION_SIGN_RATES = []


def test_the_delays_grow_fivefold_from_a_minute():
    assert [delay_before(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=25),
        timedelta(minutes=125),
    ]


def test_redaction_removes_addresses():
    text = "{'nadia@example.org': (451, b'4.3.0 <Rosa.M+x@mail.example.org> later')}"
    assert "@" not in redacted(text)


def test_signature_kept_retried_with_back_off_then_shown_to_staff(
    client, admin_client, petition, queued
):
    assert sign(client, petition).status_code == 202
    assert Signature.objects.get().status == Signature.Status.PENDING
    for attempt, delay in enumerate([1, 5, 25, 125], start=1):
        before = timezone.now()
        assert run_ready_tasks() == 1
        retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
        assert before + timedelta(minutes=delay) <= retry.run_after
        assert retry.run_after <= timezone.now() + timedelta(minutes=delay)
        failure = TaskFailure.objects.get()
        assert (failure.state, failure.attempts) == (TaskFailure.State.RETRYING, attempt)
        assert failure.next_attempt_at == retry.run_after
        assert run_ready_tasks() == 0  # not before its time
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    assert run_ready_tasks() == 1  # the fifth and last
    assert not DBTaskResult.objects.ready().exists()
    failure = TaskFailure.objects.get()
    assert (failure.state, failure.attempts, failure.next_attempt_at) == ("failed", 5, None)
    assert failure.task_name == "campaign.tasks.send_confirmation_email"
    assert failure.error_class == "smtplib.SMTPRecipientsRefused"
    assert "4.3.0 Temporary failure" in failure.error_message
    assert "nadia" not in failure.error_message
    # Every attempt's result is FAILED, with no address in its stored traceback either.
    results = DBTaskResult.objects.all()
    assert results.count() == 5 and {r.status for r in results} == {TaskResultStatus.FAILED}
    assert all(r.exception_class_path == "outbox.retries.TaskAttemptFailed" for r in results)
    assert not any("nadia" in r.traceback for r in results)
    # The signature was never at risk, and staff can see what happened.
    assert Signature.objects.get().status == Signature.Status.PENDING and mail.outbox == []
    page = admin_client.get(reverse("failed_tasks:index")).content.decode()
    assert "campaign.tasks.send_confirmation_email" in page and "Gave up" in page
    assert "SMTPRecipientsRefused" in page and "nadia" not in page


def test_a_retry_after_the_server_recovers_sends_once(client, petition, queued, settings):
    sign(client, petition)
    run_ready_tasks()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
    assert run_ready_tasks() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nadia@example.org"]
    assert TaskFailure.objects.get().state == TaskFailure.State.RECOVERED
    assert Signature.objects.get().confirmation_sent_at is not None


def test_comment_kept_when_its_confirmation_cannot_be_sent(
    client, story, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/comments/pages/{story.pk}/",
            {"name": "Jonah", "email": "jonah@example.org", "body": "Firewall now, please."},
            content_type="application/json",
        )
    assert response.status_code in (201, 202)
    run_ready_tasks()
    assert Comment.objects.get().status == Comment.Status.UNCONFIRMED
    failure = TaskFailure.objects.get()
    assert failure.task_name == "comments.tasks.send_confirmation"
    assert failure.state == TaskFailure.State.RETRYING


def test_without_a_queue_the_first_failure_is_final_and_the_answer_unchanged(
    client, petition, settings
):
    # The immediate backend of development cannot defer, so it does not retry in the request.
    settings.EMAIL_BACKEND = REFUSING
    assert sign(client, petition).status_code == 202
    assert Signature.objects.count() == 1
    failure = TaskFailure.objects.get()
    assert (failure.state, failure.attempts) == (TaskFailure.State.FAILED, 1)


def test_only_staff_see_failed_tasks(client, django_user_model):
    url = reverse("failed_tasks:index")
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
    operations = Group.objects.create(name="Operations")
    operations.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_taskfailure"),
    )
    editor.groups.add(operations)
    assert client.get(url).status_code == 200
    assert "Failed background tasks" in client.get("/admin/").content.decode()  # in the menu
    # Read-only: nobody adds or edits a failure by hand.
    assert client.get(reverse("failed_tasks:add")).status_code in (302, 403)
