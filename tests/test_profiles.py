"""`medrepro profile thesis` switches params.yaml to the GPU set-up in one command, keeping comments."""

from __future__ import annotations

import shutil

import pytest
import yaml

from medrepro.cli import main
from medrepro.errors import ParamsError
from medrepro.profiles import CAP_SECTIONS, CAPS, apply_profile, load_profile


def test_thesis_profile_sets_real_setup_and_keeps_comments(tmp_path, repo_root, monkeypatch, capsys):
    shutil.copy(repo_root / "params.yaml", tmp_path / "params.yaml")
    shutil.copytree(repo_root / "configs", tmp_path / "configs")
    monkeypatch.chdir(tmp_path)
    main(["profile", "thesis"])
    params = yaml.safe_load((tmp_path / "params.yaml").read_text())
    assert params["data"]["ham10000"] == "data/raw/ham10000"
    assert params["train"]["image_size"] == 224 and params["train"]["epochs"] == 20
    assert params["train"]["pretrained"] is True and params["train"]["mixed_precision"] == "bf16"
    assert all(params["train_arch"][a].get("model_kwargs", {}) == {} for a in params["architectures"])
    assert "# Sample profile" in (tmp_path / "params.yaml").read_text()
    assert "train.epochs: 4 -> 20" in capsys.readouterr().out


def test_unknown_profile_and_key(tmp_path, repo_root):
    with pytest.raises(ParamsError, match="no such profile"):
        load_profile("gpu-cluster", repo_root / "configs" / "profiles")
    (tmp_path / "params.yaml").write_text("train:\n  lr: 0.1\n")
    with pytest.raises(ParamsError, match="'train.lrr' does not exist"):
        apply_profile(tmp_path / "params.yaml", {"train.lrr": 1})


def test_thesis_profile_prints_pins_and_removes_sample_pins(tmp_path, repo_root, monkeypatch, capsys):
    """EfficientNet's sample pin (epochs: 10) is removed, so train.epochs shortens every architecture; the pins
    that remain are printed so they cannot silently override a shared setting."""
    shutil.copy(repo_root / "params.yaml", tmp_path / "params.yaml")
    shutil.copytree(repo_root / "configs", tmp_path / "configs")
    monkeypatch.chdir(tmp_path)
    main(["profile", "thesis"])
    out = capsys.readouterr().out
    params = yaml.safe_load((tmp_path / "params.yaml").read_text())
    assert "epochs" not in params["train_arch"]["efficientnet_b3"]
    assert "train_arch.efficientnet_b3.epochs: 10 -> (removed)" in out
    assert "train_arch.vit_b_16.lr: 0.0002 overrides train.lr: 0.001" in out
    assert "notes_train_method.lora.lr: 0.0003 overrides notes_train.lr: 3e-05" in out
    assert params["data"]["notes"] != "data/sample/notes.csv"
    for arch in params["architectures"]:
        assert params["train_arch"][arch]["pretrained_path"] == f"weights/{arch}/model.safetensors"


def test_rehearsal_is_the_thesis_profile_with_only_cpu_changes(repo_root):
    thesis = load_profile("thesis", repo_root / "configs" / "profiles")
    rehearsal = load_profile("rehearsal", repo_root / "configs" / "profiles")
    changed = {k for k in rehearsal if rehearsal[k] != thesis.get(k)}
    assert changed == {"data.ham10000", "data.notes", "train.epochs", "train.batch_size", "train.warmup_epochs",
                       "train.loader_workers", "notes_train.epochs", "notes_train.batch_size",
                       "notes_train.max_length", "notes_train.loader_workers", "pretrain_notes.epochs",
                       "pretrain_notes.batch_size", "pretrain_notes.max_length", "pretrain_notes.loader_workers",
                       "cv.fold_ids", "cv.architectures", "gradcam.per_class", "gradcam.sanity_images",
                       *(f"{s}.{cap}" for s in CAP_SECTIONS for cap in CAPS)}
    for key in ("train.mixed_precision", "train.image_size", "prepare.cache_size", "notes_train.model_name",
                "notes_train.mixed_precision", "pretrain_notes.mixed_precision", "train_arch.vit_b_16"):
        assert rehearsal[key] == thesis[key]


def test_profile_extends_and_cycles(tmp_path):
    (tmp_path / "a.yaml").write_text("train.lr: 0.1\ntrain_arch.x: {lr: 1, epochs: 2}\n")
    (tmp_path / "b.yaml").write_text("extends: a\ntrain_arch.x: {epochs: 3}\n")
    assert load_profile("b", tmp_path) == {"train.lr": 0.1, "train_arch.x": {"lr": 1, "epochs": 3}}
    (tmp_path / "a.yaml").write_text("extends: b\n")
    with pytest.raises(ParamsError, match="cycle"):
        load_profile("b", tmp_path)


def test_rehearsal_caps_are_printed_and_the_thesis_profile_resets_them(tmp_path, repo_root, monkeypatch, capsys):
    """A capped run must not pass for a real one: the caps are announced, and switching to the thesis profile
    after a rehearsal leaves none behind."""
    shutil.copy(repo_root / "params.yaml", tmp_path / "params.yaml")
    shutil.copytree(repo_root / "configs", tmp_path / "configs")
    monkeypatch.chdir(tmp_path)
    main(["profile", "rehearsal"])
    err = capsys.readouterr().err
    assert "warning: CPU-rehearsal caps are set (train.max_steps_per_epoch: 1" in err
    params = yaml.safe_load((tmp_path / "params.yaml").read_text())
    assert all(params[s][cap] > 0 for s in CAP_SECTIONS for cap in CAPS)
    main(["profile", "thesis"])
    assert "CPU-rehearsal caps" not in capsys.readouterr().err
    params = yaml.safe_load((tmp_path / "params.yaml").read_text())
    assert all(params[s][cap] == 0 for s in CAP_SECTIONS for cap in CAPS)
    assert params["gradcam"]["per_class"] == 2 and params["gradcam"]["sanity_images"] == 64
    assert "epochs" not in params["notes_train_method"]["lora"]  # the sample's 30-epoch LoRA pin is gone
