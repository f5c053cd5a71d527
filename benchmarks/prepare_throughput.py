"""How fast prepare_images turns HAM10000-sized JPEGs into the uint8 cache, serially and with a process pool.

    PYTHONPATH=src python benchmarks/prepare_throughput.py [--n 10015] [--width 600 --height 450] [--size 224]
        [--workers 1,2] [--pool 256] [--out benchmarks/results]

Writes `--n` synthetic JPEGs in HAM10000's layout (metadata CSV + one file per image_id) into a temporary
folder, then times `medrepro.data.ham10000.prepare_images` (the whole stage body: validation, split,
decode, cache write, hash) and `decode_images` alone (the parallel part) once per worker count.
Generating the JPEGs is not timed. Results go to `<out>/prepare-<device>-<date>.json`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import re
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from medrepro.data.ham10000 import CLASSES, METADATA_FILE, decode_images, locate_images, prepare_images  # noqa: E402
from medrepro.data.sample_images import make_sample_metadata, write_sample  # noqa: E402
from medrepro.io import write_json  # noqa: E402

# HAM10000's share of images per class (6705 nv, 1113 mel, 1099 bkl, 514 bcc, 327 akiec, 142 vasc, 115 df).
HAM_FRACTIONS = {"nv": 0.6695, "mel": 0.1111, "bkl": 0.1097, "bcc": 0.0513, "akiec": 0.0327,
                 "vasc": 0.0142, "df": 0.0115}
IMAGES_PER_LESION = 10 / 6  # make_sample_metadata draws 1, 1, 1, 2, 2 or 3 images per lesion
SPEEDUP_TARGET = 1.6


def ham_lesion_counts(n_images: int) -> dict[str, int]:
    """Lesions per class for about `n_images` images in HAM10000's class mix; at least 3 so each can split."""
    return {dx: max(3, round(n_images * frac / IMAGES_PER_LESION)) for dx, frac in HAM_FRACTIONS.items()}


def ham_metadata(n_images: int, seed: int = 0) -> pd.DataFrame:
    """Exactly `n_images` metadata rows in HAM10000's schema; surplus rows come off the large nv class."""
    lesions = ham_lesion_counts(n_images)
    meta = make_sample_metadata(seed, lesions)
    while len(meta) < n_images:
        lesions["nv"] += math.ceil((n_images - len(meta)) / IMAGES_PER_LESION) + 1
        meta = make_sample_metadata(seed, lesions)
    excess = len(meta) - n_images
    if excess:
        nv_rows = meta.index[meta["dx"] == "nv"]
        meta = meta.drop(nv_rows[len(nv_rows) - excess:]).reset_index(drop=True)
    return meta


def write_synthetic_ham10000(out_dir: Path, n_images: int, width: int, height: int, *, seed: int = 0,
                             pool: int = 256) -> pd.DataFrame:
    """HAM10000's layout with `n_images` JPEGs: `pool` distinct synthetic lesions, copied to every image_id.

    Copies decode exactly as slowly as distinct files (nothing is cached between decodes), and drawing
    10,015 distinct 600×450 lesions would take minutes that have nothing to do with the benchmark.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    meta = ham_metadata(n_images, seed)
    pool_dir = out_dir.parent / f".{out_dir.name}-pool"
    pool_meta = write_sample(pool_dir, seed=seed, width=width, height=height,
                             lesions=ham_lesion_counts(min(pool, n_images)))
    sources = [pool_dir / f"{image_id}.jpg" for image_id in pool_meta["image_id"]]
    for i, image_id in enumerate(meta["image_id"]):
        shutil.copyfile(sources[i % len(sources)], out_dir / f"{image_id}.jpg")
    shutil.rmtree(pool_dir)
    meta.to_csv(out_dir / METADATA_FILE, index=False)
    return meta


def device_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def cpu_name() -> str:
    """The CPU model from /proc/cpuinfo (Linux) or platform, with the core count this process sees."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model} ({os.cpu_count()} cores)"


def command_line(script: str, argv: list[str] | None) -> str:
    """The command as someone would retype it (PYTHONPATH=src is harmless: the script adds src itself)."""
    return f"PYTHONPATH=src python benchmarks/{script} " + shlex.join(sys.argv[1:] if argv is None else argv)


