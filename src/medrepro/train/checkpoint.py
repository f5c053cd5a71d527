"""Epoch checkpoints in safetensors + JSON (no pickle): resume an interrupted run of the same code, params, data.

A checkpoint is the state of a run in progress, never a result: a finished run leaves only a small
`finished.json`, and a checkpoint made by other code, params or data is discarded with one line.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from medrepro.io import atomic_path

log = logging.getLogger(__name__)
PROGRESS = "progress.json"
FINISHED = "finished.json"


@dataclass(frozen=True)
class Fingerprint:
    """What a run is made of: sha256 per code file (the stage's import closure), params and data hashes.

    `params` may fold the data in too (the configs' own hashes do), so it is compared only when the
    data are the same.
    """

    params: str
    data: str
    code: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"code": dict(sorted(self.code.items())), "params": self.params, "data": self.data}

    def mismatch(self, saved: Any) -> str | None:
        """Why a checkpoint saved under `saved` (a `to_json()` dict) must not be resumed now; None if it may."""
        if not isinstance(saved, dict) or not isinstance(saved.get("code"), dict):
            return "code changed (the checkpoint predates code fingerprints)"
        reasons = []
        old = saved["code"]
        changed = sorted(f for f in set(old) | set(self.code) if old.get(f) != self.code.get(f))
        if changed:
            more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
            reasons.append(f"code changed ({', '.join(changed[:3])}{more})")
        if saved.get("data") != self.data:
            reasons.append("data changed")
        elif saved.get("params") != self.params:
            reasons.append("params changed")
        return ", ".join(reasons) or None


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


def clear(directory: Path, keep: tuple[str, ...] = ()) -> None:
    """Empty the checkpoint directory but keep the directory itself: it is a DVC `persist` output."""
    directory = Path(directory)
    if not directory.is_dir():
        return
    for child in directory.iterdir():
        if child.name in keep:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def finish(directory: Path, fingerprint: Fingerprint, epochs_done: int, best_epoch: int) -> None:
    """Mark the run finished and drop its resume state: the stage's outputs are the result, not this."""
    directory = Path(directory)
    record = {"finished": True, "epochs_done": epochs_done, "best_epoch": best_epoch,
              "fingerprint": fingerprint.to_json()}
    with atomic_path(directory / FINISHED) as tmp:
        tmp.write_text(json.dumps(record, indent=2) + "\n")
    clear(directory, keep=(FINISHED,))


def load_checkpoint(directory: Path, fingerprint: Fingerprint, main: bool = True) -> dict[str, Any] | None:
    """The last checkpoint of an interrupted run under the same fingerprint, else None.

    Anything else found there (a finished run, or other code, params or data) is discarded, with one
    line saying why, by the main process (`main`).
    """
    directory = Path(directory)
    last = directory / "last"
    progress_file = last / PROGRESS
    progress: dict[str, Any] = {}
    if (directory / FINISHED).is_file():
        reason = "it is a finished run, and a finished run is never reused as a new result"
    elif progress_file.is_file():
        progress = json.loads(progress_file.read_text())
        if progress.get("finished"):
            reason = "it is a finished run, and a finished run is never reused as a new result"
        elif not (directory / "best.safetensors").is_file():
            reason = "its best-epoch weights are missing"
        else:
            reason = fingerprint.mismatch(progress.get("fingerprint"))
    else:
        return None
    if reason is not None:
        if main:
            log.warning("not resuming %s: %s; training from scratch", directory, reason)
            clear(directory)
        return None
    return {
        "progress": progress,
        "model": load_file(last / "model.safetensors"),
        "optimizer": optimizer_from_safetensors(load_file(last / "optimizer.safetensors"),
                                                json.loads((last / "optimizer.json").read_text())),
    }
