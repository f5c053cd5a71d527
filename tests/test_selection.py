"""Nothing measured on test selects anything: epoch, temperature, thresholds and the served model.

Each test runs the real code twice, once with the test split as it is and once with test predictions (or
test images) replaced by ones that would favour other choices, and asserts every choice stays put while
the test metrics themselves do move (so the perturbation reached the code).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from medrepro import layout
from medrepro.data.ham10000 import CLASSES
from medrepro.predict import ModelStore

REPO = Path(__file__).resolve().parents[1]
ARCHS = ("resnet50", "vit_b_16")
PARAMS = {
    "calibrate": {"n_bins": 10},
    "threshold": {"positive_class": "mel", "target_specificity": 0.9, "target_sensitivity": 0.8,
                  "bootstrap_resamples": 100, "confidence": 0.95, "seed": 0},
}


def _frame(labels: np.ndarray, logits: np.ndarray, prefix: str) -> pd.DataFrame:
    frame = pd.DataFrame({"image_id": [f"ISIC_{prefix}{i:05d}" for i in range(len(labels))],
                          "lesion_id": [f"HAM_{prefix}{i // 2:05d}" for i in range(len(labels))],
                          "dx": [CLASSES[k] for k in labels], "label": labels})
    for k, name in enumerate(CLASSES):
        frame[f"logit_{name}"] = logits[:, k]
    return frame


def _logits(labels: np.ndarray, signal: float, scale: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    logits = rng.normal(size=(len(labels), len(CLASSES)))
    logits[np.arange(len(labels)), labels] += signal
    return scale * logits


def _labels(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).choice(len(CLASSES), size=n, p=[.08, .1, .12, .05, .2, .38, .07])


def _tree(root: Path) -> Path:
    """results/train/<arch> for two architectures as train writes them; validation prefers vit_b_16."""
    for i, (arch, val_bacc) in enumerate(zip(ARCHS, (0.55, 0.7), strict=True)):
        files = layout.images(arch, root)
        files.predictions.mkdir(parents=True)
        files.model_json.write_text(json.dumps({"arch": arch, "classes": CLASSES}))
        files.weights.write_bytes(b"")  # choosing the default only checks it exists
        val, test = _labels(300, 10 + i), _labels(300, 20 + i)
        _frame(val, _logits(val, 2.0, 3.0, 30 + i), "1").to_csv(files.split_predictions("val"), index=False)
        _frame(test, _logits(test, 2.0, 3.0, 40 + i), "2").to_csv(files.split_predictions("test"), index=False)
        files.train_json.write_text(json.dumps(
            {"best_epoch": 3, "epochs_run": 4, "val_balanced_accuracy": val_bacc, "val_loss": 1.0}))
    (root / "params.yaml").write_text(yaml.safe_dump(PARAMS))
    return root


def _stage(stage: str, root: Path, arch: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run([sys.executable, str(REPO / "stages" / f"{stage}.py"), arch], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr


def _choices(root: Path) -> dict:
    """Run calibrate and threshold for every architecture; what they chose, and what they measured on test."""
    out = {}
    for arch in ARCHS:
        _stage("calibrate", root, arch)
        _stage("threshold", root, arch)
        files = layout.images(arch, root)
        temperature = json.loads(files.temperature_json.read_text())["temperature"]
        report = json.loads(files.threshold_json.read_text())
        out[arch] = {"temperature": temperature,
                     "thresholds": (report["at_specificity.threshold"], report["at_sensitivity.threshold"]),
                     "test_auc": report["auc_mel"]}
    out["default"] = ModelStore.from_repo(root).default()
    return out


def test_test_predictions_move_no_temperature_threshold_or_default_model(tmp_path):
    root = _tree(tmp_path)
    comparison = layout.comparison_json(root)
    comparison.parent.mkdir(parents=True)
    comparison.write_text(json.dumps(
        {"resnet50": {"balanced_accuracy": 0.6}, "vit_b_16": {"balanced_accuracy": 0.5}}))
    before = _choices(root)
    assert before["default"] == "vit_b_16"

    # Make resnet50 near-perfect and vit_b_16 useless on test, with test logits on another scale
    # (a temperature or threshold fitted on test would move), and say so in comparison.json.
    for arch, signal in (("resnet50", 8.0), ("vit_b_16", 0.0)):
        path = layout.images(arch, root).split_predictions("test")
        frame = pd.read_csv(path)
        labels = frame["label"].to_numpy()
        _frame(labels, _logits(labels, signal, 0.5, 99), "2").to_csv(path, index=False)
    comparison.write_text(json.dumps(
        {"resnet50": {"balanced_accuracy": 0.99}, "vit_b_16": {"balanced_accuracy": 0.14}}))
    after = _choices(root)

    assert after["resnet50"]["test_auc"] > 0.99 > before["resnet50"]["test_auc"]  # the change reached test
    assert after["vit_b_16"]["test_auc"] < 0.7 < before["vit_b_16"]["test_auc"]
    for arch in ARCHS:
        assert after[arch]["temperature"] == before[arch]["temperature"]
        assert after[arch]["thresholds"] == before[arch]["thresholds"]
    assert after["default"] == "vit_b_16"


def _prepared(root: Path, n: dict[str, int], size: int, seed: int) -> Path:
    """A prepare_images-style cache whose class is written in the image (a coloured square per class)."""
    rng = np.random.default_rng(seed)
    colours = rng.integers(0, 256, size=(len(CLASSES), 3))
    root.mkdir(parents=True)
    for split, count in n.items():
        labels = np.arange(count) % len(CLASSES)
        images = rng.integers(60, 140, size=(count, size, size, 3)).astype(np.uint8)
        for i, k in enumerate(labels):
            r, c = rng.integers(0, size // 2, size=2)
            images[i, r:r + size // 2, c:c + size // 2] = colours[k]
        np.save(root / f"{split}_images.npy", images)
        np.save(root / f"{split}_labels.npy", labels.astype(np.int64))
    return root


@pytest.mark.usefixtures("one_torch_thread")
def test_test_images_do_not_move_the_best_epoch_or_the_weights(tmp_path):
    from medrepro.train.images import ImageTrainConfig, train_image_model

    cfg = ImageTrainConfig(arch="resnet50", image_size=32, epochs=4, batch_size=16, lr=3e-3, warmup_epochs=0.5,
                           model_kwargs={"channels": [8, 16, 32, 64], "stem_width": 8}, log_with=[],
                           channels_last=False)
    prepared = _prepared(tmp_path / "prepared", {"train": 56, "val": 28, "test": 28}, 32, seed=0)
    first = train_image_model(cfg, prepared, tmp_path / "ckpt_a", "fingerprint")

    rng = np.random.default_rng(1)  # test images replaced by noise, test labels shuffled
    np.save(prepared / "test_images.npy", rng.integers(0, 256, size=(28, 32, 32, 3)).astype(np.uint8))
    np.save(prepared / "test_labels.npy", rng.permutation(np.load(prepared / "test_labels.npy")))
    second = train_image_model(cfg, prepared, tmp_path / "ckpt_b", "fingerprint")

    assert not np.allclose(first.predictions["test"][0], second.predictions["test"][0])
    assert second.result.best_epoch == first.result.best_epoch
    val_keys = ("val_loss", "val_accuracy", "val_balanced_accuracy")
    assert [[r[k] for k in val_keys] for r in second.result.history] == \
        [[r[k] for k in val_keys] for r in first.result.history]
    np.testing.assert_array_equal(second.predictions["val"][0], first.predictions["val"][0])
    a, b = first.model.state_dict(), second.model.state_dict()
    assert all(np.array_equal(a[k].numpy(), b[k].numpy()) for k in a)
