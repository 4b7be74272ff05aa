"""Erasing a commenter: nothing they wrote stays, and nothing of theirs can still be published."""

from importlib import import_module

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from comments.erasure import erase_commenter
from comments.models import Ban, Comment, Commenter
from comments.models.settings import DEFAULT_POLICY
from comments.moderation import ban
from core.data_rights import erase_person
from core.identity import email_hash
from outbox.models import EmailDelivery
from tests.comments.conftest import form_data, prove
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def post(client, story, **overrides):
    return client.post(f"/comments/post/{story.pk}/", form_data(**overrides))


def test_erasing_a_commenter_leaves_none_of_their_words_and_nothing_to_publish(story):
    waiting = CommentFactory(
        page=story,
        status="pending",
        published_at=None,
        body="You are an idiot.",
        flags=[{"rule": "personal_attack", "words": ["idiot"], "reason": "“idiot” at “you”"}],
        rules=",personal_attack,",
        flagged=True,
        moderator_note="Called the author an idiot",
    )
    erase_commenter(waiting.commenter.email)
    waiting.refresh_from_db()
    assert waiting.status == Comment.Status.REJECTED
    assert (waiting.flags, waiting.rules, waiting.flagged, waiting.moderator_note) == (
        [],
        "",
        False,
        "",
    )
    assert "idiot" not in waiting.body


def test_an_erased_banned_address_stays_banned_with_nothing_readable_kept(
    client, client_factory, story, moderator, django_capture_on_commit_callbacks
):
    """Erasure deleted the person's bans with the rest, so a banned abuser who asked to be
    erased could comment again at once."""
    address = "Zoe.Banned@example.org"
    prove(client, address)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, story, email=address)
        post(client_factory(), story, email=address, body="Posted from another browser.")
    proven, waiting = Comment.objects.order_by("pk")
    note = "Zoe from the bakery on Mill Lane, posts slurs"
    ban(proven, moderator, reason="profanity", note=note)
    assert EmailDelivery.objects.filter(key__contains=email_hash(address)).exists()

    with django_capture_on_commit_callbacks(execute=True):
        erase_person("zoe.banned+erase@example.org")

    kept = Ban.objects.get()
    assert (kept.email_hash, kept.note, kept.reason) == (email_hash(address), "", "profanity")
    assert not Commenter.objects.exists()
    assert not EmailDelivery.objects.filter(key__contains=email_hash(address)).exists()
    logged = ModelLogEntry.objects.filter(object_id__in=[str(proven.pk), str(waiting.pk)])
    assert logged.exists() and note not in str(list(logged.values_list("label", "data")))

    # Back again, from the proven browser and from a new one: quietly never published.
    with django_capture_on_commit_callbacks(execute=True):
        again = post(client, story, email=address, body="I am back after my erasure.")
        elsewhere = post(client_factory(), story, email=address, body="And from elsewhere.")
    assert (again.status_code, elsewhere.status_code) == (201, 201)
    back = Comment.objects.filter(body__in=["I am back after my erasure.", "And from elsewhere."])
    assert set(back.values_list("status", flat=True)) == {"spam"}
    assert not [m for m in mail.outbox if "elsewhere" in m.body]


def test_the_policy_says_bans_outlast_erasure(client, story):
    assert "ban stays when its owner asks us to erase" in client.get(story.url).content.decode()


def test_the_policy_migration_updates_only_sites_still_on_the_old_default(options):
    from django.apps import apps

    policy_migration = import_module("comments.migrations.0008_policy_says_bans_survive_erasure")
    options.policy = policy_migration.OLD_DEFAULT
    options.save()
    policy_migration.forwards(apps, None)
    options.refresh_from_db()
    assert options.policy == DEFAULT_POLICY
    options.policy = "Our own words."
    options.save()
    policy_migration.forwards(apps, None)
    options.refresh_from_db()
    assert options.policy == "Our own words."


def test_erasing_a_commenter_purges_the_cdn_copy_of_the_stories_they_commented_on(
    story, news_index, settings, django_capture_on_commit_callbacks
):
    from tests import fake_cdn
    from tests.factories import NewsPageFactory

    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.fake_cdn.RecordingBackend"}}
    fake_cdn.PURGED.clear()
    untouched = NewsPageFactory(parent=news_index)
    comment = CommentFactory(page=story, status="approved")
    CommentFactory(page=untouched, status="approved")
    with django_capture_on_commit_callbacks(execute=True):
        erase_commenter(comment.commenter.email)
    assert [story.full_url] == fake_cdn.PURGED
    fake_cdn.PURGED.clear()
