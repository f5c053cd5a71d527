"""Integration: the real DVC graph on the bundled sample (one shared run), resume, multi-process."""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import time

import numpy as np
import pandas as pd
import pytest
from conftest import BIN, copy_run, run, stage_env, stages_run

ARCHS = ["resnet50", "efficientnet_b3", "densenet121", "vit_b_16"]
pytestmark = pytest.mark.slow


def test_prepare_outputs_split_by_lesion(sample_run):
    splits = pd.read_csv(sample_run / "data/prepared/ham10000/splits.csv")
    assert list(splits.columns[:4]) == ["image_id", "lesion_id", "dx", "split"]
    assert (splits.groupby("lesion_id")["split"].nunique() == 1).all()
    data = json.loads((sample_run / "metrics/data.json").read_text())
    assert data["images"] == len(splits)
    assert sum(data[s]["images"] for s in ("train", "val", "test")) == len(splits)
    for split in ("train", "val", "test"):
        cache = np.load(sample_run / f"data/prepared/ham10000/{split}_images.npy", mmap_mode="r")
        assert cache.dtype == np.uint8 and cache.shape[1:] == (64, 64, 3)


@pytest.mark.parametrize("arch", ARCHS)
def test_train_outputs_and_beats_chance(sample_run, arch):
    model_dir = sample_run / "models" / arch
    meta = json.loads((model_dir / "model.json").read_text())
    assert meta["arch"] == arch and len(meta["classes"]) == 7 and meta["image_size"] == 64
    from safetensors.torch import load_file

    assert load_file(model_dir / "model.safetensors")
    test = pd.read_csv(model_dir / "predictions" / "test.csv")
    logits = test[[f"logit_{c}" for c in meta["classes"]]].to_numpy()
    from sklearn.metrics import balanced_accuracy_score

    balanced = balanced_accuracy_score(test["label"], logits.argmax(1))
    assert balanced > 1 / 7 + 0.15, f"{arch} test balanced accuracy {balanced:.3f} is near chance (0.143)"
    train = json.loads((sample_run / "metrics" / arch / "train.json").read_text())
    assert 1 <= train["best_epoch"] <= train["epochs_run"]
    curves = sample_run / "dvclive" / arch / "plots" / "metrics"
    assert len(pd.read_csv(curves / "val_balanced_accuracy.tsv", sep="\t")) == train["epochs_run"]


def test_second_repro_runs_nothing(sample_run, tmp_path):
    repo = copy_run(sample_run, tmp_path / "repo")
    start = time.perf_counter()
    proc = run([str(BIN / "dvc"), "repro"], cwd=repo)
    elapsed = time.perf_counter() - start
    assert "Running stage" not in proc.stdout, proc.stdout
    print(f"no-op dvc repro took {elapsed:.1f} s")


