"""Lesion-clustered bootstrap: resample lesions with all their images, as weights on the images.

HAM10000 has several images of many lesions, and images of one lesion are not independent. A
replicate draws lesions with replacement; an image's weight is how often its lesion was drawn. Every
statistic here is a weighted sum over images, so one weight matrix (replicates x images) gives all
replicates in a few matrix products, and duplicating an image within its lesion changes nothing
(numerator and denominator scale together; the lesion draws are the same).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from medrepro.errors import InputError


def lesion_codes(lesion_ids: Sequence[str] | np.ndarray | pd.Series, where: str = "predictions") -> np.ndarray:
    """Integer codes 0..L-1 per image, one per lesion (in order of first appearance)."""
    ids = pd.Series(np.asarray(lesion_ids, dtype=object))
    text = ids.where(ids.notna(), "").astype(str).str.strip()
    empty = text == ""
    if empty.any():
        row = int(np.flatnonzero(empty.to_numpy())[0])
        raise InputError(f"{where}: row {row + 2}: empty lesion_id; rerun the train stage so every image "
                         "names its lesion")
    codes, _ = pd.factorize(text, sort=False)
    return codes.astype(np.int64)


def cluster_weights(codes: np.ndarray, n_resamples: int, rng: np.random.Generator) -> np.ndarray:
    """(n_resamples, n_images) weights: how often each image's lesion was drawn in a replicate."""
    codes = np.asarray(codes, dtype=np.int64)
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be >= 1, got {n_resamples}")
    if codes.ndim != 1 or len(codes) == 0:
        raise ValueError("need at least one image")
    n_lesions = int(codes.max()) + 1
    draws = rng.integers(0, n_lesions, size=(n_resamples, n_lesions))
    flat = (np.arange(n_resamples)[:, None] * n_lesions + draws).ravel()
    counts = np.bincount(flat, minlength=n_resamples * n_lesions).reshape(n_resamples, n_lesions)
    return counts[:, codes].astype(np.float64)


def percentile_ci(values: np.ndarray, confidence: float) -> dict[str, float | bool]:
    """Percentile interval over the replicates that define the statistic, and whether it is degenerate.

    A replicate can leave a ratio undefined (no positive lesion drawn, so no sensitivity); such replicates
    are dropped. With fewer than half defined the interval is nan: it would describe another population.
    `degenerate` marks an interval of zero width (every defined replicate gives the same value).
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence}")
    v = np.asarray(values, dtype=np.float64).ravel()
    valid = v[np.isfinite(v)]
    if len(valid) == 0 or len(valid) * 2 < len(v):
        return {"low": math.nan, "high": math.nan, "degenerate": False}
    alpha = (1.0 - confidence) / 2.0
    low, high = np.quantile(valid, [alpha, 1.0 - alpha])
    return {"low": float(low), "high": float(high), "degenerate": bool(valid.max() == valid.min() or low == high)}


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num, den = np.asarray(num, dtype=np.float64), np.asarray(den, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def binary_rates(pred: np.ndarray, positive: np.ndarray, weights: np.ndarray) -> dict[str, np.ndarray]:
    """Weighted sensitivity, specificity, PPV, NPV, F1 per replicate.

    pred: (n,) or (B, n) bool (a per-replicate threshold gives (B, n)); positive (n,); weights (B, n) or (n,).
    """
    pred = np.asarray(pred, dtype=bool)
    pos = np.asarray(positive, dtype=bool)
    w = np.asarray(weights, dtype=np.float64)
    tp = (w * (pred & pos)).sum(-1)
    fp = (w * (pred & ~pos)).sum(-1)
    fn = (w * (~pred & pos)).sum(-1)
    tn = (w * (~pred & ~pos)).sum(-1)
    return {"sensitivity": _ratio(tp, tp + fn), "specificity": _ratio(tn, tn + fp), "ppv": _ratio(tp, tp + fp),
            "npv": _ratio(tn, tn + fn), "f1": _ratio(2 * tp, 2 * tp + fp + fn)}


def confusion_counts(labels: np.ndarray, preds: np.ndarray, k: int, weights: np.ndarray) -> np.ndarray:
    """Weighted confusion matrices (..., k, k), rows true class, from weights (..., n)."""
    y, p = np.asarray(labels, dtype=np.int64), np.asarray(preds, dtype=np.int64)
    cell = np.zeros((len(y), k * k))
    cell[np.arange(len(y)), y * k + p] = 1.0
    return (np.asarray(weights, dtype=np.float64) @ cell).reshape(*np.shape(weights)[:-1], k, k)


def multiclass_rates(labels: np.ndarray, preds: np.ndarray, k: int, weights: np.ndarray) -> dict[str, np.ndarray]:
    """Weighted accuracy, balanced accuracy (mean recall over classes present) and macro F1 (all k classes,
    0 where a class is neither true nor predicted), as sklearn defines them."""
    cm = confusion_counts(labels, preds, k, weights)
    tp = np.diagonal(cm, axis1=-2, axis2=-1)
    n_true, n_pred = cm.sum(-1), cm.sum(-2)
    total = n_true.sum(-1)
    present = n_true > 0
    recall = np.where(present, tp / np.where(present, n_true, 1.0), 0.0)
    denom = n_true + n_pred
    f1 = np.where(denom > 0, 2 * tp / np.where(denom > 0, denom, 1.0), 0.0)
    return {"accuracy": _ratio(tp.sum(-1), total),
            "balanced_accuracy": _ratio(recall.sum(-1), present.sum(-1)),
            "macro_f1": np.where(total > 0, f1.mean(-1), np.nan)}


def _tie_groups(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """order (sorts scores), sorted unique values, each sorted image's tie group, group start offsets."""
    s = np.asarray(scores, dtype=np.float64)
    order = np.argsort(s, kind="stable")
    values, group, counts = np.unique(s[order], return_inverse=True, return_counts=True)
    starts = np.concatenate([[0], np.cumsum(counts)])
    return order, values, group, starts


