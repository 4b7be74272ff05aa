"""Erasing a signer, purging old signatures and hiding a name reach every cached copy of the
petition page at once: our page cache (on in these tests, as in production) and the CDN."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from campaign import counting
from campaign.erasure import purge_signatures
from campaign.recent_signers import count_path
from core.data_rights import erase_person
from tests import fake_cdn
from tests.factories import PetitionPageFactory, SignatureFactory

pytestmark = pytest.mark.django_db

CDN = {"cdn": {"BACKEND": "tests.fake_cdn.RecordingBackend"}}


def purged(*petitions):
    """What the CDN is asked to purge: each page, and its count endpoint, which carries the
    recent signers' names too."""
    urls = [petition.full_url for petition in petitions]
    urls += [petition.get_site().root_url + count_path(petition.pk) for petition in petitions]
    return sorted(urls)


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = CDN
    fake_cdn.PURGED.clear()
    yield fake_cdn.PURGED
    fake_cdn.PURGED.clear()


def shown_and_cached(petition, name):
    """Visit twice; the second visit comes from the page cache. Both show the name."""
    client = Client()
    first, second = client.get(petition.url), client.get(petition.url)
    assert second["X-Page-Cache"] == "hit"
    assert name in first.content.decode() and name in second.content.decode()


def visible_now(petition):
    return Client().get(petition.url).content.decode()


def listed_signer(petition, first_name, email):
    signature = SignatureFactory(
        petition=petition, first_name=first_name, email=email, show_publicly=True
    )
    counting.confirm_signature(signature.pk)
    return signature


def test_an_erased_signer_leaves_no_cached_page_showing_their_name(petition, committed):
    listed_signer(petition, "Zainab", "zainab.hq@example.org")
    shown_and_cached(petition, "Zainab")
    with committed():
        erase_person("Zainab.HQ+petitions@Example.org")
    assert "Zainab" not in visible_now(petition)


def test_erasure_purges_the_cdn_copy_of_each_petition_they_signed(campaign, cdn, committed):
    signed = [PetitionPageFactory(parent=campaign) for _ in range(2)]
    untouched = PetitionPageFactory(parent=campaign)
    for petition in signed:
        listed_signer(petition, "Zainab", "zainab@example.org")
    listed_signer(untouched, "Peter", "peter@example.org")
    with committed():
        erase_person("zainab@example.org")
    assert sorted(cdn) == purged(*signed)


def test_no_cdn_configured_means_no_purge_task(petition, settings, committed, monkeypatch):
    from wagtail.contrib.frontend_cache import utils

    settings.WAGTAILFRONTENDCACHE = None
    monkeypatch.setattr(utils, "purge_pages_from_cache", pytest.fail)
    listed_signer(petition, "Zainab", "zainab@example.org")
    with committed():
        erase_person("zainab@example.org")


def test_the_retention_purge_clears_cached_pages_and_the_cdn(campaign, cdn, committed):
    closed = PetitionPageFactory(
        parent=campaign, closes_at=timezone.now() - datetime.timedelta(days=365)
    )
    listed_signer(closed, "Imogen", "imogen@example.org")
    shown_and_cached(closed, "Imogen")
    with committed():
        purge_signatures()
    assert "Imogen" not in visible_now(closed)
    assert sorted(cdn) == purged(closed)


def test_erasing_from_the_admin_clears_cached_pages(petition, admin_client, cdn, committed):
    signature = listed_signer(petition, "Zainab", "zainab@example.org")
    shown_and_cached(petition, "Zainab")
    with committed():
        response = admin_client.post(f"/admin/signatures/delete/{signature.pk}/")
    assert response.status_code == 302
    assert "Zainab" not in visible_now(petition)
    assert sorted(cdn) == purged(petition)


def test_hiding_a_name_clears_cached_pages_and_the_cdn(petition, admin_client, cdn, committed):
    signature = listed_signer(petition, "Rahim", "rahim@example.org")
    shown_and_cached(petition, "Rahim")
    with committed():
        admin_client.post(f"/admin/signatures/hide-name/{signature.pk}/")
    assert "Rahim" not in visible_now(petition)
    assert sorted(cdn) == purged(petition)
