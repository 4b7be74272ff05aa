"""Subscribing: the one path the form takes, answering the same whatever the address's state.

Whether the address is new, pending, already following the topic or following others, the
database work is the same statements (an insert that does nothing if the row exists, then a
read) and the answer is the same page; what differs happens in the background task, which
sends a confirmation link to a pending subscription and a "you already follow this" note to a
confirmed one, at most one alert email of either kind a minute per inbox
(outbox/inbox_floor.py). Nothing is followed until its owner presses the button behind the
emailed link, so nobody can subscribe anyone else.
"""

from django.conf import settings
from django.db import transaction
from django_ratelimit.core import is_ratelimited

from alerts.models import Subscriber, Subscription
from alerts.tasks import send_subscribe_email
from alerts.topics import consent_version
from core.identity import email_hash
from core.privacy import ratelimit_key
from core.refusals import Refusal

HONEYPOT = (
    400,
    "suspected_bot",
    "Leave the field headed “Leave this empty” empty, then send again.",
)
RATE_LIMITED = (
    429,
    "rate_limited",
    "Several sign-ups have come from your connection just now. Please wait a while and try again.",
)


def check_not_refused(request, honeypot):
    """The honeypot, then the rate limit per connection. Neither depends on the address."""
    if honeypot:
        raise Refusal(*HONEYPOT)
    if is_ratelimited(
        request,
        group="alerts.subscribe",
        key=ratelimit_key,
        rate=settings.ALERTS_SUBSCRIBE_RATE,
        increment=True,
    ):
        raise Refusal(*RATE_LIMITED)


def subscribe(request, *, email, topic, frequency, honeypot=""):
    """Ask to follow `topic` (an alerts.topics.Topic) at `frequency`. Raises Refusal; returns
    nothing a caller could tell apart by the address."""
    check_not_refused(request, honeypot)
    key = email_hash(email)
    with transaction.atomic():
        Subscriber.objects.bulk_create(
            [Subscriber(email=email.strip(), email_hash=key)], ignore_conflicts=True
        )
        subscriber = Subscriber.objects.get(email_hash=key)
        Subscription.objects.bulk_create(
            [
                Subscription(
                    subscriber=subscriber,
                    kind=topic.kind,
                    tag=topic.tag,
                    category=topic.category,
                    campaign=topic.campaign,
                    topic_key=topic.key,
                    frequency=frequency,
                    consent_version=consent_version(),
                )
            ],
            ignore_conflicts=True,
        )
        # A pending request takes the frequency and wording of the latest; a confirmed one
        # changes only through its owner's manage link.
        Subscription.objects.filter(
            subscriber=subscriber, topic_key=topic.key, status=Subscription.Status.PENDING
        ).update(frequency=frequency, consent_version=consent_version())
        subscription_id = Subscription.objects.filter(
            subscriber=subscriber, topic_key=topic.key
        ).values_list("pk", flat=True)[0]
        # Emails go to the address first stored for this identity: every spelling of it
        # reaches the same inbox, and only its owner's links may change anything.
        transaction.on_commit(lambda: send_subscribe_email.enqueue(subscription_id))
