"""What news and campaign pages are both made of: the story body's StreamField blocks and the
figures block's bar chart, with the blocks' templates.

Below news and campaign, so both use one copy and neither imports the other for it. The
templates keep their names ("blocks/quote.html"): the old migrations name them. Story cards
show a story's fields, so they are news code (news/cards.py).
"""
