"""One identity per address (its keyed hash), the same database work for new and known
addresses, limits that let a shared connection through, and an inbox that cannot be flooded."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaign import counting
from campaign.models import Signature
from core.identity import email_hash
from outbox.models import EmailDelivery
from tests.factories import PetitionPageFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def sign_url(petition):
    return petition.url + petition.reverse_subpage("sign")


def form_sign(client, petition, data, address="198.51.100.7"):
    return client.post(sign_url(petition), data, REMOTE_ADDR=address)


def api_sign(client, petition, data, address="198.51.100.7"):
    body = {key: data[key] for key in ("first_name", "last_name", "email", "country")}
    return client.post(
        f"/api/campaign/petitions/{petition.pk}/signatures/",
        body,
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def statements(queries):
    """What each query does, without its values: INSERT, SELECT, UPDATE ..."""
    return [query["sql"].split(None, 1)[0].upper() for query in queries]


@pytest.mark.parametrize("send", [form_sign, api_sign], ids=["form", "api"])
def test_new_pending_and_confirmed_addresses_cost_the_same_queries(
    client, petition, sign_data, settings, send, django_assert_num_queries
):
    # The production shape: a queued email is one INSERT into the task table, sent later.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PETITION_SIGN_RATES = []
    send(client, petition, {**sign_data, "email": "warm-up@example.org"})  # fills the caches
    person = {**sign_data, "email": "rosa@example.org"}

    with CaptureQueriesContext(connection) as new:
        assert send(client, petition, person).status_code in (202, 302)
    with django_assert_num_queries(len(new)) as pending:
        send(client, petition, {**person, "email": "Rosa+again@Example.org"})
    counting.confirm_signature(Signature.objects.get(email="rosa@example.org").pk)
    with django_assert_num_queries(len(new)) as confirmed:
        send(client, petition, person)

    assert statements(new) == statements(pending) == statements(confirmed)
    assert Signature.objects.filter(petition=petition).count() == 2


def test_a_signature_keeps_one_keyed_hash_and_no_second_copy_of_the_address(
    client, petition, sign_data
):
    form_sign(client, petition, sign_data)
    signature = Signature.objects.get()
    assert signature.email_hash == email_hash("amara@example.org")
    assert not hasattr(signature, "email_normalised")
    stored = " ".join(map(str, Signature.objects.values_list().get()))
    assert "amara@example.org" not in stored.lower()  # only the address as typed, to write to


def test_one_inbox_gets_at_most_one_signing_email_a_minute(client, campaign, settings):
    settings.EMAIL_REPEAT_FLOOR_SECONDS = 60
    settings.PETITION_SIGN_RATES = []
    petitions = [PetitionPageFactory(parent=campaign) for _ in range(3)]
    data = {"first_name": "Kim", "last_name": "L", "country": "GB", "website": ""}
    for petition in petitions:
        for spelling in ("victim@example.org", "Victim+x@Example.org", " VICTIM@example.org "):
            response = form_sign(client, petition, {**data, "email": spelling})
            assert response.status_code == 302  # the same answer every time
    assert len(mail.outbox) == 1
    assert Signature.objects.count() == 3  # every signature is kept, only the mail waits

    # A minute on, signing again sends the link again.
    minute_ago = timezone.now() - datetime.timedelta(seconds=61)
    EmailDelivery.objects.filter(key__startswith="inbox-floor:").update(sent_at=minute_ago)
    form_sign(client, petitions[1], {**data, "email": "victim@example.org"})
    assert len(mail.outbox) == 2 and petitions[1].title in mail.outbox[1].subject


def test_other_people_are_not_held_back_by_someone_elses_floor(client, petition, settings):
    settings.EMAIL_REPEAT_FLOOR_SECONDS = 60
    data = {"first_name": "Kim", "last_name": "L", "country": "GB", "website": ""}
    for n in range(3):
        form_sign(client, petition, {**data, "email": f"person{n}@example.org"})
    assert len(mail.outbox) == 3


def test_five_people_on_one_connection_in_a_minute_all_sign(client, petition, sign_data):
    """A household, an office or a street stall shares one address (the default limits)."""
    for n in range(5):
        response = form_sign(client, petition, {**sign_data, "email": f"stall{n}@example.org"})
        assert response.status_code == 302, n
    assert Signature.objects.count() == 5


def test_a_flood_from_one_connection_is_refused(client, campaign, sign_data):
    petition, other = PetitionPageFactory(parent=campaign), PetitionPageFactory(parent=campaign)
    statuses = [
        form_sign(client, petition, {**sign_data, "email": f"bot{n}@example.org"}).status_code
        for n in range(12)
    ]
    assert statuses == [302] * 10 + [429] * 2
    refused = form_sign(client, petition, {**sign_data, "email": "bot99@example.org"})
    assert "Too many signatures" in refused.content.decode()
    # Per connection and per petition: another connection, or another petition, signs.
    assert form_sign(client, petition, sign_data, address="203.0.113.9").status_code == 302
    assert form_sign(client, other, sign_data).status_code == 302


def test_the_api_counts_against_the_same_limit(client, petition, sign_data):
    statuses = [
        api_sign(client, petition, {**sign_data, "email": f"api{n}@example.org"}).status_code
        for n in range(11)
    ]
    assert statuses == [202] * 10 + [429]


def test_a_manager_finds_every_spelling_of_an_address(client, petition, campaign):
    other = PetitionPageFactory(parent=campaign)
    jo = SignatureFactory(petition=petition, first_name="Jo", email="Jo.Doe+a@gmail.com")
    also_jo = SignatureFactory(petition=other, first_name="Joanna", email="jodoe@gmail.com")
    SignatureFactory(petition=petition, first_name="Someone", email="someone@example.org")
    manager = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(manager)

    def found(query):
        html = client.get("/admin/signatures/", {"q": query}).content.decode()
        names = Signature.objects.values_list("first_name", flat=True)
        return {name for name in names if re.search(rf">\s*{name}\s*<", html)}

    assert found("JO.DOE@googlemail.com") == {jo.first_name, also_jo.first_name}
    assert found("jodoe+other@gmail.com") == {"Jo", "Joanna"}
    assert found("Someone") == {"Someone"}  # names still match in part
    assert found("nobody@example.org") == set()
