"""Thesis figures from the pipeline's outputs: architecture comparison, ROC, reliability, confusion, curves.

Figures are built with matplotlib's object API (`Figure`, rendered by Agg for PNG), never pyplot, so no
display or global backend is touched and a stage can run headless. Every figure is saved as PDF (vector,
for LaTeX) and PNG (for quick viewing); PDFs carry no creation date so reruns give identical files.
Each architecture keeps one colour across all figures.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from medrepro.evaluate.metrics import confusion_matrix_frame

FORMATS = ("pdf", "png")
STYLE = {"axes.grid": True, "grid.alpha": 0.3}


def palette(archs: Sequence[str]) -> dict[str, tuple[float, float, float]]:
    """One colour-blind-safe colour per architecture, in params order."""
    return dict(zip(archs, sns.color_palette("colorblind", max(len(archs), 1)), strict=False))


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def save_figure(fig: Figure, out_dir: str | os.PathLike, name: str, dpi: int = 200) -> list[Path]:
    """Write <name>.pdf and <name>.png into out_dir, each atomically (no half-written figure after a kill)."""
    from medrepro.io import atomic_path

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in FORMATS:
        path = out_dir / f"{name}.{fmt}"
        metadata = {"CreationDate": None} if fmt == "pdf" else None
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata)
        paths.append(path)
    return paths


def _value(entry: Mapping, key: str) -> tuple[float, float, float]:
    """(value, ci_low, ci_high) for a possibly nested key like 'at_specificity.sensitivity'; nan if absent."""
    node: Mapping = entry
    *parents, leaf = key.split(".")
    for part in parents:
        node = node.get(part, {}) if isinstance(node, Mapping) else {}

    def num(k: str) -> float:
        v = node.get(k) if isinstance(node, Mapping) else None
        return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else math.nan

    return num(leaf), num(f"{leaf}_ci_low"), num(f"{leaf}_ci_high")


def _grouped_bars(ax, comparison: Mapping[str, Mapping], metrics: Sequence[tuple[str, str]],
                  colors: Mapping[str, tuple], title: str,
                  ylim: tuple[float, float] | None = (0.0, 1.05)) -> None:
    """Bars grouped by metric, one bar per architecture, with asymmetric CI error bars where known."""
    archs = list(comparison)
    width = 0.8 / max(len(archs), 1)
    x = np.arange(len(metrics))
    for a, arch in enumerate(archs):
        vals, lows, highs = zip(*(_value(comparison[arch], key) for _, key in metrics), strict=True)
        vals = np.array(vals)
        err = np.array([[v - lo if np.isfinite(lo) else 0.0 for v, lo in zip(vals, lows, strict=True)],
                        [hi - v if np.isfinite(hi) else 0.0 for v, hi in zip(vals, highs, strict=True)]])
        pos = x - 0.4 + width * (a + 0.5)
        ax.bar(pos, np.nan_to_num(vals), width, color=colors[arch], label=arch, edgecolor="white",
               linewidth=0.5)
        has_ci = np.isfinite(lows) & np.isfinite(highs) & np.isfinite(vals)
        if has_ci.any():
            ax.errorbar(pos[has_ci], vals[has_ci], yerr=np.clip(err[:, has_ci], 0, None), fmt="none",
                        ecolor="black", elinewidth=0.8, capsize=2)
        for p, v in zip(pos, vals, strict=True):
            if not np.isfinite(v):
                ax.text(p, 0.02, "n/a", rotation=90, ha="center", va="bottom", fontsize=6)
    ax.set_xticks(x, [label for label, _ in metrics])
    ax.set_title(title, fontsize=9)
    if ylim:
        ax.set_ylim(*ylim)


def comparison_bars(comparison: Mapping[str, Mapping], positive_class: str = "mel",
                    confidence: float = 0.95) -> Figure:
    """Three panels: threshold-free test metrics, the specificity operating point, and ECE before/after.

    Error bars are the lesion-bootstrap CIs stored in the comparison (operating point: with the threshold
    re-chosen per replicate); bars without one have none.
    """
    colors = palette(list(comparison))
    target = next((_value(e, "at_specificity.target")[0] for e in comparison.values()), math.nan)
    with sns.axes_style("whitegrid", STYLE), sns.plotting_context("paper"):
        fig = _figure(11, 3.6)
        axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [3, 2, 2]})
        _grouped_bars(axes[0], comparison, [("balanced acc.", "balanced_accuracy"), ("macro F1", "macro_f1"),
                                            (f"{positive_class} AUC", f"auc_{positive_class}")], colors,
                      f"Test metrics (calibrated), {confidence:.0%} CIs")
        _grouped_bars(axes[1], comparison, [("sensitivity", "at_specificity.sensitivity"),
                                            ("specificity", "at_specificity.specificity")], colors,
                      f"{positive_class} at specificity target {target:.2f}")
        ece_max = max([_value(e, k)[0] for e in comparison.values() for k in ("ece_before", "ece_after")]
                      + [0.05])
        _grouped_bars(axes[2], comparison, [("ECE before", "ece_before"), ("ECE after", "ece_after")], colors,
                      "Calibration (temperature scaling)", ylim=(0.0, 1.15 * ece_max))
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), frameon=False)
    return fig


def roc_overlay(curves: Mapping[str, pd.DataFrame], aucs: Mapping[str, float], positive_class: str = "mel",
                operating_points: Mapping[str, tuple[float, float]] | None = None) -> Figure:
    """Test ROC curves of all architectures (positive class vs rest) with AUC in the legend; markers
    show each model's chosen operating point (1 - specificity, sensitivity) when given."""
    colors = palette(list(curves))
    with sns.axes_style("whitegrid", STYLE), sns.plotting_context("paper"):
        fig = _figure(4.6, 4.4)
        ax = fig.subplots()
        ax.plot([0, 1], [0, 1], ls="--", color="grey", lw=0.8, label="chance")
        for arch, frame in curves.items():
            auc = aucs.get(arch, math.nan)
            ax.plot(frame["fpr"], frame["tpr"], color=colors[arch], lw=1.6,
                    label=f"{arch} (AUC = {auc:.3f})" if np.isfinite(auc) else f"{arch} (AUC n/a)")
            if operating_points and arch in operating_points:
                fpr, tpr = operating_points[arch]
                ax.plot([fpr], [tpr], marker="o", color=colors[arch], markeredgecolor="black", ms=6,
                        ls="none")
        ax.set_xlim(-0.01, 1.01)
        ax.set_ylim(-0.01, 1.01)
        ax.set_aspect("equal")
        ax.set_xlabel("1 - specificity (false positive rate)")
        ax.set_ylabel("sensitivity (true positive rate)")
        ax.set_title(f"ROC, {positive_class} vs rest (test)", fontsize=9)
        ax.legend(loc="lower right", fontsize=7)
    return fig


