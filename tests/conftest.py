"""Shared fixtures: a site whose root is a home page, with a newsroom and a campaign under it."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from tests.factories import CampaignPageFactory, HomePageFactory, NewsIndexPageFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    # Renditions and site root paths are cached; each test starts from nothing.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    return home


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture
def campaign(home):
    return CampaignPageFactory(parent=home)
