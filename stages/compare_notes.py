"""Stage compare_notes: LoRA versus full fine-tuning side by side, as metrics, a thesis figure and a table."""

from __future__ import annotations

import json
from pathlib import Path

from medrepro.config import load_params, run_stage, section
from medrepro.errors import InputError
from medrepro.io import write_csv, write_json, write_text
from medrepro.train.notes import comparison_figure, comparison_frame, comparison_latex

METRICS = Path("metrics/notes")


def main() -> None:
    methods = section(load_params(), "notes_methods")
    metrics = {}
    for method in methods:
        path = METRICS / f"{method}.json"
        if not path.is_file():
            raise InputError(f"{path}: not found; run train_notes@{method} first (dvc repro train_notes)")
        metrics[method] = json.loads(path.read_text())
    frame = comparison_frame(metrics)
    write_json(
        "metrics/notes_comparison.json",
        {row["method"]: {k: v for k, v in row.items() if k != "method"} for row in frame.to_dict("records")},
    )
    write_csv("plots/notes/comparison.csv", frame)
    write_text("thesis/tables/notes_comparison.tex", comparison_latex(frame))
    comparison_figure(frame, "thesis/figures/notes_lora_vs_full.pdf", "thesis/figures/notes_lora_vs_full.png")


if __name__ == "__main__":
    run_stage(main)
