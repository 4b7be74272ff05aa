"""The moderation queue costs the same number of queries with 10 waiting as with 1,000."""

import pytest

from tests.factories import CommentFactory
from tests.query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db
QUEUE = "/admin/snippets/comments/comment/"


def test_moderation_queue_at_10_and_1000_waiting(client, story, moderator):
    client.force_login(moderator)
    CommentFactory.create_batch(10, page=story, status="pending")
    count = assert_fixed_queries(
        client,
        QUEUE,
        lambda: CommentFactory.create_batch(990, page=story, status="pending"),
        maximum=13,
    )
    print(f"moderation queue: {count} queries at 10 and at 1,000 waiting")
