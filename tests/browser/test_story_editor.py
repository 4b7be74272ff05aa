"""An editor starts a story whose title an autosaved draft already has, is told which draft it
is and taken to it, and publishes it: left without a date, it takes the day of publication."""

import json

import pytest
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from news.models import NewsIndexPage, NewsPage
from tests.browser.test_story_alerts import sign_in_as_editor
from tests.factories import paragraph

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Police still share victims' details with immigration enforcement"


def test_a_slug_clash_names_the_autosaved_draft_and_publishing_dates_it(
    live_server, demo_site, django_user_model, page, screenshot_dir
):
    index = NewsIndexPage.objects.get()
    # What Wagtail's autosave leaves behind once a title and body are typed: a draft, never
    # saved by the editor, with no date yet.
    draft = index.add_child(
        instance=NewsPage(
            title=TITLE,
            slug=slugify(TITLE),
            standfirst="s",
            body=json.dumps([paragraph("<p>What autosave kept.</p>")]),
            live=False,
        )
    )
    draft.save_revision()
    assert NewsPage.objects.get(pk=draft.pk).date_published is None
    sign_in_as_editor(
        page, live_server, django_user_model, Page.objects.get(pk=index.get_parent().pk)
    )

    page.goto(f"{live_server.url}/admin/pages/add/news/newspage/{index.pk}/")
    date = page.locator("#id_date_published")
    assert date.input_value() == ""  # not the day the draft was started
    assert "Leave empty to use the day it is first published" in page.locator("body").inner_text()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_standfirst").fill("Starting again, not knowing a draft exists.")
    # The editor's script copies the title into the slug, as it does for anyone typing.
    page.wait_for_function(
        "slug => document.querySelector('#id_slug').value === slug", arg=slugify(TITLE)
    )
    page.get_by_role("button", name="Save draft").click()
    warning = page.locator(".messages li").filter(has_text="already uses the address")
    warning.wait_for()
    text = warning.inner_text()
    assert TITLE in text and "a draft that has never been published" in text
    page.set_viewport_size({"width": 1280, "height": 700})
    page.screenshot(path=str(screenshot_dir / "editor-slug-clash-1280.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screenshot_dir / "editor-slug-clash-390.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    warning.get_by_text("Edit the existing draft").click()
    page.wait_for_url(f"**/admin/pages/{draft.pk}/edit/")
    assert NewsPage.objects.filter(title=TITLE).count() == 1  # no second story was made

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/admin/pages/**")
    story = NewsPage.objects.get(pk=draft.pk)
    assert story.live and story.date_published == timezone.localdate()
    page.goto(live_server.url + story.url)
    assert (
        f"Published on {timezone.localdate():%-d %B %Y}"
        in page.locator(".story__meta").inner_text()
    )
    # The editor's form shows the date readers see.
    page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    assert page.locator("#id_date_published").input_value() != ""