def _grid(n: int, max_cols: int = 4) -> tuple[int, int]:
    cols = min(max_cols, max(n, 1))
    return math.ceil(max(n, 1) / cols), cols


def reliability_diagrams(bins: Mapping[str, pd.DataFrame],
                         eces: Mapping[str, tuple[float, float]] | None = None) -> Figure:
    """Per architecture: bin accuracy vs mean confidence before and after temperature scaling, marker
    area proportional to the bin's count; the diagonal is perfect calibration. ECEs go in the titles."""
    from matplotlib.lines import Line2D

    rows, cols = _grid(len(bins))
    styles = {"before": ("tab:orange", "s", "--"), "after": ("tab:blue", "o", "-")}
    with sns.axes_style("whitegrid", STYLE), sns.plotting_context("paper"):
        fig = _figure(3.0 * cols, 3.2 * rows + 0.3)
        axes = np.atleast_1d(fig.subplots(rows, cols, squeeze=False)).ravel()
        for ax, (arch, frame) in zip(axes, bins.items(), strict=False):
            ax.plot([0, 1], [0, 1], color="grey", lw=0.8, ls=":")
            total = max(float(frame["count"].sum()), 1.0)
            for when, (color, marker, ls) in styles.items():
                part = frame[frame["calibration"] == when].sort_values("confidence")
                if part.empty:
                    continue
                ax.plot(part["confidence"], part["accuracy"], color=color, ls=ls, lw=1)
                ax.scatter(part["confidence"], part["accuracy"], s=8 + 400 * part["count"] / total,
                           color=color, marker=marker, alpha=0.8, edgecolors="white", zorder=3)
            before, after = (eces or {}).get(arch, (math.nan, math.nan))
            title = arch
            if np.isfinite(before) and np.isfinite(after):
                title += f"\nECE {before:.3f} \u2192 {after:.3f}"
            ax.set_title(title, fontsize=9)
            ax.set_xlim(0, 1)
            ax.set_ylim(0, 1.02)
            ax.set_aspect("equal")
            ax.set_xlabel("confidence")
            ax.set_ylabel("accuracy")
        for ax in axes[len(bins):]:
            ax.set_visible(False)
        handles = [Line2D([], [], color=c, marker=m, ls=ls, label=f"{when} temperature scaling")
                   for when, (c, m, ls) in styles.items()]
        fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
    return fig


