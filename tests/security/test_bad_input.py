"""Bad input gets a clear 4xx, never a 500: oversized bodies, wrong content types, broken
encodings, malformed JSON, and forged, tampered or expired signed links."""

import base64
import json

import pytest
from django.core import signing
from django.test import override_settings

from campaign.confirmation_links import CONFIRM_SALT, confirmation_token
from campaign.models import Signature
from comments.email_links import confirmation_token as comment_confirmation_token
from comments.email_links import unsubscribe_token
from comments.models import Comment, Commenter, Subscription
from tests.factories import (
    CommenterFactory,
    CommentFactory,
    NewsPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    SubscriptionFactory,
)

pytestmark = pytest.mark.django_db

SIGNER = {
    "first_name": "Nadia",
    "last_name": "Haddad",
    "email": "nadia@example.org",
    "country": "GB",
}
COMMENT = {"name": "Jonah", "email": "jonah@example.org", "body": "Victims must be safe to report."}
# Never signed by this site's key.
FOREIGN_KEY = "someone-else's-key"  # noqa: S105


@pytest.fixture
def petition(campaign):
    return PetitionPageFactory(parent=campaign)


@pytest.fixture
def story(news_index):
    return NewsPageFactory(parent=news_index)


def sign_url(petition):
    return f"/api/campaign/petitions/{petition.pk}/signatures/"


def comment_url(story):
    return f"/api/comments/pages/{story.pk}/"


def assert_json_error(response, status, code):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"].strip(), "a person must be told what went wrong"
    return error


# Oversized bodies -------------------------------------------------------------------------------


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1_000)
def test_an_oversized_json_body_is_413_with_a_json_error(client, petition, story):
    huge = json.dumps({**SIGNER, "first_name": "x" * 5_000})
    response = client.post(sign_url(petition), huge, content_type="application/json")
    assert "1,000 bytes" in assert_json_error(response, 413, "too_large")["message"]
    response = client.post(comment_url(story), huge, content_type="application/json")
    assert_json_error(response, 413, "too_large")
    assert not Signature.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1_000)
def test_an_oversized_form_post_is_a_clear_400_page(client, petition, story):
    form = {**SIGNER, "first_name": "x" * 5_000}
    for url in (petition.url + "sign/", f"/comments/post/{story.pk}/"):
        response = client.post(url, form)
        assert response.status_code in (400, 413)
        assert b"too large" in response.content.lower()
    assert not Signature.objects.exists()


def test_default_limit_is_django_s_and_a_body_beyond_it_is_refused(client, settings, petition):
    body = json.dumps({**SIGNER, "postcode": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response = client.post(sign_url(petition), body, content_type="application/json")
    assert_json_error(response, 413, "too_large")


# Wrong content types ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data"],
)
def test_a_non_json_body_to_a_json_endpoint_is_415(client, petition, story, content_type):
    for url in (sign_url(petition), comment_url(story), "/api/campaign/signatures/confirm/"):
        body = json.dumps(SIGNER) if content_type == "text/plain" else "first_name=Nadia"
        response = client.generic("POST", url, body, content_type=content_type)
        assert_json_error(response, 415, "unsupported_media_type")
    assert not Signature.objects.exists()


def test_json_with_a_charset_or_a_json_suffix_is_accepted(client, petition):
    response = client.post(
        sign_url(petition), json.dumps(SIGNER), content_type="application/json; charset=utf-8"
    )
    assert response.status_code == 202
    response = client.post(
        "/api/campaign/signatures/confirm/",
        json.dumps({"token": "nonsense"}),
        content_type="application/merge-patch+json",
    )
    assert_json_error(response, 400, "link_invalid")


# Malformed JSON and broken encodings ------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [b'{"first_name": ', b"{'first_name': 'single quotes'}", b"NaN-ish", b'{"a": 1}}'],
)
def test_malformed_json_is_400_saying_where(client, petition, body):
    response = client.post(sign_url(petition), body, content_type="application/json")
    error = assert_json_error(response, 400, "malformed_json")
    assert "not valid JSON" in error["message"]


@pytest.mark.parametrize("body", [b'{"first_name": "Na\xffdia"}', b"\xfe\xff\x00{", b'"\xc3"'])
def test_a_body_that_is_not_utf8_is_400(client, petition, story, body):
    for url in (sign_url(petition), comment_url(story)):
        response = client.post(url, body, content_type="application/json")
        assert_json_error(response, 400, "bad_encoding")


@pytest.mark.parametrize("body", [b"[]", b'"a string"', b"null", b"42", b"{}"])
def test_json_that_is_not_the_expected_object_is_422(client, petition, body):
    response = client.post(sign_url(petition), body, content_type="application/json")
    assert_json_error(response, 422, "invalid")


