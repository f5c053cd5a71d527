"""Stage file I/O: atomic writes (a stage leaves its previous outputs or complete new ones, never half a
file) and reading another stage's JSON with a one-line error that names the stage to rerun."""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medrepro.errors import MedreproError


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary sibling path; on success rename it onto `path` (file or directory)."""
    path = Path(path)
    created = [p for p in reversed(path.parents) if not p.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    target = tmp / path.name
    try:
        yield target
        if not target.exists():
            raise FileNotFoundError(f"nothing was written to {path}")
        if path.is_dir() and not path.is_symlink():
            old = tmp / (path.name + ".old")
            path.rename(old)
            target.rename(path)
        else:
            os.replace(target, path)
    except BaseException as exc:
        full = is_disk_full(exc)
        written = _tree_bytes(tmp) if full else 0
        shutil.rmtree(tmp, ignore_errors=True)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if full:
            raise DiskFullError(path.parent, written, f"writing {path.name}") from exc
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


DISK_FULL_MARKERS = ("no space left on device", "os error 28", "storagefull", "file write failed")


class DiskFullError(MedreproError):
    """The disk filled up: one line naming the folder, the free space and what was needed."""

    def __init__(self, folder: str | os.PathLike, needed: int, what: str) -> None:
        free = free_bytes(folder)
        need = (f"needs more than the {_gb(needed)} it had written when the disk filled" if needed
                else "could not be written")
        super().__init__(f"{folder}: no space left on device ({what}: {need}; {_gb(free)} free); free space or "
                         "move the repository to a larger disk (the README lists what a thesis-profile run needs)")


def _gb(n: int) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e8 else f"{n / 1e6:.1f} MB"


def is_disk_full(exc: BaseException) -> bool:
    """ENOSPC itself, or a library's wrapper around it (safetensors' and torch's writers reword it)."""
    if isinstance(exc, DiskFullError):
        return False  # already translated by an inner atomic_path
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return isinstance(exc, Exception) and any(m in str(exc).lower() for m in DISK_FULL_MARKERS)


def free_bytes(folder: str | os.PathLike) -> int:
    """Free bytes on the disk that holds `folder` (or its nearest existing parent)."""
    folder = Path(folder).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return shutil.disk_usage(folder).free


def _tree_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def require_free_space(folder: str | os.PathLike, needed: int, what: str) -> None:
    """Fail before hours of work if `folder`'s disk cannot take `needed` bytes more."""
    free = free_bytes(folder)
    if free < needed:
        raise MedreproError(f"{folder}: {_gb(free)} free, but {what} need about {_gb(needed)}; free space or "
                            "move the repository to a larger disk (the README lists what a thesis-profile run "
                            "needs)")


def _finite(obj: Any) -> Any:
    """Replace NaN/inf with None so the JSON stays valid for `dvc metrics`."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k): _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    if hasattr(obj, "item") and callable(obj.item):
        return _finite(obj.item())
    return obj


def write_json(path: str | os.PathLike, data: Any) -> None:
    """Write JSON atomically with sorted keys and no NaN, so diffs across commits stay readable."""
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(_finite(data), indent=2, sort_keys=True) + "\n")


def write_text(path: str | os.PathLike, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text)


def write_csv(path: str | os.PathLike, frame) -> None:
    """Write a pandas DataFrame as CSV atomically."""
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False)


def read_json(path: str | os.PathLike, stage: str, required: tuple[str, ...] = ()) -> dict[str, Any]:
    """A stage's JSON object, with a one-line error naming the stage to rerun when missing or broken."""
    from medrepro.errors import InputError

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: not found; run the {stage} stage first")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid JSON ({exc.__class__.__name__}); rerun the {stage} stage") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object; rerun the {stage} stage")
    missing = [k for k in required if k not in data]
    if missing:
        raise InputError(f"{path}: missing key(s) {missing}; rerun the {stage} stage")
    return data