def weighted_auc(scores: np.ndarray, positive: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted Mann-Whitney AUC (ties 1/2) per replicate; nan where a replicate lacks a class.

    With unit weights it is sklearn's roc_auc_score. O(B n) from cumulative negative weights.
    """
    pos = np.asarray(positive, dtype=bool)
    w = np.atleast_2d(np.asarray(weights, dtype=np.float64))
    order, _, group, starts = _tie_groups(scores)
    ws, ps = w[:, order], pos[order]
    cum_neg = np.concatenate([np.zeros((len(w), 1)), np.cumsum(ws * ~ps, axis=1)], axis=1)
    below = cum_neg[:, starts[:-1]]
    within = cum_neg[:, starts[1:]] - below
    credit = below[:, group] + 0.5 * within[:, group]
    num = (ws * ps * credit).sum(1)
    n_pos, n_neg = (ws * ps).sum(1), (ws * ~ps).sum(1)
    auc = _ratio(num, n_pos * n_neg)
    return auc if np.ndim(weights) == 2 else auc[0]


def weighted_ece(confidence: np.ndarray, correct: np.ndarray, weights: np.ndarray, n_bins: int) -> np.ndarray:
    """Top-label ECE per replicate on equal-width bins (the binning of calibration.reliability_bins):
    sum over bins of |weighted correct - weighted confidence| / total weight."""
    conf = np.asarray(confidence, dtype=np.float64)
    edges = np.arange(n_bins + 1) / n_bins
    idx = np.clip(np.searchsorted(edges, conf, side="right") - 1, 0, n_bins - 1)
    onehot = np.zeros((len(conf), n_bins))
    onehot[np.arange(len(conf)), idx] = 1.0
    w = np.asarray(weights, dtype=np.float64)
    gap = (w * (np.asarray(correct, dtype=np.float64) - conf)) @ onehot
    return _ratio(np.abs(gap).sum(-1), w.sum(-1))


def _observed_candidates(scores: np.ndarray, positive: np.ndarray, weights: np.ndarray):
    order, values, group, starts = _tie_groups(scores)
    pos = np.asarray(positive, dtype=bool)[order]
    w = np.atleast_2d(np.asarray(weights, dtype=np.float64))[:, order]
    n_groups = len(values)

    def per_group(x):
        out = np.zeros((len(w), n_groups))
        np.add.at(out.T, group, x.T)
        return out

    return values, per_group(w * pos), per_group(w * ~pos)


def thresholds_for_specificity(scores: np.ndarray, positive: np.ndarray, weights: np.ndarray,
                               target: float) -> np.ndarray:
    """Per replicate, thresholds.threshold_for_specificity on the weighted data: the smallest score drawn
    in the replicate whose weighted specificity reaches the target (next float above the largest drawn
    score when none does); nan where the replicate has no negatives."""
    values, pos_w, neg_w = _observed_candidates(scores, positive, weights)
    total_neg = neg_w.sum(1, keepdims=True)
    below = np.cumsum(neg_w, axis=1) - neg_w
    observed = (pos_w + neg_w) > 0
    ok = observed & (_ratio(below, total_neg) >= target)
    last = values[len(values) - 1 - np.argmax(observed[:, ::-1], axis=1)]
    chosen = np.where(ok.any(1), values[np.argmax(ok, axis=1)], np.nextafter(last, np.inf))
    return np.where(total_neg[:, 0] > 0, chosen, np.nan)


def thresholds_for_sensitivity(scores: np.ndarray, positive: np.ndarray, weights: np.ndarray,
                               target: float) -> np.ndarray:
    """Per replicate, thresholds.threshold_for_sensitivity on the weighted data: the largest drawn score
    whose weighted sensitivity reaches the target; nan where the replicate has no positives."""
    values, pos_w, neg_w = _observed_candidates(scores, positive, weights)
    total_pos = pos_w.sum(1, keepdims=True)
    at_or_above = total_pos - (np.cumsum(pos_w, axis=1) - pos_w)
    ok = ((pos_w + neg_w) > 0) & (_ratio(at_or_above, total_pos) >= target)
    chosen = values[len(values) - 1 - np.argmax(ok[:, ::-1], axis=1)]
    return np.where((total_pos[:, 0] > 0) & ok.any(1), chosen, np.nan)
