"""Choosing the stories shown beside a story. Their cards are loaded by news.cards."""

from django.db.models import Count

RELATED_LIMIT = 3


def related_stories_for(page, limit=RELATED_LIMIT):
    """The editor's picks first, then the stories sharing most tags, then the most recent.

    Only live, public stories; never the story itself. Works in preview too, where the picks
    and tags live in memory rather than in the database.
    """
    candidates = type(page).objects.live().public().exclude(pk=page.pk)
    chosen = _picked(page, candidates)[:limit]
    if len(chosen) < limit:
        chosen += _sharing_tags(page, candidates, chosen, limit - len(chosen))
    if len(chosen) < limit:
        chosen += _most_recent(candidates, chosen, limit - len(chosen))
    return chosen


def _picked(page, candidates):
    picked_ids = [link.story_id for link in page.related_links.all() if link.story_id]
    if not picked_ids:
        return []
    found = candidates.in_bulk(picked_ids)
    ordered = dict.fromkeys(picked_ids)  # keeps the editor's order, drops repeats
    return [found[pk] for pk in ordered if pk in found]


def _sharing_tags(page, candidates, chosen, count):
    tag_ids = [tag.pk for tag in page.tags.all()]
    if not tag_ids:
        return []
    return list(
        candidates.exclude(pk__in=[story.pk for story in chosen])
        .filter(tags__in=tag_ids)
        .annotate(shared_tags=Count("tags"))
        .order_by("-shared_tags", "-date_published", "-pk")[:count]
    )


def _most_recent(candidates, chosen, count):
    return list(
        candidates.exclude(pk__in=[story.pk for story in chosen]).order_by(
            "-date_published", "-pk"
        )[:count]
    )
