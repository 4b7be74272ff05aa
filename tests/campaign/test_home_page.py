import datetime

import pytest

from tests.factories import CampaignPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_home_shows_latest_news_newest_first_and_live_campaigns(client, home, news_index):
    NewsPageFactory(
        parent=news_index, title="Older story", date_published=datetime.date(2022, 6, 27)
    )
    NewsPageFactory(
        parent=news_index, title="Newer story", date_published=datetime.date(2024, 4, 16)
    )
    NewsPageFactory(parent=news_index, title="Draft story", live=False)
    CampaignPageFactory(parent=home, title="A firewall for victims")
    CampaignPageFactory(parent=home, title="Hidden campaign", live=False)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Newer story") < html.index("Older story")
    assert "Draft story" not in html
    assert "A firewall for victims" in html and "Hidden campaign" not in html
    assert "Our campaigns" in html and 'href="/news/"' in html


def test_home_without_news_says_so(client, home):
    assert "No stories have been published yet." in client.get("/").content.decode()


def test_campaign_page_renders(client, campaign):
    response = client.get(campaign.url)
    assert response.status_code == 200
    assert campaign.summary in response.content.decode()


def test_unknown_address_gets_the_friendly_404(client, home):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We couldn" in response.content.decode()
