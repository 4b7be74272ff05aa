"""What first publication settles on a story: the date readers see, when the editor left it empty.

`NewsPage.save` fills the live row's date as Wagtail publishes; this writes the same date into
the revisions the editor works from, so the edit form shows the date readers see rather than
an empty field that would seem to say the story has none.
"""

from news.models import NewsPage


def fill_date_in_revisions(sender, instance, revision=None, **kwargs):
    story = instance
    if story.date_published is None:
        return
    for candidate in {revision, story.latest_revision} - {None}:
        content = candidate.content
        if isinstance(content, dict) and content.get("date_published") is None:
            content["date_published"] = story.date_published.isoformat()
            candidate.save(update_fields=["content"])


def connect():
    from wagtail.signals import page_published

    page_published.connect(
        fill_date_in_revisions, sender=NewsPage, dispatch_uid="news-fill-date-in-revisions"
    )
