"""McNemar, DeLong and Holm against hand-computed and published reference values; the significance stage."""

import itertools
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from metric_names import Vocabulary
from scipy import stats
from sklearn.metrics import roc_auc_score
from statsmodels.stats.contingency_tables import mcnemar as sm_mcnemar

from medrepro import layout
from medrepro.evaluate.significance import (
    auc_mann_whitney,
    clustered_auc_covariance,
    delong_covariance,
    delong_placements,
    delong_test,
    holm_adjust,
    mcnemar_test,
    paired_bootstrap_difference,
)

REPO = Path(__file__).resolve().parents[1]
CLASSES = ["akiec", "bcc", "bkl", "df", "mel", "nv", "vasc"]


def _table(both: int, only_a: int, only_b: int, neither: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-image correctness of two models from the cells of their 2x2 agreement table."""
    a = np.array([1] * both + [1] * only_a + [0] * only_b + [0] * neither, dtype=bool)
    b = np.array([1] * both + [0] * only_a + [1] * only_b + [0] * neither, dtype=bool)
    return a, b


# --- McNemar -------------------------------------------------------------------------------------------

def test_mcnemar_exact_hand_computed():
    # 6 discordant images (one per lesion), 5 vs 1: two-sided binomial p = 2 * P(X <= 1 | 6, 1/2) = 2 * 7 / 64.
    result = mcnemar_test(*_table(40, 5, 1, 4))
    assert result["method"] == "exact_sign_flip"
    assert (result["only_a_correct"], result["only_b_correct"], result["discordant_lesions"]) == (5, 1, 6)
    assert result["statistic"] == 4.0
    assert result["p_value"] == pytest.approx(14 / 64, abs=1e-12)


@pytest.mark.parametrize("b,c", [(0, 3), (2, 9), (7, 7), (0, 0), (11, 13)])
def test_mcnemar_exact_equals_statsmodels_for_one_image_per_lesion(b, c):
    result = mcnemar_test(*_table(10, b, c, 3))
    assert result["method"] == "exact_sign_flip"
    reference = sm_mcnemar([[10, b], [c, 3]], exact=True).pvalue
    assert result["p_value"] == pytest.approx(min(1.0, reference), abs=1e-12)


def test_mcnemar_chi_square_equals_statsmodels_without_correction():
    # Agresti (2007) presidential approval (794, 150, 86, 570): with one image per lesion Durkalski's
    # statistic is (b - c)^2 / (b + c), McNemar without continuity correction.
    result = mcnemar_test(*_table(794, 150, 86, 570))
    reference = sm_mcnemar([[794, 150], [86, 570]], exact=False, correction=False)
    assert result["method"] == "durkalski_chi2"
    assert result["statistic"] == pytest.approx(64**2 / 236, rel=1e-12)
    assert result["statistic"] == pytest.approx(reference.statistic, rel=1e-12)
    assert result["p_value"] == pytest.approx(reference.pvalue, rel=1e-9)


def test_clustered_mcnemar_hand_computed():
    # (A right, B right) per image; d_k = only-A minus only-B images of lesion k.
    images = {"L1": [(1, 0), (1, 0)], "L2": [(1, 0)], "L3": [(0, 1)], "L4": [(1, 1), (0, 1)],
              "L5": [(1, 0), (1, 0), (1, 0)], "L6": [(1, 1), (0, 0)]}
    d = [2, 1, -1, -1, 3]  # L6 is concordant
    lesions = [k for k, v in images.items() for _ in v]
    a = np.array([x for v in images.values() for x, _ in v], dtype=bool)
    b = np.array([y for v in images.values() for _, y in v], dtype=bool)
    exact = mcnemar_test(a, b, lesions)
    assert (exact["method"], exact["discordant_lesions"], exact["statistic"]) == ("exact_sign_flip", 5, 4.0)
    sums = [sum(sign * abs(v) for sign, v in zip(signs, d, strict=True))
            for signs in itertools.product((1, -1), repeat=len(d))]
    assert exact["p_value"] == pytest.approx(np.mean(np.abs(sums) >= 4), abs=1e-12)
    chi = mcnemar_test(a, b, lesions, exact_below=1)
    assert chi["method"] == "durkalski_chi2"
    assert chi["statistic"] == pytest.approx(4**2 / 16)  # (sum d)^2 / sum d^2
    assert chi["p_value"] == pytest.approx(stats.chi2.sf(1.0, 1), rel=1e-12)


def test_mcnemar_switches_to_chi_square_at_25_discordant_lesions():
    assert mcnemar_test(*_table(5, 16, 8, 5))["method"] == "exact_sign_flip"
    chi = mcnemar_test(*_table(5, 17, 8, 5))
    assert chi["method"] == "durkalski_chi2"
    assert chi["statistic"] == pytest.approx(9**2 / 25)


def test_mcnemar_rejects_unpaired_input():
    with pytest.raises(ValueError, match="equal length"):
        mcnemar_test([1, 0, 1], [1, 0])


def _duplicate(k: int, lesions: np.ndarray, *arrays: np.ndarray):
    """Every image k times within its lesion."""
    return (np.repeat(lesions, k), *[np.repeat(x, k, axis=-1) for x in arrays])


@pytest.mark.parametrize("k", [2, 3])
def test_clustered_tests_unchanged_by_duplicating_images_within_lesions(k):
    rng = np.random.default_rng(7)
    n = 120
    lesions = np.array([f"L{i // 2}" for i in range(n)])  # two images per lesion
    y = np.repeat(rng.random(n // 2) < 0.3, 2).astype(int)
    a = 1.2 * y + rng.normal(size=n)
    b = 0.7 * y + rng.normal(size=n)
    ca, cb = (a > 0.6) == y, (b > 0.6) == y
    base = (mcnemar_test(ca, cb, lesions), mcnemar_test(ca, cb, lesions, exact_below=1),
            delong_test(a, b, y, lesions), paired_bootstrap_difference(ca, cb, lesions, 300, 1))
    dl, da, db, dy, dca, dcb = _duplicate(k, lesions, a, b, y, ca, cb)
    dup = (mcnemar_test(dca, dcb, dl), mcnemar_test(dca, dcb, dl, exact_below=1),
           delong_test(da, db, dy, dl), paired_bootstrap_difference(dca, dcb, dl, 300, 1))
    for before, after in zip(base, dup, strict=True):
        for key, value in before.items():
            if key in ("only_a_correct", "only_b_correct"):
                assert after[key] == k * value
            elif key == "statistic" and before.get("method") == "exact_sign_flip":
                assert after[key] == k * value
            elif isinstance(value, str | bool):
                assert after[key] == value
            else:
                assert after[key] == pytest.approx(value, rel=1e-9, abs=1e-12), key
    # treating the duplicates as independent images would shrink the variance k-fold
    assert delong_test(da, db, dy)["se"] == pytest.approx(base[2]["se"] / np.sqrt(k), rel=0.25)


def _obuchowski_by_definition(scores: np.ndarray, y: np.ndarray, lesions: np.ndarray):
    """Obuchowski (1997) eqs. by loops over lesions and all positive/negative pairs."""
    ids = list(dict.fromkeys(lesions))
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    big_m, big_n = len(pos), len(neg)
    k = scores.shape[0]
    psi = lambda r, i, j: 1.0 if scores[r, i] > scores[r, j] else (0.5 if scores[r, i] == scores[r, j] else 0.0)  # noqa: E731
    auc = np.array([np.mean([psi(r, i, j) for i in pos for j in neg]) for r in range(k)])
    v10 = np.zeros((k, len(ids)))
    v01 = np.zeros((k, len(ids)))
    m = np.zeros(len(ids))
    n = np.zeros(len(ids))
    for c, lesion in enumerate(ids):
        members = np.flatnonzero(lesions == lesion)
        for r in range(k):
            v10[r, c] = sum(np.mean([psi(r, i, j) for j in neg]) for i in members if y[i] == 1)
            v01[r, c] = sum(np.mean([psi(r, i, j) for i in pos]) for j in members if y[j] == 0)
        m[c], n[c] = (y[members] == 1).sum(), (y[members] == 0).sum()
    i10, i01, big_i = (m > 0).sum(), (n > 0).sum(), len(ids)
    cov = np.zeros((k, k))
    for r in range(k):
        for s in range(k):
            s10 = i10 / ((i10 - 1) * big_m) * np.sum((v10[r] - m * auc[r]) * (v10[s] - m * auc[s]))
            s01 = i01 / ((i01 - 1) * big_n) * np.sum((v01[r] - n * auc[r]) * (v01[s] - n * auc[s]))
            s11 = big_i / (big_i - 1) * np.sum((v10[r] - m * auc[r]) * (v01[s] - n * auc[s]))
            s11t = big_i / (big_i - 1) * np.sum((v10[s] - m * auc[s]) * (v01[r] - n * auc[r]))
            cov[r, s] = s10 / big_m + s01 / big_n + (s11 + s11t) / (big_m * big_n)
    return auc, cov


def test_obuchowski_equals_definition_on_mixed_lesions():
    rng = np.random.default_rng(4)
    lesions = np.array([f"L{i}" for i in rng.integers(0, 14, 40)])
    y = rng.integers(0, 2, 40)
    scores = np.round(np.stack([rng.normal(size=40) + y, rng.normal(size=40) + 0.5 * y]), 1)
    auc, cov = clustered_auc_covariance(scores, y, lesions)
    auc_ref, cov_ref = _obuchowski_by_definition(scores, y, lesions)
    np.testing.assert_allclose(auc, auc_ref, rtol=1e-12)
    np.testing.assert_allclose(cov, cov_ref, rtol=1e-10)


def test_obuchowski_with_one_image_per_lesion_is_classic_delong():
    ids = np.array([f"P{i}" for i in range(len(ASAH_POOR))])
    scores = np.stack([ASAH_WFNS, ASAH_NDKA, ASAH_S100B])
    _, classic = delong_covariance(scores, ASAH_POOR)
    _, clustered = clustered_auc_covariance(scores, ASAH_POOR, ids)
    np.testing.assert_allclose(clustered, classic, rtol=1e-12)


def test_obuchowski_variance_agrees_with_lesion_bootstrap():
    rng = np.random.default_rng(12)
    n_lesions, per = 150, 3
    lesions = np.repeat(np.arange(n_lesions), per)
    y = np.repeat(rng.random(n_lesions) < 0.3, per).astype(int)
    lesion_effect = np.repeat(rng.normal(size=n_lesions), per)  # images of a lesion look alike
    a = 1.2 * y + lesion_effect + 0.4 * rng.normal(size=len(y))
    b = 0.8 * y + lesion_effect + 0.7 * rng.normal(size=len(y))
    var = delong_test(a, b, y, lesions)["se"] ** 2
    draws = rng.integers(0, n_lesions, size=(2000, n_lesions))
    idx = (draws[:, :, None] * per + np.arange(per)).reshape(2000, -1)
    diffs = auc_mann_whitney(a[idx], y[idx]) - auc_mann_whitney(b[idx], y[idx])
    assert var == pytest.approx(np.var(diffs, ddof=1), rel=0.2)
    # ignoring the clustering understates the variance of each AUC
    clustered, independent = clustered_auc_covariance(a, y, lesions)[1], delong_covariance(a, y)[1]
    assert clustered[0, 0] > 1.5 * independent[0, 0]


# --- Holm ----------------------------------------------------------------------------------------------

def test_holm_hand_example():
    # sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> running max 0.06
    adjusted = holm_adjust([0.01, 0.04, 0.03, 0.005])
    np.testing.assert_allclose(adjusted, [0.03, 0.06, 0.06, 0.02], atol=1e-15)


def test_holm_caps_at_one_and_skips_nan():
    adjusted = holm_adjust([0.5, np.nan, 0.2, 0.9])
    # family of three: 0.2*3 = 0.6, 0.5*2 = 1.0, 0.9*1 -> max(1.0, 0.9) = 1.0
    np.testing.assert_allclose(adjusted[[0, 2, 3]], [1.0, 0.6, 1.0])
    assert math.isnan(adjusted[1])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        holm_adjust([0.1, 1.5])


# --- DeLong --------------------------------------------------------------------------------------------

# pROC's aSAH data (113 patients; Turck et al. 2010): outcome (1 = poor), WFNS grade, S100B, NDKA.
ASAH_POOR = np.array([
    0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
    1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0,
    1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1,
    1, 0, 0, 0, 1, 0, 0, 0])
ASAH_WFNS = np.array([
    1, 1, 1, 1, 3, 2, 5, 4, 1, 2, 5, 2, 5, 5, 1, 2, 5, 2, 2, 5, 2, 1, 1, 1, 1, 2, 1, 2, 1, 1, 3, 4, 2, 1, 4,
    5, 4, 1, 4, 2, 5, 5, 1, 1, 2, 4, 1, 1, 2, 5, 5, 2, 1, 2, 5, 1, 2, 2, 2, 1, 5, 1, 1, 2, 5, 2, 1, 4, 5, 2,
    4, 4, 1, 4, 1, 2, 1, 4, 2, 1, 2, 3, 2, 4, 2, 1, 4, 5, 1, 1, 5, 4, 2, 2, 1, 1, 1, 3, 1, 2, 5, 2, 2, 5, 5,
    5, 2, 4, 4, 5, 1, 1, 1], dtype=float)
ASAH_S100B = np.array([
    0.13, 0.14, 0.1, 0.04, 0.13, 0.1, 0.47, 0.16, 0.18, 0.1, 0.12, 0.1, 0.44, 0.71, 0.04, 0.08, 0.49, 0.04,
    0.07, 0.33, 0.09, 0.09, 0.07, 0.11, 0.07, 0.17, 0.07, 0.11, 0.13, 0.19, 0.05, 0.16, 0.41, 0.14, 0.34,
    0.35, 0.48, 0.09, 0.96, 0.25, 0.5, 0.46, 0.16, 0.07, 0.43, 0.45, 0.11, 0.08, 0.09, 0.86, 0.52, 0.08,
    0.06, 0.13, 2.07, 0.1, 0.14, 0.15, 0.07, 0.06, 0.77, 0.05, 0.09, 0.3, 0.03, 0.09, 0.04, 0.23, 0.7, 0.09,
    0.27, 0.71, 0.08, 0.26, 0.08, 0.16, 0.09, 0.13, 0.1, 0.08, 0.11, 0.33, 0.11, 0.28, 0.07, 0.1, 0.32,
    0.22, 0.07, 0.05, 0.24, 0.38, 0.1, 0.15, 0.08, 0.14, 0.1, 0.07, 0.04, 0.19, 0.56, 0.14, 0.58, 0.32,
    0.82, 0.74, 0.15, 0.47, 0.17, 0.44, 0.15, 0.5, 0.48])
ASAH_NDKA = np.array([
    3.01, 8.54, 8.09, 10.42, 17.4, 12.75, 6.0, 13.2, 15.54, 6.01, 15.96, 17.86, 5.18, 8.9, 13.41, 20.75,
    11.6, 16.11, 32.37, 54.82, 32.41, 49.94, 40.34, 9.47, 6.29, 12.53, 6.54, 6.3, 80.3, 12.8, 9.8, 9.81,
    9.85, 18.21, 5.03, 14.04, 21.93, 8.02, 7.42, 8.38, 6.59, 9.63, 13.12, 7.96, 14.34, 41.43, 7.63, 7.06,
    12.59, 13.56, 3.87, 9.44, 7.66, 12.98, 419.19, 27.19, 22.27, 9.95, 21.22, 11.73, 10.4, 58.83, 6.39,
    11.09, 12.22, 13.67, 17.21, 22.63, 12.9, 9.7, 21.57, 8.23, 72.57, 15.54, 10.51, 10.6, 14.57, 5.19,
    9.63, 4.61, 21.48, 17.3, 12.71, 9.44, 11.07, 19.46, 10.83, 5.37, 11.97, 7.75, 9.83, 10.55, 28.49, 8.53,
    12.57, 12.9, 46.83, 11.68, 12.67, 9.01, 9.57, 34.06, 11.72, 14.26, 47.61, 11.67, 24.58, 10.33, 13.87,
    15.89, 22.43, 6.79, 13.45])


def test_asah_data_shape():
    assert len(ASAH_POOR) == len(ASAH_WFNS) == len(ASAH_S100B) == len(ASAH_NDKA) == 113
    assert ASAH_POOR.sum() == 41


def test_delong_matches_proc_variances():
    # pROC tests/testthat/test-var.R: var(roc(aSAH$outcome, aSAH$<marker>)) with method "delong".
    auc, cov = delong_covariance(np.stack([ASAH_WFNS, ASAH_NDKA, ASAH_S100B]), ASAH_POOR)
    np.testing.assert_allclose(auc, [0.823678861788618, 0.611957994579946, 0.731368563685637], rtol=1e-12)
    np.testing.assert_allclose(np.diag(cov), [0.00146991470882363, 0.0031908105493913, 0.00266868245717244],
                               rtol=1e-10)


@pytest.mark.parametrize("a,b,z,p,low,high", [
    # pROC tests/testthat/test-roc.test.R: roc.test(r.wfns, r.s100b), (r.wfns, r.ndka), (r.ndka, r.s100b)
    (ASAH_WFNS, ASAH_S100B, 2.20898359144091, 0.0271757822291882, 0.0104061769564846, 0.174214419249478),
    (ASAH_WFNS, ASAH_NDKA, 2.79777591868904, 0.00514557970691098, 0.0634011709339876, 0.3600405634833566),
    (ASAH_NDKA, ASAH_S100B, -1.39077002573558, 0.164295175223054, -0.2876917446341914, 0.0488706064228094),
])
def test_delong_test_matches_proc_roc_test(a, b, z, p, low, high):
    result = delong_test(a, b, ASAH_POOR)
    assert result["z"] == pytest.approx(z, rel=1e-10)
    assert result["p_value"] == pytest.approx(p, rel=1e-10)
    assert (result["ci_low"], result["ci_high"]) == pytest.approx((low, high), rel=1e-10)
    swapped = delong_test(b, a, ASAH_POOR)
    assert swapped["z"] == pytest.approx(-z, rel=1e-10)
    assert swapped["p_value"] == pytest.approx(p, rel=1e-10)


def _brute_force_delong(scores: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """DeLong et al. (1988) by definition: psi over every (positive, negative) pair."""
    pos, neg = scores[:, y == 1], scores[:, y == 0]
    psi = (pos[:, :, None] > neg[:, None, :]) + 0.5 * (pos[:, :, None] == neg[:, None, :])
    v10, v01 = psi.mean(axis=2), psi.mean(axis=1)
    cov = np.cov(v10) / pos.shape[1] + np.cov(v01) / neg.shape[1]
    return psi.mean(axis=(1, 2)), cov


def test_fast_delong_equals_definition_with_ties():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 60)
    a = np.round(rng.normal(size=60) + y, 1)  # rounding makes ties within and across classes
    b = np.round(0.5 * a + rng.normal(size=60), 1)
    auc, cov = delong_covariance(np.stack([a, b]), y)
    auc_ref, cov_ref = _brute_force_delong(np.stack([a, b]), y)
    np.testing.assert_allclose(auc, auc_ref, rtol=1e-12)
    np.testing.assert_allclose(cov, cov_ref, rtol=1e-10)
    _, v10, v01 = delong_placements(a, y)
    assert v10.mean() == pytest.approx(v01.mean()) == pytest.approx(roc_auc_score(y, a))


def test_delong_variance_agrees_with_paired_bootstrap():
    rng = np.random.default_rng(11)
    n = 400
    y = (rng.random(n) < 0.3).astype(int)
    shared = rng.normal(size=n)
    a = 1.2 * y + shared + 0.6 * rng.normal(size=n)
    b = 0.8 * y + shared + 0.9 * rng.normal(size=n)
    var_delong = delong_test(a, b, y)["se"] ** 2
    idx = rng.integers(0, n, size=(3000, n))
    diffs = auc_mann_whitney(a[idx], y[idx]) - auc_mann_whitney(b[idx], y[idx])
    assert var_delong == pytest.approx(np.var(diffs, ddof=1), rel=0.15)


def test_delong_identical_or_perfect_models_give_no_evidence():
    y = np.array([0, 0, 0, 1, 1, 0, 1, 0])
    s = np.array([0.1, 0.4, 0.35, 0.8, 0.7, 0.2, 0.9, 0.3])
    for other in (s, s * 2 + 1):  # same ranking: AUC 1 for both, zero variance
        result = delong_test(s, other, y)
        assert (result["z"], result["p_value"], result["auc_difference"]) == (0.0, 1.0, 0.0)
        assert result["ci_low"] == result["ci_high"] == 0.0


def test_delong_needs_two_of_each_class():
    with pytest.raises(ValueError, match="positives in two lesions"):
        delong_test(np.array([0.1, 0.2, 0.9]), np.array([0.3, 0.1, 0.5]), np.array([0, 0, 1]))


def test_auc_mann_whitney_matches_sklearn_rowwise():
    rng = np.random.default_rng(5)
    scores = np.round(rng.random((4, 50)), 1)
    y = rng.integers(0, 2, (4, 50))
    y[3] = 0
    auc = auc_mann_whitney(scores, y)
    for row in range(3):
        assert auc[row] == pytest.approx(roc_auc_score(y[row], scores[row]), rel=1e-12)
    assert math.isnan(auc[3])


# --- paired bootstrap ----------------------------------------------------------------------------------

def test_paired_bootstrap_difference():
    a, b = _table(60, 15, 5, 20)
    result = paired_bootstrap_difference(a, b, n_resamples=500, seed=1)
    assert result["difference"] == pytest.approx(10 / 100)
    assert result["ci_low"] < 0.1 < result["ci_high"]
    assert result == paired_bootstrap_difference(a, b, n_resamples=500, seed=1)
    same = paired_bootstrap_difference(a, a, n_resamples=200, seed=1)
    assert same == {"difference": 0.0, "ci_low": 0.0, "ci_high": 0.0, "ci_degenerate": True}


# --- the stage -----------------------------------------------------------------------------------------

def _write_model(root: Path, arch: str, ids: list[str], labels: np.ndarray, logits: np.ndarray,
                 lesions: list[str] | None = None) -> None:
    files = layout.images(arch, root)
    files.predictions.mkdir(parents=True)
    files.model_json.write_text(json.dumps({"arch": arch, "classes": CLASSES}))
    files.temperature_json.parent.mkdir(parents=True)
    files.temperature_json.write_text(json.dumps({"temperature": 1.3, "n_bins": 10}))
    frame = pd.DataFrame({"image_id": ids, "lesion_id": lesions or [f"HAM_{i}" for i in ids],
                          "dx": [CLASSES[k] for k in labels], "label": labels})
    for k, name in enumerate(CLASSES):
        frame[f"logit_{name}"] = logits[:, k]
    frame.to_csv(files.split_predictions("test"), index=False)


@pytest.fixture
def tree(tmp_path):
    rng = np.random.default_rng(0)
    n = 150
    labels = rng.choice(7, size=n, p=[0.05, 0.1, 0.1, 0.05, 0.2, 0.45, 0.05])
    ids = [f"ISIC_{i:07d}" for i in range(n)]
    for arch, strength in (("resnet50", 2.5), ("vit_b_16", 1.0), ("densenet121", 1.8)):
        logits = rng.normal(size=(n, 7))
        logits[np.arange(n), labels] += strength
        _write_model(tmp_path, arch, ids, labels, logits)
    params = {"architectures": ["resnet50", "vit_b_16", "densenet121"],
              "threshold": {"positive_class": "mel"},
              "significance": {"bootstrap_resamples": 200, "seed": 42, "alpha": 0.05}}
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params))
    return tmp_path


def _run(cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("MEDREPRO_DEBUG", None)
    return subprocess.run([sys.executable, str(REPO / "stages" / "significance.py")], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_significance_stage(tree):
    proc = _run(tree)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(layout.significance_json(tree).read_text())
    # pairs in params order, A before B
    assert set(report["pairs"]) == {"resnet50_vs_vit_b_16", "resnet50_vs_densenet121",
                                    "vit_b_16_vs_densenet121"}
    pair = report["pairs"]["resnet50_vs_vit_b_16"]
    assert pair["accuracy_difference"] > 0 and pair["mcnemar_p"] < 0.05
    low, high = pair["accuracy_difference_ci_low"], pair["accuracy_difference_ci_high"]
    assert low <= pair["accuracy_difference"] <= high
    assert pair["auc_mel_difference"] == pytest.approx(pair["auc_mel_a"] - pair["auc_mel_b"])
    raw = [p["mcnemar_p"] for p in report["pairs"].values()]
    holm = [p["mcnemar_p_holm"] for p in report["pairs"].values()]
    np.testing.assert_allclose(holm, holm_adjust(raw))
    assert all(h >= r for h, r in zip(holm, raw, strict=True))
    table = (tree / "thesis" / "tables" / "significance.tex").read_text()
    assert "\\toprule" in table and "\\bottomrule" in table and "resnet50 vs vit\\_b\\_16" in table


def test_significance_stage_rejects_different_image_order(tree):
    csv = layout.images("vit_b_16", tree).split_predictions("test")
    frame = pd.read_csv(csv)
    frame.iloc[[0, 1]] = frame.iloc[[1, 0]].to_numpy()
    frame.to_csv(csv, index=False)
    proc = _run(tree)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "row 2" in lines[0], proc.stderr
    assert "identical test images" in lines[0]
    assert not layout.significance_json(tree).exists()


def test_significance_p_values_shrink_as_the_planted_effect_grows(tmp_path):
    """B is A itself (no effect), A with mild noise, A with heavy noise; lesions of two images each."""
    rng = np.random.default_rng(3)
    n = 300
    labels = np.repeat(rng.choice(7, size=n // 2, p=[0.05, 0.1, 0.1, 0.05, 0.25, 0.4, 0.05]), 2)
    ids = [f"ISIC_{i:07d}" for i in range(n)]
    lesions = [f"HAM_{i // 2:07d}" for i in range(n)]
    base = rng.normal(size=(n, 7))
    base[np.arange(n), labels] += 3.0
    noise = rng.normal(size=(n, 7))
    archs = {"resnet50": base, "same": base.copy(), "mild": base + 1.0 * noise, "heavy": base + 3.0 * noise}
    for arch, logits in archs.items():
        _write_model(tmp_path, arch, ids, labels, logits, lesions)
    params = {"architectures": list(archs), "threshold": {"positive_class": "mel"},
              "significance": {"bootstrap_resamples": 200, "seed": 42, "alpha": 0.05}}
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params))
    proc = _run(tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(layout.significance_json(tmp_path).read_text())
    assert report["n_test_lesions"] == n // 2
    assert Vocabulary().unknown(report, set(archs)) == []
    pairs = report["pairs"]
    for test in ("mcnemar_p", "delong_p", "mcnemar_p_holm", "delong_p_holm"):
        values = [pair[test] for pair in pairs.values()]
        assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in values), (test, values)
        null, mild, heavy = (pairs[f"resnet50_vs_{b}"][test] for b in ("same", "mild", "heavy"))
        assert null == 1.0 and heavy < mild < null, (test, null, mild, heavy)
    assert pairs["resnet50_vs_heavy"]["mcnemar_p"] < 0.01 and pairs["resnet50_vs_heavy"]["delong_p"] < 0.01
