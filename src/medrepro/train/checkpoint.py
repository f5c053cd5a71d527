"""Epoch checkpoints in safetensors + JSON (no pickle), resumed only under the same fingerprint."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from medrepro.io import atomic_path

log = logging.getLogger(__name__)
PROGRESS = "progress.json"


def optimizer_to_safetensors(state: dict[str, Any]) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """Split an optimizer state dict into tensors (safetensors) and plain values (JSON)."""
    tensors: dict[str, torch.Tensor] = {}
    plain: dict[str, Any] = {"param_groups": state["param_groups"], "state": {}}
    for idx, slots in state["state"].items():
        plain["state"][str(idx)] = {}
        for key, value in slots.items():
            if isinstance(value, torch.Tensor):
                tensors[f"{idx}.{key}"] = value.detach().cpu().contiguous()
            else:
                plain["state"][str(idx)][key] = value
    return tensors, plain


def optimizer_from_safetensors(tensors: dict[str, torch.Tensor], plain: dict[str, Any]) -> dict[str, Any]:
    state: dict[int, dict[str, Any]] = {int(i): dict(v) for i, v in plain["state"].items()}
    for name, value in tensors.items():
        idx, key = name.split(".", 1)
        state.setdefault(int(idx), {})[key] = value
    return {"state": state, "param_groups": plain["param_groups"]}


def save_checkpoint(directory: Path, *, model_state: dict[str, torch.Tensor], optimizer_state: dict[str, Any],
                    progress: dict[str, Any]) -> None:
    """Replace `directory/last` atomically, so a kill mid-save leaves the previous epoch intact."""
    opt_tensors, opt_plain = optimizer_to_safetensors(optimizer_state)
    with atomic_path(Path(directory) / "last") as tmp:
        tmp.mkdir()
        save_file({k: v.detach().cpu().contiguous() for k, v in model_state.items()}, tmp / "model.safetensors")
        save_file(opt_tensors, tmp / "optimizer.safetensors")
        (tmp / "optimizer.json").write_text(json.dumps(opt_plain))
        (tmp / PROGRESS).write_text(json.dumps(progress, indent=2))


def save_best(directory: Path, model_state: dict[str, torch.Tensor]) -> None:
    with atomic_path(Path(directory) / "best.safetensors") as tmp:
        save_file({k: v.detach().cpu().contiguous() for k, v in model_state.items()}, tmp)


def load_best(directory: Path) -> dict[str, torch.Tensor]:
    return load_file(Path(directory) / "best.safetensors")


def load_checkpoint(directory: Path, fingerprint: str, remove_stale: bool = True) -> dict[str, Any] | None:
    """Return the last checkpoint if it was made under `fingerprint`; otherwise discard it, saying why."""
    last = Path(directory) / "last"
    progress_file = last / PROGRESS
    if not progress_file.is_file():
        return None
    progress = json.loads(progress_file.read_text())
    if progress.get("fingerprint") != fingerprint:
        log.warning("not resuming %s: it was made with different params or data (fingerprint %s, now %s); "
                    "starting from scratch", directory, str(progress.get("fingerprint"))[:12], fingerprint[:12])
        if remove_stale:
            shutil.rmtree(directory, ignore_errors=True)
        return None
    if not (Path(directory) / "best.safetensors").is_file():
        return None
    return {
        "progress": progress,
        "model": load_file(last / "model.safetensors"),
        "optimizer": optimizer_from_safetensors(load_file(last / "optimizer.safetensors"),
                                                json.loads((last / "optimizer.json").read_text())),
    }
