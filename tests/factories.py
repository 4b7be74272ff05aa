"""Factories for test data: pages are added under a parent and published through a revision,
as an editor would, so tests see exactly what visitors see."""

import datetime
import json

import factory
from factory.django import DjangoModelFactory
from wagtail.images import get_image_model
from wagtail.models import Page

from campaign.models import CampaignPage, HomePage
from news.models import NewsCategory, NewsIndexPage, NewsPage, NewsSource


class ImageFactory(DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField(width=1600, height=900, color="navy")


class NewsCategoryFactory(DjangoModelFactory):
    class Meta:
        model = NewsCategory
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda obj: obj.name.lower().replace(" ", "-").replace("&", ""))


class NewsSourceFactory(DjangoModelFactory):
    class Meta:
        model = NewsSource

    name = factory.Sequence(lambda n: f"Source {n}")
    website = factory.LazyAttribute(
        lambda obj: f"https://{obj.name.lower().replace(' ', '')}.example"
    )


class PublishedPageFactory(DjangoModelFactory):
    """Adds the page under `parent` and publishes it (pass live=False for a draft)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, live=True, tags=(), **kwargs):
        page = model_class(*args, **kwargs)
        parent = parent or Page.get_first_root_node()
        parent.add_child(instance=page)
        if tags:
            page.tags.add(*tags)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.unpublish()
        page.refresh_from_db()
        return page


class HomePageFactory(PublishedPageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    slug = factory.Sequence(lambda n: f"home-{n}")
    hero_heading = "Every victim of crime deserves to be safe"


class NewsIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"
    slug = "news"


class CampaignPageFactory(PublishedPageFactory):
    class Meta:
        model = CampaignPage

    title = "A firewall for victims"
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    summary = "Police should protect victims, not report them."


def paragraph(text="<p>Police passed victims' details to immigration enforcement.</p>"):
    return {"type": "paragraph", "value": text}


class NewsPageFactory(PublishedPageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Story number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    standfirst = "A short summary of what happened and why it matters."
    date_published = factory.Sequence(
        lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n)
    )
    body = factory.LazyFunction(lambda: json.dumps([paragraph()]))


class PetitionPageFactory(PublishedPageFactory):
    class Meta:
        model = "campaign.PetitionPage"

    title = factory.Sequence(lambda n: f"Petition {n}")
    slug = factory.Sequence(lambda n: f"petition-{n}")
    addressed_to = "The Home Secretary"
    ask = "Stop police passing victims' details to immigration enforcement."
    goal = 100
    share_text = "I signed. Will you?"


class SignatureFactory(DjangoModelFactory):
    class Meta:
        model = "campaign.Signature"

    first_name = factory.Sequence(lambda n: f"Signer{n}")
    last_name = "Tester"
    email = factory.Sequence(lambda n: f"signer{n}@example.org")
    email_hash = factory.LazyAttribute(lambda obj: _email_hash(obj.email))
    country = "GB"


# Comments --------------------------------------------------------------------------------------


class CommenterFactory(DjangoModelFactory):
    class Meta:
        model = "comments.Commenter"

    email = factory.Sequence(lambda n: f"supporter{n}@example.org")
    email_hash = factory.LazyAttribute(lambda obj: _email_hash(obj.email))
    confirmed_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))


def _email_hash(email):
    from core.identity import email_hash

    return email_hash(email)


class CommentFactory(DjangoModelFactory):
    """An approved top comment unless told otherwise; replies take `parent`."""

    class Meta:
        model = "comments.Comment"
        skip_postgeneration_save = True

    commenter = factory.SubFactory(CommenterFactory)
    name = factory.Sequence(lambda n: f"Supporter {n}")
    body = "Thank you for reporting this. Victims should be able to go to the police safely."
    status = "approved"
    published_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    # Posted by its address's owner; pass proven_at=None for one anybody could have posted.
    proven_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    depth = factory.LazyAttribute(lambda obj: obj.parent.depth + 1 if obj.parent else 1)
    page = factory.LazyAttribute(lambda obj: obj.parent.page if obj.parent else None)
    parent = None

    @factory.post_generation
    def thread_link(obj, create, extracted, **kwargs):
        # Each comment records its conversation's top comment (itself for a top comment).
        obj.thread_id = obj.parent.thread_id if obj.parent else obj.pk
        if create:
            obj.save(update_fields=["thread"])


class SubscriptionFactory(DjangoModelFactory):
    class Meta:
        model = "comments.Subscription"

    commenter = factory.SubFactory(CommenterFactory)
    kind = "follow_ups"


# Alerts ----------------------------------------------------------------------------------------


class AlertSubscriberFactory(DjangoModelFactory):
    class Meta:
        model = "alerts.Subscriber"

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    email_hash = factory.LazyAttribute(lambda obj: _email_hash(obj.email))


class AlertSubscriptionFactory(DjangoModelFactory):
    """A confirmed subscription to every story, as each story goes, unless told otherwise;
    pass `tag`, `category` or `campaign` (with the matching `kind`) for a narrower topic."""

    class Meta:
        model = "alerts.Subscription"

    subscriber = factory.SubFactory(AlertSubscriberFactory)
    kind = "all"
    topic_key = factory.LazyAttribute(
        lambda obj: "all" if obj.kind == "all" else f"{obj.kind}:{getattr(obj, obj.kind).pk}"
    )
    frequency = "instant"
    status = "confirmed"
    consent_version = "test"
    confirmed_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
