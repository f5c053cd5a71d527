"""Variants and comparisons with DVC: `dvc exp run -S`, `dvc exp show`, `dvc metrics diff`, `dvc plots diff`.

Each test works on a copy of the session's sample run with its results committed as the baseline,
and re-trains only ARCH (resnet50, the cheapest architecture in the sample profile).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ARCHS, BIN, copy_run, git, run, stages_run

from medrepro import layout
from medrepro.profiles import apply_profile

DVC = str(BIN / "dvc")
ARCH, OTHER = ARCHS[0], ARCHS[2]
TRAIN_METRICS = str(layout.images(ARCH).train_json)


def committed_copy(sample_run: Path, dest: Path) -> Path:
    """A copy of the sample run whose results (dvc.lock, metrics, plots) are committed: the baseline."""
    root = copy_run(sample_run, dest)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "baseline sample run")
    return root


def exp_rows(root: Path, *args: str) -> list[dict]:
    """`dvc exp show --json`, flattened to one row per revision: name, rev, params.yaml data, metrics."""
    shown = json.loads(run([DVC, "exp", "show", "--json", *args], cwd=root).stdout)
    rows = []

    def add(entry: dict) -> None:
        data = entry.get("data") or {}
        rows.append({"name": entry.get("name"), "rev": entry.get("rev"),
                     "params": ((data.get("params") or {}).get("params.yaml") or {}).get("data", {}),
                     "metrics": {k: v.get("data", {}) for k, v in (data.get("metrics") or {}).items()}})

    for baseline in shown:
        add(baseline)
        for exp in baseline.get("experiments") or []:
            for rev in exp.get("revs") or []:
                add(rev)
    return rows


def lr_of(row: dict) -> float | None:
    return ((row["params"].get("train_arch") or {}).get(ARCH) or {}).get("lr")


@pytest.mark.slow
def test_exp_run_variant_leaves_head_untouched(sample_run, tmp_path):
    root = committed_copy(sample_run, tmp_path / "repo")
    head = git(root, "rev-parse", "HEAD").strip()
    baseline_metrics = json.loads(git(root, "show", f"HEAD:{TRAIN_METRICS}"))
    baseline_params = git(root, "show", "HEAD:params.yaml")

    run([DVC, "exp", "run", f"train@{ARCH}", "-S", f"++train_arch.{ARCH}.lr=0.003",
         "-S", f"++train_arch.{ARCH}.epochs=1", "-n", "resnet-lr3e-3"], cwd=root)

    # The baseline commit is untouched; the experiment is a git ref of its own, not a commit on the branch.
    assert git(root, "rev-parse", "HEAD").strip() == head
    assert json.loads(git(root, "show", f"HEAD:{TRAIN_METRICS}")) == baseline_metrics
    assert git(root, "show", "HEAD:params.yaml") == baseline_params
    assert "resnet-lr3e-3" in run([DVC, "exp", "list", "--name-only"], cwd=root).stdout.split()

    rows = exp_rows(root)
    (exp,) = [r for r in rows if r["name"] == "resnet-lr3e-3"]
    (base,) = [r for r in rows if r["rev"] == head]
    assert lr_of(exp) == 0.003 and lr_of(base) is None  # the sample profile leaves ARCH on train.lr
    assert exp["metrics"][TRAIN_METRICS]["epochs_run"] == 1
    assert base["metrics"][TRAIN_METRICS] == baseline_metrics
    assert exp["metrics"][TRAIN_METRICS]["val_loss"] != baseline_metrics["val_loss"]
    assert exp["params"]["train"] == base["params"]["train"]  # only the one override changed

    # `dvc exp run` leaves the experiment's results in the workspace (uncommitted), as DVC documents.
    workspace = yaml.safe_load((root / "params.yaml").read_text())
    assert workspace["train_arch"][ARCH]["lr"] == 0.003
    diff = json.loads(run([DVC, "metrics", "diff", "--json"], cwd=root).stdout)
    assert "val_loss" in diff[TRAIN_METRICS]
    changed = {line[3:] for line in git(root, "status", "--porcelain").splitlines()}
    assert TRAIN_METRICS in changed and "params.yaml" in changed

    # `--only-changed` narrows the table to what differs: the lr override and ARCH's results.
    table = run([DVC, "exp", "show", "--only-changed", "--csv"], cwd=root).stdout
    header = table.splitlines()[0].split(",")
    assert f"train_arch.{ARCH}.lr" in header
    assert "train.lr" not in header and "train.epochs" not in header


@pytest.mark.slow
def test_queued_sweep_expands_to_a_grid(sample_run, tmp_path):
    """`--queue` with comma lists queues the grid; running it (`dvc queue start`) is DVC's own machinery
    and costs a training run per point, so this stops at the queue (docs/experiments.md shows the rest)."""
    root = committed_copy(sample_run, tmp_path / "repo")
    run([DVC, "exp", "run", "--queue", f"train@{ARCH}", "-S", f"++train_arch.{ARCH}.lr=0.002,0.004",
         "-S", "train.batch_size=16,32"], cwd=root)
    head = git(root, "rev-parse", "HEAD").strip()
    try:
        assert run([DVC, "queue", "status"], cwd=root).stdout.count("Queued") == 4
        queued = [r for r in exp_rows(root) if r["rev"] not in ("workspace", head)]
        grid = sorted((lr_of(r), r["params"]["train"]["batch_size"]) for r in queued)
        assert grid == [(0.002, 16), (0.002, 32), (0.004, 16), (0.004, 32)]
    finally:
        run([DVC, "queue", "remove", "--queued"], cwd=root)
    assert "Queued" not in run([DVC, "queue", "status"], cwd=root).stdout
    # Queuing touches neither the workspace nor HEAD.
    assert "lr" not in yaml.safe_load((root / "params.yaml").read_text())["train_arch"][ARCH]
    assert git(root, "status", "--porcelain") == ""


@pytest.mark.slow
def test_metrics_and_plots_diff_between_commits(sample_run, tmp_path):
    root = committed_copy(sample_run, tmp_path / "repo")
    apply_profile(root / "params.yaml", {f"train_arch.{ARCH}": {"lr": 0.003, "epochs": 1}})
    run([DVC, "repro", "compare"], cwd=root)  # the overlaid curves are compare's long tables
    git(root, "add", "-A")
    git(root, "commit", "-qm", f"{ARCH}: lr 3e-3")

    diff = json.loads(run([DVC, "metrics", "diff", "HEAD~1", "HEAD", "--json"], cwd=root).stdout)
    changed = diff[TRAIN_METRICS]
    assert changed["val_loss"]["old"] != changed["val_loss"]["new"]
    val_loss = changed["val_loss"]
    assert val_loss["diff"] == pytest.approx(val_loss["new"] - val_loss["old"])
    assert not any(path.startswith(str(layout.images(OTHER).train)) for path in diff)  # others untouched

    table = run([DVC, "metrics", "diff", "HEAD~1", "HEAD"], cwd=root).stdout
    assert TRAIN_METRICS in table and "val_loss" in table
    assert "HEAD~1" in table and "HEAD" in table

    out = tmp_path / "plots-diff"
    run([DVC, "plots", "diff", "HEAD~1", "HEAD", "-o", str(out)], cwd=root)
    specs = vega_specs((out / "index.html").read_text())
    assert {"train_loss", "val_loss", "val_balanced_accuracy"} <= set(specs)  # the training curves
    curves = curve_by_rev(specs["val_balanced_accuracy"], "val_balanced_accuracy")
    resnet = {rev: v for (rev, arch), v in curves.items() if arch == ARCH}
    densenet = {rev: v for (rev, arch), v in curves.items() if arch == OTHER}
    assert set(resnet) == set(densenet) == {"HEAD~1", "HEAD"}
    assert resnet["HEAD"] != resnet["HEAD~1"]  # retrained with another lr: another curve
    assert densenet["HEAD"] == densenet["HEAD~1"]  # not retrained: the same curve, overlaid
    epochs = json.loads(git(root, "show", f"HEAD:{TRAIN_METRICS}"))["epochs_run"]
    assert len(resnet["HEAD"]) == epochs


def hydra_value(value) -> str:
    """A params value in the override grammar of `dvc exp run -S` (Hydra): {key:value,...}, [a,b]."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{k}:{hydra_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(hydra_value(v) for v in value) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


