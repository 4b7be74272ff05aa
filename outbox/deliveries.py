"""Sending an email once, even when the task that sends it runs again.

A task runs again after a retry, or after its worker died and the result was re-queued. Each
email has a key (the task's idempotency key and what the email is for, never an address):

1. claim: in one transaction, lock or create the key's row. Already sent: skip. Claimed less
   than `TASK_STALE_SECONDS` ago: another worker may be sending it now, so raise
   `DeliveryInFlight` and let the retry come back later. Otherwise claim it now.
2. send, outside the transaction (SMTP can be slow; no lock is held meanwhile).
3. mark it sent. If sending raised, drop the claim so a retry sends it.

This is at-least-once, by choice: a confirmation link that never arrives loses a supporter,
a duplicate costs an extra email. The only duplicate left is a worker dying after the mail
server accepted the message and before step 3 committed, a window of milliseconds; at-most-
once would instead lose the email whenever a worker died between steps 1 and 3.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from outbox.models import EmailDelivery


class DeliveryInFlight(Exception):
    """Another worker claimed this email moments ago and may still be sending it."""


def claim_lease():
    return timedelta(seconds=settings.TASK_STALE_SECONDS)


def send_once(key, send):
    """Call `send()` unless the email called `key` went already. Returns whether it sent."""
    if not _claim(key):
        return False
    try:
        send()
    except BaseException:
        EmailDelivery.objects.filter(key=key, sent_at__isnull=True).delete()
        raise
    EmailDelivery.objects.filter(key=key).update(sent_at=timezone.now())
    return True


def _claim(key):
    now = timezone.now()
    with transaction.atomic():
        delivery, created = EmailDelivery.objects.select_for_update().get_or_create(
            key=key, defaults={"claimed_at": now}
        )
        if created:
            return True
        if delivery.sent_at is not None:
            return False
        if delivery.claimed_at > now - claim_lease():
            raise DeliveryInFlight(key)
        delivery.claimed_at = now
        delivery.save(update_fields=["claimed_at"])
        return True


def forget_topic(topic):
    """For erasure: delete the records of every email sent under `topic`, so no row is left
    that names the erased record. Returns how many were deleted."""
    return EmailDelivery.objects.filter(key__startswith=f"{topic}:").delete()[0]


def delivery_key(topic, attempt):
    """Topic first (what and for which record), so erasure can find a record's rows by prefix."""
    return f"{topic}:{attempt.key}"
