"""RSS and Atom feeds of a newsroom's stories, for the whole site or one tag."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 20


class NewsRSSFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index, tag=None):
        super().__init__()
        self.index = index
        self.tag = tag

    def title(self):
        site_name = self.index.get_site().site_name or self.index.title
        if self.tag:
            return f"{site_name}: stories tagged {self.tag.name}"
        return f"{site_name}: {self.index.title}"

    def link(self):
        if self.tag:
            return self.index.url + self.index.reverse_subpage("tag", args=[self.tag.slug])
        return self.index.url

    def description(self):
        return "The latest news from our campaigns."

    def items(self):
        stories = self.index.stories().select_related("category")
        if self.tag:
            stories = stories.filter(tags=self.tag)
        return stories[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        # The date readers see on the story, not when the page happened to go live.
        return timezone.make_aware(datetime.combine(item.date_published, time(9)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name] if item.category else []


class NewsAtomFeed(NewsRSSFeed):
    feed_type = Atom1Feed
    subtitle = NewsRSSFeed.description
