"""Posting through the HTML form: confirmation, refusals with clear messages, nothing lost."""

import re

import pytest
from django.core import mail
from django.test import override_settings

from comments import proof
from comments.models import Ban, Comment, Commenter, Subscription
from core.identity import email_hash
from tests.comments.conftest import form_data, prove
from tests.factories import CommenterFactory, CommentFactory

pytestmark = pytest.mark.django_db


def post(client, story, **overrides):
    return client.post(f"/comments/post/{story.pk}/", form_data(**overrides))


def confirm_url(message):
    return re.search(r"http://\S+/comments/confirm/\S+/", message.body).group(0)


def test_guest_confirms_their_comment_by_its_link_and_that_browser_is_then_proven(
    client, story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, story)
    assert response.status_code == 201
    assert "emailed you a link" in response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.UNCONFIRMED
    assert len(mail.outbox) == 1
    assert comment.body[:40] in mail.outbox[0].body  # what they are asked to confirm
    url = confirm_url(mail.outbox[0])

    # Opening the link changes nothing: a mail scanner may follow it.
    page = client.get(url)
    assert page.status_code == 200
    assert "Yes, I wrote this comment" in page.content.decode()
    assert comment.body[:40] in page.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.UNCONFIRMED
    assert proof.COOKIE not in page.cookies

    confirmed = client.post(url)
    assert confirmed.status_code == 200
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING and comment.proven_at
    assert Commenter.objects.get().is_confirmed
    cookie = confirmed.cookies[proof.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert 0 < cookie["max-age"] <= 366 * 24 * 3600

    # Next time from this browser, straight to the queue and no second email.
    with django_capture_on_commit_callbacks(execute=True):
        again = post(client, story, body="The inspectorate found no evidence that sharing helped.")
    assert again.status_code == 201
    assert "once a moderator has read it" in again.content.decode()
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING
    assert len(mail.outbox) == 1


def test_a_forged_or_mangled_confirmation_link_is_a_clear_400(client):
    response = client.get("/comments/confirm/1:abc:forged/")
    assert response.status_code == 400
    assert "does not work" in response.content.decode()


def test_from_a_proven_browser_a_comment_goes_straight_to_the_queue(proven_client, story):
    response = post(proven_client, story, email=" Amira@Example.org")
    assert response.status_code == 201
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.proven_at
    assert not mail.outbox


def test_email_is_stored_only_as_a_private_field_and_never_shown(client, story):
    post(client, story)
    comment = Comment.objects.get()
    assert comment.commenter.email_hash == email_hash("AMIRA@example.org ")
    Comment.objects.update(status=Comment.Status.APPROVED)
    html = client.get(story.url).content.decode()
    assert "Amira" in html
    assert "amira@example.org" not in html


@pytest.mark.parametrize("proven", [False, True])
def test_screen_decision_score_and_flags_are_stored(client, story, proven):
    if proven:
        prove(client, "amira@example.org")
    response = post(client, story, body="You are a fucking idiot.")
    assert response.status_code == 422
    assert "breaks our comment policy" in response.content.decode()
    # The text comes back so nothing is lost.
    assert "You are a fucking idiot." in response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.REJECTED
    assert comment.decision == "reject"
    assert comment.flagged and ",profanity," in comment.rules
    assert comment.flags[0]["words"] and comment.flags[0]["reason"]


def test_civil_writing_about_abuse_is_not_held(client, story):
    post(
        client,
        story,
        body="As a rape survivor I was afraid the police would tell the Home Office about me. "
        "Sex trafficking and modern slavery thrive on that fear.",
    )
    comment = Comment.objects.get()
    assert comment.decision == "pass"
    assert not comment.flagged


def test_invalid_form_keeps_everything_and_says_what_to_fix(client, story):
    response = post(client, story, email="not-an-email", body="Long enough text here.")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please correct the fields" in html
    assert "Long enough text here." in html
    assert not Comment.objects.exists()


def test_too_long_comment_is_refused_with_the_limit(client, story, options):
    options.max_length = 100
    options.save()
    response = post(client, story, body="word " * 40)
    assert response.status_code == 400
    assert "100" in response.content.decode()
    assert not Comment.objects.exists()


def test_honeypot_is_refused_clearly(client, story):
    response = post(client, story, website="http://spam.example")
    assert response.status_code == 400
    assert "Leave this empty" in response.content.decode()
    assert not Comment.objects.exists()


@override_settings(COMMENTS_RATE_PER_IP="2/h", COMMENTS_RATE_PER_EMAIL="100/h")
def test_rate_limit_per_address(client, story):
    for n in range(2):
        assert post(client, story, email=f"p{n}@example.org").status_code == 201
    response = post(client, story, email="p9@example.org")
    assert response.status_code == 429
    assert "wait a while" in response.content.decode()
    assert Comment.objects.count() == 2


@override_settings(COMMENTS_RATE_PER_IP="100/h", COMMENTS_RATE_PER_EMAIL="1/h")
def test_rate_limit_per_email(client, story):
    assert post(client, story).status_code == 201
    assert post(client, story, email=" AMIRA@example.org").status_code == 429


def test_a_banned_address_is_quietly_never_published_until_the_ban_ends(
    proven_client, story, django_capture_on_commit_callbacks
):
    """It was a 403 "banned". Now the answer is the one anybody gets, and the comment is kept
    as spam for the moderators, out of the queue, with nothing emailed."""
    Ban.objects.create(email_hash=email_hash("amira@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        response = post(proven_client, story, email="Amira+again@example.org")
    assert response.status_code == 201
    assert "once a moderator has read it" in response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM and "banned" in comment.moderator_note
    assert not mail.outbox
    Ban.objects.update(until="2000-01-01T00:00:00Z")
    assert post(proven_client, story).status_code == 201
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


def test_replies_thread_under_their_parent_up_to_the_depth_limit(client, story, options):
    options.max_depth = 2
    options.save()
    top = CommentFactory(page=story)
    assert post(client, story, parent=top.pk).status_code == 201
    reply = Comment.objects.latest("pk")
    assert (reply.parent, reply.thread_id, reply.depth) == (top, top.pk, 2)
    reply.status = Comment.Status.APPROVED
    reply.save()
    # A reply to a reply would be depth 3: refused, with a reason.
    response = post(client, story, parent=reply.pk)
    assert response.status_code == 400
    assert "cannot go deeper" in response.content.decode()
    assert client.get(f"/comments/reply/{reply.pk}/").status_code == 404
    assert client.get(f"/comments/reply/{top.pk}/").status_code == 200


def test_cannot_reply_to_an_unpublished_comment(client, story):
    hidden = CommentFactory(page=story, status="pending")
    assert post(client, story, parent=hidden.pk).status_code == 404


def test_notify_choices_become_subscriptions_once_the_comment_is_confirmed(
    client, story, django_capture_on_commit_callbacks
):
    """They were made at once, for whoever typed the address."""
    with django_capture_on_commit_callbacks(execute=True):
        post(client, story, notify=["follow_ups", "replies"])
    assert not Subscription.objects.exists()
    client.post(confirm_url(mail.outbox[-1]))
    assert set(Subscription.objects.values_list("kind", flat=True)) == {"follow_ups", "replies"}


def test_notify_choices_from_a_proven_browser_take_effect_at_once(proven_client, story):
    post(proven_client, story, notify=["replies"])
    assert list(Subscription.objects.values_list("kind", flat=True)) == ["replies"]


def test_pages_that_do_not_opt_in_take_no_comments(client, home):
    assert client.post(f"/comments/post/{home.pk}/", form_data()).status_code == 404


def test_trusted_commenters_can_skip_the_queue_when_the_site_allows(proven_client, story, options):
    options.auto_publish_after = 2
    options.save()
    commenter = CommenterFactory(email="amira@example.org")
    CommentFactory.create_batch(2, page=story, commenter=commenter)
    post(proven_client, story)
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
    # ... but never a comment the screen holds.
    post(proven_client, story, body="Send them back, the lot of them.")
    assert Comment.objects.latest("pk").status != Comment.Status.APPROVED


def test_the_fast_lane_is_only_for_a_browser_that_proved_the_address(
    client, story, options, django_capture_on_commit_callbacks
):
    """Anyone who typed a trusted commenter's address was published at once under it."""
    options.auto_publish_after = 2
    options.save()
    commenter = CommenterFactory(email="amira@example.org")
    CommentFactory.create_batch(2, page=story, commenter=commenter)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, story, body="Impersonating a trusted commenter, published at once.")
    assert response.status_code == 201
    assert "emailed you a link" in response.content.decode()
    assert Comment.objects.latest("pk").status == Comment.Status.UNCONFIRMED
    # Even once its owner confirms it, a comment from elsewhere waits for a moderator.
    client.post(confirm_url(mail.outbox[-1]))
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


@pytest.mark.parametrize("parent", ["abc", "-1", "9" * 30, "1.5", "²", "١٢", "1_0", " 1"])
def test_a_tampered_reply_parent_is_refused_clearly_not_an_error(client, story, parent):
    """It was a 500 for non-digits, and still for "²" (str.isdigit() accepts it, int() does
    not); now the form is shown again with what was typed (400 for a malformed id, 404 for
    one that names no published comment)."""
    response = post(client, story, parent=parent, body="A reply with a broken parent field.")
    assert response.status_code in (400, 404)
    assert "A reply with a broken parent field." in response.content.decode()
    assert not Comment.objects.exists()
