"""The layers show in the tree: only stages/ and the command-line entry points know where outputs live,
evaluation never depends on reporting, and library code builds no repository path of its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "medrepro"
# Entry points that, like stages/, find the pipeline's outputs: `medrepro predict/serve` and the app.
ENTRY_POINTS = {"cli.py", "predict.py", "layout.py"}
OUTPUT_PATH = re.compile(r"^(results|models|metrics|plots|dvclive|checkpoints|data/prepared)/")


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_evaluate_never_imports_report():
    offenders = {rel(p): sorted(n for n in imported(p) if n.startswith("medrepro.report"))
                 for p in (PACKAGE / "evaluate").rglob("*.py")}
    assert not {k: v for k, v in offenders.items() if v}


def test_only_entry_points_know_the_output_layout():
    users = sorted(rel(p) for p in modules() if any(n.startswith("medrepro.layout") for n in imported(p)))
    assert set(users) <= ENTRY_POINTS, users


@pytest.mark.parametrize("path", modules(), ids=rel)
def test_library_builds_no_output_path(path):
    """A string literal like "results/train" or "models" / arch in a library module would be a second
    map of the layout, one that dvc.yaml and layout.py could silently disagree with."""
    if rel(path) in ENTRY_POINTS - {"cli.py", "predict.py"}:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    literals = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                and id(n) not in docstrings]
    assert not [s for s in literals if OUTPUT_PATH.match(s)], rel(path)
