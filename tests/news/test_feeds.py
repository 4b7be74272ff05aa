"""RSS and Atom feeds for the whole newsroom and for one tag."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def stories(news_index):
    return [
        NewsPageFactory(
            parent=news_index,
            title="Rwanda bill",
            tags=["Rwanda"],
            date_published=datetime.date(2024, 4, 16),
        ),
        NewsPageFactory(
            parent=news_index,
            title="Slavery referrals",
            tags=["police"],
            date_published=datetime.date(2022, 6, 27),
        ),
        NewsPageFactory(parent=news_index, title="Unpublished", tags=["Rwanda"], live=False),
    ]


def test_rss_lists_live_stories_newest_first_with_absolute_links(client, stories):
    response = client.get("/news/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(response.content).findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Rwanda bill", "Slavery referrals"]
    assert items[0].findtext("link").startswith("http://testserver/news/")
    assert "16 Apr 2024" in items[0].findtext("pubDate")


def test_atom_feed_is_valid_atom(client, stories):
    response = client.get("/news/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Rwanda bill",
        "Slavery referrals",
    ]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_tag_feed_holds_only_that_tag(client, stories, kind):
    response = client.get(f"/news/tag/rwanda/feed/{kind}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Rwanda bill" in body
    assert "Slavery referrals" not in body and "Unpublished" not in body


def test_feed_for_unknown_tag_is_404(client, stories):
    assert client.get("/news/tag/nothing/feed/rss/").status_code == 404


def test_pages_announce_the_feeds(client, stories):
    html = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html
