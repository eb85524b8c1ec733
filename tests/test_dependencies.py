"""Every third-party package the code imports is declared in pyproject.toml."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("index", "bot", "coverbot")
RUNTIME_IMPORTS = ("lxml_html_clean",)
"""Modules imported at run time by a dependency without being declared by it: trafilatura's
HTML cleaning imports ``lxml_html_clean``, which lxml only provides as the ``html_clean`` extra."""


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for requirement in project["dependencies"]:
        match = re.match(r"\s*([A-Za-z0-9_.-]+)(\[([^\]]*)\])?", requirement)
        assert match is not None, requirement
        names.add(_normalize(match.group(1)))
        for extra in (match.group(3) or "").split(","):
            if extra.strip():
                names.add(f"{_normalize(match.group(1))}[{_normalize(extra)}]")
    return names


def _imported_modules() -> set[str]:
    found = set(RUNTIME_IMPORTS)
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    local = {p.name for p in REPO.iterdir() if p.is_dir()}
    return found - set(sys.stdlib_module_names) - local


def test_every_imported_distribution_is_declared() -> None:
    """An install from pyproject.toml alone has every module the code (and trafilatura) imports."""
    providers = metadata.packages_distributions()
    declared = _declared()
    missing = []
    for module in sorted(_imported_modules()):
        dists = {_normalize(d) for d in providers.get(module, [module])}
        via_extra = module == "lxml_html_clean" and "lxml[html-clean]" in declared
        if not dists & declared and not via_extra:
            missing.append(f"{module} (from {', '.join(sorted(dists))})")
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"
