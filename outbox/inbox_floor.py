"""At most one visitor-triggered email of each kind a minute per inbox, across the whole site.

Signing a petition again, or commenting again before confirming, sends an email. Rate limits
(in the cache) stop a flood from one connection, but they fail open when the cache is down,
and many connections can aim at one inbox. This floor is held in the database, per inbox (the
keyed hash of the address, so every spelling shares it) and per kind of email: the first
signing email and the first comment confirmation in EMAIL_REPEAT_FLOOR_SECONDS go, the others
are skipped. Per kind, so that a supporter who signs and then comments within the minute
still gets the link that confirms their comment.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.identity import email_hash
from outbox.models import EmailDelivery


def floor():
    return timedelta(seconds=settings.EMAIL_REPEAT_FLOOR_SECONDS)


PREFIX = "inbox-floor"


def _key(inbox_hash, kind):
    return f"{PREFIX}:{inbox_hash}:{kind}"


def claim(inbox_hash, kind):
    """True for the first call for this inbox and kind of email ("signing", "comment") in a
    floor period, False for the others, even when several workers ask at once: the row is
    locked while it is read and moved."""
    if floor() <= timedelta(0):
        return True
    now = timezone.now()
    with transaction.atomic():
        row, created = EmailDelivery.objects.select_for_update().get_or_create(
            key=_key(inbox_hash, kind), defaults={"claimed_at": now, "sent_at": now}
        )
        if created:
            return True
        if row.sent_at and row.sent_at > now - floor():
            return False
        row.claimed_at = row.sent_at = now
        row.save(update_fields=["claimed_at", "sent_at"])
        return True


def erase_inbox(email, user=None):
    """For core.data_rights: the floor's rows name the inbox by its hash. Returns how many
    rows went."""
    prefix = f"{PREFIX}:{email_hash(email)}:"
    return EmailDelivery.objects.filter(key__startswith=prefix).delete()[0]
