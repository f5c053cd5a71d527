"""The compare and thesis stages on a small synthetic pipeline tree (real calibrate/threshold outputs)."""

import json
import math
import runpy
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from metric_names import Vocabulary
from PIL import Image
from scipy import stats
from sklearn.metrics import balanced_accuracy_score

from medrepro import layout
from medrepro.evaluate.calibration import softmax
from medrepro.evaluate.metrics import classification_metrics
from medrepro.report import comparison as cmp

REPO = Path(__file__).resolve().parents[1]
CLASSES = ["akiec", "bcc", "bkl", "df", "mel", "nv", "vasc"]
ARCHS = ["resnet50", "vit_b_16"]
PARAMS = {
    "architectures": ARCHS,
    "calibrate": {"n_bins": 10},
    "threshold": {"positive_class": "mel", "target_specificity": 0.9, "target_sensitivity": 0.8,
                  "bootstrap_resamples": 200, "confidence": 0.95, "seed": 42},
    "compare": {"bootstrap_resamples": 300, "confidence": 0.9, "seed": 7},
}


def _predictions(n: int, seed: int, strength: float) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    prior = [0.06, 0.08, 0.12, 0.04, 0.2, 0.43, 0.07]
    labels = np.concatenate([np.arange(7), rng.choice(7, size=n - 7, p=prior)])
    logits = rng.normal(size=(n, 7))
    logits[np.arange(n), labels] += strength
    frame = pd.DataFrame({"image_id": [f"ISIC_{seed}{i:05d}" for i in range(n)],
                          "lesion_id": [f"HAM_{seed}{i:05d}" for i in range(n)],
                          "dx": [CLASSES[k] for k in labels], "label": labels})
    for k, name in enumerate(CLASSES):
        frame[f"logit_{name}"] = 3.0 * logits[:, k]
    return frame


def _run(stage: str, monkeypatch, *args: str) -> None:
    monkeypatch.setattr(sys, "argv", [f"stages/{stage}.py", *args])
    runpy.run_path(str(REPO / "stages" / f"{stage}.py"), run_name="__main__")


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("pipeline")
    mp = pytest.MonkeyPatch()
    mp.chdir(root)
    (root / "params.yaml").write_text(yaml.safe_dump(PARAMS))
    for i, arch in enumerate(ARCHS):
        files = layout.images(arch, root)
        files.predictions.mkdir(parents=True)
        files.model_json.write_text(json.dumps({"arch": arch, "classes": CLASSES, "image_size": 64}))
        _predictions(140, 10 + i, 1.5 + i).to_csv(files.split_predictions("val"), index=False)
        _predictions(160, 20 + i, 1.5 + i).to_csv(files.split_predictions("test"), index=False)
        files.train_json.write_text(json.dumps({
            "best_epoch": 3, "epochs_run": 4, "num_parameters": 1000 + i, "val_accuracy": 0.5,
            "val_balanced_accuracy": 0.4, "val_loss": 1.2}))
        files.timing_json.write_text(json.dumps({
            "train_time_s": 12.5 * (i + 1), "train_images_per_s": 80.0, "resumed_from_epoch": 0}))
        files.gradcam_json.parent.mkdir(parents=True)
        files.gradcam_json.write_text(json.dumps({
            "n_images": 20, "n_undefined": 2, "n_constant_trained": 1, "n_constant_random": 1,
            "rank_correlation_mean": 0.1, "rank_correlation_median": 0.05, "rank_correlation_min": -0.5,
            "rank_correlation_max": 0.7}))
        live = files.dvclive / "plots" / "metrics"
        live.mkdir(parents=True)
        history = {"epoch": [1, 2, 3, 4], "train_loss": [2.0, 1.5, 1.1, 0.9],
                   "val_loss": [2.1, 1.7, 1.4, 1.3], "val_balanced_accuracy": [0.2, 0.3, 0.4, 0.45]}
        for name, values in history.items():
            frame = pd.DataFrame({"step": [1, 2, 3, 4], name: values})
            frame.to_csv(live / f"{name}.tsv", sep="\t", index=False)
        Image.fromarray(np.random.default_rng(i).integers(0, 255, (300, 120, 3), dtype=np.uint8)).save(
            files.gradcam_png)
        _run("calibrate", mp, arch)
        _run("threshold", mp, arch)
    _run("compare", mp)
    mp.undo()
    return root


