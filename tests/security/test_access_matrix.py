"""Who may open what: every admin URL and every JSON endpoint, for every kind of user.

The URLs are not listed by hand. They are read from the URL resolver, so a view added later is
in the matrix at once, and the test fails until someone says which area it belongs to. Each
pattern's arguments are filled with real objects (a story, a signature, a comment...) so that a
view that forgot its permission check answers 200 instead of a convenient 404.

Outcomes, as a visitor sees them:
- "login": sent to the sign-in page (anonymous visitors, people without admin access);
- "denied": 403, or Wagtail's "no permission" redirect back to the dashboard;
- "open": anything else that is not an error (200, a redirect elsewhere, a 404 for an
  argument that does not fit, 405 for a POST-only view).
A 5xx is always a failure.
"""

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import APIToken, Collection, Site, Workflow
from wagtail.models import Task as WorkflowTask

from campaign import counting
from campaign.models import BlockedEmailDomain
from comments.models import AllowedPhrase, Ban, BannedTerm, SuspectTerm
from tests.factories import (
    CommentFactory,
    ImageFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    NewsSourceFactory,
    PetitionPageFactory,
    SignatureFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "supporter", "moderator", "editor", "campaign_manager", "superuser"]
STAFF = {"moderator", "editor", "campaign_manager", "superuser"}
GROUPS = {"moderator": "Moderators", "editor": "Editors", "campaign_manager": "Campaign managers"}


# --- Which area each admin URL belongs to, and who may open each area -----------------------

# Checked in order; the first matching pattern (on the URL name) decides.
AREAS = [
    # Signing in, resetting a password, and the admin's icons and translations: for everyone.
    (r"^(wagtailadmin_login|wagtailadmin_password_reset.*)$", "public"),
    (r"^(wagtailadmin_sprite|wagtailadmin_javascript_catalog)$", "public"),
    # Supporters' personal data: signatures and the domains refused for signing.
    (r"^(signatures|blocked_email_domains):", "signatures"),
    (r"^signatures_per_day", "signatures"),
    # Comments, the word lists and bans: the moderators' work.
    (r"^wagtailsnippet(s|choosers)_comments_", "moderation"),
    (r"^comments_", "moderation"),
    # People, groups, sites, settings, workflows, collections, redirects: superusers only.
    (r"^(wagtailusers_users|wagtailusers_groups|wagtailsites):", "superuser"),
    (r"^(wagtailsettings|wagtailusers_api_tokens):", "superuser"),
    # Failed background tasks: superusers (and an operations group, if a site makes one).
    (r"^failed_tasks:", "superuser"),
    (r"^(wagtailadmin_workflows|wagtailadmin_collections):", "superuser"),
    (r"^(wagtailredirects:|redirects_process_import_checked$)", "superuser"),
    # Pages, images, documents, news snippets, forms, reports on content: editors.
    (r"^wagtailadmin_pages:", "content"),
    (r"^wagtailadmin_explore", "content"),
    (r"^(wagtailimages|wagtailimages_chooser|wagtaildocs|wagtaildocs_chooser):", "content"),
    (r"^wagtailsnippet(s|choosers)_news_", "content"),
    (r"^(wagtailforms|wagtailembeds|wagtailadmin_editing_sessions):", "content"),
    (r"^wagtailadmin_reports:", "content"),
    # Everything else in the admin (dashboard, own account, search, the admin's own API).
    (r".*", "staff"),
]

# Who opens each area; everyone else is refused.
OPEN_TO = {
    "public": set(ROLES),
    "staff": STAFF,
    "signatures": {"campaign_manager", "superuser"},
    "moderation": {"moderator", "superuser"},
    "superuser": {"superuser"},
    "content": {"editor", "superuser"},
}

