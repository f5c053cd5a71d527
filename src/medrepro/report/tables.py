"""Booktabs LaTeX tables of the architecture comparison, built from the compare stage's comparison.json.

Cells are formatted (and LaTeX-escaped) here, so the written .tex needs only booktabs; headers are
LaTeX already. Missing numbers (an AUC for a class absent from the test split) print as an en dash.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
MISSING = "--"


def latex_escape(text: object) -> str:
    """Escape LaTeX's special characters in plain text (architecture names like efficientnet_b3)."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in str(text))


def _num(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return math.nan
    return float(value)


def fmt(value: object, digits: int = 3) -> str:
    """Fixed decimals, a typographic minus for negatives, an en dash when missing."""
    v = _num(value)
    if not math.isfinite(v):
        return MISSING
    text = f"{v:.{digits}f}"
    return f"$-${text[1:]}" if text.startswith("-") else text


def fmt_ci(value: object, low: object, high: object, digits: int = 3) -> str:
    """'0.857 [0.781, 0.930]', or just the value when the interval is unknown."""
    text = fmt(value, digits)
    lo, hi = _num(low), _num(high)
    if text == MISSING or not (math.isfinite(lo) and math.isfinite(hi)):
        return text
    return f"{text} [{fmt(lo, digits)}, {fmt(hi, digits)}]"


def _ci(entry: Mapping, key: str, digits: int = 3) -> str:
    return fmt_ci(entry.get(key), entry.get(f"{key}_ci_low"), entry.get(f"{key}_ci_high"), digits)


def _arrow(before: object, after: object) -> str:
    return rf"{fmt(before)} $\rightarrow$ {fmt(after)}"


def flag_notes(comparison: Mapping[str, Mapping]) -> dict[str, str]:
    """Caption sentences for the flags a reader must see: zero-width CIs and temperatures at a search bound
    ('' when nothing is flagged)."""
    degenerate = [f"{latex_escape(arch)} ({latex_escape(', '.join(e['flags']['degenerate_ci']))})"
                  for arch, e in comparison.items() if e.get("flags", {}).get("degenerate_ci")]
    bound = [latex_escape(arch) for arch, e in comparison.items() if e.get("flags", {}).get("temperature_at_bound")]
    return {
        "ci": (f" Degenerate (zero-width) intervals, every replicate equal: {'; '.join(degenerate)}."
               if degenerate else ""),
        "temperature": (f" $T$ at the edge of its search range, so calibration is unreliable: {', '.join(bound)}."
                        if bound else ""),
    }


def comparison_table(comparison: Mapping[str, Mapping], positive_class: str = "mel") -> pd.DataFrame:
    """One row per architecture: size, headline test metrics with CIs, calibration and speed."""
    rows = []
    for arch, e in comparison.items():
        point = e.get("at_specificity", {})
        rows.append({
            "Architecture": latex_escape(arch),
            "Params (M)": fmt(_num(e.get("num_parameters")) / 1e6, 1),
            "Bal.\\ accuracy": _ci(e, "balanced_accuracy"),
            "Macro F1": _ci(e, "macro_f1"),
            f"{latex_escape(positive_class)} AUC": _ci(e, f"auc_{positive_class}"),
            f"Sens.\\ @ spec.\\ {fmt(point.get('target'), 2)}": fmt(point.get("sensitivity")),
            "ECE (before $\\rightarrow$ after)": _arrow(e.get("ece_before"), e.get("ece_after")),
            "Train (s)": fmt(e.get("train_time_s"), 0),
            "Images/s": fmt(e.get("train_images_per_s"), 0),
        })
    return pd.DataFrame(rows)


def operating_points_table(comparison: Mapping[str, Mapping], positive_class: str = "mel") -> pd.DataFrame:
    """Two rows per architecture (specificity and sensitivity targets): test metrics with CIs (threshold
    re-chosen per replicate) at the threshold chosen on validation."""
    rows = []
    for arch, e in comparison.items():
        for prefix, name in (("at_specificity", "spec."), ("at_sensitivity", "sens.")):
            p = e.get(prefix, {})
            rows.append({
                "Architecture": latex_escape(arch),
                "Target": f"{name} $\\geq$ {fmt(p.get('target'), 2)}",
                "Threshold": fmt(p.get("threshold"), 3),
                "Sensitivity": _ci(p, "sensitivity"),
                "Specificity": _ci(p, "specificity"),
                "PPV": _ci(p, "ppv"),
                "NPV": _ci(p, "npv"),
            })
    return pd.DataFrame(rows)


def per_class_auc_table(comparison: Mapping[str, Mapping], classes: Sequence[str]) -> pd.DataFrame:
    """One-vs-rest test AUC per class (calibrated probabilities), one row per architecture."""
    rows = []
    for arch, e in comparison.items():
        row = {"Architecture": latex_escape(arch)}
        row.update({latex_escape(c): fmt(e.get(f"auc_{c}")) for c in classes})
        rows.append(row)
    return pd.DataFrame(rows)


def calibration_table(comparison: Mapping[str, Mapping]) -> pd.DataFrame:
    """Temperature (dagger: at a search bound) and test ECE/MCE/NLL/Brier before and after scaling."""
    rows = []
    for arch, e in comparison.items():
        bound = "$^\\dagger$" if e.get("flags", {}).get("temperature_at_bound") else ""
        row = {"Architecture": latex_escape(arch), "$T$": fmt(e.get("temperature"), 2) + bound}
        for key, label in (("ece", "ECE"), ("mce", "MCE"), ("nll", "NLL"), ("brier", "Brier")):
            row[label] = _arrow(e.get(f"{key}_before"), e.get(f"{key}_after"))
        rows.append(row)
    return pd.DataFrame(rows)


def gradcam_table(gradcam: Mapping[str, Mapping]) -> pd.DataFrame:
    """The randomisation sanity check: Spearman correlation of trained vs random-weight CAMs."""
    rows = []
    for arch, g in gradcam.items():
        n, undefined = g.get("n_images"), g.get("n_undefined")
        defined = n - undefined if isinstance(n, int) and isinstance(undefined, int) else None
        rows.append({
            "Architecture": latex_escape(arch),
            "Images": f"{defined if defined is not None else MISSING} / {n if n is not None else MISSING}",
            "Mean $\\rho$": fmt(g.get("rank_correlation_mean")),
            "Median $\\rho$": fmt(g.get("rank_correlation_median")),
            "Range": f"{fmt(g.get('rank_correlation_min'))} to {fmt(g.get('rank_correlation_max'))}",
            "Zero CAMs (trained / random)": f"{g.get('n_constant_trained', MISSING)} / "
                                            f"{g.get('n_constant_random', MISSING)}",
        })
    return pd.DataFrame(rows)


def to_booktabs(frame: pd.DataFrame, caption: str, label: str, *, small: bool = True,
                fit_width: bool = False) -> str:
    """A floating table with booktabs rules (\\toprule/\\midrule/\\bottomrule), first column left-aligned;
    `fit_width` shrinks the tabular to the text width only when it is wider (graphicx's resizebox)."""
    column_format = "l" + "r" * (frame.shape[1] - 1)
    latex = frame.style.hide(axis="index").to_latex(
        hrules=True, caption=caption, label=label, position="htbp", position_float="centering",
        column_format=column_format,
    )
    if small:
        latex = latex.replace("\\centering\n", "\\centering\n\\small\n", 1)
    if fit_width:
        begin = latex.index("\\begin{tabular}")
        end = latex.index("\\end{tabular}") + len("\\end{tabular}")
        latex = (latex[:begin] + "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n"
                 + latex[begin:end] + "%\n}" + latex[end:])
    return latex