def confusion_matrices(records: Mapping[str, pd.DataFrame], classes: Sequence[str]) -> Figure:
    """Row-normalised test confusion matrices (rows: actual, columns: predicted), one panel each."""
    rows, cols = _grid(len(records), 2)
    index = {c: i for i, c in enumerate(classes)}
    with sns.axes_style("white"), sns.plotting_context("paper"):
        fig = _figure(4.2 * cols, 3.9 * rows)
        axes = np.atleast_1d(fig.subplots(rows, cols, squeeze=False)).ravel()
        for ax, (arch, frame) in zip(axes, records.items(), strict=False):
            counts = confusion_matrix_frame(frame["actual"].map(index).to_numpy(),
                                            frame["predicted"].map(index).to_numpy(), classes)
            totals = counts.sum(axis=1).to_numpy(dtype=float)[:, None]
            norm = pd.DataFrame(counts.to_numpy() / np.where(totals > 0, totals, np.nan), index=counts.index,
                                columns=counts.columns)
            sns.heatmap(norm, ax=ax, vmin=0, vmax=1, cmap="Blues", annot=True, fmt=".2f", cbar=False,
                        square=True, annot_kws={"fontsize": 6.5}, linewidths=0.3, linecolor="white")
            ax.set_title(f"{arch} (n = {len(frame)})", fontsize=9)
            ax.set_xlabel("predicted")
            ax.set_ylabel("actual")
        for ax in axes[len(records):]:
            ax.set_visible(False)
    return fig


def training_curves(histories: Mapping[str, pd.DataFrame]) -> Figure:
    """Loss (train solid, validation dashed) and validation balanced accuracy per epoch."""
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    colors = palette(list(histories))
    with sns.axes_style("whitegrid", STYLE), sns.plotting_context("paper"):
        fig = _figure(9, 3.6)
        loss_ax, acc_ax = fig.subplots(1, 2)
        for arch, frame in histories.items():
            x = frame["epoch"]
            if "train_loss" in frame:
                loss_ax.plot(x, frame["train_loss"], color=colors[arch], marker=".")
            if "val_loss" in frame:
                loss_ax.plot(x, frame["val_loss"], color=colors[arch], ls="--", marker=".")
            if "val_balanced_accuracy" in frame:
                acc_ax.plot(x, frame["val_balanced_accuracy"], color=colors[arch], marker=".")
        loss_ax.set_title("Loss (solid: train, dashed: validation)", fontsize=9)
        loss_ax.set_ylabel("cross-entropy")
        acc_ax.set_title("Validation balanced accuracy", fontsize=9)
        acc_ax.set_ylim(0, 1.02)
        for ax in (loss_ax, acc_ax):
            ax.set_xlabel("epoch")
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        handles = [Line2D([], [], color=colors[a], marker=".", label=a) for a in histories]
        handles += [Line2D([], [], color="black", label="train"),
                    Line2D([], [], color="black", ls="--", label="validation")]
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    return fig


def image_row(images: Mapping[str, str | os.PathLike], dpi: int = 150) -> Figure:
    """Ready-made PNGs (the Grad-CAM grids) side by side at their native size, top-aligned."""
    import matplotlib.image as mpimg

    arrays = [mpimg.imread(str(path)) for path in images.values()]
    if not arrays:
        raise ValueError("no images to place")
    total_w = sum(a.shape[1] for a in arrays)
    max_h = max(a.shape[0] for a in arrays)
    fig = Figure(figsize=(total_w / dpi, max_h / dpi))
    left = 0
    for array in arrays:
        h, w = array.shape[:2]
        ax = fig.add_axes((left / total_w, 1 - h / max_h, w / total_w, h / max_h))
        ax.imshow(array, interpolation="none")
        ax.axis("off")
        left += w
    return fig
