"""Properties that hold whatever people type: email normalisation, the civility normaliser, the
comment renderer (always escaped, only its own tags, only http(s) links, always returns), and
the rate-limit key of an address (one per IPv4 address, one per IPv6 /64).

Pure functions, so no database: hypothesis generates thousands of inputs in a few seconds.
"""

import ipaddress
import os
import re
from html.parser import HTMLParser

from django.test import RequestFactory
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from comments.body_html import highlight, render_body
from comments.civility.normalise import MAX_VARIANTS, fold, normalise, normalise_phrase
from core.identity import normalise_email
from core.privacy import ip_hash, ip_pseudonym

# Wall-clock deadlines flake on a busy two-core machine; what is checked is that each call
# returns, not how fast.
settings.register_profile(
    "properties",
    deadline=None,
    database=None,  # nothing written under .hypothesis/
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "400")),
    # The same inputs on every run, so CI is reproducible; raise PROPERTY_EXAMPLES to explore.
    derandomize=not os.environ.get("PROPERTY_EXAMPLES"),
    suppress_health_check=[HealthCheck.too_slow],
)
PROPERTIES = settings.get_profile("properties")

# Text with the characters that matter here over-represented: markup, quotes, entities, URLs,
# line breaks, NUL and other controls, look-alike letters and combining marks.
TRICKY = st.sampled_from(
    [
        "<", ">", "&", '"', "'", "`", "=", "/", ":", ";", "#", "\n", "\r\n", "\r", " ", "\t",
        "\x00", "\u200b", "\u202e", "\ufeff", "&lt;", "&amp;", "&#x3C;", "<script>", "</p>",
        "<img src=x onerror=alert(1)>", "javascript:", "http://", "https://", "HTTPS://x.y/",
        "www.", ".com", "?", ")", "]", "!", "*", "@", "+", "1", "0", "ａ", "ſ", "İ", "а", "\u0301",
        "\ufdfa", "f.u.c.k", "u r", "\"quoted\"",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=12), TRICKY), max_size=40).map("".join)


