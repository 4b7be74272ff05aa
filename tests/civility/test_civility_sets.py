"""The written test sets: real advocacy writing and journalism pass, disguised abuse is caught.

The sets live in ``tests/civility/data/`` as CSV (``text,label,category``) and were written
for this project, in the voices of survivors, supporters, caseworkers, journalists and
campaigners; none of it comes from the training data. ``journalism.csv`` is in the register
of news stories, court reports, press releases, inspection reports and debates, and much of
it quotes the abuse an offender used; it was written before the screen was run on it.
``manage.py civility_eval`` reads the same files, so the figures here can be compared with
the public baselines.
"""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from comments.civility import Decision, default_screener
from comments.civility.normalise import normalise, segment

DATA = Path(__file__).parent / "data"
TOPICS = {
    "trafficking",
    "domestic_abuse",
    "sexual_exploitation",
    "racism",
    "deportation",
    "police",
    "immigration",
}
DISGUISES = {"masked", "leet", "spaced", "lookalike", "stretched", "fullwidth", "mixed"}


def read(name):
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def advocacy():
    return read("advocacy.csv")


@pytest.fixture(scope="module")
def journalism():
    return read("journalism.csv")


@pytest.fixture(scope="module")
def disguised():
    return read("obfuscated_abuse.csv")


def decisions(rows):
    screener = default_screener()
    return [(row, screener.screen(row["text"]).decision) for row in rows]


def test_sets_are_large_labelled_and_distinct(advocacy, journalism, disguised):
    assert len(advocacy) >= 300 and len(journalism) >= 200 and len(disguised) >= 100
    assert {row["label"] for row in advocacy + journalism} == {"0"}
    assert {row["label"] for row in disguised} == {"1"}
    assert {row["category"] for row in advocacy} == TOPICS
    assert {row["category"] for row in journalism} == TOPICS
    assert {row["category"] for row in disguised} == DISGUISES
    texts = [row["text"] for row in advocacy + journalism + disguised]
    assert len(set(texts)) == len(texts)


def assert_never_rejected_and_rarely_held(rows):
    results = decisions(rows)
    rejected = [row["text"] for row, d in results if d is Decision.REJECT]
    held = [row["text"] for row, d in results if d is Decision.HOLD]
    assert rejected == []
    assert len(held) <= 0.02 * len(rows), held


def test_advocacy_is_never_rejected_and_rarely_held(advocacy):
    assert_never_rejected_and_rarely_held(advocacy)


def test_journalism_is_never_rejected_and_rarely_held(journalism):
    assert_never_rejected_and_rarely_held(journalism)


# Insults, slurs and profanity as newspapers print them (masked with "*" or named as "the
# n-word"), for checking the journalism set itself, not the screen.
QUOTED_ABUSE = re.compile(
    r"\*|\b(whores?|slags?|sluts?|bitch|bastard|cow|scum|coon|towelhead|chinky|pikeys?|"
    r"ragheads?|monkeys?|animals|vermin|cockroaches|scroungers|tart|terrorist|muncher|paki|"
    r"jews|gassed|dog|witch|psycho|junkie|gangbanger|illegals?|invaders|rapists|plague|"
    r"swarming|peasants|immigrants?|prostitutes|traitors|racists|slave|worthless|useless)\b",
    re.IGNORECASE,
)


def test_journalism_quotes_abuse(journalism):
    """The set is hard on purpose: at least a quarter quotes or names an offender's abuse."""
    quoting = [
        row["text"]
        for row in journalism
        if "n-word" in row["text"]
        or any(QUOTED_ABUSE.search(q) for q in re.findall(r'"([^"]*)"', row["text"]))
    ]
    assert len(quoting) >= 0.25 * len(journalism)


@pytest.mark.parametrize("name", ["advocacy.csv", "journalism.csv"])
def test_every_topic_passes_on_its_own(name):
    rows = read(name)
    stopped = Counter(row["category"] for row, d in decisions(rows) if d is not Decision.PASS)
    per_topic = Counter(row["category"] for row in rows)
    for topic, count in per_topic.items():
        assert stopped[topic] <= max(1, 0.05 * count), (topic, stopped[topic])


def test_disguised_abuse_is_caught(disguised):
    results = decisions(disguised)
    caught = sum(d is not Decision.PASS for _, d in results)
    missed = [row["text"] for row, d in results if d is Decision.PASS]
    assert caught >= 0.95 * len(disguised), missed


@pytest.mark.parametrize(
    "text, words",
    [
        ("You s t u p i d b i t c h.", ["you", "stupid", "bitch"]),
        ("Y o u  a r e  a  m 0 r 0 n", ["you", "are", "a", "moron"]),
        ("You are a w h o r e", ["you", "are", "a", "whore"]),
        # Runs that do not cut into known words stay one word.
        ("We met in the U S A last year", ["we", "met", "in", "the", "usa", "last", "year"]),
    ],
)
def test_spelled_out_runs_are_cut_into_words(text, words):
    assert [t.text for t in normalise(text).tokens] == words


def test_segment_prefers_fewest_words_and_gives_up_on_unknown_runs():
    assert segment("youareamoron") == [3, 6, 7, 12]
    assert segment("qzxv") is None


@pytest.mark.parametrize("text", ["F*** off.", "Go f*** yourself", "F0ck 0ff"])
def test_heavy_masks_and_vowel_swaps_are_caught(text):
    assert default_screener().screen(text).decision is not Decision.PASS


def test_masked_numbers_and_stars_alone_are_not_words():
    for text in ["Rated *** by critics", "It cost £1,000 in 2019", "Room 101 is on floor 0"]:
        assert default_screener().screen(text).decision is Decision.PASS
