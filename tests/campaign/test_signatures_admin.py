"""Only campaign managers see, export and erase signatures; every export is logged."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from campaign import counting
from campaign.models import Signature
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signatures(petition):
    made = [SignatureFactory(petition=petition, country=c) for c in ("GB", "FR", "GB")]
    counting.confirm_signature(made[0].pk)
    return made


def user_in(django_user_model, group_name=None, username="u"):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def manager(django_user_model):
    return user_in(django_user_model, "Campaign managers", "manager")


@pytest.fixture
def editor(django_user_model):
    return user_in(django_user_model, "Editors", "editor")


INDEX = "/admin/signatures/"


def test_managers_see_and_filter_signatures(client, manager, signatures):
    client.force_login(manager)
    response = client.get(INDEX, {"country": "FR"})
    assert response.status_code == 200
    html = response.content.decode()
    assert signatures[1].first_name in html and signatures[0].first_name not in html
    confirmed = client.get(INDEX, {"status": "confirmed"}).content.decode()
    assert signatures[0].first_name in confirmed and signatures[2].first_name not in confirmed


def test_editors_and_anonymous_visitors_cannot(client, editor, signatures):
    assert client.get(INDEX).status_code == 302  # to the login page
    client.force_login(editor)
    assert client.get(INDEX).status_code in (302, 403)
    assert client.get(INDEX, {"export": "csv"}).status_code in (302, 403)
    assert client.get(reverse("signatures_per_day")).status_code in (302, 403)


def test_export_is_logged_with_who_and_what(client, manager, signatures, petition):
    client.force_login(manager)
    response = client.get(INDEX, {"export": "csv", "country": "GB"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert signatures[0].email in body and signatures[1].email not in body
    entry = PageLogEntry.objects.get(action="campaign.export_signatures")
    assert entry.user == manager and entry.page_id == petition.pk
    assert entry.data["rows"] == 2 and entry.data["format"] == "csv"
    assert entry.data["filters"] == {"country": "GB"}
    xlsx = client.get(INDEX, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert PageLogEntry.objects.filter(action="campaign.export_signatures").count() == 2


def test_nobody_adds_or_edits_signatures_in_the_admin(client, manager, signatures):
    client.force_login(manager)
    assert client.get(INDEX + "new/").status_code in (302, 403)
    assert client.get(f"{INDEX}edit/{signatures[0].pk}/").status_code in (302, 403)


def test_managers_erase_a_supporter_from_the_admin(client, manager, signatures, petition):
    client.force_login(manager)
    target = signatures[0]
    confirm_page = client.get(f"{INDEX}delete/{target.pk}/")
    assert confirm_page.status_code == 200
    assert "Erase this supporter" in confirm_page.content.decode()
    response = client.post(f"{INDEX}delete/{target.pk}/")
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.email == "" and target.first_name == "erased" and target.anonymised_at
    assert Signature.objects.count() == 3  # the row stays
    assert counting.confirmed_count(petition.pk, use_cache=False) == 1  # so does the count
    entry = PageLogEntry.objects.get(action="campaign.erase_supporter")
    assert entry.user == manager


def test_signatures_per_day_report(client, manager, signatures):
    client.force_login(manager)
    response = client.get(reverse("signatures_per_day"))
    assert response.status_code == 200
    assert "<svg" in response.content.decode()
    csv = client.get(reverse("signatures_per_day"), {"export": "csv"})
    assert b"Confirmed signatures" in b"".join(csv.streaming_content)


def test_the_group_has_exactly_the_signature_permissions():
    codenames = set(
        Permission.objects.filter(group__name="Campaign managers").values_list(
            "codename", flat=True
        )
    )
    assert {"view_signature", "delete_signature", "access_admin"} <= codenames
    assert "change_signature" not in codenames and "add_signature" not in codenames
    assert not ModelLogEntry.objects.exists()


def test_the_export_audit_keeps_filters_but_not_what_was_searched(
    client, manager, signatures, petition
):
    """The search box takes a name or an address; the audit entry outlives the person."""
    client.force_login(manager)
    target = signatures[0]
    query = {
        "export": "csv",
        "q": target.email,
        "country": "GB",
        "status": "confirmed",
        "petition": str(petition.pk),
        "created_at_from": "2020-01-01",
        "note": target.email,  # not a filter of this listing: not kept
    }
    response = client.get(INDEX, query)
    assert target.email in b"".join(response.streaming_content).decode()
    entry = PageLogEntry.objects.get(action="campaign.export_signatures")
    assert entry.data["filters"] == {
        "country": "GB",
        "status": "confirmed",
        "petition": str(petition.pk),
        "created_at_from": "2020-01-01",
        "search": True,
    }
    client.post(f"{INDEX}delete/{target.pk}/")
    # After erasure nothing in the audit log names the person.
    for entry in PageLogEntry.objects.all():
        assert target.email not in str(entry.data) and target.first_name not in str(entry.data)
        assert target.first_name not in entry.label


def test_erasing_an_already_erased_supporter_says_so(client, manager, signatures):
    client.force_login(manager)
    target = signatures[0]
    assert client.post(f"{INDEX}delete/{target.pk}/").status_code == 302
    # A second click, or a second manager: a message, not a server error.
    again = client.post(f"{INDEX}delete/{target.pk}/", follow=True)
    assert again.status_code == 200
    assert "already been erased" in again.content.decode()
    page = client.get(f"{INDEX}delete/{target.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "already been erased" in html and "Yes, erase" not in html
    assert PageLogEntry.objects.filter(action="campaign.erase_supporter").count() == 1
    # Someone else's data is untouched.
    signatures[1].refresh_from_db()
    assert signatures[1].email and signatures[1].anonymised_at is None
