"""Cross-validation metrics: the headline numbers on each held-out fold, then mean ± std over folds."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from medrepro.evaluate.calibration import calibration_report, softmax
from medrepro.evaluate.metrics import classification_metrics
from medrepro.evaluate.thresholds import binary_metrics, threshold_for_specificity


def summary_keys(positive_class: str) -> tuple[str, ...]:
    """The fold metrics summarised over folds, named as everywhere else (docs/metrics.md)."""
    return ("balanced_accuracy", "accuracy", "macro_f1", f"auc_{positive_class}", "ece_before", "ece_after",
            "at_specificity.sensitivity", "at_specificity.specificity")


def fold_metrics(val_logits: np.ndarray, val_labels: np.ndarray, test_logits: np.ndarray, test_labels: np.ndarray,
                 classes: Sequence[str], *, positive_class: str, target_specificity: float,
                 n_bins: int) -> dict:
    """What the main pipeline reports on test, computed on one held-out fold.

    As in calibrate/threshold, the temperature and the operating threshold are chosen on the
    fold's inner validation set and only applied to the held-out fold.
    """
    calibration = calibration_report(val_logits, val_labels, test_logits, test_labels, n_bins)
    temperature = calibration["temperature"]
    probs = softmax(test_logits, temperature)
    out = classification_metrics(probs, test_labels, classes)
    out.update({"temperature": temperature, "temperature_at_bound": calibration["temperature_at_bound"],
                "ece_before": calibration["ece_before"], "ece_after": calibration["ece_after"]})
    k = list(classes).index(positive_class)
    val_scores = softmax(val_logits, temperature)[:, k]
    point = {"target": target_specificity, "threshold": None, "sensitivity": None, "specificity": None}
    if 0 < (val_labels == k).sum() and (val_labels != k).sum() and (test_labels == k).sum():
        threshold = threshold_for_specificity(val_scores, val_labels == k, target_specificity)
        at = binary_metrics(probs[:, k], test_labels == k, threshold)
        point.update({"threshold": threshold, "sensitivity": at["sensitivity"], "specificity": at["specificity"]})
    out["at_specificity"] = point
    return out


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _get(metrics: Mapping, dotted: str) -> object:
    node: object = metrics
    for part in dotted.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def summarise_folds(per_fold: Mapping[int, Mapping], keys: Sequence[str]) -> dict:
    """mean, sample std (ddof=1), min, max and n over the folds where a metric (a dotted path into the
    fold's nested metrics, e.g. at_specificity.sensitivity) is defined."""
    summary: dict = {}
    for key in keys:
        values = [float(v) for m in per_fold.values() if _finite(v := _get(m, key))]
        if not values:
            summary[key] = {"n": 0, "mean": None, "std": None, "min": None, "max": None}
            continue
        arr = np.asarray(values)
        summary[key] = {"n": len(values), "mean": float(arr.mean()),
                        "std": float(arr.std(ddof=1)) if len(arr) > 1 else None,
                        "min": float(arr.min()), "max": float(arr.max())}
    return summary
