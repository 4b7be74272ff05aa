"""First names on the public "Recently signed" list, and in the greetings of signing emails.

A signer who ticks "show my first name" puts text of their own choosing on a public page, and
anyone can type a name beside someone else's address, so the same text lands in that inbox.
What we do about it:

- invisible and direction-changing characters are stripped when a name is stored and again
  when one is shown (campaign/visible_text.py);
- a name is shown, or used to greet, only if it is shaped like a name (letters, marks, spaces,
  apostrophes, hyphens and full stops; at most 40 characters and four words; nothing shaped
  like a web or email address) and the civility screen, with the moderators' word lists,
  lets it PASS;
- the verdict for the public list is taken once, when the signature is confirmed (only
  confirmed signers are listed), and stored on the row, so the page render stays cheap and a
  flood of unconfirmed signatures costs no screening;
- a campaign manager can hide any one name (Signature.name_hidden); erasure blanks it.

Whatever fails is simply not shown: the signature itself still counts. Migration 0006 calls
`fit_to_show` from here on purpose, so keep its name.
"""

import re
import unicodedata

from campaign.visible_text import strip_invisible
from comments.civility import Decision
from comments.screening import current_screener

MAX_SHOWN_LENGTH = 40
MAX_SHOWN_WORDS = 4
# Punctuation that real names use: O'Brien, D’Souza, Jean-Luc, J. R., Gal·la.
NAME_PUNCTUATION = frozenset(" '’‘-‐‑.·")
# Two letters, a dot, two letters: "casino.com", "www.example". A name's initials ("J.R.") and
# "St. John" do not match; the rare "St.John" is not shown, which costs little.
DOMAIN_LIKE = re.compile(r"\w{2,}\.\w{2,}")


def name_shaped(name):
    """Whether cleaned text looks like a first name rather than a message, a link or code."""
    if not name or len(name) > MAX_SHOWN_LENGTH or len(name.split()) > MAX_SHOWN_WORDS:
        return False
    if DOMAIN_LIKE.search(name):
        return False
    if not any(char.isalpha() for char in name):
        return False
    return all(unicodedata.category(char)[0] in "LM" or char in NAME_PUNCTUATION for char in name)


def passes_screen(name):
    """Whether the civility screen, with the moderators' current word lists, lets it pass."""
    return current_screener().screen(name).decision is Decision.PASS


def fit_to_show(name):
    """Whether a first name may appear in public or greet someone by email."""
    name = strip_invisible(name)
    return name_shaped(name) and passes_screen(name)


def greeting_name(name):
    """The name to greet someone with, or "" to greet them without one."""
    return strip_invisible(name) if fit_to_show(name) else ""


def greeting_for(signature):
    """The first name to greet a signer with (emails, the confirm page), or "" for none: the
    name was typed by whoever signed, who need not own the address it greets."""
    return "" if signature.anonymised_at else greeting_name(signature.first_name)
