"""The live petition an API request names, kept in the shared cache with the blocked domains.

Signing is the one write that arrives in floods, and without this each signature re-reads the
same page rows, view restrictions and domain list. The entries are dropped when what they hold
changes, so a closed, unpublished, moved or restricted petition stops taking signatures at
once on every app server:

- a petition entry records the page cache's version of the site, which publishing,
  unpublishing, moving, deleting a page other than a story, editing a site and changing a view
  restriction already bump (pagecache/invalidation.py); saving the petition itself drops its
  entry;
- the domain list is dropped whenever a blocked domain changes (campaign/blocked_domains.py).

This reads page rows, so it sits above the page models; only the JSON API imports it.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from campaign.blocked_domains import (
    BLOCKED_DOMAINS_KEY,
    LOOKUP_SECONDS,
    blocked_domains,
    drop_now_and_on_commit,
)
from campaign.models.petition import PetitionPage
from pagecache import versions


def petition_key(petition_id):
    return f"campaign:live-petition:{petition_id}"


def live_petition(petition_id):
    """The live, public, routable petition with this id, or None; one cache round trip when
    nothing changed since it was last read."""
    return petition_and_blocked_domains(petition_id)[0]


def petition_and_blocked_domains(petition_id):
    """`live_petition` and `blocked_domains` together, for signing: one cache round trip for
    both when nothing changed (a network round trip is most of what a cached lookup costs)."""
    key = petition_key(petition_id)
    found, current = versions.read_with([key, BLOCKED_DOMAINS_KEY], {versions.SITE})
    domains = found[BLOCKED_DOMAINS_KEY]
    if domains is None:
        domains = blocked_domains()
    return _petition_from(found[key], current, petition_id), domains


def _petition_from(entry, current, petition_id):
    if entry is not None:
        recorded, petition = entry
        if versions.still_current(recorded, current):
            return petition
    petition = _load(petition_id)
    if petition is not None:
        cache.set(petition_key(petition_id), (current, petition), LOOKUP_SECONDS)
    return petition


def _load(petition_id):
    # The body is a StreamField nobody signing needs; deferring it keeps the entry small.
    petition = PetitionPage.objects.live().public().defer("body").filter(pk=petition_id).first()
    # Reading the URL now keeps the site root paths on the instance, so the cached copy
    # answers `.url` without another lookup. Live but under no site: nobody can reach it.
    if petition is None or petition.url is None:
        return None
    return petition


def petition_saved(sender, instance, **kwargs):
    drop_now_and_on_commit(petition_key(instance.pk))


def connect_signals():
    """Called once from CampaignConfig.ready()."""
    uid = "campaign-live-petitions"
    post_save.connect(petition_saved, sender=PetitionPage, dispatch_uid=f"{uid}-saved")
    post_delete.connect(petition_saved, sender=PetitionPage, dispatch_uid=f"{uid}-deleted")