def vega_specs(html: str) -> dict[str, dict]:
    """The Vega-Lite spec of every plot in a `dvc plots diff/show` HTML page, by plot id."""
    found = re.findall(r"var spec = (\{.*?\});\s*vegaEmbed\('#(\w+)'", html, flags=re.S)
    return {plot_id: json.loads(spec) for spec, plot_id in found}


def curve_by_rev(spec: dict, field: str) -> dict[tuple[str, str], list[float]]:
    rows = spec["data"]["values"]
    curves: dict[tuple[str, str], list[float]] = {}
    for row in sorted(rows, key=lambda r: int(r["step"])):
        curves.setdefault((row["rev"], row["architecture"]), []).append(float(row[field]))
    return curves


@pytest.mark.slow
def test_a_new_timm_architecture_is_one_line_in_params(sample_run, tmp_path):
    """Done-when of issue 15: `dvc exp run -S 'architectures=[resnet50,convnext_tiny,<a Swin>]'` trains,
    explains and compares them with dvc.yaml untouched. ConvNeXt-T is full size with the shared `train`
    params (no train_arch entry); the windowed transformer uses the tiny config of tests/tiny_architectures.yaml."""
    root = committed_copy(sample_run, tmp_path / "repo")
    dvc_yaml = (root / "dvc.yaml").read_bytes()
    tiny = yaml.safe_load((Path(__file__).parent / "tiny_architectures.yaml").read_text())
    swin = next(name for name in tiny if name.startswith("swin"))
    kwargs = hydra_value(tiny[swin]["model_kwargs"])
    archs = [ARCH, "convnext_tiny", swin]
    run([DVC, "exp", "run", "-S", f"architectures=[{','.join(archs)}]",
         "-S", f"++train_arch.{swin}.model_kwargs={kwargs}", "-n", "new-archs"], cwd=root, timeout=3000)
    assert (root / "dvc.yaml").read_bytes() == dvc_yaml
    comparison = json.loads(layout.comparison_json(root).read_text())
    assert sorted(comparison) == sorted(archs)
    for arch in archs[1:]:
        out = layout.images(arch, root)
        assert json.loads(out.model_json.read_text())["arch"] == arch
        cam = json.loads(out.gradcam_json.read_text())
        assert cam["n_images"] > 0 and cam["n_images"] > cam["n_undefined"], (arch, cam)
        assert out.gradcam_png.stat().st_size > 10_000 and out.model_card.is_file()
        assert 0.0 <= comparison[arch]["balanced_accuracy"] <= 1.0
    table = (root / "thesis/tables/comparison.tex").read_text()
    assert all(a.replace("_", r"\_") in table for a in archs)
    again = run([DVC, "repro"], cwd=root)
    assert not stages_run(again.stdout), "the graph is complete: a second repro runs nothing"
