"""Cross-validation folds, fold datasets and the fold summary statistics."""

from __future__ import annotations

import statistics

import numpy as np
import pandas as pd
import pytest

from medrepro import layout
from medrepro.data import ham10000 as ham
from medrepro.data.cv import CVConfig, assign_folds, development_pool, fold_roles
from medrepro.errors import ParamsError
from medrepro.evaluate.calibration import fit_temperature, softmax
from medrepro.evaluate.cv import corrected_t_interval, fold_metrics, summarise_folds
from medrepro.evaluate.thresholds import threshold_for_specificity
from medrepro.train.images import CachedImages, SelectedImages


@pytest.fixture(scope="module")
def real_pool(shared_data) -> pd.DataFrame:
    """The real HAM10000 metadata split as prepare_images would, then pooled as cv_train does."""
    meta = pd.read_csv(shared_data / ham.METADATA_FILE, dtype=str, keep_default_na=False)
    meta["split"] = ham.split_by_lesion(meta, 0.15, 0.2, seed=42)
    return development_pool(meta)


def test_pool_is_train_and_val_only_with_cache_rows(real_pool):
    assert set(real_pool["split"]) == {"train", "val"}
    for split in ("train", "val"):
        rows = real_pool.loc[real_pool["split"] == split].sort_values("image_id")["row"]
        assert rows.tolist() == list(range(len(rows))), "row must index the split's cache, sorted by image_id"


def test_real_folds_group_lesions_and_keep_dx_proportions(real_pool):
    fold_of = assign_folds(real_pool, 5, seed=42)
    assert set(fold_of.tolist()) == {0, 1, 2, 3, 4}
    per_lesion = pd.Series(fold_of).groupby(real_pool["lesion_id"].to_numpy()).nunique()
    assert (per_lesion == 1).all(), "a lesion's images must all be in one fold"
    sizes = np.bincount(fold_of)
    assert sizes.min() > 0.9 * len(real_pool) / 5 and sizes.max() < 1.1 * len(real_pool) / 5
    overall = real_pool["dx"].value_counts(normalize=True)
    for k in range(5):
        share = real_pool.loc[fold_of == k, "dx"].value_counts(normalize=True).reindex(overall.index, fill_value=0)
        assert (share - overall).abs().max() < 0.02, (k, share)
    assert np.array_equal(fold_of, assign_folds(real_pool, 5, seed=42))
    assert not np.array_equal(fold_of, assign_folds(real_pool, 5, seed=7))


def test_fold_roles_hold_out_one_fold_and_carve_inner_val_by_lesion(real_pool):
    fold_of = assign_folds(real_pool, 5, seed=42)
    for fold in (0, 3):
        roles = fold_roles(real_pool, fold_of, fold, val_fraction=0.15, seed=42)
        assert set(roles[fold_of == fold]) == {"test"}
        assert set(roles[fold_of != fold]) == {"train", "val"}
        assert (real_pool.groupby("lesion_id")["image_id"].size() > 0).all()
        assert (roles.groupby(real_pool["lesion_id"]).nunique() == 1).all(), "a lesion spans two roles"
        val_share = (roles == "val").sum() / (fold_of != fold).sum()
        assert 0.11 < val_share < 0.18, val_share
    heldout = [set(real_pool.loc[fold_of == f, "image_id"]) for f in range(5)]
    assert set().union(*heldout) == set(real_pool["image_id"]) and sum(map(len, heldout)) == len(real_pool)


