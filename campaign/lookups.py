"""The lookups every signature repeats, kept in the shared cache: the live petition being signed
and the blocked email domains.

Signing is the one write that arrives in floods, and without these each signature re-reads the
same page rows, view restrictions and domain list. Both entries are dropped when what they hold
changes, so a closed, unpublished, moved or restricted petition stops taking signatures at once
on every app server:

- a petition entry carries the page cache's generation, which publishing, unpublishing, moving,
  deleting a page, editing a site and changing a view restriction already bump
  (pagecache/invalidation.py); saving the petition itself drops its entry;
- the domain list is dropped whenever a blocked domain is saved or deleted.

Each drop happens at once and again after the transaction commits, so a request that read the
old rows in between cannot put them back.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from campaign.models import BlockedEmailDomain, PetitionPage
from pagecache.middleware import GENERATION_KEY, PAGES, generation

# Short enough that anything changed behind the ORM's back (a raw UPDATE) heals on its own.
LOOKUP_SECONDS = 300
BLOCKED_DOMAINS_KEY = "campaign:blocked-email-domains"


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
    found = cache.get_many([GENERATION_KEY, key, BLOCKED_DOMAINS_KEY])
    domains = found.get(BLOCKED_DOMAINS_KEY)
    if domains is None:
        domains = blocked_domains()
    return _petition_from(found, petition_id), domains


def _petition_from(found, petition_id):
    key = petition_key(petition_id)
    petition = PAGES.fresh(found.get(key), found.get(GENERATION_KEY))
    if petition is not None:
        return petition
    current = generation()
    petition = _load(petition_id)
    if petition is not None:
        cache.set(key, (current, petition), LOOKUP_SECONDS)
    return petition


def _load(petition_id):
    # The body is a StreamField nobody signing needs; deferring it keeps the entry small.
    petition = PetitionPage.objects.live().public().defer("body").filter(pk=petition_id).first()
    # Reading the URL now keeps the site root paths on the instance, so the cached copy
    # answers `.url` without another lookup. Live but under no site: nobody can reach it.
    if petition is None or petition.url is None:
        return None
    return petition


def blocked_domains():
    """Every blocked domain, as a frozenset."""
    domains = cache.get(BLOCKED_DOMAINS_KEY)
    if domains is None:
        domains = frozenset(BlockedEmailDomain.objects.order_by().values_list("domain", flat=True))
        cache.set(BLOCKED_DOMAINS_KEY, domains, LOOKUP_SECONDS)
    return domains


def _drop_now_and_on_commit(key):
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def petition_saved(sender, instance, **kwargs):
    _drop_now_and_on_commit(petition_key(instance.pk))


def blocked_domains_changed(sender, **kwargs):
    _drop_now_and_on_commit(BLOCKED_DOMAINS_KEY)


def connect():
    uid = "campaign-lookups"
    post_save.connect(petition_saved, sender=PetitionPage, dispatch_uid=f"{uid}-petition-save")
    post_delete.connect(petition_saved, sender=PetitionPage, dispatch_uid=f"{uid}-petition-del")
    for signal in (post_save, post_delete):
        signal.connect(
            blocked_domains_changed,
            sender=BlockedEmailDomain,
            dispatch_uid=f"{uid}-domains-{signal is post_save}",
        )
