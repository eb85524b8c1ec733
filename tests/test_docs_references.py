"""Every engine module, file and name the documentation points to exists (fast tier).

The docs name modules by path (``index/question/period.py``) and by dotted name
(``index.answer.freshness.freshness_note``); after a module moves or a name is renamed, a stale
reference sends a reader to nothing. Code comments are checked the same way.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import index

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted(
    [ROOT / "README.md", ROOT / "BENCHMARKS.md", *(ROOT / "docs").glob("*.md")]
    + [p for p in (ROOT / "index").rglob("*.md")]
)
SOURCES = sorted(p for top in ("index", "bot", "coverbot") for p in (ROOT / top).rglob("*.py"))
_PATH = re.compile(r"(?<![\w/.])index/[\w/]+(?:\.\w+)?")
_DOTTED = re.compile(r"(?<![\w.])index(?:\.[A-Za-z_]\w*)+")
_IMPORT = re.compile(r"^from (index(?:\.\w+)*) import (\([^)]*\)|[^\n#]+)", re.M)
_LITERAL = re.compile(r"`+([^`\n]+)`+")


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


def _stale(path: Path) -> list[str]:
    """Return the references in a file's literals (``code`` in Markdown and docstrings)."""
    text = " ".join(_LITERAL.findall(path.read_text(encoding="utf-8")))
    stale = [p for p in set(_PATH.findall(text)) if not (ROOT / p.rstrip("/.")).exists()]
    stale += [d for d in set(_DOTTED.findall(text)) if not _resolves(d.rstrip("."))]
    for module, names in _IMPORT.findall(path.read_text(encoding="utf-8")):
        listed = re.sub(r"#[^\n]*", "", names).strip("()")
        imported = (n.split(" as ")[0].strip() for n in listed.split(","))
        stale += [f"{module}.{n}" for n in imported if n and not _resolves(f"{module}.{n}")]
    return sorted(stale)


@pytest.mark.parametrize("path", DOCS + SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_reference_to_the_engine_resolves(path: Path) -> None:
    assert _stale(path) == []


def test_the_public_surface_is_documented_and_loads() -> None:
    api = (ROOT / "docs" / "ENGINE_API.md").read_text(encoding="utf-8")
    missing = [name for name in index.__all__ if name not in api]
    assert missing == []
    assert all(getattr(index, name) is not None for name in index.__all__)


def test_the_architecture_map_names_every_package_of_the_engine() -> None:
    """docs/ARCHITECTURE.md's concern -> package table lists exactly the packages of index/."""
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    mapped = set(re.findall(r"^\|[^|]+\| `index/(\w+)/` \|", text, re.M))
    packages = {p.parent.name for p in (ROOT / "index").glob("*/__init__.py")}
    assert mapped == packages
    top = {p.stem for p in (ROOT / "index").glob("*.py")}
    assert top == {"__init__", "config", "engine", "errors", "records"}
