"""Whose is a comment: only its address's owner can make it theirs, and the answer to a post
never tells anyone who owns, or has banned, an address."""

import base64
import re

import pytest
from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments import proof
from comments.email_links import CONFIRM_SALT, UNSUBSCRIBE_SALT, comment_confirmation_token
from comments.models import Ban, Comment, Subscription
from core.identity import email_hash
from core.signed_links import make_token
from tests.comments.conftest import form_data, prove
from tests.factories import CommenterFactory, CommentFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

VICTIM = "rosa@example.org"
# What differs by design between two posts' SQL: quoted values, numbers, savepoint names.
LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b|\"s\d+_x\d+\"")


def post(client, story, **overrides):
    return client.post(f"/comments/post/{story.pk}/", form_data(**overrides))


def post_json(client, story, **overrides):
    data = form_data(**overrides)
    data.pop("website")
    return client.post(f"/api/comments/pages/{story.pk}/", data, content_type="application/json")


def confirm_url(message):
    return re.search(r"http://\S+/comments/confirm/\S+/", message.body).group(0)


@pytest.fixture
def addresses(story):
    """One address of each kind a stranger might type."""
    CommenterFactory(email="known@example.org", confirmed_at=None)
    confirmed = CommenterFactory(email="confirmed@example.org")
    CommentFactory(page=story, commenter=confirmed)
    banned = CommenterFactory(email="banned@example.org")
    Ban.objects.create(email_hash=banned.email_hash, note="Abusive")
    return ["new@example.org", "known@example.org", "confirmed@example.org", "banned@example.org"]


def test_the_form_answers_the_same_for_new_known_confirmed_and_banned_addresses(
    client, story, addresses, django_capture_on_commit_callbacks
):
    """A confirmed address's comment was answered "pending", a banned one's 403 "banned"."""
    answers = set()
    for address in addresses:
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, story, email=address)
        # The answer shows the comment itself: its id and time differ by design.
        answers.add((response.status_code, re.sub(rb"\d+", b"#", response.content)))
    assert len(answers) == 1
    status, content = answers.pop()
    assert status == 201 and b"emailed you a link" in content
    assert b"Awaiting moderation" in content
    # Everyone but the banned address is emailed; the banned one's comment is kept as spam.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(addresses[:3])
    posted = Comment.objects.exclude(status="approved").order_by("pk")
    assert [c.status for c in posted] == ["unconfirmed"] * 3 + ["spam"]


def test_the_api_answers_the_same_for_new_known_confirmed_and_banned_addresses(
    client, story, addresses
):
    answers = []
    for address in addresses:
        response = post_json(client, story, email=address)
        body = response.json()
        body.pop("id")
        answers.append((response.status_code, body))
    assert all(answer == answers[0] for answer in answers)
    assert answers[0][0] == 201 and answers[0][1]["status"] == "unconfirmed"


def test_the_same_queries_whoever_owns_the_address(client, story, addresses):
    """The time an answer takes must not tell either: the same statements run for each."""
    post(client, story, email="warm-up@example.org")  # settings and site lookups, cached
    shapes = []
    for address in addresses:
        with CaptureQueriesContext(connection) as queries:
            post(client, story, email=address)
        shapes.append([LITERALS.sub("?", query["sql"]) for query in queries.captured_queries])
    assert all(shape == shapes[0] for shape in shapes)


def test_someone_elses_address_does_not_make_a_comment_theirs(
    client, story, moderator, django_capture_on_commit_callbacks
):
    """Posting with a confirmed commenter's address attached the comment to them: queued as
    theirs, subscribing them, emailing them the outcome, open to a ban on their address."""
    victim = CommenterFactory(email=VICTIM)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, story, email=VICTIM, name="Rosa", notify=["replies", "follow_ups"],
            body="Words the real Rosa never wrote, posted under her address.",
        )  # fmt: skip
    assert response.status_code == 201
    comment = Comment.objects.get()
    assert (comment.status, comment.proven_at) == ("unconfirmed", None)
    assert not Subscription.objects.filter(commenter=victim).exists()
    # Rosa is asked, with the words quoted, and can ignore it.
    (asked,) = mail.outbox
    assert asked.to == [VICTIM] and "Words the real Rosa never wrote" in asked.body

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/comments/moderate/{comment.pk}/",
            {"action": "reject", "reject-reason": "profanity"},
        )
        banned = client.post(
            f"/admin/comments/moderate/{comment.pk}/",
            {"action": "ban", "ban-reason": "", "ban-until": ""},
        )
    assert banned.status_code == 302
    assert not Ban.objects.exists()
    assert len(mail.outbox) == 1  # no outcome email to Rosa about a comment not hers
    page = client.get(f"/admin/comments/moderate/{comment.pk}/").content.decode()
    assert "Address not proven for this comment" in page
    assert 'value="ban"' not in page


