"""Keeping no more than is needed: unconfirmed subscriptions go after ALERTS_UNCONFIRMED_DAYS
(30), and a subscriber left following nothing goes with them. Confirmed subscriptions stay
until their owner leaves, a hard bounce or complaint ends them, or they are erased."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from alerts.models import Subscriber, Subscription


def drop_empty_subscribers(subscribers=None):
    """Delete subscribers (of `subscribers`, or all) who follow nothing; returns how many."""
    subscribers = Subscriber.objects.all() if subscribers is None else subscribers
    empty = subscribers.filter(~Exists(Subscription.objects.filter(subscriber=OuterRef("pk"))))
    return empty.delete()[0]


def purge_unconfirmed_subscriptions(days=None, dry_run=False):
    """Delete subscriptions left unconfirmed for `days` (ALERTS_UNCONFIRMED_DAYS). Returns how
    many subscriptions were (or, with dry_run, would be) deleted."""
    days = settings.ALERTS_UNCONFIRMED_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    stale = Subscription.objects.filter(status=Subscription.Status.PENDING, created_at__lt=cutoff)
    if dry_run:
        return stale.count()
    with transaction.atomic():
        owners = list(stale.values_list("subscriber_id", flat=True).distinct())
        deleted = stale.delete()[0]
        drop_empty_subscribers(Subscriber.objects.filter(pk__in=owners))
    return deleted
