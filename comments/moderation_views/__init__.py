"""The moderation pages of the Wagtail admin, registered in comments/wagtail_hooks.py.

- `listing`: the queue of comments to moderate, its filters and columns, and the counts of
  what waits that the menu and the dashboard show;
- `moderate`: one comment in full, with its flags, and the four decisions;
- `bulk`: the same decisions for a selection of comments from the listing;
- `decision_forms`: the reason and the ban's terms a moderator gives, shared by both.

Every change is a POST, checked against the `comments.moderate_comment` permission
(`comments.moderation.MODERATE`), and written to Wagtail's audit log by comments/moderation.py,
which does the work: these modules only ask and answer.
"""