def parse_workers(text: str) -> list[int]:
    """'1,2' or '1,all' -> [1, 2]; 'all' means every core this machine has."""
    counts = []
    for part in text.split(","):
        part = part.strip()
        counts.append(os.cpu_count() or 1 if part == "all" else int(part))
    if not counts or min(counts) < 1:
        raise SystemExit(f"error: --workers {text!r}: give positive worker counts such as 1,2")
    return sorted(set(counts))


def run_prepare_benchmark(n_images: int, width: int, height: int, size: int, workers: list[int], *,
                          seed: int = 0, pool: int = 256, work_dir: Path | None = None) -> dict:
    """Time prepare_images and decode_images per worker count on one synthetic dataset."""
    with tempfile.TemporaryDirectory(prefix="medrepro-prepare-bench-", dir=work_dir) as tmp:
        dataset = Path(tmp) / "ham10000"
        meta = write_synthetic_ham10000(dataset, n_images, width, height, seed=seed, pool=pool)
        paths = locate_images(dataset, meta["image_id"].tolist())
        jpeg_kb = float(np.mean([p.stat().st_size for p in paths]) / 1024)
        runs: dict[str, dict] = {}
        for count in workers:
            out = Path(tmp) / f"prepared-{count}"
            start = time.perf_counter()
            prepare_images(dataset, out, val_fraction=0.15, test_fraction=0.2, seed=42, cache_size=size,
                           workers=count, progress=False)
            prepare_s = time.perf_counter() - start
            shutil.rmtree(out)
            cache = np.empty((len(paths), size, size, 3), dtype=np.uint8)
            start = time.perf_counter()
            decode_images(paths, size, cache, workers=count, progress=False)
            decode_s = time.perf_counter() - start
            runs[str(count)] = {"prepare_s": prepare_s, "prepare_img_s": n_images / prepare_s,
                                "decode_s": decode_s, "decode_img_s": n_images / decode_s}
    base = runs[str(workers[0])]
    speedup = {k: {"prepare": v["prepare_img_s"] / base["prepare_img_s"],
                   "decode": v["decode_img_s"] / base["decode_img_s"]} for k, v in runs.items()}
    return {"n_images": n_images, "width": width, "height": height, "size": size, "jpeg_mean_kb": jpeg_kb,
            "workers": workers, "baseline_workers": workers[0], "runs": runs, "speedup": speedup,
            "speedup_target": SPEEDUP_TARGET, "classes": CLASSES}


def versions() -> dict[str, str]:
    import PIL

    return {"python": platform.python_version(), "numpy": np.__version__, "pandas": pd.__version__,
            "pillow": PIL.__version__}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10015, help="images (HAM10000 has 10,015)")
    parser.add_argument("--width", type=int, default=600)
    parser.add_argument("--height", type=int, default=450)
    parser.add_argument("--size", type=int, default=224, help="cache size (prepare.cache_size)")
    parser.add_argument("--workers", default="1,2", help="comma-separated process counts; 'all' = every core")
    parser.add_argument("--pool", type=int, default=256, help="distinct synthetic JPEGs to draw")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--work-dir", type=Path, default=None, help="where the temporary JPEGs go")
    args = parser.parse_args(argv)
    load_at_start = os.getloadavg()[0]
    if args.n < 40:
        parser.error("--n must be at least 40 so every class has lesions for train/val/test")
    workers = parse_workers(args.workers)
    result = run_prepare_benchmark(args.n, args.width, args.height, args.size, workers, seed=args.seed,
                                   pool=args.pool, work_dir=args.work_dir)
    device = cpu_name()
    today = dt.date.today().isoformat()
    result.update({
        "kind": "prepare", "load_avg_1min": load_at_start, "device": device, "device_kind": "cpu",
        "cpu_count": os.cpu_count(), "date": today,
        "command": command_line("prepare_throughput.py", argv),
        "versions": versions(),
    })
    path = args.out / f"prepare-{device_slug(device)}-{today}.json"
    write_json(path, result)
    print(f"{args.n} JPEGs {args.width}x{args.height} (mean {result['jpeg_mean_kb']:.0f} KB) -> "
          f"{args.size}px on {device}")
    for count, run in result["runs"].items():
        sp = result["speedup"][count]
        print(f"  workers {count}: prepare_images {run['prepare_img_s']:.0f} img/s ({sp['prepare']:.2f}x), "
              f"decode_images {run['decode_img_s']:.0f} img/s ({sp['decode']:.2f}x)")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
