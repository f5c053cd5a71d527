"""Shared fixtures: the repo root, the real reference data, and ONE sample `dvc repro` run per session."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
# The real reference files (never copied into the project): ../shared/data here, fetched by the GitHub workflow.
SHARED_DATA = REFERENCE_DATA = Path(os.environ.get("MEDREPRO_REFERENCE_DATA") or REPO.parent / "shared" / "data")
REFERENCE_FILES = ("HAM10000_metadata.csv", "mtsamples.csv")
IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
BIN = Path(sys.executable).parent
KEEP = ("results/cv_train/README.md",)


def architectures(root: Path = REPO) -> list[str]:
    """params.yaml's `architectures`: tests loop over what the graph trains, never a list of their own."""
    return list(yaml.safe_load((root / "params.yaml").read_text())["architectures"])


ARCHS = architectures()


def pytest_configure(config):
    config.addinivalue_line("markers", "reference_data(*files): reads these files of MEDREPRO_REFERENCE_DATA "
                            "(skipped without them, except in CI)")


def pytest_report_header(config):
    state = ", ".join(f"{n} {'present' if (REFERENCE_DATA / n).is_file() else 'MISSING'}" for n in REFERENCE_FILES)
    return f"reference data: {REFERENCE_DATA} ({state})"


def pytest_sessionstart(session):
    """In CI the reference files must be there: a run that skipped the real-data tests would prove less."""
    missing = [n for n in REFERENCE_FILES if not (REFERENCE_DATA / n).is_file()]
    if IN_CI and missing:
        pytest.exit(f"error: CI=true but the reference data {', '.join(missing)} is missing from {REFERENCE_DATA}; "
                    "fetch it with `python3 .ci/fetch_reference_data.py DIR` and set MEDREPRO_REFERENCE_DATA=DIR",
                    returncode=1)


def reference_file(name: str) -> Path:
    """A real reference file, or a skip naming where it was looked for."""
    path = REFERENCE_DATA / name
    if not path.is_file():
        pytest.skip(f"reference data {path} not found (set MEDREPRO_REFERENCE_DATA; .ci/fetch_reference_data.py)")
    return path


def pytest_runtest_setup(item):
    for mark in item.iter_markers("reference_data"):
        for name in mark.args:
            reference_file(name)


def pytest_collection_modifyitems(config, items):
    import torch

    if torch.cuda.is_available():
        return
    skip = pytest.mark.skip(reason="needs a CUDA GPU")
    for item in items:
        if "gpu" in item.keywords:
            item.add_marker(skip)


def stage_env(**extra: str) -> dict[str, str]:
    """Environment for running stages/DVC in a subprocess: the venv first on PATH, no network trackers."""
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(REPO / "src")
    env.setdefault("WANDB_MODE", "offline")
    env.setdefault("DVC_NO_ANALYTICS", "1")
    env["OMP_NUM_THREADS"] = env.get("OMP_NUM_THREADS", str(os.cpu_count() or 1))
    env.update(extra)
    return env


def run(cmd: list[str], cwd: Path, check: bool = True, timeout: float = 1800, **env: str):
    proc = subprocess.run(cmd, cwd=cwd, env=stage_env(**env), capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(
            f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
        )
    return proc


def copy_repo(dest: Path) -> Path:
    """A fresh git repo with the project's files (tracked and new, not ignored), as a clone would have."""
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=REPO,
                           capture_output=True, text=True, check=True).stdout.split("\0")
    dest.mkdir(parents=True, exist_ok=True)
    for rel in filter(None, files):
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    for rel in ("results", "checkpoints", "thesis/figures", "thesis/tables", "data/prepared", "dvc.lock"):
        target = dest / rel
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for rel in KEEP:  # tracked sources inside output folders
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, dest / rel)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", "sample copy")
    return dest


def git(cwd: Path, *args: str) -> str:
    cmd = ["git", "-c", "user.email=test@medrepro.local", "-c", "user.name=medrepro tests", *args]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=True).stdout


def stages_run(stdout: str) -> set[str]:
    return set(re.findall(r"Running stage '([^']+)'", stdout))


def set_param(repo, dotted: str, value) -> None:
    params = yaml.safe_load((repo / "params.yaml").read_text())
    node = params
    *parents, leaf = dotted.split(".")
    for part in parents:
        node = node[part]
    node[leaf] = value
    (repo / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))


@pytest.fixture
def one_torch_thread():
    """Torch's intra-op threads spin on a busy 2-core machine; one thread is many times faster there."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_data() -> Path:
    reference_file("HAM10000_metadata.csv")
    return REFERENCE_DATA


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> Path:
    """One `dvc repro` of the whole graph on the bundled sample, shared by every integration test.

    Tests must treat it as read-only: copy it (`copy_run`) before changing anything.
    """
    root = copy_repo(tmp_path_factory.mktemp("sample") / "repo")
    proc = run([str(BIN / "dvc"), "repro"], cwd=root)
    (root / "repro.log").write_text(proc.stdout + proc.stderr)
    return root


def _link_or_copy(src: str, dst: str) -> str:
    """Hard-link what is never rewritten in place (DVC cache, safetensors: both replaced by rename), copy the rest."""
    if src.endswith(".safetensors") or f"{os.sep}.dvc{os.sep}cache{os.sep}" in src:
        try:
            os.link(src, dst)
            os.chmod(dst, 0o444)  # shared inode: an in-place write would corrupt the session's sample run
            return dst
        except OSError:
            pass
    return shutil.copy2(src, dst)


def copy_run(src: Path, dest: Path) -> Path:
    """A writable copy of a finished sample run (DVC cache and git history included).

    Weights and cache files are hard links, so the many copies the integration tests take cost
    almost no disk (a full copy is ~1.3 GB; CI machines may have only a few GB free).
    """
    shutil.copytree(src, dest, symlinks=True, copy_function=_link_or_copy)
    return dest
