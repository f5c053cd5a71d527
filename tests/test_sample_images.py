"""The bundled image sample is reproducible from its generator and shaped like HAM10000."""

from __future__ import annotations

import hashlib

import pandas as pd

from medrepro.data.ham10000 import CLASSES, METADATA_FILE, REQUIRED_COLUMNS, load_metadata
from medrepro.data.sample_images import write_sample


def digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_generator_is_deterministic_and_seeded(tmp_path):
    a = write_sample(tmp_path / "a", seed=0)
    b = write_sample(tmp_path / "b", seed=0)
    c = write_sample(tmp_path / "c", seed=1)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert a.equals(b) and not a.equals(c)


def test_committed_sample_matches_generator(tmp_path, repo_root):
    write_sample(tmp_path / "regen", seed=0)
    committed = repo_root / "data" / "sample" / "ham10000"
    assert digest(committed) == digest(tmp_path / "regen"), "data/sample changed: re-run `medrepro sample`"


def test_sample_shape(repo_root):
    meta = load_metadata(repo_root / "data" / "sample" / "ham10000")
    assert list(meta.columns) == REQUIRED_COLUMNS
    assert set(meta["dx"]) == set(CLASSES)
    assert 200 <= len(meta) <= 500
    per_lesion = meta.groupby("lesion_id").size()
    assert (per_lesion > 1).sum() >= 20 and per_lesion.max() >= 3
    assert meta["image_id"].str.match(r"^ISIC_\d{7}$").all()
    raw = pd.read_csv(repo_root / "data" / "sample" / "ham10000" / METADATA_FILE, dtype=str, keep_default_na=False)
    assert (raw["age"] == "").any()
