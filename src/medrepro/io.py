"""Stage file I/O: atomic writes (a stage leaves its previous outputs or complete new ones, never half a
file) and reading another stage's JSON with a one-line error that names the stage to rerun."""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


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
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


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
