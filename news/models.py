"""News: the index of stories, the story page, and the snippets stories are filed under."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from comments.models import CommentsMixin
from content.blocks import StoryBodyBlock
from news.cards import story_cards
from news.feeds import NewsAtomFeed, NewsRSSFeed
from news.related import related_stories_for
from pagecache import fragments, versions
from pagecache.query_strings import whole_page_number
from pagecache.restrictions import CachedViewRestrictionsMixin

POSTS_PER_PAGE = 10


class NewsCategory(models.Model):
    """A section stories are filed under, such as "Law & Policy"."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in the address: /news/category/<slug>/"
    )
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "news categories"

    def __str__(self):
        return self.name


class NewsSource(index.Indexed, models.Model):
    """A publication whose reporting a story credits, with its logo and website."""

    name = models.CharField(max_length=120, unique=True)
    website = models.URLField(blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("name"), FieldPanel("website"), FieldPanel("logo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


LISTING_KEPT_SECONDS = 3600


class NewsIndexPage(CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    """The newsroom: every story newest first, filtered by category or tag, searchable, with
    RSS and Atom feeds. One per site, directly under the home page."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["campaign.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    def stories(self):
        return (
            NewsPage.objects.live().public().descendant_of(self).order_by("-date_published", "-pk")
        )

    def paginate(self, request, queryset):
        paginator = Paginator(queryset, POSTS_PER_PAGE)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)

    def listing(self, request, queryset, **context):
        # Lazily: the template keeps a rendered listing between renders (until a story is
        # published or the site changes) and asks for these only when it renders it again.
        page_of_stories = SimpleLazyObject(lambda: self.paginate(request, queryset))
        return self.render(
            request,
            context_overrides={
                "stories": page_of_stories,
                "cards": SimpleLazyObject(lambda: story_cards(page_of_stories.object_list)),
                "categories": SimpleLazyObject(lambda: list(NewsCategory.objects.all())),
                "page_number": whole_page_number(request.GET.get("page", "")) or "1",
                # How long the template keeps the rendered listing; a search, not at all.
                "kept_seconds": 0 if context.get("is_search") else LISTING_KEPT_SECONDS,
                **context,
            },
        )

    def get_cached_paths(self):
        """Every address the newsroom serves from a cache: itself, its feeds, and the listing
        (and feeds) of each category and tag, so that a CDN purge reaches them all."""
        paths = ["/", "feed/rss/", "feed/atom/"]
        paths += [
            f"category/{slug}/" for slug in NewsCategory.objects.values_list("slug", flat=True)
        ]
        for slug in (
            Tag.objects.filter(news_newspagetag_items__isnull=False)
            .distinct()
            .values_list("slug", flat=True)
        ):
            paths += [f"tag/{slug}/", f"tag/{slug}/feed/rss/", f"tag/{slug}/feed/atom/"]
        return paths

    @path("")
    def all_stories(self, request):
        return self.listing(request, self.stories())

    @path("category/<slug:slug>/", name="category")
    def by_category(self, request, slug):
        category = get_object_or_404(NewsCategory, slug=slug)
        return self.listing(
            request,
            self.stories().filter(category=category),
            active_category=category,
            heading=category.name,
        )

    @path("tag/<slug:slug>/", name="tag")
    def by_tag(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        return self.listing(
            request,
            self.stories().filter(tags=tag),
            active_tag=tag,
            heading=f"Stories tagged “{tag.name}”",
        )

    @path("search/", name="search")
    def search(self, request):
        query = request.GET.get("q", "").strip()[:200]
        results = self.stories().search(query) if query else NewsPage.objects.none()
        return self.listing(
            request, results, search_query=query, heading="Search the news", is_search=True
        )

    @path("feed/rss/", name="rss")
    def rss(self, request):
        return NewsRSSFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom(self, request):
        return NewsAtomFeed(self)(request)

    @path("tag/<slug:slug>/feed/rss/", name="tag_rss")
    def tag_rss(self, request, slug):
        return NewsRSSFeed(self, get_object_or_404(Tag, slug=slug))(request)

    @path("tag/<slug:slug>/feed/atom/", name="tag_atom")
    def tag_atom(self, request, slug):
        return NewsAtomFeed(self, get_object_or_404(Tag, slug=slug))(request)


class NewsPage(CachedViewRestrictionsMixin, CommentsMixin, Page):
    """A dated news story: who reported it, what it is filed under, and the story itself."""

    standfirst = models.TextField(
        max_length=400, help_text="One or two sentences under the headline that sum up the story."
    )
    # Empty until the story is first published, unless the editor sets it: a draft started on
    # Monday and published on Thursday says Thursday (filled in `save`). A live story always
    # has one, so listings, feeds and the sitemap never meet an empty date.
    date_published = models.DateField(
        "Published on",
        null=True,
        blank=True,
        help_text="Leave empty to use the day it is first published. The date readers see, "
        "which may differ from when it went live.",
    )
    category = models.ForeignKey(
        NewsCategory, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    source = models.ForeignKey(
        NewsSource,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name="news source",
        help_text="The publication whose reporting this story credits.",
    )
    source_url = models.URLField("source article URL", blank=True)
    byline = models.CharField(
        max_length=200, blank=True, help_text="Authors, e.g. “By the campaigns team”."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_alt_text = models.CharField(
        max_length=250, blank=True, help_text="Describe the banner. Leave blank to use its title."
    )
    hero_caption = models.CharField(max_length=300, blank=True)
    hero_credit = models.CharField(max_length=200, blank=True)
    body = StreamField(StoryBodyBlock())
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)
    hold_alert = models.BooleanField(
        "hold the email alert",
        default=False,
        help_text="Tick before first publishing a correction or a minor update: nobody who "
        "follows this story's topics is emailed. Alerts go only on first publication.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [
                FieldPanel("date_published"),
                FieldPanel("byline"),
                FieldPanel("category"),
                FieldPanel("hold_alert"),
            ],
            heading="Publication",
        ),
        MultiFieldPanel([FieldPanel("source"), FieldPanel("source_url")], heading="News source"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_credit"),
            ],
            heading="Hero banner",
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel(
            "related_links",
            label="Related stories",
            help_text="Pick stories to show first; the rest are chosen by shared tags.",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("byline"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date_published"),
        index.FilterField("category"),
    ]

    api_fields = [
        APIField("standfirst"),
        APIField("date_published"),
        APIField("byline"),
        APIField("category_detail"),
        APIField("source_detail"),
        APIField("source_url"),
        APIField("hero_detail"),
        APIField("tag_names"),
        APIField("body"),
        APIField("related_stories"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    # Publishing or unpublishing a story changes the list of stories, shown by home, the
    # newsroom, feeds and every story's side boxes; not the whole site (pagecache/).
    page_cache_publish_changes = (versions.STORIES,)
    # Shown on every story: loaded with it when it is served (pagecache/routing.py).
    serve_select_related = ("category", "source__logo", "hero_image")

    class Meta:
        verbose_name = "news story"
        verbose_name_plural = "news stories"

    def save(self, *args, **kwargs):
        if self.date_published is None and (self.live or self.first_published_at):
            self.date_published = first_publication_date(self)
        return super().save(*args, **kwargs)

    @cached_property
    def related(self):
        """Up to three live stories: the editor's picks, then those sharing most tags."""
        return related_stories_for(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazily: the template keeps the box rendered, and asks only when it is not.
        context["related_cards"] = SimpleLazyObject(lambda: self.related_cards(request))
        # specific_deferred: the index's routes without loading its fields (a plain Page has none).
        context["index"] = self.get_parent().specific_deferred
        return context

    def related_cards(self, request):
        """The related stories' cards, kept between renders until a story is published
        (pagecache/fragments.py); worked out afresh in a preview, whose picks and tags are
        the editor's unsaved ones."""
        if getattr(request, "is_preview", False):
            return story_cards(self.related)
        return fragments.cached(
            f"related-stories:{self.pk}", {versions.STORIES}, lambda: story_cards(self.related)
        )

    # Read-only views of related data for the API, kept flat so clients need no second call.
    @property
    def category_detail(self):
        if self.category is None:
            return None
        return {"name": self.category.name, "slug": self.category.slug}

    @property
    def source_detail(self):
        if self.source is None:
            return None
        return {"name": self.source.name, "website": self.source.website}

    @property
    def hero_detail(self):
        if self.hero_image is None:
            return None
        rendition = self.hero_image.get_rendition("fill-1200x630")
        return {
            "url": rendition.full_url,
            "alt": self.hero_alt_text or self.hero_image.title,
            "caption": self.hero_caption,
            "credit": self.hero_credit,
        }

    @property
    def tag_names(self):
        return [tag.name for tag in self.tags.all()]

    @property
    def related_stories(self):
        return [
            {
                "id": story.pk,
                "title": story.title,
                "url": story.full_url,
                "date_published": story.date_published.isoformat(),
            }
            for story in self.related
        ]


def first_publication_date(story):
    """The day, in the site's time zone, the story was (or is now being) first published."""
    if story.first_published_at is not None:
        return timezone.localdate(story.first_published_at)
    return timezone.localdate()


class NewsPageRelatedLink(Orderable):
    """A story the editor picked to show in the "Related stories" box."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    story = models.ForeignKey(NewsPage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("story", "news.NewsPage")]
