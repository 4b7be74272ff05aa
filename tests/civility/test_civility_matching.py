"""Whole-word matching with inflections, multi-word terms, allowed phrases and aim."""

import pytest

from comments.civility.lists import Lists, Term, default_lists
from comments.civility.matching import Matcher, inflections
from comments.civility.normalise import normalise
from comments.civility.rules import Action, Aim, Rule


@pytest.fixture(scope="module")
def matcher():
    return Matcher(default_lists())


def found(matcher, comment):
    return [(h.words, h.rule) for h in matcher.find(normalise(comment))]


@pytest.mark.parametrize(
    "innocent",
    [
        "grape", "therapist", "Essex", "specialist", "classic", "Scunthorpe", "assistant",
        "cocktail", "Dickens", "analysis", "Middlesex", "Penistone", "shitake", "spicy food",
        "the rating went up", "cumbersome", "Sussex", "bassist", "passage", "pianist",
        "assassinate", "document", "raccoon", "scrapbook", "Hancock", "Cockburn",
        "mishit", "Arsenal", "shuttlecock", "tycoon", "snigger", "niggle", "canal",
        "peacock", "title", "butterscotch", "mongoose", "among", "spice", "Chinatown",
        "homogeneous", "pakistani cuisine", "japan", "buttress", "glass", "harass",
        "countryside", "Scunthorpe United", "Dick Turpin was a highwayman",
        "twitter", "bitcoin", "shitzu", "Hitchcock", "Bumstead", "swankier",
    ],
)  # fmt: skip
def test_no_substring_false_positives(matcher, innocent):
    assert found(matcher, innocent) == []


@pytest.mark.parametrize(
    ("comment", "word"),
    [
        ("fucking hell", "fucking"),
        ("what a fucker", "fucker"),
        ("this is shitty", "shitty"),
        ("absolute bastards", "bastards"),
        ("you idiots", "idiots"),
        ("you complete morons", "morons"),
        ("bitches", "bitches"),
        ("fuckin hell", "fuckin"),
    ],
)
def test_inflections_match(matcher, comment, word):
    assert word in [w for w, _ in found(matcher, comment)]


def test_slurs_take_plurals_only():
    assert "spics" in inflections("spic")
    assert "spicy" not in inflections("spic")
    assert "fucking" in inflections("fuck", rich=True)


def test_multi_word_terms(matcher):
    assert found(matcher, "Just go back to your own country.") == [
        ("go back to your own country", Rule.XENOPHOBIA)
    ]
    assert found(matcher, "GO BACK TO YOUR COUNTRY") == [
        ("GO BACK TO YOUR COUNTRY", Rule.XENOPHOBIA)
    ]
    assert found(matcher, "go back to the start") == []


@pytest.mark.parametrize(
    "comment",
    [
        "She campaigns against sex trafficking.",
        "A rape survivor gave evidence to the inquiry.",
        "Modern slavery is everywhere.",
        "The paper kept saying illegal immigrant, which I dislike.",
        "Our Maine Coon is called Biscuit.",
        "Hate speech laws were discussed.",
    ],
)
def test_allowed_phrases_never_trigger(comment):
    lists = Lists(
        banned=(
            Term("sex", Rule.PROFANITY),
            Term("rape", Rule.PROFANITY),
            Term("slavery", Rule.PROFANITY),
            Term("illegal immigrant", Rule.XENOPHOBIA),
            Term("coon", Rule.RACISM_OR_DISCRIMINATION),
            Term("hate", Rule.PREJUDICE),
        ),
        allowed=default_lists().allowed,
    )
    assert Matcher(lists).find(normalise(comment)) == []


def test_allowed_phrases_matter():
    """The same banned words do trigger outside the allowed phrases."""
    lists = Lists(banned=(Term("rape", Rule.PROFANITY),), allowed=("rape survivor",))
    assert Matcher(lists).find(normalise("rape everyone")) != []


@pytest.mark.parametrize(
    "attack",
    [
        "You idiot.",
        "you are an idiot",
        "You're a complete moron",
        "Idiots like you ruin everything",
        "Shut up.",
        "Shut up and read the report",
        "Are you stupid?",
        "you absolute clown",
        "u r pathetic",
        "Idiot.",
    ],
)
def test_second_person_insults_are_attacks(matcher, attack):
    rules = [r for _, r in found(matcher, attack)]
    assert rules == [Rule.PERSONAL_ATTACK]


@pytest.mark.parametrize(
    "description",
    [
        "The traffickers were idiots to think they would get away with it.",
        "The gang leader was a vile, disgusting man.",
        "Thank you, this is a useless policy and the minister is a clown.",
        "Did you see how disgusting the conditions in the camp were?",
        "He called me stupid every day for a year.",
        "The judge said the smugglers were pathetic cowards.",
        "You are not an idiot for trusting the police.",
    ],
)
def test_third_person_descriptions_are_not_attacks(matcher, description):
    assert found(matcher, description) == []


def test_possessive_insult_is_held_not_rejected(matcher):
    (hit,) = matcher.find(normalise("your stupid"))
    assert hit.action is Action.HOLD


def test_dehumanising_words_need_a_group_to_reject(matcher):
    (aimed,) = matcher.find(normalise("Migrants are vermin"))
    assert (aimed.rule, aimed.action, aimed.target) == (Rule.XENOPHOBIA, Action.REJECT, "Migrants")
    (alone,) = matcher.find(normalise("vermin, the lot of them"))
    assert alone.action is Action.HOLD and alone.suspect


def test_group_rule_follows_the_group(matcher):
    (hit,) = matcher.find(normalise("Muslims are parasites"))
    assert hit.rule is Rule.RACISM_OR_DISCRIMINATION


def test_denied_and_quoted_dehumanising_words_drop(matcher):
    assert found(matcher, "Migrants are not vermin.") == []
    assert found(matcher, "Calling refugees 'invaders' is dangerous.") == []


def test_quoted_slur_is_held_not_rejected(matcher):
    (hit,) = matcher.find(normalise("They shouted 'p4ki' at my dad."))
    assert hit.action is Action.HOLD and hit.mention


def test_masked_words_resolve_against_lists(matcher):
    assert [w for w, _ in found(matcher, "f**k this and sh*t that")] == ["f**k", "sh*t"]


def test_custom_terms_and_aim():
    lists = Lists(
        banned=(Term("muppet", Rule.PERSONAL_ATTACK, Action.HOLD, Aim.PERSON),),
        second_person=("you",),
    )
    matcher = Matcher(lists)
    assert matcher.find(normalise("you muppet"))[0].action is Action.HOLD
    assert matcher.find(normalise("the Muppet Show")) == []


def test_lists_round_trip_as_plain_data():
    lists = default_lists()
    assert Lists.from_data(lists.to_data()) == lists


def test_suspect_terms_only_hold():
    lists = Lists.from_data(
        {"suspect": [{"phrase": "gammon", "rule": "prejudice", "action": "reject"}]}
    )
    assert lists.suspect[0].action is Action.HOLD
