"""Read a comment once, the same way for screening, scoring and training.

A comment is normalised (disguises undone), its reported speech found (abuse quoted from
someone else in a report, :mod:`reported`) and then matched against the lists with those
quoted words passed over. The screener, the scorer's raw-text path and the training
features (:mod:`civility_lab.fitting`) all call :func:`read`, so the model is trained on
exactly the reading it is later asked to score.
"""

from __future__ import annotations

from .matching import Analysis, Matcher
from .normalise import Normalised, normalise
from .reported import reported_tokens


def read(text: str, matcher: Matcher) -> tuple[Normalised, Analysis]:
    """The normalised comment and what the lists found in it, reported speech passed over."""
    normalised = normalise(text)
    reported = reported_tokens(normalised, matcher.second_person)
    return normalised, matcher.analyse(normalised, reported)
