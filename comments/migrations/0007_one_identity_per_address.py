"""One commenter per address under core.identity's rule (case, spaces, +tags, Gmail dots).

Commenters were keyed by an HMAC of the lower-cased address with the secret key. This
recomputes every key with core.identity.email_hash, merges the commenters the new rule makes
one person (their comments move to one record, subscriptions are deduplicated, the earliest
creation and confirmation are kept), and re-keys the bans made through them, so that a ban on
troll@example.org now also stops troll+x@example.org.

A ban whose address no commenter holds any more cannot be re-keyed (the address is unknown);
it keeps its old key, which is still the new one for a plain address and an unchanged key.
"""

import hashlib
import hmac
from collections import defaultdict

from django.conf import settings
from django.db import migrations

from core.identity import email_hash


def old_hash(address):
    """The key commenters and bans had before: HMAC(SECRET_KEY, lower-cased address)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (address or "").strip().lower().encode(), hashlib.sha256).hexdigest()


def by_new_key(Commenter):
    """Commenters grouped by their new key, earliest first. A commenter without an address
    keeps its key, and joins the group whose new key it already holds, if any."""
    groups = defaultdict(list)
    blank = []
    for commenter in Commenter.objects.order_by("created_at", "pk").iterator():
        if commenter.email:
            groups[email_hash(commenter.email)].append(commenter)
        else:
            blank.append(commenter)
    for commenter in blank:
        if commenter.email_hash in groups:
            groups[commenter.email_hash].append(commenter)
    return groups


def rekey_bans(Ban, groups):
    """Bans name an old key; find whose it was through the commenters, who still hold it."""
    new_for_old = {}
    for key, members in groups.items():
        for commenter in members:
            new_for_old[commenter.email_hash] = key
            if commenter.email:
                new_for_old[old_hash(commenter.email)] = key
    for old, new in new_for_old.items():
        if old != new:
            Ban.objects.filter(email_hash=old).update(email_hash=new)


def merge(apps, members):
    """Fold `members` (one person) into one commenter; returns it."""
    Comment = apps.get_model("comments", "Comment")
    Subscription = apps.get_model("comments", "Subscription")
    confirmed = [m for m in members if m.confirmed_at]
    # The survivor's address is one its owner proved, if any was.
    survivor = (confirmed or members)[0]
    others = [m for m in members if m.pk != survivor.pk]
    survivor.created_at = min(m.created_at for m in members)
    survivor.confirmed_at = min((m.confirmed_at for m in confirmed), default=None)
    Comment.objects.filter(commenter__in=others).update(commenter=survivor)
    for subscription in Subscription.objects.filter(commenter__in=others):
        duplicate = Subscription.objects.filter(
            commenter=survivor, page_id=subscription.page_id, kind=subscription.kind
        ).exists()
        if duplicate:
            subscription.delete()
        else:
            Subscription.objects.filter(pk=subscription.pk).update(commenter=survivor)
    type(survivor).objects.filter(pk__in=[m.pk for m in others]).delete()
    return survivor


def one_identity(apps, schema_editor):
    Commenter = apps.get_model("comments", "Commenter")
    Ban = apps.get_model("comments", "Ban")
    groups = by_new_key(Commenter)
    rekey_bans(Ban, groups)
    survivors = {key: merge(apps, members) for key, members in groups.items()}
    for key, survivor in survivors.items():
        Commenter.objects.filter(pk=survivor.pk).update(
            email_hash=key, created_at=survivor.created_at, confirmed_at=survivor.confirmed_at
        )


class Migration(migrations.Migration):
    dependencies = [("comments", "0006_mark_proven_comments")]

    operations = [migrations.RunPython(one_identity, migrations.RunPython.noop)]
