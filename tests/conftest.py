"""Shared fixtures: a site whose root is a home page, with a newsroom and a campaign under it."""

import pytest
from django.conf import settings
from django.core.cache import cache
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from comments.civility.defaults import DEFAULT_LISTS
from comments.models import AllowedPhrase, BannedTerm, SuspectTerm
from comments.screening import lists_changed
from tests.factories import CampaignPageFactory, HomePageFactory, NewsIndexPageFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    # Renditions and site root paths are cached; each test starts from nothing.
    cache.clear()
    yield
    cache.clear()


def ensure_default_word_lists():
    """Recreate the moderators' word lists that comments migration 0002 seeds, after a
    transactional test's flush emptied them, and have the screen read them again."""
    if BannedTerm.objects.exists():
        return
    BannedTerm.objects.bulk_create(BannedTerm(**row) for row in DEFAULT_LISTS["banned"])
    SuspectTerm.objects.bulk_create(SuspectTerm(**row) for row in DEFAULT_LISTS["suspect"])
    AllowedPhrase.objects.bulk_create(
        AllowedPhrase(phrase=phrase) for phrase in DEFAULT_LISTS["allowed"]
    )
    lists_changed()


def ensure_wagtail_roots():
    """Recreate what Wagtail's migrations insert (default locale, root page, root collection).

    A transactional test (live server, threads) ends with a flush that empties every table,
    so the next test would otherwise find no tree to build on.
    """
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=Locale.objects.first())
    return root


@pytest.fixture
def home(db):
    root = ensure_wagtail_roots()
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


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what waits for the commit (cache invalidation, tasks), as the
    end of a real request or command would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def no_page_cache(settings):
    """Measure what rendering a page costs, not what the page cache saves."""
    settings.PAGE_CACHE_SECONDS = 0
