"""The news app: the newsroom and its stories."""

from django.apps import AppConfig


class NewsConfig(AppConfig):
    """The news index, story pages, categories, sources, feeds and related stories."""

    name = "news"
    verbose_name = "News"

    def ready(self):
        # Imported here, not at the top: pagecache.invalidation imports Wagtail's page model,
        # and Django imports this module before any model can be.
        from pagecache.invalidation import register_shown_on_pages
        from pagecache.query_strings import register_page_parameter, whole_page_number

        # Stories show their categories and sources: editing one makes cached pages stale.
        register_shown_on_pages(self.get_model("NewsCategory"))
        register_shown_on_pages(self.get_model("NewsSource"))
        # The newsroom's listings are paginated: `?page=2` is a page of its own.
        register_page_parameter("page", whole_page_number)

        from news.publishing import connect

        # A story left without a date takes the day it is first published (news/models.py).
        connect()
