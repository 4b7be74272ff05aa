"""The demo's pages, images and snippets, made as an editor makes them: each page is added to
the tree and published through a revision, images are uploaded, snippets saved.

Everything is looked up by its slug, title or name first, so a second run finds it all and
changes nothing.
"""

import json
from datetime import date
from functools import partial
from io import BytesIO

from django.conf import settings
from django.core.files.images import ImageFile
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from campaign.models import CampaignPage, HomePage, OrganisationSettings, PetitionPage
from demo import stories
from demo.artwork import draw_illustration, draw_monogram
from news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageRelatedLink, NewsSource

CAMPAIGN_TAGS = ("firewall", "data sharing")

# Images ------------------------------------------------------------------------------------


def load_images():
    """The illustrations, by their key in demo.stories.ARTWORK."""
    images = {}
    for key, (title, motif, palette, seed, _alt) in stories.ARTWORK.items():
        images[key] = image(title, partial(draw_illustration, motif, palette, seed), f"{key}.png")
    return images


def image(title, draw, filename):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    return Image.objects.create(title=title, file=ImageFile(BytesIO(draw()), name=filename))


# Pages -------------------------------------------------------------------------------------


def load_home(images):
    """The home page, made the default Site's root."""
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title=stories.HOME["title"],
                slug="home-page",
                hero_heading=stories.HOME["hero_heading"],
                hero_text=stories.HOME["hero_text"],
                hero_image=images[stories.HOME["hero_image"]],
                hero_alt_text="",
            )
        )
        home.save_revision().publish()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    if site.root_page_id != home.pk:
        old_root = site.root_page if site.root_page_id else None
        site.root_page = home
        site.site_name = settings.SITE_NAME
        site.save()
        # Wagtail's install leaves a placeholder "Welcome" page; it has no place here.
        if old_root and old_root.specific_class is Page and not old_root.get_children():
            old_root.delete()
    return home


def load_news_index(home):
    return child_page(
        home,
        NewsIndexPage,
        "news",
        lambda: NewsIndexPage(
            title="News",
            slug="news",
            show_in_menus=True,
            intro="<p>The latest from our campaigns, and the reporting behind them.</p>",
        ),
    )


def load_campaign(home, images):
    data = stories.CAMPAIGN
    return child_page(
        home,
        CampaignPage,
        data["slug"],
        lambda: CampaignPage(
            title=data["title"],
            slug=data["slug"],
            show_in_menus=True,
            summary=data["summary"],
            hero_image=images[data["hero_image"]],
            body=stream(data["body"], images, None),
        ),
    )


def child_page(parent, model, slug, build):
    """The child of `parent` with this slug, or a new one from `build()`, published."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=build())
        page.save_revision().publish()
    return page


def stream(blocks, images, campaign):
    """Turn the demo's (type, value) pairs into StreamField JSON, resolving images and pages."""
    raw = []
    for block_type, value in blocks:
        if block_type == "image":
            value = {**value, "image": images[value["image"]].pk}
        elif block_type == "call_to_action":
            value = {**value, "page": campaign.pk}
        raw.append({"type": block_type, "value": value})
    return json.dumps(raw)


def tag(name):
    found = Tag.objects.filter(name__iexact=name).first()
    return found or Tag.objects.create(name=name)


# Stories -----------------------------------------------------------------------------------


def load_stories(news_index, campaign, images):
    """The stories, their categories and sources, and the related stories each picks."""
    categories = {
        slug: NewsCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
        for name, slug, description in stories.CATEGORIES
    }
    sources = {
        name: source(name, website, letters, palette)
        for name, website, letters, palette in stories.SOURCES
    }
    pages = {
        data["slug"]: story(news_index, campaign, images, categories, sources, data)
        for data in stories.STORIES
    }
    for data in stories.STORIES:
        link_related(pages[data["slug"]], [pages[slug] for slug in data["related"]])


def source(name, website, letters, palette):
    found = NewsSource.objects.filter(name=name).first()
    if found:
        return found
    logo = image(f"Badge: {name}", partial(draw_monogram, letters, palette), f"{letters}.png")
    return NewsSource.objects.create(name=name, website=website, logo=logo)


def story(news_index, campaign, images, categories, sources, data):
    existing = NewsPage.objects.child_of(news_index).filter(slug=data["slug"]).first()
    if existing:
        return existing
    page = NewsPage(
        title=data["title"],
        slug=data["slug"],
        standfirst=data["standfirst"],
        date_published=date.fromisoformat(data["date"]),
        category=categories[data["category"]],
        source=sources.get(data["source"]),
        source_url=data["source_url"],
        byline=data["byline"],
        hero_image=images[data["hero"]],
        hero_alt_text=stories.ARTWORK[data["hero"]][4],
        hero_caption=data["hero_caption"],
        hero_credit=stories.ILLUSTRATION_CREDIT,
        body=stream(data["body"], images, campaign),
    )
    news_index.add_child(instance=page)
    page.tags.add(*(tag(name) for name in data["tags"]))
    page.save_revision().publish()
    return page


def link_related(page, related):
    if page.related_links.exists() or not related:
        return
    for order, other in enumerate(related):
        NewsPageRelatedLink.objects.create(page=page, story=other, sort_order=order)
    page.refresh_from_db()
    page.save_revision().publish()


# The petition and the organisation ---------------------------------------------------------


def load_petition(campaign, images):
    """The petition under the campaign; the campaign gets its tags, which relate it to news."""
    data = stories.PETITION
    petition = child_page(
        campaign,
        PetitionPage,
        data["slug"],
        lambda: PetitionPage(
            title=data["title"],
            slug=data["slug"],
            addressed_to=data["addressed_to"],
            ask=data["ask"],
            goal=data["goal"],
            hero_image=images["records"],
            hero_alt_text=stories.ARTWORK["records"][4],
            body=stream(data["body"], images, campaign),
            thank_you_text=data["thank_you_text"],
            share_text=data["share_text"],
        ),
    )
    if not campaign.tags.exists():
        campaign.tags.add(*(tag(name) for name in CAMPAIGN_TAGS))
        campaign.save_revision().publish()
    return petition


def load_settings(home):
    org = OrganisationSettings.for_site(home.get_site())
    if not org.footer_text:
        org.footer_text = (
            "Safe Harbour Alliance is a demonstration charity. We campaign for the safety "
            "of migrant victims of crime, and for a firewall between the police and "
            "immigration enforcement."
        )
        org.contact_email = "hello@example.org"
        org.save()
