"""Signing reads the petition and the blocked domains from the shared cache, and stops using
them the moment they change: closing, unpublishing, restricting, blocking a domain."""

import pytest
from wagtail.models import PageViewRestriction

from campaign import blocked_domains, live_petitions
from campaign.models import BlockedEmailDomain, Signature
from pagecache import versions
from tests.counting_cache import CountingCache

pytestmark = pytest.mark.django_db


def sign(client, petition, n, **extra):
    return client.post(
        f"/api/campaign/petitions/{petition.pk}/signatures/",
        {
            "first_name": "Rosa",
            "last_name": "Diaz",
            "email": f"rosa{n}@example.org",
            "country": "GB",
        },
        content_type="application/json",
        REMOTE_ADDR=f"203.0.113.{n}",
        **extra,
    )


def test_a_signature_costs_one_insert_once_the_lookups_are_cached(
    client, petition, django_assert_max_num_queries, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    assert sign(client, petition, 1).status_code == 202
    # The INSERT and nothing else; the savepoint around it is there only because the test
    # itself runs inside a transaction (in production a lone INSERT needs none).
    with django_assert_max_num_queries(3):
        assert sign(client, petition, 2).status_code == 202
    assert Signature.objects.count() == 2


def test_closing_the_petition_stops_signing_at_once(
    client, petition, django_capture_on_commit_callbacks
):
    assert sign(client, petition, 1).status_code == 202
    petition.accepting_signatures = False
    with django_capture_on_commit_callbacks(execute=True):
        petition.save_revision().publish()
    response = sign(client, petition, 2)
    assert response.status_code == 409 and response.json()["error"]["code"] == "petition_closed"


def test_saving_the_page_is_enough(client, petition):
    assert sign(client, petition, 1).status_code == 202
    petition.accepting_signatures = False
    petition.save()
    assert sign(client, petition, 2).status_code == 409


def test_unpublishing_the_petition_hides_it(client, petition, django_capture_on_commit_callbacks):
    assert sign(client, petition, 1).status_code == 202
    with django_capture_on_commit_callbacks(execute=True):
        petition.unpublish()
    assert sign(client, petition, 2).status_code == 404
    assert client.get(f"/api/campaign/petitions/{petition.pk}/").status_code == 404


def test_a_view_restriction_on_a_parent_hides_it(
    client, petition, campaign, django_capture_on_commit_callbacks
):
    assert sign(client, petition, 1).status_code == 202
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=campaign, restriction_type=PageViewRestriction.LOGIN
        )
    assert sign(client, petition, 2).status_code == 404


def test_a_newly_blocked_domain_is_refused_at_once(
    client, petition, django_capture_on_commit_callbacks
):
    assert sign(client, petition, 1).status_code == 202
    with django_capture_on_commit_callbacks(execute=True):
        blocked = BlockedEmailDomain.objects.create(domain="example.org")
    response = sign(client, petition, 2)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "email_domain_blocked"
    with django_capture_on_commit_callbacks(execute=True):
        blocked.delete()
    assert sign(client, petition, 3).status_code == 202


def test_signing_reads_the_petition_and_the_blocked_domains_in_one_cache_read(
    client, petition, monkeypatch, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    assert sign(client, petition, 1).status_code == 202
    counting = CountingCache(live_petitions.cache)
    # Both lookups' modules read through the same counter: one read in all.
    monkeypatch.setattr(live_petitions, "cache", counting)
    monkeypatch.setattr(blocked_domains, "cache", counting)
    monkeypatch.setattr(versions, "cache", counting)  # the page cache's version of the site
    assert sign(client, petition, 2).status_code == 202
    assert counting.reads == 1
