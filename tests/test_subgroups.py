"""Subgroup assignment, per-group metrics, fairness gaps, and the subgroups stage on a synthetic tree."""

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
from fairlearn.metrics import equalized_odds_difference
from metric_names import Vocabulary
from sklearn.metrics import balanced_accuracy_score, roc_auc_score

from medrepro import layout
from medrepro.errors import InputError
from medrepro.evaluate.calibration import expected_calibration_error, softmax
from medrepro.evaluate.subgroups import (
    age_band_labels,
    assign_groups,
    ece_by_chance,
    group_frame,
    read_metadata,
    subgroup_report,
)

REPO = Path(__file__).resolve().parents[1]
CLASSES = ["akiec", "bcc", "bkl", "df", "mel", "nv", "vasc"]
MEL = CLASSES.index("mel")


def _meta(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base = {"image_id": [f"ISIC_{i}" for i in range(n)], "lesion_id": [f"HAM_{i // 2}" for i in range(n)],
            "dx": ["nv"] * n, "split": ["test"] * n,
            "dx_type": ["histo"] * n, "age": [50.0] * n, "sex": ["male"] * n, "localization": ["back"] * n}
    base.update(columns)
    return pd.DataFrame(base)


# --- groups --------------------------------------------------------------------------------------------

def test_age_band_labels():
    assert age_band_labels([30, 50, 70]) == ["<30", "30\u201349", "50\u201369", "\u226570"]
    assert age_band_labels([18]) == ["<18", "\u226518"]
    for bad in ([], [50, 30], [30, 30], [0, 10], [30.5]):
        with pytest.raises(ValueError):
            age_band_labels(bad)


def test_group_counts_with_missing_ages_and_unknown_sex():
    meta = _meta(
        age=[10, 29, 30, 49, 50, 69, 70, 85, np.nan, np.nan],
        sex=["male", "female", "Female", "unknown", "", None, "male", "male", "female", "MALE "],
        localization=["back", "back", "back", "face", "face", "trunk", "trunk", "scalp", "ear", None],
        dx_type=["histo", "histo", "consensus", "consensus", "consensus", "follow_up", "histo", "histo",
                 "confocal", ""],
    )
    groups, orders = assign_groups(meta, [30, 50, 70], top_localizations=2)
    counts = {a: groups[a].value_counts().to_dict() for a in groups}
    assert counts["age"] == {"<30": 2, "30\u201349": 2, "50\u201369": 2, "\u226570": 2, "unknown": 2}
    assert orders["age"] == ["<30", "30\u201349", "50\u201369", "\u226570", "unknown"]
    # case and whitespace are normalised; explicit 'unknown', empty and missing all mean unknown
    assert counts["sex"] == {"male": 4, "female": 3, "unknown": 3}
    assert orders["sex"] == ["male", "female", "unknown"]
    # top 2 sites: back (3), then face/trunk tied at 2 -> face by name; the rest is 'other'
    assert counts["localization"] == {"back": 3, "face": 2, "other": 4, "unknown": 1}
    assert orders["localization"] == ["back", "face", "other", "unknown"]
    assert counts["dx_type"] == {"histo": 4, "consensus": 3, "follow_up": 1, "confocal": 1, "unknown": 1}
    assert orders["dx_type"] == ["histo", "consensus", "confocal", "follow_up", "unknown"]


def test_read_metadata_parses_and_rejects_bad_ages(tmp_path):
    path = tmp_path / "splits.csv"
    _meta(age=["45", "", "80"]).to_csv(path, index=False)
    frame = read_metadata(path)
    assert frame["age"].iloc[0] == 45.0 and math.isnan(frame["age"].iloc[1])
    _meta(age=["45", "forty", "80"]).to_csv(path, index=False)
    with pytest.raises(InputError, match=r"row 3: age 'forty'"):
        read_metadata(path)
    _meta(age=["45", "-5", "80"]).to_csv(path, index=False)
    with pytest.raises(InputError, match=r"row 3: age '-5'"):
        read_metadata(path)
    _meta(age=["45", "50", "80"]).drop(columns="sex").to_csv(path, index=False)
    with pytest.raises(InputError, match=r"missing column\(s\) \['sex'\]"):
        read_metadata(path)


# --- metrics -------------------------------------------------------------------------------------------

def _synthetic(n: int, seed: int, strength: float = 2.0, per_lesion: int = 2):
    """Calibrated-ish probabilities, labels, and lesions of `per_lesion` images sharing label and logits."""
    rng = np.random.default_rng(seed)
    n_lesions = n // per_lesion
    labels = np.repeat(rng.choice(7, size=n_lesions, p=[0.05, 0.1, 0.1, 0.05, 0.25, 0.4, 0.05]), per_lesion)
    logits = np.repeat(rng.normal(size=(n_lesions, 7)), per_lesion, axis=0) + 0.3 * rng.normal(size=(n, 7))
    logits[np.arange(n), labels] += strength
    lesions = np.repeat([f"HAM_{seed}_{i}" for i in range(n_lesions)], per_lesion)
    return softmax(logits, 1.0), labels, lesions


def _report(probs, labels, lesions, groups_meta, **kw):
    groups, orders = assign_groups(groups_meta, [30, 50, 70], 5)
    defaults = {"min_group_size": 10, "n_bins": 10, "n_resamples": 200, "seed": 3}
    return subgroup_report(groups, orders, probs, labels, lesions, MEL, 0.3, "mel", **{**defaults, **kw})


def _sex_meta(n, rng):
    return _meta(sex=rng.choice(["female", "male"], size=n).tolist(), age=[40.0] * n)


def test_group_metrics_come_from_fairlearn_and_match_references():
    probs, labels, lesions = _synthetic(240, 1)
    rng = np.random.default_rng(0)
    sex = np.repeat(rng.choice(["female", "male"], size=120), 2)
    report = _report(probs, labels, lesions, _meta(sex=sex.tolist(), age=[40.0] * 240))
    pos, predicted = labels == MEL, probs[:, MEL] >= 0.3
    frame = group_frame(probs, labels, sex, MEL, 0.3, "mel", 10).by_group
    for group in ("female", "male"):
        m, mask = report["sex"][group], sex == group
        assert (m["n"], m["n_lesions"], m["n_positive"]) == (mask.sum(), mask.sum() // 2, (pos & mask).sum())
        assert m["sensitivity"] == pytest.approx((predicted & pos & mask).sum() / (pos & mask).sum())
        assert m["specificity"] == pytest.approx((~predicted & ~pos & mask).sum() / (~pos & mask).sum())
        assert m["balanced_accuracy"] == pytest.approx(balanced_accuracy_score(labels[mask],
                                                                               probs[mask].argmax(axis=1)))
        assert m["auc_mel"] == pytest.approx(roc_auc_score(pos[mask], probs[mask, MEL]))
        assert m["ece"] == pytest.approx(expected_calibration_error(probs[mask], labels[mask], 10))
        assert m["ece_excess"] == pytest.approx(m["ece"] - m["ece_chance"])
        for name in ("balanced_accuracy", "sensitivity", "specificity", "auc_mel", "ece"):
            assert m[name] == pytest.approx(frame.loc[group, name])
            assert m[f"{name}_ci_low"] <= m[name] <= m[f"{name}_ci_high"], name
            assert m[f"{name}_ci_low"] < m[f"{name}_ci_high"], name
    # the point gaps are fairlearn's: equalized-odds difference over the two groups
    expected = equalized_odds_difference(pos, predicted, sensitive_features=sex)
    assert report["fairness"]["sex"]["equalized_odds_gap"] == pytest.approx(expected)
    again = _report(probs, labels, lesions, _meta(sex=sex.tolist(), age=[40.0] * 240))
    assert json.dumps(report, sort_keys=True, default=str) == json.dumps(again, sort_keys=True, default=str)


def test_group_without_positives_has_no_sensitivity_or_auc():
    probs, labels, lesions = _synthetic(60, 2)
    keep = labels != MEL
    report = _report(probs[keep], labels[keep], lesions[keep], _meta(sex=["female"] * int(keep.sum())),
                     n_resamples=50)
    m = report["sex"]["female"]
    assert m["n_positive"] == 0
    for name in ("sensitivity", "auc_mel"):
        assert math.isnan(m[name]) and math.isnan(m[f"{name}_ci_low"]) and math.isnan(m[f"{name}_ci_high"])
    assert math.isfinite(m["specificity"]) and math.isfinite(m["ece"])


def test_insufficient_groups_are_flagged_not_measured():
    probs, labels, lesions = _synthetic(40, 4)
    meta = _meta(sex=["female"] * 30 + ["male"] * 9 + ["unknown"], age=[20.0] * 40)
    report = _report(probs, labels, lesions, meta, n_resamples=30)
    assert report["sex"]["male"] == {"n": 9, "n_lesions": 5, "insufficient": True}
    assert report["sex"]["unknown"] == {"n": 1, "n_lesions": 1, "insufficient": True}
    assert report["sex"]["female"]["insufficient"] is False and report["sex"]["female"]["n"] == 30
    assert report["overall"]["n"] == 40 and report["overall"]["threshold"] == 0.3
    assert report["fairness"]["sex"]["n_groups"] == 1
    assert math.isnan(report["fairness"]["sex"]["equalized_odds_gap"])
    assert report["flags"]["small_groups"] == ["sex=male", "sex=unknown"]


def test_zero_width_gap_cis_are_flagged():
    probs, labels, lesions = _synthetic(80, 9)
    probs = np.tile(np.eye(7)[labels] * 0.9 + 0.1 / 7, 1)  # every group perfectly sensitive and specific
    meta = _meta(sex=["female"] * 40 + ["male"] * 40, age=[40.0] * 80)
    report = _report(probs, labels, lesions, meta, n_resamples=50)
    assert report["fairness"]["sex"]["sensitivity_gap"] == 0.0
    assert "fairness.sex.sensitivity_gap" in report["flags"]["degenerate_ci"]
    assert "sex=female.sensitivity" in report["flags"]["degenerate_ci"]


def test_dx_type_is_a_confounder_without_gaps():
    probs, labels, lesions = _synthetic(80, 5)
    report = _report(probs, labels, lesions, _meta(dx_type=["histo"] * 40 + ["follow_up"] * 40))
    assert "dx_type" not in report and "dx_type" not in report["fairness"]
    assert set(report["confounders"]["dx_type"]) == {"histo", "follow_up"}
    assert report["confounders"]["dx_type"]["histo"]["n"] == 40


def test_every_subgroup_ci_and_gap_is_unchanged_by_duplicating_images_within_lesions():
    probs, labels, lesions = _synthetic(200, 6)
    rng = np.random.default_rng(1)
    sex = np.repeat(rng.choice(["female", "male"], size=100), 2).tolist()
    base = _report(probs, labels, lesions, _meta(sex=sex, age=[40.0] * 200), min_group_size=5)
    k = 3
    dup = _report(np.repeat(probs, k, axis=0), np.repeat(labels, k), np.repeat(lesions, k),
                  _meta(sex=np.repeat(sex, k).tolist(), age=[40.0] * 200 * k), min_group_size=5)

    def compare(a, b, path=""):
        if isinstance(a, dict):
            for key in a:
                compare(a[key], b[key], f"{path}.{key}")
        elif path.endswith((".n", ".n_positive")):
            assert b == k * a, path
        elif isinstance(a, float):
            assert b == pytest.approx(a, rel=1e-9, nan_ok=True), path
        else:
            assert a == b, path

    compare(base, dup)


def test_ece_by_chance_shrinks_with_group_size():
    rng = np.random.default_rng(0)
    small = ece_by_chance(np.full(12, 0.7), np.arange(12), 15, rng)
    large = ece_by_chance(np.full(1200, 0.7), np.arange(1200), 15, rng)
    assert 0.08 < small and large < 0.03  # a perfectly calibrated model still shows ECE on 12 images
    # twelve images of three lesions carry the information of three images
    clustered = ece_by_chance(np.full(12, 0.7), np.repeat(np.arange(3), 4), 15, rng)
    assert clustered == pytest.approx(ece_by_chance(np.full(3, 0.7), np.arange(3), 15, rng), abs=0.02)
    assert clustered > small


def test_gap_cis_cover_the_gap_and_separate_a_planted_difference():
    probs, labels, lesions = _synthetic(400, 8)
    sex = np.repeat(np.r_[["female"] * 100, ["male"] * 100], 2)
    predicted_probs = probs.copy()
    male = sex == "male"
    predicted_probs[male, MEL] *= 0.2  # the model misses melanomas in men
    predicted_probs /= predicted_probs.sum(axis=1, keepdims=True)
    report = _report(predicted_probs, labels, lesions, _meta(sex=sex.tolist(), age=[40.0] * 400))
    gaps = report["fairness"]["sex"]
    assert gaps["sensitivity_gap_ci_low"] <= gaps["sensitivity_gap"] <= gaps["sensitivity_gap_ci_high"]
    assert gaps["sensitivity_gap_ci_low"] > 0.1  # the CI excludes no gap
    assert report["sex"]["male"]["sensitivity"] < report["sex"]["female"]["sensitivity"]


# --- the stage -----------------------------------------------------------------------------------------

PARAMS = {
    "architectures": ["resnet50", "vit_b_16"],
    "calibrate": {"n_bins": 10},
    "threshold": {"positive_class": "mel"},
    "subgroups": {"age_bands": [30, 50, 70], "top_localizations": 3, "min_group_size": 10,
                  "bootstrap_resamples": 50, "confidence": 0.95, "seed": 42},
}


@pytest.fixture
def tree(tmp_path):
    rng = np.random.default_rng(7)
    n = 160
    labels = rng.choice(7, size=n, p=[0.05, 0.1, 0.1, 0.05, 0.25, 0.4, 0.05])
    ids = [f"ISIC_{i:07d}" for i in range(n)]
    meta = pd.DataFrame({
        "image_id": ids + ["ISIC_9999998", "ISIC_9999999"],
        "lesion_id": [f"HAM_{i}" for i in range(n + 2)],
        "dx": [CLASSES[k] for k in labels] + ["nv", "mel"],
        "split": ["test"] * n + ["train", "val"],
        "dx_type": rng.choice(["histo", "follow_up", "consensus", "confocal"], size=n + 2),
        "age": [str(a) if a >= 0 else "" for a in rng.choice([-1, 15, 35, 45, 55, 65, 75, 85], size=n + 2)],
        "sex": rng.choice(["male", "female", "unknown"], size=n + 2, p=[0.5, 0.45, 0.05]),
        "localization": rng.choice(["back", "face", "trunk", "foot", "scalp", "unknown"], size=n + 2),
    })
    splits = tmp_path / layout.PREPARED_IMAGES / "splits.csv"
    splits.parent.mkdir(parents=True)
    meta.to_csv(splits, index=False)
    for arch, strength, order in (("resnet50", 2.5, np.arange(n)), ("vit_b_16", 1.0, rng.permutation(n))):
        files = layout.images(arch, tmp_path)
        files.predictions.mkdir(parents=True)
        files.model_json.write_text(json.dumps({"arch": arch, "classes": CLASSES}))
        files.temperature_json.parent.mkdir(parents=True)
        files.temperature_json.write_text(json.dumps({"temperature": 1.5, "n_bins": 10}))
        logits = rng.normal(size=(n, 7))
        logits[np.arange(n), labels] += strength
        frame = pd.DataFrame({"image_id": ids, "lesion_id": meta["lesion_id"][:n], "dx": meta["dx"][:n],
                              "label": labels})
        for k, name in enumerate(CLASSES):
            frame[f"logit_{name}"] = logits[:, k]
        frame.iloc[order].to_csv(files.split_predictions("test"), index=False)  # vit: shuffled rows
        files.threshold_json.parent.mkdir(parents=True)
        files.threshold_json.write_text(json.dumps({"at_specificity.threshold": 0.35,
                                                            "at_specificity.target": 0.95,
                                                            "temperature": 1.5, "n_test": n}))
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(PARAMS))
    return tmp_path


def _run(cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("MEDREPRO_DEBUG", None)
    return subprocess.run([sys.executable, str(REPO / "stages" / "subgroups.py")], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def _assert_one_line_error(proc: subprocess.CompletedProcess, *fragments: str) -> None:
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_subgroups_stage(tree):
    proc = _run(tree)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(layout.subgroups_json(tree).read_text())
    assert set(report) == {"resnet50", "vit_b_16"}
    assert Vocabulary().unknown(report, set(report)) == []
    test = pd.read_csv(tree / layout.PREPARED_IMAGES / "splits.csv").query("split == 'test'")
    for arch, entry in report.items():
        assert set(entry) == {"overall", "sex", "age", "localization", "confounders", "fairness", "flags"}
        assert entry["overall"]["n"] == 160
        for attribute in ("sex", "age", "localization"):
            assert sum(g["n"] for g in entry[attribute].values()) == 160, (arch, attribute)
        assert sum(g["n"] for g in entry["confounders"]["dx_type"].values()) == 160
        assert entry["sex"]["male"]["n"] == int((test["sex"] == "male").sum())
        assert entry["age"]["unknown"]["n"] == int(test["age"].isna().sum())
        assert set(entry["localization"]) <= {"back", "face", "trunk", "foot", "scalp", "other", "unknown"}
        assert "other" in entry["localization"] and len(entry["localization"]) == 5
        assert set(entry["fairness"]) == {"sex", "age", "localization"}
        assert all(g.startswith(("sex=", "age=", "localization=", "dx_type=")) for g in entry["flags"]["small_groups"])
    # the shuffled vit_b_16 file is aligned by image_id: its groups hold the same images
    for attribute in ("sex", "age", "localization"):
        for group, g in report["resnet50"][attribute].items():
            assert report["vit_b_16"][attribute][group]["n"] == g["n"]
            if not g["insufficient"]:
                assert report["vit_b_16"][attribute][group]["n_positive"] == g["n_positive"]
    # the stronger model is more sensitive overall at the same threshold
    assert report["resnet50"]["overall"]["sensitivity"] > report["vit_b_16"]["overall"]["sensitivity"]
    table = (tree / "thesis" / "tables" / "subgroups.tex").read_text()
    assert table.count("\\toprule") == 3 and "$\\geq$70" in table and "30--49" in table
    assert "confounder" in table and "95\\% lesion-bootstrap" in table
    for fmt in ("pdf", "png"):
        assert (tree / "thesis" / "figures" / f"subgroups_forest.{fmt}").stat().st_size > 10_000


def test_subgroups_stage_rejects_bad_splits(tree):
    splits = tree / layout.PREPARED_IMAGES / "splits.csv"
    pd.read_csv(splits).drop(columns="localization").to_csv(splits, index=False)
    _assert_one_line_error(_run(tree), "splits.csv", "localization")
    assert not layout.subgroups_json(tree).exists()


def test_subgroups_stage_rejects_stale_threshold(tree):
    path = layout.images("vit_b_16", tree).threshold_json
    path.write_text(json.dumps({**json.loads(path.read_text()), "temperature": 2.0}))
    _assert_one_line_error(_run(tree), "threshold.json", "temperature", "rerun the threshold stage")
