"""Which email domains may not sign: the blocked list, kept in the shared cache.

Every signature checks its address's domain, and signing arrives in floods, so the list is
read from the cache (one entry holding every domain) rather than from the database each time.
The entry is dropped whenever a blocked domain is saved or deleted, at once and again after
the transaction commits, so a request that read the old rows in between cannot put them back.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from campaign.models.signatures import BlockedEmailDomain

# Short enough that anything changed behind the ORM's back (a raw UPDATE) heals on its own.
LOOKUP_SECONDS = 300
BLOCKED_DOMAINS_KEY = "campaign:blocked-email-domains"


def blocked_domains():
    """Every blocked domain, as a frozenset."""
    domains = cache.get(BLOCKED_DOMAINS_KEY)
    if domains is None:
        domains = frozenset(BlockedEmailDomain.objects.order_by().values_list("domain", flat=True))
        cache.set(BLOCKED_DOMAINS_KEY, domains, LOOKUP_SECONDS)
    return domains


def is_blocked(domain, domains=None):
    """True if `domain` or any parent domain is on the list: `domains` if the caller has just
    read it, otherwise read from the shared cache."""
    if domains is None:
        domains = blocked_domains()
    parts = domain.lower().split(".")
    candidates = {".".join(parts[i:]) for i in range(len(parts) - 1)}
    return not candidates.isdisjoint(domains)


def drop_now_and_on_commit(key):
    """Forget a cache entry now and again once the current transaction commits."""
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def blocked_domains_changed(sender, **kwargs):
    drop_now_and_on_commit(BLOCKED_DOMAINS_KEY)


def connect_signals():
    """Called once from CampaignConfig.ready()."""
    for signal, change in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            blocked_domains_changed,
            sender=BlockedEmailDomain,
            dispatch_uid=f"campaign-blocked-domains-{change}",
        )