class Tags(HTMLParser):
    """Every tag and attribute in a fragment, and its text as a browser would show it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    @classmethod
    def of(cls, html):
        parser = cls()
        parser.feed(str(html))
        parser.close()
        return parser.tags, "".join(parser.text)


# Email normalisation -----------------------------------------------------------------------------


@PROPERTIES
@given(st.one_of(TEXT, st.emails().map(str)))
@example("jane@example.org .")
@example("jane@.")
@example("jane@ ")
@example("jane@example.org\u3000.")
@example("+tag@example.org")
def test_normalise_email_returns_a_stable_lower_case_key_or_refuses(address):
    try:
        key = normalise_email(address)
    except ValueError:
        return  # "not an email address" is the one refusal allowed
    assert isinstance(key, str)
    assert key == key.lower() and key == key.strip()
    local, at, domain = key.rpartition("@")
    assert at and local and domain and not domain.endswith(".")
    assert "+" not in local
    assert normalise_email(key) == key, "a key normalised again must not change"


ASCII_LOCAL = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,15}", fullmatch=True)
ASCII_DOMAIN = st.from_regex(r"[a-z0-9-]{1,12}\.(org|com|co\.uk|net)", fullmatch=True)


@PROPERTIES
@given(ASCII_LOCAL, ASCII_DOMAIN, st.text("abc+xyz", max_size=8), st.sampled_from(["", " ", "\t"]))
def test_the_same_person_dressed_up_gets_the_same_key(local, domain, tag, space):
    plain = normalise_email(f"{local}@{domain}")
    assert normalise_email(f"{space}{local.upper()}@{domain.upper()}{space}") == plain
    assert normalise_email(f"{local}+{tag}@{domain}") == plain
    assert normalise_email(f"{local}@{domain}.") == plain


@PROPERTIES
@given(ASCII_LOCAL.filter(lambda s: s.strip(".")), st.sampled_from(["gmail.com", "googlemail.com"]))
def test_gmail_dots_and_domains_collapse(local, domain):
    dotted = ".".join(local)
    assert normalise_email(f"{dotted}@{domain}") == normalise_email(f"{local}@gmail.com")


@PROPERTIES
@given(ASCII_LOCAL, ASCII_DOMAIN)
def test_different_mailboxes_stay_different(local, domain):
    assert normalise_email(f"{local}x@{domain}") != normalise_email(f"{local}@{domain}")


# The civility normaliser -------------------------------------------------------------------------


@PROPERTIES
@given(TEXT)
@example("¨")
@example("\ufdfa")
@example("f " * 500)
def test_normalise_returns_tokens_that_point_into_the_original(text):
    normalised = normalise(text)
    assert normalised.original == text
    assert isinstance(normalised.text, str)
    previous_start = 0
    for token in normalised.tokens:
        assert isinstance(token.text, str) and token.text
        assert 0 <= token.start < token.end <= len(text)
        assert token.start >= previous_start, "tokens come in reading order"
        previous_start = token.start
        assert text[token.start : token.end].strip(), "a token covers some of what was written"
        assert len(token.variants) <= 2 * MAX_VARIANTS
    # NFKC may expand a character (U+FDFA becomes 18 letters); nothing grows beyond that.
    assert len(normalised.text) <= 18 * len(text)
    assert len(normalised.tokens) <= len(text)


@PROPERTIES
@given(TEXT)
@example("ά")  # Greek alpha with an accent: once folded to "α", then to "a" on a second pass
def test_fold_is_idempotent_and_lower_case(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.lower()


def test_accented_look_alike_letters_fold_like_plain_ones():
    assert fold("fύck") == fold("fυck") == "fuck"
    assert fold("ѝdiot") == "udiot" == fold("иdiot")


@PROPERTIES
@given(TEXT)
def test_a_normalised_word_read_as_a_list_entry_matches_itself(text):
    """Word lists are normalised as phrases and compared with comment tokens: a token's own
    reading, typed into a list, must come back as that same reading."""
    for token in normalise(text).tokens:
        if " " not in token.text:
            assert normalise_phrase(token.text) == (token.text,), token


# The comment renderer ----------------------------------------------------------------------------


@PROPERTIES
@given(TEXT)
@example("<script>alert(1)</script>")
@example('http://x.y/"onmouseover="alert(1)')
@example("https://example.org/a?b=1&c=<img src=x onerror=alert(1)>")
@example("javascript:alert(1)//http://x.y")
@example("http://x.y/&quot;&gt;&lt;script&gt;")
def test_rendered_comments_carry_only_their_own_tags_and_http_links(text):
    html = render_body(text)
    tags, shown = Tags.of(html)
    for tag, attrs in tags:
        assert tag in {"p", "br", "a"}, tag
        if tag == "a":
            assert set(attrs) == {"href", "rel"}
            assert re.match(r"https?://", attrs["href"], re.IGNORECASE), attrs["href"]
            assert "nofollow" in attrs["rel"].split()
        else:
            assert attrs == {}
    assert "<" not in re.sub(r"</?(p|br|a)( [^<>]*)?>", "", str(html)), "a raw < survived"


@PROPERTIES
@given(TEXT)
def test_rendered_comments_show_exactly_what_was_written(text):
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    expected = "".join(p.replace("\n", "") for p in paragraphs)
    assert Tags.of(render_body(text))[1] == expected


@PROPERTIES
@given(TEXT, st.lists(st.one_of(TEXT, st.sampled_from(["lt", "amp", "quot", "x27", "&", "<"]))))
def test_highlighting_marks_words_without_breaking_the_escaping(text, words):
    html = highlight(text, words)
    tags, shown = Tags.of(html)
    assert all(tag == "mark" and not attrs for tag, attrs in tags)
    assert shown == " ".join(text.split())


# Rate-limit keys ---------------------------------------------------------------------------------

IPV6 = st.integers(min_value=0, max_value=2**128 - 1).map(ipaddress.IPv6Address)
IPV4 = st.integers(min_value=0, max_value=2**32 - 1).map(ipaddress.IPv4Address)
HOST_BITS = st.integers(min_value=0, max_value=2**64 - 1)


def key_of(address):
    return ip_hash(RequestFactory().get("/", REMOTE_ADDR=str(address)))


@PROPERTIES
@given(IPV6.filter(lambda a: a.ipv4_mapped is None), HOST_BITS)
def test_every_address_of_an_ipv6_64_has_one_rate_limit_key(address, host):
    same_64 = ipaddress.IPv6Address((int(address) >> 64 << 64) | host)
    assert key_of(same_64) == key_of(address)
    assert key_of(address.exploded.upper()) == key_of(address)


@PROPERTIES
@given(IPV6.filter(lambda a: a.ipv4_mapped is None), st.integers(1, 2**64 - 1))
def test_different_ipv6_64s_have_different_keys(address, step):
    other = ipaddress.IPv6Address((int(address) + (step << 64)) % 2**128)
    if other.ipv4_mapped is None:
        assert key_of(other) != key_of(address)


@PROPERTIES
@given(IPV4, IPV4)
def test_ipv4_addresses_have_their_own_keys_however_written(address, other):
    mapped = ipaddress.IPv6Address(f"::ffff:{address}")
    assert key_of(mapped) == key_of(address)
    assert (key_of(other) == key_of(address)) == (other == address)


@PROPERTIES
@given(st.one_of(IPV4, IPV6, TEXT))
def test_any_remote_address_gives_a_key_and_a_valid_sign_in_pseudonym(address):
    request = RequestFactory().get("/", REMOTE_ADDR=str(address))
    assert len(ip_hash(request)) == 64
    assert ipaddress.IPv6Address(ip_pseudonym(request)) in ipaddress.IPv6Network("fd00::/8")
