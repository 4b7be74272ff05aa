"""`load_demo_content` builds a whole site through the site's own public paths, sends no
email doing it, and running it again changes nothing."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from campaign.counting import confirmed_count
from campaign.models import BlockedEmailDomain, CampaignPage, PetitionPage, Signature
from comments.models import Comment, Commenter, Subscription
from demo import stories, supporters
from demo.conversations import CONVERSATIONS
from news.models import NewsCategory, NewsPage, NewsPageRelatedLink, NewsSource
from outbox.models import EmailDelivery

pytestmark = pytest.mark.django_db

COMMENTS = sum(1 + len(replies) for *_, replies in CONVERSATIONS)


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    path = tmp_path / "password"
    monkeypatch.setattr("demo.management.commands.load_demo_content.PASSWORD_FILE", path)
    return path


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),  # a second run publishes nothing new
        "stories": NewsPage.objects.live().count(),
        "campaigns": CampaignPage.objects.live().count(),
        "petitions": PetitionPage.objects.live().count(),
        "categories": NewsCategory.objects.count(),
        "sources": NewsSource.objects.count(),
        "related links": NewsPageRelatedLink.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "signatures": Signature.objects.count(),
        "confirmed": Signature.objects.confirmed().count(),
        "comments": Comment.objects.count(),
        "commenters": Commenter.objects.count(),
        "subscriptions": Subscription.objects.count(),
        "email records": EmailDelivery.objects.count(),
    }


def test_builds_the_site_and_is_idempotent(client, password_file, capsys):
    call_command("load_demo_content")
    first = counts()
    first_output = capsys.readouterr().out
    call_command("load_demo_content")
    assert counts() == first
    assert first["stories"] == len(stories.STORIES) >= 4
    assert first["campaigns"] == first["petitions"] == 1
    assert first["signatures"] == supporters.CONFIRMED + supporters.PENDING
    assert first["confirmed"] == supporters.CONFIRMED
    assert first["comments"] == COMMENTS

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


def test_supporters_signed_through_the_form_from_networks_of_their_own(client, password_file):
    call_command("load_demo_content", "--no-admin")
    petition = PetitionPage.objects.get()
    assert confirmed_count(petition.pk, use_cache=False) == supporters.CONFIRMED
    signatures = Signature.objects.filter(petition=petition)
    # Each from its own network, as the rate limits require of real supporters.
    assert signatures.values("ip_hash").distinct().count() == signatures.count()
    assert not signatures.filter(ip_hash="").exists()
    # Spread over the weeks since launch, not all stamped at the moment of loading.
    oldest = signatures.order_by("created_at").first().created_at
    assert oldest < timezone.now() - timedelta(days=supporters.DAYS - 1)
    assert signatures.confirmed().filter(confirmed_at__lt=timezone.now() - timedelta(days=7))
    # Confirmation screened the names of those who asked to be shown.
    assert signatures.filter(name_passed_screen=True).exists()
    assert not signatures.filter(show_publicly=False, name_passed_screen=True).exists()
    assert f"{supporters.CONFIRMED}" in client.get(petition.url).content.decode()


def test_demo_comments_cover_every_state(client, password_file):
    call_command("load_demo_content", "--no-admin")
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert statuses == {"approved", "pending", "rejected", "spam", "unconfirmed"}
    # The screen held one for a moderator and rejected another by itself.
    assert Comment.objects.filter(status="pending", flagged=True).exists()
    assert Comment.objects.get(status="rejected").rejection_reason
    # Replies hang under the first comment, whose author asked to hear of them.
    farida = Comment.objects.get(name="Farida")
    assert set(farida.replies.values_list("name", flat=True)) == {"Tom", "Ngozi"}
    assert Subscription.objects.filter(
        commenter=farida.commenter, page=farida.page, kind=Subscription.Kind.REPLIES
    ).exists()
    # Only what a moderator published is shown, under the newest story.
    newest = NewsPage.objects.live().order_by("-date_published").first()
    assert set(Comment.objects.values_list("page", flat=True)) == {newest.pk}
    html = client.get(newest.url).content.decode()
    assert "I work at a refuge" in html
    assert "pathetic idiot" not in html and "cheap pills" not in html
    assert Comment.objects.get(name="Sam").status == "unconfirmed"


def test_loading_sends_no_email_and_leaves_none_queued(password_file, settings):
    # Even where tasks go to the database queue for a worker, nothing is left there to send.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    call_command("load_demo_content", "--no-admin")
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 0


def test_the_site_url_option_sets_the_default_site(password_file):
    call_command("load_demo_content", "--no-admin", "--site-url", "http://127.0.0.1:8123")
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8123"


def test_a_refusal_keeps_nothing_and_says_why(password_file):
    BlockedEmailDomain.objects.create(domain="example.org")
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="email_domain_blocked"):
        call_command("load_demo_content", "--no-admin")
    assert Page.objects.count() == pages
    assert not Signature.objects.exists()


def test_never_overwrites_a_password_someone_set(password_file, capsys):
    get_user_model().objects.create_superuser("admin", "a@example.org", "my own password")
    call_command("load_demo_content")
    assert "the one you set" in capsys.readouterr().out
    assert get_user_model().objects.get(username="admin").check_password("my own password")
