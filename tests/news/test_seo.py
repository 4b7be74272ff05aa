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
