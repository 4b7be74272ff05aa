"""Approved comments under a story: threads, count, "View all comments", safe text, fixed cost."""

import pytest

from comments.models import Comment
from tests.factories import CommentFactory
from tests.news.test_news_page import queries_for

# These tests count queries and render pages repeatedly: measure rendering itself.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def test_only_approved_comments_appear_threaded_with_a_count(client, story):
    top = CommentFactory(page=story, name="First Reader", body="This is shameful.")
    reply = CommentFactory(
        parent=top, name="Second Reader", body="Agreed, and it is still going on."
    )
    CommentFactory(parent=reply, name="Third Reader", body="My cousin was referred too.")
    CommentFactory(page=story, status="pending", name="Not Yet")
    CommentFactory(page=story, status="rejected", name="Rejected Reader")
    html = client.get(story.url).content.decode()
    assert 'Comments <span class="comments__count">(3)</span>' in html
    assert "Not Yet" not in html and "Rejected Reader" not in html
    # The reply sits inside its parent's list item, the second reply inside the first.
    first = html.index("First Reader")
    assert first < html.index("Second Reader") < html.index("Third Reader")
    assert html.count("comment-list--replies") == 2
    assert "Our comment policy" in html


def test_name_and_body_are_inert_and_links_are_nofollow(client, story):
    CommentFactory(
        page=story,
        name='<script>alert("name")</script>',
        body="<img src=x onerror=alert(1)>\n\nSee https://example.org/report?a=1&b=2.\n"
        'javascript:alert(1) "><b>bold</b>',
    )
    html = client.get(story.url).content.decode()
    assert '<script>alert("name")</script>' not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert "<b>bold</b>" not in html
    assert '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow ugc noopener">' in html
    assert 'href="javascript:' not in html


def test_view_all_comments_when_there_are_more_than_a_page(client, story, options):
    options.comments_per_page = 2
    options.save()
    CommentFactory.create_batch(3, page=story)
    html = client.get(story.url).content.decode()
    assert html.count('class="comment"') == 2
    assert "View all comments" in html
    all_page = client.get(f"/comments/page/{story.pk}/").content.decode()
    assert all_page.count('class="comment"') == 3
    assert client.get(f"/comments/page/{story.pk}/?page=9").status_code == 404


def test_story_query_count_is_the_same_with_1_or_200_comments(
    client, story, django_assert_max_num_queries
):
    CommentFactory(page=story)
    one = queries_for(client, story.url, django_assert_max_num_queries)
    tops = CommentFactory.create_batch(9, page=story)
    for top in tops:
        reply = CommentFactory(parent=top)
        CommentFactory.create_batch(9, parent=reply)
        CommentFactory.create_batch(9, parent=top)
    CommentFactory.create_batch(200 - Comment.objects.count(), page=story)
    assert Comment.objects.approved().count() == 200
    many = queries_for(client, story.url, django_assert_max_num_queries)
    assert one == many
