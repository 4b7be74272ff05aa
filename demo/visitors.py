"""The demo's visitors: requests as a browser sends them, and a load that sends no email.

The signing and posting paths take the visitor's request for what they read from it: the
network address the rate limits count, and cookies (a demo visitor has none, so has proven no
address). Each demo visitor comes from an IPv6 /64 of their own in 2001:db8::/32, the range
kept for documentation, which no real visitor has: the rate limits count a /64 as one visitor,
so the demo's few hundred supporters are a few hundred visitors, as real ones would be.
"""

from contextlib import contextmanager

from django.test import RequestFactory, override_settings

# What the public paths send while the demo loads (confirmation links, "new reply" notices)
# is addressed to invented people at example.org: it is dropped, as the demo sent nothing
# before it used those paths. Tasks run in this process for the length of the load, so that
# no email is left queued for a worker to send later through the real mail server.
QUIET = {
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    # No floor: the demo's emails are dropped, so there is no inbox to protect, and its
    # supporters would otherwise leave a floor row each behind.
    "EMAIL_REPEAT_FLOOR_SECONDS": 0,
}


@contextmanager
def no_email_sent():
    """Run the load with QUIET's settings: every email the public paths send is dropped."""
    with override_settings(**QUIET):
        yield


def visitor_address(number):
    """The address of demo visitor `number` (0 to 65535), alone in its /64."""
    return f"2001:db8:d3:{number:x}::1"


def visitor_post(path, number):
    """The POST a form on `path` sends from demo visitor `number`'s browser."""
    return RequestFactory().post(path, REMOTE_ADDR=visitor_address(number))