def test_fold_params_are_checked():
    with pytest.raises(ParamsError, match="at least 2"):
        CVConfig(folds=1).validate()
    with pytest.raises(ParamsError, match="cv.folds=0"):
        CVConfig(folds=0, fold_ids=[0]).validate()
    with pytest.raises(ParamsError, match="distinct folds in 0..2"):
        CVConfig(folds=3, fold_ids=[0, 3]).validate()
    with pytest.raises(ParamsError, match="distinct"):
        CVConfig(folds=3, fold_ids=[1, 1]).validate()
    with pytest.raises(ParamsError, match="unknown architecture"):
        CVConfig(folds=2, fold_ids=[0], architectures=["resnet5"]).validate()
    with pytest.raises(ParamsError, match="val_fraction"):
        CVConfig(folds=2, fold_ids=[0], val_fraction=0.6).validate()
    CVConfig().validate()
    CVConfig(folds=5, fold_ids=[4, 0], architectures=["resnet50", "vit_b_16"]).validate()
    pool = pd.DataFrame({"lesion_id": ["a", "a", "b"], "dx": ["nv", "nv", "mel"], "image_id": ["1", "2", "3"]})
    with pytest.raises(Exception, match="2 lesions, fewer than cv.folds=3"):
        assign_folds(pool, 3, seed=0)


def test_selected_images_reads_rows_across_cache_splits(tmp_path):
    rng = np.random.default_rng(0)
    for split, n in (("train", 5), ("val", 3)):
        np.save(tmp_path / f"{split}_images.npy", rng.integers(0, 255, (n, 4, 4, 3), dtype=np.uint8))
        np.save(tmp_path / f"{split}_labels.npy", np.arange(n, dtype=np.int64) + (10 if split == "val" else 0))
    selection = pd.DataFrame({"split": ["val", "train", "val", "train"], "row": [2, 4, 0, 1]})
    ds = SelectedImages(tmp_path, selection)
    batch = ds.__getitems__([3, 0, 2])
    train, val = CachedImages(tmp_path, "train"), CachedImages(tmp_path, "val")
    expected = np.stack([train.images[1], val.images[2], val.images[0]])
    assert np.array_equal(batch["images"].numpy(), expected)
    assert batch["labels"].tolist() == [1, 12, 10]
    assert ds.labels.tolist() == [12, 4, 10, 1]
    with pytest.raises(Exception, match="row 9"):
        SelectedImages(tmp_path, pd.DataFrame({"split": ["train"], "row": [9]}))


def test_summary_mean_and_sample_std_match_statistics_module():
    per_fold = {0: {"balanced_accuracy": 0.5, "auc_mel": None, "at_specificity": {"sensitivity": 0.2}},
                1: {"balanced_accuracy": 0.7, "auc_mel": 0.8, "at_specificity": {"sensitivity": 0.4}},
                2: {"balanced_accuracy": 0.65, "auc_mel": float("nan"), "at_specificity": {"sensitivity": None}}}
    out = summarise_folds(per_fold, ("balanced_accuracy", "auc_mel", "macro_f1", "at_specificity.sensitivity"))
    values = [0.5, 0.7, 0.65]
    assert out["balanced_accuracy"]["mean"] == pytest.approx(statistics.mean(values))
    assert out["balanced_accuracy"]["std"] == pytest.approx(statistics.stdev(values))
    assert (out["balanced_accuracy"]["min"], out["balanced_accuracy"]["max"], out["balanced_accuracy"]["n"]) == \
        (0.5, 0.7, 3)
    assert out["auc_mel"] == {"n": 1, "mean": 0.8, "std": None, "min": 0.8, "max": 0.8}
    assert out["at_specificity.sensitivity"]["n"] == 2
    assert out["at_specificity.sensitivity"]["mean"] == pytest.approx(0.3)
    assert out["macro_f1"]["n"] == 0 and out["macro_f1"]["mean"] is None


