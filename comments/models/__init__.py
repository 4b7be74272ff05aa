"""The comments app's models, one module per concern, all under the app label `comments`.

- `settings`: which pages take comments, and each site's comment settings (policy, threads,
  moderation, the civility screen's thresholds);
- `conversation`: the people who comment, their comments and their subscriptions;
- `policy`: what moderators decide the rules are: bans, and the word lists the screen uses;
- `reports`: readers' anonymous reports of published comments.

A commenter's email is kept for notifications only and never shown; commenters, bans and rate
limits are keyed by `core.identity.email_hash`, so every spelling of one inbox is one person and
a ban outlives the address being erased.

A comment belongs to its commenter's address only once the address is proven for it
(`Comment.proven_at`): posted from a browser that holds proof of the address (comments/proof.py),
or confirmed by the link emailed for that comment. Until then nobody is emailed about it and
nobody can be banned through it.

Django finds models by importing this module, so each is imported here; other names
(choices, querysets, the default policy) are imported from the module that defines them.
"""

from comments.models.conversation import Comment, Commenter, Subscription
from comments.models.policy import AllowedPhrase, Ban, BannedTerm, SuspectTerm
from comments.models.reports import CommentReport
from comments.models.settings import CommentSettings, CommentsMixin

__all__ = [
    "AllowedPhrase",
    "Ban",
    "BannedTerm",
    "Comment",
    "CommentReport",
    "CommentSettings",
    "Commenter",
    "CommentsMixin",
    "Subscription",
    "SuspectTerm",
]
