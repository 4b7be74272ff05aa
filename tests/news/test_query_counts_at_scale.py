"""The newsroom and a story cost the same number of queries with 10 rows as with 1,000."""

import datetime

import pytest

from news.models import NewsPage
from tests.factories import CommentFactory, NewsPageFactory
from tests.query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db


def add_stories(index, count, start=0):
    # Straight into the tree, without revisions: 1,000 published-through-revision pages would
    # take minutes, and the listing reads only live pages either way.
    for n in range(start, start + count):
        index.add_child(
            instance=NewsPage(
                title=f"Story {n}",
                slug=f"scale-story-{n}",
                standfirst="A short summary.",
                date_published=datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 300),
                body="[]",
                live=True,
            )
        )


def test_news_index_at_10_and_1000_stories(client, news_index):
    add_stories(news_index, 10)
    count = assert_fixed_queries(
        client, "/news/", lambda: add_stories(news_index, 990, start=10), maximum=14
    )
    print(f"news index: {count} queries at 10 and at 1,000 stories")


def test_story_page_at_10_and_1000_comments(client, news_index):
    story = NewsPageFactory(parent=news_index, tags=["police"])
    CommentFactory.create_batch(10, page=story)
    count = assert_fixed_queries(
        client, story.url, lambda: CommentFactory.create_batch(990, page=story), maximum=23
    )
    print(f"story page: {count} queries at 10 and at 1,000 approved comments")