def test_bulk_ban_passes_over_comments_whose_address_is_not_proven(client, story, moderator):
    unproven = CommentFactory(page=story, status="pending", proven_at=None)
    proven = CommentFactory(page=story, status="pending")
    client.force_login(moderator)
    ids = f"id={unproven.pk}&id={proven.pk}"
    client.post(f"/admin/bulk/comments/comment/ban/?{ids}", {"reason": "", "until": ""})
    assert list(Ban.objects.values_list("email_hash", flat=True)) == [proven.commenter.email_hash]


def test_replies_to_a_comment_not_proven_do_not_email_the_address(
    client, story, moderator, django_capture_on_commit_callbacks
):
    owner = CommenterFactory(email=VICTIM)
    SubscriptionFactory(page=story, commenter=owner, kind="replies")
    unproven = CommentFactory(page=story, commenter=owner, proven_at=None)
    proven = CommentFactory(page=story, commenter=owner)
    client.force_login(moderator)
    for parent in (unproven, proven):
        reply = CommentFactory(parent=parent, status="pending", body=f"Reply to {parent.pk}")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/admin/comments/moderate/{reply.pk}/", {"action": "approve"})
    to_owner = [m.body for m in mail.outbox if m.to == [VICTIM]]
    assert len(to_owner) == 1 and f"Reply to {proven.pk}" in to_owner[0]


def test_confirming_one_comment_confirms_no_other(
    client_factory, story, django_capture_on_commit_callbacks
):
    """A link confirmed every waiting comment of the address, the impersonator's too."""
    stranger, owner = client_factory(), client_factory()
    with django_capture_on_commit_callbacks(execute=True):
        post(stranger, story, email=VICTIM, body="The stranger's comment, in Rosa's name.")
        post(owner, story, email=VICTIM, body="Rosa's own comment, which she confirms.")
    theirs, hers = Comment.objects.order_by("pk")
    owner.post(confirm_url(next(m for m in mail.outbox if "Rosa's own" in m.body)))
    theirs.refresh_from_db()
    hers.refresh_from_db()
    assert (theirs.status, hers.status) == ("unconfirmed", "pending")


def test_another_browser_with_a_proven_address_still_gets_the_unconfirmed_answer(
    client_factory, story, django_capture_on_commit_callbacks
):
    proven = prove(client_factory(), VICTIM)
    assert post(proven, story, email=VICTIM).status_code == 201
    assert Comment.objects.get().status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client_factory(), story, email=VICTIM)
    assert "emailed you a link" in response.content.decode()
    assert Comment.objects.latest("pk").status == "unconfirmed"


def test_a_forged_altered_or_expired_proof_proves_nothing(client, story, monkeypatch):
    forged = signing.TimestampSigner(key="not-our-key", salt=proof.SALT).sign(email_hash(VICTIM))
    wrong_salt = signing.TimestampSigner(salt="comments.unsubscribe").sign(email_hash(VICTIM))
    other = signing.TimestampSigner(salt=proof.SALT).sign(email_hash("me@example.org"))
    unsigned = email_hash(VICTIM)
    for cookie in (forged, wrong_salt, other, unsigned, other[:-2], "..", "é"):
        client.cookies[proof.COOKIE] = cookie
        assert post(client, story, email=VICTIM).status_code == 201
        assert Comment.objects.latest("pk").status == "unconfirmed", cookie
    prove(client, VICTIM)
    monkeypatch.setattr(proof, "MAX_AGE", -1)
    post(client, story, email=VICTIM)
    assert Comment.objects.latest("pk").status == "unconfirmed"


