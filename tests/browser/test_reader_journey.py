"""A reader opens the home page, follows a story, and sees its chart and related stories."""

import pytest

# One journey per test module: the flush after a live-server test removes the rows that
# migrations create (root page, root collection), so a second test would start without them.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_follows_a_story_then_browses_the_newsroom(
    live_server, demo_site, page, screenshot_dir
):
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Every victim of crime")

    page.get_by_role("link", name="Every police force in the UK referred victims").first.click()
    page.wait_for_url("**/news/every-police-force-referred-victims-to-immigration-enforcement/")

    chart = page.locator("table.figures__chart").first
    chart.scroll_into_view_if_needed()
    assert chart.is_visible()
    assert chart.locator("svg[aria-hidden=true] rect").count() == 9

    related = page.get_by_role("region", name="Related stories")
    assert related.is_visible()
    assert related.get_by_role("link").count() >= 1
    assert (
        page.get_by_role("region", name="Latest stories")
        .get_by_role("link", name="Read more")
        .count()
        >= 1
    )

    # Every image on the page actually loaded.
    for image in page.locator("img").all():
        image.scroll_into_view_if_needed()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), image.get_attribute(
            "src"
        )

    page.screenshot(path=str(screenshot_dir / "story.png"), full_page=True)
    assert (screenshot_dir / "story.png").stat().st_size > 10_000

    # Then on to the newsroom: a category, and a search.
    page.get_by_role("link", name="News", exact=True).first.click()
    page.wait_for_url("**/news/")
    page.get_by_role("link", name="Law & Policy").click()
    page.wait_for_url("**/news/category/law-policy/")
    assert page.get_by_role("heading", level=1).inner_text() == "Law & Policy"

    page.get_by_label("Search the news").fill("Rwanda")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/news/search/?q=Rwanda")
    assert page.get_by_role("status").inner_text().endswith("for “Rwanda”")
    assert page.get_by_role(
        "link", name="Modern slavery victims at the heart of the Rwanda"
    ).is_visible()
    page.screenshot(path=str(screenshot_dir / "search.png"), full_page=True)
