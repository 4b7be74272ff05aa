"""CSV exports that a spreadsheet cannot run: every cell that would start a formula is text.

A spreadsheet opening a CSV treats a cell that begins with `=`, `+`, `-` or `@` as a formula,
and some also after a leading tab or carriage return (OWASP, "CSV Injection"). A supporter who
signs as `=HYPERLINK("http://evil.example","Click")` would otherwise put a live link, or worse,
into the manager's spreadsheet. Such a cell gets a leading single quote, which spreadsheets
show as text and which a person reading the file understands.

Only text is changed. Numbers, dates and empty cells are values the site wrote itself, not
anything a visitor typed: a count of -3 stays the number -3 (a spreadsheet reads it as a
number, never as a formula), and a date stays a date.

One mechanism for every CSV the admin writes: `protect_csv_exports()` (called once at start-up,
from core/apps.py) puts the quoting into Wagtail's own `SpreadsheetExportMixin.write_csv_row`,
which every export shares: our signature and comment exports and report, and Wagtail's own
(site history, page reports, workflows, redirects, form submissions). The XLSX path is left as
Wagtail wrote it: it already stores such cells as text.
"""

import unicodedata

from wagtail.admin.views.mixins import SpreadsheetExportMixin

# The characters OWASP lists as starting a formula, tab and carriage return included.
FORMULA_STARTS = frozenset("=+-@\t\r")
QUOTE = "'"

_wagtail_write_csv_row = SpreadsheetExportMixin.write_csv_row


def _is_invisible(char):
    """Whitespace, and format characters (zero-width spaces, bidi marks, the BOM), which a
    spreadsheet may pass over before it decides whether a cell is a formula."""
    return char.isspace() or unicodedata.category(char) == "Cf"


def starts_formula(text):
    """Whether a spreadsheet could read `text` as a formula: it begins with one of the
    characters, or one follows leading whitespace or invisible characters."""
    if text[:1] in FORMULA_STARTS:
        return True
    for char in text:
        if not _is_invisible(char):
            return char in FORMULA_STARTS
    return False


def neutralise(value):
    """The cell as a spreadsheet will show it as text; anything but text is returned as is."""
    if isinstance(value, str) and starts_formula(value):
        return QUOTE + value
    return value


class _NeutralisingWriter:
    """Stands in for the csv writer Wagtail hands to `write_csv_row`: neutralises each cell of
    the row Wagtail has preprocessed (objects, lists and lazy text already made strings)."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row):
        return self.writer.writerow({field: neutralise(value) for field, value in row.items()})


def _write_safe_csv_row(view, writer, row_dict):
    return _wagtail_write_csv_row(view, _NeutralisingWriter(writer), row_dict)


def protect_csv_exports():
    """Make every CSV export of the admin neutralise formulas. Safe to call more than once."""
    SpreadsheetExportMixin.write_csv_row = _write_safe_csv_row
