"""Collect every architecture's evaluation outputs into one comparison, and read them back for the report.

The comparison recomputes the multiclass metrics from the calibrated test probabilities (so accuracy,
balanced accuracy, macro F1 and AUCs all describe the probabilities the thesis reports), adds
lesion-clustered percentile bootstrap CIs for the three threshold-free summary metrics, and copies
calibration, operating-point (with their CIs), size and speed numbers and the reader-facing flags
(degenerate CIs, temperature at a search bound) from the earlier stages' files under the same names.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from medrepro.errors import InputError
from medrepro.evaluate.calibration import softmax
from medrepro.evaluate.metrics import classification_metrics
from medrepro.evaluate.predictions import load_classes, load_temperature, read_predictions
from medrepro.evaluate.resampling import cluster_weights, lesion_codes, multiclass_rates, percentile_ci
from medrepro.io import read_json

OPERATING_POINTS = ("at_specificity", "at_sensitivity")
CI_METRICS = ("accuracy", "balanced_accuracy", "macro_f1")
CALIBRATION_KEYS = ("ece", "mce", "nll", "brier")
HISTORY_METRICS = ("train_loss", "val_loss", "val_balanced_accuracy")


def bootstrap_classification_ci(labels: np.ndarray, preds: np.ndarray, num_classes: int, lesions, *,
                                n_resamples: int = 1000, seed: int = 0,
                                confidence: float = 0.95) -> dict[str, dict]:
    """Lesion-clustered percentile bootstrap CIs for accuracy, balanced accuracy and macro F1 of fixed
    predictions: {metric: {low, high, degenerate}}."""
    y = np.asarray(labels, dtype=np.int64)
    p = np.asarray(preds, dtype=np.int64)
    if y.shape != p.shape or y.ndim != 1 or len(y) == 0:
        raise ValueError(f"expected equal-length 1-D labels and predictions, got {y.shape} and {p.shape}")
    codes = lesion_codes(lesions)
    if len(codes) != len(y):
        raise ValueError(f"expected one lesion id per case ({len(y)}), got {len(codes)}")
    weights = cluster_weights(codes, n_resamples, np.random.default_rng(seed))
    rates = multiclass_rates(y, p, num_classes, weights)
    return {name: percentile_ci(rates[name], confidence) for name in CI_METRICS}


def architecture_summary(arch: str, *, model_json: str | os.PathLike, temperature_json: str | os.PathLike,
                         test_predictions: str | os.PathLike, calibration_json: str | os.PathLike,
                         threshold_json: str | os.PathLike, train_json: str | os.PathLike,
                         timing_json: str | os.PathLike, n_resamples: int = 1000, seed: int = 0,
                         confidence: float = 0.95) -> dict[str, Any]:
    """One architecture's comparison entry, from the files its train, calibrate and threshold stages wrote."""
    classes = load_classes(model_json)
    temperature = load_temperature(temperature_json)
    test_csv = Path(test_predictions)
    threshold_json = Path(threshold_json)
    ids, logits, labels = read_predictions(test_csv, classes)
    lesions = lesion_codes(ids["lesion_id"], str(test_csv))
    probs = softmax(logits, temperature)
    preds = probs.argmax(axis=1)

    cal_keys = [f"{k}_{w}" for k in CALIBRATION_KEYS for w in ("before", "after")]
    calibration = read_json(calibration_json, f"calibrate@{arch}",
                            ("temperature", "temperature_at_bound", *cal_keys))
    threshold = read_json(threshold_json, f"threshold@{arch}",
                          ("temperature", "n_test", "positive_class", "flags.degenerate_ci"))
    positive = threshold["positive_class"]
    auc = f"auc_{positive}"
    missing = [k for k in (auc, f"{auc}_ci_low", f"{auc}_ci_high") if k not in threshold]
    if positive not in classes or missing:
        raise InputError(f"{threshold_json}: no {missing or positive!r} for the model's classes "
                         f"{classes}; rerun the threshold stage")
    train = read_json(train_json, f"train@{arch}",
                      ("best_epoch", "epochs_run", "num_parameters"))
    timing = read_json(timing_json, f"train@{arch}", ("train_time_s", "train_images_per_s"))
    for path, data in ((calibration_json, calibration), (threshold_json, threshold)):
        if not math.isclose(float(data["temperature"]), temperature, rel_tol=1e-9, abs_tol=1e-12):
            raise InputError(f"{path}: temperature {data['temperature']} differs from "
                             f"{temperature_json} ({temperature}); rerun calibrate/threshold")
    if int(threshold["n_test"]) != len(labels):
        raise InputError(f"{threshold_json}: n_test {threshold['n_test']} but {test_csv} has "
                         f"{len(labels)} rows; rerun the threshold stage")

    entry: dict[str, Any] = dict(classification_metrics(probs, labels, classes))
    cis = bootstrap_classification_ci(labels, preds, len(classes), lesions, n_resamples=n_resamples, seed=seed,
                                      confidence=confidence)
    degenerate = [name for name, ci in cis.items() if ci["degenerate"]]
    for name, ci in cis.items():
        entry[f"{name}_ci_low"] = ci["low"]
        entry[f"{name}_ci_high"] = ci["high"]
    entry[f"{auc}_ci_low"], entry[f"{auc}_ci_high"] = threshold[f"{auc}_ci_low"], threshold[f"{auc}_ci_high"]
    entry["temperature"] = temperature
    for key in CALIBRATION_KEYS:
        for when in ("before", "after"):
            entry[f"{key}_{when}"] = calibration[f"{key}_{when}"]
    for prefix in OPERATING_POINTS:
        point = {k[len(prefix) + 1:]: v for k, v in threshold.items() if k.startswith(prefix + ".")}
        if "sensitivity" not in point or "specificity" not in point:
            raise InputError(f"{threshold_json}: no '{prefix}.*' operating point; "
                             "rerun the threshold stage")
        entry[prefix] = point
    entry.update({k: train[k] for k in ("best_epoch", "epochs_run", "num_parameters")})
    entry.update({k: timing[k] for k in ("train_time_s", "train_images_per_s")})
    entry["n_test"] = len(labels)
    entry["n_test_lesions"] = int(lesions.max()) + 1
    entry["flags"] = {"degenerate_ci": degenerate + list(threshold["flags.degenerate_ci"]),
                      "temperature_at_bound": bool(calibration["temperature_at_bound"])}
    return entry


