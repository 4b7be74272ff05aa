"""The dashboard's Petitions panel (cheap, managers only), the per-day report's zero days, and
the cached "Recently signed" list that the count endpoint returns."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from campaign import counting
from campaign.admin_views import MAX_FILLED_DAYS, fill_missing_days
from campaign.dashboard import petition_activity
from campaign.erasure import erase_signatures
from campaign.models import Signature
from campaign.recent_signers import names_cache_key
from tests.factories import PetitionPageFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def confirmed(petition, **fields):
    fields.setdefault("show_publicly", True)
    signature = SignatureFactory(petition=petition, **fields)
    counting.confirm_signature(signature.pk)
    return signature


def user_in(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_panel_costs_the_same_few_queries_for_many_petitions(
    campaign, django_assert_max_num_queries
):
    petitions = [PetitionPageFactory(parent=campaign) for _ in range(6)]
    for petition in petitions:
        confirmed(petition)
    with django_assert_max_num_queries(3):
        rows = petition_activity()
    assert len(rows) == 6
    assert {(row["today"], row["week"], row["total"]) for row in rows} == {(1, 1, 1)}
    assert rows[0]["report_url"].endswith(f"?petition={rows[0]['petition'].pk}")


def test_only_those_who_see_signatures_get_the_panel(client, campaign, django_user_model):
    PetitionPageFactory(parent=campaign)
    client.force_login(user_in(django_user_model, "Campaign managers", "manager"))
    assert "petitions-heading" in client.get("/admin/").text
    client.force_login(user_in(django_user_model, "Editors", "editor"))
    assert "petitions-heading" not in client.get("/admin/").text


def test_days_without_signatures_are_zeros_and_a_huge_range_is_not_filled():
    rows = [
        {"day": date(2026, 11, 1), "signatures": 3},
        {"day": date(2026, 11, 4), "signatures": 1},
    ]
    assert [row["signatures"] for row in fill_missing_days(rows)] == [3, 0, 0, 1]
    filled = fill_missing_days(rows, date(2026, 10, 30), date(2026, 11, 5))
    assert [row["signatures"] for row in filled] == [0, 0, 3, 0, 0, 1, 0]
    huge = fill_missing_days(rows, date(1, 1, 1), date(2026, 11, 5))
    assert len(huge) <= MAX_FILLED_DAYS + 1 and sum(r["signatures"] for r in huge) == 4
    assert fill_missing_days([], date(2026, 11, 1), date(2026, 11, 2)) == [
        {"day": date(2026, 11, 1), "signatures": 0},
        {"day": date(2026, 11, 2), "signatures": 0},
    ]
    assert fill_missing_days([], date(2026, 11, 2), date(2026, 11, 1)) == []


def test_report_filters_by_petition_and_exports_the_zero_days(client, campaign, django_user_model):
    firewall, other = PetitionPageFactory(parent=campaign), PetitionPageFactory(parent=campaign)
    made = ((confirmed(firewall), 0), (confirmed(firewall), 2), (confirmed(other), 1))
    for signature, days_ago in made:
        Signature.objects.filter(pk=signature.pk).update(
            confirmed_at=signature.created_at - timedelta(days=days_ago)
        )
    client.force_login(user_in(django_user_model, "Campaign managers", "manager"))
    url = "/admin/reports/signatures-per-day/"
    response = client.get(url, {"petition": firewall.pk, "export": "csv"})
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert [line.rsplit(",", 1)[1] for line in lines[1:]] == ["1", "0", "1"]
    response = client.get(url, {"petition": firewall.pk, "export": "xlsx"})
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    response = client.get(url, {"petition": firewall.pk})
    assert response.context["total"] == 2
    assert response.context["items_count"] == 3
    assert client.get(url, {"petition": "nonsense"}).status_code == 200


def test_the_count_endpoint_names_recent_public_signers_and_forgets_the_erased(
    client, petition, django_capture_on_commit_callbacks
):
    confirmed(petition, first_name="Amara", email="amara@example.org")
    confirmed(petition, first_name="Quiet", show_publicly=False)
    url = f"/api/campaign/petitions/{petition.pk}/count/"
    body = client.get(url).json()
    assert body["count"] == 2
    assert body["recent_signers"] == [{"name": "Amara", "country": "United Kingdom"}]
    assert cache.get(names_cache_key(petition.pk)) is not None

    confirmed(petition, first_name="Esther")  # a confirmation drops the cached list at once
    assert [s["name"] for s in client.get(url).json()["recent_signers"]] == ["Esther", "Amara"]

    with django_capture_on_commit_callbacks(execute=True):
        erase_signatures("amara@example.org")
    assert [s["name"] for s in client.get(url).json()["recent_signers"]] == ["Esther"]
