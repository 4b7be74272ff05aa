"""Staff sign-in lockout: django-axes' database handler, keeping nothing anyone could read.

Why the database and not the shared cache: the cache is Redis, and Redis may be down while
the site is up (docs/operations.md, "When Redis is down"). Counting failures there meant
that during an outage every wrong password was a 500 and nothing was counted, while the
right password still worked: unlimited guessing. PostgreSQL is the one store the site cannot
run without, so a lockout kept there holds exactly as long as sign-in works at all.

What a row holds: a keyed hash of the username, a keyed pseudonym of the network
(core/privacy.py), a count and a time. No address, no user agent, no form data: a password
typed into the username box, or a supporter's email address typed by mistake, is never
stored.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.http import QueryDict

from core.keyed_hash import keyed_hash

USERNAME_FIELD = "username"


def username_key(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the name typed, as a keyed hash (None if none was typed).

    Case-folded, so "Editor" and "editor" share one count: databases that compare names
    without case would otherwise give a guesser a fresh count per spelling.
    """
    if credentials:
        name = credentials.get(USERNAME_FIELD)
    else:
        name = getattr(request, "data", request.POST).get(USERNAME_FIELD)
    if name is None:
        return None
    return keyed_hash(f"sign-in:{name.casefold()}")


class PrivateDatabaseHandler(AxesDatabaseHandler):
    """AxesDatabaseHandler that stores only the two keyed hashes, and whose reset on success
    forgets the signed-in account's failures and nobody else's."""

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is None:
            return super().user_login_failed(sender, credentials, request, **kwargs)
        # axes copies the browser's headers and the query and form fields into its row;
        # it is given none of them. The login form keeps its own copy of what was typed.
        kept = (request.axes_user_agent, request.axes_http_accept, request.GET, request.POST)
        request.axes_user_agent = request.axes_http_accept = ""
        request.GET = request.POST = QueryDict()
        try:
            return super().user_login_failed(sender, credentials, request, **kwargs)
        finally:
            request.axes_user_agent, request.axes_http_accept, request.GET, request.POST = kept

    def reset_user_attempts(self, request, credentials=None):
        """axes would also clear every failure counted against the address, for every
        account: then anyone with one working account could wipe the count of their guesses
        at someone else's by signing in between them."""
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(username=username).delete()
        return deleted
