"""Reported speech: abuse quoted from an offender in a report is evidence, not abuse.

The same words used by the commenter, aimed at the reader, said in the first person, or
disguised the way filter-dodgers write, are still held or rejected.
"""

import pytest

from comments.civility import Decision, default_screener
from comments.civility.normalise import normalise
from comments.civility.reported import reported_tokens


def decision(text):
    return default_screener().screen(text).decision


def reported_words(text):
    normalised = normalise(text)
    second_person = default_screener().matcher.second_person
    return [normalised.tokens[j].text for j in sorted(reported_tokens(normalised, second_person))]


@pytest.mark.parametrize(
    "text",
    [
        'The court heard he called her a "stupid b***h" and threatened to have her deported.',
        'Jurors heard the defendant shout "f*** off back to Poland" at the builders.',
        'He was heard telling her: "You are a f***ing whore."',
        '"You f***ing whore," he shouted as police arrived.',
        'Officers said the men shouted "go home, p***s" at the family.',
        'An officer told the panel colleagues used the word "p***" routinely.',
        'The court heard the ringleader told one victim: "You belong to me now, you little s**t,'
        ' and you will work until the debt is paid."',
    ],
)
def test_reported_abuse_passes(text):
    assert decision(text) is Decision.PASS


@pytest.mark.parametrize(
    "text",
    [
        'You are a "f***ing idiot".',
        'She is a "whore" and everyone knows it.',
        'Send the "p***s" home.',
        'I called him a "c***" and I meant it.',
        'I would call them "p***s" to their faces.',
        'They shouted "n1gger" at me on the bus.',
        'The court heard he called her a "b1tch" and hit her.',
        'You know what he called her? A "stupid b***h".',
        'Go back to your country, "p***".',
    ],
)
def test_the_writers_own_abuse_is_still_stopped(text):
    assert decision(text) is not Decision.PASS


def test_only_the_quotation_is_reported():
    assert reported_words('The court heard he called her a "stupid b***h" twice.') == [
        "stupid",
        "b***h",
    ]
    assert reported_words('Migrants are "vermin".') == []


def test_a_quotation_is_passed_over_in_place():
    """Reported words are skipped like allowed phrases, and the words around them keep their
    places, so a cue before the quotation is no nearer the words after it."""
    normalised = normalise('He said "f*** off" and left.')
    matcher = default_screener().matcher
    reported = reported_tokens(normalised, matcher.second_person)
    analysis = matcher.analyse(normalised, reported)
    assert analysis.hits == ()
    assert reported <= analysis.allowed
    assert normalised.words(4, 5) == "and left"


@pytest.mark.parametrize(
    "comment",
    [
        'He said it was a 6" pipe. Migrants are filthy vermin and scum. Signed "Bob"',
        'He said "hello and left. Migrants are filthy vermin and scum. "ok"',
        'The court heard he called her "a bitch" migrants are vermin',
    ],
)
def test_stray_quote_marks_and_quotations_do_not_hide_the_writers_own_abuse(comment):
    assert default_screener().screen(comment).decision is Decision.REJECT
