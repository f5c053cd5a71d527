"""End-to-end runs of stages/calibrate.py and stages/threshold.py on a tiny synthetic results/train/ tree."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.optimize
import scipy.special
import yaml

from medrepro import layout

REPO = Path(__file__).resolve().parents[1]
CLASSES = ["akiec", "bcc", "bkl", "df", "mel", "nv", "vasc"]
PARAMS = {
    "calibrate": {"n_bins": 10},
    "threshold": {
        "positive_class": "mel",
        "target_specificity": 0.9,
        "target_sensitivity": 0.8,
        "bootstrap_resamples": 200,
        "confidence": 0.95,
        "seed": 42,
    },
}

TEST_SCALE, TEST_MEL_SHIFT = 2.4, 1.0


def _predictions(n, seed, scale=4.0, mel_shift=0.0):
    """Over-confident logits (x `scale`); `mel_shift` makes melanoma harder: its logit drops on melanomas
    and rises on the rest, so a threshold chosen on one split does not carry over to the other."""
    rng = np.random.default_rng(seed)
    labels = rng.choice(7, size=n, p=[0.05, 0.08, 0.12, 0.03, 0.15, 0.5, 0.07])
    logits = rng.normal(size=(n, 7))
    logits[np.arange(n), labels] += 2.0
    logits[:, 4] += np.where(labels == 4, -mel_shift, mel_shift)
    frame = pd.DataFrame(
        {
            "image_id": [f"ISIC_{seed}{i:05d}" for i in range(n)],
            "lesion_id": [f"HAM_{seed}{i:05d}" for i in range(n)],
            "dx": [CLASSES[k] for k in labels],
            "label": labels,
        }
    )
    for k, name in enumerate(CLASSES):
        frame[f"logit_{name}"] = scale * logits[:, k]
    return frame


@pytest.fixture
def tree(tmp_path):
    out = layout.images("resnet50", tmp_path)
    out.predictions.mkdir(parents=True)
    out.model_json.write_text(json.dumps({"arch": "resnet50", "classes": CLASSES}))
    _predictions(400, 1).to_csv(out.split_predictions("val"), index=False)
    # test comes from another distribution than val (less over-confident, harder melanoma), so a stage
    # that fitted its temperature or thresholds on test would be caught
    _predictions(400, 2, scale=TEST_SCALE, mel_shift=TEST_MEL_SHIFT).to_csv(out.split_predictions("test"),
                                                                             index=False)
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(PARAMS))
    return tmp_path


def _run(stage, cwd, arch="resnet50"):
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("MEDREPRO_DEBUG", None)
    return subprocess.run(
        [sys.executable, str(REPO / "stages" / f"{stage}.py"), arch],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _assert_one_line_error(proc, *fragments):
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def _outputs(root):
    """Everything the calibrate and threshold stages wrote (their folders under results/)."""
    return sorted(
        p.relative_to(root).as_posix()
        for stage in ("calibrate", "threshold")
        if layout.stage_dir(stage, root=root).exists()
        for p in layout.stage_dir(stage, root=root).rglob("*")
        if p.is_file()
    )


def test_calibrate_then_threshold(tree):
    proc = _run("calibrate", tree)
    assert proc.returncode == 0, proc.stderr

    saved = json.loads((layout.images("resnet50", tree).temperature_json).read_text())
    assert saved["n_bins"] == 10 and 1.2 < saved["temperature"] < 20.0  # scaled-up logits need T > 1
    report = json.loads((layout.images("resnet50", tree).calibration_json).read_text())
    assert report["temperature"] == saved["temperature"]
    for key in ("ece", "mce", "nll", "brier", "accuracy"):
        assert math.isfinite(report[f"{key}_before"]) and math.isfinite(report[f"{key}_after"])
    assert report["nll_after"] < report["nll_before"]
    rel = pd.read_csv(layout.images("resnet50", tree).reliability_csv)
    assert set(rel["calibration"]) == {"before", "after"}
    assert {"bin", "confidence", "accuracy", "count"} <= set(rel.columns)
    assert rel[["confidence", "accuracy"]].notna().all().all() and (rel["count"] > 0).all()
    assert rel.groupby("calibration")["count"].sum().tolist() == [400, 400]
    confusion = pd.read_csv(layout.images("resnet50", tree).confusion_csv)
    test = pd.read_csv(layout.images("resnet50", tree).split_predictions("test"))
    predicted = test[[f"logit_{c}" for c in CLASSES]].to_numpy().argmax(axis=1)
    assert confusion["actual"].tolist() == [CLASSES[k] for k in test["label"]]
    assert confusion["predicted"].tolist() == [CLASSES[k] for k in predicted]  # test split, argmax kept by T

    proc = _run("threshold", tree)
    assert proc.returncode == 0, proc.stderr
    metrics = json.loads((layout.images("resnet50", tree).threshold_json).read_text())
    for prefix in ("at_specificity", "at_sensitivity"):
        assert 0.0 < metrics[f"{prefix}.threshold"] < 1.0
        for name in ("sensitivity", "specificity", "ppv", "npv", "f1"):
            low, value, high = (metrics[f"{prefix}.{name}{s}"] for s in ("_ci_low", "", "_ci_high"))
            assert all(math.isfinite(v) for v in (low, value, high)) and low <= high
    assert metrics["at_specificity.val_specificity"] >= 0.9
    assert metrics["at_sensitivity.val_sensitivity"] >= 0.8
    assert metrics["auc_mel_ci_low"] < metrics["auc_mel"] < metrics["auc_mel_ci_high"] <= 1.0
    for name in ("sensitivity", "specificity"):  # the headline CI adds the threshold's own uncertainty
        fixed = (metrics[f"at_specificity.{name}_fixed_threshold_ci_low"],
                 metrics[f"at_specificity.{name}_fixed_threshold_ci_high"])
        assert fixed[0] <= metrics[f"at_specificity.{name}"] <= fixed[1]
        assert (metrics[f"at_specificity.{name}_ci_high"] - metrics[f"at_specificity.{name}_ci_low"]
                > fixed[1] - fixed[0])
    assert metrics["flags.degenerate_ci"] == []
    roc = pd.read_csv(layout.images("resnet50", tree).roc_csv)
    assert list(roc.columns) == ["fpr", "tpr", "threshold"] and np.isfinite(roc.to_numpy()).all()


def test_calibrate_missing_predictions_fails_cleanly(tree):
    (layout.images("resnet50", tree).split_predictions("test")).unlink()
    proc = _run("calibrate", tree)
    _assert_one_line_error(proc, "test.csv", "not found")
    assert _outputs(tree) == []


def test_calibrate_missing_column_fails_cleanly(tree):
    path = layout.images("resnet50", tree).split_predictions("val")
    pd.read_csv(path).drop(columns=["logit_vasc"]).to_csv(path, index=False)
    proc = _run("calibrate", tree)
    _assert_one_line_error(proc, "val.csv", "logit_vasc")
    assert _outputs(tree) == []


def test_threshold_rejects_unknown_positive_class_and_bad_target(tree):
    assert _run("calibrate", tree).returncode == 0
    before = _outputs(tree)
    params = yaml.safe_load((tree / "params.yaml").read_text())
    params["threshold"]["positive_class"] = "melanoma"
    (tree / "params.yaml").write_text(yaml.safe_dump(params))
    _assert_one_line_error(_run("threshold", tree), "positive_class", "melanoma")
    params["threshold"]["positive_class"] = "mel"
    params["threshold"]["target_specificity"] = 1.5
    (tree / "params.yaml").write_text(yaml.safe_dump(params))
    _assert_one_line_error(_run("threshold", tree), "target_specificity")
    assert _outputs(tree) == before


def test_classes_mismatch_fails_cleanly(tree):
    meta = {"arch": "resnet50", "classes": [*CLASSES[:6], "scc"]}
    (layout.images("resnet50", tree).model_json).write_text(json.dumps(meta))
    _assert_one_line_error(_run("calibrate", tree), "val.csv", "logit_scc")
    assert _outputs(tree) == []


def test_read_predictions_returns_arrays_and_checks_rows(tree):
    from medrepro.errors import InputError
    from medrepro.evaluate.predictions import load_classes, load_temperature, read_predictions

    out = layout.images("resnet50", tree)
    classes = load_classes(out.model_json)
    ids, logits, labels = read_predictions(out.split_predictions("val"), classes)
    assert list(ids.columns) == ["image_id", "lesion_id", "dx"] and len(ids) == 400
    assert logits.dtype == np.float64 and logits.shape == (400, 7)
    assert labels.dtype == np.int64 and (np.asarray(classes)[labels] == ids["dx"]).all()

    frame = pd.read_csv(out.split_predictions("val"))
    frame.loc[3, "dx"] = "nv" if frame.loc[3, "dx"] != "nv" else "mel"
    frame.to_csv(tree / "dx.csv", index=False)
    with pytest.raises(InputError, match="row 5: dx"):
        read_predictions(tree / "dx.csv", classes)
    frame = pd.read_csv(out.split_predictions("val"))
    frame.loc[0, "label"] = 9
    frame.to_csv(tree / "label.csv", index=False)
    with pytest.raises(InputError, match="row 2: 'label'"):
        read_predictions(tree / "label.csv", classes)
    frame = pd.read_csv(out.split_predictions("val"))
    frame.loc[1, "logit_bcc"] = np.nan
    frame.to_csv(tree / "nan.csv", index=False)
    with pytest.raises(InputError, match="row 3: logits"):
        read_predictions(tree / "nan.csv", classes)
    with pytest.raises(InputError, match="calibrate stage"):
        load_temperature(out.temperature_json)


def _mel_probabilities(path, temperature):
    frame = pd.read_csv(path)
    logits = frame[[f"logit_{c}" for c in CLASSES]].to_numpy()
    return scipy.special.softmax(logits / temperature, axis=1), frame["label"].to_numpy()


def _nll_minimiser(path):
    frame = pd.read_csv(path)
    logits, labels = frame[[f"logit_{c}" for c in CLASSES]].to_numpy(), frame["label"].to_numpy()

    def nll(log_t):
        return -scipy.special.log_softmax(logits / np.exp(log_t), axis=1)[np.arange(len(labels)), labels].mean()

    return float(np.exp(scipy.optimize.minimize_scalar(nll, bounds=(-3, 3), method="bounded").x))


def test_temperature_and_thresholds_come_from_validation_not_test(tree):
    """Recomputed here from the CSVs with scipy: T minimises validation NLL, thresholds meet their targets on
    validation; test, drawn differently, would give other choices (so swapped splits fail this test)."""
    assert _run("calibrate", tree).returncode == 0
    assert _run("threshold", tree).returncode == 0
    preds = layout.images("resnet50", tree).predictions
    temperature = json.loads((layout.images("resnet50", tree).temperature_json).read_text())["temperature"]
    t_val, t_test = _nll_minimiser(preds / "val.csv"), _nll_minimiser(preds / "test.csv")
    assert abs(t_test - t_val) > 0.15 * t_val  # the splits really disagree
    assert temperature == pytest.approx(t_val, rel=1e-3)

    metrics = json.loads((layout.images("resnet50", tree).threshold_json).read_text())
    k = CLASSES.index("mel")
    (val_p, val_y), (test_p, test_y) = (_mel_probabilities(preds / f"{s}.csv", temperature) for s in ("val", "test"))
    val_s, test_s, val_pos, test_pos = val_p[:, k], test_p[:, k], val_y == k, test_y == k

    thr = metrics["at_specificity.threshold"]
    val_spec, test_spec = (float((s[~pos] < thr).mean()) for s, pos in ((val_s, val_pos), (test_s, test_pos)))
    assert val_spec >= 0.9 > (val_s[~val_pos] < np.max(val_s[val_s < thr])).mean()  # the least strict such cut
    assert test_spec < 0.85  # the harder test negatives miss the target: reported, not re-tuned
    assert metrics["at_specificity.specificity"] == pytest.approx(test_spec)

    thr = metrics["at_sensitivity.threshold"]
    val_sens, test_sens = (float((s[pos] >= thr).mean()) for s, pos in ((val_s, val_pos), (test_s, test_pos)))
    assert val_sens >= 0.8 and test_sens < 0.75
    assert metrics["at_sensitivity.sensitivity"] == pytest.approx(test_sens)
