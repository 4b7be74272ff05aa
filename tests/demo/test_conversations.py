"""The demo's conversations, posted through the comments app's own functions, on any story."""

import pytest

from comments.models import Comment
from demo.conversations import start_conversations
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def test_conversations_cover_every_state_and_start_once(news_index):
    story = NewsPageFactory(parent=news_index, title="Police passed victims' details on")
    assert start_conversations([story]) > 5
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert statuses == {"approved", "pending", "rejected", "spam", "unconfirmed"}
    assert Comment.objects.filter(status="pending", flagged=True).exists()
    assert start_conversations([story]) == 0


def test_no_story_no_conversation(db):
    assert start_conversations([]) == 0