def test_corrected_t_interval_worked_example_and_statsmodels():
    """Nadeau & Bengio by hand: 5 folds, mean 0.71, s^2 = 5e-4, n_test/n_train = 0.25, t(4, 0.975) = 2.7764:
    half-width 2.7764 * sqrt((1/5 + 0.25) * 5e-4) = 2.7764 * 0.015 = 0.041647."""
    values = [0.70, 0.74, 0.68, 0.72, 0.71]
    low, high = corrected_t_interval(values, 0.25, 0.95)
    assert (low, high) == pytest.approx((0.71 - 0.0416467, 0.71 + 0.0416467), abs=1e-6)
    # independently: statsmodels' naive t interval widened by sqrt(1 + J * n_test/n_train)
    from statsmodels.stats.weightstats import DescrStatsW

    rng = np.random.default_rng(3)
    for k, ratio, confidence in ((5, 0.294, 0.95), (2, 1.0, 0.9), (10, 0.13, 0.99)):
        x = rng.uniform(0.5, 0.9, k)
        naive_low, naive_high = DescrStatsW(x).tconfint_mean(alpha=1 - confidence)
        widen = np.sqrt(1 + k * ratio)
        low, high = corrected_t_interval(x, ratio, confidence)
        assert (high - low) == pytest.approx((naive_high - naive_low) * widen, rel=1e-12)
        assert (low + high) / 2 == pytest.approx(x.mean(), rel=1e-12)
    assert corrected_t_interval([0.7], 0.25, 0.95) is None
    assert corrected_t_interval([0.99, 0.9], 1.0, 0.95, bounds=(0.0, 1.0))[1] == 1.0
    with pytest.raises(ValueError):
        corrected_t_interval(values, 0.0, 0.95)


def test_summary_interval_uses_the_folds_that_define_the_metric():
    per_fold = {0: {"balanced_accuracy": 0.60, "auc_mel": 0.80}, 1: {"balanced_accuracy": 0.70, "auc_mel": None},
                2: {"balanced_accuracy": 0.65, "auc_mel": 0.90}}
    sizes = {0: (100, 400), 1: (100, 200), 2: (120, 400)}
    out = summarise_folds(per_fold, ("balanced_accuracy", "auc_mel", "macro_f1"), sizes, 0.9)
    ratio = np.mean([100 / 400, 100 / 200, 120 / 400])
    assert (out["balanced_accuracy"]["mean_ci_low"], out["balanced_accuracy"]["mean_ci_high"]) == \
        pytest.approx(corrected_t_interval([0.60, 0.70, 0.65], ratio, 0.9))
    auc = out["auc_mel"]
    assert (auc["mean_ci_low"], auc["mean_ci_high"]) == \
        pytest.approx(corrected_t_interval([0.80, 0.90], np.mean([0.25, 0.3]), 0.9, bounds=(0, 1)))
    assert auc["mean_ci_high"] == 1.0, "a proportion's interval is clipped at 1"
    assert out["macro_f1"]["mean_ci_low"] is None
    naive = naive_half_width([0.60, 0.70, 0.65], 0.9)
    ba = out["balanced_accuracy"]
    assert ba["mean_ci_high"] - ba["mean"] == pytest.approx(naive * np.sqrt(1 + 3 * ratio)), \
        "overlapping training sets must widen the naive interval by sqrt(1 + J n_test/n_train)"
    assert "mean_ci_low" not in summarise_folds(per_fold, ("balanced_accuracy",))["balanced_accuracy"]


def naive_half_width(values, confidence):
    from statsmodels.stats.weightstats import DescrStatsW

    low, high = DescrStatsW(np.asarray(values)).tconfint_mean(alpha=1 - confidence)
    return (high - low) / 2


