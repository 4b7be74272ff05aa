"""What a stranger can put in any parameter, for the fuzz tests: NUL characters, numbers no
database column or OFFSET can hold, digits from other scripts (which `str.isdigit()` accepts
and `int()` may not), and very long strings. Shared by the JSON API and HTML page fuzzers."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

HOSTILE_VALUES = [
    "\x00", "a\x00", "\x001", "1\x00", "%00",
    # Digits that are not 0-9: superscripts and fractions (isdigit() but not int()), and
    # Arabic-Indic, full-width and mathematical digits (int() reads them).
    "²", "³", "½", "١٢", "٣", "１２", "𝟗", "߁", "Ⅻ",
    # Beyond PostgreSQL's integer and bigint, SQLite's 64 bits, and Python's int() digit limit.
    "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
    "99999999999999999999999", "9" * 5000, "-1", "-0", "0", "+1", " 1", "1 ", "1_000",
    "1e309", "1e3", "1.5", "NaN", "inf", "-inf", "0x10", "",
    "x" * 5000, "\u202e\u202d", "\ufeff", "'", '"', "\\", "*", "?", "%", "(", "NEAR(", "a OR b",
    "<script>", "../../", "root", "news.NewsPage", "-title", "random",
]  # fmt: skip
HOSTILE = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=24),
)

# Derandomised (the same requests on every run, so CI is reproducible), no example database
# written under .hypothesis/, no wall-clock deadline on a shared two-core machine.
FUZZ = settings(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
