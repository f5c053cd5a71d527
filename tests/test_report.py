"""Report figures and LaTeX tables from small hand-made inputs: real files, values where they belong."""

import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection
from PIL import Image

from medrepro.report import plots, tables

ARCHS = ["resnet50", "efficientnet_b3", "vit_b_16"]
CLASSES = ["akiec", "bcc", "bkl", "df", "mel", "nv", "vasc"]


def _entry(i: int) -> dict:
    base = 0.6 + 0.1 * i
    point = {"target": 0.95, "threshold": 0.3, "sensitivity": base, "sensitivity_ci_low": base - 0.1,
             "sensitivity_ci_high": min(base + 0.05, 1.0), "specificity": 0.95, "specificity_ci_low": 0.9,
             "specificity_ci_high": 0.99, "ppv": 0.5, "ppv_ci_low": 0.3, "ppv_ci_high": 0.7, "npv": 0.97,
             "npv_ci_low": 0.94, "npv_ci_high": 0.99}
    entry = {
        "accuracy": base, "balanced_accuracy": base - 0.05, "balanced_accuracy_ci_low": base - 0.15,
        "balanced_accuracy_ci_high": base + 0.02, "macro_f1": base - 0.1, "macro_f1_ci_low": base - 0.2,
        "macro_f1_ci_high": base, "ece_before": 0.2 - 0.05 * i,
        "ece_after": 0.05, "mce_before": 0.4, "mce_after": 0.2, "nll_before": 1.1, "nll_after": 0.9,
        "brier_before": 0.5, "brier_after": 0.4, "temperature": 1.5, "num_parameters": 5_000_000 * (i + 1),
        "train_time_s": 100.0 * (i + 1), "train_images_per_s": 50.0, "at_specificity": point,
        "at_sensitivity": {**point, "target": 0.9},
    }
    entry.update({f"auc_{c}": 0.8 + 0.01 * k for k, c in enumerate(CLASSES)})
    entry["auc_df"] = None  # a class missing from the test split
    return entry


@pytest.fixture
def comparison():
    return {arch: _entry(i) for i, arch in enumerate(ARCHS)}


def _check_files(paths, min_png=(200, 200)):
    pdf, png = sorted(paths)  # .pdf sorts before .png
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 2000
    image = Image.open(png)
    assert image.size[0] >= min_png[0] and image.size[1] >= min_png[1]
    assert np.asarray(image.convert("L")).std() > 5


def test_comparison_bars_draw_the_stored_confidence_intervals(tmp_path, comparison):
    fig = plots.comparison_bars(comparison)
    op_ax = fig.axes[1]
    segments = [seg for coll in op_ax.collections if isinstance(coll, LineCollection)
                for seg in coll.get_segments()]
    spans = sorted((round(float(s[:, 1].min()), 6), round(float(s[:, 1].max()), 6)) for s in segments)
    expected = sorted([(round(e["at_specificity"]["sensitivity_ci_low"], 6),
                        round(e["at_specificity"]["sensitivity_ci_high"], 6)) for e in comparison.values()]
                      + [(0.9, 0.99)] * len(ARCHS))
    assert spans == expected
    heights = sorted(round(p.get_height(), 6) for p in op_ax.patches)
    assert heights == sorted([round(e["at_specificity"]["sensitivity"], 6) for e in comparison.values()]
                             + [0.95] * len(ARCHS))
    _check_files(plots.save_figure(fig, tmp_path, "comparison"))


def test_roc_overlay_puts_auc_in_legend(tmp_path):
    curves = {a: pd.DataFrame({"fpr": [0, 0.1 * i, 1], "tpr": [0, 0.8, 1]}) for i, a in enumerate(ARCHS)}
    aucs = {"resnet50": 0.912, "efficientnet_b3": float("nan"), "vit_b_16": 0.8}
    fig = plots.roc_overlay(curves, aucs, "mel", {"resnet50": (0.05, 0.7)})
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "resnet50 (AUC = 0.912)" in texts and "efficientnet_b3 (AUC n/a)" in texts
    _check_files(plots.save_figure(fig, tmp_path, "roc"))


def test_confusion_matrices_are_row_normalised(tmp_path):
    records = pd.DataFrame({"actual": ["mel", "mel", "mel", "nv", "bkl"],
                            "predicted": ["mel", "nv", "nv", "nv", "mel"]})
    fig = plots.confusion_matrices({"resnet50": records, "vit_b_16": records}, CLASSES)
    values = np.ma.filled(fig.axes[0].collections[0].get_array(), np.nan).reshape(7, 7)
    mel, nv, bkl = CLASSES.index("mel"), CLASSES.index("nv"), CLASSES.index("bkl")
    assert values[mel, mel] == pytest.approx(1 / 3) and values[mel, nv] == pytest.approx(2 / 3)
    assert values[bkl, mel] == pytest.approx(1.0)
    assert np.isnan(values[CLASSES.index("df")]).all()  # no true df: the row is undefined, not zero
    _check_files(plots.save_figure(fig, tmp_path, "confusion"))


