"""The comments app: comments on any page that takes them, and their moderation."""

from django.apps import AppConfig

from core.data_rights import register_eraser


class CommentsConfig(AppConfig):
    """Comments, commenters, subscriptions, bans and word lists, the moderation queue, the
    comments' JSON API, and the civility screen (comments/civility/, plain Python)."""

    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        # Imported here, not at the top: these import models, and Django imports this module
        # before any model can be. Importing signals connects its handlers: saving a word
        # list invalidates the cached screen on every app server.
        from comments import signals  # noqa: F401
        from comments.erasure import erase_commenter
        from comments.threads import sort_parameter
        from pagecache.invalidation import register_shown_on_pages
        from pagecache.query_strings import register_page_parameter

        register_eraser("comment(s)", erase_commenter)
        # Each site's comment settings change what its commented pages show.
        register_shown_on_pages(self.get_model("CommentSettings"))
        # A story's comments in another order (`?sort=oldest`, `?sort=replies`) is a page of
        # its own; any other value is the default order, and the same cached page.
        register_page_parameter("sort", sort_parameter)
