"""Where each page type may live in the tree."""

import pytest
from wagtail.models import Page

from campaign.models import CampaignPage, HomePage, PetitionPage
from news.models import NewsIndexPage, NewsPage
from tests.factories import NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def test_news_page_lives_only_under_a_news_index():
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage.allowed_subpage_models() == []


def test_news_index_lives_only_under_the_home_page_and_holds_only_stories():
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]


def test_home_page_sits_at_the_top_and_holds_news_and_campaigns():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert set(HomePage.allowed_subpage_models()) == {NewsIndexPage, CampaignPage, PetitionPage}
    assert CampaignPage.allowed_parent_page_models() == [HomePage]


def test_petitions_live_under_a_campaign_or_stand_alone():
    assert set(PetitionPage.allowed_parent_page_models()) == {CampaignPage, HomePage}
    assert CampaignPage.allowed_subpage_models() == [PetitionPage]
    assert PetitionPage.allowed_subpage_models() == []


def test_only_one_news_index_per_site(home):
    assert NewsIndexPage.can_create_at(home)
    NewsIndexPageFactory(parent=home)
    assert not NewsIndexPage.can_create_at(home)


def test_a_story_cannot_be_created_directly_under_the_home_page(home, news_index):
    assert not NewsPage.can_create_at(home)
    assert NewsPage.can_create_at(news_index)
