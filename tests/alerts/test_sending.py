"""Publishing a story sends its alert: first publication only, once per person, in batches,
with working links and the one-click unsubscribe headers."""

import re

import pytest
from django.core import mail
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django_tasks import TaskResultStatus
from taggit.models import Tag

from alerts import tasks
from alerts.models import Alert, Subscriber, Subscription
from outbox.models import EmailDelivery
from tests.alerts import dying_backend
from tests.factories import (
    AlertSubscriptionFactory,
    CampaignPageFactory,
    NewsPageFactory,
    PetitionPageFactory,
    SignatureFactory,
)


@pytest.fixture
def tag(db):
    return Tag.objects.create(name="Police data sharing", slug="police-data-sharing")


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def publish_story(news_index, capture, **fields):
    with capture(execute=True):
        return NewsPageFactory(parent=news_index, **fields)


def test_a_story_reaches_each_follower_of_its_topics_once(
    news_index, tag, category, django_capture_on_commit_callbacks
):
    both = AlertSubscriptionFactory(kind="tag", tag=tag, subscriber__email="both@example.org")
    AlertSubscriptionFactory(subscriber=both.subscriber, kind="category", category=category)
    AlertSubscriptionFactory(subscriber__email="all@example.org")
    AlertSubscriptionFactory(subscriber__email="pending@example.org", status="pending")
    AlertSubscriptionFactory(subscriber__email="weekly@example.org", frequency="weekly")
    other = Tag.objects.create(name="Other", slug="other")
    AlertSubscriptionFactory(kind="tag", tag=other, subscriber__email="other@example.org")

    story = publish_story(
        news_index, django_capture_on_commit_callbacks, tags=[tag], category=category
    )

    assert sorted(message.to[0] for message in mail.outbox) == [
        "all@example.org",
        "both@example.org",
    ]
    alert = Alert.objects.get(story=story)
    assert alert.status == Alert.Status.SENT and alert.sent_count == 2
    message = mail.outbox[0]
    assert story.title in message.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(r"<http://localhost/alerts/unsubscribe/[\w-]+/>",
                        message.extra_headers["List-Unsubscribe"])  # fmt: skip
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f"http://localhost{story.url}" in message.body
    assert f"http://localhost{story.url}" in html
    assert "/alerts/manage/" in message.body and "/alerts/manage/" in html


