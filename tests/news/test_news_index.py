"""The newsroom: order, pagination, filters with clean URLs, and search."""

import datetime

import pytest

from news.models import POSTS_PER_PAGE
from tests.factories import NewsCategoryFactory, NewsPageFactory

# These tests count queries and render pages repeatedly: measure rendering itself.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def titles(response):
    return [story.title for story in response.context["cards"]]


def test_lists_live_stories_newest_first(client, news_index):
    old = NewsPageFactory(parent=news_index, title="Old", date_published=datetime.date(2022, 6, 27))
    new = NewsPageFactory(parent=news_index, title="New", date_published=datetime.date(2024, 4, 16))
    NewsPageFactory(parent=news_index, title="Draft", live=False)
    response = client.get("/news/")
    assert response.status_code == 200
    assert titles(response) == [new.title, old.title]


def test_paginates_and_clamps_out_of_range_pages(client, news_index):
    for _ in range(POSTS_PER_PAGE + 2):
        NewsPageFactory(parent=news_index)
    first = client.get("/news/")
    assert len(titles(first)) == POSTS_PER_PAGE
    assert 'rel="next"' in first.content.decode()
    second = client.get("/news/?page=2")
    assert len(titles(second)) == 2
    assert client.get("/news/?page=99").context["stories"].number == 2
    assert client.get("/news/?page=abc").context["stories"].number == 1


def test_filters_by_category_with_a_clean_url(client, news_index):
    law = NewsCategoryFactory(name="Law & Policy", slug="law-policy")
    other = NewsCategoryFactory(name="Research", slug="research")
    NewsPageFactory(parent=news_index, title="Bill renamed", category=law)
    NewsPageFactory(parent=news_index, title="A study", category=other)
    response = client.get("/news/category/law-policy/")
    assert response.status_code == 200
    assert titles(response) == ["Bill renamed"]
    assert "<h1>Law &amp; Policy</h1>" in response.content.decode()
    assert client.get("/news/category/no-such-thing/").status_code == 404


def test_filters_by_tag_with_a_clean_url_and_offers_the_tag_feed(client, news_index):
    NewsPageFactory(parent=news_index, title="Lords and Commons", tags=["Rwanda"])
    NewsPageFactory(parent=news_index, title="Untagged")
    response = client.get("/news/tag/rwanda/")
    assert titles(response) == ["Lords and Commons"]
    html = response.content.decode()
    assert "/news/tag/rwanda/feed/rss/" in html and "/news/tag/rwanda/feed/atom/" in html
    assert client.get("/news/tag/unknown/").status_code == 404


def test_search_finds_stories_by_their_body_text(client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Referrals",
        body='[{"type": "paragraph", "value": "<p>The super-complaint by Liberty</p>"}]',
    )
    NewsPageFactory(parent=news_index, title="Something else")
    response = client.get("/news/search/", {"q": "Liberty"})
    assert response.status_code == 200
    assert titles(response) == ["Referrals"]
    assert "1 result for" in response.content.decode()


def test_search_with_no_query_or_no_match_says_so(client, news_index):
    NewsPageFactory(parent=news_index)
    assert "Type a word or phrase" in client.get("/news/search/").content.decode()
    assert "No stories found" in client.get("/news/search/", {"q": "zzzzqqq"}).content.decode()


def test_search_survives_hostile_input(client, news_index):
    response = client.get("/news/search/", {"q": "\"'<script>" + "x" * 5000, "page": "-1"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_listing_query_count_does_not_grow_with_stories(
    client, news_index, django_assert_max_num_queries
):
    for _ in range(3):
        NewsPageFactory(parent=news_index, tags=["police"])
    client.get("/news/")  # warm caches shared by every request (site root paths, renditions)
    with django_assert_max_num_queries(14) as few:
        client.get("/news/")
    baseline = len(few.captured_queries)  # read now: the next capture resets the query log
    for _ in range(POSTS_PER_PAGE):
        NewsPageFactory(parent=news_index, tags=["police"])
    client.get("/news/")
    with django_assert_max_num_queries(baseline):
        client.get("/news/")
