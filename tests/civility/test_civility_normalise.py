"""Normalisation undoes each kind of disguise and keeps the original words."""

import pytest

from comments.civility.normalise import fold, normalise, normalise_phrase


def texts(comment: str) -> list[str]:
    return [t.text for t in normalise(comment).tokens]


def all_readings(comment: str) -> list[set[str]]:
    return [set(t.readings) for t in normalise(comment).tokens]


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("ｆｕｃｋ", "fuck"),  # fullwidth
        ("𝐢𝐝𝐢𝐨𝐭", "idiot"),  # mathematical bold
        ("fück", "fuck"),  # accent
        ("ïdîöt", "idiot"),
        ("ﬁlth", "filth"),  # ligature
    ],
)
def test_unicode_folding(written, plain):
    assert texts(written) == [plain]


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("іdіоt", "idiot"),  # Cyrillic і and о
        ("ѕсum", "scum"),  # Cyrillic ѕ and с
        ("mοrοn", "moron"),  # Greek omicron
        ("сrаp", "crap"),  # Cyrillic с and а
    ],
)
def test_homoglyphs(written, plain):
    assert written != plain
    assert texts(written) == [plain]


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("sh1t", "shit"),
        ("1d10t", "idiot"),
        ("m0r0n", "moron"),
        ("@ss", "ass"),
        ("$cum", "scum"),
        ("a$$", "ass"),
        ("sh!t", "shit"),
        ("7r4sh", "trash"),
        ("b1tch", "bitch"),
        ("n00b", "noob"),
    ],
)
def test_leetspeak(written, plain):
    assert plain in all_readings(written)[0]


def test_one_reads_as_i_or_l():
    assert {"slut", "siut"} <= all_readings("s1ut")[0]


@pytest.mark.parametrize("written", ["f*ck", "f#ck", "f%ck", "sh*t"])
def test_masked_letters_become_wildcards(written):
    token = normalise(written).tokens[0]
    assert token.masked
    assert "*" in token.text


def test_double_mask():
    assert texts("f**k") == ["f**k"]


@pytest.mark.parametrize("written", ["f u c k", "f.u.c.k", "f-u-c-k", "F U C K", "f_u_c_k"])
def test_spaced_out_letters(written):
    assert texts(written) == ["fuck"]


def test_spaced_out_letters_keep_surrounding_words():
    assert texts("well f u c k you") == ["well", "fuck", "you"]


@pytest.mark.parametrize(
    ("written", "plain"),
    [("fuuuuuck", "fuck"), ("idiooooot", "idiot"), ("shiiiiit", "shit"), ("asssss", "ass")],
)
def test_repeated_letters(written, plain):
    assert plain in all_readings(written)[0]


def test_normal_double_letters_survive():
    assert texts("Essex assistant cocktail") == ["essex", "assistant", "cocktail"]


def test_tokens_keep_original_words():
    comment = "You 1d10t, f u c k off!"
    normalised = normalise(comment)
    originals = [comment[t.start : t.end] for t in normalised.tokens]
    assert originals == ["You", "1d10t", "f u c k", "off"]
    assert normalised.words(0, 1) == "You 1d10t"


def test_numbers_are_not_leetspeak():
    assert texts("In 2024, 3rd of 10") == ["in", "2024", "3rd", "of", "10"]


def test_quotes_are_marked():
    tokens = normalise("Calling migrants 'illegals' is wrong").tokens
    assert [t.quoted for t in tokens] == [False, False, True, False, False]


def test_lone_apostrophe_is_not_a_quote():
    tokens = normalise("the migrants' rights and you're right").tokens
    assert not any(t.quoted for t in tokens)
    assert tokens[-2].text == "youre"


def test_sentences_are_numbered():
    tokens = normalise("You? Idiot. The U.K. is fine").tokens
    assert [t.sentence for t in tokens] == [0, 1, 2, 2, 2, 2, 2]


def test_phrases_normalise_like_comments():
    assert normalise_phrase("You're  an IDIOT") == ("youre", "an", "idiot")
    assert fold("Ａ") == "a"


def test_text_speak_is_an_alternative_reading():
    tokens = normalise("go back 2 ur country").tokens
    assert tokens[2].readings == ("2", "to")
    assert "your" in tokens[3].readings


def test_text_speak_pair_is_not_spelled_out():
    assert texts("u r a clown") == ["u", "r", "a", "clown"]
