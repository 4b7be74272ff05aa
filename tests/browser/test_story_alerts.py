"""A reader follows a tag and confirms from the email; an editor publishes a story with that
tag; exactly one alert arrives, its links work, and the List-Unsubscribe header's one-click
POST ends it."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from taggit.models import Tag
from wagtail.models import GroupPagePermission, Page, Site

from alerts.models import Alert, Subscriber, Subscription
from tests.browser.test_supporter_comment_journey import restore_migration_rows
from tests.factories import HomePageFactory, NewsIndexPageFactory, NewsPageFactory

# One journey per module: the live-server flush removes the rows migrations create.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READER = "reader@example.org"


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def newsroom(transactional_db, live_server, live_site_address):
    restore_migration_rows()
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(
        is_default_site=True, defaults={**live_site_address, "root_page": home, "site_name": "Test"}
    )
    index = NewsIndexPageFactory(parent=home)
    tag = Tag.objects.create(name="Police data sharing", slug="police-data-sharing")
    NewsPageFactory(parent=index, title="An older story", tags=[tag])
    draft = NewsPageFactory(
        parent=index,
        title="Police forces still share victims' details",
        tags=[tag],
        live=False,
    )
    return index, tag, draft


def sign_in_as_editor(page, live_server, django_user_model, home):
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ["add_page", "change_page", "publish_page"]:
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=home,
            permission=Permission.objects.get(
                codename=codename, content_type__app_label="wagtailcore"
            ),
        )
    user = django_user_model.objects.create_user("editor", "editor@example.org", "a-long-pw-1")
    user.groups.add(editors)
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill("a-long-pw-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def test_follow_a_tag_confirm_publish_receive_and_unsubscribe(
    live_server, newsroom, django_user_model, page, screenshot_dir
):
    index, tag, draft = newsroom

    # 1. The reader follows the tag from its page: no JavaScript needed, no cookie set.
    page.goto(f"{live_server.url}{index.url}tag/{tag.slug}/")
    assert page.context.cookies() == []
    form = page.get_by_role("region", name="Get story alerts")
    form.scroll_into_view_if_needed()
    assert form.get_by_label("Stories tagged “Police data sharing”").is_checked()
    form.get_by_label("Your email").fill(READER)
    form.screenshot(path=str(screenshot_dir / "alerts-signup-form.png"))
    page.screenshot(path=str(screenshot_dir / "alerts-tag-page.png"), full_page=True)
    form.get_by_role("button", name="Send me alerts").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your inbox"
    page.screenshot(path=str(screenshot_dir / "alerts-check-inbox.png"), full_page=True)

    # 2. Confirm from the email: the link opens a page with a button; the button confirms.
    confirmation = mail.outbox[-1]
    assert confirmation.to == [READER]
    link = re.search(r"http://\S+/alerts/confirm/\S+/", confirmation.body).group(0)
    page.goto(live_server.url + path_of(link))
    assert Subscription.objects.get().status == "pending"
    page.screenshot(path=str(screenshot_dir / "alerts-confirm.png"), full_page=True)
    page.get_by_role("button", name="Yes, send me these alerts").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your alerts are confirmed"
    assert Subscription.objects.get().status == "confirmed"

    # 3. An editor publishes a story with that tag.
    sign_in_as_editor(page, live_server, django_user_model, index.get_parent())
    page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/admin/pages/**")
    page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    assert "The email alert went to 1 subscriber(s)." in page.locator("body").inner_text()
    page.screenshot(path=str(screenshot_dir / "alerts-editor-note.png"))

    # 4. Exactly one alert, with working links.
    alerts = [m for m in mail.outbox if m.to == [READER] and m.subject.startswith("New story")]
    assert len(alerts) == 1
    alert = alerts[0]
    assert Alert.objects.get(story_id=draft.pk).sent_count == 1
    urls = re.findall(r"http://[^\s<>\"]+", alert.body)
    assert all(url.startswith(live_server.url) for url in urls)
    story_url = next(url for url in urls if "/news/" in url)
    page.goto(story_url)
    assert page.get_by_role("heading", level=1).inner_text() == draft.title
    story_form = page.get_by_role("region", name="Get story alerts")
    story_form.scroll_into_view_if_needed()
    story_form.screenshot(path=str(screenshot_dir / "alerts-story-form.png"))
    manage_url = next(url for url in urls if "/alerts/manage/" in url)
    page.goto(manage_url)
    assert "Stories tagged “Police data sharing”" in page.locator("main").inner_text()
    page.screenshot(path=str(screenshot_dir / "alerts-manage.png"), full_page=True)
    html = alert.alternatives[0][0]
    page.set_content(html)
    page.screenshot(path=str(screenshot_dir / "alerts-email.png"), full_page=True)

    # 5. One click in the mail client: a POST to the header's address, no page, no token.
    unsubscribe = alert.extra_headers["List-Unsubscribe"].strip("<>")
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    response = page.request.post(unsubscribe, form={"List-Unsubscribe": "One-Click"})
    assert response.status == 200
    assert not Subscriber.objects.exists()
