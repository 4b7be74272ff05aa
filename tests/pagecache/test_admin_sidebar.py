"""The admin sidebar is kept per user (pagecache/admin_sidebar.py): built once, the same as
Wagtail builds it, never shown to another user, and rebuilt as soon as what it shows for a
user changes (their groups, their profile, the queue's badge)."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.users.models import UserProfile

from comments import moderation
from pagecache import admin_sidebar
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"
QUEUE_LINK = "/admin/snippets/comments/comment/"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw", first_name="Edith")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw", first_name="Moses")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def sidebar(client, user):
    client.force_login(user)
    html = client.get(DASHBOARD).content.decode()
    found = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html
    )
    assert found, "the dashboard has no sidebar"
    return found.group(1)


@pytest.fixture
def builds(monkeypatch):
    """How many times Wagtail's own sidebar was built."""
    calls = []
    build = admin_sidebar._build

    def counted(context):
        calls.append(context["request"].user.pk)
        return build(context)

    monkeypatch.setattr(admin_sidebar, "_build", counted)
    return calls


def test_the_sidebar_is_built_once_per_user_and_is_wagtails_own(client, rf, moderator, builds):
    first = sidebar(client, moderator)
    second = sidebar(client, moderator)
    assert first == second and builds == [moderator.pk]
    assert json.loads(first)["modules"], "an empty sidebar"
    # The tag in Wagtail's templates is the kept one.
    assert wagtailadmin_tags.register.tags["sidebar_props"].__wrapped__ is (
        admin_sidebar.kept_sidebar_props
    )
    request = rf.get(DASHBOARD)
    request.user = moderator
    assert str(admin_sidebar._build({"request": request})) in client.get(DASHBOARD).content.decode()


def test_one_users_sidebar_is_never_shown_to_another(client, moderator, editor):
    assert "Moses" in sidebar(client, moderator) and "Edith" not in sidebar(client, moderator)
    mine = sidebar(client, editor)
    assert "Edith" in mine and "Moses" not in mine
    assert QUEUE_LINK not in mine


def test_a_new_group_shows_its_menu_at_once(client, editor, committed):
    assert QUEUE_LINK not in sidebar(client, editor)
    with committed():
        editor.groups.add(Group.objects.get(name="Moderators"))
    assert QUEUE_LINK in sidebar(client, editor)
    with committed():
        editor.groups.remove(Group.objects.get(name="Moderators"))
    assert QUEUE_LINK not in sidebar(client, editor)


def test_a_permission_given_to_a_group_shows_at_once(client, editor, committed):
    from django.contrib.auth.models import Permission

    assert QUEUE_LINK not in sidebar(client, editor)
    with committed():
        Group.objects.get(name="Editors").permissions.add(
            Permission.objects.get(codename=moderation.MODERATE.split(".")[1])
        )
    assert QUEUE_LINK in sidebar(client, editor)


def test_a_new_name_shows_at_once(client, editor, committed):
    assert "Edith" in sidebar(client, editor)
    with committed():
        editor.first_name = "Edwina"
        editor.save()
    assert "Edwina" in sidebar(client, editor)


def test_a_dismissed_notice_is_remembered_at_once(client, editor, builds, committed):
    sidebar(client, editor)
    with committed():
        profile = UserProfile.get_for_user(editor)
        profile.dismissibles = {"whats-new-in-wagtail": True}
        profile.save()
    sidebar(client, editor)
    assert builds == [editor.pk, editor.pk]


def test_the_queue_badge_follows_the_queue(client, moderator, news_index, committed):
    from tests.factories import NewsPageFactory

    story = NewsPageFactory(parent=news_index)
    with committed():
        waiting = CommentFactory(page=story, status="pending")
    assert "Moderation queue (1)" in sidebar(client, moderator)
    with committed():
        moderation.approve(waiting, moderator)
    props = sidebar(client, moderator)
    assert "Moderation queue (1)" not in props and "Moderation queue" in props
