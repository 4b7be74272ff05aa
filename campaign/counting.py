"""Confirming a signature exactly once and counting confirmed signatures exactly.

A petition's count is the sum of its SignatureCountShard rows (PETITION_COUNT_SHARDS of them
at most): a confirmation adds 1 to a random shard, in the transaction that confirms, so the
sum is exact and hundreds of confirmations at once do not queue on one row.
"""

import random

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from campaign.models.signatures import Signature, SignatureCountShard
from campaign.public_names import fit_to_show
from campaign.recent_signers import names_changed

COUNT_CACHE_SECONDS = 5


def count_cache_key(petition_id):
    return f"petition-count:{petition_id}"


def confirm_signature(signature_id):
    """Mark a pending signature confirmed and count it. Returns True if this call confirmed it;
    False if it was already confirmed (a double click, a retry), in which case nothing changes."""
    with transaction.atomic():
        updated = Signature.objects.filter(pk=signature_id, status=Signature.Status.PENDING).update(
            status=Signature.Status.CONFIRMED, confirmed_at=timezone.now()
        )
        if not updated:
            return False
        petition_id, first_name, show_publicly = Signature.objects.values_list(
            "petition_id", "first_name", "show_publicly"
        ).get(pk=signature_id)
        # Confirmed signers are the only ones listed, so their name is screened now, once,
        # and the verdict stored: the page render reads it, and unconfirmed floods cost nothing.
        if show_publicly and fit_to_show(first_name):
            Signature.objects.filter(pk=signature_id).update(name_passed_screen=True)
        _add_one(petition_id)  # last: the shard row is the contended lock, held shortest
    cache.delete(count_cache_key(petition_id))
    names_changed(petition_id)  # the script refreshes the count and the names together
    return True


def _add_one(petition_id):
    shard = random.randrange(settings.PETITION_COUNT_SHARDS)  # noqa: S311 - spreading load, not a secret
    bumped = SignatureCountShard.objects.filter(petition_id=petition_id, shard=shard).update(
        count=F("count") + 1
    )
    if not bumped:
        # The first confirmation on this shard creates it. Another transaction may create the
        # same shard at the same moment; the unique constraint makes one of us retry the update.
        try:
            with transaction.atomic():
                SignatureCountShard.objects.create(petition_id=petition_id, shard=shard, count=1)
        except IntegrityError:
            SignatureCountShard.objects.filter(petition_id=petition_id, shard=shard).update(
                count=F("count") + 1
            )


def confirmed_count(petition_id, use_cache=True):
    """The exact number of confirmed signatures (a few seconds stale at most when cached)."""
    key = count_cache_key(petition_id)
    if use_cache:
        cached = cache.get(key)
        if cached is not None:
            return cached
    total = (
        SignatureCountShard.objects.filter(petition_id=petition_id).aggregate(total=Sum("count"))[
            "total"
        ]
        or 0
    )
    cache.set(key, total, COUNT_CACHE_SECONDS)
    return total
