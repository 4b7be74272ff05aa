"""Find list terms in a normalised comment, by whole words and their inflections.

Matching never looks inside a word, so "grape", "Scunthorpe" and "therapist" are safe.
A term matches a run of tokens whose readings equal the term's words or their
inflections ("idiots", "fucking"). Three kinds of context change what a match means:

- allowed phrases ("sex trafficking") hide their words from every term;
- aimed terms need a target: "you"/"your" for insults, a group of people for
  dehumanising words (see :class:`~comments.civility.rules.Aim`);
- quoting, reporting ("calling migrants ...") or denying ("... are not vermin") a word
  is not using it: such matches are softened or dropped (see :func:`_soften`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .lists import Lists, Term
from .normalise import MASK, Normalised, Token, normalise_phrase
from .reported import FIRST_PERSON, REPORTING_CUES
from .rules import Action, Aim, Rule
from .vocabulary import (
    GROUP_FILLERS,
    MIN_RICH_LENGTH,
    NEGATIONS,
    NEVER_INFLECTIONS,
    NOT_QUOTE_CUES,
    PERSON_AFTER_FILLERS,
    PERSON_FILLERS,
    PLURAL_SUFFIXES,
    POSSESSIVES,
    QUOTE_CUES,
    RICH_RULES,
    RICH_SUFFIXES,
)

MAX_GAP = 4
MENTION_WINDOW = 4
SHORT_SENTENCE = 3


@dataclass(frozen=True)
class Hit:
    """One term found in a comment, after context has been taken into account.

    ``rule`` and ``action`` are the effective ones: a dehumanising word aimed at
    Muslims is racism even if listed under xenophobia, and a quoted slur is held, not
    rejected. ``target`` is the word that aimed the term ("you", "migrants"), if any.
    """

    term: Term
    first: int
    last: int
    words: str
    rule: Rule
    action: Action
    suspect: bool = False
    target: str = ""
    mention: str = ""


@dataclass(frozen=True)
class Analysis:
    """Everything the matcher found in one comment.

    ``second_person`` lists the words that address the reader ("you") and ``groups``
    the words naming a group of people with the rule aiming at them would break; the
    scorer uses both as features and to name the rule behind a score-only decision.
    """

    hits: tuple[Hit, ...] = ()
    second_person: tuple[str, ...] = ()
    groups: tuple[tuple[str, Rule], ...] = ()
    allowed: frozenset[int] = frozenset()
    # Token positions of the same words, so features can look at what surrounds them.
    second_person_at: frozenset[int] = frozenset()
    groups_at: frozenset[int] = frozenset()


@dataclass(frozen=True)
class _Entry:
    """One word of one term, as the inflection index stores it."""

    term: Term
    suspect: bool
    words: tuple[str, ...]

    @property
    def rich(self) -> bool:
        """Whether the term takes verb and adjective endings, not only plurals."""
        return self.term.rule in RICH_RULES


@lru_cache(maxsize=8192)
def inflections(word: str, rich: bool = False) -> frozenset[str]:
    """The word and the inflected forms that count as the same word."""
    forms = {word}
    forms.update(word + s for s in PLURAL_SUFFIXES)
    if word.endswith("y"):
        forms.update({word[:-1] + "ies", word[:-1] + "ied"})
    if rich and len(word) >= MIN_RICH_LENGTH:
        stems = {word, word + word[-1]}  # "shit" -> "shitting", "shitty"
        if word.endswith("e"):
            stems.add(word[:-1])  # "joke" -> "joking"
        forms.update(stem + s for stem in stems for s in RICH_SUFFIXES)
        forms.update(stem + "ers" for stem in stems)
    return frozenset(f for f in forms if f == word or f not in NEVER_INFLECTIONS)


class Matcher:
    """Compiled lists: build once, then call :meth:`find` for each comment."""

    def __init__(self, lists: Lists) -> None:
        self.lists = lists
        self._first_word: dict[str, list[_Entry]] = defaultdict(list)
        for suspect, terms in ((False, lists.banned), (True, lists.suspect)):
            for term in terms:
                self._add(term, suspect)
        # Allowed phrases by their first word: an allowed phrase matches exactly, so only
        # the phrases starting with one of a token's readings can start there.
        self._allowed: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in lists.allowed:
            words = normalise_phrase(phrase)
            if words:
                self._allowed[words[0]].append(words)
        self._second_person = frozenset(w for p in lists.second_person for w in normalise_phrase(p))
        self._groups = self._index_groups(lists.groups)
        self._cues = {w for p in lists.mention_cues for w in normalise_phrase(p)}
        # Beside quotation marks any word of reporting speech marks a mention ("told to
        # 'go back'"); unquoted, only the site's mention cues do ("told" would also excuse
        # "they told us we are vermin").
        self._quote_cues = (self._cues - NOT_QUOTE_CUES) | REPORTING_CUES | QUOTE_CUES

    def _add(self, term: Term, suspect: bool) -> None:
        words = normalise_phrase(term.phrase)
        if not words:
            return
        entry = _Entry(term, suspect, words)
        for form in inflections(words[0], entry.rich):
            self._first_word[form].append(entry)

    @staticmethod
    def _index_groups(groups: Iterable[tuple[str, Rule]]) -> dict[tuple[str, ...], Rule]:
        index: dict[tuple[str, ...], Rule] = {}
        for phrase, rule in groups:
            words = normalise_phrase(phrase)
            if words:
                for form in inflections(words[-1]):
                    index.setdefault((*words[:-1], form), rule)
        return index

    @property
    def second_person(self) -> frozenset[str]:
        """The normalised words that address the reader ("you", "your")."""
        return self._second_person

    @cached_property
    def _forms_by_length(self) -> dict[int, list[str]]:
        """First-word forms grouped by length, to resolve masked words ("f**k")."""
        by_length: dict[int, list[str]] = defaultdict(list)
        for form in self._first_word:
            by_length[len(form)].append(form)
        return by_length

    # -- readings ---------------------------------------------------------------------

    def readings(self, token: Token) -> tuple[str, ...]:
        """All readings of a token, with masked letters resolved against the lists."""
        if not token.masked:
            return token.readings
        resolved = []
        for reading in token.readings:
            resolved.extend(self._unmask(reading))
        return tuple(dict.fromkeys([*resolved, *token.readings]))

    def _unmask(self, word: str) -> list[str]:
        """Listed forms that a masked word could stand for ("f*ck" -> "fuck")."""
        letters = sum(c != MASK for c in word)
        # "f***": a visible first letter and at least three hidden ones is the classic
        # mask; otherwise a third of the letters must show, so "***" matches nothing.
        first_only = word[0] != MASK and len(word) >= 4
        if letters == 0 or (letters < len(word) / 3 and not first_only):
            return []
        pattern = re.compile(re.escape(word).replace(re.escape(MASK), "[a-z]"))
        return [f for f in self._forms_by_length.get(len(word), ()) if pattern.fullmatch(f)]

    # -- finding ----------------------------------------------------------------------

    def analyse(self, text: Normalised, reported: Iterable[int] = ()) -> Analysis:
        """Hits plus the words that address the reader or name a group. Tokens at `reported`
        (quoted reported speech) are passed over like allowed phrases, but keep their places,
        so distances around them (mention cues, negations, aims) stay as written."""
        readings = [self.readings(t) for t in text.tokens]
        blocked = self.allowed_tokens(readings) | set(reported)
        hits = self._find(text, readings, blocked)
        second_at = [
            j
            for j, options in enumerate(readings)
            if self._second_person & set(options) and not text.tokens[j].quoted
        ]
        second = tuple(text.words(j, j) for j in second_at)
        groups, groups_at = [], []
        for j in range(len(readings)):
            rule = self._group_at(j, readings)
            if rule is not None and j not in blocked:
                groups.append((text.words(j, j), rule))
                groups_at.append(j)
        return Analysis(
            tuple(hits),
            second,
            tuple(groups),
            frozenset(blocked),
            frozenset(second_at),
            frozenset(groups_at),
        )

    def find(self, text: Normalised) -> list[Hit]:
        """Every term in the comment, with effective rule and action, in text order."""
        return list(self.analyse(text).hits)

    def _find(self, text: Normalised, readings, blocked: set[int]) -> list[Hit]:
        hits: list[Hit] = []
        taken: set[int] = set()
        for i in range(len(readings)):
            for entry, last in self._matches_at(i, readings, blocked):
                hit = self._contextualise(entry, i, last, text, readings)
                if hit is not None and not (set(range(i, last + 1)) & taken):
                    hits.append(hit)
                    taken.update(range(i, last + 1))
        return hits

    def allowed_tokens(self, readings: list[tuple[str, ...]]) -> set[int]:
        """Token positions covered by an allowed phrase."""
        blocked: set[int] = set()
        for i, options in enumerate(readings):
            for reading in options:
                for phrase in self._allowed.get(reading, ()):
                    if self._phrase_at(phrase, i, readings, exact=True, rich=False):
                        blocked.update(range(i, i + len(phrase)))
        return blocked

    def _matches_at(self, i: int, readings, blocked: set[int]):
        """(entry, last token) for every term starting at token ``i``, longest first."""
        if i in blocked:
            return []
        found = []
        for reading in readings[i]:
            for entry in self._first_word.get(reading, ()):
                if self._phrase_at(entry.words, i, readings, exact=False, rich=entry.rich):
                    last = i + len(entry.words) - 1
                    if not blocked & set(range(i, last + 1)):
                        found.append((entry, last))
        # Banned before suspect, long phrases before their single words.
        found.sort(key=lambda f: (f[0].suspect, -(f[1] - i)))
        return found

    @staticmethod
    def _phrase_at(words: tuple[str, ...], i: int, readings, *, exact: bool, rich: bool) -> bool:
        if i + len(words) > len(readings):
            return False
        for offset, word in enumerate(words):
            options = readings[i + offset]
            if word in options:
                continue
            if exact or not any(r in inflections(word, rich) for r in options):
                return False
        return True

    # -- context ----------------------------------------------------------------------

    def _contextualise(self, entry: _Entry, first: int, last: int, text, readings):
        """Apply aim and mention rules; None when the match does not count."""
        term = entry.term
        rule, action, target = term.rule, term.action, ""
        if term.aim is Aim.PERSON:
            target = self._person_target(first, last, text, readings)
            if not target:
                return None
            if target.lower() in POSSESSIVES and action is Action.REJECT:
                action = Action.HOLD
        elif term.aim is Aim.GROUP:
            found = self._group_target(first, last, text, readings)
            if found is None:
                return None
            target, rule = found
        hit = Hit(term, first, last, text.words(first, last), rule, action, entry.suspect, target)
        return self._soften(hit, text, readings)

    def _same_sentence(self, text: Normalised, a: int, b: int) -> bool:
        return text.tokens[a].sentence == text.tokens[b].sentence

    def _person_target(self, first: int, last: int, text: Normalised, readings) -> str:
        """The "you" an insult is aimed at, or "" if it is not aimed at the reader."""
        for j in range(first - 1, max(-1, first - MAX_GAP - 2), -1):
            if not self._same_sentence(text, j, first):
                break
            if self._second_person & set(readings[j]):
                return text.words(j, j)
            if not PERSON_FILLERS & set(readings[j]):
                break
        for j in range(last + 1, min(len(readings), last + 4)):
            if not self._same_sentence(text, j, last):
                break
            if self._second_person & set(readings[j]):
                return text.words(j, j)
            if not PERSON_AFTER_FILLERS & set(readings[j]):
                break
        if self._is_short_outburst(first, last, text):
            return text.words(first, last)
        return ""

    def _is_short_outburst(self, first: int, last: int, text: Normalised) -> bool:
        """ "Idiot." or "Shut up and listen": the sentence itself is aimed at the reader."""
        tokens = text.tokens
        starts = first == 0 or tokens[first - 1].sentence != tokens[first].sentence
        if not starts:
            return False
        length = sum(1 for t in tokens if t.sentence == tokens[first].sentence)
        return length <= SHORT_SENTENCE or last > first

    def _group_target(self, first: int, last: int, text: Normalised, readings):
        """(group word, its rule) a dehumanising word is aimed at, or None."""
        scan = [
            range(first - 1, max(-1, first - MAX_GAP - 2), -1),
            range(last + 1, min(len(readings), last + MAX_GAP + 2)),
        ]
        for positions in scan:
            for j in positions:
                if not self._same_sentence(text, j, first):
                    break
                rule = self._group_at(j, readings)
                if rule is not None:
                    return text.words(j, j), rule
                if not GROUP_FILLERS & set(readings[j]):
                    break
        return None

    def _group_at(self, j: int, readings) -> Rule | None:
        for reading in readings[j]:
            rule = self._groups.get((reading,))
            if rule is not None:
                return rule
            if j > 0:
                for previous in readings[j - 1]:
                    rule = self._groups.get((previous, reading))
                    if rule is not None:
                        return rule
        return None

    def _mention(self, hit: Hit, text: Normalised, readings) -> str:
        """Why a match looks reported rather than used: quoted, cued or negated."""
        tokens = text.tokens[hit.first : hit.last + 1]
        window = range(max(0, hit.first - MENTION_WINDOW), hit.first)
        near = [j for j in window if self._same_sentence(text, j, hit.first)]
        if all(t.quoted for t in tokens):
            # Quotation marks alone may be scare quotes ('Migrants are "vermin"'), which
            # make a slur no kinder; with a cue ("calling migrants 'illegals'") it is mentioned.
            after = range(hit.last + 1, min(len(readings), hit.last + 3))
            near_quote = near + [j for j in after if self._same_sentence(text, j, hit.last)]
            cued = any(self._quote_cues & set(readings[j]) for j in near_quote)
            # "I called them 'vermin'", "'vermin', I said": the writer's own word.
            said_after = [j for j in after if self._same_sentence(text, j, hit.last)][:1]
            own = any(FIRST_PERSON & set(readings[j]) for j in near + said_after)
            return "quoted" if cued and not own else "scare-quoted"
        cued = any(self._cues & set(readings[j]) for j in near)
        if hit.term.aim is not Aim.PERSON and cued:
            return "reported"
        if any(NEGATIONS & set(readings[j]) for j in near[-2:]):
            return "denied"
        return ""

    def _soften(self, hit: Hit, text: Normalised, readings) -> Hit | None:
        """Quoting or reporting a word is not using it.

        Aimed words, phrases and hold-level words that are quoted, reported or denied
        are dropped: "Calling migrants 'illegals' is racist" must pass. A single slur or
        swear word is hurtful even when quoted, so it is held for a person, not dropped;
        denying one ("not fucking fair") changes nothing. Quotation marks with no word of
        reporting near them may be scare quotes, so what they hold is held, not dropped.
        """
        mention = self._mention(hit, text, readings)
        if not mention:
            return hit
        if mention == "scare-quoted":
            action = Action.HOLD if hit.action is Action.REJECT else hit.action
            return Hit(**{**hit.__dict__, "action": action, "mention": "quoted"})
        single = hit.first == hit.last
        if hit.term.aim is Aim.ANY and single and hit.action is Action.REJECT:
            if mention == "denied":
                return hit
            return Hit(**{**hit.__dict__, "action": Action.HOLD, "mention": mention})
        return None
