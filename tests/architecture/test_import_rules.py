"""The rules of docs/architecture.md, read from the code's own imports.

Every `import` and `from ... import` counts, at module level or inside a function: an import
tucked into a function still ties two modules together. Only migrations are left out (they
are history, and import what the app was when they were written).
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Which apps each app may import. Lower layers never import higher ones; see
# docs/architecture.md for what each app holds and why the arrows point this way.
MAY_IMPORT = {
    "config": set(),
    "core": set(),
    "outbox": {"core"},
    "pagecache": {"core", "outbox"},
    "content": {"core"},
    "comments": {"core", "outbox", "pagecache"},
    "news": {"core", "content", "comments", "pagecache"},
    "campaign": {"core", "outbox", "pagecache", "content", "news", "comments"},
    "alerts": {"core", "outbox", "pagecache", "news", "campaign"},
    "civility_lab": {"core", "comments"},
    "demo": {"core", "content", "news", "comments", "campaign"},
}
APPS = set(MAY_IMPORT)


def python_files(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path):
    """Every first-party module `path` names in an import, as dotted names."""
    return imported_modules_in(
        path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
    )


def imported_modules_in(source, module, is_package=False):
    tree = ast.parse(source)
    package = module if is_package else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # `from pkg import name` may name a module or an attribute: count both forms,
            # the graph below keeps only the names that are modules.
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in APPS}


def all_modules():
    return {module_name(path): path for app in APPS for path in python_files(app)}


def import_graph():
    modules = all_modules()
    graph = defaultdict(set)
    for name, path in modules.items():
        for target in imported_modules(path):
            if target in modules and target != name:
                graph[name].add(target)
    return modules, graph


def test_the_rules_cover_every_app():
    on_disk = {
        path.parent.name
        for path in ROOT.glob("*/apps.py")
        if (path.parent / "__init__.py").exists()
    }
    assert on_disk - {"config"} <= APPS, "a new app needs a line in MAY_IMPORT and the docs"


@pytest.mark.parametrize("app", sorted(APPS))
def test_each_app_imports_only_what_it_may(app):
    broken = []
    for path in python_files(app):
        for target in imported_modules(path):
            other = target.split(".")[0]
            if other != app and other not in MAY_IMPORT[app]:
                broken.append(f"{path.relative_to(ROOT)} imports {target}")
    assert not broken, "\n".join(sorted(set(broken)))


def test_no_import_cycles():
    """Tarjan's strongly connected components: any component of two or more modules is a
    cycle, whether between apps or inside one."""
    modules, graph = import_graph()
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(modules):
        if node not in index:
            visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_the_civility_screen_is_reached_only_through_comments():
    """civility_lab trains and evaluates the screen; the site never imports it."""
    users = [
        f"{path.relative_to(ROOT)}"
        for app in APPS - {"civility_lab"}
        for path in python_files(app)
        if any(name.startswith("civility_lab") for name in imported_modules(path))
    ]
    assert not users


def test_the_checker_sees_function_local_and_relative_imports():
    """The rules would pass on anything if these went unseen."""
    source = "def f():\n    from campaign.models import Signature\n\nfrom . import forms\n"
    found = imported_modules_in(source, "comments.views")
    assert {"campaign.models", "campaign.models.Signature", "comments.forms"} <= found