def test_reliability_and_training_curves_render(tmp_path):
    bins = pd.DataFrame({"calibration": ["before", "before", "after", "after"],
                         "confidence": [0.3, 0.8, 0.4, 0.7],
                         "accuracy": [0.5, 0.9, 0.45, 0.72], "count": [10, 30, 12, 28]})
    fig = plots.reliability_diagrams({a: bins for a in ARCHS}, {"resnet50": (0.2, 0.05)})
    assert "ECE 0.200 \u2192 0.050" in fig.axes[0].get_title()
    assert sum(ax.get_visible() for ax in fig.axes) == len(ARCHS)
    _check_files(plots.save_figure(fig, tmp_path, "reliability"))
    history = pd.DataFrame({"step": [1, 2, 3], "epoch": [1, 2, 3], "train_loss": [2.0, 1.0, 0.5],
                            "val_loss": [2.1, 1.4, 1.0], "val_balanced_accuracy": [0.3, 0.5, 0.6]})
    fig = plots.training_curves({a: history for a in ARCHS})
    assert len(fig.axes[1].lines) == len(ARCHS)
    _check_files(plots.save_figure(fig, tmp_path, "training_curves"))


def test_image_row_keeps_native_resolution(tmp_path):
    paths = {}
    for i, (w, h) in enumerate([(120, 300), (80, 200)]):
        paths[f"a{i}"] = tmp_path / f"a{i}.png"
        Image.fromarray(np.full((h, w, 3), 60 * (i + 1), dtype=np.uint8)).save(paths[f"a{i}"])
    out = plots.save_figure(plots.image_row(paths, dpi=100), tmp_path / "out", "row", dpi=100)
    assert Image.open(out[1]).size == (200, 300)
    assert out[0].read_bytes()[:5] == b"%PDF-"


def test_pdf_output_is_reproducible(tmp_path, comparison):
    first = plots.save_figure(plots.comparison_bars(comparison), tmp_path / "a", "c")[0].read_bytes()
    second = plots.save_figure(plots.comparison_bars(comparison), tmp_path / "b", "c")[0].read_bytes()
    assert first == second


def test_latex_escape_matches_pandas():
    text = r"efficientnet_b3 & 5% $x #1 {a} ~ ^ \ end"
    styler = pd.DataFrame([[text]]).style.hide(axis="index").hide(axis="columns")
    ref = styler.format(escape="latex").to_latex()
    cell = ref.split("\n")[1].removesuffix(r" \\")
    # pandas ends \textasciitilde etc. with a space (and a following blank as \space), we with {}
    normalised = re.sub(r"(\\text[a-z]+) ", r"\1{}", re.sub(r"(\\text[a-z]+) \\space ", r"\1{} ", cell))
    assert tables.latex_escape(text) == normalised


def test_number_formatting():
    assert tables.fmt(0.12345) == "0.123"
    assert tables.fmt(-0.5, 2) == "$-$0.50"
    assert tables.fmt(None) == tables.MISSING and tables.fmt(float("nan")) == tables.MISSING
    assert tables.fmt_ci(0.8, 0.7, 0.9) == "0.800 [0.700, 0.900]"
    assert tables.fmt_ci(0.8, None, 0.9) == "0.800"


def _body_rows(latex: str) -> list[str]:
    body = latex.split("\\midrule\n", 1)[1].split("\\bottomrule", 1)[0]
    return [line for line in body.splitlines() if line.strip().endswith("\\\\")]


@pytest.mark.parametrize("build", ["comparison", "per_class_auc", "calibration"])
def test_tables_are_booktabs_with_one_row_per_architecture(comparison, build):
    frame = {"comparison": lambda: tables.comparison_table(comparison, "mel"),
             "per_class_auc": lambda: tables.per_class_auc_table(comparison, CLASSES),
             "calibration": lambda: tables.calibration_table(comparison)}[build]()
    latex = tables.to_booktabs(frame, "Caption with 95\\%.", f"tab:{build}", fit_width=True)
    for rule in ("\\toprule", "\\midrule", "\\bottomrule", "\\caption{Caption with 95\\%.}",
                 f"\\label{{tab:{build}}}"):
        assert latex.count(rule) == 1, rule
    rows = _body_rows(latex)
    assert [r.split(" & ")[0] for r in rows] == ["resnet50", "efficientnet\\_b3", "vit\\_b\\_16"]
    n_cols = len(re.search(r"\\begin\{tabular\}\{(\w+)\}", latex).group(1))
    assert all(r.count(" & ") == n_cols - 1 for r in rows)
    assert latex.index("\\resizebox") < latex.index("\\begin{tabular}") < latex.index("\\end{tabular}%")


def test_table_cells_carry_the_numbers(comparison):
    latex = tables.to_booktabs(tables.comparison_table(comparison, "mel"), "c", "tab:c")
    first = _body_rows(latex)[0]
    assert "0.550 [0.450, 0.620]" in first  # balanced accuracy with its CI
    assert "0.200 $\\rightarrow$ 0.050" in first and "& 5.0 &" in first
    auc = tables.to_booktabs(tables.per_class_auc_table(comparison, CLASSES), "c", "tab:a")
    assert _body_rows(auc)[0].split(" & ")[CLASSES.index("df") + 1] == tables.MISSING
    ops = tables.operating_points_table(comparison, "mel")
    assert len(ops) == 2 * len(ARCHS)
    gc = tables.gradcam_table({"resnet50": {"n_images": 54, "n_undefined": 4, "rank_correlation_mean": 0.1,
                                            "rank_correlation_median": -0.2, "rank_correlation_min": -0.9,
                                            "rank_correlation_max": 0.8, "n_constant_trained": 1,
                                            "n_constant_random": 3}})
    assert gc.iloc[0]["Images"] == "50 / 54" and gc.iloc[0]["Median $\\rho$"] == "$-$0.200"
