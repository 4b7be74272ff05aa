"""Under real concurrency (PostgreSQL): no duplicate rows, no lost or double counts."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client, override_settings

from campaign import counting
from campaign.models import Signature
from tests.factories import SignatureFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers; needs PostgreSQL"
    ),
]


def in_threads(count, work):
    def run(n):
        try:
            return work(n)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


@override_settings(PETITION_SIGN_RATES=[])
def test_fifty_identical_requests_store_one_signature(petition):
    url = f"/api/campaign/petitions/{petition.pk}/signatures/"
    body = {"first_name": "Omar", "last_name": "F", "email": "omar@example.org", "country": "GB"}
    statuses = in_threads(
        50, lambda n: Client().post(url, body, content_type="application/json").status_code
    )
    assert statuses == [202] * 50
    assert Signature.objects.filter(petition=petition).count() == 1


def test_five_hundred_confirmations_at_once_count_exactly(petition):
    ids = [SignatureFactory(petition=petition).pk for _ in range(500)]
    results = in_threads(20, lambda n: [counting.confirm_signature(pk) for pk in ids[n::20]])
    assert sum(sum(batch) for batch in results) == 500
    assert counting.confirmed_count(petition.pk, use_cache=False) == 500
    # Confirming them all again, concurrently, changes nothing.
    in_threads(20, lambda n: [counting.confirm_signature(pk) for pk in ids[n::20]])
    assert counting.confirmed_count(petition.pk, use_cache=False) == 500
