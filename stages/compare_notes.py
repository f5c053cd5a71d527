"""Stage compare_notes: LoRA versus full fine-tuning side by side, as metrics, thesis figures and tables.

Quality (results/compare_notes/notes_comparison.json, notes_comparison.tex, notes_lora_vs_full.*) is kept apart
from the run-dependent cost (results/compare_notes/notes_timing.json, notes_timing.tex, notes_timing.*).
"""

from __future__ import annotations

from medrepro.config import load_params, run_stage, section
from medrepro.io import read_json, write_csv, write_json, write_text
from medrepro.layout import THESIS, stage_dir
from medrepro.report.notes import (
    comparison_figure,
    comparison_frame,
    comparison_latex,
    timing_figure,
    timing_frame,
    timing_latex,
)

OUT = stage_dir("compare_notes")
FIGURES, TABLES = THESIS / "figures", THESIS / "tables"


def _by_method(frame) -> dict:
    return {row["method"]: {k: v for k, v in row.items() if k != "method"} for row in frame.to_dict("records")}


def main() -> None:
    methods = section(load_params(), "notes_methods")
    metrics = {m: read_json(stage_dir("train_notes", m) / "train.json", f"train_notes@{m}") for m in methods}
    timing = {m: read_json(stage_dir("train_notes", m) / "timing.json", f"train_notes@{m}") for m in methods}
    quality, cost = comparison_frame(metrics), timing_frame(timing)
    write_json(OUT / "notes_comparison.json", _by_method(quality))
    write_json(OUT / "notes_timing.json", _by_method(cost))
    write_csv(OUT / "comparison.csv", quality)
    write_text(TABLES / "notes_comparison.tex", comparison_latex(quality))
    write_text(TABLES / "notes_timing.tex", timing_latex(cost))
    comparison_figure(quality, FIGURES / "notes_lora_vs_full.pdf", FIGURES / "notes_lora_vs_full.png")
    timing_figure(quality, cost, FIGURES / "notes_timing.pdf", FIGURES / "notes_timing.png")


if __name__ == "__main__":
    run_stage(main)
