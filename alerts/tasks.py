"""Alert emails, sent in the background (immediately in development and tests).

- `send_subscribe_email`: the confirmation link for a pending subscription, or a note with
  the manage link for one already confirmed (so that the form itself says nothing).
- `send_alert`: the fan-out of one alert (a story's first publication, a petition update) in
  batches of subscribers by id. Each batch claims its emails in the outbox in one go
  (outbox.deliveries.claim_many) and writes each receipt as that email goes, so a worker
  killed half-way, a retried task or two workers on one alert send each person one email.
  The task keeps its place in the alert's cursor and hands the rest on to a fresh task after
  a time slice, so no task runs for long and memory holds one batch, whatever the list.
- `send_weekly_digest`: one email a week to those who chose a digest, with the stories of
  the past week that match what they follow, through the same batches and receipts.
- `purge_unconfirmed`: subscriptions never confirmed, deleted after ALERTS_UNCONFIRMED_DAYS.
"""

import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import task
from wagtail.models import Site

from alerts.emails import Rendered, message, render_pair
from alerts.links import (
    confirmation_token,
    link,
    manage_token,
    unsubscribe_token,
)
from alerts.models import Alert, Subscriber, Subscription
from alerts.retention import purge_unconfirmed_subscriptions
from alerts.topics import label_of
from campaign.models import PetitionPage, PetitionUpdate, Signature
from core.links import page_url
from news.models import NewsPage
from outbox import inbox_floor
from outbox.deliveries import (
    DeliveryInFlight,
    claim_many,
    delivery_key,
    mark_sent,
    release,
    send_once,
    unmark,
)
from outbox.retries import retrying_task

BATCH_SIZE = 500
# Emails whose receipts are written together, just before they are handed over.
GROUP_SIZE = 20
# A task hands the rest of its alert on to a fresh task after this many seconds.
TIME_SLICE = 20
# Refusals of one address, which no retry would change: that email is done, unsent.
REFUSED = (smtplib.SMTPRecipientsRefused,)
try:
    from anymail.exceptions import AnymailRecipientsRefused

    REFUSED = (*REFUSED, AnymailRecipientsRefused)
except ImportError:  # anymail is optional: plain SMTP works without it
    pass


def alert_key(email_hash, what):
    """The outbox key of one alert email to one inbox: the hash leads, so erasure finds an
    address's rows by prefix, and a signer who also follows the campaign shares one key."""
    return f"alert:{email_hash}:{what}"


def _subscription_page(subscription):
    """The page whose site the links start from: the campaign followed, else the home page
    of the default site."""
    if subscription.campaign_id:
        return subscription.campaign
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


