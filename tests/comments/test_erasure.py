"""Erasing a commenter: nothing they wrote stays, and nothing of theirs can still be published."""

import pytest

from comments.erasure import erase_commenter
from comments.models import Comment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_erasing_a_commenter_leaves_none_of_their_words_and_nothing_to_publish(story):
    waiting = CommentFactory(
        page=story,
        status="pending",
        published_at=None,
        body="You are an idiot.",
        flags=[{"rule": "personal_attack", "words": ["idiot"], "reason": "“idiot” at “you”"}],
        rules=",personal_attack,",
        flagged=True,
        moderator_note="Called the author an idiot",
    )
    erase_commenter(waiting.commenter.email)
    waiting.refresh_from_db()
    assert waiting.status == Comment.Status.REJECTED
    assert (waiting.flags, waiting.rules, waiting.flagged, waiting.moderator_note) == (
        [],
        "",
        False,
        "",
    )
    assert "idiot" not in waiting.body
