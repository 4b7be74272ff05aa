"""Text as it may be stored and shown: without invisible or direction-changing characters.

Names and postcodes are typed by whoever signs, and a first name may be shown in public and
greet someone by email. Stripped here: bidi overrides and isolates, left-to-right and
right-to-left marks, zero-width spaces and joiners, soft hyphens, byte-order marks and tag
characters (Unicode's "control" and "format" categories), and the blank letters used to fake
an empty name. Nothing here knows about petitions: the records use it as much as the forms.
"""

import unicodedata

# Letters that draw nothing, used to make a name look empty or to pad one.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})
SPACE_CATEGORIES = frozenset({"Zs", "Zl", "Zp"})


def strip_invisible(text):
    """The text without invisible or direction-changing characters, spaces collapsed."""
    kept = []
    for char in unicodedata.normalize("NFC", text or ""):
        category = unicodedata.category(char)
        if category in SPACE_CATEGORIES or char in "\t\n\r":
            kept.append(" ")
        elif category not in INVISIBLE_CATEGORIES and char not in BLANK_LETTERS:
            kept.append(char)
    return " ".join("".join(kept).split())
