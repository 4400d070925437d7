"""The dependency rules of the source tree, read from the import statements.

- No module imports a private name (`_x`) or a private module of another package.
- `newsweave/store/` imports no stage: stages hand it model types.
- No stage imports a concrete store: only the interface, `newsweave.store.base`.
  The edges (cli/, api/, pipeline.py, export.py) may open stores.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = SRC / "newsweave"
STAGES = ("ingest", "language", "entities", "quotes", "events", "timex", "clustering",
          "statements", "stories")  # fmt: skip
STORE_INTERFACE = "newsweave.store.base"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    path = SRC.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imports(path: Path) -> list[tuple[int, str, str | None]]:
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path.parent)
    return _parse(path.read_text(encoding="utf-8"), package)


def _parse(text: str, package: str) -> list[tuple[int, str, str | None]]:
    """(line, module, name) for every import in a module of `package`, relative ones
    resolved, those inside functions included.

    `from a import b` where `a.b` is a module yields (line, "a.b", None); else the
    name is kept: (line, "a", "b")."""
    tree = ast.parse(text)
    found: list[tuple[int, str, str | None]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                found.append((node.lineno, sub, None) if _is_module(sub) else
                             (node.lineno, module, alias.name))  # fmt: skip
    return found


def _package(module: str) -> str | None:
    """The part of newsweave a module belongs to: `newsweave.entities.kb` -> "entities"."""
    parts = module.split(".")
    if parts[0] != "newsweave" or len(parts) < 2:
        return None
    return parts[1]


def _sources(*packages: str) -> list[Path]:
    if not packages:
        return sorted(ROOT.rglob("*.py"))
    return sorted(p for name in packages if (ROOT / name).is_dir()
                  for p in (ROOT / name).rglob("*.py"))  # fmt: skip


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(SRC)}:{line}"


def test_no_module_imports_private_names_of_another_package() -> None:
    wrong = []
    for path in _sources():
        own = _package(_module_name(path))
        for line, module, name in _imports(path):
            theirs = _package(module)
            if theirs is None or theirs == own:
                continue
            private_module = any(part.startswith("_") and not part.startswith("__")
                                 for part in module.split("."))  # fmt: skip
            if private_module or (name is not None and name.startswith("_")):
                wrong.append(f"{_where(path, line)} imports {module}.{name or ''}".rstrip("."))
    assert not wrong, "private names of another package:\n" + "\n".join(wrong)


def test_the_store_imports_no_stage() -> None:
    wrong = sorted(
        {
            f"{_where(path, line)} imports {module}"
            for path in _sources("store")
            for line, module, _ in _imports(path)
            if _package(module) in STAGES
        }
    )
    assert not wrong, "the store imports stages:\n" + "\n".join(wrong)


def test_stages_import_only_the_store_interface() -> None:
    wrong = sorted(
        {
            f"{_where(path, line)} imports {module}" + (f".{name}" if name else "")
            for path in _sources(*STAGES)
            for line, module, name in _imports(path)
            if _package(module) == "store" and not module.startswith(STORE_INTERFACE)
        }
    )
    assert not wrong, "stages import a concrete store:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("source", "package", "expected"),
    [
        ("from ..store import open_store", "newsweave.entities", ("newsweave.store", "open_store")),
        ("from ..store.base import Store", "newsweave.entities", ("newsweave.store.base", "Store")),
        ("from ..store import base", "newsweave.entities", ("newsweave.store.base", None)),
        ("from . import names", "newsweave.entities", ("newsweave.entities.names", None)),
        ("from .kb import _cache", "newsweave.entities", ("newsweave.entities.kb", "_cache")),
        ("import newsweave.store.sqlite", "newsweave.cli", ("newsweave.store.sqlite", None)),
        ("def f():\n    from ...store import sqlite", "newsweave.language.en",
         ("newsweave.store.sqlite", None)),
    ],
)  # fmt: skip
def test_imports_are_resolved(source: str, package: str, expected: tuple[str, str | None]) -> None:
    """The checks above see relative, absolute and function-level imports alike."""
    [(_, module, name)] = _parse(source, package)
    assert (module, name) == expected
