"""The thesis profile rehearsed on a CPU: `medrepro profile rehearsal && dvc repro` on a copy of the repo.

Full-size ResNet-50 / EfficientNet-B3 / DenseNet-121 / ViT-B/16 at 224 px in bf16, started from stand-in
weights of the real shapes (made locally, pinned by sha256 like real ones), and the BERT-base notes encoder:
the proof that the GPU-box run will not crash on shapes, layers, precision or files.

On a CPU without bf16 instructions (AVX2 only, like the 2-core CI runners) a bf16 training step costs seconds
per 224-px image, so the rehearsal profile caps every epoch at one optimizer step and one validation batch
(recorded in model.json and the notes metrics, printed as warnings); the float32 prediction pass still covers
every validation and test image, and everything downstream runs on it. The fixture prints each stage's wall
time and the copy's disk use (README, "Rehearsal").

Measured on an idle 2-core AVX2 machine: 14 min 38 s for the whole test (845 s of stages; ViT-B/16's capped
training step 129 s, BERT-base pretraining 165 s) and 3.6 GB of disk for the copy, deleted afterwards.
MEDREPRO_REHEARSAL=0 skips it (e.g. a laptop run of the suite).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import BIN, copy_repo, run, stage_env

from medrepro import layout

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    os.environ.get("MEDREPRO_REHEARSAL") == "0", reason="MEDREPRO_REHEARSAL=0: the ~15-min rehearsal is skipped")]

ARCHS = ("resnet50", "efficientnet_b3", "densenet121", "vit_b_16")  # the thesis profile's four
METHODS = ("lora", "full")


# Output paths, in one place: medrepro.layout.
def model_dir(root, arch):
    return layout.images(arch, root).train


def model_json(root, arch):
    return json.loads(layout.images(arch, root).model_json.read_text())


def model_card(root, arch):
    return layout.images(arch, root).model_card.read_text()


def predictions(root, arch, split):
    return pd.read_csv(layout.images(arch, root).split_predictions(split))


def gradcam_plot(root, arch):
    return layout.images(arch, root).gradcam_png


def gradcam_metrics(root, arch):
    return json.loads(layout.images(arch, root).gradcam_json.read_text())


def image_data_metrics(root):
    return json.loads(layout.data_json(root).read_text())


def notes_data_metrics(root):
    return json.loads(layout.notes_data_json(root).read_text())


def notes_meta(root, method):
    return json.loads((layout.stage_dir("train_notes", method, root) / "model" / "meta.json").read_text())


def pretrain_meta(root):
    return json.loads((layout.stage_dir("pretrain_notes", root=root) / "encoder" / "meta.json").read_text())


def cv_fold_metrics(root, arch, fold):
    return json.loads((layout.stage_dir("cv_train", f"{arch}-fold{fold}", root) / "fold.json").read_text())


def thesis_table(root):
    return root / "thesis" / "tables" / "comparison.tex"


def weights_manifest(root):
    return json.loads((root / "weights" / "manifest.json").read_text())


def repro_timed(root, timeout: float) -> tuple[str, list[tuple[str, float]]]:
    """`dvc repro` with each stage's wall time, read from when DVC announces the next stage."""
    t0 = time.monotonic()
    proc = subprocess.Popen([str(BIN / "dvc"), "repro"], cwd=root, env=stage_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines, starts = [], []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("Running stage '"):
            starts.append((line.split("'")[1], time.monotonic() - t0))
        if time.monotonic() - t0 > timeout:
            proc.kill()
            break
    code = proc.wait()
    end = time.monotonic() - t0
    log = "".join(lines)
    (root / "repro.log").write_text(log)
    assert code == 0, f"dvc repro failed ({code}):\n{log[-6000:]}"
    times = [(name, (starts[i + 1][1] if i + 1 < len(starts) else end) - start)
             for i, (name, start) in enumerate(starts)]
    return log, [*times, ("total", end)]


@pytest.fixture(scope="module")
def rehearsal(tmp_path_factory):
    root = copy_repo(tmp_path_factory.mktemp("rehearsal") / "repo")
    run([str(BIN / "medrepro"), "fetch-weights", "--stand-in"], cwd=root)
    profile = run([str(BIN / "medrepro"), "profile", "rehearsal"], cwd=root)
    log, times = repro_timed(root, timeout=3600)
    disk = subprocess.run(["du", "-sh", str(root)], capture_output=True, text=True).stdout.split()[0]
    print("\nrehearsal stage wall times (s): " + ", ".join(f"{name} {s:.0f}" for name, s in times)
          + f"\nrehearsal repo copy on disk (du -sh): {disk}")
    yield root, profile.stdout + profile.stderr, log
    shutil.rmtree(root.parent, ignore_errors=True)  # a few GB of weights, models and DVC cache


def test_rehearsal_keeps_the_thesis_setup(rehearsal):
    root, profile_out, _ = rehearsal
    params = yaml.safe_load((root / "params.yaml").read_text())
    assert params["train"]["mixed_precision"] == "bf16" and params["train"]["image_size"] == 224
    assert params["notes_train"]["model_name"] == "weights/notes/Bio_ClinicalBERT"
    assert "per-architecture pins" in profile_out and "CPU-rehearsal caps are set" in profile_out


def test_every_stage_ran_and_the_graph_is_up_to_date(rehearsal):
    root, _, _ = rehearsal
    status = run([str(BIN / "dvc"), "status"], cwd=root)
    assert "up to date" in status.stdout, status.stdout
    assert thesis_table(root).is_file()
    assert cv_fold_metrics(root, "resnet50", 0)["training_caps"]["max_steps_per_epoch"]["cap"] == 1


def test_models_trained_in_bf16_predict_in_fp32_from_pinned_weights(rehearsal):
    root, _, log = rehearsal
    manifest = weights_manifest(root)
    counts = image_data_metrics(root)
    for arch in ARCHS:
        meta = model_json(root, arch)
        assert meta["mixed_precision"] == "bf16" and meta["predictions_precision"] == "fp32"
        assert meta["image_size"] == 224 and meta["model_kwargs"] in ({}, None)  # full-size architecture
        digest = manifest["weights"][arch]["sha256"]
        assert meta["starting_weights"]["sha256"] == digest
        assert meta["starting_weights"]["source"].startswith("stand-in")
        card = model_card(root, arch)
        assert f"sha256 `{digest}`" in card and "CPU rehearsal, not a result" in card
        # capped training, recorded; the float32 prediction pass still covers every image
        assert meta["training_caps"]["max_steps_per_epoch"]["cap"] == 1
        assert meta["training_caps"]["max_val_batches"]["cap"] == 1
        for split in ("val", "test"):
            assert len(predictions(root, arch, split)) == counts[split]["images"]
        assert f"warning: {arch}: capped (max_steps_per_epoch=1 of " in log
    assert "mixed precision bf16" in log  # the Accelerator really ran in bf16, no fp32 fallback


def test_gradcam_and_predict_reproduce_the_bf16_trained_models(rehearsal):
    """Grad-CAM reloads every model in float32 and checks it against the saved predictions (the issue's crash);
    predict does the same on load, here for DenseNet, whose bf16 logits differed most (0.151)."""
    root, _, _ = rehearsal
    for arch in ARCHS:
        assert gradcam_plot(root, arch).is_file()
        assert gradcam_metrics(root, arch)["n_images"] == 4
    from medrepro.predict import ModelStore, Predictor

    store = ModelStore.from_repo(root)
    predictor = Predictor.load(store, "densenet121", device="cpu")
    assert predictor.self_check(store.test_cache) is True
    test = predictions(root, "densenet121", "test")
    images = np.load(store.test_cache, mmap_mode="r")[:4]
    np.testing.assert_allclose(predictor.logits(np.asarray(images)),
                               test.filter(like="logit_").to_numpy()[:4], rtol=1e-4, atol=1e-4)


def test_notes_ran_on_the_bert_base_encoder_and_are_marked_synthetic(rehearsal):
    root, _, log = rehearsal
    assert notes_data_metrics(root)["synthetic"] is True
    assert "SYNTHETIC" in log
    base = pretrain_meta(root)
    assert base["source"] == "weights/notes/Bio_ClinicalBERT" and base["training_caps"]
    for method in METHODS:
        meta = notes_meta(root, method)
        assert meta["base"]["sha256"] == base["sha256"]
        assert meta["params"]["mixed_precision"] == "bf16"
        assert meta["training_caps"]["max_steps_per_epoch"]["cap"] == 1
