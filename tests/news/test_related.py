"""Related stories: the editor's picks, then most shared tags, then most recent."""

import datetime

import pytest

from news.models import NewsPageRelatedLink
from news.related import related_stories_for
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def story(index, title, day, tags=(), live=True):
    return NewsPageFactory(
        parent=index,
        title=title,
        tags=list(tags),
        live=live,
        date_published=datetime.date(2024, 1, day),
    )


def test_fills_by_shared_tags_then_recency_never_itself(news_index):
    page = story(news_index, "Page", 1, ["police", "data sharing", "Home Office"])
    two_shared = story(news_index, "Two shared", 2, ["police", "data sharing"])
    one_shared_new = story(news_index, "One shared, newer", 9, ["police"])
    story(news_index, "One shared, older", 3, ["Home Office"])
    untagged_newest = story(news_index, "Untagged newest", 20)
    related = related_stories_for(page)
    assert [s.title for s in related] == ["Two shared", "One shared, newer", "One shared, older"]
    assert page not in related and untagged_newest not in related
    assert two_shared in related and one_shared_new in related


def test_editor_picks_come_first_in_their_order(news_index):
    page = story(news_index, "Page", 1, ["police"])
    story(news_index, "Shares a tag", 2, ["police"])
    pick_a = story(news_index, "Pick A", 3)
    pick_b = story(news_index, "Pick B", 4)
    NewsPageRelatedLink.objects.create(page=page, story=pick_b, sort_order=0)
    NewsPageRelatedLink.objects.create(page=page, story=pick_a, sort_order=1)
    assert [s.title for s in related_stories_for(page)] == ["Pick B", "Pick A", "Shares a tag"]


def test_only_live_stories_even_when_picked(news_index):
    page = story(news_index, "Page", 1, ["police"])
    draft = story(news_index, "Draft", 2, ["police"], live=False)
    NewsPageRelatedLink.objects.create(page=page, story=draft, sort_order=0)
    assert draft not in related_stories_for(page)


def test_falls_back_to_most_recent_when_nothing_shares_a_tag(news_index):
    page = story(news_index, "Page", 1)
    story(news_index, "Older", 2)
    story(news_index, "Newest", 5)
    assert [s.title for s in related_stories_for(page, limit=2)] == ["Newest", "Older"]


def test_a_page_picking_itself_is_ignored(news_index):
    page = story(news_index, "Page", 1)
    NewsPageRelatedLink.objects.create(page=page, story=page, sort_order=0)
    assert page not in related_stories_for(page)
