"""Confirmation links are core.signed_links tokens: links emailed before the move, when this
app wrapped `signing.dumps` in base64 by hand, still confirm; bad ones are refused with the
same codes and sentences on the page and in the API."""

import base64

import pytest
from django.core import signing

from campaign.confirmation_links import (
    CONFIRM_SALT,
    signature_confirmation_token,
    signature_from_token,
    signature_id_from_token,
)
from campaign.models import Signature
from core.refusals import Refusal
from core.signed_links import read_token
from tests.factories import PetitionPageFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def token_made_by_hand(signature):
    """A token exactly as campaign/links.py made them before core.signed_links."""
    signed = signing.dumps({"signature": signature.pk}, salt=CONFIRM_SALT)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def confirm_url(petition, token):
    return petition.url + petition.reverse_subpage("confirm", args=[token])


def test_a_link_emailed_before_the_move_still_confirms_on_the_page(client, petition):
    signature = SignatureFactory(petition=petition)
    token = token_made_by_hand(signature)
    assert client.get(confirm_url(petition, token)).status_code == 200
    assert client.post(confirm_url(petition, token)).status_code == 200
    signature.refresh_from_db()
    assert signature.status == Signature.Status.CONFIRMED


def test_a_link_emailed_before_the_move_still_confirms_through_the_api(client, petition):
    signature = SignatureFactory(petition=petition)
    response = client.post(
        "/api/campaign/signatures/confirm/",
        {"token": token_made_by_hand(signature)},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "confirmed"


def test_new_tokens_have_the_same_shape_and_salt(petition):
    signature = SignatureFactory(petition=petition)
    token = signature_confirmation_token(signature)
    assert "=" not in token and ":" not in token
    assert read_token(CONFIRM_SALT, token, max_age=60) == {"signature": signature.pk}
    assert signature_id_from_token(token) == signature.pk


def refusal(call):
    with pytest.raises(Refusal) as raised:
        call()
    return raised.value.status, raised.value.code, raised.value.message


def test_bad_links_are_refusals_with_the_codes_and_sentences_people_see(
    petition, campaign, settings
):
    signature = SignatureFactory(petition=petition)
    token = signature_confirmation_token(signature)
    assert refusal(lambda: signature_id_from_token(token[:-4])) == (
        400,
        "link_invalid",
        "This confirmation link is not valid. Please check the email.",
    )
    other = SignatureFactory(petition=PetitionPageFactory(parent=campaign))
    assert refusal(lambda: signature_from_token(signature_confirmation_token(other), petition)) == (
        400,
        "link_invalid",
        "This confirmation link is not valid.",
    )
    settings.PETITION_CONFIRM_MAX_AGE = -1
    assert refusal(lambda: signature_id_from_token(token)) == (
        400,
        "link_expired",
        "This confirmation link has expired. Please sign again.",
    )
