"""`medrepro profile thesis` switches params.yaml to the GPU set-up in one command, keeping comments."""

from __future__ import annotations

import shutil

import pytest
import yaml

from medrepro.cli import main
from medrepro.errors import ParamsError
from medrepro.profiles import apply_profile, load_profile


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