def read_curve_csv(path: str | os.PathLike, columns: tuple[str, ...], stage: str) -> pd.DataFrame:
    """A plot CSV written by an earlier stage, checked for the columns the figure needs."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: not found; run the {stage} stage first")
    try:
        frame = pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a readable CSV ({exc.__class__.__name__}); rerun {stage}") from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {missing}; rerun the {stage} stage")
    return frame


def read_history(dvclive_dir: str | os.PathLike, metrics: tuple[str, ...] = HISTORY_METRICS) -> pd.DataFrame:
    """Per-epoch training history from DVCLive's plots/metrics/<name>.tsv files, one row per step;
    the `epoch` column comes from epoch.tsv when DVCLive logged it, else equals the step."""
    folder = Path(dvclive_dir) / "plots" / "metrics"
    frame: pd.DataFrame | None = None
    for name in ("epoch", *metrics):
        path = folder / f"{name}.tsv"
        if not path.is_file():
            if name == "epoch":
                continue
            raise InputError(f"{path}: training history not found; run the train stage (with dvclive) first")
        part = pd.read_csv(path, sep="\t")
        if list(part.columns) != ["step", name]:
            raise InputError(f"{path}: expected columns ['step', '{name}'], got {list(part.columns)}")
        frame = part if frame is None else frame.merge(part, on="step", how="outer")
    if frame is None:
        raise ValueError("no history metrics requested")
    if "epoch" not in frame.columns:
        frame["epoch"] = frame["step"]
    return frame.sort_values("step").reset_index(drop=True)