@pytest.mark.filterwarnings("ignore:y_pred contains classes not in y_true")
def test_bootstrap_ci_with_one_image_per_lesion_equals_scipy_with_sklearn_statistics():
    """Singleton lesions: the same resamples as scipy's own (unvectorised) bootstrap of sklearn's balanced
    accuracy."""
    rng = np.random.default_rng(1)
    y = rng.integers(0, 7, size=60)
    pred = np.where(rng.random(60) < 0.7, y, rng.integers(0, 7, size=60))
    lesions = [f"L{i}" for i in range(60)]
    ours = cmp.bootstrap_classification_ci(y, pred, 7, lesions, n_resamples=200, seed=3, confidence=0.9)
    ref = stats.bootstrap((y, pred), balanced_accuracy_score, n_resamples=200, batch=200, vectorized=False,
                          paired=True, confidence_level=0.9, method="percentile",
                          rng=np.random.default_rng(3))
    assert ours["balanced_accuracy"]["low"] == pytest.approx(ref.confidence_interval.low)
    assert ours["balanced_accuracy"]["high"] == pytest.approx(ref.confidence_interval.high)
    point = balanced_accuracy_score(y, pred)
    assert ours["balanced_accuracy"]["low"] <= point <= ours["balanced_accuracy"]["high"]
    assert ours == cmp.bootstrap_classification_ci(y, pred, 7, lesions, n_resamples=200, seed=3, confidence=0.9)


def _leaves(node, prefix=""):
    for key, value in node.items():
        if isinstance(value, dict):
            yield from _leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def test_comparison_json_has_consistent_finite_metrics(tree):
    comparison = json.loads(layout.comparison_json(tree).read_text())
    assert list(comparison) == sorted(ARCHS)
    for arch in ARCHS:
        entry = comparison[arch]
        for key, value in _leaves(entry):
            assert key == key.lower() and " " not in key, key
            if key == "flags.degenerate_ci":
                assert isinstance(value, list)
                continue
            assert isinstance(value, (int, float)) and math.isfinite(value), (arch, key, value)
        assert entry["flags"]["temperature_at_bound"] is False
        for key in ("accuracy", "balanced_accuracy", "macro_f1", "auc_mel", "auc_mel_ci_low", "ece_before",
                    "ece_after", "temperature", "num_parameters", "train_time_s", "train_images_per_s",
                    "n_test",
                    "balanced_accuracy_ci_low", "balanced_accuracy_ci_high", "at_specificity",
                    "at_sensitivity"):
            assert key in entry, key
        assert {f"auc_{c}" for c in CLASSES} <= set(entry)
        low, high = entry["balanced_accuracy_ci_low"], entry["balanced_accuracy_ci_high"]
        assert low <= entry["balanced_accuracy"] <= high
        assert entry["at_specificity"]["sensitivity_ci_low"] <= entry["at_specificity"]["sensitivity"]

        files = layout.images(arch, tree)
        test = pd.read_csv(files.split_predictions("test"))
        temperature = json.loads(files.temperature_json.read_text())["temperature"]
        probs = softmax(test[[f"logit_{c}" for c in CLASSES]].to_numpy(), temperature)
        expected = classification_metrics(probs, test["label"].to_numpy(), CLASSES)
        for key in ("accuracy", "balanced_accuracy", "macro_f1", "auc_mel", "auc_bkl"):
            assert entry[key] == pytest.approx(expected[key])
        threshold = json.loads(files.threshold_json.read_text())
        assert entry["auc_mel"] == pytest.approx(threshold["auc_mel"])  # same calibrated scores, two stages
        assert "mel_auc" not in entry and "roc_auc" not in entry
        assert entry["n_test"] == len(test) and entry["num_parameters"] == 1000 + ARCHS.index(arch)

        confusion = pd.read_csv(files.confusion_csv)
        assert list(confusion.columns) == ["actual", "predicted"] and len(confusion) == len(test)
        assert (confusion["actual"] == test["dx"]).all()
        assert (confusion["predicted"] == [CLASSES[k] for k in probs.argmax(axis=1)]).all()
    # the second architecture got stronger synthetic logits
    assert comparison["vit_b_16"]["accuracy"] > comparison["resnet50"]["accuracy"]
    # every metrics file is in the metric vocabulary; the rest of results/ is model metadata
    outputs = [layout.images(arch, tree) for arch in ARCHS]
    metrics = [layout.comparison_json(tree)] + [
        path for f in outputs
        for path in (f.calibration_json, f.threshold_json, f.train_json, f.timing_json, f.gradcam_json)]
    metadata = [path for f in outputs for path in (f.model_json, f.temperature_json)]
    assert sorted((tree / layout.RESULTS).rglob("*.json")) == sorted(metrics + metadata)
    assert [k for f in metrics for k in Vocabulary().unknown_in_file(f, set(ARCHS))] == []