@retrying_task()
def send_subscribe_email(attempt, subscription_id):
    """The link that confirms a pending subscription, or, for one already confirmed, a note
    that it is and the link to manage alerts. At most one a floor period per inbox."""
    subscription = (
        Subscription.objects.select_related("subscriber", "tag", "category", "campaign")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        return False
    subscriber = subscription.subscriber
    if attempt.number == 1 and not inbox_floor.claim(subscriber.email_hash, "alert"):
        return False
    page = _subscription_page(subscription)
    context = {
        "topic": label_of(subscription),
        "frequency": subscription.get_frequency_display().lower(),
        "manage_url": link(page, "alerts:manage", manage_token(subscriber)),
    }
    if subscription.is_confirmed:
        subject = f"You already get these alerts from {settings.SITE_NAME}"
        template = "alerts/emails/already_following"
    else:
        subject = f"Please confirm your story alerts from {settings.SITE_NAME}"
        template = "alerts/emails/confirm"
        context["confirm_url"] = link(page, "alerts:confirm", confirmation_token(subscription))
    text, html = render_pair(template, context)
    key = delivery_key(f"alert-subscribe:{subscriber.email_hash}", attempt)

    return send_once(key, lambda: message(subscriber.email, subject, text, html).send())


# The fan-out ---------------------------------------------------------------------------------


def _still_wanted(alert):
    """A story alert goes only while the story is live and public (no view restriction); an
    update only while its petition is."""
    if alert.kind == Alert.Kind.STORY:
        return NewsPage.objects.live().public().filter(pk=alert.story_id).exists()
    return (
        PetitionPage.objects.live()
        .public()
        .filter(pk=PetitionUpdate.objects.filter(pk=alert.petition_update_id).values("page_id")[:1])
        .exists()
    )


def _rendered(alert):
    if alert.kind == Alert.Kind.STORY:
        story = NewsPage.objects.select_related("category").get(pk=alert.story_id)
        context = {"story": story, "story_url": page_url(story), "tags": list(story.tags.all())}
        return story, Rendered.of(f"New story: {story.title}", "alerts/emails/story", context)
    update = PetitionUpdate.objects.select_related("page").get(pk=alert.petition_update_id)
    petition = update.page.specific
    context = {
        "update": update,
        "petition": petition,
        "petition_url": page_url(petition, f"#update-{update.pk}"),
    }
    subject = f"{update.get_kind_display()}: {petition.title}"
    return petition, Rendered.of(subject, "alerts/emails/petition_update", context)


def _next_subscribers(alert, frequency=Subscription.Frequency.INSTANT):
    """The next batch of subscribers (id, address, hash) following any of the alert's topics."""
    follows = Subscription.objects.filter(
        subscriber=OuterRef("pk"),
        topic_key__in=alert.topic_keys,
        status=Subscription.Status.CONFIRMED,
        frequency=frequency,
    )
    return list(
        Subscriber.objects.filter(pk__gt=alert.cursor)
        .filter(Exists(follows))
        .order_by("pk")
        .values_list("pk", "email", "email_hash")[:BATCH_SIZE]
    )


def _next_signers(alert):
    """The next batch of a petition's signers (id, address, hash) who opted in to hear more."""
    update = PetitionUpdate.objects.filter(pk=alert.petition_update_id).values("page_id")[:1]
    return list(
        Signature.objects.filter(
            petition_id=update,
            opt_in=True,
            status=Signature.Status.CONFIRMED,
            anonymised_at__isnull=True,
            pk__gt=alert.signer_cursor,
        )
        .order_by("pk")
        .values_list("pk", "email", "email_hash")[:BATCH_SIZE]
    )


def _url_maker(page, name):
    """A function token -> the absolute URL `name` with that token on the site serving
    `page`: the site's root and the route are looked up once per batch, not per email."""
    stand_in = "token-stand-in"
    template = link(page, name, stand_in)
    before, _, after = template.partition(stand_in)
    return lambda token: f"{before}{token}{after}"


def send_batch(rendered, page, what, recipients, manage_links=True):
    """Send `rendered` once to each (address, hash, subscriber id or None) of `recipients`.
    Returns (how many went, whether some were claimed by another worker moments ago).

    At most once: the emails are claimed (outbox.deliveries.claim_many), then, GROUP_SIZE at
    a time, built and checked, their receipts written in one statement, and only then handed
    to the mail backend. A worker killed while it hands over a group loses the rest of that
    group; it never sends anyone a second copy. An error from the backend takes back the
    receipts of the emails it did not take, so the retry sends them."""
    by_key = {alert_key(email_hash, what): (address, email_hash, pk) for address, email_hash, pk
              in recipients}  # fmt: skip
    claimed, in_flight = claim_many(list(by_key))
    manage_url = _url_maker(page, "alerts:manage")
    unsubscribe_url = _url_maker(page, "alerts:unsubscribe")
    sent = 0
    connection = get_connection()
    try:
        connection.open()
        for start in range(0, len(claimed), GROUP_SIZE):
            group = claimed[start : start + GROUP_SIZE]
            emails = []
            for key in group:
                address, email_hash, subscriber_id = by_key[key]
                manage = None
                if subscriber_id is not None and manage_links:
                    manage = manage_url(manage_token_for(subscriber_id, email_hash))
                email = rendered.to(
                    address,
                    manage,
                    unsubscribe_url(unsubscribe_token(email_hash)),
                    connection=connection,
                )
                email.message()  # built and checked now, not in the moment after the receipt
                emails.append(email)
            mark_sent(group)
            for handed, email in enumerate(emails):
                try:
                    sent += email.send()
                except REFUSED:
                    pass  # refused for good: the receipt stops it being tried again
                except BaseException:
                    unmark(group[handed:])
                    raise
    except BaseException:
        release(claimed)  # claims not yet sent (receipts written are kept)
        raise
    finally:
        connection.close()
    return sent, bool(in_flight)


def manage_token_for(subscriber_id, email_hash):
    return manage_token(Subscriber(pk=subscriber_id, email_hash=email_hash))


def _advance(alert, field, old, new, sent):
    """Move the alert's cursor from `old` to `new` unless another task moved it first; False
    if it did (that task carries on from there)."""
    return bool(
        Alert.objects.filter(pk=alert.pk, **{field: old}).update(
            **{field: new, "sent_count": alert.sent_count + sent}
        )
    )


def _fast_commits():
    """Receipts are written one per email; on PostgreSQL they need not wait for the disk.
    A worker that dies loses nothing committed this way (the server still writes it); only
    the database server crashing could lose the last moment's receipts, and with them send
    those emails again."""
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")


def _restore_commits():
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO DEFAULT")


@retrying_task()
def send_alert(attempt, alert_id):
    """Fan one alert out, batch by batch, for up to TIME_SLICE seconds; then hand the rest on
    to a fresh task. Returns how many emails this task sent."""
    started = time.monotonic()
    sent_here = 0
    page = rendered = None
    _fast_commits()
    try:
        while True:
            alert = Alert.objects.filter(pk=alert_id, status=Alert.Status.SENDING).first()
            if alert is None:
                return sent_here
            if not _still_wanted(alert):
                Alert.objects.filter(pk=alert_id).update(
                    status=Alert.Status.CANCELLED, finished_at=timezone.now()
                )
                return sent_here
            if rendered is None:
                page, rendered = _rendered(alert)
            batch = _next_subscribers(alert)
            if batch:
                recipients = [(address, key, pk) for pk, address, key in batch]
                sent, busy = send_batch(rendered, page, alert.pk, recipients)
                field, old, new = "cursor", alert.cursor, batch[-1][0]
            else:
                signers = _next_signers(alert) if alert.kind == Alert.Kind.PETITION_UPDATE else []
                if not signers:
                    break
                recipients = [(address, key, None) for _pk, address, key in signers]
                sent, busy = send_batch(rendered, page, alert.pk, recipients)
                field, old, new = "signer_cursor", alert.signer_cursor, signers[-1][0]
            sent_here += sent
            if busy:
                # Some of this batch were claimed by another worker moments ago: they may be
                # on their way, or that worker may have died. Keep the cursor here and come
                # back later (outbox/retries.py retries this task): by then each has its
                # receipt, or its claim has lapsed and this batch sends it.
                Alert.objects.filter(pk=alert.pk).update(sent_count=alert.sent_count + sent)
                raise DeliveryInFlight(f"alert {alert_id}")
            if not _advance(alert, field, old, new, sent):
                return sent_here
            if time.monotonic() - started > TIME_SLICE:
                send_alert.enqueue(alert_id)
                return sent_here
        Alert.objects.filter(pk=alert_id, status=Alert.Status.SENDING).update(
            status=Alert.Status.SENT, finished_at=timezone.now()
        )
        return sent_here
    finally:
        _restore_commits()


# The weekly digest -------------------------------------------------------------------------


def week_label(moment):
    year, week, _ = timezone.localtime(moment).isocalendar()
    return f"{year}-W{week:02d}"


@retrying_task()
def send_weekly_digest(attempt, week=None, after=0):
    """One email to each subscriber who chose a weekly digest, listing the stories first
    published in the seven days before now that match what they follow. Run weekly by a
    scheduler (`manage.py send_alert_digest`). Sent at most once per subscriber per week;
    like `send_alert`, it walks subscribers by id from `after` and hands the rest on to a
    fresh task after a time slice."""
    started = time.monotonic()
    now = timezone.now()
    week = week or week_label(now)
    alerts = list(
        Alert.objects.filter(
            kind=Alert.Kind.STORY,
            status__in=[Alert.Status.SENDING, Alert.Status.SENT],
            created_at__gte=now - timedelta(days=7),
            story__live=True,
        )
        .select_related("story")
        .order_by("-created_at")
    )
    if not alerts:
        return 0
    cursor, sent_total = after, 0
    rendered_for = {}
    while True:
        follows = Subscription.objects.filter(
            subscriber=OuterRef("pk"),
            status=Subscription.Status.CONFIRMED,
            frequency=Subscription.Frequency.WEEKLY,
        )
        batch = list(
            Subscriber.objects.filter(pk__gt=cursor)
            .filter(Exists(follows))
            .order_by("pk")
            .values_list("pk", "email", "email_hash")[:BATCH_SIZE]
        )
        if not batch:
            return sent_total
        topics = {}
        for subscriber_id, key in Subscription.objects.filter(
            subscriber_id__in=[row[0] for row in batch],
            status=Subscription.Status.CONFIRMED,
            frequency=Subscription.Frequency.WEEKLY,
        ).values_list("subscriber_id", "topic_key"):
            topics.setdefault(subscriber_id, set()).add(key)
        # Subscribers who follow the same stories get the same email: group them by it.
        groups = {}
        for pk, address, email_hash in batch:
            followed = topics.get(pk, set())
            stories = tuple(alert.story_id for alert in alerts if followed & set(alert.topic_keys))
            if stories:
                groups.setdefault(stories, []).append((address, email_hash, pk))
        busy = False
        for stories, recipients in groups.items():
            if stories not in rendered_for:
                chosen = [alert.story for alert in alerts if alert.story_id in stories]
                context = {"stories": [(story, page_url(story)) for story in chosen], "week": week}
                rendered_for[stories] = (
                    chosen[0],
                    Rendered.of(
                        f"This week's stories from {settings.SITE_NAME}",
                        "alerts/emails/digest",
                        context,
                    ),
                )
            page, rendered = rendered_for[stories]
            sent, in_flight = send_batch(rendered, page, f"digest:{week}", recipients)
            sent_total += sent
            busy = busy or in_flight
        if busy:
            # As in send_alert: come back to this batch once the other claims have settled.
            raise DeliveryInFlight(f"digest {week} after {cursor}")
        cursor = batch[-1][0]
        if time.monotonic() - started > TIME_SLICE:
            send_weekly_digest.enqueue(week=week, after=cursor)
            return sent_total


@task()
def purge_unconfirmed():
    """For a scheduler: delete subscriptions never confirmed within ALERTS_UNCONFIRMED_DAYS,
    and subscribers left with none. Returns how many subscriptions went."""
    return purge_unconfirmed_subscriptions()


def enqueue_on_commit(alert_id):
    transaction.on_commit(lambda: send_alert.enqueue(alert_id))
