"""Signing through the HTML form: pending until confirmed by email, and nothing revealed."""

import re

import pytest
from django.core import mail
from django.test import override_settings

from campaign import counting
from campaign.models import BlockedEmailDomain, Signature
from core.identity import email_hash

pytestmark = pytest.mark.django_db


def sign_url(petition):
    return petition.url + petition.reverse_subpage("sign")


def link_in(message):
    return re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)


def test_signing_stores_a_pending_signature_and_emails_a_link(client, petition, sign_data):
    response = client.post(sign_url(petition), sign_data)
    assert response.status_code == 302
    assert response["Location"].endswith("/check-your-email/")
    signature = Signature.objects.get()
    assert signature.status == Signature.Status.PENDING
    assert signature.email_hash == email_hash("amara@example.org")
    assert "amara@example.org" not in str(Signature.objects.values().get())  # no second copy
    assert signature.postcode == "E1 6AN"
    assert signature.opt_in and signature.consent_version == petition.consent_version
    assert len(signature.ip_hash) == 64 and "127.0.0.1" not in signature.ip_hash
    assert counting.confirmed_count(petition.pk) == 0  # pending does not count
    assert len(mail.outbox) == 1 and "confirm" in mail.outbox[0].subject.lower()
    assert mail.outbox[0].to == ["Amara+petition@Example.org"]


def test_link_opens_a_button_and_only_the_post_confirms(client, petition, sign_data):
    client.post(sign_url(petition), sign_data)
    link = link_in(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200 and "Confirm my signature" in page.content.decode()
    assert Signature.objects.get().status == Signature.Status.PENDING  # a GET confirms nothing
    thanks = client.post(link)
    assert thanks.status_code == 200
    html = thanks.content.decode()
    assert "Thank you for signing" in html and "WhatsApp" in html and "Facebook" in html
    assert Signature.objects.get().status == Signature.Status.CONFIRMED
    assert counting.confirmed_count(petition.pk, use_cache=False) == 1
    client.post(link)  # a second press changes nothing
    assert counting.confirmed_count(petition.pk, use_cache=False) == 1


def test_tampered_and_expired_links_are_refused_clearly(client, petition, sign_data):
    client.post(sign_url(petition), sign_data)
    link = link_in(mail.outbox[0])
    tampered = client.post(link[:-3] + "xx/")
    assert tampered.status_code == 400 and "not valid" in tampered.content.decode()
    with override_settings(PETITION_CONFIRM_MAX_AGE=-1):
        expired = client.post(link)
    assert expired.status_code == 400 and "expired" in expired.content.decode()
    assert Signature.objects.get().status == Signature.Status.PENDING


@override_settings(PETITION_SIGN_RATES=[])
def test_the_same_person_twice_stores_one_row_and_the_answer_does_not_differ(
    client, petition, sign_data
):
    first = client.post(sign_url(petition), sign_data)
    again = client.post(sign_url(petition), {**sign_data, "email": "amara@example.org"})
    assert first["Location"] == again["Location"]
    assert Signature.objects.count() == 1
    assert len(mail.outbox) == 2  # re-signing while pending resends the link
    counting.confirm_signature(Signature.objects.get().pk)
    third = client.post(sign_url(petition), sign_data)
    assert third["Location"] == first["Location"]
    assert "already signed" in mail.outbox[-1].subject


def test_invalid_input_is_explained_and_nothing_is_stored(client, petition, sign_data):
    response = client.post(
        sign_url(petition), {**sign_data, "email": "not-an-email", "country": "ZZ"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html and "Select a valid choice" in html
    assert 'value="Amara"' in html  # what they typed is kept
    assert not Signature.objects.exists()


def test_closed_petition_refuses_with_a_message(client, petition, sign_data):
    petition.accepting_signatures = False
    petition.save_revision().publish()
    response = client.post(sign_url(petition), sign_data)
    assert response.status_code == 409
    assert "closed to new signatures" in response.content.decode()
    assert not Signature.objects.exists()


def test_honeypot_refuses(client, petition, sign_data):
    response = client.post(sign_url(petition), {**sign_data, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not Signature.objects.exists()


def test_blocked_domains_and_their_subdomains_are_refused(client, petition, sign_data):
    BlockedEmailDomain.objects.create(domain="Throwaway.example")
    response = client.post(sign_url(petition), {**sign_data, "email": "x@mail.throwaway.example"})
    assert response.status_code == 422
    assert "email provider" in response.content.decode()
    assert not Signature.objects.exists()


def test_typos_do_not_use_up_the_rate_limit(client, petition, sign_data):
    client.post(sign_url(petition), {**sign_data, "email": "typo"})
    assert client.post(sign_url(petition), sign_data).status_code == 302


def test_recent_signers_show_only_those_who_opted_in(client, petition):
    from tests.factories import SignatureFactory

    shown = SignatureFactory(
        petition=petition, first_name="Leila", country="FR", show_publicly=True
    )
    hidden = SignatureFactory(petition=petition, first_name="Hidden", show_publicly=False)
    for signature in (shown, hidden):
        counting.confirm_signature(signature.pk)
    html = client.get(petition.url).content.decode()
    assert "<bdi>Leila</bdi>, France" in html
    assert "Hidden" not in html and "Tester" not in html and "@example.org" not in html
    assert "2</strong> signatures" in html
