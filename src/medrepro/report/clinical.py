"""Thesis figure and tables for the clinical evaluation: subgroup forest plot, subgroup and fairness tables,
pairwise significance table.

They take the in-memory results of the subgroups and significance stages (group order as computed there;
JSON on disk has sorted keys) and follow the other report modules: matplotlib's object API (no pyplot),
one colour per architecture from plots.palette, booktabs tables via tables.to_booktabs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from medrepro.report.plots import STYLE, palette
from medrepro.report.tables import MISSING, fmt, fmt_ci, latex_escape

ATTRIBUTE_LABELS = {"sex": "Sex", "age": "Age (years)", "localization": "Body site"}
CONFOUNDER_LABELS = {"dx_type": "Diagnosis method"}
GAPS = (("equalized_odds_gap", "Equalized-odds gap"), ("sensitivity_gap", "Sensitivity gap"),
        ("fpr_gap", "FPR gap"), ("ece_excess_gap", "Excess-ECE gap"))
_LATEX_GROUP = {"\u2013": "--", "\u2265": "$\\geq$", "<": "$<$"}


def _num(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return math.nan
    return float(value)


def _attributes(report: Mapping[str, Mapping]) -> list[str]:
    first = next(iter(report.values()), {})
    return [a for a in ATTRIBUTE_LABELS if a in first]


def _group_label(entry: Mapping, group: str) -> str:
    n = entry.get("n", "?")
    if entry.get("insufficient"):
        return f"{group} (n={n}, too few)"
    return f"{group} (n={n}, pos={entry.get('n_positive', '?')})"


def subgroup_forest(report: Mapping[str, Mapping], positive_class: str = "mel", confidence: float = 0.95,
                    metrics: Sequence[tuple[str, str]] = (("sensitivity", "sensitivity"),
                                                          ("specificity", "specificity"))) -> Figure:
    """Forest plot: one row of panels per attribute, one column per metric, one line per group and
    architecture (point and lesion-bootstrap CI). Dotted lines are each architecture's value on the whole
    test set; groups below the minimum size are listed without points."""
    archs = list(report)
    colors = palette(archs)
    attributes = _attributes(report)
    first = report[archs[0]]
    sizes = [max(len(first[a]), 1) for a in attributes]
    offsets = np.linspace(-0.3, 0.3, len(archs)) if len(archs) > 1 else np.zeros(1)
    with sns.axes_style("whitegrid", STYLE), sns.plotting_context("paper"):
        fig = Figure(figsize=(4.2 * len(metrics) + 1.4, 0.42 * sum(sizes) + 1.1 * len(attributes) + 0.6),
                     layout="constrained")
        axes = fig.subplots(len(attributes), len(metrics), squeeze=False, sharex=True,
                            gridspec_kw={"height_ratios": sizes})
        for row, attribute in enumerate(attributes):
            groups = list(first[attribute])
            for col, (key, label) in enumerate(metrics):
                ax = axes[row, col]
                for a, arch in enumerate(archs):
                    overall = _num(report[arch].get("overall", {}).get(key))
                    if math.isfinite(overall):
                        ax.axvline(overall, color=colors[arch], ls=":", lw=0.9)
                    for g, group in enumerate(groups):
                        entry = report[arch][attribute].get(group, {})
                        value = _num(entry.get(key))
                        if entry.get("insufficient") or not math.isfinite(value):
                            continue
                        lo, hi = _num(entry.get(f"{key}_ci_low")), _num(entry.get(f"{key}_ci_high"))
                        err = None
                        if math.isfinite(lo) and math.isfinite(hi):
                            err = [[max(value - lo, 0.0)], [max(hi - value, 0.0)]]
                        ax.errorbar([value], [g + offsets[a]], xerr=err, fmt="o", ms=3.5, color=colors[arch],
                                    elinewidth=1.1, capsize=0)
                ax.set_yticks(range(len(groups)), [_group_label(first[attribute][g], g) for g in groups]
                              if col == 0 else [])
                ax.set_ylim(len(groups) - 0.5, -0.5)
                ax.set_xlim(-0.03, 1.03)
                ax.set_title(f"{ATTRIBUTE_LABELS[attribute]}: {positive_class} {label}", fontsize=9)
                if row == len(attributes) - 1:
                    ax.set_xlabel(label)
        handles = [Line2D([], [], color=colors[a], marker="o", ls="-", ms=4, label=a) for a in archs]
        handles.append(Line2D([], [], color="grey", ls=":", label="whole test set"))
        fig.suptitle(f"Points: test value; bars: {confidence:.0%} lesion-bootstrap CI", fontsize=9)
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    return fig


def _latex_group(group: str) -> str:
    text = latex_escape(group)
    for symbol, latex in _LATEX_GROUP.items():
        text = text.replace(symbol, latex)
    return text


def subgroups_table(report: Mapping[str, Mapping], min_group_size: int, confounders: bool = False) -> pd.DataFrame:
    """One row per attribute group (or, with confounders, per diagnosis-method group): size, positives, and
    per architecture 'sensitivity / specificity'."""
    archs = list(report)
    labels = CONFOUNDER_LABELS if confounders else ATTRIBUTE_LABELS

    def source(arch: str) -> Mapping:
        return report[arch].get("confounders", {}) if confounders else report[arch]

    first = source(archs[0])
    rows = []
    for attribute in [a for a in labels if a in first]:
        for i, (group, entry) in enumerate(first[attribute].items()):
            row = {
                "Attribute": labels[attribute] if i == 0 else "",
                "Group": _latex_group(group),
                "$n$": str(entry.get("n", MISSING)),
                "Pos.": str(entry.get("n_positive", MISSING)),
            }
            for arch in archs:
                e = source(arch)[attribute].get(group, {})
                pair = f"{fmt(e.get('sensitivity'), 2)} / {fmt(e.get('specificity'), 2)}"
                row[latex_escape(arch)] = f"$n<{min_group_size}$" if e.get("insufficient") else pair
            rows.append(row)
    return pd.DataFrame(rows)


def fairness_table(report: Mapping[str, Mapping]) -> pd.DataFrame:
    """Per attribute: equalized-odds gap (max of sensitivity and FPR gaps), its parts and the excess-ECE gap,
    each with its lesion-bootstrap CI."""
    archs = list(report)
    rows = []
    for attribute in _attributes(report):
        for i, (key, name) in enumerate(GAPS):
            row = {"Attribute": ATTRIBUTE_LABELS[attribute] if i == 0 else "", "Gap": name}
            for arch in archs:
                gaps = report[arch].get("fairness", {}).get(attribute, {})
                row[latex_escape(arch)] = fmt_ci(gaps.get(key), gaps.get(f"{key}_ci_low"),
                                                 gaps.get(f"{key}_ci_high"), 2)
            rows.append(row)
    return pd.DataFrame(rows)


def fmt_p(value: object) -> str:
    """p-values: three decimals, '$<$0.001' below that, an en dash when missing."""
    v = _num(value)
    if not math.isfinite(v):
        return MISSING
    return "$<$0.001" if v < 0.001 else f"{v:.3f}"


def significance_table(pairs: Mapping[str, Mapping], positive_class: str = "mel") -> pd.DataFrame:
    """One row per architecture pair: accuracy and AUC differences with CIs, discordant images and lesions,
    clustered McNemar and DeLong p-values (raw, then Holm-adjusted across pairs)."""
    auc = f"auc_{positive_class}_difference"
    rows = []
    for pair in pairs.values():
        rows.append({
            "Pair (A vs B)": f"{latex_escape(pair['arch_a'])} vs {latex_escape(pair['arch_b'])}",
            "Acc.\\ A $-$ B": fmt_ci(pair.get("accuracy_difference"), pair.get("accuracy_difference_ci_low"),
                                     pair.get("accuracy_difference_ci_high")),
            "Only A / only B right (lesions)": f"{pair.get('only_a_correct', MISSING)} / "
                                               f"{pair.get('only_b_correct', MISSING)} "
                                               f"({pair.get('discordant_lesions', MISSING)})",
            "McNemar $p$ (Holm)": f"{fmt_p(pair.get('mcnemar_p'))} ({fmt_p(pair.get('mcnemar_p_holm'))})",
            f"{latex_escape(positive_class)} AUC A $-$ B": fmt_ci(pair.get(auc), pair.get(f"{auc}_ci_low"),
                                                                pair.get(f"{auc}_ci_high")),
            "DeLong $p$ (Holm)": f"{fmt_p(pair.get('delong_p'))} ({fmt_p(pair.get('delong_p_holm'))})",
        })
    return pd.DataFrame(rows)