# Views that answer differently from their area, each with the reason. "closed" means refused
# to that role, "any" that the view opens but shows only what the role may see anyway.
OVERRIDES = [
    # Nobody adds or edits a signature by hand, superusers included; erasing replaces delete.
    (r"^signatures:(add|edit|usage)$", {role: "closed" for role in ROLES}),
    # Failed tasks are written by the tasks themselves; nobody adds or edits one.
    (r"^failed_tasks:(add|edit)$", {role: "closed" for role in ROLES}),
    # Comments come from supporters, bans from the moderation actions, not from blank forms.
    (
        r"^wagtailsnippet(s|choosers)_comments_(comment|ban):(add|copy|create)$",
        {"moderator": "closed"},
    ),
    (
        r"^wagtailsnippets_comments_comment:(edit|delete|usage|history|history_results)$",
        {"moderator": "closed"},
    ),
    # Editors write and submit; publishing, moving, locking, deleting and privacy are the
    # approvers' (Wagtail's default Editors rights plus the approval workflow).
    (
        r"^wagtailadmin_(pages:(delete|unpublish|move|move_confirm|set_page_position|set_privacy|lock|unlock"
        r"|revisions_unschedule|workflow_preview)|api:pages:action"
        r"|reports:locked_pages(_results)?)$",
        {"editor": "closed"},
    ),
    (r"^wagtailforms:delete_submissions$", {"editor": "closed"}),
    # Editors add and change news categories and sources, but do not delete them.
    (r"^wagtailsnippets_news_\w+:delete$", {"editor": "closed"}),
    # Choosers and reports that every member of staff opens and that Wagtail filters by the
    # user's own permissions (an empty list for someone without any).
    (
        r"^(wagtailadmin_pages:(choose_parent|confirm_workflow_cancellation|revisions_index)"
        r"|wagtailadmin_workflows:task_cho(oser|sen)\w*|wagtailadmin_reports:site_history\w*"
        r"|wagtailadmin_editing_sessions:\w+|wagtailembeds:\w+"
        r"|wagtail(images|docs)_chooser:\w+)$",
        {role: "any" for role in STAFF},
    ),
    # Snippet choosers' "create" step needs the add permission for that model.
    (r"^wagtailsnippetchoosers_(news_\w+|comments_\w+):create$", {"campaign_manager": "closed"}),
    (r"^wagtailsnippetchoosers_news_\w+:create$", {"moderator": "closed"}),
    (r"^wagtailsnippetchoosers_comments_\w+:create$", {"editor": "closed"}),
    # The snippets index sends each role to the snippets it may see, or away.
    (r"^wagtailsnippets:index$", {role: "any" for role in STAFF}),
    # Views whose filled-in arguments name a different kind of object (a non-form page for
    # form submissions, a task that is not in progress): they bounce even superusers.
    (
        r"^(wagtailadmin_pages:workflow_preview|wagtailforms:delete_submissions)$",
        {"superuser": "any"},
    ),
]


@dataclass
class Route:
    name: str
    pattern: str

    @property
    def namespace(self):
        return self.name.rsplit(":", 1)[0] if ":" in self.name else self.name


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else (entry.namespace or namespace)
            )
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or pattern)
            yield Route(name=name, pattern=pattern)


def admin_routes():
    routes = [r for r in walk(get_resolver().url_patterns) if r.pattern.startswith("admin/")]
    # Not views of anything: the admin's catch-all 404 for unknown addresses, its sample 404
    # page, and its crash test, which config/urls.py shadows with a 404 (tested below). Signing
    # out is left out too: it would end the session of the role being tested.
    not_views = {"admin/^.*/$", "admin/test404/", "admin/failwhale/", "admin/logout/"}
    return [r for r in routes if r.pattern not in not_views]


def area_of(route):
    for regex, area in AREAS:
        if re.search(regex, route.name):
            return area
    raise AssertionError(f"no area for {route.name}")


def expected(route, role):
    for regex, answers in OVERRIDES:
        if re.search(regex, route.name) and role in answers:
            return answers[role]
    area = area_of(route)
    if area == "public":
        return "any"  # open to all; signed-in staff are sent on to the dashboard
    return "open" if role in OPEN_TO[area] else "closed"


