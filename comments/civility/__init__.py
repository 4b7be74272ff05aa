"""The civility screen: checks a comment against the comment policy and says why.

Typical use::

    from comments.civility import screen

    result = screen("some comment")
    result.decision   # Decision.PASS, HOLD or REJECT
    result.flags      # each with .rule, .words (as written) and .reason

No Django here: the lists are plain data (:class:`Lists`), so the Django app can keep
them in its database and pass them in.
"""

from .lists import Lists, Term, default_lists
from .rules import Action, Aim, Rule
from .scorer import LinearScorer, Scorer
from .screener import Decision, Flag, Screener, Screening, Thresholds, default_screener, screen

__all__ = [
    "Action",
    "Aim",
    "Decision",
    "Flag",
    "LinearScorer",
    "Lists",
    "Rule",
    "Scorer",
    "Screener",
    "Screening",
    "Term",
    "Thresholds",
    "default_lists",
    "default_screener",
    "screen",
]
