"""Integration: cross-validation through DVC on the sample — 2 folds × ResNet-50 — and its off state."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml
from conftest import BIN, REPO, copy_run, run, set_param, stages_run

from medrepro import layout
from medrepro.evaluate.cv import corrected_t_interval

pytestmark = pytest.mark.slow
ARCH = yaml.safe_load((REPO / "params.yaml").read_text())["cv"]["architectures"][0]


def fold_dir(repo, fold: int):
    return layout.stage_dir("cv_train", f"{ARCH}-fold{fold}", repo)


def cv_json(repo):
    return layout.stage_dir("cv_summary", root=repo) / "cv.json"


def test_cv_is_off_by_default_and_says_so(sample_run):
    assert json.loads(cv_json(sample_run).read_text()) == {"enabled": False, "folds": 0}
    assert "Cross-validation is off" in (sample_run / "thesis/tables/cv.tex").read_text()
    assert [p.name for p in layout.stage_dir("cv_train", root=sample_run).iterdir()] == ["README.md"]


@pytest.fixture(scope="module")
def cv_run(sample_run, tmp_path_factory):
    repo = copy_run(sample_run, tmp_path_factory.mktemp("cv") / "repo")
    set_param(repo, "cv.folds", 2)
    set_param(repo, "cv.fold_ids", [0, 1])
    proc = run([str(BIN / "dvc"), "repro"], cwd=repo)
    return repo, stages_run(proc.stdout)


def test_two_folds_run_as_their_own_stages_and_only_them(cv_run):
    _, ran = cv_run
    assert ran == {f"cv_train@{ARCH}-0", f"cv_train@{ARCH}-1", "cv_summary"}, ran


def test_held_out_folds_partition_train_val_by_lesion_and_never_touch_test(cv_run):
    repo, _ = cv_run
    splits = pd.read_csv(repo / "data/prepared/ham10000/splits.csv", dtype=str, keep_default_na=False)
    held = {f: pd.read_csv(fold_dir(repo, f) / "predictions/test.csv", dtype={"image_id": str})
            for f in (0, 1)}
    ids = [set(h["image_id"]) for h in held.values()]
    assert not ids[0] & ids[1]
    assert ids[0] | ids[1] == set(splits.loc[splits["split"] != "test", "image_id"])
    lesions = [set(h["lesion_id"]) for h in held.values()]
    assert not lesions[0] & lesions[1], "a lesion appears in two held-out folds"
    sealed = set(splits.loc[splits["split"] == "test", "image_id"])
    for f in (0, 1):
        for role in ("val", "test"):
            seen = set(pd.read_csv(fold_dir(repo, f) / f"predictions/{role}.csv")["image_id"])
            assert not seen & sealed, f"fold {f} {role} used sealed test images"


def test_cv_metrics_summary_table_and_figure(cv_run):
    repo, _ = cv_run
    report = json.loads(cv_json(repo).read_text())
    assert report["enabled"] and report["complete"] and report["folds"] == 2
    resnet = report["architectures"][ARCH]
    folds = [resnet["per_fold"][str(f)] for f in (0, 1)]
    values = [f["balanced_accuracy"] for f in folds]
    summary = resnet["summary"]["balanced_accuracy"]
    assert summary["n"] == 2 and summary["mean"] == pytest.approx(sum(values) / 2)
    assert summary["std"] == pytest.approx(abs(values[0] - values[1]) / 2 ** 0.5)
    assert summary["mean"] > 1 / 7, "the sample's class signal must be learnt above chance in every fold setting"
    ratio = sum(f["n_test"] / f["n_train"] for f in folds) / 2
    assert report["confidence"] == 0.95 and report["ci_method"] == "nadeau_bengio_corrected_t"
    assert (summary["mean_ci_low"], summary["mean_ci_high"]) == pytest.approx(
        corrected_t_interval(values, ratio, 0.95, bounds=(0.0, 1.0)))
    assert summary["mean_ci_low"] <= summary["mean"] <= summary["mean_ci_high"]
    print(f"2-fold CV balanced accuracy {summary['mean']:.3f}, 95% corrected t interval "
          f"[{summary['mean_ci_low']:.3f}, {summary['mean_ci_high']:.3f}], n_test/n_train {ratio:.3f}")
    for fold in (0, 1):
        per = json.loads((fold_dir(repo, fold) / "fold.json").read_text())
        assert per["n_test"] == folds[fold]["n_test"] and per["n_train"] > per["n_val"] > 0
    table = (repo / "thesis/tables/cv.tex").read_text()
    assert "2-fold" in table and r"\quad fold 1" in table and "$\\pm$" in table
    assert r"\quad 95\% CI of the mean" in table
    assert (repo / "thesis/figures/cv_folds.png").stat().st_size > 10_000
    shown = json.loads(run([str(BIN / "dvc"), "metrics", "show", "--json"], cwd=repo).stdout)
    assert str(layout.stage_dir("cv_train", f"{ARCH}-fold0") / "fold.json") in next(iter(shown.values()))["data"]


def test_changing_one_fold_reruns_only_that_fold(cv_run, tmp_path):
    repo = copy_run(cv_run[0], tmp_path / "repo")
    fold1 = fold_dir(repo, 1) / "fold.json"
    before = json.loads(fold1.read_text())
    fold1.unlink()
    ran = stages_run(run([str(BIN / "dvc"), "repro"], cwd=repo).stdout)
    assert f"cv_train@{ARCH}-1" in ran and ran <= {f"cv_train@{ARCH}-1", "cv_summary"}, ran
    after = json.loads(fold1.read_text())
    assert after["held_out"] == before["held_out"], "re-running a fold must reproduce its numbers"
    set_param(repo, "cv.fold_ids", [1])
    ran = stages_run(run([str(BIN / "dvc"), "repro"], cwd=repo).stdout)
    assert ran == {"cv_summary"}, ran
    report = json.loads(cv_json(repo).read_text())
    assert report["fold_ids"] == [1] and not report["complete"]
    assert "Only folds [1] of 2" in (repo / "thesis/tables/cv.tex").read_text()


@pytest.mark.parametrize(("edit", "message"), [
    (lambda r: (fold_dir(r, 0) / "fold.json").write_text("{broken"),
     f"{layout.stage_dir('cv_train', f'{ARCH}-fold0')}/fold.json: not valid JSON"),
    (lambda r: set_param(r, "cv.folds", 3), "made for fold 0 of 2, expected fold 0 of 3"),
    (lambda r: set_param(r, "cv.fold_ids", [0, 2]), "cv.fold_ids=[0, 2] must be distinct folds in 0..1"),
])
def test_cv_summary_bad_input_is_one_line_and_keeps_outputs(cv_run, tmp_path, edit, message):
    repo = copy_run(cv_run[0], tmp_path / "repo")
    before = cv_json(repo).read_bytes()
    edit(repo)
    proc = run([str(BIN / "python"), "stages/cv_summary.py"], cwd=repo, check=False)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], proc.stderr
    assert cv_json(repo).read_bytes() == before


def test_cv_train_refuses_a_fold_not_in_params(cv_run, tmp_path):
    repo = copy_run(cv_run[0], tmp_path / "repo")
    proc = run([str(BIN / "python"), "stages/cv_train.py", ARCH, "5"], cwd=repo, check=False)
    assert proc.returncode == 1 and f"{ARCH} fold 5 is not in cv.architectures" in proc.stderr
    assert not fold_dir(repo, 5).exists()
