"""The stage boundaries, held by a test: read the import graph from the source and check it.

The pipeline runs in this order, and a module may import only from its own layer or below:

    github                           the GitHub Action's steps (runs the CLI; summaries, SARIF)
    cli, console, __main__           the command line (console: its errors, progress, summary)
    pipeline                         the whole run: may use every stage
    fix                              the next edition, from the change report
    report                           the change report (renders what monitor found)
    monitor                          rot and "since last run", from the archive's history
    archive                          snapshots, Wayback baseline, drift (runs the check)
    check                            verdicts on every link
    export, lint                     BibTeX / CSL-JSON / JSON of the parsed document; its
                                     warnings less a committed baseline (commit hooks)
    parse                            footnotes → citations and sources
    read                             a document file (DOCX, PDF, HTML, Markdown, text) → notes
    net                              how citecheck talks HTTP, beneath check and archive
    model, errors, config, files,    shared by every stage; they import no stage
    progress, shingles, style,
    words, citecheck

Each package shows its public surface in ``__init__.py`` (re-exports and ``__all__`` only),
and nothing imports another package's ``_private`` module. A new top-level module or package
must be placed in ``LAYERS`` before this test passes: deciding where it sits is the point.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "citecheck"

# Lowest first; names in one tuple share a layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("citecheck", "model", "errors", "config", "files", "progress", "shingles", "style", "words"),
    ("net",),
    ("read",),
    ("parse",),
    ("export", "lint"),
    ("check",),
    ("archive",),
    ("monitor",),
    ("report",),
    ("fix",),
    ("pipeline",),
    ("cli", "console", "__main__"),
    ("github",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _modules() -> Iterator[tuple[str, Path]]:
    """Every module as (dotted name, path), e.g. ("citecheck.check._run", …/check/_run.py)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def _imports(module: str, path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import in the file, inside functions too.

    ``from citecheck.x import y`` yields ``citecheck.x.y``: ``y`` may be a submodule.
    """
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield from ((node.lineno, f"{base}.{alias.name}") for alias in node.names)


def _unit(dotted: str) -> str:
    """The layer unit of a citecheck name: its package or module right under citecheck."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in _UNITS else "citecheck"


_UNITS = {p.stem for p in PACKAGE.glob("*.py")} | {p.parent.name for p in PACKAGE.glob("*/*.py")}


def _edges() -> Iterator[tuple[str, int, str]]:
    for module, path in _modules():
        for line, target in _imports(module, path):
            if target == "citecheck" or target.startswith("citecheck."):
                yield module, line, target


def test_every_module_has_a_place_in_the_pipeline() -> None:
    unplaced = sorted({_unit(module) for module, _ in _modules()} - RANK.keys())
    assert unplaced == [], f"place these in LAYERS (tests/test_architecture.py): {unplaced}"


def test_no_module_imports_another_packages_private_module() -> None:
    offences = [
        f"{module}:{line} imports {target}"
        for module, line, target in _edges()
        if _unit(target) != _unit(module) and any(_private(part) for part in target.split(".")[1:])
    ]
    assert offences == []


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_stage_imports_a_later_stage() -> None:
    offences = [
        f"{module}:{line} imports {target} (a later stage)"
        for module, line, target in _edges()
        if RANK.get(_unit(target), 0) > RANK.get(_unit(module), len(LAYERS))
    ]
    assert offences == []


def _init_files() -> list[Path]:
    return sorted(PACKAGE.glob("*/__init__.py"))


@pytest.mark.parametrize("init", _init_files(), ids=lambda p: p.parent.name)
def test_package_init_only_re_exports(init: Path) -> None:
    """Docstring, ``from __future__``, imports and ``__all__``: no logic, no state."""
    tree = ast.parse(init.read_text(encoding="utf-8"))
    allowed = (ast.Import, ast.ImportFrom)
    stray = [
        f"{init.parent.name}/__init__.py:{node.lineno}"
        for index, node in enumerate(tree.body)
        if not isinstance(node, allowed)
        and not (index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
        and not _is_all(node)
    ]
    assert stray == []
    assert any(_is_all(node) for node in tree.body), "declare the public surface in __all__"


def _is_all(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Assign)
        and [getattr(t, "id", None) for t in node.targets] == ["__all__"]
        and isinstance(node.value, ast.List | ast.Tuple)
    )
