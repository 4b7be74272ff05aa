"""Staff sign-in, sessions and the Content Security Policy, the same in every environment.

They live in base settings, not only in production, so that development, the test suite and the
Chromium tests run the site under exactly the rules visitors get: a policy that breaks a page
breaks it in the tests first. Production adds HTTPS-only rules on top (see production.py).
"""

import os
from datetime import timedelta

from csp.constants import NONE, SELF

# Sign-in: django-axes pauses sign-in after repeated failures (core/sign_in.py). Counts are
# kept in the database, not in Redis: a lockout must hold while Redis is down. A row holds a
# keyed hash of the username and a keyed pseudonym of the network, never an address, a user
# agent or form data.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "core.sign_in.PrivateDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
# Two counts, either of which pauses sign-in:
# - per username, from every address: a guesser with many addresses (a botnet, or the 2^64
#   addresses of one IPv6 /64) gets LOGIN_FAILURE_LIMIT guesses per account per cool-off,
#   in total. The price: anyone who knows an editor's username can pause their sign-in.
# - per network (an IPv4 address or an IPv6 /64), across usernames: one address can try only
#   that many accounts, and so can pause at most one account per cool-off. Only people
#   sharing the guesser's own network (an office, a café) are paused with it.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "core.sign_in.username_key"
AXES_CLIENT_IP_CALLABLE = "core.privacy.ip_pseudonym"
# Attempts while paused are refused without being counted: they cannot stretch a pause, and a
# paused network's attempts do not count against the accounts it goes on trying.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
# No table of successful sign-ins (who, from where, which browser).
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False

# Staff passwords: at least 12 characters, not common, not all digits, not like the username.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions exist only for staff (supporters never log in). A working day at most; without
# "Remember me" on Wagtail's login form the session ends with the browser.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_HOURS", "12")) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Staff avatars from Gravatar would send a hash of each editor's email to a third party, and
# the dashboard's upgrade check would call wagtail.org from every superuser's browser (and
# break the admin's connect-src 'self'). Upgrades come through the project's own updates.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Error reports never carry a visitor's address, what they typed in a query string or a token
# in the path (core/error_reports.py).
DEFAULT_EXCEPTION_REPORTER_FILTER = "core.error_reports.PrivateExceptionReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "core.error_reports.PrivateExceptionReporter"

# Content Security Policy (django-csp). The public site runs only its own scripts, with no
# inline script at all, so an injected <script> or onerror= cannot run. Inline style
# attributes stay allowed: the progress bars and charts use them, and a style cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Video embeds (YouTube, Vimeo) chosen by editors play in their own frames.
        "frame-src": ["https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin writes some inline scripts of its own (date pickers, inline panels), so the
# admin gets the same policy with inline scripts allowed, and may frame itself for previews.
# Only signed-in staff reach it. See core/csp.py.
CONTENT_SECURITY_POLICY_ADMIN = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
}
CSP_ADMIN_PATH_PREFIX = "/admin/"
