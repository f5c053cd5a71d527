"""Every medrepro module a stage imports, at any depth, is one of its declared dvc.yaml deps.

An undeclared module means editing it re-runs nothing: DVC would report results as current that
the edited code never produced. The closure is read from the source (provenance.import_closure), so
this needs no DVC run; a subprocess import audit checks that reading against what Python imports.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml
from conftest import REPO, stage_env

from medrepro.provenance import import_closure

SCRIPT = re.compile(r"(?:^|\s)(stages/[\w/]+\.py)(?:\s|$)")
PACKAGE = REPO / "src" / "medrepro"


def stage_definitions() -> dict[str, tuple[str, list[str]]]:
    """{stage (foreach/matrix ones as `name@*`): (its script, its deps)} straight from dvc.yaml.

    foreach/matrix stages are read from their template, so a matrix that params switch off (cv_train
    while cv.fold_ids is []) is checked too. Deps with `${...}` are per-item data, never code.
    """
    stages = yaml.safe_load((REPO / "dvc.yaml").read_text())["stages"]
    out = {}
    for name, body in stages.items():
        label = name
        if "foreach" in body:
            body, label = body["do"], f"{name}@*"
        elif "matrix" in body:
            label = f"{name}@*"
        scripts = SCRIPT.findall(body["cmd"])
        assert len(scripts) == 1, f"dvc.yaml stage {label}: cmd {body['cmd']!r} should run one stages/*.py script"
        deps = [d if isinstance(d, str) else next(iter(d)) for d in body.get("deps", [])]
        out[label] = (scripts[0], [d.rstrip("/") for d in deps if "${" not in d])
    return out


def covered(path: str, deps: list[str]) -> bool:
    return any(path == d or path.startswith(d + "/") for d in deps)


def undeclared_code(definitions: dict[str, tuple[str, list[str]]]) -> dict[str, list[str]]:
    missing = {}
    for label, (script, deps) in definitions.items():
        closure = [p.relative_to(REPO).as_posix() for p in import_closure(REPO / script, PACKAGE)]
        gaps = [p for p in closure if not covered(p, deps)]
        if gaps:
            missing[label] = gaps
    return missing


def report(missing: dict[str, list[str]]) -> str:
    lines = [f"{sum(map(len, missing.values()))} imported module(s) are not declared as deps in dvc.yaml "
             "(add each file, or a folder above it, to that stage's deps):"]
    lines += [f"  {label}: {', '.join(files)}" for label, files in missing.items()]
    return "\n".join(lines)


def test_every_stage_declares_every_module_it_imports():
    definitions = stage_definitions()
    assert {"train@*", "cv_train@*", "train_notes@*", "thesis"} <= set(definitions)
    missing = undeclared_code(definitions)
    assert not missing, report(missing)


def test_a_missing_dep_is_reported_by_stage_and_module():
    definitions = stage_definitions()
    script, deps = definitions["train@*"]
    definitions["train@*"] = (script, [d for d in deps if d != "src/medrepro/train/loop.py"])
    missing = undeclared_code(definitions)
    assert missing == {"train@*": ["src/medrepro/train/loop.py"]}
    assert "train@*: src/medrepro/train/loop.py" in report(missing)


AUDIT = """
import json, runpy, sys
found = {}
for script in sys.argv[1:]:
    for name in [m for m in sys.modules if m == "medrepro" or m.startswith("medrepro.")]:
        del sys.modules[name]
    runpy.run_path(script, run_name="import_audit")  # stage scripts run main() only as __main__
    found[script] = sorted(m.__file__ for n, m in list(sys.modules.items())
                           if (n == "medrepro" or n.startswith("medrepro.")) and getattr(m, "__file__", None))
print(json.dumps(found))
"""


@pytest.mark.usefixtures("one_torch_thread")
def test_source_closure_contains_everything_python_imports():
    """The source reading misses nothing that importing the stage scripts really loads."""
    scripts = sorted({script for script, _ in stage_definitions().values()})
    proc = subprocess.run([sys.executable, "-c", AUDIT, *scripts], cwd=REPO, env=stage_env(OMP_NUM_THREADS="1"),
                          capture_output=True, text=True, timeout=600, check=True)
    imported = json.loads(proc.stdout.strip().splitlines()[-1])
    for script in scripts:
        closure = set(import_closure(REPO / script, PACKAGE))
        loaded = {p for p in map(lambda f: (REPO / f).resolve(), imported[script])}
        assert loaded, f"{script}: the audit saw no medrepro import"
        assert loaded <= closure, f"{script}: imported but not found in its source closure: {sorted(loaded - closure)}"
