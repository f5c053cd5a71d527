"""Broken datasets and params through the real stage scripts: one `error:` line, exit 1, no outputs."""

from __future__ import annotations

import io
import shutil

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import BIN, REPO, run
from PIL import Image

from medrepro import layout
from medrepro.data.ham10000 import CLASSES, METADATA_FILE
from medrepro.data.sample_images import make_sample_metadata


def dataset(root, meta: pd.DataFrame | None = None):
    meta = make_sample_metadata(seed=1, lesions={dx: 3 for dx in CLASSES}) if meta is None else meta
    root.mkdir(parents=True, exist_ok=True)
    meta.to_csv(root / METADATA_FILE, index=False)
    for i, image_id in enumerate(meta["image_id"]):
        Image.new("RGB", (60, 45), (i % 256, 90, 60)).save(root / f"{image_id}.jpg")
    return meta


def truncate(path):
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (300, 300, 3), dtype=np.uint8)).save(buf, "JPEG")
    path.write_bytes(buf.getvalue()[:3000])


def cmyk(path):
    Image.new("CMYK", (60, 45), (0, 40, 80, 10)).save(path, "JPEG")


def rgba_png(path):
    path.unlink()
    Image.new("RGBA", (60, 45), (200, 10, 10, 90)).save(path.with_suffix(".png"))


def grey(path):
    Image.new("L", (60, 45), 120).save(path, "JPEG")


CASES = {
    "missing metadata": (lambda d, m: (d / METADATA_FILE).unlink(), "metadata file not found"),
    "renamed column": (lambda d, m: m.rename(columns={"dx": "diagnosis"}).to_csv(d / METADATA_FILE, index=False),
                       "missing column(s) ['dx']"),
    "unknown dx": (lambda d, m: m.assign(dx=m["dx"].where(m.index != 4, "mole")).to_csv(d / METADATA_FILE,
                                                                                     index=False),
                   "row 6: unknown dx label 'mole'"),
    "duplicate image_id": (lambda d, m: pd.concat([m, m.iloc[[0]]]).to_csv(d / METADATA_FILE, index=False),
                           "duplicate image_id"),
    "image absent": (lambda d, m: (d / f"{m.image_id[2]}.jpg").unlink(), "but not found"),
    "zero-byte image": (lambda d, m: (d / f"{m.image_id[2]}.jpg").write_bytes(b""), "empty file (0 bytes)"),
    "truncated jpeg": (lambda d, m: truncate(d / f"{m.image_id[2]}.jpg"), "truncated or corrupt"),
    "text named .jpg": (lambda d, m: (d / f"{m.image_id[2]}.jpg").write_text("hello"), "not a readable image"),
    "empty metadata": (lambda d, m: (d / METADATA_FILE).write_text(""), "file is empty"),
    "header only": (lambda d, m: m.iloc[0:0].to_csv(d / METADATA_FILE, index=False), "no rows"),
    "too few lesions": (lambda d, m: m[~m["lesion_id"].isin(m[m.dx == "df"].lesion_id.unique()[:2])].to_csv(
        d / METADATA_FILE, index=False), "class 'df' has only 1 lesion"),
    "path escape": (lambda d, m: m.assign(image_id=m["image_id"].where(m.index != 0, "../x")).to_csv(
        d / METADATA_FILE, index=False), "is not a plain file name"),
}


def project(tmp_path, **param_changes):
    proj = tmp_path / "proj"
    proj.mkdir()
    params = yaml.safe_load((REPO / "params.yaml").read_text())
    params["data"]["ham10000"] = str(tmp_path / "ds")
    for dotted, value in param_changes.items():
        section, key = dotted.split(".")
        params[section][key] = value
    (proj / "params.yaml").write_text(yaml.safe_dump(params))
    return proj


def run_prepare(proj):
    return run([str(BIN / "python"), str(REPO / "stages" / "prepare_images.py")], cwd=proj, check=False)


def assert_clean_failure(proc, proj, message):
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and "%|" not in ln]
    assert lines[-1].startswith("error: ") and message in lines[-1], proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (proj / "data").exists() and not (proj / layout.RESULTS).exists(), "partial outputs left behind"


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_dataset(tmp_path, case):
    mutate, message = CASES[case]
    meta = dataset(tmp_path / "ds")
    mutate(tmp_path / "ds", meta)
    proj = project(tmp_path, **{"prepare.val_fraction": 0.3, "prepare.test_fraction": 0.3})
    assert_clean_failure(run_prepare(proj), proj, message)


@pytest.mark.parametrize("convert", [cmyk, rgba_png, grey])
def test_odd_but_valid_images_are_converted(tmp_path, convert):
    meta = dataset(tmp_path / "ds")
    convert(tmp_path / "ds" / f"{meta.image_id[0]}.jpg")
    text = (tmp_path / "ds" / METADATA_FILE).read_text()
    (tmp_path / "ds" / METADATA_FILE).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "  \r\n").encode())
    proj = project(tmp_path, **{"prepare.val_fraction": 0.3, "prepare.test_fraction": 0.3})
    proc = run_prepare(proj)
    assert proc.returncode == 0, proc.stderr
    assert len(pd.read_csv(proj / "data/prepared/ham10000/splits.csv")) == len(meta)


@pytest.mark.parametrize("changes, message", [
    ({"prepare.val_fraction": 0.6, "prepare.test_fraction": 0.5}, "must each be in (0, 1) and sum to less than 1"),
    ({"prepare.cache_size": "big"}, "'prepare.cache_size' must be an integer"),
    ({"prepare.colour": 1}, "unknown key(s) ['colour'] in 'prepare'"),
])
def test_impossible_prepare_params(tmp_path, changes, message):
    dataset(tmp_path / "ds")
    proj = project(tmp_path, **changes)
    assert_clean_failure(run_prepare(proj), proj, message)


def test_unknown_architecture(tmp_path):
    proj = project(tmp_path)
    params = yaml.safe_load((proj / "params.yaml").read_text())
    params["architectures"].append("alexnet")
    (proj / "params.yaml").write_text(yaml.safe_dump(params))
    # train_config@<arch> resolves (and so validates) an architecture's settings before train@<arch> runs
    proc = run([str(BIN / "python"), str(REPO / "stages" / "train_config.py"), "alexnet"], cwd=proj, check=False)
    assert_clean_failure(proc, proj, "unknown architecture 'alexnet'")


def test_debug_switch_shows_traceback(tmp_path):
    dataset(tmp_path / "ds")
    shutil.rmtree(tmp_path / "ds")
    proj = project(tmp_path)
    proc = run([str(BIN / "python"), str(REPO / "stages" / "prepare_images.py")], cwd=proj, check=False,
               MEDREPRO_DEBUG="1")
    assert proc.returncode == 1 and "Traceback" in proc.stderr
