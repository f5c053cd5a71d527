"""HAM10000: validate metadata and images, split by lesion, decode once into a uint8 cache."""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image, ImageFile, UnidentifiedImageError
from tqdm.auto import tqdm

from medrepro.device import available_cpus
from medrepro.errors import InputError, ParamsError

CLASSES = ["akiec", "bcc", "bkl", "df", "mel", "nv", "vasc"]
METADATA_FILE = "HAM10000_metadata.csv"
REQUIRED_COLUMNS = ["lesion_id", "image_id", "dx", "dx_type", "age", "sex", "localization"]
IMAGE_DIRS = [".", "HAM10000_images_part_1", "HAM10000_images_part_2", "images"]
IMAGE_SUFFIXES = [".jpg", ".jpeg", ".png", ".JPG", ".JPEG", ".PNG"]
SPLITS = ["train", "val", "test"]
MAX_IMAGE_PIXELS = 50_000_000
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def load_metadata(dataset_dir: str | Path) -> pd.DataFrame:
    """Read and validate the metadata CSV; tolerate BOM, CRLF and stray whitespace."""
    path = Path(dataset_dir) / METADATA_FILE
    if not path.is_file():
        raise InputError(f"{path}: metadata file not found; set data.ham10000 in params.yaml to the dataset folder")
    try:
        meta = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError as exc:
        raise InputError(f"{path}: file is empty; expected a header and one row per image") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); re-save the file as UTF-8") from exc
    except pd.errors.ParserError as exc:
        raise InputError(f"{path}: not a valid CSV ({str(exc).splitlines()[0]})") from exc
    meta.columns = [c.strip() for c in meta.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in meta.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {missing}; expected {REQUIRED_COLUMNS}")
    meta = meta[REQUIRED_COLUMNS].apply(lambda col: col.str.strip())
    if meta.empty:
        raise InputError(f"{path}: no rows; expected one row per image")
    for column in ("lesion_id", "image_id"):
        empty = meta.index[meta[column] == ""]
        if len(empty):
            raise InputError(f"{path}: row {empty[0] + 2}: empty {column}")
    unknown = meta.index[~meta["dx"].isin(CLASSES)]
    if len(unknown):
        i = unknown[0]
        raise InputError(f"{path}: row {i + 2}: unknown dx label {meta.at[i, 'dx']!r}; expected one of {CLASSES}")
    unsafe = meta.index[~meta["image_id"].map(lambda s: bool(_SAFE_ID.match(s)) and ".." not in s)]
    if len(unsafe):
        i = unsafe[0]
        raise InputError(f"{path}: row {i + 2}: image_id {meta.at[i, 'image_id']!r} is not a plain file name")
    dup = meta.index[meta["image_id"].duplicated()]
    if len(dup):
        i = dup[0]
        raise InputError(f"{path}: row {i + 2}: duplicate image_id {meta.at[i, 'image_id']!r}")
    mixed = meta.groupby("lesion_id")["dx"].nunique()
    if (mixed > 1).any():
        raise InputError(f"{path}: lesion {mixed[mixed > 1].index[0]!r} has images with different dx labels")
    return meta.reset_index(drop=True)


def locate_images(dataset_dir: str | Path, image_ids: list[str]) -> list[Path]:
    """Find each image in the official two-part layout or a flat folder; report all missing at once."""
    root = Path(dataset_dir).resolve()
    available: dict[str, Path] = {}
    for sub in IMAGE_DIRS:
        folder = root / sub
        if folder.is_dir():
            for entry in os.scandir(folder):
                stem, suffix = os.path.splitext(entry.name)
                if suffix in IMAGE_SUFFIXES and entry.is_file():
                    available.setdefault(stem, Path(entry.path))
    paths, missing = [], []
    for image_id in image_ids:
        found = available.get(image_id)
        if found is None or root not in found.resolve().parents:
            missing.append(image_id)
        else:
            paths.append(found)
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise InputError(
            f"{root}: image {missing[0]!r}{more} listed in {METADATA_FILE} but not found as .jpg/.png in "
            f"{', '.join(IMAGE_DIRS)}; add the files or remove the rows"
        )
    return paths


def split_by_lesion(meta: pd.DataFrame, val_fraction: float, test_fraction: float, seed: int) -> pd.Series:
    """Assign whole lesions to train/val/test, stratified by dx, so no lesion appears in two splits."""
    if not (0 < val_fraction < 1 and 0 < test_fraction < 1 and val_fraction + test_fraction < 1):
        raise ParamsError(
            f"params.yaml: prepare.val_fraction={val_fraction} and prepare.test_fraction={test_fraction} "
            "must each be in (0, 1) and sum to less than 1"
        )
    lesions = meta.groupby("lesion_id", sort=True)["dx"].first()
    rng = np.random.default_rng(seed)
    assignment: dict[str, str] = {}
    for dx in CLASSES:
        ids = lesions.index[lesions == dx].to_numpy()
        if len(ids) == 0:
            continue
        if len(ids) < 3:
            raise InputError(
                f"class {dx!r} has only {len(ids)} lesion(s); at least 3 are needed to put one in each of "
                "train/val/test — add lesions or remove the class's rows"
            )
        ids = ids[rng.permutation(len(ids))]
        n_test = max(1, int(round(len(ids) * test_fraction)))
        n_val = max(1, int(round(len(ids) * val_fraction)))
        if n_test + n_val >= len(ids):
            n_test, n_val = 1, 1
        for i, lesion in enumerate(ids):
            assignment[lesion] = "test" if i < n_test else "val" if i < n_test + n_val else "train"
    return meta["lesion_id"].map(assignment).rename("split")


def _decode_one(args: tuple[str, int]) -> np.ndarray | str:
    """Decode one image to size×size RGB uint8; return an error string instead of raising."""
    path, size = args
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                if img.format == "JPEG":
                    img.draft("RGB", (size, size))
                img.load()
                if img.mode in ("RGBA", "LA", "P"):
                    img = img.convert("RGBA")
                    background = Image.new("RGBA", img.size, (255, 255, 255, 255))
                    img = Image.alpha_composite(background, img)
                rgb = img.convert("RGB").resize((size, size), Image.Resampling.BICUBIC, reducing_gap=2.0)
                return np.asarray(rgb, dtype=np.uint8)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"{path}: image is too large (over {MAX_IMAGE_PIXELS} pixels, a possible decompression bomb)"
    except UnidentifiedImageError:
        size_bytes = os.path.getsize(path)
        what = "empty file (0 bytes)" if size_bytes == 0 else "not a readable image"
        return f"{path}: {what}; replace or remove it"
    except (OSError, SyntaxError, ValueError) as exc:
        return f"{path}: cannot decode image ({exc}); the file may be truncated or corrupt"


def _decode_chunk(args: tuple[list[str], int]) -> list[np.ndarray | str]:
    paths, size = args
    return [_decode_one((p, size)) for p in paths]


def decode_images(paths: list[Path], size: int, out: np.ndarray, workers: int = 0,
                  progress: bool = True) -> None:
    """Decode `paths` into `out` (N×size×size×3 uint8) with a process pool; raise on any bad image."""
    workers = workers or available_cpus()
    chunk = 64
    jobs = [([str(p) for p in paths[i:i + chunk]], size) for i in range(0, len(paths), chunk)]
    errors: list[str] = []
    bar = tqdm(total=len(paths), desc=f"decode {size}px", unit="img", disable=not progress)
    if workers == 1:
        results = map(_decode_chunk, jobs)
        executor = None
    else:
        executor = ProcessPoolExecutor(max_workers=workers)
        results = executor.map(_decode_chunk, jobs)
    try:
        pos = 0
        for decoded in results:
            for item in decoded:
                if isinstance(item, str):
                    errors.append(item)
                else:
                    out[pos] = item
                pos += 1
            bar.update(len(decoded))
    finally:
        bar.close()
        if executor is not None:
            executor.shutdown()
    if errors:
        more = f" (and {len(errors) - 1} more bad images)" if len(errors) > 1 else ""
        raise InputError(errors[0] + more)


@dataclass
class PreparedImages:
    """What `prepare_images` wrote: the split table and a content hash of the caches."""

    splits: pd.DataFrame
    fingerprint: str


def prepare_images(dataset_dir: str | Path, out_dir: str | Path, *, val_fraction: float,
                   test_fraction: float, seed: int, cache_size: int, workers: int = 0,
                   progress: bool = True) -> PreparedImages:
    """Validate, split by lesion and cache; writes into `out_dir`, which the caller makes atomic."""
    if cache_size < 16:
        raise ParamsError(f"params.yaml: prepare.cache_size={cache_size} is too small; use at least 16")
    meta = load_metadata(dataset_dir)
    paths = locate_images(dataset_dir, meta["image_id"].tolist())
    meta = meta.assign(split=split_by_lesion(meta, val_fraction, test_fraction, seed))
    meta["_path"] = [str(p) for p in paths]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    frames = []
    for split in SPLITS:
        part = meta[meta["split"] == split].sort_values("image_id").reset_index(drop=True)
        cache = np.lib.format.open_memmap(out_dir / f"{split}_images.npy", mode="w+", dtype=np.uint8,
                                          shape=(len(part), cache_size, cache_size, 3))
        decode_images([Path(p) for p in part["_path"]], cache_size, cache, workers, progress)
        cache.flush()
        digest.update(split.encode())
        digest.update(memoryview(np.ascontiguousarray(cache)).cast("B"))
        del cache
        labels = part["dx"].map(CLASSES.index).to_numpy(dtype=np.int64)
        np.save(out_dir / f"{split}_labels.npy", labels)
        frames.append(part)
    splits = pd.concat(frames, ignore_index=True).drop(columns="_path")
    columns = ["image_id", "lesion_id", "dx", "split", "dx_type", "age", "sex", "localization"]
    splits = splits[columns]
    digest.update(splits.to_csv(index=False).encode())
    splits.to_csv(out_dir / "splits.csv", index=False)
    return PreparedImages(splits=splits, fingerprint=digest.hexdigest())


def data_summary(splits: pd.DataFrame) -> dict:
    """Counts per split × class and lesions per split, for results/prepare_images/data.json."""
    summary: dict = {"images": int(len(splits)), "lesions": int(splits["lesion_id"].nunique())}
    for split in SPLITS:
        part = splits[splits["split"] == split]
        summary[split] = {
            "images": int(len(part)),
            "lesions": int(part["lesion_id"].nunique()),
            **{f"images_{dx}": int((part["dx"] == dx).sum()) for dx in CLASSES},
        }
    return summary
