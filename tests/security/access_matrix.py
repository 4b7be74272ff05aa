"""The shared part of the access matrix: the roles, a world with one of everything the admin
can show and a user for every role, and the walk over the URL resolver that turns each URL
pattern into a concrete path filled with real objects (a story, a signature, a comment...), so
that a view that forgot its permission check answers 200 instead of a convenient 404.

Used by test_admin_access_matrix.py (admin URLs) and test_api_access_matrix.py (JSON endpoints).
"""

import re
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver
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

ROLES = ["anonymous", "supporter", "moderator", "editor", "campaign_manager", "superuser"]
STAFF = {"moderator", "editor", "campaign_manager", "superuser"}
GROUPS = {"moderator": "Moderators", "editor": "Editors", "campaign_manager": "Campaign managers"}


# --- Walking the URL resolver ------------------------------------------------------------------


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


# --- One of everything, and a user for every role ------------------------------------------------


def make_world(news_index, campaign, django_user_model):
    """One of everything the admin can show, and a user for every role.

    Each test module wraps this in its own `world` fixture (test_api_fuzz.py and
    test_html_fuzz.py have `world` fixtures of their own, meaning something else).
    """
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


# --- Filling in URL arguments with real objects ------------------------------------------------


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
