"""The petitions JSON API: stable error codes, the same answer for new and repeat signers."""

import re

import pytest
from django.core import mail
from django.test import override_settings

from campaign import counting
from campaign.models import Signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def payload():
    return {
        "first_name": "Nadia",
        "last_name": "Haddad",
        "email": "nadia@example.org",
        "country": "gb",
    }


def sign(client, petition, data, **extra):
    return client.post(
        f"/api/campaign/petitions/{petition.pk}/signatures/",
        data,
        content_type="application/json",
        **extra,
    )


def token_from(message):
    return re.search(r"/confirm/([\w-]+)/", message.body).group(1)


def test_detail_and_cacheable_count(client, petition):
    detail = client.get(f"/api/campaign/petitions/{petition.pk}/").json()
    assert detail["addressed_to"] == "The Home Secretary" and detail["count"] == 0
    response = client.get(f"/api/campaign/petitions/{petition.pk}/count/")
    assert response.json() == {
        "count": 0,
        "goal": 100,
        "progress_percent": 0,
        "recent_signers": [],
    }
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=10" in control and "max-age=0" in control


def test_sign_then_confirm(client, petition, payload):
    response = sign(client, petition, payload)
    assert response.status_code == 202 and response.json()["status"] == "check_email"
    confirmed = client.post(
        "/api/campaign/signatures/confirm/",
        {"token": token_from(mail.outbox[0])},
        content_type="application/json",
    )
    assert confirmed.json() == {"status": "confirmed", "count": 1}
    again = client.post(
        "/api/campaign/signatures/confirm/",
        {"token": token_from(mail.outbox[0])},
        content_type="application/json",
    )
    assert again.json() == {"status": "already_confirmed", "count": 1}


@override_settings(PETITION_SIGN_RATES=[])
def test_repeat_signer_gets_the_same_answer(client, petition, payload):
    first = sign(client, petition, payload)
    second = sign(client, petition, {**payload, "email": "NADIA@example.org"})
    assert first.status_code == second.status_code == 202
    assert first.json() == second.json()
    assert Signature.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"email": "nope"}, 422, "invalid"),
        ({"country": "XX"}, 422, "invalid"),
        ({"first_name": ""}, 422, "invalid"),
        ({"website": "http://bot.example"}, 400, "suspected_bot"),
    ],
)
def test_refusals_have_stable_codes(client, petition, payload, change, status, code):
    response = sign(client, petition, {**payload, **change})
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert not Signature.objects.exists()


def test_missing_fields_and_wrong_types_are_422_not_500(client, petition):
    assert sign(client, petition, {"first_name": "x"}).status_code == 422
    assert sign(client, petition, {"opt_in": "maybe", "first_name": [1]}).status_code == 422
    broken = client.post(
        f"/api/campaign/petitions/{petition.pk}/signatures/",
        "{not json",
        content_type="application/json",
    )
    assert 400 <= broken.status_code < 500


def test_closed_and_rate_limited(client, petition, payload):
    for n in range(10):  # the default limit: 10 in 5 minutes per connection and petition
        assert sign(client, petition, {**payload, "email": f"{n}@example.org"}).status_code == 202
    limited = sign(client, petition, {**payload, "email": "b@example.org"})
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited"
    petition.accepting_signatures = False
    petition.save_revision().publish()
    closed = sign(
        client, petition, {**payload, "email": "c@example.org"}, REMOTE_ADDR="198.51.100.2"
    )
    assert closed.status_code == 409 and closed.json()["error"]["code"] == "petition_closed"


def test_bad_tokens(client, petition):
    for token in ("", "garbage", "ZXlK"):
        response = client.post(
            "/api/campaign/signatures/confirm/", {"token": token}, content_type="application/json"
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "link_invalid"


def test_unknown_or_draft_petition_is_404(client, campaign):
    from tests.factories import PetitionPageFactory

    draft = PetitionPageFactory(parent=campaign, live=False)
    assert client.get(f"/api/campaign/petitions/{draft.pk}/").status_code == 404
    assert client.get("/api/campaign/petitions/999999/count/").status_code == 404


def test_count_reflects_confirmations(client, petition):
    from tests.factories import SignatureFactory

    for _ in range(3):
        counting.confirm_signature(SignatureFactory(petition=petition).pk)
    SignatureFactory(petition=petition)  # pending
    assert client.get(f"/api/campaign/petitions/{petition.pk}/count/").json()["count"] == 3


def test_a_petition_no_site_serves_is_404_not_500(client, db):
    from wagtail.models import Page

    from tests.conftest import ensure_wagtail_roots
    from tests.factories import HomePageFactory, PetitionPageFactory

    orphan_home = HomePageFactory(parent=ensure_wagtail_roots())  # no Site points here
    petition = PetitionPageFactory(parent=orphan_home)
    assert Page.objects.filter(pk=petition.pk, live=True).exists()
    body = {"first_name": "A", "last_name": "B", "email": "a@example.org", "country": "GB"}
    response = sign(client, petition, body)
    assert response.status_code == 404
    assert client.get(f"/api/campaign/petitions/{petition.pk}/").status_code == 404
