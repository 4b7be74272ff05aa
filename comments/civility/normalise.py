"""Turn a comment into tokens that can be matched against word lists.

People who want to get abuse past a filter disguise it: ``f*ck``, ``sh!t``, ``f u c k``,
``fuuuuck``, ``ｆｕｃｋ``, Cyrillic letters that look Latin, ``n1gg3r``. This module undoes
those disguises so that matching (see :mod:`matching`) can work on plain lower-case words,
while every token keeps the exact slice of the original comment it came from, so that a
moderator's explanation can quote the words as the commenter wrote them.

Only the standard library is used.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from .defaults import DEFAULT_LISTS

# Letters from other scripts that look like Latin ones. NFKC does not fold these because
# they are different letters, not presentation forms, so the table is written out.
HOMOGLYPHS = {
    # Cyrillic (lower case; text is lower-cased first)
    "а": "a", "б": "b", "в": "b", "г": "r", "е": "e", "ё": "e", "з": "3", "и": "u",
    "і": "i", "ї": "i", "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o", "п": "n",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "һ": "h",
    "ԛ": "q", "ԝ": "w", "ь": "b", "ү": "y", "ℓ": "l",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "η": "n", "ι": "i", "κ": "k",
    "ν": "v", "ο": "o", "ρ": "p", "σ": "o", "ς": "c", "τ": "t", "υ": "u", "χ": "x",
    "ω": "w", "μ": "u",
}  # fmt: skip

# Digits and symbols used as letters. A tuple gives alternative readings: "1" is "i" in
# "sh1t" but "l" in "s1ut", so both are tried.
LEET = {
    "0": ("o", "u"), "1": ("i", "l"), "2": ("z",), "3": ("e",), "4": ("a",), "5": ("s",),
    "6": ("g",), "7": ("t",), "8": ("b",), "9": ("g",), "@": ("a",), "$": ("s",),
    "!": ("i",), "|": ("l", "i"), "+": ("t",), "€": ("e",), "£": ("l",), "¢": ("c",),
}  # fmt: skip

# Whole words of text-speak. Kept as alternative readings, so "go back 2 ur country"
# matches "go back to your country" while "2" still reads as a number for the model.
TEXT_SPEAK = {
    "u": "you", "ur": "your", "r": "are", "2": "to", "4": "for", "ya": "you", "yr": "your",
    "n": "and", "da": "the", "b4": "before", "cuz": "because", "coz": "because",
}  # fmt: skip
# Text-speak pairs that look like spaced-out letters ("u r a ...") but are words.
TEXT_SPEAK_PAIRS = frozenset({("u", "r"), ("r", "u")})

# Characters that stand for a hidden letter, as in "f*ck" or "f#ck". They are kept as "*"
# in the token and resolved against the word lists by the matcher.
MASKS = frozenset("*#%?_~")
MASK = "*"

QUOTES_OPEN = frozenset("\"'“‘«„`")
QUOTES_CLOSE = frozenset("\"'”’»`")
SENTENCE_END = frozenset(".?!;:")
# Trailing punctuation that is never part of a word. "!" and "$" are absent on purpose:
# they may be letters ("sh!t", "a$$"), and are dropped later if they end a word.
EDGE_PUNCT = "\"'“”‘’«»„`()[]{}<>,.;:?…–—-/\\"

# A chunk like "f.u.c.k" or "f-u-c-k": single characters joined by separators.
SPELLED_OUT = re.compile(r"^(?:[^\W_]|[@$!|*#])(?:[.\-_~·](?:[^\W_]|[@$!|*#])){2,}[.\-_]?$")
# Separators that split one whitespace chunk into several words ("well-known", "and/or").
INNER_SPLIT = re.compile(r"[\-/\\,.…–—:;()\[\]{}<>\"“”«»]+")
ORDINAL = re.compile(r"^\d+(st|nd|rd|th|s)$")
ELONGATED = re.compile(r"(\w)\1{2,}")
# Separators inside a spelled-out word ("f.u.c.k") are dropped before decoding.
SPELLED_SEPARATORS = re.compile(r"[.\-_~·]")
MAX_QUOTE_SPAN = 12
MIN_SPELLED_LETTERS = 3
MAX_VARIANTS = 8


@dataclass(frozen=True)
class Token:
    """One word of a comment, normalised, with the span it came from.

    ``text`` is the main reading; ``variants`` holds other readings of ambiguous
    characters ("1" as "l", elongated letters squeezed to one). ``masked`` means the
    word hides letters behind ``*``; ``quoted`` means it sits inside quotation marks;
    ``sentence`` numbers the sentence so rules can stay within one.
    """

    text: str
    start: int
    end: int
    variants: tuple[str, ...] = ()
    masked: bool = False
    quoted: bool = False
    sentence: int = 0

    @property
    def readings(self) -> tuple[str, ...]:
        """The main reading followed by the alternatives, without duplicates."""
        return (self.text, *[v for v in self.variants if v != self.text])


@dataclass(frozen=True)
class Normalised:
    """A comment as tokens, plus the original text to quote from."""

    original: str
    tokens: tuple[Token, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        """The normalised words joined by spaces: what the statistical scorer reads."""
        return " ".join(t.text for t in self.tokens)

    def words(self, first: int, last: int) -> str:
        """The original text from token ``first`` to token ``last`` inclusive."""
        return self.original[self.tokens[first].start : self.tokens[last].end]


def fold_char(char: str) -> str:
    """Fold one character to plain lower-case Latin where it is a disguise.

    NFKC turns fullwidth and mathematical letters into ASCII; the homoglyph table catches
    look-alike letters from other scripts; decomposing and dropping combining marks
    strips accents ("fück" -> "fuck").
    """
    folded = unicodedata.normalize("NFKC", char).lower()
    decomposed = unicodedata.normalize("NFD", folded)
    # Look-alikes are mapped after the accents go, so an accented one ("ύ") is caught too.
    return "".join(HOMOGLYPHS.get(c, c) for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Fold a whole string (used for word lists, whose offsets do not matter)."""
    return "".join(fold_char(c) for c in text)


