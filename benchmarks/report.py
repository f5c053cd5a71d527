"""Render docs/benchmarks.md from benchmarks/results/*.json, marking each performance target met or not.

    python benchmarks/report.py [--results benchmarks/results] [--out docs/benchmarks.md]

The page is generated: edit this script or re-run the benchmarks, never the markdown.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from medrepro.io import write_text  # noqa: E402

REAL_OVER_CEILING = 0.9
REAL_OVER_NAIVE = 5.0
THESIS_MINUTES = 10.0
PREPARE_SPEEDUP = 1.6
PREPARE_SPEEDUP_WORKERS = 2


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "met" if ok else "not met"


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _versions(versions: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(versions.items()))


def _label(result: dict) -> str:
    if result.get("device_kind") == "cuda":
        return "GPU"
    return "CPU — indicative only, small sizes on a shared machine; the targets are about GPU training"


def render_train(name: str, r: dict) -> list[str]:
    naive = r.get("naive", {})
    lines = [
        f"### {name} ({_label(r)})", "",
        f"- Device: {r['device']} · date {r['date']}",
        f"- Command: `{r['command']}`",
        f"- Versions: {_versions(r['versions'])}",
        f"- Batch size {r['batch_size']}, precision `{r['precision']}`, image size {r['image_size']} px "
        f"(cache {r.get('cache_size', r['image_size'])} px), {r['steps']} timed steps after {r['warmup']} "
        f"warm-up (best of {r.get('repeats', 1)} interleaved runs), {r['n_images']} cached images, "
        f"loader workers {r.get('loader_workers')}, "
        f"deterministic {r.get('deterministic')}, torch threads {r.get('torch_threads')}",
        f"- Naive loop: batch size {naive.get('batch_size')}, {naive.get('workers')} workers, "
        f"{naive.get('width')}×{naive.get('height')} JPEGs (mean {_num(naive.get('jpeg_mean_kb'), 0)} KB), "
        "fp32",
        _load_line(r),
        "",
        f"| arch | ceiling img/s | real img/s | naive img/s | eval img/s "
        f"| real/ceiling (≥ {REAL_OVER_CEILING}) | real/naive (≥ {REAL_OVER_NAIVE:g}) | host syncs/step |",
        "|---|---:|---:|---:|---:|---|---|---:|",
    ]
    for arch, row in r["archs"].items():
        syncs = row.get("real_host_syncs_per_step")
        lines.append(
            f"| {arch} | {_num(row['ceiling_img_s'])} | {_num(row['real_img_s'])} "
            f"| {_num(row['naive_img_s'])} | {_num(row.get('eval_img_s'))} "
            f"| {row['real_over_ceiling']:.2f} {verdict(row['real_over_ceiling'] >= REAL_OVER_CEILING)} "
            f"| {row['real_over_naive']:.1f} {verdict(row['real_over_naive'] >= REAL_OVER_NAIVE)} "
            f"| {'–' if syncs is None else f'{syncs:.1f}'} |"
        )
    if r.get("repeats", 1) > 1:
        runs = "; ".join(
            f"{arch} " + ", ".join(f"{k.removesuffix('_img_s')} " + " / ".join(f"{v:,.1f}" for v in vals)
                                   for k, vals in row.get("samples", {}).items())
            for arch, row in r["archs"].items())
        lines += ["", f"Each run's img/s (the table keeps the best): {runs}"]
    kwargs = {a: row.get("model_kwargs") for a, row in r["archs"].items() if row.get("model_kwargs")}
    if kwargs:
        lines += ["", f"Model kwargs (narrowed models, not the thesis architectures): `{json.dumps(kwargs)}`"]
    p = r["thesis_projection"]
    applies = p["complete"] and p["matches_thesis_profile"]
    per_arch = ", ".join(f"{a} {m:,.1f}" for a, m in p["per_arch_minutes"].items())
    met = verdict(p["total_minutes"] <= THESIS_MINUTES if applies else None)
    lines += [
        "",
        f"Thesis projection ({p['epochs']} epochs × {p['train_images']:,} train images, validation every "
        f"epoch, final val + test; no early stopping): **{p['total_minutes']:,.1f} min** for "
        f"{len(p['per_arch_minutes'])} of {p['archs']} architectures ({per_arch}). "
        f"Target ≤ {THESIS_MINUTES:g} min on one H100: **{met}**"
        + ("" if applies else " — the projection only counts for a GPU run of all four architectures "
           "with the thesis settings (224 px, batch 128, bf16, default model kwargs)."),
    ]
    sites = {a: row.get("real_sync_sites") for a, row in r["archs"].items() if row.get("real_sync_sites")}
    if sites:
        lines += ["", "Synchronising CUDA calls seen in warm-up steps (file:line → count): "
                  + "; ".join(f"{a}: {json.dumps(s)}" for a, s in sites.items())]
    return lines + [""]


def _load_line(r: dict) -> str:
    load = r.get("load_avg_1min")
    cores = r.get("cpu_count")
    return f"- CPU load when the run started: {_num(load, 2)} (1-min average) on {cores} cores"


def render_prepare(name: str, r: dict) -> list[str]:
    lines = [
        f"### {name} (prepare_images on the CPU)", "",
        f"- Device: {r['device']} · date {r['date']}",
        f"- Command: `{r['command']}`",
        f"- Versions: {_versions(r['versions'])}",
        f"- {r['n_images']:,} JPEGs {r['width']}×{r['height']} (mean {_num(r.get('jpeg_mean_kb'), 0)} KB) "
        f"→ {r['size']} px cache",
        _load_line(r),
        "",
        "| workers | prepare_images img/s | speed-up | decode_images img/s | speed-up |",
        "|---:|---:|---:|---:|---:|",
    ]
    for count, run in r["runs"].items():
        sp = r["speedup"][count]
        lines.append(f"| {count} | {_num(run['prepare_img_s'])} | {sp['prepare']:.2f}× "
                     f"| {_num(run['decode_img_s'])} | {sp['decode']:.2f}× |")
    target = r["speedup"].get(str(PREPARE_SPEEDUP_WORKERS))
    ok = None if target is None or r.get("baseline_workers") != 1 else target["prepare"] >= PREPARE_SPEEDUP
    lines += ["", f"Target: prepare_images ≥ {PREPARE_SPEEDUP}× with {PREPARE_SPEEDUP_WORKERS} processes "
              f"over 1: **{verdict(ok)}**"]
    load, cores = r.get("load_avg_1min"), r.get("cpu_count")
    if load is not None and cores and load >= cores - 0.5:
        lines += ["", f"The machine was already busy (load {load:.1f} on {cores} cores), so extra processes "
                  "had no idle core to use; re-run on an otherwise idle machine before judging the speed-up."]
    return lines + [""]


def render(results_dir: Path) -> str:
    files = sorted(results_dir.glob("*.json"))
    loaded = [(f.stem, json.loads(f.read_text())) for f in files]
    train = [(n, r) for n, r in loaded if r.get("kind") == "train" or "archs" in r]
    prepare = [(n, r) for n, r in loaded if r.get("kind") == "prepare" or "runs" in r]
    have_gpu = any(r.get("device_kind") == "cuda" for _, r in train)
    lines = [
        "# Benchmarks: keeping the GPU fed",
        "",
        "Generated by `python benchmarks/report.py` from `benchmarks/results/*.json`; do not edit by hand. "
        "How the numbers are measured, and the commands for a GPU box, are in `benchmarks/README.md`.",
        "",
        "Training images/s are measured three ways on the same machine and batch size: **ceiling** (AdamW "
        "steps on a batch already on the device), **real** (medrepro's `train_image_model`: uint8 memmap "
        "cache, Accelerate, augmentation on the device) and **naive** (a typical thesis loop: PIL + "
        "torchvision transforms per image in DataLoader workers (4 by default), batch 32, fp32).",
        "",
        "## Targets",
        "",
        f"- real/ceiling ≥ {REAL_OVER_CEILING} (the input pipeline costs at most 10% of the model's speed)",
        f"- real/naive ≥ {REAL_OVER_NAIVE:g}",
        f"- thesis profile (4 architectures × 20 epochs × 7,010 images at 224 px, bf16) ≤ {THESIS_MINUTES:g} "
        "min on one H100",
        f"- prepare_images ≥ {PREPARE_SPEEDUP}× faster with {PREPARE_SPEEDUP_WORKERS} processes than with 1",
        "",
    ]
    if not have_gpu:
        lines += ["**GPU figures are pending.** No results file from a GPU run exists yet, so the targets "
                  "— above all the 10-minute thesis projection — are not yet judged; the CPU results below "
                  "show the harness works and how the paths compare on a CPU, nothing about an H100.", ""]
    lines += ["## Training throughput", ""]
    if not train:
        lines += ["No training results yet.", ""]
    for name, r in train:
        lines += render_train(name, r)
    lines += ["## Image preparation", ""]
    if not prepare:
        lines += ["No prepare results yet.", ""]
    for name, r in prepare:
        lines += render_prepare(name, r)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--out", type=Path, default=HERE.parent / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    write_text(args.out, render(args.results))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
