"""One hostility score from two witnesses: the word lists and the statistical model.

The model is trained on tweets whose annotators disagree about swearing: trained on
HateXplain, which calls many posts with slurs "normal", it learns that a swear word says
little, and then misses most of what Davidson's annotators (and this site's policy) call
offensive. The lists carry the policy itself, so their verdict must not depend on which
data set the model happened to learn from.

So the score is a noisy-OR of the two, each read as the chance the comment breaks the
policy::

    score = 1 - (1 - model) * (1 - lists)

where ``lists`` is a fixed prior for the strongest hit, set from what the policy does
with it, never fitted to data: a term the moderators reject counts as a 99 % witness, a
term they hold as 95 %, a suspect word as a coin toss. The model still orders comments
the lists say nothing about, and orders the hits among themselves. Measured leaving each
source out (the model JSON's ``leave_one_source_out``: the screen's ROC-AUC beside
``model_only``), it lifts the mean a little and helps most where annotators count
swearing as abuse (Davidson); on sources whose annotators let slurs and swearing pass
(Civil Comments, ToxiGen, Wikipedia) it costs about 0.01.

The decision does not change (see :func:`comments.civility.screener.decide`): list hits
hold or reject by their action, and the model's own score is what the thresholds test, so
a held word plus hostile wording is still held for a moderator, not rejected outright.
"""

from __future__ import annotations

from collections.abc import Iterable

from .matching import Hit
from .rules import Action

# The prior chance that a comment with such a hit breaks the policy. Fixed by the policy's
# meaning of each kind of hit (see the module docstring), not learnt.
LIST_PRIOR = {"reject": 0.99, "hold": 0.95, "suspect": 0.5}


def list_score(hits: Iterable[Hit]) -> float:
    """The prior of the strongest hit, or 0.0 without hits."""
    best = 0.0
    for hit in hits:
        if hit.action is Action.REJECT:
            return LIST_PRIOR["reject"]
        best = max(best, LIST_PRIOR["suspect" if hit.suspect else "hold"])
    return best


def combine(model: float, lists: float) -> float:
    """Noisy-OR of two chances of a policy breach."""
    return 1.0 - (1.0 - model) * (1.0 - lists)
