"""The import closure and code fingerprint that decide when a checkpoint may be resumed."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO

from medrepro.provenance import code_fingerprint, import_closure


def make_package(root: Path) -> tuple[Path, Path]:
    pkg = root / "pkg"
    files = {
        "__init__.py": "",
        "core.py": "import os\n",
        "sub/__init__.py": "from . import helpers\n",
        "sub/helpers.py": "from ..core import os\n",
        "sub/lazy.py": "X = 1\n",
        "sub/models.py": "def build():\n    from pkg.sub.lazy import X\n    return X\n",
        "unused.py": "import pkg.core\n",
    }
    for rel, text in files.items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(text)
    script = root / "stage.py"
    script.write_text("import json\nfrom pkg.sub import models\n")
    return pkg, script


def test_closure_follows_relative_function_level_and_parent_package_imports(tmp_path):
    pkg, script = make_package(tmp_path)
    got = {p.relative_to(tmp_path).as_posix() for p in import_closure(script, pkg)}
    assert got == {"stage.py", "pkg/__init__.py", "pkg/sub/__init__.py", "pkg/sub/models.py",
                   "pkg/sub/lazy.py", "pkg/sub/helpers.py", "pkg/core.py"}


def test_code_fingerprint_changes_with_a_file_in_the_closure_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pkg, script = make_package(tmp_path)
    before = code_fingerprint(script, pkg)
    assert set(before) >= {"stage.py", "pkg/sub/lazy.py"}
    (pkg / "unused.py").write_text("import pkg.core  # edited\n")
    assert code_fingerprint(script, pkg) == before
    (pkg / "sub/lazy.py").write_text("X = 2\n")
    after = code_fingerprint(script, pkg)
    assert [f for f in after if after[f] != before[f]] == ["pkg/sub/lazy.py"]


def test_training_stage_fingerprint_covers_the_loop_and_the_shared_core():
    files = code_fingerprint(REPO / "stages" / "train.py")
    for rel in ("medrepro/train/loop.py", "medrepro/train/checkpoint.py", "medrepro/train/images.py",
                "medrepro/config.py", "medrepro/io.py", "medrepro/data/ham10000.py"):
        assert rel in files
    assert not any("report" in f or "evaluate" in f for f in files)
