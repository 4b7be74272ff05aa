"""Loading what a story card needs (its category, its banner's renditions) in bulk.

A card shows a NewsPage's fields, so this is news code. Cards appear on the news index, beside
a story, on the home page and on campaign pages: campaign imports it from here (campaign may
import news). The card's template is "includes/story_card.html", in news/templates/.
"""


def story_cards(stories):
    """The given stories, in order, with their category and banner renditions loaded in a
    fixed number of queries, however many there are."""
    stories = list(stories)
    if not stories:
        return []
    model = type(stories[0])
    ids = [story.pk for story in stories]
    loaded = (
        model.objects.filter(pk__in=ids)
        .select_related("category", "hero_image")
        .prefetch_related("hero_image__renditions")
        .in_bulk()
    )
    return [loaded[pk] for pk in ids if pk in loaded]
