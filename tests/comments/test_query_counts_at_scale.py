"""The moderation queue costs the same number of queries with 10 waiting as with 1,000, in each
order a moderator can pick, and reads only the page it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


@pytest.mark.parametrize(
    "params",
    [{"queue": "flagged"}, {"order": "newest"}, {"queue": "flagged", "order": "newest"}],
)
def test_every_order_of_the_waiting_queues_is_a_fixed_cost(client, story, moderator, params):
    client.force_login(moderator)
    CommentFactory.create_batch(10, page=story, status="pending", flagged=True, score=0.9)
    assert_fixed_queries(
        client,
        QUEUE,
        lambda: CommentFactory.create_batch(200, page=story, status="pending", flagged=True),
        maximum=13,
        **params,
    )


def test_the_queue_reads_one_page_and_counts_once_per_change(
    client, story, moderator, django_assert_max_num_queries
):
    client.force_login(moderator)
    CommentFactory.create_batch(60, page=story, status="pending")
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as seen:
        client.get(QUEUE)
    comment_queries = [q["sql"] for q in seen.captured_queries if '"comments_comment"' in q["sql"]]
    # One query for the page of comments (their authors' history in subqueries), limited to
    # the page; the count comes from the shared cache until a comment changes.
    assert len(comment_queries) == 1
    assert "LIMIT 25" in comment_queries[0]
    assert not any('"__count"' in q["sql"] for q in seen.captured_queries)
    with django_assert_max_num_queries(len(seen.captured_queries)):
        client.get(QUEUE + "?queue=pending&order=score")