def test_links_in_the_alert_work(news_index, django_capture_on_commit_callbacks):
    AlertSubscriptionFactory(subscriber__email="reader@example.org")
    publish_story(news_index, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    browser = Client()
    for url in re.findall(r"https?://[^\s<>\"]+", message.body):
        assert browser.get(path_of(url)).status_code == 200, url
    # The header's one-click POST, as a mail client sends it: no page, no CSRF token.
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        path_of(unsubscribe),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_later_publications_send_nothing(news_index, django_capture_on_commit_callbacks):
    AlertSubscriptionFactory()
    story = publish_story(news_index, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    story.title = "Corrected title"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
        story.unpublish()
        story.save_revision().publish()
    assert len(mail.outbox) == 1
    assert Alert.objects.count() == 1


def test_an_editor_can_hold_the_alert(news_index, django_capture_on_commit_callbacks):
    AlertSubscriptionFactory()
    story = publish_story(news_index, django_capture_on_commit_callbacks, hold_alert=True)
    assert mail.outbox == []
    assert Alert.objects.get(story=story).status == Alert.Status.HELD


def test_a_story_unpublished_before_its_alert_goes_sends_nothing(
    news_index, django_capture_on_commit_callbacks
):
    AlertSubscriptionFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story = NewsPageFactory(parent=news_index)
    story.unpublish()
    for callback in callbacks:
        callback()
    assert mail.outbox == []
    assert Alert.objects.get(story=story).status == Alert.Status.CANCELLED


def test_a_batch_run_twice_sends_nobody_a_second_email(
    news_index, django_capture_on_commit_callbacks, monkeypatch, settings
):
    """A worker killed half-way (its claims left behind) or a retried task: the emails that
    went are not sent again, the ones that did not go are."""
    monkeypatch.setattr(tasks, "BATCH_SIZE", 3)
    for n in range(10):
        AlertSubscriptionFactory(subscriber__email=f"r{n}@example.org")
    with django_capture_on_commit_callbacks(execute=False):
        story = NewsPageFactory(parent=news_index)
    alert = Alert.objects.get(story=story)

    # A worker that dies after sending four.
    settings.EMAIL_BACKEND = "tests.alerts.dying_backend.EmailBackend"
    monkeypatch.setattr(dying_backend.EmailBackend, "die_after", 4)
    assert tasks.send_alert.enqueue(alert.pk).status == TaskResultStatus.FAILED
    assert len(mail.outbox) == 4
    monkeypatch.setattr(dying_backend.EmailBackend, "die_after", None)

    tasks.send_alert.enqueue(alert.pk)  # the task re-queued after the crash
    tasks.send_alert.enqueue(alert.pk)  # and once more, for a retry that was not needed
    recipients = [message.to[0] for message in mail.outbox]
    assert sorted(recipients) == sorted(f"r{n}@example.org" for n in range(10))
    assert (
        EmailDelivery.objects.filter(key__startswith="alert:", sent_at__isnull=False).count() == 10
    )


def test_a_claim_left_by_a_dead_worker_is_taken_over_after_the_lease(
    news_index, django_capture_on_commit_callbacks, settings
):
    from alerts.tasks import alert_key
    from outbox.deliveries import claim_many

    subscription = AlertSubscriptionFactory(subscriber__email="one@example.org")
    with django_capture_on_commit_callbacks(execute=False):
        story = NewsPageFactory(parent=news_index)
    alert = Alert.objects.get(story=story)
    key = alert_key(subscription.subscriber.email_hash, alert.pk)
    claim_many([key])  # a worker claimed it, then died before sending
    assert tasks.send_alert.enqueue(alert.pk).status == TaskResultStatus.FAILED
    assert mail.outbox == []
    settings.TASK_STALE_SECONDS = 0
    tasks.send_alert.enqueue(alert.pk)
    assert len(mail.outbox) == 1


def test_campaign_followers_hear_of_stories_sharing_its_tags(
    home, news_index, tag, django_capture_on_commit_callbacks
):
    campaign = CampaignPageFactory(parent=home, tags=[tag])
    AlertSubscriptionFactory(kind="campaign", campaign=campaign, subscriber__email="c@example.org")
    publish_story(news_index, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    publish_story(news_index, django_capture_on_commit_callbacks, tags=[tag])
    assert [message.to for message in mail.outbox] == [["c@example.org"]]


def test_petition_updates_go_once_to_opted_in_signers_and_campaign_followers(
    home, django_capture_on_commit_callbacks
):
    from campaign.models import PetitionUpdate

    campaign = CampaignPageFactory(parent=home)
    petition = PetitionPageFactory(parent=campaign)
    SignatureFactory(petition=petition, email="yes@example.org", opt_in=True, status="confirmed")
    SignatureFactory(petition=petition, email="no@example.org", opt_in=False, status="confirmed")
    SignatureFactory(petition=petition, email="unconfirmed@example.org", opt_in=True)
    SignatureFactory(petition=petition, email="both@example.org", opt_in=True, status="confirmed")
    AlertSubscriptionFactory(
        kind="campaign", campaign=campaign, subscriber__email="both@example.org"
    )
    AlertSubscriptionFactory(kind="campaign", campaign=campaign, subscriber__email="f@example.org")

    petition.updates.add(
        PetitionUpdate(kind="handed_in", title="We handed in 10,000 names", body="Thank you.")
    )
    with django_capture_on_commit_callbacks(execute=True):
        petition.save_revision().publish()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "both@example.org",
        "f@example.org",
        "yes@example.org",
    ]
    assert "We handed in" in mail.outbox[0].body
    # Published again (as the editor saving the page with its update, which keeps its id).
    petition = type(petition).objects.get(pk=petition.pk)
    with django_capture_on_commit_callbacks(execute=True):
        petition.save_revision().publish()
    assert len(mail.outbox) == 3

    # Stopping from a signer's email withdraws their opt-in: the next update skips them.
    from campaign.models import Signature

    signer_email = next(m for m in mail.outbox if m.to == ["yes@example.org"])
    Client().post(path_of(signer_email.extra_headers["List-Unsubscribe"].strip("<>")))
    assert not Signature.objects.get(email="yes@example.org").opt_in


def test_the_petition_page_shows_its_updates(client, home, no_page_cache):
    from campaign.models import PetitionUpdate

    petition = PetitionPageFactory(parent=home)
    petition.updates.add(PetitionUpdate(kind="victory", title="We won", body="The policy ends."))
    petition.save_revision().publish()
    response = client.get(petition.url)
    assert b"We won" in response.content and b"Victory" in response.content


def test_weekly_digest_lists_the_weeks_stories_once(
    news_index, tag, django_capture_on_commit_callbacks
):
    AlertSubscriptionFactory(
        kind="tag", tag=tag, frequency="weekly", subscriber__email="w@example.org"
    )
    first = publish_story(news_index, django_capture_on_commit_callbacks, tags=[tag])
    second = publish_story(news_index, django_capture_on_commit_callbacks, tags=[tag])
    publish_story(news_index, django_capture_on_commit_callbacks)
    assert mail.outbox == []  # weekly subscribers get no instant alerts
    tasks.send_weekly_digest.enqueue()
    tasks.send_weekly_digest.enqueue()
    assert len(mail.outbox) == 1
    assert first.title in mail.outbox[0].body and second.title in mail.outbox[0].body
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers


def test_unconfirmed_subscriptions_are_purged_after_30_days(db):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    old = timezone.now() - datetime.timedelta(days=31)
    AlertSubscriptionFactory(status="pending", created_at=old, subscriber__email="old@example.org")
    AlertSubscriptionFactory(status="pending", subscriber__email="new@example.org")
    AlertSubscriptionFactory(status="confirmed", created_at=old, subscriber__email="c@example.org")
    call_command("purge_unconfirmed_alerts")
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "c@example.org",
        "new@example.org",
    ]
    assert Subscription.objects.count() == 2


def test_erasure_removes_subscriptions_and_receipts(news_index, django_capture_on_commit_callbacks):
    from core.data_rights import erase_person

    AlertSubscriptionFactory(subscriber__email="Erase.Me@example.org")
    AlertSubscriptionFactory(subscriber__email="stay@example.org")
    publish_story(news_index, django_capture_on_commit_callbacks)
    assert EmailDelivery.objects.filter(key__startswith="alert:").count() == 2
    report = erase_person("erase.me+x@EXAMPLE.org")
    assert report["alert subscription(s)"] == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["stay@example.org"]
    assert EmailDelivery.objects.filter(key__startswith="alert:").count() == 1


def test_a_bounce_or_complaint_unsubscribes(db):
    from anymail.signals import AnymailTrackingEvent, tracking

    AlertSubscriptionFactory(subscriber__email="bounce@example.org")
    AlertSubscriptionFactory(subscriber__email="soft@example.org")
    tracking.send(
        sender=object,
        event=AnymailTrackingEvent(event_type="bounced", recipient="Bounce@example.org"),
        esp_name="Test",
    )
    tracking.send(
        sender=object,
        event=AnymailTrackingEvent(event_type="deferred", recipient="soft@example.org"),
        esp_name="Test",
    )
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["soft@example.org"]


def test_alerts_go_through_anymail(news_index, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    AlertSubscriptionFactory(subscriber__email="esp@example.org")
    story = publish_story(news_index, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    params = mail.outbox[0].anymail_test_params
    assert [str(address) for address in params["to"]] == ["esp@example.org"]
    assert story.title in params["subject"]
    assert params["extra_headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/alerts/unsubscribe/" in params["html_body"]


def test_a_story_behind_a_view_restriction_sends_nothing(
    news_index, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    AlertSubscriptionFactory()
    story = publish_story(news_index, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Alert.objects.get(story=story).status == Alert.Status.CANCELLED


def test_the_weekly_digest_hands_on_to_a_fresh_task_and_sends_each_once(
    news_index, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(tasks, "BATCH_SIZE", 2)
    monkeypatch.setattr(tasks, "TIME_SLICE", -1)  # hand on after every batch
    for n in range(5):
        AlertSubscriptionFactory(frequency="weekly", subscriber__email=f"w{n}@example.org")
    publish_story(news_index, django_capture_on_commit_callbacks)
    tasks.send_weekly_digest.enqueue()
    tasks.send_weekly_digest.enqueue()
    assert sorted(m.to[0] for m in mail.outbox) == [f"w{n}@example.org" for n in range(5)]


def test_a_providers_hard_bounce_webhook_unsubscribes(db, rf, settings):
    """Postmark's bounce webhook, through anymail's own view, as config/urls.py serves it when
    ANYMAIL_ESP is set: checked against the webhook secret, then the address is unsubscribed."""
    import base64
    import json

    from anymail.webhooks.postmark import PostmarkTrackingWebhookView

    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:secret"}
    AlertSubscriptionFactory(subscriber__email="gone@example.org")
    body = json.dumps(
        {
            "RecordType": "Bounce",
            "Type": "HardBounce",
            "Email": "Gone@example.org",
            "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
            "BouncedAt": "2026-12-01T10:00:00Z",
        }
    )
    view = PostmarkTrackingWebhookView.as_view()
    forged = rf.post("/alerts/anymail/postmark/tracking/", body, content_type="application/json")
    # A SuspiciousOperation: Django answers it with a 400.
    with pytest.raises(SuspiciousOperation):
        view(forged)
    assert Subscriber.objects.exists()
    auth = base64.b64encode(b"hook:secret").decode()
    genuine = rf.post(
        "/alerts/anymail/postmark/tracking/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {auth}",
    )
    assert view(genuine).status_code == 200
    assert not Subscriber.objects.exists()
