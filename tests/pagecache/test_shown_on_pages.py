"""Exactly these models' rows, saved or deleted, make every cached page stale: the apps that own
them register them (pagecache/invalidation.py's `register_shown_on_pages`), and the list below
is what pagecache once named itself."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from pagecache.invalidation import shown_content_changed

SHOWN_ON_PAGES = {
    "news.newscategory",
    "news.newssource",
    "campaign.organisationsettings",
    "comments.commentsettings",
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",
    "wagtailimages.image",
}


def reaches_the_page_cache(signal, model):
    # Django has no public way to list a signal's receivers for one sender; this is the
    # lookup send() itself makes.
    sync_receivers, _async_receivers = signal._live_receivers(model)
    return shown_content_changed in sync_receivers


def test_the_models_pages_show_and_no_others_make_cached_pages_stale():
    for signal in (post_save, post_delete):
        found = {
            model._meta.label_lower
            for model in apps.get_models(include_auto_created=True)
            if reaches_the_page_cache(signal, model)
        }
        assert found == SHOWN_ON_PAGES, signal
