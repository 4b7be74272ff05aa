"""The screen is plain Python: no Django, no scikit-learn, at run time; and the comments app
never reaches into the civility lab, where training and evaluation live."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "comments"
PACKAGE = APP / "civility"
RUNTIME_FORBIDDEN = {"django", "sklearn", "scipy", "numpy", "torch"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_sources_found():
    assert len(SOURCES) >= 8


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_django_anywhere(path):
    assert "django" not in imported_roots(path)
    assert "import django" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SOURCES, ids=str)
def test_runtime_needs_only_the_standard_library(path):
    assert not imported_roots(path) & RUNTIME_FORBIDDEN


@pytest.mark.parametrize("path", sorted(APP.rglob("*.py")), ids=str)
def test_the_comments_app_does_not_import_the_lab(path):
    assert "civility_lab" not in imported_roots(path)


def test_checker_sees_imports(tmp_path):
    """The scan itself must be able to fail."""
    sample = tmp_path / "x.py"
    sample.write_text("from django.db import models\nimport numpy as np\n")
    assert {"django", "numpy"} <= imported_roots(sample)
