"""Thesis table and figures of the notes comparison (stage compare_notes): LoRA versus full fine-tuning.

Quality (macro F1 against the majority-class floor, trainable parameters, size of the saved weights) and
cost readings (training time, throughput, peak memory) are reported apart: the quality outputs are the
same on every identical re-run, the timing ones are not.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from medrepro.errors import InputError
from medrepro.io import atomic_path

METHOD_LABELS = {"lora": "LoRA", "full": "Full fine-tuning"}
QUALITY_COLUMNS = ("trainable_parameters", "total_parameters", "trainable_share", "weights_mb", "accuracy",
                   "macro_f1", "majority_macro_f1")
TIMING_COLUMNS = ("train_time_s", "notes_per_s", "peak_memory_mb")
MEMORY_NOTE = {"cuda_max_memory_allocated": "peak GPU memory allocated",
               "process_peak_rss": "peak resident memory of the training process"}


def _frame(by_method: dict[str, dict[str, Any]], columns: tuple[str, ...], source: str) -> pd.DataFrame:
    rows = []
    for method, values in by_method.items():
        missing = [c for c in columns if values.get(c) is None]
        if missing:
            raise InputError(f"train_notes@{method} {source}: missing {missing}; re-run train_notes@{method}")
        rows.append({"method": method, **{c: values[c] for c in columns}})
    if not rows:
        raise InputError("no notes methods to compare; list them in params.yaml notes_methods")
    return pd.DataFrame(rows)


def comparison_frame(metrics_by_method: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """One row per method (in the given order) with the quality columns the table and figure use."""
    return _frame(metrics_by_method, QUALITY_COLUMNS, "metrics (train.json)")


def timing_frame(timing_by_method: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """One row per method with training time, throughput, peak memory and where the memory reading came from."""
    frame = _frame(timing_by_method, TIMING_COLUMNS, "timing (timing.json)")
    frame["peak_memory_source"] = [timing_by_method[m].get("peak_memory_source", "") for m in frame["method"]]
    return frame


def _tex_escape(value: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", value)


def _table(caption: str, label: str, header: str, spec: str, rows: list[str]) -> str:
    return "\n".join([r"\begin{table}[t]", r"\centering", r"\caption{" + caption + "}", r"\label{" + label + "}",
                      r"\begin{tabular}{" + spec + "}", r"\toprule", header + r" \\", r"\midrule", *rows,
                      r"\bottomrule", r"\end{tabular}", r"\end{table}", ""])


def comparison_latex(frame: pd.DataFrame) -> str:
    """A booktabs table: one row per method and the majority-class floor; size next to macro F1."""
    rows = []
    for row in frame.itertuples(index=False):
        params = f"{int(row.trainable_parameters):,}".replace(",", "{,}")
        rows.append(f"{_tex_escape(METHOD_LABELS.get(row.method, row.method))} & {params} & "
                    f"{100 * row.trainable_share:.2f} & {row.weights_mb:.2f} & {row.accuracy:.3f} & "
                    f"{row.macro_f1:.3f} \\\\")
    rows.append(f"Majority class & -- & -- & -- & -- & {float(frame['majority_macro_f1'].iloc[0]):.3f} \\\\")
    return _table(
        "Clinical-note specialty classification: LoRA versus full fine-tuning of the domain-pretrained "
        "encoder. Accuracy and macro F1 on the test split; saved weights are what each method stores "
        "(LoRA: adapter and head, the frozen encoder is shared).",
        "tab:notes-lora-vs-full",
        r"Method & Trainable params & Share (\%) & Saved weights (MB) & Accuracy & Macro F1",
        "lrrrrr", rows)


def timing_latex(frame: pd.DataFrame) -> str:
    """A booktabs table of the cost readings (they change from run to run)."""
    sources = sorted(set(frame["peak_memory_source"]) - {""})
    memory = "; ".join(MEMORY_NOTE.get(s, s) for s in sources) or "peak memory"
    rows = [f"{_tex_escape(METHOD_LABELS.get(r.method, r.method))} & {r.train_time_s:.1f} & {r.notes_per_s:.1f} & "
            f"{r.peak_memory_mb:.0f} \\\\" for r in frame.itertuples(index=False)]
    return _table("Training cost of the two fine-tuning methods; memory is the " + _tex_escape(memory) + ".",
                  "tab:notes-timing", r"Method & Train time (s) & Notes/s & Peak memory (MB)", "lrrr", rows)


def _scatter(frame: pd.DataFrame, panels: list[tuple[str, str, bool]], baseline: float | None,
             pdf_path: str | Path, png_path: str | Path) -> None:
    """Macro F1 against each panel's column, one marker per method, the majority-class floor dashed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    markers = {"lora": "o", "full": "s"}
    fig, axes = plt.subplots(1, len(panels), figsize=(3.4 * len(panels), 3.2), sharey=True, constrained_layout=True,
                             squeeze=False)
    axes = axes[0]
    for ax, (column, xlabel, log) in zip(axes, panels, strict=True):
        for i, row in enumerate(frame.itertuples(index=False)):
            ax.scatter([getattr(row, column)], [row.macro_f1], marker=markers.get(row.method, "^"), s=60, zorder=3,
                       color=f"C{i}", alpha=0.85, label=METHOD_LABELS.get(row.method, row.method))
        if baseline is not None:
            ax.axhline(baseline, color="grey", linestyle="--", linewidth=1, label="Majority class")
        if log:
            ax.set_xscale("log")
            ax.margins(x=0.4)
        else:
            ax.set_xlim(0, 1.25 * float(frame[column].max()))
        ax.set_xlabel(xlabel)
        ax.grid(True, alpha=0.3)
    axes[0].set_ylim(0, 1)  # the whole F1 range, so small differences are not blown up
    axes[0].set_ylabel("Test macro F1")
    axes[0].legend(fontsize=8, loc="upper right")
    for path in (pdf_path, png_path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(pdf_path) as tmp:
        fig.savefig(tmp, format="pdf", metadata={"CreationDate": None, "ModDate": None})
    with atomic_path(png_path) as tmp:
        fig.savefig(tmp, format="png", dpi=200)
    plt.close(fig)


def comparison_figure(frame: pd.DataFrame, pdf_path: str | Path, png_path: str | Path) -> None:
    """Macro F1 against trainable parameters and saved weights, with the majority-class baseline."""
    _scatter(frame, [("trainable_parameters", "Trainable parameters", True),
                     ("weights_mb", "Saved weights (MB)", True)],
             float(frame["majority_macro_f1"].iloc[0]), pdf_path, png_path)


def timing_figure(quality: pd.DataFrame, timing: pd.DataFrame, pdf_path: str | Path, png_path: str | Path) -> None:
    """Macro F1 against training time and peak memory (the run-dependent side of the comparison)."""
    frame = quality[["method", "macro_f1", "majority_macro_f1"]].merge(timing, on="method", sort=False)
    _scatter(frame, [("train_time_s", "Training time (s)", False), ("peak_memory_mb", "Peak memory (MB)", False)],
             float(frame["majority_macro_f1"].iloc[0]), pdf_path, png_path)
