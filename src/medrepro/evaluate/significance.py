"""Paired significance tests for two models on the same test images, respecting lesion clustering.

Images of one lesion are correlated, so every test treats the lesion as the independent unit:
- McNemar for clustered matched pairs (Durkalski et al. 2003): per lesion d_k = b_k - c_k, the images
  only model A / only model B got right; X^2 = (sum d_k)^2 / sum d_k^2 on 1 df. With one image per lesion
  it is McNemar's statistic without continuity correction. With fewer than 25 discordant lesions the
  exact sign-flip (randomisation) distribution of sum d_k is used instead; with one image per lesion that
  is the exact binomial McNemar test.
- DeLong's test for two correlated ROC AUCs with Obuchowski's (1997) clustered variance: DeLong's
  placement values (computed with the midrank algorithm of Sun & Xu 2014) are summed per lesion. With one
  image per lesion it is DeLong, DeLong & Clarke-Pearson (1988).
- Holm's step-down correction for testing several model pairs at once.
- A lesion-clustered percentile-bootstrap CI for a paired difference (e.g. accuracy).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from medrepro.evaluate.resampling import cluster_weights, lesion_codes, percentile_ci

MCNEMAR_EXACT_BELOW = 25


def _paired_bool(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(a), np.asarray(b)
    if x.ndim != 1 or x.shape != y.shape or len(x) == 0:
        raise ValueError(f"expected two non-empty 1-D arrays of equal length, got {x.shape} and {y.shape}")
    for v in (x, y):
        if not np.isin(v, (0, 1)).all():
            raise ValueError("correctness must be boolean (or 0/1)")
    return x.astype(bool), y.astype(bool)


def _lesions(lesions, n: int) -> np.ndarray:
    """Lesion codes, or one lesion per image when none are given."""
    if lesions is None:
        return np.arange(n)
    codes = lesion_codes(lesions)
    if len(codes) != n:
        raise ValueError(f"expected one lesion id per image ({n}), got {len(codes)}")
    return codes


def sign_flip_p_value(d: np.ndarray) -> float:
    """Exact two-sided p-value of sum(d) under independent random signs of the integers d (the
    randomisation null of a paired test): P(|sum eps_k |d_k|| >= |sum d_k|), by convolution."""
    d = np.asarray(d, dtype=np.int64)
    size = np.abs(d[d != 0])
    total = int(size.sum())
    if total == 0:
        return 1.0
    dist = np.zeros(2 * total + 1)
    dist[total] = 1.0
    for a in size:
        dist = 0.5 * (np.roll(dist, a) + np.roll(dist, -a))
    support = np.arange(-total, total + 1)
    return float(min(1.0, dist[np.abs(support) >= abs(int(d.sum()))].sum()))


def mcnemar_test(correct_a: np.ndarray, correct_b: np.ndarray, lesions=None,
                 exact_below: int = MCNEMAR_EXACT_BELOW) -> dict:
    """Clustered McNemar test of equal error rates from per-image correctness of two models.

    Returns only_a_correct (b) and only_b_correct (c) image counts, discordant_lesions, the statistic
    (sum d_k for the exact sign-flip test, Durkalski's X^2 otherwise), the two-sided p-value and the method.
    """
    a, b_ = _paired_bool(correct_a, correct_b)
    codes = _lesions(lesions, len(a))
    d = np.bincount(codes, weights=(a & ~b_).astype(float) - (~a & b_).astype(float)).astype(np.int64)
    discordant = int(np.count_nonzero(d))
    out = {"only_a_correct": int(np.sum(a & ~b_)), "only_b_correct": int(np.sum(~a & b_)),
           "discordant_lesions": discordant}
    if discordant < exact_below:
        return {**out, "method": "exact_sign_flip", "statistic": float(d.sum()), "p_value": sign_flip_p_value(d)}
    statistic = float(d.sum()) ** 2 / float((d**2).sum())
    return {**out, "method": "durkalski_chi2", "statistic": statistic,
            "p_value": float(stats.chi2.sf(statistic, df=1))}


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


def clustered_auc_covariance(scores: np.ndarray, positive: np.ndarray,
                             lesions=None) -> tuple[np.ndarray, np.ndarray]:
    """AUCs (k,) and their covariance (k, k) for clustered data (Obuchowski 1997, Biometrics 53:567).

    Per lesion i, V10_i and V01_i sum the placements of its m_i positive and n_i negative images;
    S10 = I10 / ((I10 - 1) M) sum_i R10_i R10_i', S01 likewise, S11 = I / (I - 1) sum_i R10_i R01_i'
    with R10_i = V10_i - m_i AUC; cov = S10 / M + S01 / N + (S11 + S11') / (M N). One image per lesion
    gives DeLong's covariance.
    """
    s, pos = _check_binary(scores, positive)
    auc, v10, v01 = delong_placements(s, pos)
    codes = _lesions(lesions, len(pos))
    n_lesions = int(codes.max()) + 1
    m_i = np.bincount(codes[pos], minlength=n_lesions).astype(np.float64)
    n_i = np.bincount(codes[~pos], minlength=n_lesions).astype(np.float64)
    big_m, big_n = m_i.sum(), n_i.sum()
    i10, i01 = int((m_i > 0).sum()), int((n_i > 0).sum())
    if i10 < 2 or i01 < 2:
        raise ValueError("the clustered DeLong variance needs positives in two lesions and negatives in two")
    r10 = np.stack([np.bincount(codes[pos], weights=row, minlength=n_lesions) for row in v10]) - m_i * auc[:, None]
    r01 = np.stack([np.bincount(codes[~pos], weights=row, minlength=n_lesions) for row in v01]) - n_i * auc[:, None]
    s10 = i10 / ((i10 - 1) * big_m) * (r10 @ r10.T)
    s01 = i01 / ((i01 - 1) * big_n) * (r01 @ r01.T)
    s11 = n_lesions / (n_lesions - 1) * (r10 @ r01.T)
    return auc, s10 / big_m + s01 / big_n + (s11 + s11.T) / (big_m * big_n)


def delong_test(scores_a: np.ndarray, scores_b: np.ndarray, positive: np.ndarray, lesions=None,
                confidence: float = 0.95) -> dict[str, float]:
    """Paired DeLong test of AUC(a) = AUC(b) with Obuchowski's clustered variance (lesions=None: one image
    per lesion, i.e. classic DeLong), and a Wald CI for AUC(a) - AUC(b).

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
    auc, cov = clustered_auc_covariance(np.stack([a, b]), positive, lesions)
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


def paired_bootstrap_difference(values_a: np.ndarray, values_b: np.ndarray, lesions=None, n_resamples: int = 1000,
                                seed: int = 0, confidence: float = 0.95) -> dict[str, float]:
    """Mean of a - b with a percentile CI from a lesion-clustered bootstrap (pairs and lesions stay
    together; lesions=None resamples images)."""
    a = np.asarray(values_a, dtype=np.float64)
    b = np.asarray(values_b, dtype=np.float64)
    if a.ndim != 1 or a.shape != b.shape or len(a) == 0:
        raise ValueError(f"expected two non-empty 1-D arrays of equal length, got {a.shape} and {b.shape}")
    d = a - b
    weights = cluster_weights(_lesions(lesions, len(d)), n_resamples, np.random.default_rng(seed))
    ci = percentile_ci((weights @ d) / weights.sum(1), confidence)
    return {"difference": float(d.mean()), "ci_low": ci["low"], "ci_high": ci["high"],
            "ci_degenerate": ci["degenerate"]}