# --- Filling in URL arguments with real objects ------------------------------------------------


@pytest.fixture
def world(home, news_index, campaign, django_user_model):
    """One of everything the admin can show, and a user for every role."""
    story = NewsPageFactory(parent=news_index)
    petition = PetitionPageFactory(parent=campaign)
    signature = SignatureFactory(petition=petition, email="signer.secret@example.org")
    counting.confirm_signature(signature.pk)
    comment = CommentFactory(page=story, commenter__email="commenter.secret@example.org")
    users = {"anonymous": None}
    supporter = django_user_model.objects.create_user(
        "supporter", "supporter@example.org", "a-long-passphrase-of-theirs"
    )
    users["supporter"] = supporter
    for role, group in GROUPS.items():
        user = django_user_model.objects.create_user(role, f"{role}@example.org", "x" * 16)
        user.groups.add(Group.objects.get(name=group))
        users[role] = user
    users["superuser"] = django_user_model.objects.create_superuser(
        "root", "root@example.org", "y" * 16
    )
    objects = {
        "page": story,
        "parent": news_index,
        "image": ImageFactory(),
        "signature": signature,
        "comment": comment,
        # The word lists come seeded by migrations.
        "bannedterm": BannedTerm.objects.first(),
        "suspectterm": SuspectTerm.objects.first(),
        "allowedphrase": AllowedPhrase.objects.first(),
        "ban": Ban.objects.create(email_hash="0" * 64, note="Repeated abuse"),
        "domain": BlockedEmailDomain.objects.create(domain="spam.example"),
        "category": NewsCategoryFactory(),
        "source": NewsSourceFactory(),
        "site": Site.objects.get(is_default_site=True),
        "collection": Collection.get_first_root_node(),
        "workflow": Workflow.objects.first(),
        "task": WorkflowTask.objects.first(),
        "group": Group.objects.get(name="Editors"),
        "user": users["editor"],
        "token": APIToken.create_token(user=users["superuser"], name="cms sync")[0],
        "revision": story.latest_revision,
        "redirect": Redirect.objects.create(old_path="/old-story", redirect_page=story),
        "document": get_document_model().objects.create(
            title="Annual report", file=ContentFile(b"report", name="report.txt")
        ),
    }
    return {"users": users, "objects": objects}


# Which object a primary key means, by the URL's namespace.
PK_FOR_NAMESPACE = {
    "signatures": "signature",
    "blocked_email_domains": "domain",
    "wagtailsnippets_comments_comment": "comment",
    "wagtailsnippets_comments_bannedterm": "bannedterm",
    "wagtailsnippets_comments_suspectterm": "suspectterm",
    "wagtailsnippets_comments_allowedphrase": "allowedphrase",
    "wagtailsnippets_comments_ban": "ban",
    "wagtailsnippets_news_newscategory": "category",
    "wagtailsnippets_news_newssource": "source",
    "wagtailsites": "site",
    "wagtailusers_users": "user",
    "wagtailusers_groups": "group",
    "wagtailusers_api_tokens": "token",
    "wagtailadmin_collections": "collection",
    "wagtailadmin_workflows": "workflow",
    "wagtailredirects": "redirect",
    "wagtaildocs": "document",
    "wagtailadmin_api:documents": "document",
    "wagtailimages": "image",
    "wagtailadmin_pages": "page",
    "wagtailadmin_api:pages": "page",
    "wagtailadmin_api:images": "image",
}


