"""Who may read or write what through the JSON endpoints (our API and Wagtail's API v3), for
every kind of user: every endpoint is classified, private ones refuse the wrong roles, and no
answer for any role carries a supporter's email address.

The endpoints are read from the URL resolver and their arguments filled with real objects (see
access_matrix.py). The admin URLs' matrix is in test_admin_access_matrix.py.
"""

import re

import pytest
from django.urls import get_resolver
from wagtail.models import APIToken

from tests.security.access_matrix import ROLES, STAFF, fill, make_world, walk

pytestmark = pytest.mark.django_db

# Every JSON GET endpoint with who may read it: "all" means the same public answer for everyone,
# whoever asks; a set means only those roles (by API token), everyone else 401 or 403.
API_READS = {
    "campaign_api:openapi-json": "all",
    "campaign_api:openapi-view": "all",
    "campaign_api:api-root": "all",
    "campaign_api:petition_detail": "all",
    "campaign_api:petition_count": "all",
    "campaign_api:list_comments": "all",
    "campaign_api:comment_policy": "all",
    "campaign_api:show_subscription": "all",  # by secret link, not by role; tested in comments
    "campaign_api:no_such_endpoint": "all",  # the JSON 404 for unknown /api/ addresses
    "wagtailapi_v3:openapi-json": "all",
    "wagtailapi_v3:openapi-view": "all",
    "wagtailapi_v3:api-root": "all",
    "wagtailapi_v3:list_pages": "all",
    "wagtailapi_v3:find_page": "all",
    "wagtailapi_v3:detail_page": "all",
    "wagtailapi_v3:list_images": "all",
    "wagtailapi_v3:detail_image": "all",
    "wagtailapi_v3:list_documents": "all",
    "wagtailapi_v3:detail_document": "all",
    "wagtailapi_v3:list_redirects": "all",
    "wagtailapi_v3:find_redirect": "all",
    "wagtailapi_v3:detail_redirect": "all",
    "wagtailapi_v3:whoami": STAFF,
    "wagtailapi_v3:list_schemas": STAFF,
    "wagtailapi_v3:get_schema_for_type": STAFF,
    "wagtailapi_v3:list_page_revisions": {"editor", "superuser"},
    "wagtailapi_v3:detail_page_revision": {"editor", "superuser"},
    "wagtailapi_v3:list_sites": {"superuser"},
    "wagtailapi_v3:detail_site": {"superuser"},
    # No snippet is published through the API: comments, bans and word lists stay in the admin.
    "wagtailapi_v3:list_snippets": set(),
    "wagtailapi_v3:detail_snippet": set(),
    "wagtailapi_v3:list_snippet_revisions": set(),
    "wagtailapi_v3:detail_snippet_revision": set(),
}
# Writes through Wagtail's API: who may create a page (an editor's right) or a site.
API_WRITES = {
    "/api/v3/pages/": {"editor", "superuser"},
    "/api/v3/sites/": {"superuser"},
    "/api/v3/redirects/": {"superuser"},
}


def write_body(path, world, role):
    objects = world["objects"]
    return {
        "/api/v3/pages/": {
            "meta": {"type": "news.NewsPage", "parent_id": objects["parent"].pk},
            "title": f"Filed through the API by {role}",
            "slug": f"filed-by-{role.replace('_', '-')}",
            "date": "2026-11-21",
        },
        "/api/v3/sites/": {
            "hostname": f"{role.replace('_', '-')}.example.org",
            "root_page_id": objects["parent"].pk,
        },
        "/api/v3/redirects/": {"old_path": f"/old-{role}", "redirect_link": "https://x.org/"},
    }[path]


def api_routes():
    return [r for r in walk(get_resolver().url_patterns) if r.pattern.startswith("api/")]


def api_path(route, world):
    return fill(route, world["objects"])


@pytest.fixture
def world(home, news_index, campaign, django_user_model):
    """One of everything the admin can show, and a user for every role."""
    return make_world(news_index, campaign, django_user_model)


@pytest.fixture
def api_clients(world, client_class):
    """A client per role: staff carry an API token, the supporter a signed-in session."""
    clients = {}
    for role in ROLES:
        client = client_class()
        user = world["users"][role]
        if role in STAFF:
            token = APIToken.create_token(user=user, name=f"{role} token")[1]
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        elif user is not None:
            client.force_login(user)
        clients[role] = client
    return clients


@pytest.fixture
def client_class():
    from django.test import Client

    return Client


def test_every_json_endpoint_is_in_the_matrix():
    names = {r.name for r in api_routes()}
    unlisted = (
        names
        - set(API_READS)
        - {
            # Writes, tested below or in the apps' own tests (signing, commenting, confirming,
            # unsubscribing work by secret link or for anyone, not by role).
            "campaign_api:sign_petition",
            "campaign_api:confirm_signature",
            "campaign_api:create_comment",
            "campaign_api:delete_subscription",
        }
    )
    unlisted = {n for n in unlisted if not re.search(r":(create|update|delete)_|actions_", n)}
    assert unlisted == set()


def test_every_json_endpoint_answers_each_role_as_expected(world, api_clients):
    secrets = ["signer.secret@example.org", "commenter.secret@example.org"]
    surprises = []
    for route in api_routes():
        who = API_READS.get(route.name)
        if who is None:
            continue
        path = api_path(route, world)
        answers = {}
        for role in ROLES:
            response = api_clients[role].get(path)
            body = response.content.decode()
            answers[role] = (response.status_code, body)
            if response.status_code >= 500 or any(secret in body for secret in secrets):
                surprises.append(f"{role} {path}: {response.status_code} {body[:80]}")
            allowed = who == "all" or role in who
            status = response.status_code
            ok = status in (200, 404) if allowed else status in (401, 403, 404, 422)
            if not ok:
                surprises.append(f"{role:16} GET {path}: {status}, allowed={allowed}")
        if who == "all":
            # Public means public: an anonymous visitor gets it. (Signed-in staff may see less
            # of Wagtail's page API, which filters pages by their own permissions, or more:
            # drafts for editors. Nobody's answer may carry a supporter's address, above.)
            assert answers["anonymous"][0] in (200, 404), (path, answers["anonymous"][0])
    assert surprises == [], "\n" + "\n".join(surprises)


@pytest.mark.parametrize("path", sorted(API_WRITES))
def test_wagtail_api_writes_need_the_right_role(world, api_clients, path):
    for role in ROLES:
        body = write_body(path, world, role)
        response = api_clients[role].post(path, body, content_type="application/json")
        if role not in STAFF:
            expected_statuses = {401}
        elif role in API_WRITES[path]:
            expected_statuses = {200, 201}
        else:
            expected_statuses = {403}
        assert response.status_code in expected_statuses, (role, response.content[:300])
