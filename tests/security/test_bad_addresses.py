"""Bad addresses get a clear 4xx, never a 500: broken query strings, ids no row can have,
unknown API addresses, and NUL characters and numbers no database can use anywhere in a path or
query string (a 400 page that repeats nothing of the address, or a JSON error under /api/)."""

import pytest

from tests.factories import NewsPageFactory, PetitionPageFactory
from tests.security.bad_input import assert_json_error, comment_url

pytestmark = pytest.mark.django_db


# Broken query strings, ids no row can have, unknown API addresses -------------------------------


@pytest.mark.parametrize("query", ["page=%FF", "per_page=%C3%28", "page=1%00", "page=" + "9" * 40])
def test_broken_query_strings_are_4xx_json(client, story, query):
    response = client.get(f"{comment_url(story)}?{query}")
    assert 400 <= response.status_code < 500
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_broken_query_strings_on_pages_are_not_500(client, story, petition):
    for url in (story.url, petition.url, f"/comments/page/{story.pk}/"):
        for query in ("page=%FF", "page=%C3%28", "q=%00", "page=" + "9" * 40):
            assert client.get(f"{url}?{query}").status_code < 500


@pytest.mark.parametrize("path_id", ["99999999999999999999", "2147483648", "0"])
def test_ids_no_row_can_have_are_4xx_json(client, path_id):
    for url in (
        f"/api/campaign/petitions/{path_id}/",
        f"/api/campaign/petitions/{path_id}/count/",
        f"/api/comments/pages/{path_id}/",
        f"/api/comments/settings/{path_id}/",
    ):
        response = client.get(url)
        assert response.status_code in (404, 422), url
        assert "error" in response.json()


def test_unknown_api_addresses_answer_json_404(client):
    for url in ("/api/nothing-here/", "/api/v3/nothing-here/", "/api/campaign/petitions/1"):
        error = assert_json_error(client.get(url), 404, "not_found")
    assert "slash" in error["message"]
    assert_json_error(client.delete("/api/nothing/"), 404, "not_found")
    assert_json_error(client.get("/api/campaign/petitions/abc/"), 422, "invalid")


# NUL characters and numbers no database can use, in addresses ----------------------------------

WAGTAIL_API_NUL = [
    "/api/v3/pages/?search=%00",
    "/api/v3/pages/find/?html_path=%00",
    "/api/v3/pages/?locale=%00",
    "/api/v3/pages/?title=%00",
    "/api/v3/pages/?fields=%00",
    "/api/v3/pages/?order=%00",
    "/api/v3/pages/?type=%00",
    "/api/v3/pages/?%00=1",
    "/api/v3/images/?search=%00",
    "/api/v3/documents/?search=%00",
    "/api/v3/redirects/find/?html_path=%00",
]
WAGTAIL_API_HUGE = [
    "/api/v3/pages/?offset=99999999999999999999999",
    "/api/v3/pages/?offset=9223372036854775808",
    "/api/v3/pages/?offset=" + "9" * 5000,
    "/api/v3/images/?offset=99999999999999999999999",
    "/api/v3/documents/?offset=99999999999999999999999",
    "/api/v3/sites/?offset=99999999999999999999999",
]


def assert_bad_address_page(response):
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "This address cannot be read" in page and 'href="/"' in page
    assert response["Cache-Control"] == "no-store"
    return page


def test_a_nul_in_the_news_search_is_a_clear_400_page(client, news_index):
    # Was a 500 on PostgreSQL (text cannot hold NUL) and a false "database down" on SQLite.
    for query in ("q=%00", "q=harbour%00", "q=%00&page=99999999999999999999999"):
        assert_bad_address_page(client.get(f"{news_index.url}search/?{query}"))


@pytest.mark.parametrize("url", WAGTAIL_API_NUL)
def test_a_nul_in_a_wagtail_api_query_is_a_400_json_error(client, home, url):
    assert_json_error(client.get(url), 400, "bad_request")


@pytest.mark.parametrize("url", WAGTAIL_API_HUGE)
def test_an_api_offset_no_database_can_skip_is_a_400_json_error(client, home, url):
    error = assert_json_error(client.get(url), 400, "bad_request")
    assert error["fields"] == ["offset"] and "2,147,483,647" in error["message"]


def test_a_large_but_possible_offset_is_an_empty_page(client, home):
    response = client.get("/api/v3/pages/?offset=2147483647")
    assert response.status_code == 200 and response.json()["items"] == []


def test_an_offset_is_judged_by_its_value_not_its_length(client, home):
    # Leading zeros make a long number, not a large one (core.typed_numbers reads the value).
    assert client.get("/api/v3/pages/?offset=000000000000").status_code == 200
    assert client.get("/api/v3/pages/?offset=2147483648").status_code == 400


@pytest.mark.parametrize("value", ["²", "١٢", "１２", "-1", "1.5", "1e3", " ", "0x10"])
@pytest.mark.parametrize("parameter", ["offset", "limit", "child_of", "descendant_of"])
def test_wagtail_api_numbers_in_other_scripts_are_a_4xx(client, home, parameter, value):
    response = client.get("/api/v3/pages/", {parameter: value})
    assert 400 <= response.status_code < 500, response.content[:200]


def test_nul_anywhere_in_a_page_address_is_a_clear_400_page(client, news_index, campaign):
    story = NewsPageFactory(parent=news_index)
    petition = PetitionPageFactory(parent=campaign)
    for url in (
        f"{news_index.url}?page=%00",
        f"{news_index.url}?%00",
        f"{news_index.url}tag/%00/",
        f"{news_index.url}category/%00/",
        f"{news_index.url}tag/%00/feed/rss/",
        f"{news_index.url}feed/atom/?x=%00",
        f"{story.url}?page=1%00",
        f"{petition.url}sign/?x=%00",
        f"/comments/page/{story.pk}/?page=%00",
        "/%00/",
        "/sitemap.xml?p=%00",
        "/admin/login/?next=%00",
    ):
        assert_bad_address_page(client.get(url))


def test_the_400_page_repeats_nothing_from_the_address(client, news_index):
    page = assert_bad_address_page(
        client.get(f"{news_index.url}search/", {"Your account is locked, call 555": "\x00"})
    )
    assert "555" not in page and "locked" not in page
