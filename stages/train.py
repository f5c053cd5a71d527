"""Stage train@<arch>: train one architecture on the prepared cache with Accelerate.

Run by DVC as `python stages/train.py <arch>`; launch it with several processes through
`accelerate launch stages/train.py <arch>` (or torchrun) — nothing else changes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
from safetensors.torch import save_file

from medrepro.config import load_params, run_stage, section
from medrepro.data.ham10000 import CLASSES
from medrepro.errors import InputError, ParamsError
from medrepro.io import atomic_path, write_json
from medrepro.models.registry import get_architecture, resolve_cam_target
from medrepro.provenance import code_fingerprint
from medrepro.train.images import ImageTrainConfig, predictions_frame, train_image_model

PREPARED = Path("data/prepared/ham10000")


def load_config(params: dict, arch: str) -> ImageTrainConfig:
    if arch not in section(params, "architectures"):
        raise ParamsError(f"params.yaml: {arch!r} is not in 'architectures' {section(params, 'architectures')}")
    section(params, "train")
    return ImageTrainConfig.from_params(params, arch)


def main() -> None:
    if len(sys.argv) != 2:
        raise ParamsError("usage: python stages/train.py <architecture>")
    arch = sys.argv[1]
    params = load_params()
    cfg = load_config(params, arch)
    cam = resolve_cam_target(arch, len(CLASSES), cfg.image_size, cfg.model_kwargs, cfg.gradcam_layer,
                             cfg.gradcam_reshape)
    cache_info = PREPARED / "cache.json"
    if not cache_info.is_file():
        raise InputError(f"{cache_info}: not found; run the prepare_images stage first (dvc repro prepare_images)")
    cache = json.loads(cache_info.read_text())
    data_fingerprint = cache["fingerprint"]
    splits = pd.read_csv(PREPARED / "splits.csv", dtype=str, keep_default_na=False)

    out = train_image_model(cfg, PREPARED, Path("checkpoints") / arch, data_fingerprint,
                            tracker_dir=Path("dvclive") / arch, tracker_config={"arch": arch, **cfg.__dict__},
                            code=code_fingerprint(__file__))
    from accelerate import PartialState

    if not PartialState().is_main_process:
        return
    model_dir = Path("models") / arch
    with atomic_path(model_dir / "model.safetensors") as tmp:
        save_file({k: v.detach().cpu().contiguous() for k, v in out.model.state_dict().items()}, tmp)
    write_json(model_dir / "model.json", {
        "arch": arch, "timm_name": get_architecture(arch).timm_name, "classes": CLASSES,
        "image_size": cfg.image_size, "gradcam_layer": cam.layer, "gradcam_reshape": cam.reshape,
        "cache_size": cache["cache_size"],
        "mean": out.mean, "std": out.std, "model_kwargs": cfg.model_kwargs, "num_parameters": out.num_parameters,
        **out.provenance,
    })
    with atomic_path(model_dir / "predictions") as tmp:
        tmp.mkdir()
        for split, (logits, labels) in out.predictions.items():
            rows = splits[splits["split"] == split].sort_values("image_id")
            predictions_frame(rows, logits, labels).to_csv(tmp / f"{split}.csv", index=False)
    best = out.result.history[out.result.best_epoch - 1]
    write_json(Path("metrics") / arch / "train.json", {
        "best_epoch": out.result.best_epoch, "epochs_run": len(out.result.history),
        "val_balanced_accuracy": best["val_balanced_accuracy"], "val_accuracy": best["val_accuracy"],
        "val_loss": best["val_loss"], "num_parameters": out.num_parameters,
    })
    write_json(Path("metrics") / arch / "timing.json", {
        "train_time_s": out.result.train_time_s, "train_images_per_s": out.result.samples_per_s,
        "resumed_from_epoch": out.result.resumed_from_epoch, "num_processes": PartialState().num_processes,
    })


if __name__ == "__main__":
    run_stage(main)
