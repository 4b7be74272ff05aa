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


def claim_many(keys):
    """`send_once` for a batch of emails, in three statements instead of three per email.

    Returns (claimed, in_flight): the keys this worker now holds and must send and then pass
    to `mark_sent` (or `release` if it cannot), and the keys another worker claimed less than
    `TASK_STALE_SECONDS` ago, which the caller should try again later. Keys already sent are
    in neither. The same at-least-once rule as `send_once`: a claim older than the lease
    belongs to a worker that died, and is taken over."""
    if not keys:
        return [], []
    now = timezone.now()
    stale_before = now - claim_lease()
    claimed, in_flight, stale = [], [], []
    with transaction.atomic():
        EmailDelivery.objects.bulk_create(
            [EmailDelivery(key=key, claimed_at=now) for key in keys], ignore_conflicts=True
        )
        rows = (
            EmailDelivery.objects.select_for_update()
            .filter(key__in=keys)
            .values_list("key", "claimed_at", "sent_at")
        )
        for key, claimed_at, sent_at in rows:
            if sent_at is not None:
                continue
            if claimed_at == now:
                claimed.append(key)  # inserted just now, by this call
            elif claimed_at > stale_before:
                in_flight.append(key)
            else:
                stale.append(key)
        if stale:
            EmailDelivery.objects.filter(key__in=stale).update(claimed_at=now)
    mine = set(claimed) | set(stale)
    # In the order asked for: a caller that walks its list in order sends in that order.
    return [key for key in keys if key in mine], in_flight


def mark_sent(keys):
    """Write the receipts of emails claimed with `claim_many`, in one statement.

    A caller that writes them just before handing the emails over sends each at most once:
    a worker killed between the two loses those emails rather than sending a second copy
    later (the alerts fan-out does this, with small groups: alerts/tasks.py). One that
    writes them just after sends each at least once."""
    EmailDelivery.objects.filter(key__in=keys).update(sent_at=timezone.now())


def unmark(keys):
    """Take back receipts written for emails that then could not be handed over, so that a
    retry sends them."""
    EmailDelivery.objects.filter(key__in=keys).delete()


def release(keys):
    """Give up claims on emails that were not sent, so that a retry sends them at once."""
    EmailDelivery.objects.filter(key__in=keys, sent_at__isnull=True).delete()
