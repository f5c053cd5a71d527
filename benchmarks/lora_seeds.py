"""Seed spread of the sample's LoRA-vs-full comparison: val and test macro-F1 of both methods per seed.

The sample has ~33 validation and 33 test notes, so one seed says little; this runs the notes chain
(prepare_notes once, then pretrain_notes, train_notes@lora and train_notes@full per seed) in a temporary
directory with params.yaml plus `--set` overrides, through the stages' own config loaders and the library,
and prints one row per seed. `--vary pretrain|finetune` keeps the other seed at params.yaml's value, to
see where the spread comes from. Nothing in the repository is written.

    PYTHONPATH=src nice -n 10 python benchmarks/lora_seeds.py --seeds 42 1 2 3 4 \
        [--set pretrain_notes.epochs=60 ...] [--n-notes 240] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def _stage(name: str):
    spec = importlib.util.spec_from_file_location(f"_stage_{name}", REPO / "stages" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def apply_sets(params: dict, sets: list[str]) -> dict:
    """`a.b.c=value` overrides (value parsed as YAML), as `dvc exp run -S` does."""
    params = copy.deepcopy(params)
    for item in sets:
        key, _, raw = item.partition("=")
        *parents, leaf = key.split(".")
        node = params
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = yaml.safe_load(raw)
    return params


@contextlib.contextmanager
def _cwd(path: Path):
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def prepare(work: Path, params: dict, n_notes: int | None) -> None:
    """prepare_notes in `work` (its own process: the stage as DVC runs it), on the bundled or a regenerated sample."""
    if n_notes is not None:
        from medrepro.data.sample_notes import write_sample_notes

        write_sample_notes(work / "notes.csv", n=n_notes)
        params["data"]["notes"] = "notes.csv"
    else:
        params["data"]["notes"] = str(REPO / params["data"]["notes"])
    (work / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    subprocess.run([sys.executable, str(REPO / "stages" / "prepare_notes.py")], cwd=work, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def run_seed(work: Path, params: dict, pretrain_seed: int, finetune_seed: int) -> dict:
    from medrepro.layout import PREPARED_NOTES
    from medrepro.train.notes import note_metrics, train_notes_model
    from medrepro.train.notes_pretrain import pretrain_encoder

    params = apply_sets(params, [f"pretrain_notes.seed={pretrain_seed}", f"notes_train.seed={finetune_seed}",
                                 "pretrain_notes.log_with=[]", "notes_train.log_with=[]"])
    run_dir = work / f"run_{pretrain_seed}_{finetune_seed}"
    row: dict = {"pretrain_seed": pretrain_seed, "finetune_seed": finetune_seed}
    with _cwd(work):
        cfg, model_name = _stage("pretrain_notes").load_config(params)
        start = time.perf_counter()
        pre = pretrain_encoder(cfg, model_name, PREPARED_NOTES, run_dir / "encoder", run_dir / "ckpt_pretrain")
        row["pretrain_s"] = time.perf_counter() - start
        row["val_masked_accuracy"] = pre.metrics["val_masked_accuracy"]
        for method in params["notes_methods"]:
            mcfg = _stage("train_notes").load_config(params, method)
            start = time.perf_counter()
            out = train_notes_model(mcfg, PREPARED_NOTES, run_dir / "encoder", None, run_dir / f"ckpt_{method}",
                                    method)
            row[f"{method}_s"] = time.perf_counter() - start
            for split in ("val", "test"):
                logits, labels = out.predictions[split]
                row[f"{method}_{split}_macro_f1"] = note_metrics(logits, labels, out.classes)["macro_f1"]
            row[f"{method}_best_epoch"] = out.result.best_epoch
            row["majority_macro_f1"] = out.metrics["majority_macro_f1"]
    return row


COLUMNS = ("pretrain_seed", "finetune_seed", "val_masked_accuracy", "lora_val_macro_f1", "lora_test_macro_f1",
           "lora_best_epoch", "full_val_macro_f1", "full_test_macro_f1", "full_best_epoch", "majority_macro_f1",
           "pretrain_s", "lora_s", "full_s")


def format_table(rows: list[dict]) -> str:
    short = [c.replace("_macro_f1", "").replace("val_masked_accuracy", "mlm_acc") for c in COLUMNS]
    lines = [" ".join(f"{c:>11}" for c in short)]
    for row in rows:
        cells = [row.get(c, float("nan")) for c in COLUMNS]
        lines.append(" ".join(f"{v:>11.3f}" if isinstance(v, float) else f"{v:>11}" for v in cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[42, 1, 2, 3, 4])
    parser.add_argument("--vary", choices=("both", "pretrain", "finetune"), default="both",
                        help="which seed follows --seeds (the other stays at params.yaml's)")
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--n-notes", type=int, default=None, help="regenerate the sample with this many notes")
    parser.add_argument("--out", type=Path, default=None, help="also write the rows as JSON")
    args = parser.parse_args(argv)

    from medrepro.config import load_params

    params = apply_sets(load_params(REPO / "params.yaml"), args.sets)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a killed run still removes its temp copy
    rows = []
    with tempfile.TemporaryDirectory(prefix="lora_seeds_") as tmp:
        work = Path(tmp)
        prepare(work, params, args.n_notes)
        for seed in args.seeds:
            pre = seed if args.vary in ("both", "pretrain") else params["pretrain_notes"]["seed"]
            fine = seed if args.vary in ("both", "finetune") else params["notes_train"]["seed"]
            rows.append(run_seed(work, params, pre, fine))
            print(format_table(rows[-1:]).splitlines()[-1], flush=True)
    print(f"settings: {args.sets or 'params.yaml'}; n_notes: {args.n_notes or 'bundled'}")
    print(format_table(rows))
    for method in params["notes_methods"]:
        margins = [r[f"{method}_test_macro_f1"] - r["majority_macro_f1"] - 0.30 for r in rows]
        print(f"{method}: min test margin over the bar (majority + 0.30): {min(margins):+.3f}")
    if args.out:
        args.out.write_text(json.dumps({"sets": args.sets, "n_notes": args.n_notes, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
