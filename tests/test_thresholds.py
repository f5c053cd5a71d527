"""Operating-point thresholds, binary metrics and bootstrap intervals."""

import math

import numpy as np
import pytest
from scipy import stats
from sklearn.metrics import confusion_matrix, f1_score, roc_auc_score, roc_curve

from medrepro.errors import InputError
from medrepro.evaluate.thresholds import (
    binary_metrics,
    bootstrap_ci,
    roc_auc,
    roc_curve_points,
    threshold_for_sensitivity,
    threshold_for_specificity,
)


def _synthetic(n, seed=0, prevalence=0.2):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < prevalence).astype(int)
    scores = 1 / (1 + np.exp(-(rng.normal(size=n) + 1.5 * y)))
    return scores, y


def test_specificity_threshold_lands_on_known_value():
    # 20 negatives at 0.01..0.20, 5 positives at 0.15..0.95 (some overlap with negatives).
    neg = np.round(np.arange(1, 21) * 0.01, 2)
    pos = np.array([0.15, 0.5, 0.7, 0.9, 0.95])
    scores = np.concatenate([neg, pos])
    y = np.r_[np.zeros(20, int), np.ones(5, int)]
    # 95% specificity = 19 of 20 negatives below the threshold: smallest observed score above 0.19 is 0.20.
    assert threshold_for_specificity(scores, y, 0.95) == 0.20
    # 90% -> 18 negatives below -> 0.19; 80% -> 16 below -> 0.17.
    assert threshold_for_specificity(scores, y, 0.90) == 0.19
    assert threshold_for_specificity(scores, y, 0.80) == 0.17
    # 99% needs all 20 negatives below: the next observed score above 0.20 is the positive at 0.5.
    assert threshold_for_specificity(scores, y, 0.99) == 0.5
    # Sensitivity 80% = 4 of 5 positives at or above: largest such threshold is 0.5.
    assert threshold_for_sensitivity(scores, y, 0.8) == 0.5
    assert threshold_for_sensitivity(scores, y, 0.81) == 0.15
    assert threshold_for_sensitivity(scores, y, 0.2) == 0.95


def test_specificity_threshold_above_all_scores_when_top_score_is_negative():
    scores = np.array([0.1, 0.2, 0.9])
    y = np.array([1, 0, 0])
    t = threshold_for_specificity(scores, y, 0.9)
    assert t > 0.9 and binary_metrics(scores, y, t)["specificity"] == 1.0


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("target", [0.8, 0.9, 0.95, 0.99])
def test_targets_achieved_and_thresholds_are_extreme(seed, target):
    scores, y = _synthetic(500, seed)
    t = threshold_for_specificity(scores, y, target)
    assert binary_metrics(scores, y, t)["specificity"] >= target
    smaller = scores[scores < t]
    if len(smaller):  # the next lower observed score no longer meets the target
        assert binary_metrics(scores, y, smaller.max())["specificity"] < target
    t = threshold_for_sensitivity(scores, y, target)
    assert binary_metrics(scores, y, t)["sensitivity"] >= target
    larger = scores[scores > t]
    if len(larger):
        assert binary_metrics(scores, y, larger.min())["sensitivity"] < target


def test_thresholds_agree_with_sklearn_roc_points():
    scores, y = _synthetic(400, seed=9)
    fpr, tpr, thr = roc_curve(y, scores, drop_intermediate=False)
    ok = (1 - fpr) >= 0.9
    assert threshold_for_specificity(scores, y, 0.9) == pytest.approx(thr[ok].min())
    ok = tpr >= 0.9
    assert threshold_for_sensitivity(scores, y, 0.9) == pytest.approx(thr[ok].max())


def test_binary_metrics_against_sklearn():
    scores, y = _synthetic(300, seed=4)
    m = binary_metrics(scores, y, 0.6)
    pred = (scores >= 0.6).astype(int)
    tn, fp, fn, tp = confusion_matrix(y, pred).ravel()
    assert (m["tp"], m["fp"], m["tn"], m["fn"]) == (tp, fp, tn, fn)
    assert m["sensitivity"] == pytest.approx(tp / (tp + fn))
    assert m["specificity"] == pytest.approx(tn / (tn + fp))
    assert m["ppv"] == pytest.approx(tp / (tp + fp))
    assert m["npv"] == pytest.approx(tn / (tn + fn))
    assert m["f1"] == pytest.approx(f1_score(y, pred))


