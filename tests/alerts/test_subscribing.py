"""Signing up for alerts: double opt-in, identical answers, the links in the emails."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from taggit.models import Tag

from alerts.models import Subscriber, Subscription
from alerts.topics import consent_version
from tests.factories import AlertSubscriptionFactory

SUBSCRIBE = "/alerts/subscribe/"


def links_in(message):
    return re.findall(r"https?://[^\s<>\"]+", message.body)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def tag(db):
    return Tag.objects.create(name="Police data sharing", slug="police-data-sharing")


def post(client, same_origin, **data):
    fields = {"email": "Reader@Example.org", "topic": "all", "frequency": "instant", "website": ""}
    fields.update(data)
    return client.post(SUBSCRIBE, fields, **same_origin)


def test_subscribing_sends_a_link_and_follows_nothing_until_confirmed(
    client, home, tag, same_origin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, same_origin, topic=f"tag:{tag.pk}")
    assert response.status_code == 200
    assert b"Check your inbox" in response.content
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.PENDING
    assert subscription.topic_key == f"tag:{tag.pk}"
    assert subscription.consent_version == consent_version()
    assert len(mail.outbox) == 1
    confirm_url = next(url for url in links_in(mail.outbox[0]) if "/alerts/confirm/" in url)
    assert confirm_url.startswith("http://localhost/alerts/confirm/")
    # Following the link (as a mail scanner does) confirms nothing: only the button does.
    page = client.get(path_of(confirm_url))
    assert page.status_code == 200 and b"Yes, send me these alerts" in page.content
    assert Subscription.objects.get().status == Subscription.Status.PENDING
    client.post(path_of(confirm_url))
    assert Subscription.objects.get().status == Subscription.Status.CONFIRMED


def test_the_answer_is_the_same_whatever_the_address_is(
    client, home, same_origin, django_capture_on_commit_callbacks
):
    """New, pending, confirmed elsewhere, confirmed on this topic: the same page, byte for
    byte, and the same statements; only the email sent differs."""
    AlertSubscriptionFactory(subscriber__email="known@example.org", kind="all", status="confirmed")
    answers = []
    for email in ["new@example.org", "new@example.org", "Known+x@Example.org"]:
        with django_capture_on_commit_callbacks(execute=True):
            answers.append(post(client, same_origin, email=email))
    assert {answer.status_code for answer in answers} == {200}
    assert len({answer.content for answer in answers}) == 1
    subjects = [message.subject for message in mail.outbox]
    assert subjects[0].startswith("Please confirm") and subjects[1].startswith("Please confirm")
    assert subjects[2].startswith("You already get")
    # The known address's confirmed subscription is untouched by a stranger's request.
    assert Subscription.objects.filter(status="confirmed").count() == 1


def test_the_same_queries_for_a_new_and_a_known_address(
    client, home, same_origin, django_assert_num_queries
):
    AlertSubscriptionFactory(subscriber__email="known@example.org")
    post(client, same_origin, email="warm-up@example.org")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for email in ["fresh@example.org", "known@example.org"]:
        with CaptureQueriesContext(connection) as queries:
            post(client, same_origin, email=email)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_post_from_another_site_is_refused(home):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        SUBSCRIBE,
        {"email": "a@example.org", "topic": "all", "frequency": "instant"},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert not Subscription.objects.exists()


def test_the_form_works_without_a_token_or_cookie(home):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        SUBSCRIBE,
        {"email": "a@example.org", "topic": "all", "frequency": "instant"},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"email": "not an address"}, b"Enter a valid email address"),
        ({"topic": "tag:999999"}, b"no longer exists"),
        ({"topic": "tag:99999999999999999999999"}, b"no longer exists"),
        ({"topic": "campaign:abc"}, b"no longer exists"),
        ({"frequency": "hourly"}, b"Select a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_answer(client, home, same_origin, fields, message):
    response = post(client, same_origin, **fields)
    assert response.status_code == 400
    assert message in response.content
    assert not Subscription.objects.exists()


def test_the_honeypot_refuses(client, home, same_origin):
    response = post(client, same_origin, website="http://spam.example")
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_rate_limited_per_connection(client, home, same_origin, settings):
    settings.ALERTS_SUBSCRIBE_RATE = "2/h"
    statuses = [post(client, same_origin, email=f"r{n}@example.org").status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_one_identity_per_address(client, home, same_origin):
    post(client, same_origin, email="Jane.Doe+news@gmail.com")
    post(client, same_origin, email="janedoe@gmail.com")
    assert Subscriber.objects.count() == 1
    assert Subscription.objects.count() == 1


def test_broken_and_expired_links_say_so(client, home):
    for name in ["alerts:confirm", "alerts:manage", "alerts:unsubscribe"]:
        response = client.get(reverse(name, args=["not-a-token"]))
        assert response.status_code == 400
        assert b"This link does not work" in response.content


def test_a_confirmation_link_does_not_outlive_an_erasure(client, home, same_origin):
    from alerts.links import confirmation_token
    from core.data_rights import erase_person

    subscription = AlertSubscriptionFactory(subscriber__email="gone@example.org", status="pending")
    token = confirmation_token(subscription)
    erase_person("gone@example.org")
    assert client.post(reverse("alerts:confirm", args=[token])).status_code == 400
    assert not Subscriber.objects.exists()
