"""Bad request bodies get a clear 4xx, never a 500: oversized bodies, wrong content types,
malformed JSON, encodings that are not UTF-8, and NUL characters in JSON fields and form fields
(a form comes back with what was typed)."""

import json

import pytest
from django.test import override_settings

from campaign.models import Signature
from comments.models import Comment
from tests.factories import NewsPageFactory, PetitionPageFactory
from tests.security.bad_input import COMMENT, SIGNER, assert_json_error, comment_url, sign_url

pytestmark = pytest.mark.django_db


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


def test_nul_in_a_form_field_is_the_form_again_with_what_was_typed(client, campaign, news_index):
    """Forms are left to their fields' own check: a 400 page would lose what was typed."""
    petition = PetitionPageFactory(parent=campaign)
    response = client.post(petition.url + "sign/", {**SIGNER, "first_name": "Na\x00dia"})
    assert response.status_code == 400 and b"Haddad" in response.content
    story = NewsPageFactory(parent=news_index)
    response = client.post(f"/comments/post/{story.pk}/", {**COMMENT, "name": "Jo\x00nah"})
    assert response.status_code == 400 and b"Victims must be safe to report." in response.content
    assert not Signature.objects.exists() and not Comment.objects.exists()