def test_binary_metrics_undefined_ratios_are_nan():
    m = binary_metrics(np.array([0.1, 0.2]), np.array([0, 0]), 0.5)
    assert math.isnan(m["sensitivity"]) and math.isnan(m["ppv"]) and math.isnan(m["f1"])
    assert m["specificity"] == 1.0 and m["npv"] == 1.0


def test_missing_class_and_bad_target_raise():
    with pytest.raises(InputError):
        threshold_for_specificity(np.array([0.1, 0.2]), np.array([1, 1]), 0.9)
    with pytest.raises(InputError):
        threshold_for_sensitivity(np.array([0.1, 0.2]), np.array([0, 0]), 0.9)
    with pytest.raises(ValueError):
        threshold_for_specificity(np.array([0.1, 0.2]), np.array([0, 1]), 1.0)


def test_bootstrap_ci_contains_estimate_and_narrows_with_more_data():
    widths = []
    for n in (200, 3000):
        scores, y = _synthetic(n, seed=1, prevalence=0.3)
        point = binary_metrics(scores, y, 0.6)
        ci = bootstrap_ci(scores, y, 0.6, np.arange(n), n_resamples=400, seed=0)
        for name in ("sensitivity", "specificity", "ppv", "npv", "f1"):
            assert ci[name]["low"] <= point[name] <= ci[name]["high"]
        widths.append(ci["sensitivity"]["high"] - ci["sensitivity"]["low"])
    assert widths[1] < 0.5 * widths[0]


def test_bootstrap_ci_matches_scipy_percentile_and_is_reproducible():
    scores, y = _synthetic(400, seed=2, prevalence=0.4)
    pred, pos = scores >= 0.5, y == 1
    ours = bootstrap_ci(scores, y, 0.5, np.arange(400), n_resamples=300, seed=5, confidence=0.9)
    assert ours == bootstrap_ci(scores, y, 0.5, np.arange(400), n_resamples=300, seed=5, confidence=0.9)

    def sens(p, t, axis=-1):
        return np.sum(p & t, axis=axis) / np.sum(t, axis=axis)

    ref = stats.bootstrap(
        (pred, pos),
        sens,
        paired=True,
        n_resamples=300,
        confidence_level=0.9,
        method="percentile",
        rng=np.random.default_rng(5),
    ).confidence_interval
    # Same resampling stream -> same interval, computed independently from scipy's own quantiles.
    assert ours["sensitivity"]["low"] == pytest.approx(ref.low)
    assert ours["sensitivity"]["high"] == pytest.approx(ref.high)


def test_bootstrap_ci_handles_degenerate_resamples():
    # One positive in 30 cases: about a third of resamples contain no positive at all.
    scores = np.linspace(0, 1, 30)
    y = np.zeros(30, int)
    y[-1] = 1
    ci = bootstrap_ci(scores, y, 0.95, np.arange(30), n_resamples=200, seed=0)
    assert ci["sensitivity"]["low"] == ci["sensitivity"]["high"] == 1.0 and ci["sensitivity"]["degenerate"]
    assert not ci["specificity"]["degenerate"]
    assert all(np.isfinite([v["low"], v["high"]]).all() for v in ci.values())
    # No predicted positives in most resamples -> PPV undefined too often -> nan instead of a biased CI.
    ci = bootstrap_ci(np.r_[scores[:-1], 0.0], y, 0.99, np.arange(30), n_resamples=50, seed=0)
    assert math.isnan(ci["ppv"]["low"]) and math.isnan(ci["ppv"]["high"])


def test_roc_points_and_auc():
    scores, y = _synthetic(300, seed=6)
    frame = roc_curve_points(scores, y)
    assert list(frame.columns) == ["fpr", "tpr", "threshold"]
    assert np.isfinite(frame.to_numpy()).all()
    assert (frame.iloc[0]["fpr"], frame.iloc[0]["tpr"]) == (0.0, 0.0)
    assert (frame.iloc[-1]["fpr"], frame.iloc[-1]["tpr"]) == (1.0, 1.0)
    assert frame.iloc[0]["threshold"] > scores.max()
    assert roc_auc(scores, y) == pytest.approx(roc_auc_score(y, scores))
    assert np.trapezoid(frame["tpr"], frame["fpr"]) == pytest.approx(roc_auc(scores, y))
    assert math.isnan(roc_auc(scores, np.zeros_like(y)))
