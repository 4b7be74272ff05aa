"""Screen a comment: combine list hits and the score into a decision that explains itself.

Decision order (the first that applies wins):

1. a banned term whose action is reject -> REJECT;
2. a score at or above ``Thresholds.reject`` -> REJECT;
3. any other banned or suspect term -> HOLD;
4. a score at or above ``Thresholds.hold`` -> HOLD;
5. otherwise PASS.

The score a screening reports is not the model's alone: it combines the model with the
list hits (see :mod:`combine`), so comments rank by both witnesses; the thresholds test
the model's own score (``model_score``), so combining never turns a hold into a reject.

Every HOLD and REJECT carries at least one :class:`Flag` naming the rule, quoting the
words as written and saying why in a sentence a moderator can show the commenter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path

from .combine import combine, list_score
from .lists import Lists, default_lists
from .matching import Analysis, Hit, Matcher
from .reading import read
from .rules import Action, Aim, Rule
from .scorer import DEFAULT_MODEL, LinearScorer, Scored, Scorer


class Decision(Enum):
    """What happens to a comment."""

    PASS = "pass"  # noqa: S105 - a decision, not a password
    HOLD = "hold"
    REJECT = "reject"


@dataclass(frozen=True)
class Flag:
    """One reason a comment was held or rejected."""

    rule: Rule
    words: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Screening:
    """The outcome of screening one comment.

    ``score`` ranks comments by hostility, lists and model together; ``model_score`` is
    the statistical model's part, which the hold and reject thresholds are compared with.
    """

    decision: Decision
    score: float
    flags: tuple[Flag, ...] = ()
    model_score: float = 0.0


@lru_cache(maxsize=1)
def _shipped_thresholds() -> tuple[float, float]:
    """The hold and reject thresholds the training script chose on data."""
    try:
        chosen = json.loads(Path(DEFAULT_MODEL).read_text(encoding="utf-8"))["thresholds"]
        return float(chosen["hold"]), float(chosen["reject"])
    except (OSError, KeyError, ValueError):
        return 0.9, 0.98


@dataclass(frozen=True)
class Thresholds:
    """Score thresholds, between 0 and 1, for holding and rejecting a comment.

    The defaults are read from the shipped model's JSON, where training
    (:mod:`civility_lab.train`) recorded them: chosen on calibrated out-of-fold scores of
    the public data (each score made by a model that had not seen that source), ``hold``
    where at most 5 % of civil posts score higher and ``reject`` where at most 1 % do, each
    source's civil posts weighing the same, and ``hold`` raised above every hand-written
    civil example about abuse if any scored higher. No cap decides them. Each site can
    override them (CommentSettings).
    """

    hold: float = field(default_factory=lambda: _shipped_thresholds()[0])
    reject: float = field(default_factory=lambda: _shipped_thresholds()[1])

    def __post_init__(self) -> None:
        if not 0.0 <= self.hold <= self.reject <= 1.0:
            raise ValueError("thresholds need 0 <= hold <= reject <= 1")


class Screener:
    """Word lists, matcher and scorer, built once and reused for every comment."""

    def __init__(
        self,
        lists: Lists | None = None,
        scorer: Scorer | None = None,
        thresholds: Thresholds | None = None,
    ) -> None:
        self.lists = lists if lists is not None else default_lists()
        self.matcher = Matcher(self.lists)
        self.scorer = scorer if scorer is not None else LinearScorer(matcher=self.matcher)
        self.thresholds = thresholds if thresholds is not None else Thresholds()

    def screen(self, text: str, thresholds: Thresholds | None = None) -> Screening:
        """Screen one comment."""
        thresholds = thresholds or self.thresholds
        # Abuse quoted from someone else in a report ("the court heard he called her a
        # 'stupid b***h'") is evidence, not the writer's words: read the comment without it.
        normalised, analysis = read(text, self.matcher)
        scored = self._score(text, normalised, analysis)
        flags = [flag_for_hit(hit) for hit in analysis.hits]
        decision = decide(analysis.hits, scored.score, thresholds)
        if decision is not Decision.PASS and not _list_explains(analysis.hits, decision):
            flags.append(flag_for_score(scored, analysis, thresholds))
        if decision is Decision.PASS:
            flags = []
        score = combine(scored.score, list_score(analysis.hits))
        return Screening(decision, round(score, 4), tuple(flags), round(scored.score, 4))

    def _score(self, text: str, normalised, analysis: Analysis) -> Scored:
        """Use the scorer's explaining path when it has one, else its plain score."""
        explain = getattr(self.scorer, "explain", None)
        if explain is not None:
            return explain(normalised, analysis)
        return Scored(min(1.0, max(0.0, float(self.scorer.score(text)))))


