"""Probability calibration: temperature scaling fitted on validation logits, and calibration metrics.

A network's softmax is usually over-confident; one scalar temperature fitted on held-out data fixes most
of that without changing the predicted class (Guo et al., 2017). ECE/MCE follow the top-label,
equal-width-bin definition of torchmetrics' MulticlassCalibrationError so numbers are comparable.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax

TEMPERATURE_BOUNDS = (0.05, 20.0)
BOUND_FACTOR = 1.5  # a temperature within this factor of a search bound is flagged


def _check(logits_or_probs: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(logits_or_probs, dtype=np.float64)
    y = np.asarray(labels)
    if x.ndim != 2 or y.ndim != 1 or len(x) != len(y):
        raise ValueError(f"expected (n, k) scores and (n,) labels, got {x.shape} and {y.shape}")
    if len(y) == 0:
        raise ValueError("no samples")
    if not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"labels must be integers, got dtype {y.dtype}")
    if y.min() < 0 or y.max() >= x.shape[1]:
        raise ValueError(f"labels must lie in [0, {x.shape[1] - 1}]")
    return x, y.astype(np.int64)


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Row-wise softmax of logits / temperature, computed stably in float64."""
    if not temperature > 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    return np.exp(log_softmax(np.asarray(logits, dtype=np.float64) / temperature, axis=1))


def nll_from_logits(logits: np.ndarray, labels: np.ndarray, temperature: float = 1.0) -> float:
    """Mean negative log-likelihood computed from logits (exact even for saturated softmax)."""
    x, y = _check(logits, labels)
    logp = log_softmax(x / temperature, axis=1)
    return float(-logp[np.arange(len(y)), y].mean())


def nll(probs: np.ndarray, labels: np.ndarray, eps: float = 1e-12) -> float:
    """Mean negative log-likelihood of probabilities (clipped at eps to stay finite)."""
    p, y = _check(probs, labels)
    return float(-np.log(np.clip(p[np.arange(len(y)), y], eps, 1.0)).mean())


def brier_score(probs: np.ndarray, labels: np.ndarray) -> float:
    """Multiclass Brier score: mean over samples of the summed squared error against the one-hot label."""
    p, y = _check(probs, labels)
    onehot = np.zeros_like(p)
    onehot[np.arange(len(y)), y] = 1.0
    return float(((p - onehot) ** 2).sum(axis=1).mean())


def accuracy(probs: np.ndarray, labels: np.ndarray) -> float:
    p, y = _check(probs, labels)
    return float((p.argmax(axis=1) == y).mean())


def fit_temperature(
    logits: np.ndarray, labels: np.ndarray, bounds: tuple[float, float] = TEMPERATURE_BOUNDS
) -> float:
    """Temperature T minimising validation NLL of softmax(logits / T), searched over log T within bounds.

    NLL is convex in 1/T, hence unimodal in log T, so a bounded scalar search finds the global minimum.
    The bounds are checked too, because the bounded Brent search never evaluates them exactly.
    """
    x, y = _check(logits, labels)
    lo, hi = math.log(bounds[0]), math.log(bounds[1])

    def objective(log_t: float) -> float:
        return nll_from_logits(x, y, math.exp(log_t))

    res = minimize_scalar(objective, bounds=(lo, hi), method="bounded", options={"xatol": 1e-6})
    candidates = [(float(res.fun), float(res.x)), (objective(lo), lo), (objective(hi), hi)]
    best = min(candidates)
    return float(math.exp(best[1]))


def temperature_at_bound(temperature: float, bounds: tuple[float, float] = TEMPERATURE_BOUNDS,
                         factor: float = BOUND_FACTOR) -> bool:
    """True when T lies within `factor` of a search bound: the validation NLL kept falling towards the bound
    (or is flat there), so T says more about the search range than about the model's calibration."""
    return bool(temperature <= bounds[0] * factor or temperature >= bounds[1] / factor)


