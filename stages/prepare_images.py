"""Stage prepare_images: validate HAM10000, split by lesion, decode once into the uint8 cache."""

from __future__ import annotations

import json
from dataclasses import dataclass

from medrepro.config import from_dict, load_params, run_stage, section
from medrepro.data.ham10000 import data_summary, prepare_images
from medrepro.io import atomic_path, write_json
from medrepro.layout import data_json

OUT_DIR = "data/prepared/ham10000"


@dataclass(frozen=True)
class PrepareParams:
    val_fraction: float = 0.15
    test_fraction: float = 0.15
    cache_size: int = 64
    seed: int = 42
    workers: int = 0


def main() -> None:
    params = load_params()
    dataset_dir = section(params, "data.ham10000")
    p = from_dict(PrepareParams, section(params, "prepare"), "prepare")
    with atomic_path(OUT_DIR) as tmp:
        prepared = prepare_images(dataset_dir, tmp, val_fraction=p.val_fraction, test_fraction=p.test_fraction,
                                  seed=p.seed, cache_size=p.cache_size, workers=p.workers)
        (tmp / "cache.json").write_text(json.dumps(
            {"fingerprint": prepared.fingerprint, "cache_size": p.cache_size, "images": len(prepared.splits)},
            indent=2, sort_keys=True))
    write_json(data_json(), data_summary(prepared.splits))
    print(f"prepared {len(prepared.splits)} images into {OUT_DIR} (cache {p.cache_size}px)")


if __name__ == "__main__":
    run_stage(main)
