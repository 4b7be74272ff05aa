"""Every link in every comment email starts from the root URL of the Site that serves the page
(core.links), whatever host the request that caused it came in on."""

import re

import pytest
from django.core import mail
from wagtail.models import Site

from comments.moderation import approve, reject
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
