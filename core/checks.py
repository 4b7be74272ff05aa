"""System checks: the addresses links in emails start from must be where readers can go.

Every link in an email starts from the root URL of the Wagtail Site of the page concerned
(core/links.py: Settings → Sites, hostname and port, port 443 meaning https), and Wagtail's own
admin emails and absolute URLs in the page API from WAGTAILADMIN_BASE_URL. Neither can be
taken from a request (an email has none), so a deployment that keeps its development values
sends every supporter a link to their own machine. These checks say so.

The Site check reads the database, so it is tagged `database`: it runs with `migrate` (every
deployment runs it) and `check --database default`, and never where there is no database
(`make deploy-check`). The WAGTAILADMIN_BASE_URL check needs no database: it is a deploy check.
Neither runs with DEBUG on, where a development address is the right one.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.http.request import validate_host
from wagtail.models import Site

LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"}  # noqa: S104 - compared, not bound
STANDARD_PORTS = {80, 443}
SITES_HINT = (
    "In the admin, Settings → Sites: give the site the public hostname readers use, and port "
    "443 for https (80 for plain http). Links in emails start from it."
)


@register(Tags.database)
def check_site_addresses(app_configs=None, databases=None, **kwargs):
    if settings.DEBUG or not databases or DEFAULT_DB_ALIAS not in databases:
        return []
    try:
        sites = list(Site.objects.order_by("pk"))
    except DatabaseError:
        return []  # not migrated yet: `migrate` checks before it migrates
    return [problem for site in sites for problem in site_problems(site)]


def site_problems(site):
    where = f"The site “{site.site_name or site.hostname}” ({site.root_url})"
    if site.hostname.lower() in LOOPBACK:
        yield Warning(
            f"{where} has a local address: links in its emails lead to each reader's own computer.",
            hint=SITES_HINT,
            id="site.W001",
        )
    elif site.port not in STANDARD_PORTS:
        yield Warning(
            f"{where} has port {site.port}: links in its emails say http://…:{site.port}, "
            "which only works if readers reach the site on that port without TLS.",
            hint=SITES_HINT,
            id="site.W002",
        )
    if not validate_host(site.hostname.lower(), settings.ALLOWED_HOSTS):
        yield Warning(
            f"{where} is not in ALLOWED_HOSTS: the links in its emails would be refused.",
            hint="Add the hostname to ALLOWED_HOSTS, or correct it in Settings → Sites.",
            id="site.W003",
        )


@register(Tags.security, deploy=True)
def check_admin_base_url(app_configs=None, **kwargs):
    if settings.DEBUG:
        return []
    url = settings.WAGTAILADMIN_BASE_URL or ""
    parts = urlsplit(url)
    if parts.hostname and parts.hostname not in LOOPBACK and parts.scheme == "https":
        return []
    return [
        Warning(
            f"WAGTAILADMIN_BASE_URL is {url or 'not set'}: the admin's emails (password "
            "resets, moderation) and the page API's absolute URLs would not reach the site.",
            hint="Set WAGTAILADMIN_BASE_URL to the site's public https address, e.g. "
            "https://campaigns.example.org.",
            id="site.W004",
        )
    ]
