"""The public "Recently signed" list: who is on it, its cached copy, and forgetting it.

A petition page is served from the page cache (and a CDN) to everyone, and is not made stale by
each confirmation; its count and this list are brought up to date in the browser from the count
endpoint (campaign/api.py, static/js/petition-count.js), which returns both together. The list
is kept in the shared cache for a few seconds so a busy page's script costs no query per
visitor, and dropped the moment a signature is confirmed.

Erasing a signer, purging old signatures and hiding or showing a name must reach every copy
of the names: the petition pages (our page cache and the CDN), this cached list, and the CDN's
copy of the count endpoint. `forget_signers_on_commit` does all three, after the commit.

This module sits below the page models (erasure imports it), so it reads signatures by
petition id and never imports a page.
"""

from django.core.cache import cache
from django.db import transaction

from campaign.models.signatures import Signature
from pagecache.invalidation import changed_on_commit
from pagecache.versions import path_dependency

RECENT_SIGNERS = 8
NAMES_CACHE_SECONDS = 10


def recent_signers(petition_id):
    """Recent confirmed signers who asked to be shown, whose first name passed the screen when
    they confirmed (campaign/public_names.py), was not hidden by a manager nor erased."""
    return (
        Signature.objects.confirmed()
        .filter(
            petition_id=petition_id,
            show_publicly=True,
            name_passed_screen=True,
            name_hidden=False,
            anonymised_at__isnull=True,
        )
        .order_by("-confirmed_at")
        .only("first_name", "country", "confirmed_at")[:RECENT_SIGNERS]
    )


def names_cache_key(petition_id):
    return f"petition-recent-names:{petition_id}"


def count_path(petition_id):
    """The count endpoint's address, which also carries the names (its CDN copy is purged)."""
    return f"/api/campaign/petitions/{petition_id}/count/"


def public_names(petition_id):
    """[{"name", "country"}] of the recent signers, newest first, from the shared cache when
    it holds them (for a few seconds at most, and dropped on every change)."""
    key = names_cache_key(petition_id)
    names = cache.get(key)
    if names is None:
        names = [
            {"name": signer.public_first_name, "country": str(signer.country.name)}
            for signer in recent_signers(petition_id)
        ]
        cache.set(key, names, NAMES_CACHE_SECONDS)
    return names


def names_changed(petition_id):
    """A signer joined the list (a confirmation): drop the cached list now."""
    cache.delete(names_cache_key(petition_id))


def forget_signers_on_commit(petitions):
    """After the transaction commits, make every copy of these petitions' public names forget:
    the pages (ours and the CDN's), the cached list, and the CDN's copy of the count endpoint."""
    petitions = list(petitions)
    if not petitions:
        return
    ids = [petition.pk for petition in petitions]
    # As pagecache.forget does for the pages, with the endpoint's address in the same purge.
    changed_on_commit({path_dependency(count_path(pk)) for pk in ids}, pages=petitions)
    transaction.on_commit(lambda: cache.delete_many([names_cache_key(pk) for pk in ids]))
