"""One identity per inbox in comments: commenters, bans, subscriptions, rate limits, the
confirmation floor and erasure all use core.identity's normalised, keyed hash; and the
migration that brought existing commenters and bans under that rule."""

import datetime
import re
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.test import override_settings

from comments.erasure import erase_commenter
from comments.models import Ban, Comment, Commenter, Subscription
from core.identity import email_hash
from tests.comments.conftest import form_data, prove
from tests.factories import CommentFactory, PetitionPageFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

JANE = [
    "jane.doe+a@gmail.com",
    "Jane.Doe@GMAIL.com ",
    "janedoe@googlemail.com",
    "j.a.n.e.d.o.e@gmail.com",
]
migration = import_module("comments.migrations.0007_one_identity_per_address")


def post(client, story, **overrides):
    return client.post(f"/comments/post/{story.pk}/", form_data(**overrides))


def test_every_spelling_of_an_inbox_is_one_commenter(client_factory, story):
    for address in JANE:
        assert post(client_factory(), story, email=address).status_code == 201
    assert Commenter.objects.count() == 1
    assert Comment.objects.filter(commenter=Commenter.objects.get()).count() == len(JANE)


def test_a_ban_cannot_be_evaded_with_a_plus_tag(proven_client, story, client_factory):
    Ban.objects.create(email_hash=email_hash("troll@example.org"))
    prove(proven_client, "troll@example.org")
    post(proven_client, story, email="troll+x@example.org")
    post(client_factory(), story, email="TROLL+y@example.org")
    assert set(Comment.objects.values_list("status", flat=True)) == {"spam"}


def test_a_proof_holds_for_every_spelling_of_the_address(client, story):
    prove(client, "jane.doe@gmail.com")
    post(client, story, email="JaneDoe+comments@gmail.com")
    assert Comment.objects.get().status == "pending"


@override_settings(EMAIL_REPEAT_FLOOR_SECONDS=60)
def test_one_confirmation_a_minute_per_inbox_however_it_is_spelt(
    client_factory, story, django_capture_on_commit_callbacks
):
    """Each spelling was a commenter of its own, with its own confirmation emails."""
    answers = set()
    for address in JANE:
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client_factory(), story, email=address)
        # The answer shows the comment itself: its id and time differ by design.
        answers.add((response.status_code, re.sub(rb"\d+", b"#", response.content)))
    assert len(mail.outbox) == 1
    # A refused email does not change the answer.
    assert len(answers) == 1 and answers.pop()[0] == 201


@override_settings(COMMENTS_RATE_PER_IP="100/h", COMMENTS_RATE_PER_EMAIL="1/h")
def test_the_rate_limit_per_address_counts_every_spelling(client, story):
    assert post(client, story, email="jane.doe@gmail.com").status_code == 201
    assert post(client, story, email="JaneDoe+x@gmail.com").status_code == 429


def test_erasing_one_spelling_erases_the_comments_of_all(client_factory, story):
    for address in JANE:
        post(client_factory(), story, email=address)
    assert erase_commenter("Jane.Doe+petition@gmail.com") == len(JANE)
    assert not Commenter.objects.exists()
    assert set(Comment.objects.values_list("name", flat=True)) == {"Removed"}


# The migration -----------------------------------------------------------------------------


def old_commenter(email, created, confirmed=None):
    """A commenter as the old rule stored it: keyed by HMAC(SECRET_KEY, lower-cased)."""
    return Commenter.objects.create(
        email=email,
        email_hash=migration.old_hash(email),
        created_at=created,
        confirmed_at=confirmed,
    )


def day(n):
    return datetime.datetime(2026, 1, n, tzinfo=datetime.UTC)


def test_the_migration_merges_commenters_the_new_rule_makes_one(story, news_index):
    first = old_commenter("JaneDoe+news@gmail.com", day(1))
    confirmed = old_commenter("jane.doe@gmail.com", day(3), confirmed=day(4))
    third = old_commenter("J.aneDoe@gmail.com ", day(5), confirmed=day(6))
    other = old_commenter("someone@example.org", day(2))
    comments = [CommentFactory(page=story, commenter=c) for c in (first, confirmed, third)]
    SubscriptionFactory(page=story, commenter=first, kind="replies")
    SubscriptionFactory(page=story, commenter=confirmed, kind="replies")
    SubscriptionFactory(page=story, commenter=third, kind="follow_ups")

    migration.one_identity(apps, None)

    jane = Commenter.objects.get(email_hash=email_hash("janedoe@gmail.com"))
    # The address kept is one its owner proved; the earliest creation and confirmation stay.
    assert (jane.pk, jane.email) == (confirmed.pk, "jane.doe@gmail.com")
    assert (jane.created_at, jane.confirmed_at) == (day(1), day(4))
    assert Commenter.objects.count() == 2
    assert {c.commenter_id for c in Comment.objects.filter(pk__in=[c.pk for c in comments])} == {
        jane.pk
    }
    kinds = sorted(Subscription.objects.filter(commenter=jane).values_list("kind", flat=True))
    assert kinds == ["follow_ups", "replies"]
    other.refresh_from_db()
    assert other.email_hash == email_hash("someone@example.org")


def test_the_migration_rekeys_bans_through_the_commenters(client, story):
    troll = old_commenter("Troll+Alt@Example.org", day(1), confirmed=day(1))
    Ban.objects.create(email_hash=troll.email_hash, note="Abusive")
    unknown = Ban.objects.create(email_hash="f" * 64)

    migration.one_identity(apps, None)

    assert Ban.objects.get(note="Abusive").email_hash == email_hash("troll@example.org")
    assert Ban.objects.get(pk=unknown.pk).email_hash == "f" * 64
    post(client, story, email="troll@example.org")
    assert Comment.objects.get().status == "spam"


def test_the_migration_leaves_commenters_without_an_address_alone(db):
    blank = Commenter.objects.create(email="", email_hash="e" * 64)
    migration.one_identity(apps, None)
    blank.refresh_from_db()
    assert blank.email_hash == "e" * 64


def test_the_migration_runs_once_more_without_change(story):
    old_commenter("a.b@gmail.com", day(1))
    old_commenter("ab@gmail.com", day(2))
    migration.one_identity(apps, None)
    before = list(Commenter.objects.values_list("pk", "email_hash", "created_at"))
    migration.one_identity(apps, None)
    assert list(Commenter.objects.values_list("pk", "email_hash", "created_at")) == before


def test_the_confirmation_topic_names_no_address(client, story, django_capture_on_commit_callbacks):
    from outbox.models import EmailDelivery

    with django_capture_on_commit_callbacks(execute=True):
        post(client, story)
    keys = " ".join(EmailDelivery.objects.values_list("key", flat=True))
    assert keys and not re.search(r"amira|example", keys)


@override_settings(EMAIL_REPEAT_FLOOR_SECONDS=60)
def test_signing_a_petition_does_not_hold_back_the_confirmation_of_a_comment(
    client, story, campaign, django_capture_on_commit_callbacks
):
    """The floor is per inbox and per kind of email: a supporter who signs and then comments
    within the minute still gets the link that confirms their comment."""
    petition = PetitionPageFactory(parent=campaign)
    signer = {"first_name": "Jane", "last_name": "D", "email": JANE[0], "country": "GB"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(petition.url + petition.reverse_subpage("sign"), {**signer, "website": ""})
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, story, email=JANE[1]).status_code == 201
    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 2 and "Confirm your comment" in subjects[1], subjects