def test_fold_metrics_choose_temperature_and_threshold_on_inner_val_only():
    rng = np.random.default_rng(1)
    classes = ham.CLASSES

    def fake(n):
        labels = rng.integers(0, len(classes), n)
        logits = rng.normal(0, 1, (n, len(classes)))
        logits[np.arange(n), labels] += 2.5
        return logits * 3.0, labels

    val_logits, val_labels = fake(400)
    test_logits, test_labels = fake(300)
    out = fold_metrics(val_logits, val_labels, test_logits, test_labels, classes, positive_class="mel",
                       target_specificity=0.9, n_bins=10)
    t = fit_temperature(val_logits, val_labels)
    assert out["temperature"] == pytest.approx(t)
    mel = classes.index("mel")
    threshold = threshold_for_specificity(softmax(val_logits, t)[:, mel], val_labels == mel, 0.9)
    assert out["at_specificity"]["threshold"] == pytest.approx(threshold)
    test_scores = softmax(test_logits, t)[:, mel]
    positives = test_labels == mel
    assert out["at_specificity"]["sensitivity"] == pytest.approx((test_scores[positives] >= threshold).mean())
    assert out["ece_after"] < out["ece_before"], "over-confident logits (×3) must be calibrated by T > 1"
    assert 0.5 < out["balanced_accuracy"] <= 1.0 and 0.5 < out["auc_mel"] <= 1.0
    assert out["temperature_at_bound"] is False
    no_mel = test_labels != mel
    out = fold_metrics(val_logits, val_labels, test_logits[no_mel], test_labels[no_mel], classes,
                       positive_class="mel", target_specificity=0.9, n_bins=10)
    assert out["at_specificity"]["sensitivity"] is None and out["auc_mel"] is None


def test_cv_summary_names_the_positive_class_and_flags_bounded_temperatures(tmp_path, monkeypatch):
    """cv_summary on two hand-made fold files: vocabulary names, positive class in table, bound flag shown."""
    import json
    import runpy
    import sys
    from pathlib import Path

    import yaml
    from metric_names import Vocabulary

    rng = np.random.default_rng(2)
    classes = ham.CLASSES

    def fake(n, scale):
        labels = rng.integers(0, len(classes), n)
        logits = rng.normal(0, 1, (n, len(classes)))
        logits[np.arange(n), labels] += 2.0
        return logits * scale, labels

    for fold, scale in ((0, 1.0), (1, 0.01)):  # fold 1: tiny logits push the temperature to its lower bound
        (vl, vy), (tl, ty) = fake(200, scale), fake(150, scale)
        held_out = fold_metrics(vl, vy, tl, ty, classes, positive_class="bcc", target_specificity=0.9, n_bins=10)
        path = layout.stage_dir("cv_train", f"resnet50-fold{fold}", tmp_path) / "fold.json"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(
            {"fold": fold, "folds": 2, "n_test": 150, "n_train": 300, "n_val": 200, "best_epoch": 2,
             "held_out": held_out}))
    params = {"cv": {"folds": 2, "fold_ids": [0, 1], "architectures": ["resnet50"]},
              "threshold": {"positive_class": "bcc", "target_specificity": 0.9}}
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["stages/cv_summary.py"])
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "stages" / "cv_summary.py"), run_name="__main__")
    report = json.loads((layout.stage_dir("cv_summary", root=tmp_path) / "cv.json").read_text())
    summary = report["architectures"]["resnet50"]["summary"]
    assert summary["auc_bcc"]["n"] == 2 and "auc_mel" not in summary
    assert summary["at_specificity.sensitivity"]["n"] == 2
    assert report["flags"]["temperature_at_bound"] == ["resnet50-fold1"]
    assert Vocabulary().unknown(report, {"resnet50"}) == []
    table = (tmp_path / "thesis" / "tables" / "cv.tex").read_text()
    assert "bcc AUC" in table and "bcc sens." in table and "Mel" not in table
    assert "search bound" in table and "resnet50-fold1" in table
    assert report["confidence"] == 0.95 and report["ci_method"] == "nadeau_bengio_corrected_t"
    ba = summary["balanced_accuracy"]
    values = [report["architectures"]["resnet50"]["per_fold"][f]["balanced_accuracy"] for f in ("0", "1")]
    assert (ba["mean_ci_low"], ba["mean_ci_high"]) == pytest.approx(
        corrected_t_interval(values, 150 / 300, 0.95, bounds=(0.0, 1.0)))
    assert "95\\% CI of the mean" in table and f"[{ba['mean_ci_low']:.3f}, {ba['mean_ci_high']:.3f}]" in table
