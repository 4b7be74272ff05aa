"""Fuzz the JSON APIs from their own OpenAPI schemas with schemathesis, in-process through WSGI.

Every public operation is called with generated requests: valid ones (against real petitions,
stories, signatures and subscriptions, and against made-up ids) and deliberately invalid ones.
Each answer must not be a 5xx, must have a status the schema declares, the content type it
declares and a body matching the declared schema. The number of requests is counted and
asserted, so the claim "at least 1,000 generated requests" cannot shrink unnoticed.

Wagtail's API v3 is also sent hostile values (tests/security/hostile.py: NUL, numbers beyond
any database's integers, digits from other scripts, long strings) in every query parameter,
declared or a field filter, and in its path parameters, signed out and as a superuser with an
API token: no 5xx. Runs on SQLite and, in CI, on PostgreSQL (`.ci/run` runs the suite twice).
"""

import contextlib
import zlib
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from campaign import counting
from campaign.confirmation_links import signature_confirmation_token
from comments.email_links import unsubscribe_token
from tests.factories import (
    CommentFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    SubscriptionFactory,
)
from tests.security.hostile import FUZZ, HOSTILE

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MIN_REQUESTS = 1_000
SIGN = "POST /api/campaign/petitions/{petition_id}/signatures/"
COMMENT = "POST /api/comments/pages/{page_id}/"

# (generation mode, whether path parameters point at real objects, rate limits on, examples)
PASSES = [
    (GenerationMode.POSITIVE, True, False, 55),
    (GenerationMode.POSITIVE, True, True, 20),
    (GenerationMode.NEGATIVE, True, True, 55),
    (GenerationMode.POSITIVE, False, True, 55),
]
WAGTAIL_EXAMPLES = 12


@pytest.fixture
def world(home, news_index, campaign):
    """Real objects for the generated requests to find, so they reach past the 404s."""
    petition = PetitionPageFactory(parent=campaign)
    PetitionPageFactory(parent=campaign, live=False)
    for _ in range(3):
        counting.confirm_signature(SignatureFactory(petition=petition).pk)
    pending = SignatureFactory(petition=petition)
    story = NewsPageFactory(parent=news_index)
    top = CommentFactory(page=story)
    CommentFactory(parent=top)
    CommentFactory(page=story, status="pending")
    subscription = SubscriptionFactory(page=story)
    return {
        "petition_id": petition.pk,
        "page_id": story.pk,
        "token": unsubscribe_token(subscription),
        "confirm_token": signature_confirmation_token(pending),
    }


