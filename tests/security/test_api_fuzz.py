"""Fuzz the JSON API from its own OpenAPI schema with schemathesis, in-process through WSGI.

Every public operation is called with generated requests: valid ones (against real petitions,
stories, signatures and subscriptions, and against made-up ids) and deliberately invalid ones.
Each answer must not be a 5xx, must have a status the schema declares, the content type it
declares and a body matching the declared schema. The number of requests is counted and
asserted, so the claim "at least 1,000 generated requests" cannot shrink unnoticed.
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
from campaign.links import confirmation_token
from comments.links import unsubscribe_token
from tests.factories import (
    CommentFactory,
    NewsPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    SubscriptionFactory,
)

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
        counting.confirm(SignatureFactory(petition=petition).pk)
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
        "confirm_token": confirmation_token(pending),
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
