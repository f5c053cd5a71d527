"""Named parameter profiles (sample, thesis) applied to params.yaml in place, keeping its comments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from medrepro.errors import ParamsError

PROFILE_DIR = Path("configs/profiles")


def load_profile(name: str, profile_dir: Path = PROFILE_DIR) -> dict[str, Any]:
    path = profile_dir / f"{name}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in profile_dir.glob("*.yaml"))
        raise ParamsError(f"{path}: no such profile; known profiles: {known}")
    overrides = yaml.safe_load(path.read_text()) or {}
    if not isinstance(overrides, dict):
        raise ParamsError(f"{path}: expected a mapping of dotted keys to values")
    return overrides


def apply_profile(params_path: Path, overrides: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """Set each dotted key in params.yaml; return (key, old, new) for every value that changed."""
    from ruamel.yaml import YAML

    rt = YAML()
    rt.preserve_quotes = True
    doc = rt.load(params_path.read_text())
    changes = []
    for dotted, value in overrides.items():
        node = doc
        *parents, leaf = dotted.split(".")
        for part in parents:
            if part not in node or not hasattr(node[part], "keys"):
                raise ParamsError(f"{params_path}: profile key {dotted!r} does not exist in params.yaml")
            node = node[part]
        if leaf not in node:
            raise ParamsError(f"{params_path}: profile key {dotted!r} does not exist in params.yaml")
        old = node[leaf]
        if isinstance(old, dict) and isinstance(value, dict):
            for key, sub in value.items():
                if node[leaf].get(key) != sub:
                    changes.append((f"{dotted}.{key}", node[leaf].get(key), sub))
                    node[leaf][key] = sub
        elif old != value:
            changes.append((dotted, old, value))
            node[leaf] = value
    with params_path.open("w") as fh:
        rt.dump(doc, fh)
    return changes
