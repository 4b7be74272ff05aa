"""A story's date is the day it is first published unless the editor set one, and the count of
comments at its top follows moderation through the page cache."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from comments import moderation
from news.models import NewsPage
from tests.factories import CommentFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def count_shown(story):
    html = Client().get(story.url).content.decode()
    start = html.index('class="story__comment-count"')
    return html[html.index(">", start) + 1 : html.index("</a>", start)]


def test_the_count_at_the_top_follows_approval_and_removal_on_a_cached_page(news_index, committed):
    story = NewsPageFactory(parent=news_index)
    CommentFactory(page=story)
    assert count_shown(story) == "1 comment"
    assert count_shown(story) == "1 comment"  # now from the page cache
    pending = CommentFactory(page=story, status="pending")
    moderator = get_user_model().objects.create_superuser("mod", "m@example.org", "pw")
    with committed():
        moderation.approve(pending, moderator)
    assert count_shown(story) == "2 comments"
    with committed():
        moderation.reject(pending, moderator, reason="off-topic")
    assert count_shown(story) == "1 comment"


def draft_story(news_index, **fields):
    story = NewsPageFactory.build(title="Drafted on Monday", standfirst="s", **fields)
    story.live = False
    news_index.add_child(instance=story)
    story.save_revision()
    return NewsPage.objects.get(pk=story.pk)


def test_a_story_left_without_a_date_takes_the_day_it_is_first_published(news_index):
    story = draft_story(news_index, date_published=None)
    assert story.date_published is None  # a draft has none: "Leave empty to use…"
    story.get_latest_revision().publish()
    story.refresh_from_db()
    assert story.date_published == timezone.localdate(story.first_published_at)
    # The editor's form, built from the latest revision, shows the date readers see.
    assert story.get_latest_revision().content["date_published"] == (
        story.date_published.isoformat()
    )
    # Cleared on a live story, the date goes back to the day of first publication.
    story.date_published = None
    story.first_published_at -= datetime.timedelta(days=3)
    story.save_revision().publish()
    story.refresh_from_db()
    assert story.date_published == timezone.localdate(story.first_published_at)
    assert story.date_published == timezone.localdate() - datetime.timedelta(days=3)


def test_a_date_the_editor_set_is_kept(news_index):
    story = draft_story(news_index, date_published=datetime.date(2024, 4, 1))
    story.get_latest_revision().publish()
    story.refresh_from_db()
    assert story.date_published == datetime.date(2024, 4, 1)


def test_a_draft_without_a_date_previews_and_lists_nowhere(news_index, client):
    story = draft_story(news_index, date_published=None)
    NewsPageFactory(parent=news_index, title="Live one")
    html = client.get(news_index.url).content.decode()
    assert "Live one" in html and "Drafted on Monday" not in html
    assert client.get(news_index.url + "feed/rss/").status_code == 200
    assert client.get("/sitemap.xml").status_code == 200
    assert story.pk
