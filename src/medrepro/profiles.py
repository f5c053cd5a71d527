"""Named parameter profiles (thesis, rehearsal) applied to params.yaml in place, keeping its comments.

A profile maps dotted keys to values; a mapping value is merged key by key, and a null inside it removes
that key (so a per-architecture pin of the sample profile stops overriding the shared setting).
`extends: <profile>` applies another profile first, so a rehearsal states only what differs from the thesis.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from medrepro.errors import ParamsError

PROFILE_DIR = Path("configs/profiles")


def load_profile(name: str, profile_dir: Path = PROFILE_DIR, _seen: tuple[str, ...] = ()) -> dict[str, Any]:
    path = profile_dir / f"{name}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in profile_dir.glob("*.yaml"))
        raise ParamsError(f"{path}: no such profile; known profiles: {known}")
    if name in _seen:
        raise ParamsError(f"{path}: profiles extend each other in a cycle: {' -> '.join((*_seen, name))}")
    overrides = yaml.safe_load(path.read_text()) or {}
    if not isinstance(overrides, dict):
        raise ParamsError(f"{path}: expected a mapping of dotted keys to values")
    base = overrides.pop("extends", None)
    if base is None:
        return overrides
    merged = load_profile(str(base), profile_dir, (*_seen, name))
    for key, value in overrides.items():
        if isinstance(merged.get(key), dict) and isinstance(value, dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def describe_pins(params: dict[str, Any]) -> list[str]:
    """One line per `train_arch.<arch>` value that overrides the shared `train` value, and how to change all."""
    lines = []
    for shared_name, pin_name in (("train", "train_arch"), ("notes_train", "notes_train_method")):
        shared = params.get(shared_name) or {}
        for arch, pins in (params.get(pin_name) or {}).items():
            for key, value in (pins or {}).items():
                if key in shared and shared[key] != value:
                    lines.append(f"  {pin_name}.{arch}.{key}: {value!r} overrides {shared_name}.{key}: "
                                 f"{shared[key]!r}")
                elif key not in shared and value not in ({}, "", None):
                    lines.append(f"  {pin_name}.{arch}.{key}: {value!r} (only {arch} has it)")
    if not lines:
        return []
    return ["per-architecture pins (a shared train.<key> does not change these; set both, e.g. "
            "`dvc exp run -S train.epochs=1 -S train_arch.<arch>.epochs=1`, or delete the pin):", *lines]


CAP_SECTIONS = ("train", "pretrain_notes", "notes_train")
CAPS = ("max_steps_per_epoch", "max_val_batches")


def describe_caps(params: dict[str, Any]) -> list[str]:
    """A loud line for every CPU-rehearsal cap that is set: such a run proves the graph, its numbers are not results."""
    caps = [f"{section}.{cap}: {value}" for section in CAP_SECTIONS for cap in CAPS
            if (value := (params.get(section) or {}).get(cap) or 0) > 0]
    if not caps:
        return []
    return [f"warning: CPU-rehearsal caps are set ({', '.join(caps)}): every epoch stops early; the models and "
            "metrics prove the pipeline runs, they are not results (`medrepro profile thesis` resets them to 0)"]


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
                if sub is None:
                    if key in node[leaf]:
                        changes.append((f"{dotted}.{key}", node[leaf][key], None))
                        del node[leaf][key]
                elif node[leaf].get(key) != sub:
                    changes.append((f"{dotted}.{key}", node[leaf].get(key), sub))
                    node[leaf][key] = sub
        elif old != value:
            changes.append((dotted, old, value))
            node[leaf] = value
    with params_path.open("w") as fh:
        rt.dump(doc, fh)
    return changes
