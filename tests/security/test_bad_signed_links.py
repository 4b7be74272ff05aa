"""Forged, tampered, truncated, wrong-salt and expired signed links, for confirming a signature,
confirming a comment or unsubscribing: a 400 (a page, or a JSON error), and nothing confirmed
or removed."""

import base64

import pytest
from django.core import signing

from campaign.confirmation_links import CONFIRM_SALT, signature_confirmation_token
from campaign.models import Signature
from comments.email_links import comment_confirmation_token, unsubscribe_token
from comments.models import Comment, Commenter, Subscription
from tests.factories import (
    CommenterFactory,
    CommentFactory,
    PetitionPageFactory,
    SignatureFactory,
    SubscriptionFactory,
)
from tests.security.bad_input import assert_json_error

pytestmark = pytest.mark.django_db

# Never signed by this site's key.
FOREIGN_KEY = "someone-else's-key"  # noqa: S105


# Signed links: petitions ------------------------------------------------------------------------


def wrap(value):
    return base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")


def petition_links(petition):
    """A forged, a tampered, a foreign and an expired confirmation token, and nonsense."""
    signature = SignatureFactory(petition=petition)
    real = signature_confirmation_token(signature)
    signed = base64.urlsafe_b64decode(real + "=" * (-len(real) % 4)).decode()
    other = SignatureFactory(petition=petition)
    # Someone else's id with this signature's signature.
    payload, rest = signed.split(":", 1)
    tampered = wrap(signing.dumps({"signature": other.pk}, salt=CONFIRM_SALT)[:-3] + rest[-3:])
    forged = wrap(signing.dumps({"signature": other.pk}, salt=CONFIRM_SALT, key=FOREIGN_KEY))
    wrong_salt = wrap(signing.dumps({"signature": other.pk}, salt="comments.confirm-email"))
    return signature, {
        "forged": forged,
        "tampered": tampered,
        "wrong_salt": wrong_salt,
        "truncated": real[:-4],
        "not_base64": "not-base64-at-all",
        "not_utf8": base64.urlsafe_b64encode(b"\xff\xfe:abc").decode(),
        "no_id": wrap(signing.dumps({"nobody": 1}, salt=CONFIRM_SALT)),
        "id_not_int": wrap(signing.dumps({"signature": "x" * 40}, salt=CONFIRM_SALT)),
        "list": wrap(signing.dumps([1, 2], salt=CONFIRM_SALT)),
    }


def test_bad_petition_links_are_400_pages_and_confirm_nothing(client, petition):
    signature, links = petition_links(petition)
    for name, token in links.items():
        url = petition.url + petition.reverse_subpage("confirm", args=[token])
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 400, name
            assert b"not valid" in response.content, name
    assert not Signature.objects.filter(status="confirmed").exists()


def test_bad_petition_links_are_400_json_and_confirm_nothing(client, petition):
    signature, links = petition_links(petition)
    links["not_base64"] = "!!!not-base64!!!"
    for token in links.values():
        response = client.post(
            "/api/campaign/signatures/confirm/", {"token": token}, content_type="application/json"
        )
        assert_json_error(response, 400, "link_invalid")
    assert not Signature.objects.filter(status="confirmed").exists()


