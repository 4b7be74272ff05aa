"""Routing from the root page in two queries gives Wagtail's own answer for every path:
stories, the newsroom's own routes before its children, drafts as 404s, unknown paths as 404s,
and pages under other sites never."""

import pytest
from wagtail.models import Page, Site

from tests.factories import (
    HomePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PetitionPageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def routed(home, rf, path):
    """What the root page's route gives, next to what Wagtail's own routing gives."""
    request = rf.get(path)
    components = [part for part in path.split("/") if part]
    ours = _result(lambda: home.route(request, components))
    wagtails = _result(lambda: Page.route(home, request, components))
    return ours, wagtails


def _result(route):
    from django.http import Http404

    try:
        result = route()
    except Http404:
        return "404"
    page, args, kwargs = result
    view = args[0].__name__ if args else None
    return (page.pk, type(page).__name__, view, args[1:] if args else (), kwargs)


def test_every_kind_of_path_routes_as_wagtail_routes_it(home, news_index, campaign, rf):
    story = NewsPageFactory(parent=news_index, slug="a-story", tags=["police"])
    # A story whose slug is also one of the newsroom's routes: the route wins, as in Wagtail.
    NewsPageFactory(parent=news_index, slug="search")
    NewsPageFactory(parent=news_index, slug="a-draft", live=False)
    petition = PetitionPageFactory(parent=campaign, slug="sign-here")
    for path in (
        "/news/",
        "/news/a-story/",
        "/news/search/",
        "/news/tag/police/",
        "/news/feed/rss/",
        "/news/a-draft/",
        "/news/no-such-story/",
        "/news/a-story/extra/",
        f"{campaign.url}",
        f"{campaign.url}sign-here/",
        f"{campaign.url}sign-here/thanks/",
        "/nowhere/",
        "/nowhere/at/all/",
    ):
        ours, wagtails = routed(home.specific, rf, path)
        assert ours == wagtails, path
    assert routed(home.specific, rf, story.url)[0][0] == story.pk
    assert routed(home.specific, rf, petition.url)[0][0] == petition.pk


def test_a_page_of_another_site_is_never_reached(home, rf):
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other")
    Site.objects.create(hostname="other.example.org", root_page=other_home)
    other_index = NewsIndexPageFactory(parent=other_home, slug="news")
    NewsPageFactory(parent=other_index, slug="elsewhere")
    ours, wagtails = routed(home.specific, rf, "/news/elsewhere/")
    assert ours == wagtails == "404"


def test_a_story_is_routed_in_a_fixed_number_of_queries(
    home, news_index, rf, django_assert_max_num_queries
):
    story = NewsPageFactory(parent=news_index, slug="a-story")
    request = rf.get(story.url)
    with django_assert_max_num_queries(2):
        page, _, _ = home.specific.route(request, ["news", "a-story"])
    assert page.pk == story.pk and page.category_id == story.category_id
