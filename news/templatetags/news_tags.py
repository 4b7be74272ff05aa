"""Template tags for news: feeds in <head>, canonical links, and the "Latest stories" box."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from comments.story_section import on_story
from comments.threads import counts
from core.links import page_url
from core.sharing import share_links
from news.cards import story_cards
from news.models import NewsIndexPage, NewsPage
from pagecache import fragments, versions

register = template.Library()

LATEST_COUNT = 3


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The address search engines should index: no query string except the number of the
    page of stories actually shown. Never what was typed: `?page=²` (which `isdigit()`
    accepts) or a page past the last would otherwise be announced as a page of its own."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    number = getattr(context.get("stories"), "number", 1)
    if number != 1:
        url += f"?page={number}"
    return url


@register.simple_tag(takes_context=True)
def news_feed_links(context):
    """<link> tags announcing the site's feeds, and the current tag's feeds on a tag listing."""
    request = context["request"]
    index = context.get("news_index_for_feeds") or newsroom()
    if index is None:
        return ""
    links = [
        ("application/rss+xml", "All stories (RSS)", index.url + index.reverse_subpage("rss")),
        ("application/atom+xml", "All stories (Atom)", index.url + index.reverse_subpage("atom")),
    ]
    tag = context.get("active_tag")
    if tag is not None:
        base = index.url
        links.append(
            (
                "application/rss+xml",
                f"Stories tagged {tag.name} (RSS)",
                base + index.reverse_subpage("tag_rss", args=[tag.slug]),
            )
        )
        links.append(
            (
                "application/atom+xml",
                f"Stories tagged {tag.name} (Atom)",
                base + index.reverse_subpage("tag_atom", args=[tag.slug]),
            )
        )
    return format_html_join(
        "\n    ",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        ((kind, title, request.build_absolute_uri(href)) for kind, title, href in links),
    )


def newsroom():
    """The live news index, kept between renders until the site changes."""
    return fragments.cached(
        "newsroom", {versions.SITE}, lambda: NewsIndexPage.objects.live().first()
    )


@register.inclusion_tag("includes/latest_stories.html", takes_context=True)
def latest_stories(context, exclude=None, shown=()):
    """The most recent live stories, with date, teaser and a "Read more" link: never the story
    being read (`exclude`) nor one already listed beside it (`shown`, its related stories).

    Named for what it is: "this week" would need the box (and every cached page holding it) to
    expire as stories turn eight days old, and would stand empty on a quiet site."""
    excluded = sorted({s.pk for s in (exclude, *shown) if s is not None and s.pk is not None})
    return {
        "stories": fragments.cached(
            f"latest-stories:{','.join(map(str, excluded))}",
            {versions.STORIES},
            lambda: latest_story_cards(excluded),
        ),
        "request": context["request"],
    }


def latest_story_cards(excluded):
    stories = NewsPage.objects.live().public().order_by("-date_published", "-pk")
    if excluded:
        stories = stories.exclude(pk__in=excluded)
    return story_cards(stories[:LATEST_COUNT])


@register.inclusion_tag("includes/share_links.html")
def story_share_links(story):
    """A row of links sharing the story, from the address of the Site that serves it (never
    the Host a visitor sent: the page is cached and served to everyone)."""
    url = page_url(story)
    return {
        "url": url,
        "links": share_links(url, story.title),
        "heading": "Share this story",
        "compact": True,
    }


@register.simple_tag(takes_context=True)
def approved_comment_count(context, page):
    """How many approved comments (replies included) the page shows: the total the comment
    section below counts, read from the same result. A comment approved or removed re-renders
    the page (pagecache.invalidation.page_changed), so this is never kept in a fragment of its
    own."""
    if page.pk is None:
        return 0
    request = context.get("request")
    if request is None:
        return counts(page)["total"]
    return on_story(request, page)[2].total


@register.simple_tag(takes_context=True)
def page_body(context, page):
    """The page's StreamField body as HTML, kept between renders of the same published
    revision (a comment approved re-renders the story, not its body). The body's call to
    action names another page, and its images may be edited: any change to the site or the
    stories renders it again. A preview always renders afresh."""
    request = context.get("request")

    def render():
        flat = context.flatten()
        return mark_safe("".join(block.render_as_block(context=flat) for block in page.body))  # noqa: S308 - blocks escape their own values

    if page.pk is None or getattr(request, "is_preview", False):
        return render()
    return fragments.cached(f"body:{page.pk}:{page.live_revision_id}", versions.EVERYTHING, render)


@register.simple_tag
def menu_pages(site):
    """The pages in the site's main menu, kept between renders until the site changes."""
    if site is None:
        return []
    return fragments.cached(
        f"menu:{site.pk}",
        {versions.SITE},
        lambda: list(site.root_page.get_children().live().in_menu()),
    )


@register.filter
def in_section(page, section):
    """True when `page` is `section` or below it, for marking the current menu item."""
    if not page or not getattr(page, "url_path", None):
        return False
    return page.url_path.startswith(section.url_path)


@register.simple_tag
def tag_links(tags, index):
    """Comma-free list items linking each tag to its listing on the news index."""
    if index is None:
        return ""
    return format_html_join(
        "",
        '<li><a class="tag" href="{}" rel="tag">{}</a></li>',
        ((index.url + index.reverse_subpage("tag", args=[tag.slug]), tag.name) for tag in tags),
    )


@register.simple_tag
def category_link(category, index):
    if category is None or index is None:
        return ""
    href = index.url + index.reverse_subpage("category", args=[category.slug])
    return format_html('<a class="category" href="{}">{}</a>', href, category.name)
