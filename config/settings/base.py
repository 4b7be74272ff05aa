"""Settings shared by every environment.

Everything that differs between machines comes from the environment, so the same code runs on a
laptop with SQLite and on a cluster with PostgreSQL and Redis. See `.env.example` and the README.
"""

import os
from pathlib import Path

import dj_database_url

from .security import *  # noqa: F403

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    "core",
    "pagecache",
    "outbox",
    "content",
    "campaign",
    "news",
    "comments",
    "alerts",
    "demo",
    "civility_lab",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v3",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_countries",
    "anymail",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.csp.SiteAndAdminCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL in the address, or an API offset no database can skip: a clear 400 before any
    # view or cache sees it (core/query_guard.py).
    "core.query_guard.QueryGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Lets the next one honour csrf_exempt on a page's route (core/csrf.py).
    "core.csrf.PageRouteCsrfExemptMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "pagecache.sites.KnownSiteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Sees a view's exception first (no other middleware here handles exceptions): database
    # down -> 503 (core/db_unavailable.py).
    "core.db_unavailable.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "pagecache.context_processors.page_versions",
            ],
        },
    },
]

# SQLite file by default so a fresh clone runs with nothing installed; DATABASE_URL points the
# same code at PostgreSQL in production and in CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default; with REDIS_URL every app server shares one cache (and so one set of
# rate-limit counters). Redis being down is a cache miss, not an error (core/cache_backend.py);
# the short timeouts keep an unreachable host from holding a request.
REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_cache(url):
    timeout = float(os.environ.get("REDIS_TIMEOUT", "0.5"))
    return {
        "BACKEND": "core.cache_backend.ForgivingRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "campaign"),
        "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
    }


def frontend_cache(environ):
    """WAGTAILFRONTENDCACHE for the CDN FRONTEND_CACHE names, or None for none."""
    kind = environ.get("FRONTEND_CACHE", "").strip().lower()
    if not kind:
        return None
    backends = {
        "http": lambda: {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": environ["FRONTEND_CACHE_LOCATION"],
        },
        "cloudflare": lambda: {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": environ["CLOUDFLARE_ZONE_ID"],
            "BEARER_TOKEN": environ["CLOUDFLARE_API_TOKEN"],
        },
        "cloudfront": lambda: {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": environ["CLOUDFRONT_DISTRIBUTION_ID"],
        },
    }
    if kind not in backends:
        raise ValueError(f"FRONTEND_CACHE must be one of {', '.join(backends)}, not {kind!r}")
    return {kind: backends[kind]()}


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Where `{% cache %}` keeps template fragments: the shared cache, or nowhere when
# PAGE_FRAGMENT_CACHE is "false" (set below the cache settings it depends on).
CACHES["template_fragments"] = (
    CACHES["default"]
    if os.environ.get("PAGE_FRAGMENT_CACHE", "true").lower() != "false"
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
)
# With the cache down, rate limits cannot count: signing and commenting go through rather than
# refusing every supporter; the database still allows one email a minute per inbox
# (outbox/inbox_floor.py). docs/operations.md: "When Redis is down".
RATELIMIT_FAIL_OPEN = True

# Background work (Wagtail's own search indexing and reference index, and ours) runs in-process
# unless TASKS_BACKEND says otherwise; production uses the database queue and `db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
# A task RUNNING this long belongs to a dead worker: `requeue_stale_tasks` puts it back, and its
# email claims (outbox/deliveries.py) lapse after the same time.
TASK_STALE_SECONDS = int(os.environ.get("TASK_STALE_SECONDS", "600"))

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# The admin's date pickers write and read dates as the site shows them (en-GB): 25/10/2026.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SITE_NAME = os.environ.get("SITE_NAME", "Safe Harbour Alliance")
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_I18N_ENABLED = False
# The API is public and read-only for anonymous visitors; its docs page documents it.
WAGTAILAPI_DOCS_ENABLED = True
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# Whole pages for anonymous visitors, in the shared cache (see pagecache/middleware.py); 0 turns
# it off. Browsers revalidate every time; CDNs may keep a page this long.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Pieces of pages (the route, menu, settings, side boxes, template fragments) kept between
# renders (pagecache/fragments.py, pagecache/context_processors.py); "false" renders everything.
PAGE_FRAGMENT_CACHE = os.environ.get("PAGE_FRAGMENT_CACHE", "true").lower() != "false"
# A CDN in front of the site, purged of exactly what the page cache forgets, after the commit,
# by a retried task (pagecache/cdn.py). FRONTEND_CACHE picks the kind:
#   http        Varnish or any cache that takes PURGE: FRONTEND_CACHE_LOCATION=http://host:port
#   cloudflare  CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN
#   cloudfront  CLOUDFRONT_DISTRIBUTION_ID (needs boto3, and AWS credentials as boto3 finds them)
# None, not {}, when unset: Wagtail reads WAGTAILFRONTENDCACHE_LOCATION only when
# WAGTAILFRONTENDCACHE is None.
WAGTAILFRONTENDCACHE = frontend_cache(os.environ)
WAGTAILFRONTENDCACHE_LOCATION = None
# Forms on cached pages carry no token: they are checked by origin instead (core/csrf.py).
# A refused form gets this plain page, which shows nothing that was posted.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# How many reverse proxies (load balancer, CDN) sit in front of the app servers and append to
# X-Forwarded-For. 0 trusts only REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Seconds a browser or a load balancer is told to wait when the database is down (a 503).
DB_UNAVAILABLE_RETRY_AFTER = 30
RATELIMIT_USE_CACHE = "default"
if not REDIS_URL:
    # A local-memory cache counts rate limits per process; fine on one
    # machine, which is its only use.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Petitions: limits per connection (address hash) per petition, how long a confirmation link
