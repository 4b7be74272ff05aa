"""`load_demo_content` builds a whole site, and running it again changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from news.models import NewsCategory, NewsPage, NewsPageRelatedLink, NewsSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    path = tmp_path / "password"
    monkeypatch.setattr("campaign.management.commands.load_demo_content.PASSWORD_FILE", path)
    return path


def counts():
    from wagtail.models import Revision

    return (
        Page.objects.count(),
        Revision.objects.count(),  # a second run publishes nothing new
        NewsPage.objects.live().count(),
        NewsCategory.objects.count(),
        NewsSource.objects.count(),
        NewsPageRelatedLink.objects.count(),
        get_image_model().objects.count(),
        get_user_model().objects.count(),
    )


def test_builds_the_site_and_is_idempotent(client, password_file, capsys):
    call_command("load_demo_content")
    first = counts()
    first_output = capsys.readouterr().out
    call_command("load_demo_content")
    assert counts() == first
    assert first[1] >= 4  # at least four stories

    password = password_file.read_text().strip()
    assert f"password: {password}" in first_output
    assert f"password: {password}" in capsys.readouterr().out  # the same login both times
    assert get_user_model().objects.get(username="admin").check_password(password)

    home = Site.objects.get(is_default_site=True).root_page.specific
    assert type(home).__name__ == "HomePage"
    for page in Page.objects.live().specific().exclude(depth=1):
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_demo_stories_carry_the_referral_figures(client, password_file):
    call_command("load_demo_content", "--no-admin")
    story = NewsPage.objects.get(
        slug="every-police-force-referred-victims-to-immigration-enforcement"
    )
    html = client.get(story.url).content.decode()
    assert "Metropolitan Police" in html and "460" in html and "2,672" in html
    related = NewsPage.objects.get(slug="police-referred-796-slavery-victims-to-home-office")
    assert related.related_links.get().story.slug == "rwanda-plan-puts-slavery-victims-at-risk"
    assert not password_file.exists()


def test_never_overwrites_a_password_someone_set(password_file, capsys):
    get_user_model().objects.create_superuser("admin", "a@example.org", "my own password")
    call_command("load_demo_content")
    assert "the one you set" in capsys.readouterr().out
    assert get_user_model().objects.get(username="admin").check_password("my own password")
