"""The ingest layout holds: pure steps, the database only in store/, public ``re`` APIs only.

Read from the source with ``ast``; nothing is run. (Cycles, function-level imports and module
sizes are checked for the whole project in tests/test_architecture.py.)
"""

from __future__ import annotations

import ast
from pathlib import Path

INGEST = Path(__file__).resolve().parents[2] / "kb" / "ingest"
PROJECT = ("kb", "actors", "articles", "events", "bench")
# What the pure steps may import from the project: the pipeline itself, dates, name folding.
PURE_MAY_IMPORT = ("kb.ingest.", "kb.core.edtf", "actors.names")
PRIVATE_RE = ("re._parser", "re._compiler", "re._constants", "sre_parse", "sre_compile", "_sre")


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module name ``path`` imports (``from a.b import c`` gives ``a.b`` and ``a.b.c``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _modules(*, store: bool) -> list[Path]:
    return [
        p for p in sorted(INGEST.rglob("*.py")) if ("store" in p.relative_to(INGEST).parts) == store
    ]


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(INGEST.parent.parent)}:{line}"


def test_only_store_touches_the_database():
    wrong = [
        f"{_where(path, line)} imports {name}"
        for path in _modules(store=False)
        for line, name in _imports(path)
        if name.split(".")[0] == "django"
        or (name.split(".")[0] in PROJECT and not name.startswith(PURE_MAY_IMPORT))
    ]
    assert wrong == []


def test_the_pure_pipeline_never_imports_the_store_step():
    wrong = [
        f"{_where(path, line)} imports {name}"
        for path in _modules(store=False)
        if path.name != "batch.py"  # the orchestration over files calls the store functions
        for line, name in _imports(path)
        if name.startswith("kb.ingest.store")
    ]
    assert wrong == []


def test_no_private_module_of_re():
    wrong = [
        f"{_where(path, line)} imports {name}"
        for path in sorted(INGEST.parent.rglob("*.py"))
        for line, name in _imports(path)
        if name.startswith(PRIVATE_RE)
    ]
    assert wrong == []


def test_the_checks_see_a_database_import(tmp_path):
    module = tmp_path / "step.py"
    module.write_text("from django.db import connection\nfrom re import _parser\n")
    assert [name for _, name in _imports(module)] == [
        "django.db",
        "django.db.connection",
        "re",
        "re._parser",
    ]
