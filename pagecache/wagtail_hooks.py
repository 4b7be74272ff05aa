"""Pages tell the page cache what they depend on while they are served.

A page class may say which of the site-wide dependencies it shows with
`page_cache_dependencies`, a tuple of names from pagecache/versions.py ("site", "stories");
every page also depends on its own address. A class that says nothing depends on all of them,
so a page type added later is never served stale, only re-rendered more often than it needs.
"""

from wagtail import hooks

from pagecache import versions


@hooks.register("before_serve_page")
def note_what_the_page_depends_on(page, request, serve_args, serve_kwargs):
    kinds = getattr(page, "page_cache_dependencies", versions.EVERYTHING)
    request.page_cache_dependencies = {*kinds, versions.path_dependency(request.path)}