def test_nul_characters_in_json_fields_are_refused_not_stored(client, petition, story):
    # PostgreSQL cannot store NUL in text: letting one through is a 500 there.
    response = client.post(
        sign_url(petition), {**SIGNER, "first_name": "Na\x00dia"}, content_type="application/json"
    )
    assert_json_error(response, 422, "invalid")
    response = client.post(
        comment_url(story), {**COMMENT, "name": "Jo\x00nah"}, content_type="application/json"
    )
    assert_json_error(response, 422, "invalid")
    response = client.post(
        comment_url(story),
        {**COMMENT, "body": "Safe\x00 to report"},
        content_type="application/json",
    )
    assert_json_error(response, 422, "invalid")


def test_invalid_utf8_in_form_posts_is_400_and_keeps_the_form(client, petition, story):
    # Django would decode these bytes to replacement characters and store a garbled name.
    body = b"first_name=Na%FFdia&last_name=Haddad&email=nadia%40example.org&country=GB"
    response = client.generic(
        "POST", petition.url + "sign/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert b"could not be read" in response.content and b"Haddad" in response.content
    body = b"name=Jo%C3nah&email=jonah%40example.org&body=Victims+must+be+safe%FE"
    response = client.generic(
        "POST",
        f"/comments/post/{story.pk}/",
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert b"could not be read" in response.content
    assert not Signature.objects.exists() and not Comment.objects.exists()


def test_utf8_form_posts_in_any_script_are_taken(client, petition):
    body = "first_name=Nádia+Хадад+李&last_name=Haddad&email=nadia%40example.org&country=GB"
    response = client.generic(
        "POST",
        petition.url + "sign/",
        body.encode(),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    assert Signature.objects.get().first_name == "Nádia Хадад 李"


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


def test_nul_in_a_form_field_is_the_form_again_with_what_was_typed(client, campaign, news_index):
    """Forms are left to their fields' own check: a 400 page would lose what was typed."""
    petition = PetitionPageFactory(parent=campaign)
    response = client.post(petition.url + "sign/", {**SIGNER, "first_name": "Na\x00dia"})
    assert response.status_code == 400 and b"Haddad" in response.content
    story = NewsPageFactory(parent=news_index)
    response = client.post(f"/comments/post/{story.pk}/", {**COMMENT, "name": "Jo\x00nah"})
    assert response.status_code == 400 and b"Victims must be safe to report." in response.content
    assert not Signature.objects.exists() and not Comment.objects.exists()


# Signed links: petitions ------------------------------------------------------------------------


def wrap(value):
    return base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")


def petition_links(petition):
    """A forged, a tampered, a foreign and an expired confirmation token, and nonsense."""
    signature = SignatureFactory(petition=petition)
    real = confirmation_token(signature)
    signed = base64.urlsafe_b64decode(real + "=" * (-len(real) % 4)).decode()
    other = SignatureFactory(petition=petition)
    # Someone else's id with this signature's signature.
    payload, rest = signed.split(":", 1)
    tampered = wrap(signing.dumps({"signature": other.pk}, salt=CONFIRM_SALT)[:-3] + rest[-3:])
    forged = wrap(signing.dumps({"signature": other.pk}, salt=CONFIRM_SALT, key=FOREIGN_KEY))
    wrong_salt = wrap(signing.dumps({"signature": other.pk}, salt="comments.confirm-email"))
    return signature, {
        "forged": forged,
        "tampered": tampered,
        "wrong_salt": wrong_salt,
        "truncated": real[:-4],
        "not_base64": "not-base64-at-all",
        "not_utf8": base64.urlsafe_b64encode(b"\xff\xfe:abc").decode(),
        "no_id": wrap(signing.dumps({"nobody": 1}, salt=CONFIRM_SALT)),
        "id_not_int": wrap(signing.dumps({"signature": "x" * 40}, salt=CONFIRM_SALT)),
        "list": wrap(signing.dumps([1, 2], salt=CONFIRM_SALT)),
    }


def test_bad_petition_links_are_400_pages_and_confirm_nothing(client, petition):
    signature, links = petition_links(petition)
    for name, token in links.items():
        url = petition.url + petition.reverse_subpage("confirm", args=[token])
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 400, name
            assert b"not valid" in response.content, name
    assert not Signature.objects.filter(status="confirmed").exists()


def test_bad_petition_links_are_400_json_and_confirm_nothing(client, petition):
    signature, links = petition_links(petition)
    links["not_base64"] = "!!!not-base64!!!"
    for token in links.values():
        response = client.post(
            "/api/campaign/signatures/confirm/", {"token": token}, content_type="application/json"
        )
        assert_json_error(response, 400, "link_invalid")
    assert not Signature.objects.filter(status="confirmed").exists()


def test_an_expired_petition_link_says_so_and_confirms_nothing(client, petition, settings):
    signature = SignatureFactory(petition=petition)
    token = confirmation_token(signature)
    settings.PETITION_CONFIRM_MAX_AGE = -1  # every link is older than that
    url = petition.url + petition.reverse_subpage("confirm", args=[token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert b"expired" in response.content
    response = client.post(
        "/api/campaign/signatures/confirm/", {"token": token}, content_type="application/json"
    )
    assert_json_error(response, 400, "link_expired")
    signature.refresh_from_db()
    assert signature.status == "pending"


def test_a_link_for_another_petition_confirms_nothing(client, petition, campaign):
    other = PetitionPageFactory(parent=campaign)
    signature = SignatureFactory(petition=other)
    url = petition.url + petition.reverse_subpage("confirm", args=[confirmation_token(signature)])
    assert client.post(url).status_code == 400
    signature.refresh_from_db()
    assert signature.status == "pending"


# Signed links: comments -------------------------------------------------------------------------


def comment_links(token, salt):
    """Forged, tampered, truncated and nonsense tokens, both as links are made now (wrapped
    core.signed_links tokens) and as emails sent before December 2026 carried them."""
    signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    value = signing.loads(signed, salt=salt)
    old = signing.TimestampSigner(salt=salt).sign(value)
    number, _, rest = old.partition(":")
    # Another row's id with this token's timestamp and signature.
    other_payload = signing.dumps(str(int(number) + 1), salt=salt).partition(":")[0]
    return {
        "forged": wrap(signing.dumps(value, salt=salt, key=FOREIGN_KEY)),
        "tampered": wrap(other_payload + ":" + signed.partition(":")[2]),
        "truncated": token[:-3],
        "not_base64": "not-base64-at-all",
        "not_utf8": base64.urlsafe_b64encode(b"\xff\xfe:abc").decode(),
        "empty_value": wrap(signing.dumps("", salt=salt)),
        "not_a_number": wrap(signing.dumps("x" * 30, salt=salt)),
        "list": wrap(signing.dumps([1, 2], salt=salt)),
        "old_forged": signing.TimestampSigner(key=FOREIGN_KEY, salt=salt).sign(number),
        "old_tampered": str(int(number) + 1) + ":" + rest,
        "old_truncated": old[:-3],
        "old_empty_value": signing.TimestampSigner(salt=salt).sign(""),
        "old_not_a_number": signing.TimestampSigner(salt=salt).sign("x" * 30),
        "unicode": "ünïcødé:" + rest,
        "colons": ":::",
    }


def unconfirmed_comment(story):
    commenter = CommenterFactory(confirmed_at=None)
    return CommentFactory(page=story, commenter=commenter, status="unconfirmed", proven_at=None)


def test_bad_comment_confirm_links_are_400_pages_and_confirm_nothing(client, story):
    comment = unconfirmed_comment(story)
    commenter, other = comment.commenter, unconfirmed_comment(story).commenter
    links = comment_links(comment_confirmation_token(comment), "comments.confirm-comment")
    links["unsubscribe_token_reused"] = unsubscribe_token(SubscriptionFactory(page=story))
    for name, token in links.items():
        for response in (
            client.get(f"/comments/confirm/{token}/"),
            client.post(f"/comments/confirm/{token}/"),
        ):
            assert response.status_code == 400, name
            assert b"This link does not work" in response.content
    assert not Commenter.objects.filter(pk__in=[commenter.pk, other.pk], confirmed_at__isnull=False)
    assert set(Comment.objects.values_list("status", flat=True)) == {"unconfirmed"}


def test_an_expired_comment_confirm_link_confirms_nothing(client, story, monkeypatch):
    comment = unconfirmed_comment(story)
    token = comment_confirmation_token(comment)
    monkeypatch.setattr("comments.email_links.CONFIRM_MAX_AGE", -1)
    assert client.post(f"/comments/confirm/{token}/").status_code == 400
    comment.commenter.refresh_from_db()
    assert comment.commenter.confirmed_at is None


def test_bad_unsubscribe_links_are_400_and_remove_nothing(client, story):
    subscription = SubscriptionFactory(page=story)
    SubscriptionFactory(page=story)
    links = comment_links(unsubscribe_token(subscription), "comments.unsubscribe")
    for name, token in links.items():
        for response in (
            client.get(f"/comments/unsubscribe/{token}/"),
            client.post(f"/comments/unsubscribe/{token}/"),
        ):
            assert response.status_code == 400, name
            assert b"This link does not work" in response.content
        response = client.delete(f"/api/comments/subscriptions/{token}/")
        assert response.status_code in (404, 422), name
        assert "error" in response.json()
    assert Subscription.objects.count() == 2


def test_an_expired_unsubscribe_link_removes_nothing(client, story, monkeypatch):
    subscription = SubscriptionFactory(page=story)
    token = unsubscribe_token(subscription)
    monkeypatch.setattr("comments.email_links.UNSUBSCRIBE_MAX_AGE", -1)
    assert client.post(f"/comments/unsubscribe/{token}/").status_code == 400
    assert client.delete(f"/api/comments/subscriptions/{token}/").status_code == 404
    assert Subscription.objects.filter(pk=subscription.pk).exists()
