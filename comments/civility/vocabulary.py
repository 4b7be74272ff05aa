"""The English the matcher reads context with: inflections, fillers, negations, quotation cues.

Plain data, like the seeded word lists in :mod:`defaults`, kept apart from the matching logic
(:mod:`matching`) so that a change of wording is a change of data. These are not lists
moderators edit: they say how an insult is aimed at the reader ("you are such a complete
idiot"), how a dehumanising word is aimed at a group ("they are nothing but vermin"), when a
listed word is discussed rather than used ("repeat the 'great replacement' myth"), and which
endings make another form of a listed word without catching ordinary words ("spicy",
"rating"). Only the standard library is used.
"""

from __future__ import annotations

from .rules import Rule

# Suffixes that make an inflection of a listed word. Only swear words and insults take
# verb and adjective endings ("fucking", "shitty"); slurs and other nouns take plural
# endings only, because "spic" + "y" is "spicy" and "rat" + "ing" is "rating": plain
# words must never be caught. Short words (three letters or fewer) only take plurals.
RICH_RULES = frozenset({Rule.PROFANITY, Rule.PERSONAL_ATTACK})
PLURAL_SUFFIXES = ("s", "es")
RICH_SUFFIXES = ("ed", "d", "ing", "in", "er", "ers", "y", "ier", "iest", "est", "z")
MIN_RICH_LENGTH = 4
# Inflected forms that are ordinary words in their own right.
NEVER_INFLECTIONS = frozenset(
    {"monger", "mongers", "rated", "rating", "cocky", "cocked", "dicky", "dicker", "knobby",
     "thicker", "thickest", "plaguing", "plagued", "dumbed", "jokes", "trolling", "trolled",
     "clowning", "sheepy", "crappier", "pissin", "tinkered", "asser", "hoed", "hoer",
     "shites", "ratted", "savaged", "swarmed", "swarming", "leeched", "aped",
     "monkeyed", "lousy", "filthy", "crazed", "bloodied"}
)  # fmt: skip

FORMS_OF_BE = frozenset(["are", "re", "r", "is", "were", "was", "be", "been", "being"])

# Words that may sit between "you" and an insult without changing whom it is aimed at:
# "you are such a complete idiot". Anything else ("you see how stupid the policy is")
# breaks the link. The same idea links a group word to a dehumanising word.
PERSON_FILLERS = FORMS_OF_BE | frozenset(
    [
        "such",
        "a",
        "an",
        "the",
        "so",
        "just",
        "really",
        "complete",
        "total",
        "utter",
        "absolute",
        "absolutely",
        "totally",
        "completely",
        "fucking",
        "bloody",
        "little",
        "big",
        "massive",
        "old",
        "nothing",
        "but",
        "than",
        "more",
        "of",
        "bunch",
        "lot",
        "pair",
        "right",
        "proper",
        "actual",
        "literal",
        "certified",
        "guys",
        "people",
        "all",
        "both",
        "two",
        "lads",
        "folks",
        "folk",
        "sound",
        "look",
        "seem",
        "seems",
        "dear",
    ]
)
PERSON_AFTER_FILLERS = frozenset(
    ["like", "such", "as", "that", "including", "just", "are", "all", "of"]
)
GROUP_FILLERS = FORMS_OF_BE | frozenset(
    [
        "all",
        "just",
        "nothing",
        "but",
        "a",
        "an",
        "the",
        "bunch",
        "pack",
        "of",
        "like",
        "such",
        "total",
        "complete",
        "these",
        "those",
        "they",
        "them",
        "basically",
        "simply",
        "literally",
        "mostly",
        "lot",
        "more",
        "than",
        "no",
        "better",
        "worse",
        "filthy",
        "dirty",
        "disgusting",
        "bloody",
        "fucking",
        "little",
        "load",
        "loads",
        "horde",
        "hordes",
        "swarm",
        "swarms",
        "as",
        "mere",
    ]
)
NEGATIONS = frozenset(
    ["not", "never", "no", "nor", "arent", "isnt", "werent", "wasnt", "aint", "neither"]
)
# Words showing a possessive target: "your argument is stupid" holds, it does not reject.
POSSESSIVES = frozenset({"your", "yours", "ur"})
# Beside a quotation (before or just after it), words that discuss it rather than use it:
# "repeat the 'great replacement' conspiracy", "the 'swamped' rhetoric".
QUOTE_CUES = frozenset(
    ["repeat", "repeats", "repeated", "repeating", "conspiracy", "theory", "myth", "myths",
     "trope", "tropes", "lie", "lies", "narrative", "rhetoric", "claim", "claims", "slogan",
     "slogans", "meme", "memes", "label", "labels"]
)  # fmt: skip
# Mention cues that beside a quotation are the writer's own voice ("Call them 'vermin'", "I
# call them 'vermin'"), or a fragment of one ("so" from "so-called").
NOT_QUOTE_CUES = frozenset(["call", "calls", "say", "says", "label", "brand", "so"])
