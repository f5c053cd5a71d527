"""Stage train@<arch>: train one architecture on the prepared cache with Accelerate.

Run by DVC as `python stages/train.py <arch>`; launch it with several processes through
`accelerate launch stages/train.py <arch>` (or torchrun) — nothing else changes.
"""

from __future__ import annotations

import json
import sys

import pandas as pd
from safetensors.torch import save_file

from medrepro.config import run_stage
from medrepro.data.ham10000 import CLASSES
from medrepro.errors import InputError
from medrepro.io import atomic_path, write_json
from medrepro.layout import PREPARED_IMAGES as PREPARED
from medrepro.layout import checkpoint_dir, images, item_arg
from medrepro.models.registry import get_architecture, resolve_cam_target
from medrepro.provenance import code_fingerprint
from medrepro.train.images import ImageTrainConfig, predictions_frame, train_image_model


def load_config(arch: str) -> ImageTrainConfig:
    """The settings train_config@<arch> resolved from params.yaml (train + train_arch.<arch>)."""
    path = images(arch).train_config
    if not path.is_file():
        raise InputError(f"{path}: not found; run the train_config stage first (dvc repro train_config@{arch})")
    cfg = ImageTrainConfig.from_resolved(json.loads(path.read_text(encoding="utf-8")), str(path))
    if cfg.arch != arch:
        raise InputError(f"{path}: holds the settings of {cfg.arch!r}, not {arch!r}; rerun train_config@{arch}")
    return cfg


def main() -> None:
    arch = item_arg(sys.argv, "train")
    out_files = images(arch)
    cfg = load_config(arch)
    cam = resolve_cam_target(arch, len(CLASSES), cfg.image_size, cfg.model_kwargs, cfg.gradcam_layer,
                             cfg.gradcam_reshape)
    cache_info = PREPARED / "cache.json"
    if not cache_info.is_file():
        raise InputError(f"{cache_info}: not found; run the prepare_images stage first (dvc repro prepare_images)")
    cache = json.loads(cache_info.read_text())
    data_fingerprint = cache["fingerprint"]
    splits = pd.read_csv(PREPARED / "splits.csv", dtype=str, keep_default_na=False)

    out = train_image_model(cfg, PREPARED, checkpoint_dir("train", arch), data_fingerprint,
                            tracker_dir=out_files.dvclive, tracker_config={"arch": arch, **cfg.__dict__},
                            code=code_fingerprint(__file__))
    from accelerate import PartialState

    if not PartialState().is_main_process:
        return
    with atomic_path(out_files.weights) as tmp:
        save_file({k: v.detach().cpu().contiguous() for k, v in out.model.state_dict().items()}, tmp)
    write_json(out_files.model_json, {
        "arch": arch, "timm_name": get_architecture(arch).timm_name, "classes": CLASSES,
        "image_size": cfg.image_size, "gradcam_layer": cam.layer, "gradcam_reshape": cam.reshape,
        "cache_size": cache["cache_size"],
        "mean": out.mean, "std": out.std, "model_kwargs": cfg.model_kwargs, "num_parameters": out.num_parameters,
        **out.provenance,
    })
    with atomic_path(out_files.predictions) as tmp:
        tmp.mkdir()
        for split, (logits, labels) in out.predictions.items():
            rows = splits[splits["split"] == split].sort_values("image_id")
            predictions_frame(rows, logits, labels).to_csv(tmp / f"{split}.csv", index=False)
    best = out.result.history[out.result.best_epoch - 1]
    write_json(out_files.train_json, {
        "best_epoch": out.result.best_epoch, "epochs_run": len(out.result.history),
        "val_balanced_accuracy": best["val_balanced_accuracy"], "val_accuracy": best["val_accuracy"],
        "val_loss": best["val_loss"], "num_parameters": out.num_parameters,
    })
    write_json(out_files.timing_json, {
        "train_time_s": out.result.train_time_s, "train_images_per_s": out.result.samples_per_s,
        "resumed_from_epoch": out.result.resumed_from_epoch, "num_processes": PartialState().num_processes,
    })


if __name__ == "__main__":
    run_stage(main)
