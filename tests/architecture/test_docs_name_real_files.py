"""Every file, and every test, that the README, SECURITY.md and docs/ name exists.

The docs send readers to code and to the tests that prove a claim; after a file moves, a
stale path would send them nowhere.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", ROOT / "SECURITY.md", *sorted((ROOT / "docs").glob("*.md"))]
# `some/path.py`, `some/path.py::test_name`, `some/folder/` inside backticks.
NAMED = re.compile(r"`([A-Za-z_.][\w.-]*/(?:[\w.-]+/)*[\w.-]*)(?:::(\w+))?`")
# Paths a reader's own machine supplies, not this repository (`../shared/anchors` is only
# where the benchmarks look for bakerydemo by default; a clone elsewhere passes its own).
OUTSIDE = ("./", "../", "test-results/", ".venv/")


def named_paths():
    for doc in DOCS:
        for match in NAMED.finditer(doc.read_text(encoding="utf-8")):
            path, test = match.groups()
            if not path.startswith(OUTSIDE) and "://" not in path:
                yield doc.name, path, test


def test_the_docs_name_files():
    assert len(list(named_paths())) > 40


@pytest.mark.parametrize(("doc", "path", "test"), list(named_paths()))
def test_each_named_file_exists(doc, path, test):
    target = ROOT / path
    assert target.exists(), f"{doc} names {path}, which does not exist"
    if test:
        assert re.search(rf"def {test}\(", target.read_text(encoding="utf-8")), (
            f"{doc} names {path}::{test}, which is not there"
        )
