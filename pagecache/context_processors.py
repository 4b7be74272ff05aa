"""The current versions of the site and of the list of stories, for templates that keep pieces
of a page with Django's `{% cache %}` tag: naming them among the tag's keys makes a piece stale
exactly when the whole pages holding it are (pagecache/versions.py).

    {% cache 3600 "story-aside" page.pk page_versions.site page_versions.stories %}

Read from the cache once per render, and only if a template asks.
"""

from django.utils.functional import SimpleLazyObject

from pagecache import versions


def page_versions(request):
    return {
        "page_versions": SimpleLazyObject(lambda: versions.read_with([], versions.EVERYTHING)[1])
    }
