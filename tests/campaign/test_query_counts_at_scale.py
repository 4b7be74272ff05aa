"""A petition page and the signature listing cost the same with 10 signatures as with 1,000."""

import pytest
from django.contrib.auth import get_user_model

from campaign.models import Signature, SignatureCountShard
from tests.query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db


def add_confirmed(petition, count, start=0):
    """Confirmed, shown signers in bulk, counted on one shard as confirmations would be."""
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            first_name=f"Signer{n}",
            last_name="Tester",
            email=f"scale{n}@example.org",
            email_hash=f"scale{n}",
            name_passed_screen=True,
            country="GB",
            show_publicly=True,
            status=Signature.Status.CONFIRMED,
        )
        for n in range(start, start + count)
    )
    shard, _ = SignatureCountShard.objects.get_or_create(petition=petition, shard=0)
    shard.count += count
    shard.save()


def test_petition_page_at_10_and_1000_signatures(client, petition):
    add_confirmed(petition, 10)
    # 21: one of them reads the petition's updates (campaign.PetitionUpdate).
    count = assert_fixed_queries(
        client, petition.url, lambda: add_confirmed(petition, 990, start=10), maximum=21
    )
    print(f"petition page: {count} queries at 10 and at 1,000 signatures")


def test_signature_listing_at_10_and_1000_signatures(client, petition):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(admin)
    add_confirmed(petition, 10)
    count = assert_fixed_queries(
        client,
        "/admin/signatures/",
        lambda: add_confirmed(petition, 990, start=10),
        maximum=10,
    )
    print(f"signature listing: {count} queries at 10 and at 1,000 signatures")