@pytest.fixture
def app():
    """The real WSGI application. Like Django's test client, it must not close the database
    connection after each request: the test's transaction lives on it (PostgreSQL)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def plausible(case, make_plausible):
    """Half the valid bodies get a deliverable address, a real country and an empty honeypot,
    so they reach past validation into signing and screening instead of stopping at a 422."""
    body = case.body
    if make_plausible and isinstance(body, dict) and "email" in body:
        body["email"] = f"fuzz{zlib.crc32(str(body['email']).encode())}@example.org"
        body["website"] = ""
        if "country" in body:
            body["country"] = "GB"
    return case


def fuzz(operation, mode, path_parameters, examples, sent, checks=CHECKS):
    """Send `examples` generated requests to one operation and check every answer."""
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)
    if mode == GenerationMode.POSITIVE:
        strategy = st.tuples(strategy, st.booleans()).map(lambda pair: plausible(*pair))

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        response = case.call()
        sent[operation.label] += 1
        sent[operation.label, response.status_code] += 1
        case.validate_response(response, checks=checks)

    run()


def real_parameters(operation, world):
    names = {p.name for p in operation.path_parameters}
    return {name: world[name] for name in names}


def fuzz_schema(schema, world, settings_, cache):
    sent = Counter()
    for mode, real_ids, rate_limits, examples in PASSES:
        if rate_limits:
            settings_.PETITION_SIGN_RATES = ["1/m", "5/5m"]
            settings_.COMMENTS_RATE_PER_IP = "5/h"  # low, so the fuzzing meets it
        else:
            settings_.PETITION_SIGN_RATES = []
            settings_.COMMENTS_RATE_PER_IP = settings_.COMMENTS_RATE_PER_EMAIL = "100000/h"
        cache.clear()
        for result in schema.get_all_operations():
            operation = result.ok()
            if not real_ids and not operation.path_parameters:
                continue  # nothing to make up: the real-id passes cover it
            params = real_parameters(operation, world) if real_ids else None
            try:
                fuzz(operation, mode, params, examples, sent)
            except Unsatisfiable:
                # Negative data for an operation whose only input is the fixed path: there is
                # nothing left to make invalid, so invalidate the path instead (unless, like a
                # token, any string is valid there: then nothing can be sent invalid at all).
                with contextlib.suppress(Unsatisfiable):
                    fuzz(operation, mode, None, examples, sent)
    return sent


def test_campaign_api_answers_every_generated_request_as_documented(
    app, world, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    sent = fuzz_schema(schema, world, settings, cache)
    per_operation = {key: n for key, n in sent.items() if isinstance(key, str)}
    print(f"\nrequests: {sum(per_operation.values())}; by operation and status: {dict(sent)}")
    assert set(per_operation) == {op.ok().label for op in schema.get_all_operations()}
    assert sum(per_operation.values()) >= MIN_REQUESTS
    # The requests reached past validation: signatures and comments were taken, rate limits hit.
    for answer in [(SIGN, 202), (SIGN, 422), (SIGN, 429), (COMMENT, 201), (COMMENT, 429)]:
        assert sent[answer], answer


def test_wagtail_page_api_never_fails_on_generated_requests(app, world):
    """Wagtail's own API v3, read by anonymous visitors: the operations anyone may call (GET).
    Its schema does not declare the 4xx it answers (a 422 for a filter it refuses, a 404 for
    an unknown id), so the status code is not checked here; no 5xx, the declared content type
    and, for declared statuses, the declared body are."""
    schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", app)
    checks = [check for check in CHECKS if check is not status_code_conformance]
    sent = Counter()
    operations = [op.ok() for op in schema.get_all_operations() if op.ok().method == "get"]
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        real = {"page_id": world["page_id"]} if names == {"page_id"} else None
        for mode, params in [
            (GenerationMode.POSITIVE, real),
            (GenerationMode.POSITIVE, None),
            (GenerationMode.NEGATIVE, None),
        ]:
            with contextlib.suppress(Unsatisfiable):  # nothing to make up or make invalid
                fuzz(operation, mode, params, WAGTAIL_EXAMPLES, sent, checks)
    per_operation = {key: n for key, n in sent.items() if isinstance(key, str)}
    print(f"\nWagtail API v3 requests: {sum(per_operation.values())}; {dict(sent)}")
    # Every operation but those whose parameters schemathesis cannot satisfy (one, a snippet
    # revision whose path mixes an enum of snippet types with free text).
    assert len(per_operation) >= len(operations) - 1
    assert sum(per_operation.values()) >= 400
    assert sent["GET /api/v3/pages/{page_id}/", 200], "a real page was read"


# The field filters Wagtail's page listing takes beyond its declared parameters (any API
# field; a story's own fields with type=news.NewsPage).
PAGE_FILTERS = [
    "id", "title", "slug", "seo_title", "search_description", "show_in_menus", "has_children",
    "first_published_at", "last_published_at", "date_published", "category", "source", "tags",
]  # fmt: skip
HOSTILE_EXAMPLES = 8


@pytest.fixture
def api_token(django_user_model):
    from wagtail.models import APIToken

    user = django_user_model.objects.create_superuser("fuzzer", "fuzz@example.org", "x" * 20)
    return APIToken.create_token(user=user, name="fuzzing")[1]


def hostile_query(operation):
    names = [parameter.name for parameter in operation.query]
    if operation.path == "/pages/":
        names += PAGE_FILTERS
    name = st.one_of(st.sampled_from(names or ["q"]), st.text(min_size=1, max_size=8))
    extra = st.dictionaries(name, HOSTILE, min_size=1, max_size=3)
    # Now and then a story listing, so that the stories' own fields are filters too.
    return st.tuples(extra, st.booleans()).map(
        lambda pair: {"type": "news.NewsPage", **pair[0]} if pair[1] else pair[0]
    )


def hostile_path(operation):
    """One path parameter replaced by a hostile value, or none."""
    names = sorted(parameter.name for parameter in operation.path_parameters)
    if not names:
        return st.just({})
    hostile = st.tuples(st.sampled_from(names), HOSTILE.filter(bool)).map(lambda p: {p[0]: p[1]})
    return st.one_of(st.just({}), hostile)


def send_hostile(operation, strategy, headers, sent):
    """Send HOSTILE_EXAMPLES requests to one operation; no answer may be a 5xx."""

    @settings(FUZZ, max_examples=HOSTILE_EXAMPLES)
    @given(request=strategy)
    def run(request):
        case, query, path = request
        case.query = {**(case.query or {}), **query}
        if path:
            case.path_parameters = {**(case.path_parameters or {}), **path}
        response = case.call(headers=headers)
        sent[operation.label] += 1
        sent[response.status_code] += 1
        assert response.status_code < 500, (operation.label, case.path_parameters, query)

    run()


def test_wagtail_api_answers_hostile_values_in_every_parameter_without_failing(
    app, world, api_token, news_index
):
    NewsCategoryFactory(name="Policing", slug="policing")
    schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", app)
    operations = [op.ok() for op in schema.get_all_operations() if op.ok().method == "get"]
    sent = Counter()
    for operation in operations:
        # Fixed path parameters (a real page; "1" elsewhere), so that every operation can be
        # generated: the snippet type is an empty enum here, which schemathesis cannot satisfy.
        base = {p.name: "1" for p in operation.path_parameters}
        if "page_id" in base:
            base["page_id"] = world["page_id"]
        strategy = st.tuples(
            operation.as_strategy(
                generation_mode=GenerationMode.POSITIVE, path_parameters=base or None
            ),
            hostile_query(operation),
            hostile_path(operation),
        )
        # Signed out, and as a superuser: the staff-only operations read their parameters too.
        for headers in ({}, {"Authorization": f"Bearer {api_token}"}):
            send_hostile(operation, strategy, headers, sent)
    print(f"\nWagtail API v3, hostile values: {sum(sent[op.label] for op in operations)}; {sent}")
    assert all(sent[operation.label] for operation in operations)
    # Refused by the address check (400), by Wagtail's own validation (422), not found (404),
    # and some answered (200).
    for status in (200, 400, 404, 422):
        assert sent[status], status
