"""Train in bf16 on CPU, then Grad-CAM and predict reload the model and reproduce the saved predictions."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import torch
import yaml
from conftest import BIN, REPO, run

from medrepro import layout
from medrepro.errors import InputError
from medrepro.models.trained import check_logits, load_model, predictions_precision, prepare_inputs

TINY = {"channels": [8, 16, 32, 64], "stem_width": 8}


@pytest.fixture(scope="module")
def bf16_run(tmp_path_factory):
    """prepare_images + train@resnet50 (tiny, 2 epochs, bf16 autocast on CPU) + a calibration and threshold."""
    root = tmp_path_factory.mktemp("bf16")
    params = {
        "data": {"ham10000": str(REPO / "data" / "sample" / "ham10000")},
        "prepare": {"val_fraction": 0.15, "test_fraction": 0.2, "cache_size": 64, "seed": 42, "workers": 1},
        "architectures": ["resnet50"],
        "train": {"image_size": 64, "epochs": 2, "batch_size": 32, "lr": 0.003, "mixed_precision": "bf16",
                  "log_with": [], "seed": 0},
        "train_arch": {"resnet50": {"model_kwargs": TINY}},
        "gradcam": {"per_class": 1, "seed": 0, "sanity_images": 4},
    }
    (root / "params.yaml").write_text(yaml.safe_dump(params))
    for stage in ("prepare_images", "train_config", "train"):
        run([str(BIN / "python"), str(REPO / "stages" / f"{stage}.py"), *([] if stage == "prepare_images" else
                                                                          ["resnet50"])],
            cwd=root, OMP_NUM_THREADS="2")
    files = layout.images("resnet50", root)
    files.temperature_json.parent.mkdir(parents=True)
    files.temperature_json.write_text('{"temperature": 1.3}')
    ops = {f"at_specificity.{k}": 0.5 for k in ("threshold", "target", "sensitivity", "sensitivity_ci_low",
                                                 "sensitivity_ci_high", "specificity", "specificity_ci_low",
                                                 "specificity_ci_high")}
    files.threshold_json.parent.mkdir(parents=True)
    files.threshold_json.write_text(json.dumps({**ops, "positive_class": "mel"}))
    return root


def _saved(root):
    frame = pd.read_csv(layout.images("resnet50", root).split_predictions("test"))
    return frame, frame.filter(like="logit_").to_numpy()


def test_model_json_records_precisions(bf16_run):
    meta = json.loads(layout.images("resnet50", bf16_run).model_json.read_text())
    assert meta["mixed_precision"] == "bf16"
    assert meta["predictions_precision"] == "fp32"
    assert meta["starting_weights"] is None  # trained from scratch: nothing to pin
    # CPU weights are bit-identical only at the same thread count, so the run records it
    assert meta["device"] == ("cuda" if torch.cuda.is_available() else "cpu")
    assert meta["torch_threads"] >= 1 and meta["torch_version"] == torch.__version__


def test_gradcam_stage_runs_after_bf16_training(bf16_run):
    proc = run([str(BIN / "python"), str(REPO / "stages" / "gradcam.py"), "resnet50"], cwd=bf16_run,
               check=False)
    assert proc.returncode == 0, proc.stderr
    assert layout.images("resnet50", bf16_run).gradcam_png.is_file()


def test_predict_reproduces_saved_test_logits_and_checks_itself(bf16_run):
    from medrepro.predict import ModelStore, Predictor

    store = ModelStore.from_repo(bf16_run)
    predictor = Predictor.load(store, "resnet50", device="cpu")
    assert predictor.self_check(store.test_cache) is True  # the prepared test cache is there, so the check ran
    images = np.load(store.test_cache)
    _, saved = _saved(bf16_run)
    np.testing.assert_allclose(predictor.logits(images), saved, rtol=1e-4, atol=1e-4)


def test_bf16_predictions_would_fail_the_check(bf16_run):
    """What the train stage used to save (the autocast pass) is outside the float32 tolerance: the check has
    teeth, and the float32 pass is what makes the consumers above pass."""
    files = layout.images("resnet50", bf16_run)
    loaded = load_model(files.model_json, files.weights)
    images = np.load(bf16_run / layout.PREPARED_IMAGES / "test_images.npy")
    x, _ = prepare_inputs(images, loaded.image_size, loaded.mean, loaded.std)
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        bf16 = loaded.model(x).float().double().numpy()
    _, saved = _saved(bf16_run)
    with pytest.raises(InputError, match="differ from the saved predictions"):
        check_logits(saved, bf16, "test.csv")


def test_predict_refuses_a_model_that_does_not_match_its_predictions(bf16_run, tmp_path):
    from conftest import copy_run

    from medrepro.predict import ModelStore, Predictor

    root = copy_run(bf16_run, tmp_path / "copy")
    test_csv = layout.images("resnet50", root).split_predictions("test")
    frame, _ = _saved(root)
    frame["logit_nv"] += 0.3
    test_csv.unlink()
    frame.to_csv(test_csv, index=False)
    with pytest.raises(InputError, match="differ from the saved predictions"):
        Predictor.load(ModelStore.from_repo(root), "resnet50", device="cpu")


def test_old_reduced_precision_predictions_are_refused_not_checked_loosely():
    assert predictions_precision({"mixed_precision": "no"}, "m.json") == "fp32"
    assert predictions_precision({}, "m.json") == "fp32"
    with pytest.raises(InputError, match="computed in bf16"):
        predictions_precision({"mixed_precision": "bf16"}, "m.json")


def test_cli_predict_after_bf16_training(bf16_run):
    image = next((REPO / "data" / "sample" / "ham10000").glob("*.jpg"))
    proc = run([str(BIN / "python"), "-m", "medrepro.cli", "predict", str(image), "--json", "--arch", "resnet50",
                "--device", "cpu"], cwd=bf16_run, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["results"][0]["top_class"]
