"""Lesion-clustered bootstrap: weighted statistics against sklearn, duplication invariance of every CI,
and the threshold-uncertainty CI."""

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score, roc_auc_score

from medrepro.errors import InputError
from medrepro.evaluate.calibration import expected_calibration_error
from medrepro.evaluate.resampling import (
    binary_rates,
    cluster_weights,
    lesion_codes,
    multiclass_rates,
    percentile_ci,
    thresholds_for_sensitivity,
    thresholds_for_specificity,
    weighted_auc,
    weighted_ece,
)
from medrepro.evaluate.thresholds import (
    auc_ci,
    binary_metrics,
    bootstrap_ci,
    operating_point_ci,
    threshold_for_sensitivity,
    threshold_for_specificity,
)
from medrepro.report.comparison import bootstrap_classification_ci


def _clustered(n_lesions, seed, per=(1, 2, 3), prevalence=0.25, k=7):
    """Lesions of 1-3 images; images of one lesion share the label and most of the score."""
    rng = np.random.default_rng(seed)
    sizes = rng.choice(per, size=n_lesions)
    lesions = np.repeat([f"HAM_{seed}_{i}" for i in range(n_lesions)], sizes)
    y = np.repeat(rng.random(n_lesions) < prevalence, sizes).astype(int)
    effect = np.repeat(rng.normal(size=n_lesions), sizes)
    scores = 1 / (1 + np.exp(-(1.5 * y + effect + 0.3 * rng.normal(size=len(y)))))
    labels = np.where(y == 1, 4, np.repeat(rng.choice([0, 1, 2, 3, 5, 6], size=n_lesions), sizes))
    preds = np.where(rng.random(len(y)) < 0.7, labels, rng.integers(0, k, len(y)))
    return lesions, scores, y, labels, preds


def _dup(k, *arrays):
    return [np.repeat(a, k, axis=-1) for a in arrays]


def test_lesion_codes_and_weights():
    codes = lesion_codes(["b", "a", "b", "c"])
    assert codes.tolist() == [0, 1, 0, 2]
    w = cluster_weights(codes, 500, np.random.default_rng(0))
    assert w.shape == (500, 4)
    assert (w[:, 0] == w[:, 2]).all(), "images of one lesion share its draw count"
    assert (w[:, [0, 1, 3]].sum(1) == 3).all(), "each replicate draws as many lesions as there are"
    with pytest.raises(InputError, match="row 4: empty lesion_id"):
        lesion_codes(["a", "b", ""])


def test_weighted_statistics_match_sklearn_sample_weight():
    lesions, scores, y, labels, preds = _clustered(80, 1)
    w = np.random.default_rng(2).integers(0, 4, size=len(y)).astype(float)
    assert weighted_auc(scores, y, w) == pytest.approx(roc_auc_score(y, scores, sample_weight=w), rel=1e-12)
    assert weighted_auc(scores, y, np.ones_like(w)) == pytest.approx(roc_auc_score(y, scores), rel=1e-12)
    tied = np.round(scores, 1)
    assert weighted_auc(tied, y, w) == pytest.approx(roc_auc_score(y, tied, sample_weight=w), rel=1e-12)
    rates = multiclass_rates(labels, preds, 7, w)
    assert rates["accuracy"] == pytest.approx(accuracy_score(labels, preds, sample_weight=w))
    assert rates["balanced_accuracy"] == pytest.approx(balanced_accuracy_score(labels, preds, sample_weight=w))
    assert rates["macro_f1"] == pytest.approx(
        f1_score(labels, preds, labels=list(range(7)), average="macro", sample_weight=w, zero_division=0))
    repeated = np.repeat(np.arange(len(y)), w.astype(int))
    point = binary_metrics(scores[repeated], y[repeated], 0.5)
    for name, value in binary_rates(scores >= 0.5, y == 1, w).items():
        assert value == pytest.approx(point[name])


def test_weighted_ece_is_the_calibration_module_ece():
    rng = np.random.default_rng(3)
    probs = rng.dirichlet(np.ones(4) * 0.5, size=200)
    labels = rng.integers(0, 4, 200)
    ece = weighted_ece(probs.max(1), probs.argmax(1) == labels, np.ones(200), 15)
    assert ece == pytest.approx(expected_calibration_error(probs, labels, 15), rel=1e-12)


@pytest.mark.parametrize("target", [0.8, 0.95, 0.999])
def test_replicate_thresholds_equal_the_point_rule_on_the_drawn_data(target):
    _, scores, y, _, _ = _clustered(60, 4)
    scores = np.round(scores, 2)  # ties
    w = cluster_weights(np.arange(len(y)), 40, np.random.default_rng(5))
    spec = thresholds_for_specificity(scores, y, w, target)
    sens = thresholds_for_sensitivity(scores, y, w, target)
    for b in range(len(w)):
        idx = np.repeat(np.arange(len(y)), w[b].astype(int))
        s, t = scores[idx], y[idx]
        assert spec[b] == (threshold_for_specificity(s, t, target) if (t == 0).any() else pytest.approx(np.nan))
        if (t == 1).any():
            assert sens[b] == threshold_for_sensitivity(s, t, target)


