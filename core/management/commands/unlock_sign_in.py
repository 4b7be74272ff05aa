"""Let a paused editor sign in again before the pause ends.

Sign-in failures are stored under a keyed hash of the username (core/sign_in.py), so axes'
own `axes_reset_username` cannot find them by name; this command hashes the name the same
way. `axes_reset` (every pause, for everyone) still works as axes documents it.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.core.management.base import BaseCommand

from core.sign_in import USERNAME_FIELD, username_key


class Command(BaseCommand):
    help = "Clear the sign-in failures counted against these usernames, from every address."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+")

    def handle(self, *args, usernames, **options):
        for name in usernames:
            key = username_key(None, {USERNAME_FIELD: name})
            cleared = AxesProxyHandler.reset_attempts(username=key)
            self.stdout.write(f"{name}: cleared {cleared} record{'s' if cleared != 1 else ''}.")
