"""Operating points for one positive class vs the rest (e.g. melanoma), with lesion-clustered bootstrap CIs.

A case is predicted positive iff score >= threshold, the same convention as sklearn.metrics.roc_curve,
and thresholds are chosen among the observed scores so every choice is a point on the ROC curve.
Thresholds must be chosen on validation data and reported on test data; these functions only see arrays.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score, roc_curve

from medrepro.errors import InputError
from medrepro.evaluate.resampling import (
    binary_rates,
    cluster_weights,
    lesion_codes,
    percentile_ci,
    thresholds_for_sensitivity,
    thresholds_for_specificity,
    weighted_auc,
)


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


def _codes(lesions, n: int) -> np.ndarray:
    codes = lesion_codes(lesions)
    if len(codes) != n:
        raise ValueError(f"expected one lesion id per case ({n}), got {len(codes)}")
    return codes


def _intervals(dist: dict[str, np.ndarray], confidence: float) -> dict[str, dict]:
    return {name: percentile_ci(values, confidence) for name, values in dist.items()}


def bootstrap_ci(
    scores: np.ndarray,
    y: np.ndarray,
    threshold: float,
    lesions,
    n_resamples: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> dict[str, dict]:
    """Lesion-clustered percentile bootstrap CIs at a FIXED threshold: {metric: {low, high, degenerate}}.

    The threshold's own uncertainty is left out; operating_point_ci puts it in.
    """
    s, pos = _check(scores, y)
    _check_target(confidence, "confidence")
    weights = cluster_weights(_codes(lesions, len(s)), n_resamples, np.random.default_rng(seed))
    return _intervals(binary_rates(s >= threshold, pos, weights), confidence)


def operating_point_ci(
    val_scores: np.ndarray,
    val_y: np.ndarray,
    val_lesions,
    test_scores: np.ndarray,
    test_y: np.ndarray,
    test_lesions,
    *,
    target_specificity: float | None = None,
    target_sensitivity: float | None = None,
    n_resamples: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> dict[str, dict]:
    """CIs that include the threshold's uncertainty: each replicate resamples validation lesions and test
    lesions, re-chooses the threshold on the validation replicate (same rule as the point estimate) and
    scores the test replicate at it. Returns {metric: {low, high, degenerate}} plus 'threshold'.
    """
    if (target_specificity is None) == (target_sensitivity is None):
        raise ValueError("give exactly one of target_specificity and target_sensitivity")
    vs, vpos = _check(val_scores, val_y)
    ts, tpos = _check(test_scores, test_y)
    _check_target(confidence, "confidence")
    rng = np.random.default_rng(seed)
    val_w = cluster_weights(_codes(val_lesions, len(vs)), n_resamples, rng)
    test_w = cluster_weights(_codes(test_lesions, len(ts)), n_resamples, rng)
    if target_specificity is not None:
        _check_target(target_specificity, "target specificity")
        thresholds = thresholds_for_specificity(vs, vpos, val_w, target_specificity)
    else:
        _check_target(target_sensitivity, "target sensitivity")
        thresholds = thresholds_for_sensitivity(vs, vpos, val_w, target_sensitivity)
    with np.errstate(invalid="ignore"):
        pred = ts[None, :] >= thresholds[:, None]
    rates = binary_rates(pred, tpos, test_w)
    undefined = ~np.isfinite(thresholds)
    dist = {name: np.where(undefined, np.nan, values) for name, values in rates.items()}
    dist["threshold"] = thresholds
    return _intervals(dist, confidence)


def auc_ci(scores: np.ndarray, y: np.ndarray, lesions, n_resamples: int = 1000, seed: int = 0,
           confidence: float = 0.95) -> dict:
    """Lesion-clustered percentile bootstrap CI of the ROC AUC: {low, high, degenerate}."""
    s, pos = _check(scores, y)
    weights = cluster_weights(_codes(lesions, len(s)), n_resamples, np.random.default_rng(seed))
    return percentile_ci(weighted_auc(s, pos, weights), confidence)


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
        return float("nan")
    return float(roc_auc_score(pos, s))
