"""Cross-validation metrics: the headline numbers on each held-out fold, then mean ± std over folds."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from medrepro.evaluate.calibration import calibration_report, softmax
from medrepro.evaluate.metrics import classification_metrics
from medrepro.evaluate.thresholds import binary_metrics, threshold_for_specificity

SUMMARY_KEYS = ("balanced_accuracy", "accuracy", "macro_f1", "mel_auc", "ece_before", "ece_after",
                "sensitivity_at_target_specificity", "specificity_at_target_specificity")


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
    out.update({"temperature": temperature, "ece_before": calibration["ece_before"],
                "ece_after": calibration["ece_after"]})
    k = list(classes).index(positive_class)
    val_scores = softmax(val_logits, temperature)[:, k]
    if 0 < (val_labels == k).sum() and (val_labels != k).sum() and (test_labels == k).sum():
        threshold = threshold_for_specificity(val_scores, val_labels == k, target_specificity)
        at = binary_metrics(probs[:, k], test_labels == k, threshold)
        out.update({"threshold": threshold, "sensitivity_at_target_specificity": at["sensitivity"],
                    "specificity_at_target_specificity": at["specificity"]})
    else:
        out.update({"threshold": None, "sensitivity_at_target_specificity": None,
                    "specificity_at_target_specificity": None})
    return out


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def summarise_folds(per_fold: Mapping[int, Mapping], keys: Sequence[str] = SUMMARY_KEYS) -> dict:
    """mean, sample std (ddof=1), min, max and n over the folds where a metric is defined."""
    summary: dict = {}
    for key in keys:
        values = [float(m[key]) for m in per_fold.values() if _finite(m.get(key))]
        if not values:
            summary[key] = {"n": 0, "mean": None, "std": None, "min": None, "max": None}
            continue
        arr = np.asarray(values)
        summary[key] = {"n": len(values), "mean": float(arr.mean()),
                        "std": float(arr.std(ddof=1)) if len(arr) > 1 else None,
                        "min": float(arr.min()), "max": float(arr.max())}
    return summary
