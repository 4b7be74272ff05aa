"""Wagtail's admin sidebar, kept per user between views instead of rebuilt on every one.

Every admin view builds the sidebar's menu: a permission check for each item, a component for
each, and the whole packed as JSON. On the moderation queue, the admin page moderators load
most, that is about a quarter of the view's time, and it is the same for one user from view to
view. So the JSON is kept per user, under:

- a generation moved on when anything the menu shows for a user may have changed: a user,
  their profile (name, avatar, language, dismissed notices), groups and permissions, and the
  page tree's shape (a user's explorer starts at the pages they may edit);
- the active language;
- whatever apps add through the `admin_sidebar_versions` hook: a function of the request
  returning a value that changes when their menu items do (the queue's badge count does).

Each change moves the generation after its transaction commits, as the queue counts do
(comments/queue_counts.py). The time limit bounds what a change made behind the ORM's back
could leave. Access is never decided here: a menu link only leads to a view that checks the
user's permission itself.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
)
from wagtail.signals import post_page_move
from wagtail.users.models import UserProfile

from pagecache.generations import Generation

VERSIONS_HOOK = "admin_sidebar_versions"
SIDEBAR = Generation("admin-sidebar:generation")
KEPT_SECONDS = 300

_build = wagtailadmin_tags.sidebar_props


def kept_sidebar_props(context):
    """Wagtail's `{% sidebar_props %}`, kept per user (see the module's docstring)."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return _build(context)
    key = sidebar_key(context["request"])
    html = cache.get(key)
    if html is None:
        html = str(_build(context))
        cache.set(key, html, KEPT_SECONDS)
    return mark_safe(html)  # noqa: S308 - Wagtail's own json_script output, stored as it was


def sidebar_key(request):
    versions = [SIDEBAR.current(), translation.get_language()]
    versions += [version(request) for version in hooks.get_hooks(VERSIONS_HOOK)]
    return f"admin-sidebar:{request.user.pk}:" + ":".join(str(v) for v in versions)


def sidebar_changed(*args, **kwargs):
    """Every kept sidebar is stale once the current transaction commits. Takes any
    arguments, to serve as a signal receiver."""
    transaction.on_commit(SIDEBAR.bump)


def install():
    """Put the kept sidebar in place of Wagtail's tag, and connect what makes it stale.
    Called from PageCacheConfig.ready(), before any template is compiled."""
    wagtailadmin_tags.register.simple_tag(
        kept_sidebar_props, takes_context=True, name="sidebar_props"
    )
    user_model = get_user_model()
    shown_in_menus = (
        user_model,
        UserProfile,
        Group,
        GroupPagePermission,
        GroupCollectionPermission,
        GroupSitePermission,
        Site,
    )
    for model in shown_in_menus:
        label = model._meta.label_lower
        post_save.connect(sidebar_changed, sender=model, dispatch_uid=f"sidebar-{label}-saved")
        post_delete.connect(sidebar_changed, sender=model, dispatch_uid=f"sidebar-{label}-deleted")
    links = (user_model.groups.through, user_model.user_permissions.through)
    for through in (*links, Group.permissions.through):
        label = through._meta.label_lower
        m2m_changed.connect(sidebar_changed, sender=through, dispatch_uid=f"sidebar-{label}")
    post_page_move.connect(sidebar_changed, dispatch_uid="sidebar-page-moved")
    post_delete.connect(page_deleted, dispatch_uid="sidebar-page-deleted")


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        sidebar_changed()