def _top_label(probs: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p, y = _check(probs, labels)
    return p.max(axis=1), (p.argmax(axis=1) == y).astype(np.float64)


def _edges(n_bins: int) -> np.ndarray:
    if n_bins < 1:
        raise ValueError(f"n_bins must be >= 1, got {n_bins}")
    return np.arange(n_bins + 1) / n_bins


def _bin_index(confidences: np.ndarray, n_bins: int) -> np.ndarray:
    """Bins [i/n, (i+1)/n) as in torchmetrics; confidence 1.0 is put into the last bin.

    (torchmetrics gives confidence exactly 1.0 an extra bin of its own; closing the last bin keeps
    exactly n_bins bins and differs only when some confidence is exactly 1.0.)
    """
    edges = _edges(n_bins)
    return np.clip(np.searchsorted(edges, confidences, side="right") - 1, 0, n_bins - 1)


def reliability_bins(probs: np.ndarray, labels: np.ndarray, n_bins: int = 15) -> list[dict]:
    """Per-bin mean confidence, accuracy and count of the top-label prediction (empty bins: count 0, nan)."""
    conf, correct = _top_label(probs, labels)
    idx = _bin_index(conf, n_bins)
    count = np.bincount(idx, minlength=n_bins)
    conf_sum = np.bincount(idx, weights=conf, minlength=n_bins)
    acc_sum = np.bincount(idx, weights=correct, minlength=n_bins)
    edges = _edges(n_bins)
    rows = []
    for b in range(n_bins):
        n = int(count[b])
        rows.append(
            {
                "bin": b,
                "lower": float(edges[b]),
                "upper": float(edges[b + 1]),
                "confidence": float(conf_sum[b] / n) if n else math.nan,
                "accuracy": float(acc_sum[b] / n) if n else math.nan,
                "count": n,
            }
        )
    return rows


def _bin_gaps(probs: np.ndarray, labels: np.ndarray, n_bins: int) -> tuple[np.ndarray, np.ndarray]:
    bins = [b for b in reliability_bins(probs, labels, n_bins) if b["count"]]
    gaps = np.array([abs(b["accuracy"] - b["confidence"]) for b in bins])
    weights = np.array([b["count"] for b in bins], dtype=np.float64)
    return gaps, weights / weights.sum()


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, n_bins: int = 15) -> float:
    """Top-label ECE: count-weighted mean |accuracy - confidence| over equal-width bins (norm='l1')."""
    gaps, weights = _bin_gaps(probs, labels, n_bins)
    return float((gaps * weights).sum())


def maximum_calibration_error(probs: np.ndarray, labels: np.ndarray, n_bins: int = 15) -> float:
    """Top-label MCE: the largest |accuracy - confidence| over non-empty bins (norm='max')."""
    gaps, _ = _bin_gaps(probs, labels, n_bins)
    return float(gaps.max())


def _summary(logits: np.ndarray, labels: np.ndarray, temperature: float, n_bins: int) -> dict[str, float]:
    probs = softmax(logits, temperature)
    return {
        "ece": expected_calibration_error(probs, labels, n_bins),
        "mce": maximum_calibration_error(probs, labels, n_bins),
        "nll": nll_from_logits(logits, labels, temperature),
        "brier": brier_score(probs, labels),
        "accuracy": accuracy(probs, labels),
    }


def calibration_report(
    val_logits: np.ndarray,
    val_labels: np.ndarray,
    test_logits: np.ndarray,
    test_labels: np.ndarray,
    n_bins: int = 15,
) -> dict[str, float | bool]:
    """Fit T on validation, then report test ece/mce/nll/brier/accuracy before and after scaling, and
    whether T sits at a search bound."""
    temperature = fit_temperature(val_logits, val_labels)
    before = _summary(test_logits, test_labels, 1.0, n_bins)
    after = _summary(test_logits, test_labels, temperature, n_bins)
    report: dict[str, float | bool] = {"temperature": temperature, "n_bins": n_bins,
                                       "temperature_at_bound": temperature_at_bound(temperature)}
    for key in before:
        report[f"{key}_before"] = before[key]
        report[f"{key}_after"] = after[key]
    return report