def test_percentile_ci_flags_degenerate_and_undefined():
    assert percentile_ci(np.ones(100), 0.95) == {"low": 1.0, "high": 1.0, "degenerate": True}
    assert not percentile_ci(np.arange(100.0), 0.95)["degenerate"]
    undefined = percentile_ci(np.r_[np.full(60, np.nan), np.arange(40.0)], 0.95)
    assert np.isnan(undefined["low"]) and not undefined["degenerate"]


@pytest.mark.parametrize("k", [2, 4])
def test_every_ci_is_unchanged_by_duplicating_images_within_lesions(k):
    """The lesion is the unit: k copies of every image inside its lesion carry no new information."""
    vl, vs, vy, _, _ = _clustered(70, 6)
    tl, ts, ty, labels, preds = _clustered(90, 7)
    kw = {"n_resamples": 300, "seed": 3, "confidence": 0.9}
    base = {
        "fixed": bootstrap_ci(ts, ty, 0.5, tl, **kw),
        "auc": auc_ci(ts, ty, tl, **kw),
        "spec": operating_point_ci(vs, vy, vl, ts, ty, tl, target_specificity=0.9, **kw),
        "sens": operating_point_ci(vs, vy, vl, ts, ty, tl, target_sensitivity=0.8, **kw),
        "multiclass": bootstrap_classification_ci(labels, preds, 7, tl, **kw),
    }
    dvl, dvs, dvy = _dup(k, vl, vs, vy)
    dtl, dts, dty, dlab, dpred = _dup(k, tl, ts, ty, labels, preds)
    dup = {
        "fixed": bootstrap_ci(dts, dty, 0.5, dtl, **kw),
        "auc": auc_ci(dts, dty, dtl, **kw),
        "spec": operating_point_ci(dvs, dvy, dvl, dts, dty, dtl, target_specificity=0.9, **kw),
        "sens": operating_point_ci(dvs, dvy, dvl, dts, dty, dtl, target_sensitivity=0.8, **kw),
        "multiclass": bootstrap_classification_ci(dlab, dpred, 7, dtl, **kw),
    }
    assert _same(dup, base)
    # resampling images instead of lesions: the duplicated copy looks k times larger and its CI shrinks
    image_level = bootstrap_ci(dts, dty, 0.5, np.arange(len(dts)), **kw)["f1"]
    width = base["fixed"]["f1"]["high"] - base["fixed"]["f1"]["low"]
    assert image_level["high"] - image_level["low"] < 0.8 * width


def _same(a, b):
    if isinstance(a, dict):
        assert a.keys() == b.keys()
        return all(_same(a[key], b[key]) for key in a)
    if isinstance(a, bool):
        assert a == b
        return True
    assert a == pytest.approx(b, rel=1e-9, nan_ok=True)
    return True


def test_threshold_uncertainty_widens_the_operating_point_ci():
    # a small validation split (as the sample's ~45 images) makes the chosen threshold itself uncertain
    vl, vs, vy, _, _ = _clustered(30, 8, prevalence=0.3)
    tl, ts, ty, _, _ = _clustered(300, 9, prevalence=0.3)
    threshold = threshold_for_specificity(vs, vy, 0.9)
    fixed = bootstrap_ci(ts, ty, threshold, tl, n_resamples=1000, seed=1)
    joint = operating_point_ci(vs, vy, vl, ts, ty, tl, target_specificity=0.9, n_resamples=1000, seed=1)
    for name in ("sensitivity", "specificity"):
        assert joint[name]["high"] - joint[name]["low"] > 1.3 * (fixed[name]["high"] - fixed[name]["low"])
        point = binary_metrics(ts, ty, threshold)[name]
        assert joint[name]["low"] <= point <= joint[name]["high"]
    assert joint["threshold"]["low"] < threshold < joint["threshold"]["high"]


def test_operating_point_ci_needs_one_target():
    lesions, scores, y, _, _ = _clustered(20, 10)
    with pytest.raises(ValueError, match="exactly one"):
        operating_point_ci(scores, y, lesions, scores, y, lesions)


def test_bootstrap_benchmark_runs_and_reports_every_stage(capsys):
    import importlib.util
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bootstrap_benchmark.py"
    spec = importlib.util.spec_from_file_location("bootstrap_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--n-test", "80", "--n-val", "30", "--resamples", "20"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["seconds"]) == {"threshold", "compare", "subgroups", "significance_pair"}
    assert all(v > 0 for v in out["seconds"].values()) and isinstance(out["met"], bool)
