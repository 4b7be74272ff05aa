"""Fuzz the HTML pages and forms with hostile values: no 5xx, whatever a stranger sends.

The news index, its filters, pagination, search and feeds; the petition page and its signing
form; the comment form and the comment pages. Every parameter gets NUL characters, numbers no
database can hold, digits from other scripts and long strings (tests/security/hostile.py),
mixed with plausible values so that requests also reach past validation.

Each request runs in its own savepoint: on PostgreSQL a failed statement would otherwise break
every later request of the test and hide which one failed. Runs on SQLite and, in CI, on
PostgreSQL (`.ci/run` runs the suite twice).
"""

from collections import Counter
from urllib.parse import quote

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import (
    CommentFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    PetitionPageFactory,
)
from tests.security.hostile import FUZZ, HOSTILE

pytestmark = pytest.mark.django_db

EXAMPLES = 40


@pytest.fixture
def world(news_index, campaign, settings):
    """Real objects for requests to find, and rate limits high enough not to stop the forms
    before they read what was sent."""
    settings.PETITION_SIGN_RATES = []
    settings.COMMENTS_RATE_PER_IP = settings.COMMENTS_RATE_PER_EMAIL = "100000/h"
    category = NewsCategoryFactory(name="Policing", slug="policing")
    story = NewsPageFactory(parent=news_index, category=category, tags=["firewall"])
    for _ in range(3):
        NewsPageFactory(parent=news_index, tags=["firewall"])
    top = CommentFactory(page=story)
    CommentFactory(parent=top)
    return {
        "index": news_index,
        "story": story,
        "petition": PetitionPageFactory(parent=campaign),
        "comment": top,
    }


class Recorder:
    """Sends requests, each in a savepoint, and counts the answers by status."""

    def __init__(self, client):
        self.client = client
        self.statuses = Counter()

    def send(self, method, url, data=None):
        with transaction.atomic():
            response = getattr(self.client, method)(url, data or {})
        self.statuses[response.status_code] += 1
        assert response.status_code < 500, (method, url, data, response.status_code)
        return response


def maybe_hostile(plausible):
    """A plausible value three times in four, so some requests get past validation."""
    return st.one_of(st.just(plausible), st.just(plausible), st.just(plausible), HOSTILE)


def query(*names):
    """Some of these query parameters (and now and then one of any name), hostile values."""
    name = st.one_of(st.sampled_from(names), st.text(min_size=1, max_size=8))
    return st.dictionaries(name, HOSTILE, max_size=3)


def segment(value):
    return quote(value, safe="")


def test_news_listings_search_and_feeds_never_fail(client, world):
    index = world["index"].url
    listings = st.sampled_from(
        [
            index,
            f"{index}search/",
            f"{index}category/policing/",
            f"{index}tag/firewall/",
            f"{index}feed/rss/",
            f"{index}feed/atom/",
            f"{index}tag/firewall/feed/atom/",
        ]
    )
    recorder = Recorder(client)

    @settings(FUZZ, max_examples=3 * EXAMPLES)
    @given(url=listings, params=query("q", "page", "tag", "category"), search=HOSTILE)
    def run(url, params, search):
        if url.endswith("/search/"):
            params = {"q": search, **params}
        recorder.send("get", url, params)

    run()
    print(f"\nnews listings: {dict(recorder.statuses)}")
    assert recorder.statuses[200] and recorder.statuses[400]


def test_news_filters_and_feeds_with_hostile_path_segments_never_fail(client, world):
    index = world["index"].url
    routes = st.sampled_from(["tag/{}/", "category/{}/", "tag/{}/feed/rss/", "tag/{}/feed/atom/"])
    recorder = Recorder(client)

    @settings(FUZZ, max_examples=EXAMPLES)
    @given(route=routes, value=HOSTILE.filter(bool), params=query("page"))
    def run(route, value, params):
        recorder.send("get", index + route.format(segment(value)), params)

    run()
    print(f"\nnews paths: {dict(recorder.statuses)}")
    assert recorder.statuses[404]


def test_the_petition_page_and_its_signing_form_never_fail(client, world):
    petition = world["petition"].url
    recorder = Recorder(client)
    fields = st.fixed_dictionaries(
        {
            "first_name": maybe_hostile("Nadia"),
            "last_name": maybe_hostile("Haddad"),
            "email": maybe_hostile("nadia@example.org"),
            "country": maybe_hostile("GB"),
            "postcode": maybe_hostile("N1 9GU"),
            "opt_in": maybe_hostile("on"),
            "show_publicly": maybe_hostile("on"),
            "website": maybe_hostile(""),
        }
    )

    @settings(FUZZ, max_examples=EXAMPLES)
    @given(form=fields, extra=query("page", "signed"), read=st.booleans())
    def run(form, extra, read):
        if read:
            recorder.send("get", petition, extra)
        else:
            recorder.send("post", f"{petition}sign/", {**form, **extra})

    run()
    print(f"\npetition: {dict(recorder.statuses)}")
    assert recorder.statuses[302], "some signatures were taken"
    assert recorder.statuses[400], "some were refused"


def test_the_comment_form_and_comment_pages_never_fail(client, world):
    story, comment = world["story"], world["comment"]
    recorder = Recorder(client)
    fields = st.fixed_dictionaries(
        {
            "name": maybe_hostile("Jonah"),
            "email": maybe_hostile("jonah@example.org"),
            "body": maybe_hostile("Victims must be safe to report."),
            "notify": maybe_hostile("replies"),
            "website": maybe_hostile(""),
            "parent": st.one_of(st.just(""), st.just(str(comment.pk)), HOSTILE),
        }
    )
    pages = st.sampled_from(
        [
            story.url,
            f"/comments/page/{story.pk}/",
            f"/comments/reply/{comment.pk}/",
            "/comments/page/99999999999999999999999/",
            "/comments/reply/99999999999999999999999/",
        ]
    )

    @settings(FUZZ, max_examples=EXAMPLES)
    @given(form=fields, page=pages, extra=query("page"), read=st.booleans())
    def run(form, page, extra, read):
        if read:
            recorder.send("get", page, extra)
        else:
            recorder.send("post", f"/comments/post/{story.pk}/", form)

    run()
    print(f"\ncomments: {dict(recorder.statuses)}")
    assert recorder.statuses[200] and recorder.statuses[400]
    assert recorder.statuses[201] or recorder.statuses[202], "some comments were taken"
