"""The names shared by every part of the screen: which policy rule a word breaks, what a
list entry asks for, and whom a word must be aimed at to count."""

from __future__ import annotations

from enum import Enum


class Rule(Enum):
    """The parts of the comment policy a comment can break."""

    PROFANITY = "profanity"
    PERSONAL_ATTACK = "personal_attack"
    RACISM_OR_DISCRIMINATION = "racism_or_discrimination"
    XENOPHOBIA = "xenophobia"
    PREJUDICE = "prejudice"

    @property
    def label(self) -> str:
        """A human label, for reasons and for moderators."""
        return LABELS[self]


LABELS = {
    Rule.PROFANITY: "profanity",
    Rule.PERSONAL_ATTACK: "a personal attack",
    Rule.RACISM_OR_DISCRIMINATION: "racism or discrimination",
    Rule.XENOPHOBIA: "xenophobia",
    Rule.PREJUDICE: "prejudice",
}


class Action(Enum):
    """What a banned term does to a comment that contains it."""

    REJECT = "reject"
    HOLD = "hold"


class Aim(Enum):
    """Whom a term must be aimed at before it counts.

    ``ANY`` counts wherever it appears (slurs, profanity). ``PERSON`` counts only near
    "you"/"your" or as a short sentence of its own ("Idiot."), so "the traffickers are
    morons" is not a personal attack. ``GROUP`` counts only near a word for a group of
    people (migrants, Muslims...), so "vermin" about rats in a flat is not xenophobia.
    """

    ANY = "any"
    PERSON = "person"
    GROUP = "group"
