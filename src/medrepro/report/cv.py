"""Cross-validation table and figure: per-fold held-out numbers, their mean ± std and the mean's interval."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from medrepro.report.plots import palette
from medrepro.report.tables import MISSING, fmt, latex_escape


def table_metrics(positive: str) -> tuple[tuple[str, str], ...]:
    """(metric name, column label) of the CV table; the positive class names its AUC and sensitivity."""
    pos = latex_escape(positive)
    return (("balanced_accuracy", "Bal. acc."), (f"auc_{positive}", f"{pos} AUC"), ("macro_f1", "Macro F1"),
            ("at_specificity.sensitivity", f"{pos} sens."), ("ece_after", "ECE (scaled)"))


def figure_metrics(positive: str) -> tuple[tuple[str, str], ...]:
    return (("balanced_accuracy", "balanced accuracy"), (f"auc_{positive}", f"{positive} AUC"),
            ("at_specificity.sensitivity", f"{positive} sensitivity"))


def fold_frame(per_fold: Mapping[str, Mapping[int, Mapping]], positive: str) -> pd.DataFrame:
    """Long table arch, fold, metric, value of the held-out numbers (metrics that are undefined are left out)."""
    rows = []
    for arch, folds in per_fold.items():
        for fold, held_out in folds.items():
            for key, _ in table_metrics(positive):
                value = _get(held_out, key)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    rows.append({"arch": arch, "fold": int(fold), "metric": key, "value": float(value)})
    return pd.DataFrame(rows, columns=["arch", "fold", "metric", "value"])


def _get(metrics: Mapping, dotted: str) -> object:
    node: object = metrics
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, Mapping) else None
    return node


def _mean_std(entry: Mapping) -> str:
    if not entry or entry.get("mean") is None:
        return MISSING
    std = entry.get("std")
    return f"{fmt(entry['mean'])} $\\pm$ {fmt(std)}" if std is not None else fmt(entry["mean"])


def _interval(entry: Mapping) -> str:
    low, high = (entry or {}).get("mean_ci_low"), (entry or {}).get("mean_ci_high")
    return MISSING if low is None or high is None else f"[{fmt(low)}, {fmt(high)}]"


def cv_table(summary: Mapping[str, Mapping], per_fold: Mapping[str, Mapping[int, Mapping]],
             positive: str, confidence: float = 0.95) -> pd.DataFrame:
    """Per architecture: mean ± sample std over folds, the corrected t interval of the mean, then each fold."""
    metrics = table_metrics(positive)
    rows = []
    for arch, stats in summary.items():
        rows.append({"Model / fold": latex_escape(arch),
                     **{label: _mean_std(stats.get(key, {})) for key, label in metrics}})
        rows.append({"Model / fold": f"\\quad {confidence * 100:g}\\% CI of the mean",
                     **{label: _interval(stats.get(key, {})) for key, label in metrics}})
        for fold, held_out in sorted(per_fold.get(arch, {}).items()):
            rows.append({"Model / fold": f"\\quad fold {fold}",
                         **{label: fmt(_get(held_out, key)) for key, label in metrics}})
    return pd.DataFrame(rows, columns=["Model / fold", *[label for _, label in metrics]])


def cv_figure(frame: pd.DataFrame, archs: Sequence[str], positive: str,
              summary: Mapping[str, Mapping] | None = None, confidence: float = 0.95) -> Figure:
    """Each fold as a point, the mean as a bar with its corrected t interval: the spread a single split hides."""
    metrics = figure_metrics(positive)
    fig = Figure(figsize=(3.2 * len(metrics), 3.2), layout="constrained")
    axes = fig.subplots(1, len(metrics), squeeze=False)[0]
    colours = palette(archs)
    for ax, (key, label) in zip(axes, metrics, strict=True):
        part = frame[frame["metric"] == key]
        if part.empty:
            ax.text(0.5, 0.5, f"{label}: undefined in every fold", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            continue
        sns.barplot(data=part, x="arch", y="value", hue="arch", order=list(archs), hue_order=list(archs),
                    palette=colours, errorbar=None, alpha=0.35, legend=False, ax=ax)
        sns.stripplot(data=part, x="arch", y="value", hue="arch", order=list(archs), hue_order=list(archs),
                      palette=colours, size=6, jitter=0.12, legend=False, ax=ax, edgecolor="black", linewidth=0.5)
        for x, arch in enumerate(archs):
            entry = (summary or {}).get(arch, {}).get(key, {})
            if entry.get("mean_ci_low") is not None and entry.get("mean_ci_high") is not None:
                ax.errorbar([x], [entry["mean"]], yerr=[[entry["mean"] - entry["mean_ci_low"]],
                                                        [entry["mean_ci_high"] - entry["mean"]]],
                            fmt="none", ecolor="black", elinewidth=1.2, capsize=6)
        ax.set_ylim(0, 1.02)
        ax.set_xlabel("")
        ax.set_ylabel(label)
        ax.tick_params(axis="x", rotation=20)
    whiskers = f", whiskers its {confidence * 100:g}% corrected t interval" if summary else ""
    fig.suptitle(f"Held-out folds ({frame['fold'].nunique()} per architecture): points are folds, bars the "
                 f"mean{whiskers}", fontsize=10)
    return fig
