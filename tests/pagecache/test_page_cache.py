"""Anonymous visitors get cached pages that carry nothing personal, and every change a visitor
could see makes them stale."""

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import Client

from campaign import counting
from comments import moderation
from tests.counting_cache import CountingCache
from tests.factories import (
    CommentFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    PetitionPageFactory,
    SignatureFactory,
)

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response


def test_second_anonymous_visit_is_served_from_the_cache(
    client, news_index, django_assert_max_num_queries
):
    story = NewsPageFactory(parent=news_index, title="Cached story")
    first = get(client, story.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(2):  # at most the session lookup; no page queries
        second = get(client, story.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_cached_pages_tell_cdns_what_they_may_do(client, news_index):
    story = NewsPageFactory(parent=news_index)
    control = get(client, story.url)["Cache-Control"]
    for part in ("public", "max-age=0", "s-maxage=300", "stale-while-revalidate=60"):
        assert part in control


def test_cached_html_carries_nothing_personal(client, petition, news_index):
    story = NewsPageFactory(parent=news_index)
    for url in (petition.url, "/news/", "/", story.url, f"{news_index.url}feed/rss/"):
        first = get(client, url)
        assert not first.cookies and "Set-Cookie" not in first, url  # no visitor cookie
        hit = get(client, url)
        assert hit["X-Page-Cache"] == "hit"
        html = hit.content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert not hit.cookies and "Set-Cookie" not in hit
        assert first.content == hit.content


def test_logged_in_editors_are_never_served_or_stored_in_the_cache(client, news_index):
    story = NewsPageFactory(parent=news_index)
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(editor)
    seen = get(client, story.url)
    assert "X-Page-Cache" not in seen
    anonymous = get(Client(), story.url)
    assert anonymous["X-Page-Cache"] == "miss"  # the editor's copy was not stored
    assert "editor" not in anonymous.content.decode()


def test_searches_admin_and_api_are_never_cached(client, news_index):
    NewsPageFactory(parent=news_index)
    get(client, "/news/search/", q="police")
    assert "X-Page-Cache" not in get(client, "/news/search/", q="police")
    get(client, "/api/v3/pages/")
    assert "X-Page-Cache" not in get(client, "/api/v3/pages/")


def test_publishing_a_story_refreshes_the_newsroom_and_home(client, news_index, committed):
    get(client, "/news/")
    get(client, "/")
    with committed():
        NewsPageFactory(parent=news_index, title="Breaking: a firewall at last")
    assert "Breaking: a firewall at last" in get(client, "/news/").content.decode()
    assert "Breaking: a firewall at last" in get(client, "/").content.decode()


def test_unpublishing_deleting_and_moving_refresh_the_cache(
    client, news_index, campaign, committed
):
    story = NewsPageFactory(parent=news_index, title="Soon gone")
    other = NewsPageFactory(parent=news_index, title="Soon deleted")
    moving = NewsPageFactory(parent=news_index, title="Soon moved")
    get(client, story.url)
    get(client, "/news/")
    with committed():
        story.unpublish()
    assert client.get(story.url).status_code == 404
    assert "Soon gone" not in get(client, "/news/").content.decode()
    with committed():
        other.delete()
    assert "Soon deleted" not in get(client, "/news/").content.decode()
    get(client, moving.url)
    with committed():
        moving.move(news_index, pos="first-child")  # same place, new order: still refreshed
    assert get(client, moving.url)["X-Page-Cache"] == "miss"


def test_editing_a_category_refreshes_the_pages_that_show_it(client, news_index, committed):
    category = NewsCategoryFactory(name="Law & Policy", slug="law-policy")
    story = NewsPageFactory(parent=news_index, category=category)
    get(client, story.url)
    category.name = "Law and Policy"
    with committed():
        category.save()
    assert "Law and Policy" in get(client, story.url).content.decode()


def test_a_published_comment_appears_on_a_cached_page(client, news_index, committed):
    story = NewsPageFactory(parent=news_index)
    get(client, story.url)
    comment = CommentFactory(page=story, status="pending", body="Victims must come first.")
    assert "Victims must come first." not in get(client, story.url).content.decode()
    moderator = get_user_model().objects.create_superuser("mod", "m@example.org", "pw")
    with committed():
        moderation.approve(comment, moderator)
    assert "Victims must come first." in get(client, story.url).content.decode()


def test_confirmation_pages_are_never_cached(client, petition):
    from campaign.confirmation_links import signature_confirmation_token

    signature = SignatureFactory(petition=petition, first_name="Esther")
    url = petition.url + petition.reverse_subpage(
        "confirm", args=[signature_confirmation_token(signature)]
    )
    response = get(client, url)
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in get(client, url)


def test_counts_on_cached_petition_pages_come_from_the_count_endpoint(client, petition):
    get(client, petition.url)
    counting.confirm_signature(SignatureFactory(petition=petition).pk)
    endpoint = client.get(f"/api/campaign/petitions/{petition.pk}/count/").json()
    assert endpoint["count"] == 1
    assert 'data-count-url="/api/campaign/petitions/' in get(client, petition.url).content.decode()


@pytest.fixture
def petition(campaign):
    return PetitionPageFactory(parent=campaign)


def test_visitors_wait_for_a_page_another_worker_is_rendering(client, news_index, monkeypatch):
    """After an invalidation only the first visitor renders; the rest get that copy."""
    import threading

    from django.core.cache import cache

    from pagecache import middleware as page_cache

    story = NewsPageFactory(parent=news_index)
    request = client.get(story.url).wsgi_request
    key = page_cache.cache_key(request)
    cache.delete(key)
    cache.add(page_cache.lock_key(key), 1, 10)  # another worker has started rendering
    copy = (200, {"Content-Type": "text/html; charset=utf-8"}, b"<p>the other worker's copy</p>")
    current, _ = page_cache.read(request, key)
    threading.Timer(0.2, lambda: cache.set(key, (current, copy), 60)).start()
    renders = []
    monkeypatch.setattr(
        page_cache.AnonymousPageCacheMiddleware,
        "snapshot",
        staticmethod(lambda response: renders.append(response) or copy),
    )
    response = client.get(story.url)
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b"<p>the other worker's copy</p>"
    assert renders == []  # it did not render the page itself


def test_a_visitor_renders_if_the_other_render_does_not_come(client, news_index, monkeypatch):
    from django.core.cache import cache

    from pagecache import middleware as page_cache

    monkeypatch.setattr(page_cache, "RENDER_WAIT_SECONDS", 0.2)
    story = NewsPageFactory(parent=news_index, title="Rendered after waiting")
    request = client.get(story.url).wsgi_request
    key = page_cache.cache_key(request)
    cache.delete(key)
    cache.add(page_cache.lock_key(key), 1, 10)  # a worker that died mid-render
    response = client.get(story.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Rendered after waiting" in response.content.decode()


def test_the_render_lock_is_released_after_the_first_render(client, news_index):
    from django.core.cache import cache

    from pagecache import middleware as page_cache

    story = NewsPageFactory(parent=news_index)
    response = client.get(story.url)
    assert response["X-Page-Cache"] == "miss"
    assert cache.get(page_cache.lock_key(page_cache.cache_key(response.wsgi_request))) is None


def test_a_cached_page_costs_one_cache_read(client, news_index, monkeypatch):
    """The versions and the page come back together: one round trip to Redis per visit."""
    from pagecache import middleware as page_cache
    from pagecache import versions

    story = NewsPageFactory(parent=news_index)
    client.get(story.url)
    counting = CountingCache(page_cache.cache)
    monkeypatch.setattr(page_cache, "cache", counting)
    monkeypatch.setattr(versions, "cache", counting)
    response = client.get(story.url)
    assert response["X-Page-Cache"] == "hit"
    assert counting.reads == 1


def test_visitors_to_an_uncacheable_url_do_not_queue_for_it(client, news_index, monkeypatch):
    """A 404 (or a redirect, or the health check) cannot be cached; once one visitor has seen
    that, the others render it at once instead of waiting for a copy that never comes."""
    from django.core.cache import cache

    from pagecache import middleware as page_cache

    assert client.get("/no-such-story/").status_code == 404
    key = page_cache.cache_key(client.get("/no-such-story/").wsgi_request)
    cache.add(page_cache.lock_key(key), 1, 10)  # another worker is rendering it right now

    def must_not_wait(*args):
        raise AssertionError("waited for a page that cannot be cached")

    monkeypatch.setattr(page_cache, "wait_for_render", must_not_wait)
    assert client.get("/no-such-story/").status_code == 404
    assert client.get("/healthz").status_code == 200
    cache.add(page_cache.lock_key(page_cache.cache_key(client.get("/healthz").wsgi_request)), 1, 10)
    assert client.get("/healthz").status_code == 200


def test_a_page_published_at_a_missing_url_is_served_at_once(client, news_index, committed):
    """The "cannot be cached" note belongs to a generation: publishing makes a new one."""
    assert client.get("/news/fresh-story/").status_code == 404
    with committed():
        story = NewsPageFactory(parent=news_index, slug="fresh-story", title="Fresh story")
    assert story.url == "/news/fresh-story/"
    response = client.get(story.url)
    assert response.status_code == 200 and "Fresh story" in response.content.decode()
    assert client.get(story.url)["X-Page-Cache"] == "hit"


def test_a_cookie_for_one_visitor_does_not_stop_caching_for_the_rest(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache

    from pagecache import middleware as page_cache

    request = rf.get("/news/a-story/")
    request.user = AnonymousUser()
    personal = HttpResponse("<p>Your comment is waiting</p>", content_type="text/html")
    personal.set_cookie("messages", "")
    page_cache.AnonymousPageCacheMiddleware(lambda request: personal)(request)
    assert cache.get(page_cache.cache_key(request)) is None  # no note: the next visitor caches


def test_a_server_error_is_not_noted_as_uncacheable(rf):
    """A 503 while the database blinks says nothing about the URL: the next visitor still
    takes the render lock and caches the page."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache

    from pagecache import middleware as page_cache

    request = rf.get("/news/a-story/")
    request.user = AnonymousUser()
    page_cache.AnonymousPageCacheMiddleware(lambda request: HttpResponse(status=503))(request)
    assert cache.get(page_cache.cache_key(request)) is None


def test_a_page_with_a_csrf_token_in_it_is_never_cached(rf):
    """The token belongs to the visitor it was made for: in a shared copy, everyone who saw
    it could forge that visitor's posts. Its cookie is set after the page cache has seen the
    response, so the page cache asks the request instead."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache
    from django.middleware.csrf import get_token

    from pagecache import middleware as page_cache

    def page_with_a_form(request):
        return HttpResponse(f"<form><input value='{get_token(request)}'></form>")

    request = rf.get("/a-page-with-a-form/")
    request.user = AnonymousUser()
    response = page_cache.AnonymousPageCacheMiddleware(page_with_a_form)(request)
    assert "X-Page-Cache" not in response
    assert cache.get(page_cache.cache_key(request)) is None