def test_a_browser_can_hold_proof_of_a_few_addresses(client, story):
    prove(prove(client, "first@example.org"), "second@example.org")
    for address in ("first@example.org", "second@example.org"):
        post(client, story, email=address)
        assert Comment.objects.latest("pk").status == "pending", address


def test_the_proof_cookie_is_secure_where_sessions_are(
    client, story, settings, django_capture_on_commit_callbacks
):
    settings.SESSION_COOKIE_SECURE = True
    with django_capture_on_commit_callbacks(execute=True):
        post(client, story)
    cookie = client.post(confirm_url(mail.outbox[-1])).cookies[proof.COOKIE]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_confirming_after_a_ban_keeps_the_comment_out_of_the_queue_without_a_word(
    client, story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, story, email=VICTIM)
    Ban.objects.create(email_hash=email_hash(VICTIM))  # from the Bans screen meanwhile
    page = client.post(confirm_url(mail.outbox[-1]))
    assert page.status_code == 200 and "your comment is confirmed" in page.content.decode()
    assert Comment.objects.get().status == "spam"


def test_links_that_confirmed_a_whole_commenter_confirm_nothing(client, story):
    commenter = CommenterFactory(email=VICTIM, confirmed_at=None)
    comment = CommentFactory(page=story, commenter=commenter, status="unconfirmed")
    old = signing.TimestampSigner(salt="comments.confirm-email").sign(
        f"{commenter.pk}:{commenter.email_hash[:16]}"
    )
    assert client.post(f"/comments/confirm/{old}/").status_code == 400
    comment.refresh_from_db()
    assert comment.status == "unconfirmed"


def wrap(signed):
    """Signed text in the URL-safe wrapping of core.signed_links tokens."""
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def test_forged_altered_or_expired_confirm_links_are_400_and_confirm_nothing(
    client, story, monkeypatch
):
    comment = CommentFactory(page=story, status="unconfirmed", proven_at=None)
    other = CommentFactory(page=story, status="unconfirmed", proven_at=None)
    token = comment_confirmation_token(comment)
    value = f"{comment.pk}:{comment.commenter.email_hash[:16]}"
    signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    other_value = f"{other.pk}:{comment.commenter.email_hash[:16]}"
    other_payload = signing.dumps(other_value, salt=CONFIRM_SALT).partition(":")[0]
    old_format = signing.TimestampSigner(salt=CONFIRM_SALT).sign(value)
    bad = [
        # As links are made now.
        wrap(signing.dumps(value, salt=CONFIRM_SALT, key="not-our-key")),
        # Another comment's id under this token's timestamp and signature.
        wrap(f"{other_payload}:{signed.partition(':')[2]}"),
        make_token(CONFIRM_SALT, f"{other.pk}:{'0' * 16}"),
        make_token(CONFIRM_SALT, f"²:{comment.commenter.email_hash[:16]}"),
        make_token(CONFIRM_SALT, ""),
        make_token(CONFIRM_SALT, [comment.pk, comment.commenter.email_hash[:16]]),
        make_token(UNSUBSCRIBE_SALT, value),
        token[:-3],
        # As links in emails sent before December 2026 were made.
        signing.TimestampSigner(key="not-our-key", salt=CONFIRM_SALT).sign(value),
        f"{other.pk}:{old_format.partition(':')[2]}",
        signing.TimestampSigner(salt=CONFIRM_SALT).sign(f"{other.pk}:{'0' * 16}"),
        signing.TimestampSigner(salt=CONFIRM_SALT).sign(f"²:{comment.commenter.email_hash[:16]}"),
        signing.TimestampSigner(salt=CONFIRM_SALT).sign(""),
        old_format[:-3],
        ":::",
    ]
    for link in bad:
        for response in (
            client.get(f"/comments/confirm/{link}/"),
            client.post(f"/comments/confirm/{link}/"),
        ):
            assert response.status_code == 400, link
            assert proof.COOKIE not in response.cookies
    monkeypatch.setattr("comments.email_links.CONFIRM_MAX_AGE", -1)
    for expired in (token, old_format):
        assert client.post(f"/comments/confirm/{expired}/").status_code == 400
    assert set(Comment.objects.values_list("status", flat=True)) == {"unconfirmed"}
