"""Database down: visitors get a plain 503 with Retry-After, never a traceback, and nothing
is left half-written when the database comes back."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import Client

from campaign import counting
from campaign.models import Signature, SignatureCountShard
from comments.models import Comment, Commenter, Subscription
from tests.comments.conftest import prove
from tests.faults.conftest import database_down

pytestmark = pytest.mark.django_db

SIGNER = {
    "first_name": "Nadia",
    "last_name": "Haddad",
    "email": "nadia@example.org",
    "country": "gb",
}


def assert_plain_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    for leak in ("Traceback", "OperationalError", "psycopg", "sqlite", 'File "'):
        assert leak not in text


def test_a_page_is_a_plain_503_page(client, story):
    url = story.url
    with database_down():
        response = client.get(url)
    assert_plain_503(response)
    assert "We will be back in a moment" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


def test_the_api_is_a_json_503(client, petition):
    with database_down():
        response = client.get(f"/api/campaign/petitions/{petition.pk}/")
        signed = client.post(
            f"/api/campaign/petitions/{petition.pk}/signatures/",
            SIGNER,
            content_type="application/json",
        )
    assert_plain_503(response)
    assert response.json()["error"]["code"] == "unavailable"
    assert_plain_503(signed)
    assert signed.json()["error"]["code"] == "unavailable"


def test_a_database_error_in_a_middleware_is_a_503_too(story):
    # A session cookie makes the page cache ask who the visitor is: the session is read in a
    # middleware, before any view, so the handler500 path answers.
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a-session-the-database-would-know"
    url = story.url
    with database_down():
        assert_plain_503(client.get(url))


def test_other_errors_stay_500s(story):
    client = Client(raise_request_exception=False)
    with mock.patch.object(type(story), "serve", side_effect=RuntimeError("a bug")):
        response = client.get(story.url)
    assert response.status_code == 500 and "Retry-After" not in response


def test_a_page_cached_before_the_outage_is_still_served(client, story):
    url = story.url
    assert client.get(url).status_code == 200  # fills the page cache
    with database_down():
        cached = client.get(url)
    assert cached.status_code == 200 and "Police passed" in cached.content.decode()


def token_from(message):
    return re.search(r"/confirm/([\w-]+)/", message.body).group(1)


def total(petition):
    return sum(
        SignatureCountShard.objects.filter(petition=petition).values_list("count", flat=True)
    )


def test_a_confirmation_cut_off_half_way_changes_nothing(client, petition):
    client.post(
        f"/api/campaign/petitions/{petition.pk}/signatures/",
        SIGNER,
        content_type="application/json",
    )
    token = {"token": token_from(mail.outbox[0])}
    # The signature's UPDATE has run; the connection dies before the count shard is bumped.
    with mock.patch.object(
        counting, "_add_one", side_effect=OperationalError("server closed the connection")
    ):
        cut = client.post(
            "/api/campaign/signatures/confirm/", token, content_type="application/json"
        )
    assert_plain_503(cut)
    assert Signature.objects.get().status == Signature.Status.PENDING
    assert total(petition) == 0
    # Back again: the same link confirms, and counts, exactly once.
    for _ in range(2):
        client.post("/api/campaign/signatures/confirm/", token, content_type="application/json")
    assert Signature.objects.get().status == Signature.Status.CONFIRMED
    assert total(petition) == 1 == counting.confirmed_count(petition.pk, use_cache=False)


def test_signing_cut_off_before_the_email_is_completed_by_signing_again(client, petition, settings):
    # The attempt counts toward the rate limit (1 a minute), which is why the 503 page says
    # "in a minute or two"; here the second try comes at once.
    settings.PETITION_SIGN_RATES = []
    task = mock.Mock()
    task.enqueue.side_effect = OperationalError("server closed the connection")
    with mock.patch("campaign.petition_signing.send_confirmation_email", task):
        cut = client.post(
            f"/api/campaign/petitions/{petition.pk}/signatures/",
            SIGNER,
            content_type="application/json",
        )
    assert_plain_503(cut)
    assert mail.outbox == []
    # The 503 page asks the supporter to send again; that finds the pending row and mails it.
    again = client.post(
        f"/api/campaign/petitions/{petition.pk}/signatures/",
        SIGNER,
        content_type="application/json",
    )
    assert again.status_code == 202
    assert Signature.objects.count() == 1 and len(mail.outbox) == 1


def test_a_comment_cut_off_half_way_leaves_nothing(client, story):
    body = {
        "name": "Jonah",
        "email": "jonah@example.org",
        "body": "Deportation should never be the price of reporting a crime.",
        "notify": ["follow_ups"],
    }
    url = f"/api/comments/pages/{story.pk}/"
    # From a browser that proved the address, so that the subscription is made at once.
    prove(client, body["email"])
    # The commenter and the comment are written; the connection dies at the subscription.
    with mock.patch(
        "comments.ownership.subscribe", side_effect=OperationalError("server closed the connection")
    ):
        cut = client.post(url, body, content_type="application/json")
    assert_plain_503(cut)
    assert not Comment.objects.exists() and not Commenter.objects.exists()
    assert client.post(url, body, content_type="application/json").status_code in (200, 201, 202)
    assert Comment.objects.count() == 1 and Subscription.objects.count() == 1
