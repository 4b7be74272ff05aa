"""The three word lists the screen uses, as plain data.

The comments app keeps these lists in its database (BannedTerm, SuspectTerm and
AllowedPhrase in comments/models/policy.py) so that moderators can edit them; this module
only defines their shape and converts them to and from plain dicts, so the screen itself
never needs a database. The seeded defaults live in :mod:`defaults`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .defaults import DEFAULT_LISTS
from .rules import Action, Aim, Rule


@dataclass(frozen=True)
class Term:
    """One entry of the banned or suspect list.

    ``phrase`` is one or more words written plainly ("go back to your country"); the
    matcher also accepts inflections of its last word and disguised spellings.
    """

    phrase: str
    rule: Rule
    action: Action = Action.REJECT
    aim: Aim = Aim.ANY

    @classmethod
    def from_data(cls, data: Mapping[str, Any], default_action: Action) -> Term:
        """Build a term from a dict such as a database row or JSON object."""
        return cls(
            phrase=str(data["phrase"]),
            rule=Rule(data["rule"]),
            action=Action(data.get("action", default_action.value)),
            aim=Aim(data.get("aim", Aim.ANY.value)),
        )

    def to_data(self) -> dict[str, str]:
        """The term as a JSON-friendly dict."""
        return {
            "phrase": self.phrase,
            "rule": self.rule.value,
            "action": self.action.value,
            "aim": self.aim.value,
        }


@dataclass(frozen=True)
class Lists:
    """Everything the matcher needs to know, as immutable (and so hashable) data.

    - ``banned``: terms that reject or hold a comment, each with its own action.
    - ``suspect``: terms that hold a comment for a person to read; never reject.
    - ``allowed``: phrases that never trigger anything ("sex trafficking").
    - ``second_person``: words that aim a ``PERSON`` term at the reader ("you").
    - ``groups``: words for groups of people that aim a ``GROUP`` term, keyed by
      the rule that aiming at them breaks (migrants -> xenophobia).
    - ``mention_cues``: words showing a term is being reported or discussed
      ("calling", "the word"), not used.
    """

    banned: tuple[Term, ...] = ()
    suspect: tuple[Term, ...] = ()
    allowed: tuple[str, ...] = ()
    second_person: tuple[str, ...] = ()
    groups: tuple[tuple[str, Rule], ...] = ()
    mention_cues: tuple[str, ...] = field(default=())

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Lists:
        """Build lists from plain data (see :func:`to_data` for the shape)."""
        groups = data.get("groups", {})
        return cls(
            banned=_terms(data.get("banned", ()), Action.REJECT),
            suspect=tuple(_hold(t) for t in _terms(data.get("suspect", ()), Action.HOLD)),
            allowed=tuple(data.get("allowed", ())),
            second_person=tuple(data.get("second_person", ())),
            groups=tuple((word, Rule(rule)) for rule, words in groups.items() for word in words),
            mention_cues=tuple(data.get("mention_cues", ())),
        )

    def to_data(self) -> dict[str, Any]:
        """The lists as JSON-friendly data, e.g. to seed a database."""
        groups: dict[str, list[str]] = {}
        for word, rule in self.groups:
            groups.setdefault(rule.value, []).append(word)
        return {
            "banned": [t.to_data() for t in self.banned],
            "suspect": [t.to_data() for t in self.suspect],
            "allowed": list(self.allowed),
            "second_person": list(self.second_person),
            "groups": groups,
            "mention_cues": list(self.mention_cues),
        }


def _terms(rows: Iterable[Mapping[str, Any]], default_action: Action) -> tuple[Term, ...]:
    return tuple(Term.from_data(row, default_action) for row in rows)


def _hold(term: Term) -> Term:
    """Suspect terms only ever hold, whatever the data says."""
    if term.action is Action.HOLD:
        return term
    return Term(term.phrase, term.rule, Action.HOLD, term.aim)


def default_lists() -> Lists:
    """The seeded lists shipped with the package."""
    return Lists.from_data(DEFAULT_LISTS)
