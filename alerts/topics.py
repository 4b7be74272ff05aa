"""What a supporter can follow, as the keys subscriptions are stored and looked up by.

A topic is "all" (every story), "tag:<id>", "category:<id>" or "campaign:<id>". A story
reaches the followers of every topic it belongs to: everything, each of its tags, its
category, and each live campaign that lists it (a campaign lists the stories that share one
of its tags, campaign/models/pages.py). A petition update reaches its campaign's followers.
"""

import hashlib
from dataclasses import dataclass

from taggit.models import Tag

from alerts.models import Subscription
from campaign.models import CampaignPage, CampaignPageTag
from core.typed_numbers import row_id
from news.models import NewsCategory

EVERYTHING = "all"

# The words beside the subscribe button. Each subscription stores the fingerprint of the
# wording its owner saw (`consent_version`), as each signature does for the petition opt-in.
CONSENT_WORDING = (
    "Email me when a story is published on what I chose. We will send a link to confirm; "
    "every email has a one-click unsubscribe. We use your address for nothing else."
)


def consent_version(wording=CONSENT_WORDING):
    """A short fingerprint of the consent wording: it changes whenever the wording does."""
    return hashlib.sha256(wording.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Topic:
    key: str
    kind: str
    label: str
    tag: Tag | None = None
    category: NewsCategory | None = None
    campaign: CampaignPage | None = None


def _topic(key, kind, **target):
    label = Subscription(kind=kind, **target).topic_label
    return Topic(key, kind, label, **target)


def everything():
    return _topic(EVERYTHING, Subscription.Kind.EVERYTHING)


def tag_topic(tag):
    return _topic(f"tag:{tag.pk}", Subscription.Kind.TAG, tag=tag)


def category_topic(category):
    return _topic(f"category:{category.pk}", Subscription.Kind.CATEGORY, category=category)


def campaign_topic(campaign):
    return _topic(f"campaign:{campaign.pk}", Subscription.Kind.CAMPAIGN, campaign=campaign)


def topic_from_key(key):
    """The Topic a posted key names, or None if it names nothing that can be followed: a
    malformed key, a tag, category or campaign that does not exist, or a campaign not live."""
    if key == EVERYTHING:
        return everything()
    kind, _, number = (key or "").partition(":")
    pk = row_id(number)
    if pk is None:
        return None
    if kind == "tag":
        tag = Tag.objects.filter(pk=pk).first()
        return tag_topic(tag) if tag else None
    if kind == "category":
        category = NewsCategory.objects.filter(pk=pk).first()
        return category_topic(category) if category else None
    if kind == "campaign":
        campaign = CampaignPage.objects.live().public().filter(pk=pk).first()
        return campaign_topic(campaign) if campaign else None
    return None


def label_of(subscription):
    """What a subscription follows, in words."""
    return subscription.topic_label


def story_topic_keys(story):
    """Every topic whose followers hear of `story`."""
    tag_ids = list(story.tags.values_list("pk", flat=True))
    keys = [EVERYTHING, *(f"tag:{pk}" for pk in tag_ids)]
    if story.category_id:
        keys.append(f"category:{story.category_id}")
    if tag_ids:
        campaigns = (
            CampaignPage.objects.live()
            .public()
            .filter(
                pk__in=CampaignPageTag.objects.filter(tag_id__in=tag_ids).values(
                    "content_object_id"
                )
            )
            .values_list("pk", flat=True)
        )
        keys.extend(f"campaign:{pk}" for pk in campaigns)
    return keys


def update_topic_keys(update):
    """The topics whose followers hear of a petition update: its campaign's, if it has one."""
    parent = update.page.get_parent()
    if parent is not None and parent.specific_class is CampaignPage:
        return [f"campaign:{parent.pk}"]
    return []
