"""Forms on cached pages work on the first post without JavaScript or a token, and only from
a page of this site; every other form keeps Django's token check; the refusal page shows
nothing that was posted."""

import pytest
from django.test import Client

from campaign.confirmation_links import signature_confirmation_token
from campaign.models import Signature
from comments.models import Comment
from tests.comments.conftest import form_data
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
PHISHING = "Your account is locked: send your password to rescue@evil.example"


@pytest.fixture
def strict():
    """A browser-like client: Django's CSRF checks on, as for real visitors."""
    return Client(enforce_csrf_checks=True)


def sign_data(email="kemi@example.org"):
    return {"first_name": "Kemi", "last_name": "A", "email": email, "country": "GB"}


def sign(client, petition, headers):
    return client.post(petition.url + "sign/", sign_data(), headers=headers)


def comment(client, story, headers):
    return client.post(f"/comments/post/{story.pk}/", form_data(), headers=headers)


def cached(client, url):
    client.get(url)
    page = client.get(url)
    assert page["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in page.content.decode()
    return page


# The first post from a page of this site, with no token ---------------------------------------


def test_a_cached_petition_is_signed_on_the_first_post_without_a_token(strict, petition):
    cached(strict, petition.url)
    response = sign(strict, petition, {"Origin": SITE})
    assert response.status_code == 302
    assert response["Location"].endswith("/check-your-email/")
    assert Signature.objects.filter(email="kemi@example.org").exists()


def test_a_comment_on_a_cached_story_is_accepted_on_the_first_post(strict, story):
    cached(strict, story.url)
    response = comment(strict, story, {"Origin": SITE})
    assert response.status_code != 403
    assert Comment.objects.filter(page=story).exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Referer": SITE + "/campaign/petition/"},
        # Sec-Fetch-Site decides even when a proxy makes Origin and Host disagree.
        {"Sec-Fetch-Site": "same-origin", "Origin": "https://campaigns.example.org"},
    ],
    ids=["fetch-metadata", "referer-without-origin", "fetch-metadata-behind-a-proxy"],
)
def test_other_ways_a_browser_says_the_post_is_from_this_site(strict, petition, headers):
    assert sign(strict, petition, headers).status_code == 302


def test_origins_the_settings_trust_are_accepted(strict, petition, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.example.org"]
    assert sign(strict, petition, {"Origin": "https://act.example.org"}).status_code == 302


# Posts from anywhere else -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://news.testserver", "Sec-Fetch-Site": "same-site"},
        {"Origin": "null"},  # a sandboxed frame, or a redirect from another site
        {"Origin": "null", "Referer": SITE + "/campaign/petition/"},
        {"Referer": "https://evil.example/testserver/"},
        {"Origin": "https://testserver"},  # the right host, the wrong scheme
        {},  # a browser that names no origin: an old one, its Referer suppressed
    ],
    ids=[
        "cross-site",
        "cross-site-fetch-metadata",
        "sibling-subdomain",
        "null-origin",
        "null-origin-with-a-referer",
        "foreign-referer",
        "wrong-scheme",
        "no-origin-at-all",
    ],
)
def test_a_cross_site_post_saves_nothing_and_says_so(strict, petition, story, headers):
    for response in (sign(strict, petition, headers), comment(strict, story, headers)):
        assert response.status_code == 403
        assert "could not be accepted" in response.content.decode()
    assert not Signature.objects.exists()
    assert not Comment.objects.exists()


def test_https_needs_an_https_origin(strict, petition):
    ok = strict.post(petition.url + "sign/", sign_data(), secure=True, headers={"Origin": SITE})
    assert ok.status_code == 403
    secure_origin = "https://testserver"
    response = strict.post(
        petition.url + "sign/", sign_data(), secure=True, headers={"Origin": secure_origin}
    )
    assert response.status_code == 302


# Everything else keeps the token check ----------------------------------------------------------


def test_other_posts_to_a_petition_still_need_a_token(strict, petition):
    """Only the sign route is exempt: the page itself and the confirmation button are not."""
    signature = SignatureFactory(petition=petition)
    confirm = petition.url + petition.reverse_subpage(
        "confirm", args=[signature_confirmation_token(signature)]
    )
    for url in (petition.url, confirm):
        assert strict.post(url, headers={"Origin": SITE}).status_code == 403
    signature.refresh_from_db()
    assert not signature.is_confirmed


def test_other_comment_posts_still_need_a_token(strict):
    response = strict.post("/comments/confirm/anything/", headers={"Origin": SITE})
    assert response.status_code == 403


# The refusal page -------------------------------------------------------------------------------


def test_the_refusal_page_repeats_nothing_that_was_posted(strict, petition):
    """A foreign site's post must not put its words on our domain (a phishing aid)."""
    signature = SignatureFactory(petition=petition)
    confirm = petition.url + petition.reverse_subpage(
        "confirm", args=[signature_confirmation_token(signature)]
    )
    posted = {"first_name": PHISHING, "email": "rescue@evil.example", "message": PHISHING}
    for url in (confirm, petition.url + "sign/"):
        refused = strict.post(url, posted, headers={"Origin": "https://evil.example"})
        assert refused.status_code == 403
        html = refused.content.decode()
        assert "could not be accepted" in html
        assert "evil.example" not in html and "password" not in html
        assert 'type="hidden"' not in html and "<form" not in html.split("<main", 1)[1]


def test_the_refusal_page_links_back_to_our_page_only(strict, petition):
    page = SITE + petition.url + "?utm=1"
    ours = strict.post(petition.url, {}, headers={"Origin": SITE, "Referer": page})
    assert f'href="{petition.url}"' in ours.content.decode()
    theirs = strict.post(petition.url, {}, headers={"Referer": "https://evil.example/x"})
    assert 'href="/"' in theirs.content.decode()
    assert "evil.example" not in theirs.content.decode()
