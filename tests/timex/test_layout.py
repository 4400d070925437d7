"""The time-expression package stays in small modules whose imports run one way."""

import ast
from pathlib import Path

import newsweave.timex

PACKAGE = Path(newsweave.timex.__file__).parent


def _imports(path: Path) -> set[str]:
    """Sibling modules `path` imports (`from .x import`, `from . import x`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_no_import_circle() -> None:
    graph = {p.stem: _imports(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name in done:
            return
        for other in graph.get(name, ()):
            visit(other, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())
    assert "dates" in graph["find"] and "find" not in graph["grammar"]


def test_modules_stay_under_600_lines() -> None:
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 600, path.name
