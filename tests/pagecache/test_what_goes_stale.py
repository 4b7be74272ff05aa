"""A change makes stale only the cached pages that show it, and the CDN is purged of the same.

A comment published on one story leaves every other cached page alone; a story published
refreshes the pages that list stories but not a petition; settings refresh everything."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from comments import moderation
from pagecache import cdn
from tests import fake_cdn
from tests.factories import CommentFactory, NewsPageFactory, PetitionPageFactory

pytestmark = pytest.mark.django_db

CDN = {"cdn": {"BACKEND": "tests.fake_cdn.RecordingBackend"}}


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = CDN
    fake_cdn.PURGED.clear()
    yield fake_cdn.PURGED
    fake_cdn.PURGED.clear()


@pytest.fixture
def moderator():
    return get_user_model().objects.create_superuser("mod", "m@example.org", "pw")


@pytest.fixture
def site_pages(news_index, campaign):
    """A home page, the newsroom, two stories, a campaign and a petition, all cached."""
    pages = {
        "story": NewsPageFactory(parent=news_index, title="First story"),
        "other_story": NewsPageFactory(parent=news_index, title="Second story"),
        "petition": PetitionPageFactory(parent=campaign),
    }
    urls = {name: page.url for name, page in pages.items()}
    urls.update(home="/", index="/news/", campaign=campaign.url)
    client = Client()
    for url in urls.values():
        client.get(url)
    for name, url in urls.items():
        assert client.get(url)["X-Page-Cache"] == "hit", name
    return pages, urls


def still_cached(urls):
    client = Client()
    return {name for name, url in urls.items() if client.get(url)["X-Page-Cache"] == "hit"}


def test_a_published_comment_makes_only_its_story_stale(site_pages, moderator, committed, purged):
    pages, urls = site_pages
    comment = CommentFactory(page=pages["story"], status="pending", body="Firewall now.")
    with committed():
        moderation.approve(comment, moderator)
    assert still_cached(urls) == set(urls) - {"story"}
    assert "Firewall now." in Client().get(urls["story"]).content.decode()
    assert purged == [pages["story"].full_url]


def test_a_removed_or_edited_comment_makes_its_story_stale(site_pages, moderator, committed):
    pages, urls = site_pages
    with committed():
        comment = CommentFactory(page=pages["story"], body="Before the edit.")
    Client().get(urls["story"])
    comment.body = "After the edit."
    with committed():
        comment.save()
    assert still_cached(urls) == set(urls) - {"story"}
    assert "After the edit." in Client().get(urls["story"]).content.decode()
    Client().get(urls["story"])
    with committed():
        moderation.reject(comment, moderator, reason="profanity")
    assert "After the edit." not in Client().get(urls["story"]).content.decode()


def test_a_published_story_refreshes_the_pages_that_list_stories_but_not_a_petition(
    site_pages, news_index, committed, purged
):
    pages, urls = site_pages
    with committed():
        new = NewsPageFactory(parent=news_index, title="Brand new story")
    assert still_cached(urls) == {"petition"}
    for name in ("home", "index", "campaign", "other_story"):
        assert "Brand new story" in Client().get(urls[name]).content.decode(), name
    assert new.full_url in purged
    assert pages["petition"].full_url not in purged
    assert "http://localhost/sitemap.xml" in purged
    assert "http://localhost/news/feed/rss/" in purged


def test_settings_refresh_every_page(site_pages, committed, home):
    from campaign.models import OrganisationSettings

    _, urls = site_pages
    settings = OrganisationSettings.for_site(home.get_site())
    settings.footer_text = "New footer words"
    with committed():
        settings.save()
    assert still_cached(urls) == set()
    assert "New footer words" in Client().get(urls["petition"]).content.decode()


def test_the_purge_is_retried_when_the_cdn_refuses(site_pages, settings, monkeypatch):
    """A refused purge raises inside the task, which retrying_task turns into a retry."""
    settings.WAGTAILFRONTENDCACHE = CDN
    monkeypatch.setattr(fake_cdn, "FAIL", True)
    pages, _ = site_pages
    with pytest.raises(cdn.PurgeFailed):
        cdn.purge_now([f"path:{pages['story'].url}"])


def test_the_purge_urls_follow_the_dependencies(site_pages):
    pages, _ = site_pages
    story_only = cdn.urls_for({f"path:{pages['story'].url}"})
    assert story_only == [pages["story"].full_url]
    everything = cdn.urls_for({"site"})
    assert pages["petition"].full_url in everything
    stories = cdn.urls_for({"stories"})
    assert pages["petition"].full_url not in stories
    assert pages["other_story"].full_url in stories