def argument_values(objects):
    """What each URL argument name means, for admin and API patterns alike."""
    page = objects["page"]
    return {
        "page_id": page.pk,
        "page_pk": page.pk,
        "page_to_move_id": page.pk,
        "parent_page_id": objects["parent"].pk,
        "destination_id": objects["parent"].pk,
        "petition_id": objects["signature"].petition_id,
        "image_id": objects["image"].pk,
        "document_id": objects["document"].pk,
        "doc_id": objects["document"].pk,
        "redirect_id": objects["redirect"].pk,
        "revision_id": objects["revision"].pk,
        "collection_id": objects["collection"].pk,
        "site_id": objects["site"].pk,
        "workflow_pk": getattr(objects["workflow"], "pk", 1),
        "task_id": getattr(objects["task"], "pk", 1),
        "app_label": "news",
        "app_name": "news",
        "content_type_app_name": "news",
        "model_name": "newspage",
        "content_type_model_name": "newspage",
        "type_name": "news.NewsPage",
        "type": "comments.comment",
        "filter_spec": "original",
        "action_name": "publish",
        "action": "publish",
        "token": "not-a-real-token",
        "rest": "no/such/thing/",
    }


def fill(route, objects):
    """A concrete path for the route, its arguments filled with real objects."""
    pattern = route.pattern.replace("^", "").replace("$", "")
    if route.name.endswith("revisions_compare"):
        return f"/admin/pages/{objects['page'].pk}/revisions/compare/earliest...latest/"
    values = argument_values(objects)

    def value(match):
        arg = match.group(1)
        if arg == "pk":
            return str(objects[PK_FOR_NAMESPACE.get(route.namespace, "page")].pk)
        if arg == "object_id" and route.namespace.startswith("wagtailsettings"):
            return str(objects["site"].pk)
        return str(values.get(arg, 1))

    path = re.sub(r"<(?:\w+:)?(\w+)>", value, pattern)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", "1", path)
    return "/" + path


def outcome(response):
    status = response.status_code
    location = response.get("Location", "")
    if status >= 500:
        return f"error {status}"
    if status in (301, 302) and "/login/" in location:
        return "login"
    if status == 403 or (status == 302 and location.rstrip("/").endswith("/admin")):
        return "denied"
    if status == 404:
        return "missing"
    if status == 405:
        return "method"
    return "open"


def visit(client, route, path):
    """GET the view; a POST-only view is POSTed, empty, so its permission check runs."""
    response = client.get(path)
    got = outcome(response)
    if got == "method":
        response = client.post(path)
        got = outcome(response)
    return got, f"{response.status_code} {response.get('Location', '')}"


def acceptable(got, want, role):
    if got.startswith("error"):
        return False
    if want == "any":
        return True
    if want == "open":
        # A 404 only means the filled-in argument did not fit this view; counted below.
        return got in ("open", "missing", "method")
    if role in STAFF:
        # Staff without the permission: Wagtail answers 403, sends them to the dashboard or to
        # the sign-in page, or pretends the object is not there. None shows anything.
        return got in ("denied", "login", "missing")
    # Everyone else is sent to sign in (or to the dashboard, which sends them on to sign in).
    return got in ("login", "denied")


def test_every_admin_url_belongs_to_an_area():
    for route in admin_routes():
        assert area_of(route) in OPEN_TO


def test_every_admin_url_answers_each_role_as_expected(client, world):
    routes = admin_routes()
    assert len(routes) > 250  # the whole admin, not a sample
    surprises, opened, allowed = [], 0, 0
    for role in ROLES:
        client.logout()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        for route in routes:
            path = fill(route, world["objects"])
            (got, detail), want = visit(client, route, path), expected(route, role)
            if not acceptable(got, want, role):
                surprises.append(
                    f"{role:16} {path:64} {route.name}: got {got} ({detail}), want {want}"
                )
            if want == "open":
                allowed += 1
                opened += got == "open"
    assert surprises == [], "\n" + "\n".join(surprises)
    # Most allowed views really opened, so "open" was tested, not only "missing" (the rest
    # take arguments this test does not make up, such as a workflow in progress).
    assert opened / allowed > 0.75, (opened, allowed)


def test_nobody_can_make_the_admin_crash_on_purpose(client, world):
    for role in ROLES:
        client.logout()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        assert client.get("/admin/failwhale/").status_code == 404


# --- JSON endpoints ------------------------------------------------------------------------------

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
