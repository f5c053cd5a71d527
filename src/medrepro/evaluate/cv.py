"""Cross-validation metrics: the headline numbers on each held-out fold, then mean ± std over folds
with a corrected resampled t interval for the mean (Nadeau & Bengio 2003).

The k held-out folds are scored by k models whose training sets overlap, so fold scores are positively
correlated and the naive t interval, s * t / sqrt(k), is too narrow. Nadeau & Bengio replace the 1/k in
the variance of the mean by 1/k + n_test/n_train (their corrected resampled t; Bouckaert & Frank 2004
found its type I error near nominal for learners compared by cross-validation, the naive test's far above).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import stats

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


def corrected_t_interval(values: Sequence[float], test_train_ratio: float, confidence: float,
                         bounds: tuple[float, float] | None = None) -> tuple[float, float] | None:
    """Nadeau & Bengio's (2003) corrected resampled t interval for the mean of per-fold scores.

    mean ± t_{J-1, (1+confidence)/2} * sqrt((1/J + n_test/n_train) * s^2), s^2 the sample variance (ddof 1)
    over the J folds. None with fewer than two folds. `bounds` clips to the metric's range (a proportion
    cannot exceed 1); clipping never moves the mean out of the interval.
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence}")
    if not test_train_ratio > 0:
        raise ValueError(f"test_train_ratio must be positive, got {test_train_ratio}")
    arr = np.asarray(values, dtype=np.float64)
    if len(arr) < 2:
        return None
    half = stats.t.ppf(0.5 + confidence / 2.0, df=len(arr) - 1) * math.sqrt(
        (1.0 / len(arr) + test_train_ratio) * arr.var(ddof=1))
    low, high = float(arr.mean() - half), float(arr.mean() + half)
    if bounds is not None:
        low, high = max(low, bounds[0]), min(high, bounds[1])
    return low, high


def summarise_folds(per_fold: Mapping[int, Mapping], keys: Sequence[str],
                    sizes: Mapping[int, tuple[int, int]] | None = None, confidence: float = 0.95) -> dict:
    """mean, sample std (ddof=1), min, max and n over the folds where a metric (a dotted path into the
    fold's nested metrics, e.g. at_specificity.sensitivity) is defined, and with `sizes` (fold ->
    (n_test, n_train)) the corrected resampled t interval of the mean as mean_ci_low/mean_ci_high, using
    the mean n_test/n_train of those folds. Every summarised metric lies in [0, 1], so the interval is
    clipped there."""
    summary: dict = {}
    for key in keys:
        defined = {f: float(v) for f, m in per_fold.items() if _finite(v := _get(m, key))}
        values = list(defined.values())
        if not values:
            summary[key] = {"n": 0, "mean": None, "std": None, "min": None, "max": None}
            if sizes is not None:
                summary[key].update({"mean_ci_low": None, "mean_ci_high": None})
            continue
        arr = np.asarray(values)
        summary[key] = {"n": len(values), "mean": float(arr.mean()),
                        "std": float(arr.std(ddof=1)) if len(arr) > 1 else None,
                        "min": float(arr.min()), "max": float(arr.max())}
        if sizes is not None:
            ratio = float(np.mean([sizes[f][0] / sizes[f][1] for f in defined]))
            ci = corrected_t_interval(values, ratio, confidence, bounds=(0.0, 1.0))
            summary[key].update({"mean_ci_low": ci[0] if ci else None, "mean_ci_high": ci[1] if ci else None})
    return summary