# works, counter shards, and how long after a petition closes its signatures' personal data is
# kept. The limits let a household, an office or a street stall on one connection sign one
# after another (10 in 5 minutes, 30 an hour); email confirmation is the real guard.
PETITION_SIGN_RATES = env_list("PETITION_SIGN_RATES", "10/5m,30/h")
PETITION_CONFIRM_MAX_AGE = int(os.environ.get("PETITION_CONFIRM_MAX_AGE", str(7 * 24 * 3600)))
PETITION_COUNT_SHARDS = 16
SIGNATURE_RETENTION_DAYS = int(os.environ.get("SIGNATURE_RETENTION_DAYS", "180"))

# Comments: most options are per-site settings in the admin; rate limits are per deployment.
COMMENTS_RATE_PER_IP = os.environ.get("COMMENTS_RATE_PER_IP", "20/h")
COMMENTS_RATE_PER_EMAIL = os.environ.get("COMMENTS_RATE_PER_EMAIL", "10/h")
# Readers' reports of comments a connection may send, and how long a report's connection
# fingerprint (and any report a moderator has dealt with) is kept before the purge.
COMMENTS_REPORT_RATE = os.environ.get("COMMENTS_REPORT_RATE", "10/h")
COMMENT_REPORT_RETENTION_DAYS = int(os.environ.get("COMMENT_REPORT_RETENTION_DAYS", "30"))

# At most one signing email per inbox, and one comment confirmation per inbox, in this time.
EMAIL_REPEAT_FLOOR_SECONDS = int(os.environ.get("EMAIL_REPEAT_FLOOR_SECONDS", "60"))

# The key of the hash that stands for an email address in bans, commenters and signatures
# (core/identity.py). Empty: the secret key. Set it before rotating DJANGO_SECRET_KEY.
EMAIL_HASH_KEY = os.environ.get("EMAIL_HASH_KEY", "")

# Story alerts (alerts/): sign-ups a connection may make (django-ratelimit's "N/period"), and
# how long an unconfirmed subscription is kept before the purge deletes it.
ALERTS_SUBSCRIBE_RATE = os.environ.get("ALERTS_SUBSCRIBE_RATE", "10/h")
ALERTS_UNCONFIRMED_DAYS = int(os.environ.get("ALERTS_UNCONFIRMED_DAYS", "30"))

# An email service provider through django-anymail, instead of SMTP: ANYMAIL_ESP names its
# backend ("postmark", "sendgrid", "mailgun", "amazon_ses", "brevo", ... as in
# anymail.backends), and every other ANYMAIL_* variable is passed to anymail without the
# prefix (ANYMAIL_POSTMARK_SERVER_TOKEN, ANYMAIL_WEBHOOK_SECRET="user:password"). Its
# tracking webhook is then served at /alerts/anymail/; bounces and complaints unsubscribe.
ANYMAIL_ESP = os.environ.get("ANYMAIL_ESP", "").strip().lower()
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_") and name != "ANYMAIL_ESP"
}

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "campaigns@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per background task and per page action drowns everything else out.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # Every sign-in attempt at INFO; failures and pauses are WARNING.
        "axes": {"level": "WARNING"},
    },
}
