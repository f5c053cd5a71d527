"""PHI-injection benchmark for the rule-based de-identifier (prints counts and rates, never values).

    python benchmarks/deid_benchmark.py --notes ../shared/data/mtsamples.csv --n 500 --seed 0 [--json out.json]

The planting, the held-out name pools and the definitions of recall and tokens_kept are documented in
`medrepro.privacy.benchmark`.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from medrepro.io import write_json  # noqa: E402
from medrepro.privacy.benchmark import run_benchmark  # noqa: E402

RECALL_TARGET = 0.995
TOKENS_KEPT_TARGET = 0.98


def _read_notes(path: Path, column: str) -> list[str]:
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as fh:
        return [row.get(column) or "" for row in csv.DictReader(fh)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=Path, default=Path(os.environ.get("MEDREPRO_REFERENCE_DATA")
                                                         or REPO.parent / "shared" / "data") / "mtsamples.csv")
    parser.add_argument("--column", default="transcription")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None, help="also write the full report here")
    args = parser.parse_args(argv)
    if not args.notes.is_file():
        print(f"error: {args.notes}: notes CSV not found", file=sys.stderr)
        return 2
    start = time.perf_counter()
    report = run_benchmark(_read_notes(args.notes, args.column), n=args.n, seed=args.seed)
    report["wall_seconds"] = round(time.perf_counter() - start, 2)
    print(f"notes: {report['n_notes']}  seed: {report['seed']}  planted identifiers: {report['n_planted']}")
    print(f"recall: {report['recall']:.4%}  (target >= {RECALL_TARGET:.1%})")
    print(f"tokens_kept: {report['tokens_kept']:.4%}  (target >= {TOKENS_KEPT_TARGET:.0%})")
    print(f"original_tokens_kept: {report['original_tokens_kept']:.4%}")
    print(f"stress_recall (bare held-out names, no cue): {report['stress_recall']:.2%} "
          f"of {report['n_stress_planted']}")
    print("per category: planted / removed / recall")
    for cat, planted in report["planted_by_category"].items():
        print(f"  {cat:9s} {planted:6d} {report['removed_by_category'][cat]:6d} "
              f"{report['recall_by_category'][cat]:8.2%}")
    print("per template below 100%:")
    for name, rec in report["recall_by_template"].items():
        if rec < 1.0:
            print(f"  {name:28s} {rec:8.2%} of {report['planted_by_template'][name]}")
    print(f"placeholders written: {report['placeholders_by_category']}")
    print(f"pools: {report['pools']}")
    print(f"time: {report['wall_seconds']} s")
    if args.json:
        write_json(args.json, report)
    ok = report["recall"] >= RECALL_TARGET and report["tokens_kept"] >= TOKENS_KEPT_TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
