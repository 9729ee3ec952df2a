"""The layers hold: no import cycle, no app importing kb's site layer, no function-level import
to dodge one, no module past ~450 lines. Read from the source with ``ast``; nothing is run."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kb", "actors", "articles", "events", "bench")
APPS = ("actors", "articles", "events")
MAX_LINES = 450

# Nothing is exempt from the line limit any more.
LONG_EXEMPT: tuple[str, ...] = ()


@dataclass(frozen=True)
class Import:
    module: str  # the project module imported (longest known prefix of the name)
    line: int
    in_function: str | None  # name of the enclosing function, None at module level


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def project_modules() -> dict[str, Path]:
    """Every Python module of the project's packages (migrations left out), by dotted name."""
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module_name(path)] = path
    return found


def _resolve(name: str) -> str | None:
    """The project module a dotted import name refers to (``kb.core.models.MergeRecord`` →
    ``kb.core.models``), None for anything outside the project."""
    modules = project_modules()
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


@cache
def imports_of(module: str) -> tuple[Import, ...]:
    """The project modules ``module`` imports, where, and in which function if not at the top."""
    path = project_modules()[module]
    found: list[Import] = []

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue  # annotations only: never executed
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, function or child.name)
                continue
            names: list[str] = []
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = _absolute(module, path, child)
                names = [base] + [f"{base}.{alias.name}" for alias in child.names]
            for name in names:
                target = _resolve(name) if name.split(".")[0] in PACKAGES else None
                if target and target != module:
                    found.append(Import(target, child.lineno, function))
            visit(child, function)

    visit(ast.parse(path.read_text(encoding="utf-8")), None)
    return tuple(found)


def _model_and_queryset(cycle: set[str]) -> bool:
    """A models module and its own app's querysets (the manager needs the queryset class)."""
    apps = {m.split(".")[0] for m in cycle}
    kinds = {m.split(".", 1)[1] if "." in m else "" for m in cycle}
    return len(apps) == 1 and kinds <= {"models", "querysets"}


def import_cycles() -> list[list[str]]:
    """Strongly connected groups of modules importing each other at module level."""
    graph = {
        m: sorted({i.module for i in imports_of(m) if i.in_function is None})
        for m in project_modules()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            connect(module)
    return groups


def _where(module: str) -> str:
    return str(project_modules()[module].relative_to(ROOT))


def test_no_import_cycle_between_project_modules():
    cycles = [c for c in import_cycles() if not _model_and_queryset(set(c))]
    assert cycles == []


def test_the_cycle_finder_finds_a_cycle(monkeypatch):
    fake = {"kb.core.a": ("kb.core.b",), "kb.core.b": ("kb.core.a",), "kb.core.c": ()}
    monkeypatch.setattr(
        "tests.test_architecture.project_modules", lambda: dict.fromkeys(fake, ROOT)
    )
    monkeypatch.setattr(
        "tests.test_architecture.imports_of",
        lambda m: tuple(Import(t, 1, None) for t in fake[m]),
    )
    assert import_cycles() == [["kb.core.a", "kb.core.b"]]


def test_core_imports_no_app_and_nothing_above_it():
    wrong = [
        f"{_where(m)}:{i.line} imports {i.module}"
        for m in project_modules()
        if m.startswith("kb.core")
        for i in imports_of(m)
        if not i.module.startswith("kb.core")
    ]
    assert wrong == []


def test_apps_import_core_and_each_other_never_the_site_layer():
    wrong = [
        f"{_where(m)}:{i.line} imports {i.module}"
        for m in project_modules()
        if m.split(".")[0] in APPS
        for i in imports_of(m)
        if i.module.split(".")[0] in ("kb", "bench") and not i.module.startswith("kb.core")
    ]
    assert wrong == []


def test_no_function_level_import_of_project_modules():
    """Registering from ``AppConfig.ready()`` is the one place Django needs a late import."""
    wrong = [
        f"{_where(m)}:{i.line} imports {i.module} inside {i.in_function}()"
        for m in project_modules()
        if not _where(m).startswith("bench/")  # scripts: Django is set up before importing
        for i in imports_of(m)
        if i.in_function not in (None, "ready")
    ]
    assert wrong == []


def test_no_module_over_450_lines():
    paths = [p for package in (*PACKAGES, "tests") for p in (ROOT / package).rglob("*.py")]
    too_long = {
        str(p.relative_to(ROOT)): n
        for p in paths
        if "migrations" not in p.parts
        and not str(p.relative_to(ROOT)).startswith(LONG_EXEMPT)
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_every_module_says_what_it_holds():
    missing = [
        _where(m)
        for m, path in project_modules().items()
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert missing == []
