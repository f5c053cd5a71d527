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
from conftest import ARCHS, BIN, copy_run, run, stage_env, stages_run

from medrepro import layout

ARCH = ARCHS[0]  # the single architecture the resume/determinism tests retrain
pytestmark = pytest.mark.slow


def test_prepare_outputs_split_by_lesion(sample_run):
    splits = pd.read_csv(sample_run / "data/prepared/ham10000/splits.csv")
    assert list(splits.columns[:4]) == ["image_id", "lesion_id", "dx", "split"]
    assert (splits.groupby("lesion_id")["split"].nunique() == 1).all()
    data = json.loads(layout.data_json(sample_run).read_text())
    assert data["images"] == len(splits)
    assert sum(data[s]["images"] for s in ("train", "val", "test")) == len(splits)
    for split in ("train", "val", "test"):
        cache = np.load(sample_run / f"data/prepared/ham10000/{split}_images.npy", mmap_mode="r")
        assert cache.dtype == np.uint8 and cache.shape[1:] == (64, 64, 3)


@pytest.mark.parametrize("arch", ARCHS)
def test_train_outputs_and_beats_chance(sample_run, arch):
    out = layout.images(arch, sample_run)
    meta = json.loads(out.model_json.read_text())
    assert meta["arch"] == arch and len(meta["classes"]) == 7 and meta["image_size"] == 64
    from safetensors.torch import load_file

    assert load_file(out.weights)
    test = pd.read_csv(out.split_predictions("test"))
    logits = test[[f"logit_{c}" for c in meta["classes"]]].to_numpy()
    from sklearn.metrics import balanced_accuracy_score

    balanced = balanced_accuracy_score(test["label"], logits.argmax(1))
    assert balanced > 1 / 7 + 0.15, f"{arch} test balanced accuracy {balanced:.3f} is near chance (0.143)"
    train = json.loads(out.train_json.read_text())
    assert 1 <= train["best_epoch"] <= train["epochs_run"]
    curves = out.dvclive / "plots" / "metrics"
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
    arch, out, ref = ARCH, layout.images(ARCH, repo), layout.images(ARCH, sample_run)
    for path in [repo / layout.checkpoint_dir("train", arch), out.predictions]:
        subprocess.run(["rm", "-rf", str(path)], check=True)
    progress = repo / layout.checkpoint_dir("train", arch) / "last" / "progress.json"
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
    timing = json.loads(out.timing_json.read_text())
    assert timing["resumed_from_epoch"] == done
    assert json.loads(out.train_json.read_text()) == json.loads(ref.train_json.read_text())
    pd.testing.assert_frame_equal(pd.read_csv(out.split_predictions("test")),
                                  pd.read_csv(ref.split_predictions("test")))


def test_two_process_training(sample_run, tmp_path):
    """`torchrun --nproc_per_node 2` runs the unchanged stage as two gloo ranks (Accelerate, CPU)."""
    repo = copy_run(sample_run, tmp_path / "repo")
    arch, out = ARCH, layout.images(ARCH, repo)
    subprocess.run(["rm", "-rf", str(repo / layout.checkpoint_dir("train", arch))], check=True)
    run([str(BIN / "torchrun"), "--nproc_per_node", "2", "stages/train.py", arch], cwd=repo,
        OMP_NUM_THREADS="1")
    timing = json.loads(out.timing_json.read_text())
    assert timing["num_processes"] == 2
    test = pd.read_csv(out.split_predictions("test"))
    expected = pd.read_csv(layout.images(arch, sample_run).split_predictions("test"))
    assert test["image_id"].tolist() == expected["image_id"].tolist(), "gathered predictions lost or repeated rows"
    train = json.loads(out.train_json.read_text())
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


_OUT = layout.images(ARCH)
ARCH_RESULTS = [str(p) for p in (
    layout.data_json(), _OUT.train_json, _OUT.calibration_json, _OUT.threshold_json, _OUT.weights, _OUT.model_json,
    _OUT.temperature_json, _OUT.split_predictions("val"), _OUT.split_predictions("test"), _OUT.roc_csv,
    _OUT.reliability_csv, _OUT.confusion_csv, _OUT.dvclive / "plots/metrics/val_loss.tsv",
    _OUT.dvclive / "plots/metrics/train_loss.tsv")]


def assert_trained_from_scratch(repo, log: str) -> None:
    """train@<ARCH> ran every epoch itself: nothing resumed, one epoch line per epoch of train.json."""
    out = layout.images(ARCH, repo)
    timing = json.loads(out.timing_json.read_text())
    epochs = json.loads(out.train_json.read_text())["epochs_run"]
    assert timing["resumed_from_epoch"] == 0, timing
    assert "from checkpoint after epoch" not in log, "training resumed a checkpoint"
    assert re.findall(rf"^{ARCH} epoch (\d+)/\d+: train_loss", log, re.M) == [str(e + 1) for e in range(epochs)]


def test_forced_rerun_and_code_change_retrain_to_identical_results(sample_run, tmp_path):
    """Determinism, with real retraining: `dvc repro -f` and an edit to the training code both train
    ARCH from scratch again (the finished checkpoint is discarded, never taken as the result), and
    every quality metric, prediction and weight byte equals the sample run's own from-scratch training."""
    assert_trained_from_scratch(sample_run, (sample_run / "repro.log").read_text())
    repo = copy_run(sample_run, tmp_path / "repo")
    forced = run([str(BIN / "dvc"), "repro", "-f", f"threshold@{ARCH}"], cwd=repo)
    assert {"prepare_images", f"train@{ARCH}", f"calibrate@{ARCH}", f"threshold@{ARCH}"} <= stages_run(forced.stdout)
    assert f"not resuming {layout.checkpoint_dir('train', ARCH)}: it is a finished run" in forced.stderr
    assert_trained_from_scratch(repo, forced.stdout)
    for rel in ARCH_RESULTS:
        assert (repo / rel).read_bytes() == (sample_run / rel).read_bytes(), f"forced re-run changed {rel}"

    loop = repo / "src/medrepro/train/loop.py"
    loop.write_text(loop.read_text() + "# an edit to the training code\n")
    edited = run([str(BIN / "dvc"), "repro", f"train@{ARCH}"], cwd=repo)
    assert f"train@{ARCH}" in stages_run(edited.stdout)
    assert_trained_from_scratch(repo, edited.stdout)
    for rel in ARCH_RESULTS:
        assert (repo / rel).read_bytes() == (sample_run / rel).read_bytes(), f"re-run after a code edit changed {rel}"
