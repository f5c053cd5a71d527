"""Calibration metrics against torchmetrics, and temperature scaling on synthetic over-confident logits."""

import numpy as np
import pytest
import torch
from torchmetrics.classification import MulticlassCalibrationError

from medrepro.evaluate.calibration import (
    brier_score,
    calibration_report,
    expected_calibration_error,
    fit_temperature,
    maximum_calibration_error,
    nll,
    nll_from_logits,
    reliability_bins,
    softmax,
)


def _random_probs(seed, n=400, k=7):
    rng = np.random.default_rng(seed)
    logits = rng.normal(scale=rng.uniform(0.5, 4.0), size=(n, k))
    labels = rng.integers(0, k, size=n)
    return softmax(logits), labels


def _torchmetrics_ce(probs, labels, n_bins, norm):
    metric = MulticlassCalibrationError(num_classes=probs.shape[1], n_bins=n_bins, norm=norm)
    return float(metric(torch.from_numpy(probs), torch.from_numpy(labels)))


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("n_bins", [10, 15])
def test_ece_and_mce_match_torchmetrics(seed, n_bins):
    probs, labels = _random_probs(seed)
    assert expected_calibration_error(probs, labels, n_bins) == pytest.approx(
        _torchmetrics_ce(probs, labels, n_bins, "l1"), abs=1e-6
    )
    assert maximum_calibration_error(probs, labels, n_bins) == pytest.approx(
        _torchmetrics_ce(probs, labels, n_bins, "max"), abs=1e-6
    )


def test_perfectly_calibrated_predictions_have_near_zero_ece():
    rng = np.random.default_rng(7)
    probs = softmax(rng.normal(scale=2.0, size=(60_000, 5)))
    # Draw each label from its own predicted distribution: calibrated by construction.
    labels = (rng.random((len(probs), 1)) > probs.cumsum(axis=1)).sum(axis=1)
    assert expected_calibration_error(probs, labels, 15) < 0.01


def _overconfident(seed=0, n=4000, k=7, scale=5.0):
    rng = np.random.default_rng(seed)
    true_logits = rng.normal(scale=1.5, size=(n, k))
    probs = softmax(true_logits)
    labels = (rng.random((n, 1)) > probs.cumsum(axis=1)).sum(axis=1)
    return scale * true_logits, labels


def test_temperature_recovers_overconfidence_factor_and_improves_calibration():
    logits, labels = _overconfident(seed=0)
    t = fit_temperature(logits, labels)
    assert t == pytest.approx(5.0, rel=0.1)
    before, after = softmax(logits), softmax(logits, t)
    assert nll_from_logits(logits, labels, t) < nll_from_logits(logits, labels)
    assert expected_calibration_error(after, labels) < 0.5 * expected_calibration_error(before, labels)
    assert (after.argmax(1) == before.argmax(1)).all()


@pytest.mark.parametrize("scale", [0.3, 1.0, 3.0])
def test_temperature_equals_grid_search_minimum(scale):
    logits, labels = _overconfident(seed=3, n=800, scale=scale)
    grid = np.exp(np.linspace(np.log(0.05), np.log(20.0), 4001))
    losses = [nll_from_logits(logits, labels, t) for t in grid]
    best = grid[int(np.argmin(losses))]
    t = fit_temperature(logits, labels)
    assert t == pytest.approx(best, rel=2e-3)
    assert nll_from_logits(logits, labels, t) <= min(losses) + 1e-9


def test_temperature_stays_within_bounds_for_separable_data():
    # Perfectly separable data wants T -> 0; the fit must stop at the lower bound, not run away.
    logits = np.array([[2.0, 0.0], [0.0, 2.0]] * 10)
    labels = np.array([0, 1] * 10)
    assert fit_temperature(logits, labels) == pytest.approx(0.05, rel=1e-3)


def test_nll_and_brier_against_sklearn():
    from sklearn.metrics import log_loss

    probs, labels = _random_probs(11, n=300, k=4)
    assert nll(probs, labels) == pytest.approx(log_loss(labels, probs, labels=range(4)), rel=1e-9)
    onehot = np.eye(4)[labels]
    expected = np.mean(np.sum((probs - onehot) ** 2, axis=1))
    assert brier_score(probs, labels) == pytest.approx(expected)
    assert brier_score(onehot, labels) == 0.0
    assert nll_from_logits(np.log(probs), labels) == pytest.approx(nll(probs, labels), rel=1e-9)


def test_reliability_bins_layout_and_empty_bins():
    probs = np.array([[0.95, 0.05], [0.92, 0.08], [0.55, 0.45], [0.42, 0.58]])
    labels = np.array([0, 1, 0, 1])
    bins = reliability_bins(probs, labels, n_bins=10)
    assert [b["bin"] for b in bins] == list(range(10))
    assert sum(b["count"] for b in bins) == 4
    top = bins[9]
    assert (top["lower"], top["upper"], top["count"]) == (pytest.approx(0.9), 1.0, 2)
    assert top["confidence"] == pytest.approx(0.935) and top["accuracy"] == 0.5
    assert bins[5]["count"] == 2 and bins[5]["accuracy"] == 1.0
    assert bins[0]["count"] == 0 and np.isnan(bins[0]["confidence"])
    # Bins are [lower, upper): an edge value goes up; a confidence of exactly 1.0 belongs to the last bin.
    assert reliability_bins(np.array([[0.6, 0.4]]), np.array([0]), 10)[6]["count"] == 1
    assert reliability_bins(np.array([[1.0, 0.0]]), np.array([0]), 10)[9]["count"] == 1


def test_calibration_report_keys_and_consistency():
    logits, labels = _overconfident(seed=1, n=3000)
    report = calibration_report(logits[:1500], labels[:1500], logits[1500:], labels[1500:], n_bins=15)
    for key in ("ece", "mce", "nll", "brier", "accuracy"):
        assert np.isfinite(report[f"{key}_before"]) and np.isfinite(report[f"{key}_after"])
    assert report["accuracy_before"] == report["accuracy_after"]
    assert report["ece_after"] < report["ece_before"]
    assert report["nll_after"] < report["nll_before"]
    assert report["temperature"] == pytest.approx(fit_temperature(logits[:1500], labels[:1500]))
