"""Erasing a supporter's alerts (core.data_rights): their subscriber record and every
subscription, and the outbox's receipts of the alert emails sent to them, whose keys name the
address's keyed hash."""

from django.db import transaction

from alerts.models import Subscriber, Subscription
from campaign.opt_in import withdraw_opt_in
from core.identity import email_hash
from outbox.deliveries import forget_topic


def erase_subscriber(email, user=None):
    """Returns how many subscriptions were erased."""
    key = email_hash(email)
    with transaction.atomic():
        count = Subscription.objects.filter(subscriber__email_hash=key).count()
        Subscriber.objects.filter(email_hash=key).delete()
        forget_topic(f"alert:{key}")
        forget_topic(f"alert-subscribe:{key}")
    return count


def leave_everything(key):
    """Stop every alert to the address with hash `key`: its subscriptions go, and its opt-in
    on petitions is withdrawn (it hears of no petition update either). Returns how many
    subscriptions went."""
    with transaction.atomic():
        count = Subscription.objects.filter(subscriber__email_hash=key).count()
        Subscriber.objects.filter(email_hash=key).delete()
        withdraw_opt_in(key)
    return count
