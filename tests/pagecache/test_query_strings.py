"""Query parameters that do not change a page do not make a new cached copy of it, so a flood of
random query strings cannot make every worker render; those pages read (`?page=2` on the
newsroom) still do."""

import pytest
from django.test import Client

from pagecache import query_strings
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def cache_state(client, url):
    return client.get(url)["X-Page-Cache"]


def test_tracking_and_unknown_parameters_are_the_same_cached_page(news_index):
    story = NewsPageFactory(parent=news_index)
    client = Client()
    assert cache_state(client, story.url) == "miss"
    for query in (
        "?utm_source=twitter&utm_medium=social",
        "?fbclid=IwAR0abc",
        "?gclid=xyz",
        "?x=8f1d2c",
        "?page=abc",
        "?page=1",
    ):
        assert cache_state(client, story.url + query) == "hit", query


def test_a_flood_of_random_query_strings_renders_the_story_once(news_index, monkeypatch):
    from pagecache import middleware

    story = NewsPageFactory(parent=news_index)
    renders = []
    real = middleware.AnonymousPageCacheMiddleware.store

    def counting_store(self, *args):
        renders.append(args)
        return real(self, *args)

    monkeypatch.setattr(middleware.AnonymousPageCacheMiddleware, "store", counting_store)
    client = Client()
    for n in range(50):
        assert client.get(f"{story.url}?r={n}&utm_campaign={n * 7}").status_code == 200
    assert len(renders) == 1


def test_declared_parameters_are_pages_of_their_own(news_index):
    for n in range(14):
        NewsPageFactory(parent=news_index, title=f"Story number {n}")
    client = Client()
    first = client.get("/news/")
    second = client.get("/news/?page=2&utm_source=newsletter")
    assert second["X-Page-Cache"] == "miss"
    assert first.content != second.content
    assert cache_state(client, "/news/?utm_source=x&page=2") == "hit"
    assert cache_state(client, "/news/?page=02") == "hit"


def test_the_page_is_rendered_from_only_what_the_key_holds(rf):
    request = rf.get("/news/?page=3&utm_source=x&evil=<script>")
    trimmed = query_strings.only_declared(request.GET)
    assert dict(trimmed) == {"page": ["3"]}


def test_page_numbers_are_read_as_the_paginator_reads_them():
    assert query_strings.whole_page_number("2") == "2"
    assert query_strings.whole_page_number("0002") == "2"
    assert query_strings.whole_page_number("٣") == "3"  # int() reads these digits too
    assert query_strings.whole_page_number("9" * 40) == "10000"
    assert query_strings.whole_page_number("123456") == "10000"
    for absent in ("1", "0", "", "abc", "²", "-3"):
        assert query_strings.whole_page_number(absent) is None, absent
