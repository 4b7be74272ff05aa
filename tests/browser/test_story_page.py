"""A reader on the demo's 796-victims story, at 1280 and 390 pixels wide: share links and the
comment count at the top, the figures readable at both widths, the side boxes that never
repeat each other, and the keyboard reaching them before the comment form."""

from urllib.parse import quote

import pytest

from news.models import NewsPage
from tests.factories import CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "police-referred-796-slavery-victims-to-home-office"
SERVICES = {
    "Email": "mailto:?subject=",
    "WhatsApp": "https://wa.me/?text=",
    "Facebook": "https://www.facebook.com/sharer/sharer.php?u=",
    "X": "https://x.com/intent/post?text=",
    "Bluesky": "https://bsky.app/intent/compose?text=",
}


def box_links(page, name):
    region = page.get_by_role("region", name=name)
    return [link.get_attribute("href") for link in region.get_by_role("link").all()]


def text_sizes(page, selector):
    """The rendered height of each piece of text, in CSS pixels, and its font size."""
    return page.locator(selector).evaluate_all(
        "els => els.map(e => [e.getBoundingClientRect().height,"
        " parseFloat(getComputedStyle(e).fontSize)])"
    )


def test_story_top_chart_and_aside_at_desktop_and_phone_widths(
    live_server, demo_site, page, screenshot_dir
):
    story = NewsPage.objects.get(slug=SLUG)
    for _ in range(2):
        CommentFactory(page=story)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + story.url)

    # 1. Share links, plain addresses with the story's absolute URL and title encoded whole.
    share = page.get_by_role("region", name="Share this story")
    assert share.is_visible() and share.bounding_box()["y"] < 700  # near the top
    url = story.full_url
    for label, start in SERVICES.items():
        href = share.get_by_role("link", name=label).get_attribute("href")
        assert href.startswith(start), href
        assert quote(url, safe="") in href
        assert label == "Facebook" or quote(story.title, safe="") in href  # Facebook takes none
    assert page.locator("iframe, script[src^='http']").count() == 0  # nothing third-party
    # Copy link: a button (share.js) that copies the address and says so.
    copy = share.get_by_role("button", name="Copy link")
    copy.click()
    page.get_by_role("status").filter(has_text="Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == url

    # 2. The count under the byline, linking to the comments.
    count = page.locator(".story__meta").get_by_role("link", name="2 comments")
    assert count.get_attribute("href") == "#comments"
    page.screenshot(path=str(screenshot_dir / "story-top-1280.png"))

    # 3. Related and latest stories: dated, never the same story twice, never this one.
    related, latest = box_links(page, "Related stories"), box_links(page, "Latest stories")
    assert related and latest and not set(related) & set(latest)
    assert story.url not in related + latest
    assert page.get_by_role("region", name="Latest stories").locator("time").count() == len(latest)
    assert page.get_by_text("This week").count() == 0

    # 4. The figures: labels at least the size of the story's text, and two figures take
    # two rows' room.
    figures = page.locator(".figures").first
    figures.scroll_into_view_if_needed()
    for height, size in text_sizes(page, ".figures__label"):
        assert size >= 15 and height >= 15
    assert page.locator(".figures__chart").first.bounding_box()["height"] < 220
    figures.screenshot(path=str(screenshot_dir / "story-figures-1280.png"))

    # 5. The aside beside the story and its comments on a wide screen, and reached by the
    # keyboard before the comment form.
    aside = page.get_by_role("complementary", name="More stories")
    body, comments = page.locator(".story__body"), page.locator("#comments")
    assert aside.bounding_box()["x"] > body.bounding_box()["x"] + body.bounding_box()["width"]
    assert aside.bounding_box()["y"] < comments.bounding_box()["y"]
    aside.screenshot(path=str(screenshot_dir / "story-aside-1280.png"))
    page.locator(".story__tags a").last.focus()
    reached = None
    for _ in range(60):
        page.keyboard.press("Tab")
        reached = page.evaluate(
            "() => document.activeElement.closest('aside') ? 'aside'"
            " : document.activeElement.closest('#comments') ? 'comments' : null"
        )
        if reached:
            break
    assert reached == "aside"

    # At a phone's width: the same, stacked: story, then the aside, then the comments.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + story.url)
    page.screenshot(path=str(screenshot_dir / "story-top-390.png"))
    assert page.get_by_role("region", name="Share this story").is_visible()
    for height, size in text_sizes(page, ".figures__label"):
        assert size >= 15 and height >= 15
    page.locator(".figures").first.screenshot(path=str(screenshot_dir / "story-figures-390.png"))
    aside_box = page.get_by_role("complementary", name="More stories").bounding_box()
    assert page.locator(".story__body").bounding_box()["y"] < aside_box["y"]
    assert aside_box["y"] + aside_box["height"] <= page.locator("#comments").bounding_box()["y"]
    page.get_by_role("complementary", name="More stories").screenshot(
        path=str(screenshot_dir / "story-aside-390.png")
    )
    page.screenshot(path=str(screenshot_dir / "story-390.png"), full_page=True)
