"""Every link in an email starts from the Wagtail Site of its page (core/links.py): right on
`make run`, behind a proxy and with several sites; and the site warns when a production Site
still has a development address."""

import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from campaign import counting
from campaign.models import Signature
from core import checks
from core.links import absolute_url, page_url, site_root
from tests.factories import (
    CampaignPageFactory,
    HomePageFactory,
    NewsPageFactory,
    PetitionPageFactory,
    SignatureFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(campaign):
    return PetitionPageFactory(parent=campaign)


@pytest.fixture
def public_site(home):
    """The default Site as an operator sets it behind a TLS-terminating proxy."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "campaigns.example.org", 443
    site.save()
    return site


def sign_data(email="amara@example.org"):
    return {"first_name": "Amara", "last_name": "O", "email": email, "country": "GB"}


def links_in(message):
    return re.findall(r"https?://[^\s>\"]+", message.body)


# Petition emails -------------------------------------------------------------------------------


def test_the_confirmation_link_comes_from_the_site_not_the_request(client, petition, public_site):
    """Behind a proxy the request names the app server (`10.0.0.5:8000`, plain http); the
    Site names the address readers use."""
    client.post(petition.url + "sign/", sign_data(), HTTP_HOST="10.0.0.5:8000")
    (link,) = [url for url in links_in(mail.outbox[-1]) if "/confirm/" in url]
    assert link.startswith("https://campaigns.example.org" + petition.url + "confirm/")
    assert "10.0.0.5" not in mail.outbox[-1].body
    assert client.get(link.removeprefix("https://campaigns.example.org")).status_code == 200


def test_the_already_signed_link_comes_from_the_site(client, petition, public_site):
    signature = SignatureFactory(petition=petition, email="amara@example.org")
    counting.confirm_signature(signature.pk)
    client.post(petition.url + "sign/", sign_data(), HTTP_HOST="10.0.0.5:8000")
    assert "already signed" in mail.outbox[-1].subject.lower()
    assert "https://campaigns.example.org" + petition.url in links_in(mail.outbox[-1])
    assert "10.0.0.5" not in mail.outbox[-1].body


def test_each_site_links_to_itself(client, home, petition):
    """Two campaigns on one installation: each petition's emails name its own site."""
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-home")
    Site.objects.create(hostname="act.example.net", port=443, root_page=other_home)
    other = PetitionPageFactory(parent=CampaignPageFactory(parent=other_home))
    path, other_path = petition.get_url_parts()[2], other.get_url_parts()[2]
    client.post(other_path + "sign/", sign_data("kofi@example.org"), HTTP_HOST="act.example.net")
    client.post(path + "sign/", sign_data(), HTTP_HOST="localhost")
    theirs, ours = (Signature.objects.get(petition=p) for p in (other, petition))
    by_address = {message.to[0]: message for message in mail.outbox}
    assert links_in(by_address[theirs.email])[0].startswith("https://act.example.net" + other_path)
    assert links_in(by_address[ours.email])[0].startswith("http://localhost" + path)


def test_the_link_helpers_agree(home, public_site, petition, news_index):
    story = NewsPageFactory(parent=news_index)
    assert site_root(story) == "https://campaigns.example.org"
    assert absolute_url(story, "/comments/confirm/x/") == (
        "https://campaigns.example.org/comments/confirm/x/"
    )
    assert page_url(petition, "confirm/x/") == (
        "https://campaigns.example.org" + petition.url + "confirm/x/"
    )
    assert site_root(None) == settings.WAGTAILADMIN_BASE_URL


# `make run` and load_demo_content ---------------------------------------------------------------


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    path = tmp_path / "password"
    monkeypatch.setattr("demo.management.commands.load_demo_content.PASSWORD_FILE", path)
    return path


def default_site():
    site = Site.objects.get(is_default_site=True)
    return site.hostname, site.port, site.root_url


def test_load_demo_content_points_the_site_where_the_server_listens(password_file, capsys):
    """On a fresh database the Site is Wagtail's placeholder, localhost:80, where nothing
    listens: every email link went to http://localhost/."""
    assert default_site()[:2] == ("localhost", 80)
    call_command("load_demo_content", "--site-url", "http://127.0.0.1:8123")
    assert default_site() == ("127.0.0.1", 8123, "http://127.0.0.1:8123")
    assert "Admin login: http://127.0.0.1:8123/admin/" in capsys.readouterr().out
    sites = Site.objects.count()
    call_command("load_demo_content", "--site-url", "http://127.0.0.1:8123")
    assert default_site()[2] == "http://127.0.0.1:8123" and Site.objects.count() == sites
    call_command("load_demo_content")  # without the option: a Site that was set stays so
    assert default_site()[2] == "http://127.0.0.1:8123"
    call_command("load_demo_content", "--site-url", "https://campaigns.example.org")
    assert default_site() == ("campaigns.example.org", 443, "https://campaigns.example.org")


def test_without_a_site_url_the_placeholder_becomes_the_dev_server(password_file):
    call_command("load_demo_content", "--no-admin")
    assert default_site()[2] == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    "url",
    [
        "127.0.0.1:8000",
        "ftp://x.org",
        "https://x.org:8443",
        "http://x.org/path",
        "http://[::1]:8000",
    ],
)
def test_a_site_url_a_site_cannot_hold_is_refused_clearly(password_file, url):
    with pytest.raises(CommandError, match="--site-url"):
        call_command("load_demo_content", "--no-admin", "--site-url", url)


MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_run_gives_the_demo_site_and_the_admin_the_address_it_serves():
    result = subprocess.run(
        [MAKE, "-n", "run", "PORT=8123"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "load_demo_content --site-url http://127.0.0.1:8123" in result.stdout
    assert "WAGTAILADMIN_BASE_URL=http://127.0.0.1:8123" in result.stdout
    assert "runserver 127.0.0.1:8123" in result.stdout


# The system checks -------------------------------------------------------------------------------


def site_warnings(databases=("default",)):
    return [problem.id for problem in checks.check_site_addresses(databases=list(databases))]


def test_a_production_site_with_a_local_address_is_reported(home, settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["localhost", "campaigns.example.org"]
    assert site_warnings() == ["site.W001"]  # the test site: localhost:80
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "campaigns.example.org", 8000
    site.save()
    assert site_warnings() == ["site.W002"]
    site.port = 443
    site.save()
    assert site_warnings() == []
    settings.ALLOWED_HOSTS = ["other.example.org"]
    assert site_warnings() == ["site.W003"]


def test_the_site_check_is_quiet_in_development_and_without_a_database(home, settings):
    settings.DEBUG = True
    assert site_warnings() == []
    settings.DEBUG = False
    assert checks.check_site_addresses(databases=None) == []


def test_the_site_check_runs_with_migrate(home, settings, capsys):
    """`migrate` runs database checks: the moment every deployment passes through."""
    settings.DEBUG = False
    call_command("migrate", "--check", verbosity=0, skip_checks=False)
    assert "site.W001" in capsys.readouterr().err


def test_a_production_admin_base_url_on_a_local_address_is_reported(settings):
    settings.DEBUG = False
    for url in ("http://127.0.0.1:8000", "", "http://campaigns.example.org"):
        settings.WAGTAILADMIN_BASE_URL = url
        assert [p.id for p in checks.check_admin_base_url()] == ["site.W004"]
    settings.WAGTAILADMIN_BASE_URL = "https://campaigns.example.org"
    assert checks.check_admin_base_url() == []
