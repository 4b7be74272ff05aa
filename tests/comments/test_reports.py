"""Readers' reports of published comments: the page without JavaScript, anonymity, one report
per connection, the rate limit, the hiding threshold, the moderators' decisions, the purge."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from comments import moderation, reports
from comments.models import Comment, CommentReport
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/snippets/comments/comment/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def report_url(comment):
    return f"/comments/report/{comment.pk}/"


def send(client, comment, reason="personal_attack", note="", address="203.0.113.7"):
    return client.post(
        report_url(comment),
        {"reason": reason, "note": note},
        REMOTE_ADDR=address,
        HTTP_ORIGIN="http://testserver",
    )


@pytest.fixture
def published(story):
    return CommentFactory(page=story, status="approved", name="Jo", body="A published comment.")


def test_the_report_page_works_without_javascript(client, published, story):
    html = client.get(report_url(published)).content.decode()
    assert "A published comment." in html
    for label in ("Personal attack", "Xenophobia", "Profanity", "Spam or advertising"):
        assert label in html
    response = send(client, published, note="Mocks another reader.")
    assert response.status_code == 200
    assert reports.THANKS in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert not response.cookies
    report = CommentReport.objects.get()
    assert (report.reason, report.note) == ("personal_attack", "Mocks another reader.")
    # Anonymous: a keyed hash of the connection, nothing that names or locates the reader.
    assert len(report.reporter_key) == 64 and "203.0.113" not in report.reporter_key
    # Every story page shows the same "Report" link, and nothing else about reports.
    story_html = client.get(story.url).content.decode()
    assert f'href="/comments/report/{published.pk}/"' in story_html


def test_a_report_needs_a_reason_and_a_short_note(client, published):
    response = send(client, published, reason="")
    assert response.status_code == 400
    assert "Choose the reason" in response.content.decode()
    assert send(client, published, reason="made-up").status_code == 400
    assert send(client, published, note="x" * 501).status_code == 400
    assert not CommentReport.objects.exists()


def test_only_published_comments_can_be_reported(client, story):
    for status in ("pending", "rejected", "spam", "unconfirmed"):
        comment = CommentFactory(page=story, status=status)
        assert client.get(report_url(comment)).status_code == 404
        assert send(client, comment).status_code == 404
    hidden = CommentFactory(page=story, status="approved", hidden_at=timezone.now())
    assert client.get(report_url(hidden)).status_code == 404


def test_a_post_from_another_site_is_refused(published):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        report_url(published),
        {"reason": "profanity"},
        HTTP_ORIGIN="https://elsewhere.example",
    )
    assert response.status_code == 403
    assert not CommentReport.objects.exists()


def test_one_connection_counts_once_and_hears_the_same_answer(client, published):
    first = send(client, published)
    again = send(client, published, reason="profanity")
    assert first.content == again.content  # nothing says whether it was counted
    assert CommentReport.objects.count() == 1
    published.refresh_from_db()
    assert published.open_reports == 1
    send(client, published, address="198.51.100.9")
    published.refresh_from_db()
    assert published.open_reports == 2


def test_reports_are_rate_limited_per_connection(client, story, settings):
    settings.COMMENTS_REPORT_RATE = "2/h"
    comments = CommentFactory.create_batch(3, page=story, status="approved")
    assert send(client, comments[0]).status_code == 200
    assert send(client, comments[1]).status_code == 200
    refused = send(client, comments[2])
    assert refused.status_code == 429
    assert "several reports in a short time" in refused.content.decode()
    assert CommentReport.objects.count() == 2


def test_the_comment_hides_at_the_sites_threshold_and_stays_hidden(
    client, published, story, options, django_capture_on_commit_callbacks
):
    options.hide_after_reports = 3
    options.save()
    for n, address in enumerate(["203.0.113.1", "203.0.113.2"], start=1):
        send(client, published, address=address)
        published.refresh_from_db()
        assert published.hidden_at is None and published.open_reports == n
    assert "A published comment." in client.get(story.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send(client, published, address="203.0.113.3")
    published.refresh_from_db()
    assert published.hidden_at is not None and published.status == "approved"
    assert callbacks, "the story's cached copies are made stale"
    assert "A published comment." not in client.get(story.url).content.decode()
    assert client.get(report_url(published)).status_code == 404
    assert ModelLogEntry.objects.filter(action=reports.HIDDEN, object_id=str(published.pk))


def test_zero_means_reports_never_hide_a_comment(client, published, options):
    options.hide_after_reports = 0
    options.save()
    for n in range(5):
        send(client, published, address=f"203.0.113.{n + 1}")
    published.refresh_from_db()
    assert published.open_reports == 5 and published.hidden_at is None


def test_moderators_see_reports_counted_and_dismiss_or_reject(client, story, moderator, options):
    options.hide_after_reports = 2
    options.save()
    kept = CommentFactory(page=story, status="approved", name="Kept Commenter")
    removed = CommentFactory(page=story, status="approved", name="Removed Commenter")
    CommentFactory(page=story, status="approved", name="Never Reported")
    for address in ("203.0.113.1", "203.0.113.2"):
        send(client, kept, reason="personal_attack", address=address)
    send(client, removed, reason="xenophobia", note="Calls people vermin.")
    send(client, removed, reason="xenophobia", address="203.0.113.9")

    client.force_login(moderator)
    html = client.get(QUEUE + "?queue=reported").content.decode()
    assert "Kept Commenter" in html and "Removed Commenter" in html
    assert "Never Reported" not in html
    assert "Personal attack × 2" in html and "Xenophobia × 2" in html
    assert "hidden from readers" in html
    page = client.get(f"/admin/comments/moderate/{removed.pk}/").content.decode()
    assert "Reported by readers: 2 reports" in page and "Calls people vermin." in page
    # The readers' reason is the Reject form's starting reason.
    assert '<option value="xenophobia" selected>' in page

    client.post(f"/admin/comments/moderate/{kept.pk}/", {"action": "dismiss"})
    kept.refresh_from_db()
    assert kept.open_reports == 0 and kept.hidden_at is None and kept.status == "approved"
    assert ModelLogEntry.objects.get(action=reports.DISMISS, object_id=str(kept.pk)).data[
        "reports"
    ] == {"personal_attack": 2}

    client.post(
        f"/admin/comments/moderate/{removed.pk}/",
        {"action": "reject", "reject-reason": "xenophobia"},
    )
    removed.refresh_from_db()
    assert removed.status == "rejected" and removed.open_reports == 0
    assert set(removed.reports.values_list("outcome", flat=True)) == {"removed"}
    assert ModelLogEntry.objects.filter(action=moderation.REJECT, object_id=str(removed.pk))
    html = client.get(QUEUE + "?queue=reported").content.decode()
    assert "Kept Commenter" not in html and "Removed Commenter" not in html

    # Dismissed reports still stop the same connection counting twice; a new one counts.
    send(client, kept, address="203.0.113.1")
    kept.refresh_from_db()
    assert kept.open_reports == 0
    send(client, kept, address="203.0.113.50")
    kept.refresh_from_db()
    assert kept.open_reports == 1


def test_the_purge_forgets_connections_and_deletes_dealt_with_reports(published, settings):
    old = timezone.now() - timedelta(days=settings.COMMENT_REPORT_RETENTION_DAYS + 1)
    dealt = CommentReport.objects.create(
        comment=published, reason="profanity", reporter_key="a" * 64, created_at=old
    )
    CommentReport.objects.filter(pk=dealt.pk).update(resolved_at=old, outcome="dismissed")
    waiting = CommentReport.objects.create(
        comment=published, reason="profanity", reporter_key="b" * 64, created_at=old
    )
    recent = CommentReport.objects.create(
        comment=published, reason="profanity", reporter_key="c" * 64
    )
    assert reports.purge_old_reports() == (1, 1)
    assert not CommentReport.objects.filter(pk=dealt.pk).exists()
    waiting.refresh_from_db()
    recent.refresh_from_db()
    assert waiting.reporter_key == "" and recent.reporter_key == "c" * 64
    out = StringIO()
    call_command("purge_comment_reports", stdout=out)
    assert "Deleted 0 reports" in out.getvalue()


def test_reports_go_with_the_comment(published, client):
    send(client, published)
    Comment.objects.filter(pk=published.pk).delete()
    assert not CommentReport.objects.exists()
