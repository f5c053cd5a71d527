"""Unsafe-file rules hold across the code base: no unpickling, safe YAML, safetensors weights."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from medrepro import layout

ROOTS = ["src", "stages", "benchmarks"]


def python_files(repo_root: Path) -> list[Path]:
    return [p for root in ROOTS for p in sorted((repo_root / root).rglob("*.py"))]


def calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            yield owner, name, {kw.arg: kw.value for kw in node.keywords}


def test_no_unsafe_deserialisation(repo_root):
    problems = []
    for path in python_files(repo_root):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if any(n in ("pickle", "cloudpickle", "dill", "joblib") for n in names):
                    problems.append(f"{path}: imports a pickle library")
        for owner, name, kwargs in calls(tree):
            where = f"{path.relative_to(repo_root)}: {owner}.{name}"
            if owner == "torch" and name == "load":
                weights_only = kwargs.get("weights_only")
                if not (isinstance(weights_only, ast.Constant) and weights_only.value is True):
                    problems.append(f"{where} without weights_only=True")
            if owner == "yaml" and name in ("load", "unsafe_load", "full_load"):
                problems.append(f"{where}: use yaml.safe_load")
            if name in ("eval", "exec") and owner == "":
                problems.append(f"{where}: eval/exec")
            if name == "load" and owner == "np":
                allow = kwargs.get("allow_pickle")
                if not (isinstance(allow, ast.Constant) and allow.value is False):
                    problems.append(f"{where} without allow_pickle=False")
            if name == "read_pickle":
                problems.append(f"{where}: pandas pickle")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_sample_run_weights_are_safetensors_only(sample_run):
    suspicious = [p for p in sample_run.rglob("*") if p.suffix in (".pt", ".pth", ".pkl", ".pickle", ".bin", ".ckpt")
                  and ".venv" not in p.parts and ".git" not in p.parts]
    assert not suspicious, suspicious
    archs = yaml.safe_load((sample_run / "params.yaml").read_text())["architectures"]
    assert archs and all(layout.images(arch, sample_run).weights.is_file() for arch in archs)
