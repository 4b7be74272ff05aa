import re

import pytest

from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_pages_only(client, news_index):
    live = NewsPageFactory(parent=news_index)
    draft = NewsPageFactory(parent=news_index, live=False)
    body = client.get("/sitemap.xml").content.decode()
    assert f"http://localhost{live.url}" in body or live.url in body
    assert draft.slug not in body
    assert "/news/" in body


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def canonical_of(response):
    return re.search(r'<link rel="canonical" href="([^"]*)">', response.content.decode())[1]


def test_the_canonical_address_names_the_page_of_stories_shown_not_what_was_typed(
    client, news_index
):
    for _ in range(25):  # three pages of ten
        NewsPageFactory(parent=news_index)
    base = f"http://testserver{news_index.url}"
    assert canonical_of(client.get(news_index.url, {"page": "2"})) == f"{base}?page=2"
    # Digits that are not 0-9 and pages that do not exist are pages that do.
    assert canonical_of(client.get(news_index.url, {"page": "²"})) == base
    assert canonical_of(client.get(news_index.url, {"page": "٣"})) == f"{base}?page=3"
    assert canonical_of(client.get(news_index.url, {"page": "9" * 40})) == f"{base}?page=3"
    assert canonical_of(client.get(news_index.url, {"page": "1"})) == base


def test_a_story_s_canonical_address_has_no_page_number(client, news_index):
    story = NewsPageFactory(parent=news_index)
    assert canonical_of(client.get(story.url, {"page": "2"})) == f"http://testserver{story.url}"
