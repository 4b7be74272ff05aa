"""When an alert is queued: a story's first publication, and a petition update's first
publication with its page.

Wagtail sets `first_published_at` only the first time a page goes live, to the same moment as
`last_published_at`; every later publication (an edit, or going live again after being
unpublished) leaves it. So a story's alert is queued when the two are equal, and the alert row
is one per story (a one-to-one key), so even a publication that arrives twice queues once. An
editor who ticked "Hold the email alert" gets a held alert: nothing is sent then, or later.

A petition update is emailed when the petition is first published with it: each update has
at most one alert, and an update whose editor unticked "email this update" has none.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from alerts.models import Alert
from alerts.tasks import enqueue_on_commit
from alerts.topics import story_topic_keys, update_topic_keys
from campaign.models import PetitionPage, PetitionUpdate
from news.models import NewsPage


def is_first_publication(page):
    return (
        page.first_published_at is not None
        and page.last_published_at is not None
        and page.first_published_at == page.last_published_at
    )


def _create(**fields):
    """The alert, or None if one exists for this story or update already."""
    try:
        with transaction.atomic():
            return Alert.objects.create(**fields)
    except IntegrityError:
        return None


def queue_story_alert(story):
    """Queue (or hold) the alert of a story just published for the first time."""
    held = bool(getattr(story, "hold_alert", False))
    alert = _create(
        kind=Alert.Kind.STORY,
        story=story,
        title=story.title[:255],
        topic_keys=story_topic_keys(story),
        status=Alert.Status.HELD if held else Alert.Status.SENDING,
        finished_at=timezone.now() if held else None,
    )
    if alert is not None and not held:
        enqueue_on_commit(alert.pk)
    return alert


def queue_update_alerts(petition):
    """Queue the alert of each update on `petition` that should be emailed and has not been."""
    already = Alert.objects.filter(petition_update__page=petition).values("petition_update_id")
    updates = PetitionUpdate.objects.filter(page=petition, email_supporters=True).exclude(
        pk__in=already
    )
    queued = []
    for update in updates.select_related("page"):
        alert = _create(
            kind=Alert.Kind.PETITION_UPDATE,
            petition_update=update,
            title=update.title[:255],
            topic_keys=update_topic_keys(update),
        )
        if alert is not None:
            enqueue_on_commit(alert.pk)
            queued.append(alert)
    return queued


def page_was_published(sender, instance, **kwargs):
    if isinstance(instance, NewsPage):
        if is_first_publication(instance):
            queue_story_alert(instance)
    elif isinstance(instance, PetitionPage):
        queue_update_alerts(instance)


def page_was_unpublished(sender, instance, **kwargs):
    """A story taken down before its alert has gone sends nothing more (the fan-out checks
    before each batch too)."""
    if isinstance(instance, NewsPage):
        Alert.objects.filter(story=instance, status=Alert.Status.SENDING).update(
            status=Alert.Status.CANCELLED, finished_at=timezone.now()
        )


def connect_signals():
    page_published.connect(page_was_published, dispatch_uid="alerts-page-published")
    page_unpublished.connect(page_was_unpublished, dispatch_uid="alerts-page-unpublished")
