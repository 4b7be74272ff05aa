"""Who may open what in the admin: every admin URL, for every kind of user.

The URLs are not listed by hand. They are read from the URL resolver, so a view added later is
in the matrix at once, and the test fails until someone says which area it belongs to. Each
pattern's arguments are filled with real objects (see access_matrix.py) so that a view that
forgot its permission check answers 200 instead of a convenient 404.

Outcomes, as a visitor sees them:
- "login": sent to the sign-in page (anonymous visitors, people without admin access);
- "denied": 403, or Wagtail's "no permission" redirect back to the dashboard;
- "open": anything else that is not an error (200, a redirect elsewhere, a 404 for an
  argument that does not fit, 405 for a POST-only view).
A 5xx is always a failure.

The JSON endpoints' matrix is in test_api_access_matrix.py.
"""

import re

import pytest
from django.urls import get_resolver

from tests.security.access_matrix import ROLES, STAFF, fill, make_world, walk

pytestmark = pytest.mark.django_db


# --- Which area each admin URL belongs to, and who may open each area -----------------------

# Checked in order; the first matching pattern (on the URL name) decides.
AREAS = [
    # Signing in, resetting a password, and the admin's icons and translations: for everyone.
    (r"^(wagtailadmin_login|wagtailadmin_password_reset.*)$", "public"),
    (r"^(wagtailadmin_sprite|wagtailadmin_javascript_catalog)$", "public"),
    # Supporters' personal data: signatures and the domains refused for signing.
    (r"^(signatures|blocked_email_domains):", "signatures"),
    (r"^signatures_per_day", "signatures"),
    # Alert subscribers: the same people's addresses, the same managers.
    (r"^alert_subscriptions:", "signatures"),
    (r"^alert_subscribers_per_topic", "signatures"),
    # The alerts stories and petition updates sent: editors, and the managers.
    (r"^email_alerts:", "alerts_sent"),
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
    "alerts_sent": {"editor", "campaign_manager", "superuser"},
}

# Views that answer differently from their area, each with the reason. "closed" means refused
# to that role, "any" that the view opens but shows only what the role may see anyway.
OVERRIDES = [
    # Nobody adds or edits a signature by hand, superusers included; erasing replaces delete.
    (r"^signatures:(add|edit|usage)$", {role: "closed" for role in ROLES}),
    # Failed tasks are written by the tasks themselves; nobody adds or edits one.
    (r"^failed_tasks:(add|edit)$", {role: "closed" for role in ROLES}),
    # Subscriptions come from supporters and alerts from publishing: nobody adds or edits one.
    (r"^(alert_subscriptions|email_alerts):(add|edit)$", {role: "closed" for role in ROLES}),
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


@pytest.fixture
def world(home, news_index, campaign, django_user_model):
    """One of everything the admin can show, and a user for every role."""
    return make_world(news_index, campaign, django_user_model)


# --- Visiting each URL as each role ------------------------------------------------------------


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
