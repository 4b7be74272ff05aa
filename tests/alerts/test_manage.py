"""The "Manage my alerts" page behind the signed link in every email."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from alerts.links import manage_token, unsubscribe_token
from alerts.models import Subscriber, Subscription
from tests.factories import AlertSubscriptionFactory, PetitionPageFactory, SignatureFactory


@pytest.fixture
def follower(db):
    tag = Tag.objects.create(name="Firewall", slug="firewall")
    everything = AlertSubscriptionFactory(subscriber__email="me@example.org")
    tagged = AlertSubscriptionFactory(subscriber=everything.subscriber, kind="tag", tag=tag)
    pending = AlertSubscriptionFactory(
        subscriber=everything.subscriber,
        kind="tag",
        tag=Tag.objects.create(name="Other", slug="other"),
        status="pending",
    )
    return everything.subscriber, everything, tagged, pending


def manage_url(subscriber):
    return reverse("alerts:manage", args=[manage_token(subscriber)])


def test_the_page_lists_confirmed_alerts_only(client, follower):
    subscriber, *_ = follower
    html = client.get(manage_url(subscriber)).content.decode()
    assert "Every story" in html and "Stories tagged “Firewall”" in html
    assert "Other" not in html


def test_change_frequency_and_drop_a_topic(client, follower):
    subscriber, everything, tagged, _pending = follower
    response = client.post(
        manage_url(subscriber),
        {
            f"keep_{everything.pk}": "on",
            f"frequency_{everything.pk}": "weekly",
            f"frequency_{tagged.pk}": "instant",
        },
    )
    assert response.status_code == 200 and b"Your changes are saved" in response.content
    everything.refresh_from_db()
    assert everything.frequency == "weekly"
    assert not Subscription.objects.filter(pk=tagged.pk).exists()


def test_bad_choices_get_a_clear_answer(client, follower):
    subscriber, everything, *_ = follower
    response = client.post(
        manage_url(subscriber), {f"keep_{everything.pk}": "on", f"frequency_{everything.pk}": "x"}
    )
    assert response.status_code == 200
    assert b"Please choose a frequency" in response.content


def test_leave_all(client, follower):
    subscriber, *_ = follower
    response = client.post(manage_url(subscriber), {"leave": "1"})
    assert b"You have left all alerts" in response.content
    assert not Subscriber.objects.exists()


def test_the_manage_link_needs_a_token_and_a_form_token(follower):
    from django.test import Client

    subscriber, *_ = follower
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(manage_url(subscriber), {"leave": "1"}).status_code == 403
    assert Subscriber.objects.exists()


def test_unsubscribe_asks_first_and_ends_a_signers_updates_too(client, home):
    petition_signature = SignatureFactory(
        petition=PetitionPageFactory(parent=home),
        email="s@example.org",
        opt_in=True,
        status="confirmed",
    )
    AlertSubscriptionFactory(subscriber__email="S+x@example.org")
    url = reverse("alerts:unsubscribe", args=[unsubscribe_token(petition_signature.email_hash)])
    page = client.get(url)
    assert b"Stop all alerts" in page.content
    assert Subscriber.objects.exists()
    client.post(url)
    assert not Subscriber.objects.exists()
    petition_signature.refresh_from_db()
    assert petition_signature.opt_in is False
    assert petition_signature.status == "confirmed"  # the signature still counts
