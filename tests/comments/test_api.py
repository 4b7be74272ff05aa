"""The comments JSON API: threaded reading, posting with stable error codes, subscriptions."""

import pytest
from django.test import override_settings

from comments.email_links import unsubscribe_token
from comments.models import Comment, Subscription
from tests.comments.conftest import prove
from tests.factories import CommentFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


def payload(**overrides):
    data = {
        "name": "Jonah",
        "email": "jonah@example.org",
        "body": "Deportation should never be the price of reporting a crime.",
    }
    data.update(overrides)
    return data


def post(client, story, **overrides):
    return client.post(
        f"/api/comments/pages/{story.pk}/", payload(**overrides), content_type="application/json"
    )


def test_lists_approved_comments_threaded_and_paginated(client, story):
    older = CommentFactory(page=story, body="older")
    CommentFactory(parent=older, body="a reply")
    CommentFactory(page=story, body="newer")
    CommentFactory(page=story, status="pending", body="waiting")
    data = client.get(f"/api/comments/pages/{story.pk}/?per_page=1").json()
    assert (data["total"], data["conversations"], data["pages"]) == (3, 2, 2)
    assert data["results"][0]["body"] == "newer"
    second = client.get(f"/api/comments/pages/{story.pk}/?per_page=1&page=2").json()
    assert second["results"][0]["replies"][0]["body"] == "a reply"
    assert "email" not in str(second)
    assert client.get(f"/api/comments/pages/{story.pk}/?page=5").json()["error"]["code"] == (
        "not_found"
    )


def test_post_returns_status_and_message(client, story):
    response = post(client, story, notify=["replies"])
    assert response.status_code == 201
    assert response.json()["status"] == "unconfirmed"
    # The wish is kept with the comment; it becomes a subscription once the comment is proven.
    assert Comment.objects.get().notify == ["replies"]
    assert not Subscription.objects.exists()


def test_a_proven_browser_posts_through_the_api_as_through_the_form(client, story):
    prove(client, "Jonah@example.org")
    response = post(client, story, notify=["replies"])
    assert (response.status_code, response.json()["status"]) == (201, "pending")
    assert Subscription.objects.get().kind == "replies"


def test_the_policy_endpoint_says_confirmation_is_always_required(client, story, options):
    options.auto_publish_after = 3
    options.save()
    policy = client.get(f"/api/comments/settings/{story.pk}/").json()
    assert policy["email_confirmation"] is True
    assert policy["auto_publish_after"] == 3


def test_post_errors_have_stable_codes(client, story, home):
    assert post(client, story, email="nope").json()["error"]["code"] == "invalid"
    assert post(client, story, website="x").json()["error"]["code"] == "honeypot"
    assert post(client, story, parent_id=999).json()["error"]["code"] == "parent_not_found"
    rejected = post(client, story, body="Shut up, you moron.")
    assert rejected.status_code == 422 and rejected.json()["status"] == "rejected"
    response = client.post(
        f"/api/comments/pages/{home.pk}/", payload(), content_type="application/json"
    )
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")


@override_settings(COMMENTS_RATE_PER_IP="1/h")
def test_rate_limit_is_a_429_with_a_code(client, story):
    assert post(client, story).status_code == 201
    response = post(client, story, email="other@example.org")
    assert (response.status_code, response.json()["error"]["code"]) == (429, "rate_limited")
    assert Comment.objects.count() == 1


def test_manage_a_subscription_with_its_token(client, story):
    subscription = SubscriptionFactory(page=story)
    token = unsubscribe_token(subscription)
    shown = client.get(f"/api/comments/subscriptions/{token}/").json()
    assert shown == {"kind": "follow_ups", "page_id": story.pk, "page_title": story.title}
    assert client.delete(f"/api/comments/subscriptions/{token}/").status_code == 200
    assert not Subscription.objects.exists()
    assert client.delete(f"/api/comments/subscriptions/{token}/").status_code == 404
    assert client.get("/api/comments/subscriptions/forged/").status_code == 404


def test_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/comments/pages/{page_id}/" in paths
    assert "/api/comments/subscriptions/{token}/" in paths
