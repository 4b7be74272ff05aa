"""What news and campaign pages are both made of: the story body's StreamField blocks, the
figures block's bar chart, and the story cards, with their templates.

Below news and campaign, so both use one copy and neither imports the other for it. The
templates keep their names ("blocks/quote.html", "includes/story_card.html"): the old
migrations name the block templates, and pages include the card by that name.
"""