def test_compare_rejects_threshold_from_another_calibration(tree, tmp_path, monkeypatch, capsys):
    import shutil

    root = tmp_path / "copy"
    shutil.copytree(tree, root)
    path = layout.images("vit_b_16", root).threshold_json
    data = json.loads(path.read_text())
    data["temperature"] *= 1.5
    path.write_text(json.dumps(data))
    monkeypatch.chdir(root)
    with pytest.raises(SystemExit) as exc:
        _run("compare", monkeypatch)
    assert exc.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "threshold.json" in err[0] and "temperature" in err[0]


def test_thesis_stage_writes_figures_tables_and_keeps_main_tex(tree, tmp_path, monkeypatch):
    import shutil

    root = tmp_path / "copy"
    shutil.copytree(tree, root)
    (root / "thesis" / "tables").mkdir(parents=True)
    foreign = root / "thesis" / "tables" / "notes_comparison.tex"  # another stage's output
    foreign.write_text("kept")
    monkeypatch.chdir(root)
    _run("thesis", monkeypatch)

    thesis_mod = runpy.run_path(str(REPO / "stages" / "thesis.py"))
    for rel in thesis_mod["OUTPUTS"]:
        path = root / "thesis" / rel
        assert path.is_file() and path.stat().st_size > 300, rel
        if rel.endswith(".pdf"):
            assert path.read_bytes()[:5] == b"%PDF-"
        elif rel.endswith(".png"):
            assert min(Image.open(path).size) > 100
    assert foreign.read_text() == "kept"
    assert not list((root / "thesis").glob(".staging-*"))

    latex = (root / "thesis" / "tables" / "comparison.tex").read_text()
    assert all(latex.count(rule) == 1 for rule in ("\\toprule", "\\midrule", "\\bottomrule"))
    body = latex.split("\\midrule", 1)[1].split("\\bottomrule", 1)[0]
    names = [line.split(" & ")[0] for line in body.strip().splitlines() if "&" in line]
    assert names == ["resnet50", "vit\\_b\\_16"]
    assert "90\\% percentile bootstrap confidence intervals over lesions" in latex  # compare.confidence
    assert "95\\% lesion-bootstrap" in (root / "thesis" / "tables" / "operating_points.tex").read_text()

    main_tex = root / "thesis" / "main.tex"
    text = main_tex.read_text()
    assert "\\usepackage{booktabs}" in text and "\\usepackage{graphicx}" in text
    for name in ("comparison", "operating_points", "per_class_auc", "calibration", "gradcam"):
        assert f"\\input{{tables/{name}}}" in text
    for name in ("comparison", "roc", "reliability", "confusion", "training_curves", "gradcam"):
        assert f"{{{name}}}" in text
    main_tex.write_text(text + "% my edits\n")
    _run("thesis", monkeypatch)
    assert main_tex.read_text().endswith("% my edits\n")
