"""First names on "Recently signed" and in signing emails: stripped of invisible and
direction-changing characters, screened once when confirmed, and hidden by a manager."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client, override_settings
from django.utils.html import escape
from wagtail.models import PageLogEntry

from campaign import counting
from campaign.models import Signature
from tests.factories import SignatureFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

RLO, PDI, ZWSP, LRM = "\u202e", "\u2069", "\u200b", "\u200e"


def sign_url(petition):
    return petition.url + petition.reverse_subpage("sign")


def confirmed_signer(petition, first_name, **fields):
    signature = SignatureFactory(
        petition=petition, first_name=first_name, show_publicly=True, **fields
    )
    counting.confirm_signature(signature.pk)
    return signature


def recently_signed(client, petition):
    """The text of the "Recently signed" box, or "" when there is none."""
    html = client.get(petition.url).content.decode()
    box = re.search(r'<ul class="plain-list signers">(.*?)</ul>', html, re.S)
    return box.group(1) if box else ""


@pytest.mark.parametrize(
    "name",
    [
        "Fuckface",  # the screen rejects it
        "Cunt",
        "Visit casino.example now",  # a link without a scheme
        "http://spam.example/offer",
        "www.example.org",
        "me@example.org",
        "<script>alert(1)</script>",  # shown escaped before; now not shown at all
        "Buy cheap watches at our shop today",  # a message, not a name (over four words)
        "A" * 100,  # longer than any first name on the list
        "12345",
    ],
)
def test_names_that_fail_the_screen_or_are_not_names_are_never_listed(client, petition, name):
    confirmed_signer(petition, name)
    shown = confirmed_signer(petition, "Leila", country="FR")
    listed = recently_signed(client, petition)
    assert "Leila" in listed  # the list is there, with only what passed
    assert name not in listed and "casino" not in listed and "@" not in listed
    assert Signature.objects.filter(name_passed_screen=True).get() == shown


@pytest.mark.parametrize(
    "name", ["Amara", "Jean-Luc", "O'Brien", "D’Souza", "Zoë", "محمد", "李小龙", "Nguyễn Văn"]
)
def test_names_in_every_script_and_with_their_punctuation_are_listed(client, petition, name):
    confirmed_signer(petition, name)
    expected = f"<li><bdi>{escape(name)}</bdi>, United Kingdom</li>"
    assert expected in recently_signed(client, petition)


@override_settings(PETITION_SIGN_RATES=[])
def test_direction_overrides_and_invisible_characters_are_stripped_when_stored(
    client, petition, sign_data
):
    typed = f"{RLO}Am{ZWSP}ara{PDI}{LRM}"
    client.post(sign_url(petition), {**sign_data, "first_name": typed, "last_name": f"O{RLO}k"})
    signature = Signature.objects.get()
    assert (signature.first_name, signature.last_name) == ("Amara", "Ok")
    counting.confirm_signature(signature.pk)
    listed = recently_signed(client, petition)
    assert "Amara" in listed and RLO not in listed and ZWSP not in listed


def test_names_stored_before_the_stripping_are_stripped_when_shown(client, petition):
    signature = confirmed_signer(petition, "Leila")
    Signature.objects.filter(pk=signature.pk).update(first_name=f"{RLO}Leila{ZWSP}")
    listed = recently_signed(client, petition)
    assert "<bdi>Leila</bdi>" in listed and RLO not in listed


@override_settings(PETITION_SIGN_RATES=[])
def test_a_name_of_only_invisible_characters_is_refused_and_the_rest_is_kept(
    client, petition, sign_data
):
    response = client.post(sign_url(petition), {**sign_data, "first_name": f"{ZWSP}{RLO}"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter your name in letters we can show." in html and 'value="Okafor"' in html
    assert not Signature.objects.exists()


@override_settings(PETITION_SIGN_RATES=[])
def test_emails_and_the_confirm_page_greet_only_by_a_name_fit_to_show(client, petition, sign_data):
    # Anyone can type anyone's address: the owner of the inbox must not be greeted with it.
    client.post(sign_url(petition), {**sign_data, "first_name": "Visit casino.example"})
    client.post(sign_url(petition), {**sign_data, "email": "leila@example.org"})
    spam, fine = mail.outbox
    assert spam.body.startswith("Hello,\n") and "casino" not in spam.body
    assert fine.body.startswith("Dear Amara,\n")
    link = re.search(r"https?://\S+/confirm/\S+/", spam.body).group(0)
    page = client.get(link).content.decode()
    assert "Hello. Press the button" in page and "casino" not in page


def manager_with(django_user_model, *codenames):
    user = django_user_model.objects.create_user("manager", "m@example.org", "x" * 16)
    group = Group.objects.get(name="Campaign managers")
    user.groups.add(group)
    if codenames:
        group.permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def test_a_manager_hides_one_name_and_can_show_it_again(client, petition, django_user_model):
    hidden = confirmed_signer(petition, "Rahim")
    confirmed_signer(petition, "Leila")
    staff = Client()
    staff.force_login(manager_with(django_user_model))
    listing = staff.get("/admin/signatures/").content.decode()
    assert f"/admin/signatures/hide-name/{hidden.pk}/" in listing

    assert staff.get(f"/admin/signatures/hide-name/{hidden.pk}/").status_code == 200
    staff.post(f"/admin/signatures/hide-name/{hidden.pk}/")
    listed = recently_signed(client, petition)
    assert "Rahim" not in listed and "Leila" in listed
    entry = PageLogEntry.objects.get(action="campaign.hide_name")
    assert entry.page_id == petition.pk and entry.data == {"signature": hidden.pk}
    assert "Rahim" not in str(entry.data) and "Rahim" not in entry.label

    listing = staff.get("/admin/signatures/").content.decode()
    assert f"/admin/signatures/show-name/{hidden.pk}/" in listing
    staff.post(f"/admin/signatures/show-name/{hidden.pk}/")
    assert "Rahim" in recently_signed(client, petition)


def test_hiding_needs_the_permission_to_erase(client, petition, django_user_model):
    signature = confirmed_signer(petition, "Rahim")
    user = manager_with(django_user_model, "access_admin", "view_signature")
    client.force_login(user)
    assert f"hide-name/{signature.pk}/" not in client.get("/admin/signatures/").content.decode()
    assert client.post(f"/admin/signatures/hide-name/{signature.pk}/").status_code in (302, 403)
    assert not Signature.objects.get().name_hidden


def test_the_screen_uses_the_moderators_allowed_phrases(client, petition):
    from comments.models import AllowedPhrase

    confirmed_signer(petition, "Dick")  # a name, and a word the shipped screen rejects
    assert "Dick" not in recently_signed(client, petition)
    AllowedPhrase.objects.create(phrase="Dick")
    confirmed_signer(petition, "Dick", email="dick@example.org")
    assert "Dick" in recently_signed(client, petition)
