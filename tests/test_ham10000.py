"""HAM10000 loading, validation, lesion split and image cache."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from medrepro.data import ham10000 as ham
from medrepro.data.sample_images import make_sample_metadata
from medrepro.errors import InputError, ParamsError


def write_dataset(root: Path, meta: pd.DataFrame, layout: str = "flat", size=(40, 30)) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    meta.to_csv(root / ham.METADATA_FILE, index=False)
    for i, image_id in enumerate(meta["image_id"]):
        folder = root if layout == "flat" else root / f"HAM10000_images_part_{1 + i % 2}"
        folder.mkdir(exist_ok=True)
        Image.new("RGB", size, (i % 255, 100, 50)).save(folder / f"{image_id}.jpg")
    return root


@pytest.fixture
def small_meta() -> pd.DataFrame:
    return make_sample_metadata(seed=3, lesions={dx: 4 for dx in ham.CLASSES})


def test_metadata_valid_and_whitespace_bom_crlf_tolerated(tmp_path, small_meta):
    text = small_meta.to_csv(index=False).replace(",", " , ").replace("\n", "\r\n")
    (tmp_path / ham.METADATA_FILE).write_bytes(b"\xef\xbb\xbf" + text.encode())
    meta = ham.load_metadata(tmp_path)
    assert list(meta.columns) == ham.REQUIRED_COLUMNS
    assert meta["image_id"].tolist() == small_meta["image_id"].tolist()
    assert set(meta["dx"]) == set(ham.CLASSES)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda m: m.drop(columns="dx"), "missing column"),
        (lambda m: m.assign(dx=m["dx"].where(m.index != 2, "melanoma")), "row 4: unknown dx label 'melanoma'"),
        (lambda m: m.assign(image_id=m["image_id"].where(m.index != 3, m.at[0, "image_id"])), "row 5: duplicate"),
        (lambda m: m.assign(image_id=m["image_id"].where(m.index != 1, "../etc/passwd")), "not a plain file name"),
        (lambda m: m.iloc[0:0], "no rows"),
        (lambda m: m.assign(lesion_id=m["lesion_id"].where(m.index != 0, "")), "row 2: empty lesion_id"),
    ],
)
def test_metadata_errors_name_row_and_problem(tmp_path, small_meta, mutate, message):
    mutate(small_meta).to_csv(tmp_path / ham.METADATA_FILE, index=False)
    with pytest.raises(InputError, match=message.replace("(", r"\(")) as err:
        ham.load_metadata(tmp_path)
    assert "\n" not in str(err.value)
    assert ham.METADATA_FILE in str(err.value)


def test_missing_and_empty_metadata_file(tmp_path):
    with pytest.raises(InputError, match="metadata file not found"):
        ham.load_metadata(tmp_path)
    (tmp_path / ham.METADATA_FILE).write_text("")
    with pytest.raises(InputError, match="empty"):
        ham.load_metadata(tmp_path)


@pytest.mark.parametrize("layout", ["flat", "official"])
def test_locate_images_in_both_layouts(tmp_path, small_meta, layout):
    write_dataset(tmp_path, small_meta, layout)
    paths = ham.locate_images(tmp_path, small_meta["image_id"].tolist())
    assert [p.stem for p in paths] == small_meta["image_id"].tolist()
    if layout == "official":
        assert {p.parent.name for p in paths} == {"HAM10000_images_part_1", "HAM10000_images_part_2"}


def test_missing_image_is_reported_with_count(tmp_path, small_meta):
    write_dataset(tmp_path, small_meta)
    for image_id in small_meta["image_id"][:3]:
        (tmp_path / f"{image_id}.jpg").unlink()
    with pytest.raises(InputError, match=r"and 2 more\) listed in HAM10000_metadata.csv but not found"):
        ham.locate_images(tmp_path, small_meta["image_id"].tolist())


def _img_bytes(mode: str, fmt: str) -> bytes:
    buf = io.BytesIO()
    colour = {"L": 128, "RGBA": (10, 20, 30, 128), "CMYK": (0, 50, 100, 0), "RGB": (200, 10, 10), "P": 3}[mode]
    Image.new(mode, (120, 90), colour).save(buf, format=fmt)
    return buf.getvalue()


@pytest.mark.parametrize("mode, fmt", [("L", "JPEG"), ("RGBA", "PNG"), ("CMYK", "JPEG"), ("RGB", "PNG"),
                                       ("P", "PNG")])
def test_decode_converts_modes_to_rgb(tmp_path, mode, fmt):
    path = tmp_path / f"img.{fmt.lower()}"
    path.write_bytes(_img_bytes(mode, fmt))
    out = ham._decode_one((str(path), 32))
    assert isinstance(out, np.ndarray) and out.shape == (32, 32, 3) and out.dtype == np.uint8


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (b"this is a text file, not a JPEG\n", "not a readable image"),
        ("truncated", "cannot decode image"),
    ],
)
def test_decode_rejects_bad_files(tmp_path, content, message):
    path = tmp_path / "bad.jpg"
    if content == "truncated":
        buf = io.BytesIO()
        Image.fromarray(np.random.default_rng(0).integers(0, 255, (200, 200, 3), dtype=np.uint8)).save(buf, "JPEG")
        content = buf.getvalue()[:2000]
    path.write_bytes(content)
    out = ham._decode_one((str(path), 32))
    assert isinstance(out, str) and message in out and str(path) in out


def test_decode_rejects_decompression_bomb(tmp_path, monkeypatch):
    path = tmp_path / "bomb.png"
    Image.new("L", (4000, 4000)).save(path)
    monkeypatch.setattr(ham, "MAX_IMAGE_PIXELS", 1_000_000)
    out = ham._decode_one((str(path), 32))
    assert isinstance(out, str) and "decompression bomb" in out


def test_split_real_metadata_no_lesion_overlap_and_stratified(shared_data):
    meta = pd.read_csv(shared_data / ham.METADATA_FILE, dtype=str, keep_default_na=False)
    split = ham.split_by_lesion(meta, 0.15, 0.15, seed=42)
    assert split.notna().all()
    lesion_splits = meta.assign(split=split).groupby("lesion_id")["split"].nunique()
    assert (lesion_splits == 1).all(), "a lesion appears in two splits"
    lesions = meta.assign(split=split).drop_duplicates("lesion_id")
    overall = lesions["dx"].value_counts(normalize=True)
    for name, fraction in [("train", 0.70), ("val", 0.15), ("test", 0.15)]:
        part = lesions[lesions["split"] == name]
        assert abs(len(part) / len(lesions) - fraction) < 0.01
        share = part["dx"].value_counts(normalize=True)
        for dx in ham.CLASSES:
            assert abs(share.get(dx, 0) - overall[dx]) < 0.01, (name, dx)
    images = meta.assign(split=split)
    for name in ("val", "test"):
        assert abs((images["split"] == name).mean() - 0.15) < 0.02


def test_split_is_deterministic_and_seed_dependent(small_meta):
    a = ham.split_by_lesion(small_meta, 0.25, 0.25, seed=1)
    assert a.equals(ham.split_by_lesion(small_meta, 0.25, 0.25, seed=1))
    assert not a.equals(ham.split_by_lesion(small_meta, 0.25, 0.25, seed=2))


def test_split_errors(small_meta):
    with pytest.raises(ParamsError, match="sum to less than 1"):
        ham.split_by_lesion(small_meta, 0.6, 0.5, seed=0)
    few = small_meta[~((small_meta["dx"] == "df") & (small_meta["lesion_id"] != small_meta.loc[
        small_meta["dx"] == "df", "lesion_id"].iloc[0]))]
    with pytest.raises(InputError, match="class 'df' has only 1 lesion"):
        ham.split_by_lesion(few, 0.2, 0.2, seed=0)


def test_prepare_images_writes_cache_and_split_table(tmp_path, small_meta):
    src = write_dataset(tmp_path / "ds", small_meta, "official")
    out = tmp_path / "prepared"
    prepared = ham.prepare_images(src, out, val_fraction=0.25, test_fraction=0.25, seed=0, cache_size=24,
                                  workers=2, progress=False)
    splits = pd.read_csv(out / "splits.csv")
    assert list(splits.columns[:4]) == ["image_id", "lesion_id", "dx", "split"]
    assert len(splits) == len(small_meta)
    for split in ham.SPLITS:
        images = np.load(out / f"{split}_images.npy", mmap_mode="r")
        labels = np.load(out / f"{split}_labels.npy")
        rows = splits[splits["split"] == split]
        assert images.shape == (len(rows), 24, 24, 3) and images.dtype == np.uint8
        assert labels.tolist() == rows["dx"].map(ham.CLASSES.index).tolist()
        assert rows["image_id"].is_monotonic_increasing
    again = ham.prepare_images(src, tmp_path / "again", val_fraction=0.25, test_fraction=0.25, seed=0,
                               cache_size=24, workers=1, progress=False)
    assert again.fingerprint == prepared.fingerprint
    summary = ham.data_summary(prepared.splits)
    assert summary["train"]["lesions"] + summary["val"]["lesions"] + summary["test"]["lesions"] == 28


def test_prepare_images_reports_bad_image(tmp_path, small_meta):
    src = write_dataset(tmp_path / "ds", small_meta)
    bad = small_meta["image_id"].iloc[5]
    (src / f"{bad}.jpg").write_bytes(b"")
    with pytest.raises(InputError, match=f"{bad}.jpg: empty file"):
        ham.prepare_images(src, tmp_path / "out", val_fraction=0.25, test_fraction=0.25, seed=0, cache_size=24,
                           workers=1, progress=False)
