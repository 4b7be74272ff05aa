"""Build the demo site: home page, newsroom, a campaign and its stories, and an admin login.

Safe to run again: everything is looked up by its slug or title first, so a second run changes
nothing and creates no duplicates.

Links in emails start from the default Site's address (core/links.py). `--site-url` sets it to
where the server listens (`make run` passes its HOST and PORT); without it, a Site still at
Wagtail's placeholder (localhost, port 80, where nothing listens) gets the development server's
http://127.0.0.1:8000, and a Site someone has set is left alone.
"""

import json
import secrets
from datetime import date
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from campaign.counting import confirm
from campaign.demo import stories as demo
from campaign.demo.artwork import draw_illustration, draw_monogram
from campaign.models import CampaignPage, HomePage, OrganisationSettings, PetitionPage, Signature
from comments.demo import load_demo_comments
from core.identity import email_hash
from news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageRelatedLink, NewsSource

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
        with transaction.atomic():
            images = self.load_images()
            home = self.load_home(images)
            self.load_site_address(home, address)
            news_index = self.load_news_index(home)
            campaign = self.load_campaign(home, images)
            self.load_stories(news_index, campaign, images)
            self.load_petition(campaign, images)
            self.load_settings(home)
            load_demo_comments(NewsPage.objects.order_by("-date_published"))
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        if not no_admin:
            self.print_admin_login()

    # Images ---------------------------------------------------------------------------------

    def load_images(self):
        Image = get_image_model()
        images = {}
        for key, (title, motif, palette, seed, _alt) in demo.ARTWORK.items():
            images[key] = self.image(
                Image,
                title,
                lambda m=motif, p=palette, s=seed: draw_illustration(m, p, s),
                f"{key}.png",
            )
        return images

    def image(self, Image, title, draw, filename):
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        return Image.objects.create(title=title, file=ImageFile(BytesIO(draw()), name=filename))

    # Pages ----------------------------------------------------------------------------------

    def load_home(self, images):
        site = Site.objects.filter(is_default_site=True).first()
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(
                instance=HomePage(
                    title=demo.HOME["title"],
                    slug="home-page",
                    hero_heading=demo.HOME["hero_heading"],
                    hero_text=demo.HOME["hero_text"],
                    hero_image=images[demo.HOME["hero_image"]],
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

    def load_site_address(self, home, address):
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

    def load_news_index(self, home):
        return self.child_page(
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

    def load_campaign(self, home, images):
        data = demo.CAMPAIGN
        return self.child_page(
            home,
            CampaignPage,
            data["slug"],
            lambda: CampaignPage(
                title=data["title"],
                slug=data["slug"],
                show_in_menus=True,
                summary=data["summary"],
                hero_image=images[data["hero_image"]],
                body=self.stream(data["body"], images, None),
            ),
        )

    def child_page(self, parent, model, slug, build):
        """The child of `parent` with this slug, or a new one from `build()`, published."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = parent.add_child(instance=build())
            page.save_revision().publish()
        return page

    def load_stories(self, news_index, campaign, images):
        categories = {
            slug: NewsCategory.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description}
            )[0]
            for name, slug, description in demo.CATEGORIES
        }
        sources = {
            name: self.source(name, website, letters, palette)
            for name, website, letters, palette in demo.SOURCES
        }
        pages = {}
        for data in demo.STORIES:
            pages[data["slug"]] = self.story(
                news_index, campaign, images, categories, sources, data
            )
        for data in demo.STORIES:
            self.link_related(pages[data["slug"]], [pages[slug] for slug in data["related"]])

    def source(self, name, website, letters, palette):
        source = NewsSource.objects.filter(name=name).first()
        if source:
            return source
        Image = get_image_model()
        logo = self.image(
            Image, f"Badge: {name}", lambda: draw_monogram(letters, palette), f"{letters}.png"
        )
        return NewsSource.objects.create(name=name, website=website, logo=logo)

    def story(self, news_index, campaign, images, categories, sources, data):
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
            hero_alt_text=demo.ARTWORK[data["hero"]][4],
            hero_caption=data["hero_caption"],
            hero_credit=demo.ILLUSTRATION_CREDIT,
            body=self.stream(data["body"], images, campaign),
        )
        news_index.add_child(instance=page)
        page.tags.add(*(self.tag(name) for name in data["tags"]))
        page.save_revision().publish()
        return page

    def tag(self, name):
        tag = Tag.objects.filter(name__iexact=name).first()
        return tag or Tag.objects.create(name=name)

    def link_related(self, page, related):
        if page.related_links.exists() or not related:
            return
        for order, story in enumerate(related):
            NewsPageRelatedLink.objects.create(page=page, story=story, sort_order=order)
        page.refresh_from_db()
        page.save_revision().publish()

    def stream(self, blocks, images, campaign):
        """Turn the demo's (type, value) pairs into StreamField JSON, resolving images and pages."""
        raw = []
        for block_type, value in blocks:
            if block_type == "image":
                value = {**value, "image": images[value["image"]].pk}
            elif block_type == "call_to_action":
                value = {**value, "page": campaign.pk}
            raw.append({"type": block_type, "value": value})
        return json.dumps(raw)

    def load_petition(self, campaign, images):
        data = demo.PETITION
        petition = self.child_page(
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
                hero_alt_text=demo.ARTWORK["records"][4],
                body=self.stream(data["body"], images, campaign),
                thank_you_text=data["thank_you_text"],
                share_text=data["share_text"],
            ),
        )
        if not campaign.tags.exists():
            campaign.tags.add(*(self.tag(name) for name in ("firewall", "data sharing")))
            campaign.save_revision().publish()
        if not petition.signatures.exists():
            self.load_signatures(petition)
        return petition

    def load_signatures(self, petition):
        """A few hundred confirmed demo signatures over three weeks, and a few pending."""
        from datetime import timedelta

        from django.utils import timezone

        start = timezone.now() - timedelta(days=demo.DEMO_SIGNATURE_DAYS)
        names, countries = demo.DEMO_SIGNER_NAMES, demo.DEMO_SIGNER_COUNTRIES
        for n in range(demo.DEMO_SIGNATURES + 5):
            # Front-loaded, as real petitions are: most sign in the first days.
            when = start + timedelta(hours=(n / demo.DEMO_SIGNATURES) ** 2 * 24 * 20)
            signature = Signature.objects.create(
                petition=petition,
                first_name=names[n % len(names)],
                last_name="Demo",
                email=f"supporter{n}@example.org",
                email_hash=email_hash(f"supporter{n}@example.org"),
                country=countries[n % len(countries)],
                opt_in=n % 3 == 0,
                show_publicly=n % 2 == 0,
                consent_version=petition.consent_version,
                created_at=when,
            )
            if n < demo.DEMO_SIGNATURES:
                confirm(signature.pk)
                Signature.objects.filter(pk=signature.pk).update(confirmed_at=when)

    def load_settings(self, home):
        site = home.get_site()
        org = OrganisationSettings.for_site(site)
        if not org.footer_text:
            org.footer_text = (
                "Safe Harbour Alliance is a demonstration charity. We campaign for the safety "
                "of migrant victims of crime, and for a firewall between the police and "
                "immigration enforcement."
            )
            org.contact_email = "hello@example.org"
            org.save()

    # Admin ----------------------------------------------------------------------------------

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
