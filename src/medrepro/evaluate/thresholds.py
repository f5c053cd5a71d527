"""Operating points for one positive class vs the rest (e.g. melanoma), with bootstrap confidence intervals.

A case is predicted positive iff score >= threshold, the same convention as sklearn.metrics.roc_curve,
and thresholds are chosen among the observed scores so every choice is a point on the ROC curve.
Thresholds must be chosen on validation data and reported on test data; these functions only see arrays.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.metrics import roc_auc_score, roc_curve

from medrepro.errors import InputError

CI_METRICS = ("sensitivity", "specificity", "ppv", "npv", "f1")


def _check(scores: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(scores, dtype=np.float64)
    t = np.asarray(y)
    if s.ndim != 1 or t.shape != s.shape:
        raise ValueError(f"expected 1-D scores and labels of equal length, got {s.shape} and {t.shape}")
    if not np.all(np.isfinite(s)):
        raise ValueError("scores must be finite")
    if not np.isin(t, (0, 1)).all():
        raise ValueError("labels must be 0 (negative) or 1 (positive)")
    return s, t.astype(bool)


def _check_target(target: float, name: str) -> None:
    if not 0.0 < target < 1.0:
        raise ValueError(f"{name} must lie strictly between 0 and 1, got {target}")


def threshold_for_specificity(scores: np.ndarray, y: np.ndarray, target: float) -> float:
    """Smallest observed score t with specificity(t) >= target on this data (most sensitive such point).

    If even the largest score leaves too many negatives above it, the threshold is the next float
    above the maximum score (nothing predicted positive, specificity 1).
    """
    s, pos = _check(scores, y)
    _check_target(target, "target specificity")
    neg = np.sort(s[~pos])
    if len(neg) == 0:
        raise InputError("cannot choose a specificity threshold: the data contain no negative cases")
    candidates = np.unique(s)
    specificity = np.searchsorted(neg, candidates, side="left") / len(neg)
    ok = np.flatnonzero(specificity >= target)
    if len(ok) == 0:
        return float(np.nextafter(candidates[-1], np.inf))
    return float(candidates[ok[0]])


def threshold_for_sensitivity(scores: np.ndarray, y: np.ndarray, target: float) -> float:
    """Largest observed score t with sensitivity(t) >= target on this data (most specific such point)."""
    s, pos = _check(scores, y)
    _check_target(target, "target sensitivity")
    positives = np.sort(s[pos])
    if len(positives) == 0:
        raise InputError("cannot choose a sensitivity threshold: the data contain no positive cases")
    candidates = np.unique(s)
    sensitivity = (len(positives) - np.searchsorted(positives, candidates, side="left")) / len(positives)
    ok = np.flatnonzero(sensitivity >= target)
    return float(candidates[ok[-1]])


def _ratio(num, den):
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def _rates(pred: np.ndarray, pos: np.ndarray, axis: int = -1) -> dict[str, np.ndarray]:
    tp = np.sum(pred & pos, axis=axis)
    fp = np.sum(pred & ~pos, axis=axis)
    fn = np.sum(~pred & pos, axis=axis)
    tn = np.sum(~pred & ~pos, axis=axis)
    return {
        "sensitivity": _ratio(tp, tp + fn),
        "specificity": _ratio(tn, tn + fp),
        "ppv": _ratio(tp, tp + fp),
        "npv": _ratio(tn, tn + fn),
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "tp": tp,
        "fp": fp,
        "tn": tn,
        "fn": fn,
    }


def binary_metrics(scores: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, float | int]:
    """Sensitivity, specificity, PPV, NPV, F1 and the confusion counts at a threshold (undefined -> nan)."""
    s, pos = _check(scores, y)
    out = _rates(s >= threshold, pos)
    return {k: (int(v) if k in ("tp", "fp", "tn", "fn") else float(v)) for k, v in out.items()}


def bootstrap_ci(
    scores: np.ndarray,
    y: np.ndarray,
    threshold: float,
    n_resamples: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> dict[str, dict[str, float]]:
    """Percentile bootstrap CIs at a fixed threshold, resampling (score, label) pairs together.

    A resample can leave a ratio undefined (e.g. no positives, so no sensitivity); such resamples are
    dropped for that metric only. If fewer than half the resamples define a metric its CI is nan, because
    the interval would describe a different population.
    """
    s, pos = _check(scores, y)
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be >= 1, got {n_resamples}")
    _check_target(confidence, "confidence")

    def statistic(s_b, pos_b, axis=-1):
        rates = _rates(s_b >= threshold, pos_b.astype(bool), axis=axis)
        return np.stack([rates[m] for m in CI_METRICS])

    batch = max(1, min(n_resamples, 4_000_000 // max(len(s), 1)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", stats.DegenerateDataWarning)
        res = stats.bootstrap(
            (s, pos.astype(np.int8)),
            statistic,
            n_resamples=n_resamples,
            batch=batch,
            vectorized=True,
            paired=True,
            confidence_level=confidence,
            method="percentile",
            rng=np.random.default_rng(seed),
        )
    dist = np.asarray(res.bootstrap_distribution).reshape(len(CI_METRICS), -1)
    alpha = (1.0 - confidence) / 2.0
    out = {}
    for name, values in zip(CI_METRICS, dist, strict=True):
        valid = values[np.isfinite(values)]
        if len(valid) * 2 < len(values):
            out[name] = {"low": math.nan, "high": math.nan}
            continue
        low, high = np.quantile(valid, [alpha, 1.0 - alpha])
        out[name] = {"low": float(low), "high": float(high)}
    return out


def roc_curve_points(scores: np.ndarray, y: np.ndarray) -> pd.DataFrame:
    """ROC curve as fpr, tpr, threshold rows (sklearn); the 'nothing positive' threshold is max score's
    next float instead of inf so the CSV stays numeric for plotting tools."""
    s, pos = _check(scores, y)
    fpr, tpr, thr = roc_curve(pos, s)
    thr = np.where(np.isfinite(thr), thr, np.nextafter(s.max(), np.inf))
    return pd.DataFrame({"fpr": fpr, "tpr": tpr, "threshold": thr})


def roc_auc(scores: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve; nan when only one class is present."""
    s, pos = _check(scores, y)
    if pos.all() or not pos.any():
        return math.nan
    return float(roc_auc_score(pos, s))