def _fold_with_offsets(chunk: str, base: int) -> tuple[str, list[int]]:
    """Fold a chunk and remember, for each folded character, its original offset."""
    out: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(chunk):
        for c in fold_char(char):
            out.append(c)
            offsets.append(base + i)
    return "".join(out), offsets


def _is_wordish(char: str) -> bool:
    return char.isalnum() or char in LEET or char in MASKS or char == "'"


def _strip_edges(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Narrow [lo, hi) to drop punctuation around a word, keeping leet and mask symbols
    that sit inside it or start it ("@ss", "$hit"); a trailing "!"/"?" is punctuation."""
    while lo < hi and (text[lo] in EDGE_PUNCT or not _is_wordish(text[lo])):
        lo += 1
    while hi > lo and (
        text[hi - 1] in EDGE_PUNCT or text[hi - 1] in "!?" or not _is_wordish(text[hi - 1])
    ):
        hi -= 1
    return lo, hi


def _collapse_elongation(word: str, keep: int) -> str:
    """Shorten runs of three or more equal letters to ``keep`` letters."""
    return ELONGATED.sub(lambda m: m.group(1) * keep, word)


def decode_word(raw: str) -> tuple[str, tuple[str, ...], bool]:
    """Undo leetspeak, masks and elongation in one folded word.

    Returns the main reading, alternative readings and whether letters are masked.
    Pure numbers and ordinals ("2024", "3rd") are left alone: they are not disguises.
    """
    word = raw.replace("'", "").replace("’", "")
    if not word:
        return "", (), False
    has_letter = any(c.isalpha() for c in word)
    if not has_letter and not any(c in MASKS for c in word) or ORDINAL.match(word):
        return word, (), False
    options = []
    for char in word:
        if char in MASKS:
            options.append((MASK,))
        elif char in LEET and not char.isalpha():
            options.append(LEET[char])
        else:
            options.append((char,))
    readings: list[str] = []
    for combo in product(*options):
        readings.append("".join(combo))
        if len(readings) >= MAX_VARIANTS:
            break
    main = _collapse_elongation(readings[0], 2)
    variants = []
    for reading in readings:
        for keep in (2, 1):
            variant = _collapse_elongation(reading, keep)
            if variant != main and variant not in variants:
                variants.append(variant)
    return main, tuple(variants), MASK in main


def _chunks(text: str):
    """Yield (start, end) of whitespace-separated chunks."""
    for match in re.finditer(r"\S+", text):
        yield match.start(), match.end()


def _split_chunk(folded: str) -> list[tuple[int, int]]:
    """Split a folded chunk into word spans, joining spelled-out letters ("f.u.c.k")."""
    lo, hi = _strip_edges(folded, 0, len(folded))
    if lo >= hi:
        return []
    core = folded[lo:hi]
    if SPELLED_OUT.match(core):
        return [(lo, hi)]
    spans = []
    pos = lo
    for sep in INNER_SPLIT.finditer(core):
        spans.append((pos, lo + sep.start()))
        pos = lo + sep.end()
    spans.append((pos, hi))
    return [s for s in (_strip_edges(folded, a, b) for a, b in spans) if s[0] < s[1]]


@dataclass
class _Raw:
    """A word before the sentence and quote passes; mutable while building."""

    raw: str
    start: int
    end: int
    opens_quote: bool = False
    closes_quote: bool = False
    ends_sentence: bool = False


def _raw_words(text: str) -> list[_Raw]:
    """Cut the text into words, noting quotes and sentence ends around each chunk."""
    words: list[_Raw] = []
    for start, end in _chunks(text):
        folded, offsets = _fold_with_offsets(text[start:end], start)
        spans = _split_chunk(folded)
        for i, (a, b) in enumerate(spans):
            word = _Raw(folded[a:b], offsets[a], offsets[b - 1] + 1)
            before = folded[:a] if i == 0 else ""
            after = folded[b:] if i == len(spans) - 1 else folded[b : spans[i + 1][0]]
            word.opens_quote = any(c in QUOTES_OPEN for c in before)
            word.closes_quote = any(c in QUOTES_CLOSE for c in after)
            # A full stop after a single letter is an initial ("U.K."), not a sentence end.
            enders = SENTENCE_END - {"."} if b - a == 1 else SENTENCE_END
            word.ends_sentence = any(c in enders for c in after)
            words.append(word)
    return words


# Short everyday words that spelled-out letters often run together with ("y o u a r e a
# m o r o n"). Together with the single words of the shipped lists they let a run be cut
# back into words; a run that cannot be cut that way stays one word.
SEGMENT_WORDS = frozenset(
    [
        "a", "an", "the", "you", "your", "ur", "u", "are", "r", "is", "was", "be", "so",
        "such", "go", "get", "off", "up", "out", "and", "of", "to", "at", "in", "on", "i",
        "me", "my", "we", "they", "them", "their", "he", "she", "it", "this", "that", "what",
        "shut", "total", "complete", "absolute", "little", "dirty", "stupid",
    ]
)  # fmt: skip
MAX_SEGMENT_RUN = 40


@lru_cache(maxsize=1)
def _segment_vocabulary() -> frozenset[str]:
    words = set(SEGMENT_WORDS)
    for key in ("banned", "suspect"):
        for row in DEFAULT_LISTS[key]:
            phrase = fold(row["phrase"])
            if " " not in phrase and len(phrase) > 2:
                words.add(phrase)
                words.update(phrase + suffix for suffix in ("s", "ing", "ed", "er"))
    return frozenset(words)


def segment(letters: str) -> list[int] | None:
    """Cut a run of letters into known words; the end offset of each, or None.

    Prefers the cut with the fewest words, so "youareamoron" is "you are a moron".
    """
    if len(letters) > MAX_SEGMENT_RUN:
        return None
    vocabulary = _segment_vocabulary()
    best: list[list[int] | None] = [None] * (len(letters) + 1)
    best[0] = []
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 20), end):
            previous, current = best[start], best[end]
            if (
                previous is not None
                and letters[start:end] in vocabulary
                and (current is None or len(previous) + 1 < len(current))
            ):
                best[end] = [*previous, end]
    return best[-1]


def _spelled_run(run: list[_Raw]) -> list[_Raw]:
    """One word for a run of single characters, or several when it cuts into known words."""
    plain = "".join(LEET[w.raw][0] if w.raw in LEET else w.raw for w in run)
    cuts = segment(plain)
    if cuts is None or len(cuts) == 1:
        cuts = [len(run)]
    words, begin = [], 0
    for end in cuts:
        part = run[begin:end]
        word = _Raw("".join(w.raw for w in part), part[0].start, part[-1].end)
        word.opens_quote, word.closes_quote = part[0].opens_quote, part[-1].closes_quote
        word.ends_sentence = part[-1].ends_sentence
        words.append(word)
        begin = end
    return words


def _join_spaced_letters(words: list[_Raw]) -> list[_Raw]:
    """Merge runs of single characters ("f u c k") into words."""
    merged: list[_Raw] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and (words[i].raw, words[i + 1].raw) in TEXT_SPEAK_PAIRS:
            merged.extend(words[i : i + 2])  # "u r" is "you are", not letters to join
            i += 2
            continue
        j = i
        while j < len(words) and len(words[j].raw) == 1 and not words[j].ends_sentence:
            j += 1
        if j < len(words) and len(words[j].raw) == 1 and j > i:
            j += 1  # the last letter of the run may end the sentence
        if j - i >= MIN_SPELLED_LETTERS:
            merged.extend(_spelled_run(words[i:j]))
            i = j
        else:
            merged.append(words[i])
            i += 1
    return merged


def _quoted_flags(words: list[_Raw]) -> list[bool]:
    """Mark words between an opening and a closing quotation mark.

    An apostrophe may open a quote or merely start "'cause"; a quote only counts when
    it closes within a few words, and before another one opens (a mark never closed must
    not pair with the next quotation's closing mark and cover the words between).
    """
    flags = [False] * len(words)
    i = 0
    while i < len(words):
        if words[i].opens_quote:
            for j in range(i, min(len(words), i + MAX_QUOTE_SPAN)):
                if j > i and words[j].opens_quote:
                    break
                if words[j].closes_quote:
                    for k in range(i, j + 1):
                        flags[k] = True
                    i = j
                    break
        i += 1
    return flags


def normalise(text: str) -> Normalised:
    """Normalise a comment into tokens that keep their original spans."""
    words = _join_spaced_letters(_raw_words(text))
    quoted = _quoted_flags(words)
    tokens = []
    sentence = 0
    for word, in_quotes in zip(words, quoted, strict=True):
        raw = word.raw
        if SPELLED_OUT.match(raw):
            raw = SPELLED_SEPARATORS.sub("", raw)
        main, variants, masked = decode_word(raw)
        if main in TEXT_SPEAK:
            variants = (*variants, TEXT_SPEAK[main])
        if main:
            tokens.append(Token(main, word.start, word.end, variants, masked, in_quotes, sentence))
        if word.ends_sentence:
            sentence += 1
    return Normalised(text, tuple(tokens))


def normalise_phrase(phrase: str) -> tuple[str, ...]:
    """Normalise a list entry the same way as comments, so both sides compare equal."""
    return tuple(t.text for t in normalise(phrase).tokens)
