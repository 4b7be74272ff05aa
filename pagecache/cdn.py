"""Purging a CDN in front of the site, and replaying page-cache bumps the cache did not take.

The CDN is whatever Wagtail's frontend cache is configured with (`WAGTAILFRONTENDCACHE`, set
from the environment in config/settings/base.py): Varnish or any cache that takes HTTP PURGE,
Cloudflare or CloudFront. It is purged of exactly what our own page cache forgets, worked out
from the same dependencies (pagecache/versions.py):

- `path:<path>`: that address on every site;
- `stories`: every live page whose class says it shows the list of stories, with the extra
  addresses it serves (`get_cached_paths`: the newsroom's tag and category listings and
  feeds), and each site's sitemap;
- `site`: every live page and each site's sitemap.

Purges run in a background task after the commit, retried with back-off when the CDN refuses
(Wagtail's own purge task logs a failure and gives up). Wagtail's backends report failures by
logging, so the task listens to their logger.

`wagtail.contrib.frontend_cache` is deliberately not an installed app: installed, it would
purge on every publish itself, before the commit and without retries.
"""

import logging

from django.conf import settings
from django_tasks import default_task_backend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page, Site

from outbox.retries import retrying_task
from pagecache import versions

SITEMAP_PATH = "/sitemap.xml"
WAGTAIL_LOGGER = "wagtail.frontendcache"


class PurgeFailed(Exception):
    """The CDN did not take every purge; the task is retried."""


def configured():
    return bool(settings.WAGTAILFRONTENDCACHE or settings.WAGTAILFRONTENDCACHE_LOCATION)


def purge(dependencies):
    if configured() and dependencies:
        purge_from_cdn.enqueue(sorted(dependencies))


def replay_later(dependencies):
    """Queue bumps the cache did not take, to be made again by a worker once it answers.
    The process that failed also retries them before it next serves a page (versions.py);
    this is for when that process has no more requests, or dies. A backend that cannot
    defer (the in-process one) would only fail again at once, so it is not asked."""
    if default_task_backend.supports_defer:
        replay_page_cache_bumps.enqueue(sorted(dependencies))


def urls_for(dependencies):
    """Every URL the CDN may hold that depends on any of `dependencies`."""
    dependencies = set(dependencies)
    batch = PurgeBatch()
    sites = list(Site.objects.all())
    paths = {name.removeprefix("path:") for name in dependencies if name.startswith("path:")}
    if dependencies & versions.EVERYTHING:
        paths.add(SITEMAP_PATH)
        pages = Page.objects.live().specific()
        if versions.SITE not in dependencies:
            pages = [page for page in pages if shows_the_list_of_stories(page)]
        batch.add_pages(pages)
    for site in sites:
        batch.add_urls(site.root_url + path for path in paths)
    return sorted(batch.urls)


def shows_the_list_of_stories(page):
    kinds = getattr(page, "page_cache_dependencies", None)
    return kinds is None or versions.STORIES in kinds


class FailureLog(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@retrying_task()
def purge_from_cdn(attempt, dependencies):
    return purge_now(dependencies)


def purge_now(dependencies):
    """Purge every URL that depends on `dependencies`; PurgeFailed if any purge failed."""
    urls = urls_for(dependencies)
    failures = FailureLog()
    logger = logging.getLogger(WAGTAIL_LOGGER)
    logger.addHandler(failures)
    try:
        for backend in get_backends().values():
            backend.purge_batch(urls)
    finally:
        logger.removeHandler(failures)
    if failures.messages:
        raise PurgeFailed(f"{len(failures.messages)} purge(s) failed: {failures.messages[0]}")
    return len(urls)


@retrying_task()
def replay_page_cache_bumps(attempt, dependencies):
    failed = versions.bump(dependencies)
    if failed:
        raise versions.CacheUnreachable(f"the cache did not take {len(failed)} bump(s)")
