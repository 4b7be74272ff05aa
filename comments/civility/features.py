"""Turn a normalised comment into the numbers the statistical scorer weighs.

Training (:mod:`civility_lab.train`) and scoring (:mod:`scorer`) both call :func:`extract`,
so the model sees exactly the same features in both places. Features are hashed into a fixed
number of buckets with CRC-32, which is stable across processes and platforms (Python's
own ``hash`` is salted per process) and fast in the standard library.

Three blocks:
- character n-grams of the normalised words, which survive misspellings and leftover
  obfuscation ("fukin", "idi0t" that normalisation missed);
- word unigrams and bigrams, which carry meaning ("go back", "you idiot");
- aimed n-grams: the words within three of "you" or of a word for a group of people,
  with that word replaced by ``<you>`` or ``<group>``, so "<you> stupid", "<you> are
  scum", "<group> are vermin" and "send <group> back" are learnt once for every
  spelling of "you" and every group, not once per group named in the training data
  (which would tie the model to the groups one data set happens to target);
- a few hand-made features: is the comment aimed at "you", does it name a group of
  people, which lists did it hit, how shouty is it.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from .matching import Analysis
from .normalise import ELONGATED, Normalised
from .rules import Action, Rule

CHAR_SEED = 0x5EED
WORD_SEED = 0xC0DE
AIM_SEED = 0xA1A1
YOU, GROUP = "<you>", "<group>"
AIM_WINDOW = 3
CHAR_NGRAMS = (3, 4, 5)
MAX_CHARS = 2000  # long comments add little signal and cost time

HAND_FEATURES = (
    "second_person",
    "group_word",
    "hit_reject",
    "hit_hold",
    "hit_suspect",
    "hit_profanity",
    "hit_attack",
    "hit_hate",
    "caps_ratio",
    "exclamations",
    "disguised",
    "log_length",
)


@dataclass(frozen=True)
class Features:
    """Hashed sparse features plus the dense hand features.

    ``hashed`` maps a bucket to a signed value; ``words`` maps a word bucket to the
    token index it came from, so a score can be explained with the commenter's words.
    """

    hashed: dict[int, float]
    hand: tuple[float, ...]
    words: dict[int, int]


def _bucket(text: str, seed: int, mask: int) -> tuple[int, float]:
    """The bucket of an n-gram and its sign (signed hashing halves collision bias)."""
    h = zlib.crc32(text.encode(), seed)
    return h & mask, 1.0 if h & 0x80000000 else -1.0


def char_ngrams(words: Sequence[str]) -> set[str]:
    """Character n-grams of each word padded with spaces, so edges are marked."""
    grams: set[str] = set()
    budget = MAX_CHARS
    for word in words:
        padded = f" {word} "
        budget -= len(padded)
        if budget < 0:
            break
        for n in CHAR_NGRAMS:
            for i in range(len(padded) - n + 1):
                grams.add(padded[i : i + n])
    return grams


def word_ngrams(words: Sequence[str]) -> dict[str, int]:
    """Word unigrams and bigrams, each with the position of its first word."""
    grams: dict[str, int] = {}
    for i, word in enumerate(words):
        grams.setdefault(word, i)
        if i + 1 < len(words):
            grams.setdefault(f"{word} {words[i + 1]}", i)
    return grams


def aimed_ngrams(words: Sequence[str], you_at, groups_at) -> dict[str, int]:
    """Uni-, bi- and trigrams around "you" and group words, the target as a placeholder."""
    if not you_at and not groups_at:
        return {}
    tagged = [YOU if i in you_at else GROUP if i in groups_at else w for i, w in enumerate(words)]
    grams: dict[str, int] = {}
    for anchor in sorted({*you_at, *groups_at}):
        lo, hi = max(0, anchor - AIM_WINDOW), min(len(tagged), anchor + AIM_WINDOW + 1)
        for n in (1, 2, 3):
            for i in range(lo, hi - n + 1):
                if i <= anchor < i + n or n == 1:
                    gram = " ".join(tagged[i : i + n])
                    grams.setdefault(f"{tagged[anchor]}|{gram}" if n == 1 else gram, i)
    return grams


def _add_block(target: dict[int, float], grams, seed: int, mask: int) -> dict[int, str]:
    """Hash a block of n-grams into ``target`` with unit L2 norm for the block."""
    if not grams:
        return {}
    weight = 1.0 / math.sqrt(len(grams))
    origin = {}
    for gram in grams:
        index, sign = _bucket(gram, seed, mask)
        target[index] = target.get(index, 0.0) + sign * weight
        origin[index] = gram
    return origin


def _disguised(text: Normalised) -> bool:
    """Whether any word was disguised: masked, leetspeak, spaced out or stretched."""
    for token in text.tokens:
        written = text.original[token.start : token.end]
        if token.masked or ELONGATED.search(written.lower()):
            return True
        if token.text.isalpha() and not written.replace("'", "").isalpha():
            return True
    return False


def hand_features(text: Normalised, analysis: Analysis) -> tuple[float, ...]:
    """The dense hand features, each scaled to about 0..1, in HAND_FEATURES order."""
    original = text.original
    letters = [c for c in original if c.isalpha()]
    caps = sum(c.isupper() for c in letters) / len(letters) if len(letters) > 3 else 0.0
    hits = analysis.hits
    hate_rules = {Rule.RACISM_OR_DISCRIMINATION, Rule.XENOPHOBIA, Rule.PREJUDICE}
    return (
        float(bool(analysis.second_person)),
        float(bool(analysis.groups)),
        float(any(h.action is Action.REJECT for h in hits)),
        float(any(h.action is Action.HOLD and not h.suspect for h in hits)),
        float(any(h.suspect for h in hits)),
        float(any(h.rule is Rule.PROFANITY for h in hits)),
        float(any(h.rule is Rule.PERSONAL_ATTACK for h in hits)),
        float(any(h.rule in hate_rules for h in hits)),
        caps,
        min(original.count("!"), 5) / 5,
        float(_disguised(text)),
        min(math.log1p(len(text.tokens)) / 6, 1.0),
    )


def extract(text: Normalised, analysis: Analysis, n_bits: int) -> Features:
    """All features of one comment, hashed into ``2 ** n_bits`` buckets."""
    mask = (1 << n_bits) - 1
    # Allowed phrases ("rape survivor") are this site's subject, not abuse: the model
    # does not see them, so it cannot learn to hold every comment about trafficking.
    kept = [i for i in range(len(text.tokens)) if i not in analysis.allowed]
    words = [text.tokens[i].text for i in kept]
    where = {token: k for k, token in enumerate(kept)}
    hashed: dict[int, float] = {}
    _add_block(hashed, char_ngrams(words), CHAR_SEED, mask)
    grams = word_ngrams(words)
    origin = _add_block(hashed, grams, WORD_SEED, mask)
    positions = {index: kept[grams[gram]] for index, gram in origin.items()}
    aimed = aimed_ngrams(
        words,
        {where[i] for i in analysis.second_person_at if i in where},
        {where[i] for i in analysis.groups_at if i in where},
    )
    _add_block(hashed, aimed, AIM_SEED, mask)
    return Features(hashed, hand_features(text, analysis), positions)