def decide(hits, score: float, thresholds: Thresholds) -> Decision:
    """Combine list hits and the score (see the module docstring for the order)."""
    if any(h.action is Action.REJECT for h in hits) or score >= thresholds.reject:
        return Decision.REJECT
    if hits or score >= thresholds.hold:
        return Decision.HOLD
    return Decision.PASS


def _list_explains(hits, decision: Decision) -> bool:
    """Whether the list hits alone account for the decision."""
    if decision is Decision.REJECT:
        return any(h.action is Action.REJECT for h in hits)
    return bool(hits)


def flag_for_hit(hit: Hit) -> Flag:
    """A flag for one list hit, with a reason that fits how the words were used."""
    words = f"“{hit.words}”"
    label = hit.rule.label
    if hit.mention:
        how = {"quoted": "is quoted", "reported": "is reported", "denied": "is denied"}
        reason = (
            f"{words} {how.get(hit.mention, 'is mentioned')} rather than aimed at anyone, "
            f"but it is {label}; a moderator should check the context."
        )
    elif hit.term.aim is Aim.PERSON:
        reason = f"{words} is aimed at another person (“{hit.target}”): that is {label}."
    elif hit.term.aim is Aim.GROUP:
        reason = f"{words} is used about “{hit.target}”, which dehumanises them: {label}."
    elif hit.suspect or hit.action is Action.HOLD:
        reason = f"{words} can be {label}; a moderator should read it in context."
    else:
        reason = f"{words} is {label}, which the comment policy does not allow."
    return Flag(hit.rule, (hit.words,), reason)


def flag_for_score(scored: Scored, analysis: Analysis, thresholds: Thresholds) -> Flag:
    """A flag for a decision the score made alone.

    The rule is inferred from what the comment does: addressing the reader suggests a
    personal attack; naming a group of people suggests the rule protecting that group;
    otherwise the hostility is called prejudice, the policy's most general rule.
    """
    if analysis.second_person:
        rule = Rule.PERSONAL_ATTACK
    elif analysis.groups:
        rule = analysis.groups[0][1]
    else:
        rule = Rule.PREJUDICE
    limit = thresholds.reject if scored.score >= thresholds.reject else thresholds.hold
    reason = f"The wording scored {scored.score:.2f} for hostility (limit {limit:.2f})"
    if scored.words:
        quoted = ", ".join(f"“{w}”" for w in scored.words)
        reason += f"; the words that weighed most were {quoted}"
    return Flag(rule, scored.words, reason + f". It may be {rule.label}.")


@lru_cache(maxsize=8)
def _screener_for(lists: Lists | None) -> Screener:
    """One screener per set of lists, so lists and model load once per process."""
    if lists is None:
        return Screener()
    return Screener(lists=lists, scorer=default_screener().scorer)


def default_screener() -> Screener:
    """The process-wide screener with the shipped lists and model."""
    return _screener_for(None)


def screen(
    text: str, *, lists: Lists | None = None, thresholds: Thresholds | None = None
) -> Screening:
    """Screen one comment with the default screener, or with the given lists."""
    return _screener_for(lists).screen(text, thresholds)
