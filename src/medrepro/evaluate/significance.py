"""Paired significance tests for comparing two models on the same test images.

- McNemar's test on per-image correctness: only the discordant images (one model right, the other wrong)
  carry information. With fewer than 25 of them the exact two-sided binomial test is used, otherwise the
  chi-square statistic with continuity correction, (|b - c| - 1)^2 / (b + c) on 1 df (the rule of
  statsmodels' `mcnemar`, which is not installed here; scipy's binomtest and chi2 do the arithmetic).
- DeLong's test for two correlated ROC AUCs (DeLong, DeLong & Clarke-Pearson 1988), computed with the
  midrank algorithm of Sun & Xu (2014), O(n log n) instead of comparing every positive with every negative.
- Holm's step-down correction for testing several model pairs at once.
- Paired percentile-bootstrap CI for an accuracy difference.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
from scipy import stats

MCNEMAR_EXACT_BELOW = 25


def _paired_bool(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(a), np.asarray(b)
    if x.ndim != 1 or x.shape != y.shape or len(x) == 0:
        raise ValueError(f"expected two non-empty 1-D arrays of equal length, got {x.shape} and {y.shape}")
    for v in (x, y):
        if not np.isin(v, (0, 1)).all():
            raise ValueError("correctness must be boolean (or 0/1)")
    return x.astype(bool), y.astype(bool)


def mcnemar_test(correct_a: np.ndarray, correct_b: np.ndarray,
                 exact_below: int = MCNEMAR_EXACT_BELOW) -> dict:
    """McNemar's test of equal error rates from per-image correctness of two models on the same images.

    Returns only_a_correct (b), only_b_correct (c), the statistic (min(b, c) for the exact test, the
    continuity-corrected chi-square otherwise), the two-sided p-value and the method used.
    """
    a, b_ = _paired_bool(correct_a, correct_b)
    b = int(np.sum(a & ~b_))
    c = int(np.sum(~a & b_))
    n = b + c
    if n < exact_below:
        p = 1.0 if n == 0 else float(stats.binomtest(b, n, 0.5, alternative="two-sided").pvalue)
        return {"only_a_correct": b, "only_b_correct": c, "method": "exact",
                "statistic": float(min(b, c)), "p_value": min(p, 1.0)}
    statistic = (abs(b - c) - 1.0) ** 2 / n
    return {"only_a_correct": b, "only_b_correct": c, "method": "chi2_continuity",
            "statistic": float(statistic), "p_value": float(stats.chi2.sf(statistic, df=1))}


def holm_adjust(p_values) -> np.ndarray:
    """Holm step-down adjusted p-values (family-wise error control), in the input order.

    Sorted ascending, p_(i) becomes max_{j <= i} min(1, (m - j + 1) p_(j)). NaN p-values are not part of
    the family (they do not count towards m) and stay NaN.
    """
    p = np.asarray(p_values, dtype=np.float64)
    if p.ndim != 1:
        raise ValueError(f"expected a 1-D array of p-values, got shape {p.shape}")
    finite = np.isfinite(p)
    if np.any((p[finite] < 0) | (p[finite] > 1)):
        raise ValueError("p-values must lie in [0, 1]")
    out = np.full_like(p, np.nan)
    idx = np.flatnonzero(finite)
    m = len(idx)
    if m == 0:
        return out
    order = idx[np.argsort(p[idx], kind="stable")]
    scaled = (m - np.arange(m)) * p[order]
    out[order] = np.minimum(np.maximum.accumulate(scaled), 1.0)
    return out


def _check_binary(scores: np.ndarray, positive: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(positive)
    if s.ndim not in (1, 2) or y.ndim != 1 or s.shape[-1] != len(y):
        raise ValueError(f"expected scores (n,) or (k, n) and labels (n,), got {s.shape} and {y.shape}")
    if not np.all(np.isfinite(s)):
        raise ValueError("scores must be finite")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("labels must be 0 (negative) or 1 (positive)")
    return s, y.astype(bool)


def auc_mann_whitney(scores: np.ndarray, positive: np.ndarray) -> np.ndarray:
    """ROC AUC along the last axis from midranks (ties count 1/2, as sklearn's roc_auc_score).

    Vectorised for bootstrap resamples: scores and labels of shape (..., n); NaN where a row lacks a class.
    """
    s = np.asarray(scores, dtype=np.float64)
    pos = np.asarray(positive).astype(bool)
    if s.shape != pos.shape:
        raise ValueError(f"scores and labels must have the same shape, got {s.shape} and {pos.shape}")
    ranks = stats.rankdata(s, axis=-1)
    n1 = pos.sum(axis=-1).astype(np.float64)
    n0 = s.shape[-1] - n1
    r1 = np.where(pos, ranks, 0.0).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n1 * n0 > 0, (r1 - n1 * (n1 + 1) / 2) / (n1 * n0), np.nan)


def delong_placements(scores: np.ndarray, positive: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """AUCs and DeLong placement values for k score vectors on the same cases (Sun & Xu 2014).

    scores (k, n) or (n,). Returns auc (k,), v10 (k, m): per positive, the fraction of negatives it
    outranks (ties 1/2), and v01 (k, n_neg): per negative, the fraction of positives that outrank it.
    Midranks within positives, within negatives and overall give all placements in O(n log n).
    """
    s, pos = _check_binary(scores, positive)
    s = np.atleast_2d(s)
    m, n = int(pos.sum()), int((~pos).sum())
    if m == 0 or n == 0:
        raise ValueError("DeLong needs at least one positive and one negative case")
    x, y = s[:, pos], s[:, ~pos]
    tx = stats.rankdata(x, axis=1)
    ty = stats.rankdata(y, axis=1)
    tz = stats.rankdata(np.concatenate([x, y], axis=1), axis=1)
    auc = (tz[:, :m].sum(axis=1) / m - (m + 1) / 2.0) / n
    v10 = (tz[:, :m] - tx) / n
    v01 = 1.0 - (tz[:, m:] - ty) / m
    return auc, v10, v01


def delong_covariance(scores: np.ndarray, positive: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """AUCs (k,) and their DeLong covariance matrix (k, k): S10 / m + S01 / n over the placements."""
    auc, v10, v01 = delong_placements(scores, positive)
    m, n = v10.shape[1], v01.shape[1]
    if m < 2 or n < 2:
        raise ValueError("DeLong's variance needs at least two positive and two negative cases")
    cov = np.atleast_2d(np.cov(v10)) / m + np.atleast_2d(np.cov(v01)) / n
    return auc, cov


def delong_test(scores_a: np.ndarray, scores_b: np.ndarray, positive: np.ndarray,
                confidence: float = 0.95) -> dict[str, float]:
    """Paired DeLong test of AUC(a) = AUC(b) with a Wald CI for AUC(a) - AUC(b).

    When the difference has zero estimated variance (e.g. both models separate the classes perfectly)
    there is no evidence of a difference if the AUCs are equal (z = 0, p = 1, as pROC's roc.test), and
    the CI collapses to the point.
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence}")
    a = np.asarray(scores_a, dtype=np.float64)
    b = np.asarray(scores_b, dtype=np.float64)
    if a.ndim != 1 or a.shape != b.shape:
        raise ValueError(f"expected two 1-D score arrays of equal length, got {a.shape} and {b.shape}")
    auc, cov = delong_covariance(np.stack([a, b]), positive)
    diff = float(auc[0] - auc[1])
    var = max(float(cov[0, 0] + cov[1, 1] - 2.0 * cov[0, 1]), 0.0)
    se = math.sqrt(var)
    half = float(stats.norm.ppf(0.5 + confidence / 2.0)) * se
    if se > 0:
        z = diff / se
        p = float(2.0 * stats.norm.sf(abs(z)))
    elif diff == 0.0:
        z, p = 0.0, 1.0
    else:
        z, p = math.copysign(math.inf, diff), 0.0
    return {"auc_a": float(auc[0]), "auc_b": float(auc[1]), "auc_difference": diff, "se": se,
            "z": z, "p_value": p, "ci_low": diff - half, "ci_high": diff + half}


def paired_bootstrap_difference(values_a: np.ndarray, values_b: np.ndarray, n_resamples: int = 1000,
                                seed: int = 0, confidence: float = 0.95) -> dict[str, float]:
    """Mean of a - b with a percentile bootstrap CI, resampling images (so pairs stay together)."""
    a = np.asarray(values_a, dtype=np.float64)
    b = np.asarray(values_b, dtype=np.float64)
    if a.ndim != 1 or a.shape != b.shape or len(a) == 0:
        raise ValueError(f"expected two non-empty 1-D arrays of equal length, got {a.shape} and {b.shape}")
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be >= 1, got {n_resamples}")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence}")
    d = a - b
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", stats.DegenerateDataWarning)
        res = stats.bootstrap((d,), np.mean, n_resamples=n_resamples, vectorized=True,
                              confidence_level=confidence, method="percentile",
                              rng=np.random.default_rng(seed))
    dist = np.asarray(res.bootstrap_distribution).ravel()
    alpha = (1.0 - confidence) / 2.0
    low, high = np.quantile(dist, [alpha, 1.0 - alpha])
    return {"difference": float(d.mean()), "ci_low": float(low), "ci_high": float(high)}
