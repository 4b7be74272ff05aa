"""Every link in every comment email starts from the root URL of the Site that serves the page
(core.links), whatever host the request that caused it came in on; its token is a
core.signed_links token, and tokens in emails sent before that still work."""

import re

import pytest
from django.core import mail, signing
from wagtail.models import Site

from comments.email_links import (
    CONFIRM_SALT,
    UNSUBSCRIBE_SALT,
    comment_confirmation_token,
    unsubscribe_token,
)
from comments.models import Subscription
from comments.moderation import approve, reject
from core.signed_links import read_token
from tests.comments.conftest import form_data
from tests.factories import CommenterFactory, CommentFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

ROOT = "https://comments.example.org"
LINK = re.compile(r"https?://[^\s>]+")


@pytest.fixture
def public_site(home):
    Site.objects.filter(is_default_site=True).update(hostname="comments.example.org", port=443)


def links_in(message):
    found = LINK.findall(message.body)
    found += LINK.findall(message.extra_headers.get("List-Unsubscribe", ""))
    return found


def test_confirmation_notification_outcome_and_unsubscribe_links_use_the_site_root(
    client, story, public_site, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/comments/post/{story.pk}/", form_data(), HTTP_HOST="internal:8000")
    author = CommenterFactory(email="author@example.org")
    parent = CommentFactory(page=story, commenter=author)
    SubscriptionFactory(page=story, commenter=author, kind="replies")
    reply = CommentFactory(parent=parent, status="pending")
    waiting = CommentFactory(page=story, status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        approve(reply, moderator)
        reject(waiting, moderator, reason="profanity")
    kinds = {m.subject.split(" ")[0] for m in mail.outbox}
    assert {"Confirm", "New", "Your"} <= kinds
    links = [link for message in mail.outbox for link in links_in(message)]
    assert len(links) >= 5
    assert all(link.startswith(ROOT + "/") for link in links), links


# Links in emails sent before the tokens were wrapped (core.signed_links) ----------------------


def old_format(salt, value):
    """A token as comment emails carried it until December 2026: TimestampSigner, unwrapped."""
    return signing.TimestampSigner(salt=salt).sign(value)


def test_a_confirmation_link_in_an_email_already_sent_still_confirms(client, story):
    comment = CommentFactory(page=story, status="unconfirmed", proven_at=None)
    token = old_format(CONFIRM_SALT, f"{comment.pk}:{comment.commenter.email_hash[:16]}")
    assert client.get(f"/comments/confirm/{token}/").status_code == 200
    response = client.post(f"/comments/confirm/{token}/")
    assert response.status_code == 200 and "your comment is confirmed" in response.text
    comment.refresh_from_db()
    assert comment.status == "pending" and comment.proven_at is not None


def test_an_unsubscribe_link_in_an_email_already_sent_still_unsubscribes(client, story):
    kept, by_page, by_api = SubscriptionFactory.create_batch(3, page=story)
    token = old_format(UNSUBSCRIBE_SALT, str(by_page.pk))
    assert client.get(f"/comments/unsubscribe/{token}/").status_code == 200
    assert client.post(f"/comments/unsubscribe/{token}/").status_code == 200
    token = old_format(UNSUBSCRIBE_SALT, str(by_api.pk))
    assert client.get(f"/api/comments/subscriptions/{token}/").json()["page_id"] == story.pk
    assert client.delete(f"/api/comments/subscriptions/{token}/").status_code == 200
    assert list(Subscription.objects.all()) == [kept]


def test_links_are_made_in_the_shared_signed_link_format(story):
    comment = CommentFactory(page=story, status="unconfirmed", proven_at=None)
    subscription = SubscriptionFactory(page=story)
    value = f"{comment.pk}:{comment.commenter.email_hash[:16]}"
    assert read_token(CONFIRM_SALT, comment_confirmation_token(comment), 60) == value
    assert read_token(UNSUBSCRIBE_SALT, unsubscribe_token(subscription), 60) == str(subscription.pk)
