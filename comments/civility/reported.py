"""Reported speech: abuse that a news report, court report or witness quotes from someone else.

Journalism about abuse quotes the abuser ("The court heard he called her a 'stupid b***h'",
"the passenger shouted 'go back to your own country'"). Those words are evidence, not the
writer's own abuse, so the screen reads the comment without them (see
:meth:`comments.civility.screener.Screener.screen`). A quotation counts as reported speech
only when all of these hold:

- it sits between quotation marks (double quotes may run to :data:`MAX_DOUBLE_QUOTE`
  words and across sentences; single quotes are the normaliser's, a few words);
- a word that reports speech or names it ("called", "shouted", "told", "the court heard",
  "messages", "the word") stands outside the quotes close before it (a colon before the
  quotation joins it to the sentence it introduces), or just after a quotation that opens
  the sentence ('"...," the woman said');
- the words outside quotes nowhere address the reader ("you"), and in the quotation's
  sentences do not speak in the first person ("I", "we", "me"): "You are a 'c***'",
  "... You are one too", "I'd call them 'vermin'" and "He shouted 'p4ki' at me" are the
  writer's own words or about the writer, so they stay for the list and the model;
- no quoted word is disguised the way filter-dodgers write (leetspeak, spaced or stretched
  letters, look-alike characters). Newspapers mask with asterisks ("p***", "f***ing"),
  which is allowed.

Abuse wrapped in quotes without a reporting word ("Migrants are 'vermin'") is not
reported speech and is screened as usual. Known gap: a writer who reports a slur and then
endorses it in the third person ("They called them 'p***s' and they were right to") is
read as reporting it. Only the standard library is used.
"""

from __future__ import annotations

from .normalise import ELONGATED, MASKS, Normalised

DOUBLE_QUOTES = frozenset('"“”„«»')
MAX_DOUBLE_QUOTE = 60  # words; a quotation longer than this is probably unbalanced marks
CUE_BEFORE = 10  # words outside quotes between the reporting word and the quotation
CUE_AFTER = 4  # words after a sentence-opening quotation: '"...," the court heard'

# Words that report or name speech and writing: past tenses, -ing forms, verbs of
# shouting, and nouns. Not the present of "call", "say" or "tell": "Call them what they
# are: 'vermin'" is the writer's own word.
REPORTING_CUES = frozenset(
    (
        "called", "calling", "shouted", "shouting", "yelled", "yelling", "screamed", "screaming",
        "chanted", "chanting", "told", "telling", "said", "saying", "heard", "wrote", "writing",
        "written", "posted", "posting", "texted", "texting", "messaged", "messaging", "muttered",
        "hissed", "sneered", "taunted", "taunting", "jeered", "jeering", "mocked", "mocking",
        "branded", "labelled", "labeled", "labelling", "labeling", "described", "describing",
        "dubbed", "referred", "referring", "warned", "warning", "threatened", "threatening",
        "abused", "abusing", "swore", "sang", "singing", "scrawled", "daubed", "sprayed",
        "reading", "read", "insulted", "insulting", "accused", "tweeted", "remarked", "replied",
        "added", "asked", "boasted", "bragged", "joked", "joking", "shout", "shouts", "yell",
        "yells", "scream", "screams", "chant", "chants", "mutter", "mutters", "hiss", "hisses",
        "message", "messages", "text", "texts", "voicemail", "voicemails", "email", "emails",
        "letter", "note", "post", "posts", "comment", "comments", "remark", "remarks", "tweet",
        "tweets", "graffiti", "placard", "placards", "sign", "signs", "banner", "banners",
        "headline", "headlines", "slur", "slurs", "word", "words", "term",
        "terms", "phrase", "phrases", "language", "abuse", "insult", "insults", "epithet",
        "epithets",
    )
)  # fmt: skip
FIRST_PERSON = frozenset(
    ("i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "im", "ive")
)


def _double_quote_spans(text: Normalised) -> list[tuple[int, int]]:
    """Character spans between paired double quotation marks, in order. A mark opens only
    before a word and closes only after one, and a second opening mark starts again, so an
    inch mark (6" pipe) or a quotation never closed cannot swallow the sentences after it."""
    original = text.original
    spans, opened = [], None
    for i, c in enumerate(original):
        if c not in DOUBLE_QUOTES:
            continue
        before = original[i - 1] if i else " "
        after = original[i + 1] if i + 1 < len(original) else " "
        if opened is not None and not before.isspace():
            spans.append((opened, i))
            opened = None
        elif (before.isspace() or before in "([{:-–—") and not after.isspace():
            opened = i
    return spans


def _quoted(text: Normalised) -> list[bool]:
    """Which tokens are inside quotation marks, single (the normaliser's) or double."""
    flags = [t.quoted for t in text.tokens]
    for start, end in _double_quote_spans(text):
        inside = [j for j, t in enumerate(text.tokens) if start < t.start and t.end <= end]
        if 0 < len(inside) <= MAX_DOUBLE_QUOTE:
            for j in inside:
                flags[j] = True
    return flags


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(first, last) of each run of quoted tokens."""
    runs, start = [], None
    for j, flag in enumerate(flags + [False]):
        if flag and start is None:
            start = j
        elif not flag and start is not None:
            runs.append((start, j - 1))
            start = None
    return runs


def _plainly_written(text: Normalised, j: int) -> bool:
    """Whether a quoted word is written as a newspaper would: letters, maybe asterisks."""
    token = text.tokens[j]
    written = text.original[token.start : token.end]
    letters = "".join(c for c in written if c not in MASKS and c not in "'’-")
    return (not letters or (letters.isascii() and letters.isalpha())) and not ELONGATED.search(
        written.lower()
    )


def _introduced_by_colon(text: Normalised, first: int) -> bool:
    """Whether a colon stands between the quotation and the word before it."""
    gap = text.original[text.tokens[first - 1].end : text.tokens[first].start]
    return ":" in gap


def reported_tokens(text: Normalised, second_person: frozenset[str] | set[str]) -> frozenset[int]:
    """Token positions of quotations that are reported speech (see the module docstring)."""
    tokens = text.tokens
    if not tokens or not any(t.quoted for t in tokens) and not _double_quote_spans(text):
        return frozenset()
    quoted = _quoted(text)
    # A comment that speaks to the reader anywhere ("... You are one too") is not a report.
    if any(not quoted[j] and t.text in second_person for j, t in enumerate(tokens)):
        return frozenset()
    reported: set[int] = set()
    for first, last in _runs(quoted):
        opening = tokens[first].sentence
        if first > 0 and _introduced_by_colon(text, first):
            opening = tokens[first - 1].sentence  # 'told one victim: "..."'
        sentences = range(opening, tokens[last].sentence + 1)
        context = [j for j, t in enumerate(tokens) if not quoted[j] and t.sentence in sentences]
        if FIRST_PERSON & {tokens[j].text for j in context}:
            continue
        before = [j for j in context if j < first][-CUE_BEFORE:]
        after = [j for j in context if j > last][:CUE_AFTER] if not before else []
        if not any(tokens[j].text in REPORTING_CUES for j in before + after):
            continue
        if all(_plainly_written(text, j) for j in range(first, last + 1)):
            reported.update(range(first, last + 1))
    return frozenset(reported)
