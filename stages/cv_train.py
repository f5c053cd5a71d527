"""Stage cv_train@<arch>-<fold>: train one architecture on one cross-validation fold of train+val.

Run by DVC as `python stages/cv_train.py <arch> <fold>` (or through `accelerate launch`, as train).
The held-out fold is scored like the test split in the main pipeline: temperature and melanoma
threshold are chosen on the fold's inner validation set. The sealed test split is never read.
"""

from __future__ import annotations

import hashlib
import json
import sys

import pandas as pd

from medrepro.config import from_dict, load_params, run_stage, section
from medrepro.data.cv import CVConfig, assign_folds, development_pool, fold_roles
from medrepro.data.ham10000 import CLASSES
from medrepro.errors import InputError, ParamsError
from medrepro.evaluate.cv import fold_metrics
from medrepro.io import atomic_path, write_json
from medrepro.layout import PREPARED_IMAGES as PREPARED
from medrepro.layout import checkpoint_dir, cv_fold_json, images, stage_dir
from medrepro.provenance import code_fingerprint
from medrepro.train.images import ImageTrainConfig, SelectedImages, predictions_frame, train_image_model


def run_name(arch: str, fold: int) -> str:
    return f"{arch}-fold{fold}"


def main() -> None:
    if len(sys.argv) != 3 or not sys.argv[2].isdigit():
        raise ParamsError("usage: python stages/cv_train.py <architecture> <fold>")
    arch, fold = sys.argv[1], int(sys.argv[2])
    params = load_params()
    cv = from_dict(CVConfig, section(params, "cv"), "cv")
    cv.validate()
    if arch not in cv.architectures or fold not in cv.fold_ids:
        raise ParamsError(f"params.yaml: {arch} fold {fold} is not in cv.architectures={cv.architectures} × "
                          f"cv.fold_ids={cv.fold_ids}")
    config = images(arch).train_config  # the same resolved settings as train@<arch>
    if not config.is_file():
        raise ParamsError(f"params.yaml: cross-validating {arch!r} needs its train settings, resolved by "
                          f"train_config@{arch}: list {arch!r} in 'architectures' too ({config} not found)")
    cfg = ImageTrainConfig.from_resolved(json.loads(config.read_text(encoding="utf-8")), str(config))
    positive = section(params, "threshold.positive_class")
    target = float(section(params, "threshold.target_specificity"))
    n_bins = int(section(params, "calibrate.n_bins"))

    cache_info = PREPARED / "cache.json"
    if not cache_info.is_file():
        raise InputError(f"{cache_info}: not found; run the prepare_images stage first (dvc repro prepare_images)")
    splits = pd.read_csv(PREPARED / "splits.csv", dtype=str, keep_default_na=False)
    pool = development_pool(splits)
    fold_of = assign_folds(pool, cv.folds, cv.seed)
    pool["role"] = fold_roles(pool, fold_of, fold, cv.val_fraction, cv.seed)
    parts = {role: pool[pool["role"] == role].reset_index(drop=True) for role in ("train", "val", "test")}
    datasets = {role: SelectedImages(PREPARED, part) for role, part in parts.items()}
    assignment = hashlib.sha256(pool[["image_id", "role"]].to_csv(index=False).encode()).hexdigest()
    data_fingerprint = f"{json.loads(cache_info.read_text())['fingerprint']}:cv{cv.folds}:{fold}:{assignment}"

    name = run_name(arch, fold)
    out = train_image_model(cfg, PREPARED, checkpoint_dir("cv_train", name), data_fingerprint,
                            tracker_dir=stage_dir("cv_train", name) / "dvclive", datasets=datasets, run_name=name,
                            tracker_config={"arch": arch, "fold": fold, "folds": cv.folds, **cfg.__dict__},
                            code=code_fingerprint(__file__))
    from accelerate import PartialState

    if not PartialState().is_main_process:
        return
    (val_logits, val_labels), (test_logits, test_labels) = out.predictions["val"], out.predictions["test"]
    with atomic_path(stage_dir("cv_train", name) / "predictions") as tmp:
        tmp.mkdir()
        for role in ("val", "test"):
            logits, labels = out.predictions[role]
            predictions_frame(parts[role], logits, labels).to_csv(tmp / f"{role}.csv", index=False)
    best = out.result.history[out.result.best_epoch - 1]
    held_out = fold_metrics(val_logits, val_labels, test_logits, test_labels, CLASSES, positive_class=positive,
                            target_specificity=target, n_bins=n_bins)
    write_json(cv_fold_json(arch, fold), {
        "arch": arch, "fold": fold, "folds": cv.folds,
        "n_train": len(parts["train"]), "n_val": len(parts["val"]), "n_test": len(parts["test"]),
        "n_test_lesions": int(parts["test"]["lesion_id"].nunique()),
        "best_epoch": out.result.best_epoch, "epochs_run": len(out.result.history),
        "val_balanced_accuracy": best["val_balanced_accuracy"], "train_time_s": out.result.train_time_s,
        "training_caps": out.result.caps,
        "held_out": held_out,
    })
    print(f"{name}: held-out balanced accuracy {held_out['balanced_accuracy']:.3f} on {len(parts['test'])} images")


if __name__ == "__main__":
    run_stage(main)
