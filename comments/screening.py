"""The civility screen with the moderators' word lists from the database.

Building a screener compiles the lists, so each process keeps the one it built and rebuilds it
only when the lists change. The change is announced through the shared cache (a new version
key), so an edit in the admin reaches every app server on its next comment.
"""

import uuid

from django.core.cache import cache

from comments.civility import Lists, Screener, default_lists, default_screener
from comments.models import AllowedPhrase, BannedTerm, SuspectTerm

VERSION_KEY = "comments:word-lists:version"

_built = {}  # version -> Screener, in this process


def lists_changed():
    """Called when a moderator saves or deletes a list entry."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def lists_from_database():
    """The three editable lists from the database; the rest (groups, cues) as shipped."""
    data = default_lists().to_data()
    data["banned"] = list(BannedTerm.objects.values("phrase", "rule", "action", "aim"))
    data["suspect"] = list(SuspectTerm.objects.values("phrase", "rule", "aim"))
    data["allowed"] = list(AllowedPhrase.objects.values_list("phrase", flat=True))
    return Lists.from_data(data)


def current_screener():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        # add, not set: if another server got there first, use its version.
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    screener = _built.get(version)
    if screener is None:
        # Share the (large, read-only) model between versions; only the lists change.
        screener = Screener(lists=lists_from_database(), scorer=default_screener().scorer)
        _built.clear()
        _built[version] = screener
    return screener


def screen_comment(text, options=None):
    """Screen with the current lists and, given a site's CommentSettings, its thresholds."""
    thresholds = options.thresholds() if options is not None else None
    return current_screener().screen(text, thresholds)
