"""Experiment trackers: train@resnet50 logs to DVCLive and W&B (offline) at once, and leaks no secrets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from conftest import BIN, copy_run, run

from medrepro import layout
from medrepro.profiles import apply_profile
from medrepro.train.images import tracker_init_kwargs

SECRET = "sk-test-SECRET123-medrepro"


def clear_env(monkeypatch, *names: str) -> None:
    """Unset names for one test; setenv first so that monkeypatch restores them (or their absence) after."""
    for name in names:
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)


def test_tracker_init_kwargs_keeps_wandb_offline_without_key(monkeypatch, tmp_path):
    clear_env(monkeypatch, "WANDB_API_KEY", "WANDB_MODE")
    tracker_dir = tmp_path / "dvclive" / "resnet50"
    kwargs = tracker_init_kwargs(["dvclive", "wandb"], "resnet50", tracker_dir)
    assert set(kwargs) == {"dvclive", "wandb"}
    assert kwargs["dvclive"]["dir"] == str(tracker_dir)
    assert kwargs["dvclive"]["save_dvc_exp"] is False  # DVC, not DVCLive, owns experiments
    assert kwargs["wandb"]["name"] == "resnet50"
    assert os.environ["WANDB_MODE"] == "offline"
    # tracker_dir is a DVC output: DVC deletes it before re-running the stage, and it is committed to git.
    wandb_dir = kwargs["wandb"].get("dir")
    assert wandb_dir is None or not Path(wandb_dir).resolve().is_relative_to(tracker_dir.resolve()), \
        "W&B must not write its runs into the DVCLive output dir"


def test_tracker_init_kwargs_leaves_wandb_mode_alone_with_key(monkeypatch):
    clear_env(monkeypatch, "WANDB_MODE")
    monkeypatch.setenv("WANDB_API_KEY", "x" * 40)
    tracker_init_kwargs(["wandb"], "resnet50", None)
    assert "WANDB_MODE" not in os.environ


def tree_contains(root: Path, needle: str) -> list[Path]:
    blob = needle.encode()
    return [p for p in root.rglob("*") if p.is_file() and blob in p.read_bytes()]


def wandb_records(path: Path):
    """The protobuf records of a `.wandb` run file (a LevelDB-style log: 32 KiB blocks, 7-byte chunk headers).

    wandb 0.31 ships no Python reader; offline runs write no wandb-summary.json/config.yaml, only this file.
    """
    from wandb.proto import wandb_internal_pb2

    data = path.read_bytes()
    assert data[:4] == b":W&B", f"{path}: not a W&B run file"
    pos, block, buf = 7, 32768, b""
    while pos + 7 <= len(data):
        if block - pos % block < 7:  # a block's tail too short for a header is padding
            pos += block - pos % block
            continue
        length, kind = int.from_bytes(data[pos + 4:pos + 6], "little"), data[pos + 6]
        buf += data[pos + 7:pos + 7 + length]
        pos += 7 + length
        if kind in (1, 4):  # FULL, or LAST of FIRST/MIDDLE…/LAST
            record = wandb_internal_pb2.Record()
            record.ParseFromString(buf)
            buf = b""
            yield record


def _key(item) -> str:
    return item.key or "/".join(item.nested_key)


def wandb_run_contents(path: Path) -> tuple[dict, list[dict], str]:
    """(config, history rows, run display name) from a `.wandb` file, values JSON-decoded."""
    config, history, name = {}, [], ""
    for record in wandb_records(path):
        kind = record.WhichOneof("record_type")
        if kind == "config":
            config.update({_key(i): json.loads(i.value_json) for i in record.config.update})
        elif kind == "history":
            history.append({_key(i): json.loads(i.value_json) for i in record.history.item})
        elif kind == "run":
            name = record.run.display_name
    return config, history, name


@pytest.mark.slow
def test_train_logs_to_dvclive_and_wandb_offline(sample_run, tmp_path):
    root = copy_run(sample_run, tmp_path / "repo")
    # A params change re-runs the stage, and a finished run is never resumed: this trains again, logging
    # every epoch to both trackers.
    apply_profile(root / "params.yaml", {"train.log_with": ["dvclive", "wandb"]})
    wandb_dir = root / "wandb-runs"
    env = {"WANDB_MODE": "offline", "WANDB_API_KEY": "", "WANDB_DIR": str(wandb_dir), "WANDB_SILENT": "true",
           "WANDB_CONFIG_DIR": str(tmp_path / "wandb-config"),
           "WANDB_CACHE_DIR": str(tmp_path / "wandb-cache"),
           "AWS_SECRET_ACCESS_KEY": SECRET, "HF_TOKEN": SECRET}
    run([str(BIN / "dvc"), "repro", "train@resnet50"], cwd=root, **env)
    files = layout.images("resnet50", root)
    train = json.loads(files.train_json.read_text())

    live = files.dvclive
    rows = (live / "plots" / "metrics" / "val_balanced_accuracy.tsv").read_text().splitlines()
    assert rows[0].split("\t") == ["step", "val_balanced_accuracy"]
    live_curve = [float(row.split("\t")[1]) for row in rows[1:]]
    assert len(live_curve) == train["epochs_run"]
    assert max(live_curve) == pytest.approx(train["val_balanced_accuracy"])  # best epoch is the reported one
    live_params = yaml.safe_load((live / "params.yaml").read_text())
    assert live_params["arch"] == "resnet50" and live_params["log_with"] == ["dvclive", "wandb"]

    # W&B writes under WANDB_DIR, not into results/train/<arch>/dvclive: that is a DVC output, deleted before
    # every re-run of the stage (an unsynced offline run would be lost) and committed to git.
    assert not list(live.rglob("offline-run-*")), f"W&B wrote its run into the DVC output {live}"
    runs = sorted(wandb_dir.glob("wandb/offline-run-*"))
    found = sorted(root.rglob("offline-run-*"))
    assert len(runs) == 1, f"expected one W&B offline run under {wandb_dir}/wandb, found {found}"
    (run_file,) = runs[0].glob("run-*.wandb")
    config, history, name = wandb_run_contents(run_file)
    assert name == "resnet50"
    assert [row["val_balanced_accuracy"] for row in history] == pytest.approx(live_curve)  # same epochs
    assert config["arch"] == "resnet50" and config["lr"] == pytest.approx(live_params["lr"])
    assert config["log_with"] == ["dvclive", "wandb"]

    leaks = tree_contains(live, SECRET) + tree_contains(wandb_dir, SECRET)
    assert not leaks, f"an environment secret was logged: {leaks}"