def test_killed_training_resumes_to_the_same_result(sample_run, tmp_path):
    """SIGKILL after the first epoch checkpoint, at a random point, then re-run: same numbers."""
    repo = copy_run(sample_run, tmp_path / "repo")
    arch = "resnet50"
    for path in [repo / "checkpoints" / arch, repo / "models" / arch / "predictions"]:
        subprocess.run(["rm", "-rf", str(path)], check=True)
    progress = repo / "checkpoints" / arch / "last" / "progress.json"
    proc = subprocess.Popen([str(BIN / "python"), "stages/train.py", arch], cwd=repo, env=stage_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 600
    while time.time() < deadline and proc.poll() is None:
        if progress.exists() and json.loads(progress.read_text())["epochs_done"] >= 1:
            break
        time.sleep(0.2)
    time.sleep(random.Random(7).uniform(0, 1.5))
    assert proc.poll() is None, "training finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = json.loads(progress.read_text())["epochs_done"]
    assert 1 <= done < 4
    run([str(BIN / "python"), "stages/train.py", arch], cwd=repo)
    timing = json.loads((repo / "metrics" / arch / "timing.json").read_text())
    assert timing["resumed_from_epoch"] == done
    assert json.loads((repo / "metrics" / arch / "train.json").read_text()) == json.loads(
        (sample_run / "metrics" / arch / "train.json").read_text())
    pd.testing.assert_frame_equal(pd.read_csv(repo / "models" / arch / "predictions" / "test.csv"),
                                  pd.read_csv(sample_run / "models" / arch / "predictions" / "test.csv"))


def test_two_process_training(sample_run, tmp_path):
    """`torchrun --nproc_per_node 2` runs the unchanged stage as two gloo ranks (Accelerate, CPU)."""
    repo = copy_run(sample_run, tmp_path / "repo")
    arch = "resnet50"
    subprocess.run(["rm", "-rf", str(repo / "checkpoints" / arch)], check=True)
    run([str(BIN / "torchrun"), "--nproc_per_node", "2", "stages/train.py", arch], cwd=repo,
        OMP_NUM_THREADS="1")
    timing = json.loads((repo / "metrics" / arch / "timing.json").read_text())
    assert timing["num_processes"] == 2
    test = pd.read_csv(repo / "models" / arch / "predictions" / "test.csv")
    expected = pd.read_csv(sample_run / "models" / arch / "predictions" / "test.csv")
    assert test["image_id"].tolist() == expected["image_id"].tolist(), "gathered predictions lost or repeated rows"
    train = json.loads((repo / "metrics" / arch / "train.json").read_text())
    assert train["epochs_run"] == 4 and train["val_balanced_accuracy"] > 1 / 7


def test_stage_bad_input_is_one_line_and_leaves_no_outputs(sample_run, tmp_path):
    repo = copy_run(sample_run, tmp_path / "repo")
    meta = repo / "data/sample/ham10000/HAM10000_metadata.csv"
    frame = pd.read_csv(meta, dtype=str, keep_default_na=False)
    frame.loc[3, "dx"] = "melanoma"
    frame.to_csv(meta, index=False)
    before = {p: p.stat().st_mtime_ns for p in (repo / "data/prepared/ham10000").iterdir()}
    proc = run([str(BIN / "python"), "stages/prepare_images.py"], cwd=repo, check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "row 5: unknown dx label 'melanoma'" in proc.stderr and "Traceback" not in proc.stderr
    after = {p: p.stat().st_mtime_ns for p in (repo / "data/prepared/ham10000").iterdir()}
    assert before == after, "previous outputs were touched by a failed run"
    assert not [p for p in (repo / "data/prepared").iterdir() if p.name.endswith(".tmp")], "temp files left behind"


RESNET_RESULTS = ["metrics/data.json", "metrics/resnet50/train.json", "metrics/resnet50/calibration.json",
                  "metrics/resnet50/threshold.json", "models/resnet50/model.safetensors",
                  "models/resnet50/model.json", "models/resnet50/calibration.json",
                  "models/resnet50/predictions/val.csv", "models/resnet50/predictions/test.csv",
                  "plots/resnet50/roc.csv", "plots/resnet50/reliability.csv",
                  "dvclive/resnet50/plots/metrics/val_loss.tsv", "dvclive/resnet50/plots/metrics/train_loss.tsv"]


def assert_trained_from_scratch(repo, log: str) -> None:
    """train@resnet50 ran every epoch itself: nothing resumed, one epoch line per epoch of train.json."""
    timing = json.loads((repo / "metrics/resnet50/timing.json").read_text())
    epochs = json.loads((repo / "metrics/resnet50/train.json").read_text())["epochs_run"]
    assert timing["resumed_from_epoch"] == 0, timing
    assert "from checkpoint after epoch" not in log, "training resumed a checkpoint"
    assert re.findall(r"^resnet50 epoch (\d+)/\d+: train_loss", log, re.M) == [str(e + 1) for e in range(epochs)]


def test_forced_rerun_and_code_change_retrain_to_identical_results(sample_run, tmp_path):
    """Determinism, with real retraining: `dvc repro -f` and an edit to the training code both train
    resnet50 from scratch again (the finished checkpoint is discarded, never taken as the result), and
    every quality metric, prediction and weight byte equals the sample run's own from-scratch training."""
    assert_trained_from_scratch(sample_run, (sample_run / "repro.log").read_text())
    repo = copy_run(sample_run, tmp_path / "repo")
    forced = run([str(BIN / "dvc"), "repro", "-f", "threshold@resnet50"], cwd=repo)
    assert {"prepare_images", "train@resnet50", "calibrate@resnet50", "threshold@resnet50"} <= stages_run(forced.stdout)
    assert "not resuming checkpoints/resnet50: it is a finished run" in forced.stderr
    assert_trained_from_scratch(repo, forced.stdout)
    for rel in RESNET_RESULTS:
        assert (repo / rel).read_bytes() == (sample_run / rel).read_bytes(), f"forced re-run changed {rel}"

    loop = repo / "src/medrepro/train/loop.py"
    loop.write_text(loop.read_text() + "# an edit to the training code\n")
    edited = run([str(BIN / "dvc"), "repro", "train@resnet50"], cwd=repo)
    assert "train@resnet50" in stages_run(edited.stdout)
    assert_trained_from_scratch(repo, edited.stdout)
    for rel in RESNET_RESULTS:
        assert (repo / rel).read_bytes() == (sample_run / rel).read_bytes(), f"re-run after a code edit changed {rel}"