def test_an_expired_petition_link_says_so_and_confirms_nothing(client, petition, settings):
    signature = SignatureFactory(petition=petition)
    token = signature_confirmation_token(signature)
    settings.PETITION_CONFIRM_MAX_AGE = -1  # every link is older than that
    url = petition.url + petition.reverse_subpage("confirm", args=[token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert b"expired" in response.content
    response = client.post(
        "/api/campaign/signatures/confirm/", {"token": token}, content_type="application/json"
    )
    assert_json_error(response, 400, "link_expired")
    signature.refresh_from_db()
    assert signature.status == "pending"


def test_a_link_for_another_petition_confirms_nothing(client, petition, campaign):
    other = PetitionPageFactory(parent=campaign)
    signature = SignatureFactory(petition=other)
    url = petition.url + petition.reverse_subpage(
        "confirm", args=[signature_confirmation_token(signature)]
    )
    assert client.post(url).status_code == 400
    signature.refresh_from_db()
    assert signature.status == "pending"


# Signed links: comments -------------------------------------------------------------------------


def comment_links(token, salt):
    """Forged, tampered, truncated and nonsense tokens, both as links are made now (wrapped
    core.signed_links tokens) and as emails sent before December 2026 carried them."""
    signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    value = signing.loads(signed, salt=salt)
    old = signing.TimestampSigner(salt=salt).sign(value)
    number, _, rest = old.partition(":")
    # Another row's id with this token's timestamp and signature.
    other_payload = signing.dumps(str(int(number) + 1), salt=salt).partition(":")[0]
    return {
        "forged": wrap(signing.dumps(value, salt=salt, key=FOREIGN_KEY)),
        "tampered": wrap(other_payload + ":" + signed.partition(":")[2]),
        "truncated": token[:-3],
        "not_base64": "not-base64-at-all",
        "not_utf8": base64.urlsafe_b64encode(b"\xff\xfe:abc").decode(),
        "empty_value": wrap(signing.dumps("", salt=salt)),
        "not_a_number": wrap(signing.dumps("x" * 30, salt=salt)),
        "list": wrap(signing.dumps([1, 2], salt=salt)),
        "old_forged": signing.TimestampSigner(key=FOREIGN_KEY, salt=salt).sign(number),
        "old_tampered": str(int(number) + 1) + ":" + rest,
        "old_truncated": old[:-3],
        "old_empty_value": signing.TimestampSigner(salt=salt).sign(""),
        "old_not_a_number": signing.TimestampSigner(salt=salt).sign("x" * 30),
        "unicode": "ünïcødé:" + rest,
        "colons": ":::",
    }


def unconfirmed_comment(story):
    commenter = CommenterFactory(confirmed_at=None)
    return CommentFactory(page=story, commenter=commenter, status="unconfirmed", proven_at=None)


def test_bad_comment_confirm_links_are_400_pages_and_confirm_nothing(client, story):
    comment = unconfirmed_comment(story)
    commenter, other = comment.commenter, unconfirmed_comment(story).commenter
    links = comment_links(comment_confirmation_token(comment), "comments.confirm-comment")
    links["unsubscribe_token_reused"] = unsubscribe_token(SubscriptionFactory(page=story))
    for name, token in links.items():
        for response in (
            client.get(f"/comments/confirm/{token}/"),
            client.post(f"/comments/confirm/{token}/"),
        ):
            assert response.status_code == 400, name
            assert b"This link does not work" in response.content
    assert not Commenter.objects.filter(pk__in=[commenter.pk, other.pk], confirmed_at__isnull=False)
    assert set(Comment.objects.values_list("status", flat=True)) == {"unconfirmed"}


def test_an_expired_comment_confirm_link_confirms_nothing(client, story, monkeypatch):
    comment = unconfirmed_comment(story)
    token = comment_confirmation_token(comment)
    monkeypatch.setattr("comments.email_links.CONFIRM_MAX_AGE", -1)
    assert client.post(f"/comments/confirm/{token}/").status_code == 400
    comment.commenter.refresh_from_db()
    assert comment.commenter.confirmed_at is None


def test_bad_unsubscribe_links_are_400_and_remove_nothing(client, story):
    subscription = SubscriptionFactory(page=story)
    SubscriptionFactory(page=story)
    links = comment_links(unsubscribe_token(subscription), "comments.unsubscribe")
    for name, token in links.items():
        for response in (
            client.get(f"/comments/unsubscribe/{token}/"),
            client.post(f"/comments/unsubscribe/{token}/"),
        ):
            assert response.status_code == 400, name
            assert b"This link does not work" in response.content
        response = client.delete(f"/api/comments/subscriptions/{token}/")
        assert response.status_code in (404, 422), name
        assert "error" in response.json()
    assert Subscription.objects.count() == 2


def test_an_expired_unsubscribe_link_removes_nothing(client, story, monkeypatch):
    subscription = SubscriptionFactory(page=story)
    token = unsubscribe_token(subscription)
    monkeypatch.setattr("comments.email_links.UNSUBSCRIBE_MAX_AGE", -1)
    assert client.post(f"/comments/unsubscribe/{token}/").status_code == 400
    assert client.delete(f"/api/comments/subscriptions/{token}/").status_code == 404
    assert Subscription.objects.filter(pk=subscription.pk).exists()
