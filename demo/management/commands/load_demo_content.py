"""Build the demo site: home page, newsroom, a campaign and its stories, a petition with its
supporters, conversations under the newest story, and an admin login.

Safe to run again: pages, images and snippets are looked up by slug or title first, and
supporters sign and readers comment only where nobody has yet, so a second run changes nothing
and creates no duplicates. Signatures and comments go through the site's own public paths
(demo/supporters.py, demo/conversations.py); the emails those send are dropped
(demo/visitors.py), as the demo has never sent mail.

Links in emails start from the default Site's address (core/links.py). `--site-url` sets it to
where the server listens (`make run` passes its HOST and PORT); without it, a Site still at
Wagtail's placeholder (localhost, port 80, where nothing listens) gets the development server's
http://127.0.0.1:8000, and a Site someone has set is left alone.
"""

import secrets
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from core.refusals import Refusal
from demo import pages
from demo.conversations import start_conversations
from demo.supporters import sign_demo_petition
from demo.visitors import no_email_sent
from news.models import NewsPage

ADMIN_USERNAME = "admin"
PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-admin-password"
# What Wagtail's first migration gives the default Site, and what replaces it without --site-url.
PLACEHOLDER_ADDRESS = ("localhost", 80)
DEV_SERVER_URL = "http://127.0.0.1:8000"


def site_address(url):
    """(hostname, port) for a Wagtail Site from a URL like http://127.0.0.1:8000.

    A Site says https only as port 443 (any other port is plain http in its root URL), so an
    https URL on another port cannot be one; say so rather than send wrong links."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise CommandError(f"--site-url {url!r} is not a URL: {error}.") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CommandError(f"--site-url {url!r}: give it as http://host:port or https://host.")
    if ":" in parts.hostname:
        raise CommandError(f"--site-url {url!r}: a Wagtail Site cannot name an IPv6 address.")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise CommandError(f"--site-url {url!r}: give the site's root, without a path.")
    default = 443 if parts.scheme == "https" else 80
    port = port or default
    if parts.scheme == "https" and port != 443:
        raise CommandError(f"--site-url {url!r}: a Wagtail Site can only say https on port 443.")
    if parts.scheme == "http" and port == 443:
        raise CommandError(f"--site-url {url!r}: port 443 means https to a Wagtail Site.")
    return parts.hostname, port


def load_site_address(address):
    """Point the default Site at `address`, or at the development server if it still has
    Wagtail's placeholder; a Site someone has set is otherwise left as it is."""
    site = Site.objects.get(is_default_site=True)
    current = (site.hostname, site.port)
    if address is None:
        if current != PLACEHOLDER_ADDRESS:
            return
        address = site_address(DEV_SERVER_URL)
    if current == address:
        return
    hostname, port = address
    if Site.objects.exclude(pk=site.pk).filter(hostname=hostname, port=port).exists():
        raise CommandError(f"Another Site already has the address {hostname}:{port}.")
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])


class Command(BaseCommand):
    help = "Load the demo site (idempotent) and print an admin login."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin", action="store_true", help="Do not create or print an admin login."
        )
        parser.add_argument(
            "--site-url",
            help="Where the site is served, e.g. http://127.0.0.1:8000: the default Site's "
            "hostname and port, which every link in an email starts from. Without it, only "
            "Wagtail's placeholder (localhost:80) is replaced, by " + DEV_SERVER_URL + ".",
        )

    def handle(self, *args, no_admin=False, site_url=None, **options):
        address = site_address(site_url) if site_url else None
        try:
            with no_email_sent(), transaction.atomic():
                self.load(address)
        except Refusal as refusal:
            # A rate limit still counting an earlier load (a shared cache, a fresh database):
            # nothing was kept, and the same command works once the limit has passed.
            raise CommandError(
                f"The demo was refused ({refusal.code}): {refusal.message}"
            ) from refusal
        except ValueError as error:
            # The site's own rules turned a demo supporter or comment away (a moderator's word
            # lists, say): nothing was kept, and the message names which.
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        if not no_admin:
            self.print_admin_login()

    def load(self, address):
        images = pages.load_images()
        home = pages.load_home(images)
        load_site_address(address)
        news_index = pages.load_news_index(home)
        campaign = pages.load_campaign(home, images)
        pages.load_stories(news_index, campaign, images)
        petition = pages.load_petition(campaign, images)
        sign_demo_petition(petition)
        pages.load_settings(home)
        start_conversations(NewsPage.objects.live().order_by("-date_published"))

    def print_admin_login(self):
        admin_url = Site.objects.get(is_default_site=True).root_url + "/admin/"
        User = get_user_model()
        user = User.objects.filter(username=ADMIN_USERNAME).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", password)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        elif PASSWORD_FILE.exists() and user.check_password(PASSWORD_FILE.read_text().strip()):
            password = PASSWORD_FILE.read_text().strip()
        else:
            # Someone set their own password; never overwrite it.
            self.stdout.write(
                f"Admin login: {admin_url}  user: {ADMIN_USERNAME}  "
                "(password: the one you set; `manage.py changepassword admin` to reset it)"
            )
            return
        self.stdout.write(f"Admin login: {admin_url}  user: {ADMIN_USERNAME}  password: {password}")
