"""Stage thesis: regenerate the thesis figures and tables from the pipeline's outputs (no training).

It owns a fixed set of files (FIGURES, TABLES) in thesis/figures and thesis/tables, which other stages
write into too (compare_notes), so it never replaces the folders: everything is rendered into a staging
folder first and only moved into place, file by file, once all of it succeeded. thesis/main.tex is a
hand-edited source: it is written only when missing, never overwritten.
"""

import math
import os
import tempfile
from pathlib import Path

from medrepro.config import architecture_list, load_params, run_stage, section
from medrepro.errors import InputError
from medrepro.evaluate.predictions import load_classes
from medrepro.io import read_json, write_text
from medrepro.layout import THESIS, comparison_json, images
from medrepro.report import plots, tables
from medrepro.report.comparison import read_curve_csv, read_history

MAIN_TEX = THESIS / "main.tex"
FIGURES = ("comparison", "roc", "reliability", "confusion", "training_curves", "gradcam")
TABLES = ("comparison", "operating_points", "per_class_auc", "calibration", "gradcam")
OUTPUTS = ([f"figures/{name}.{fmt}" for name in FIGURES for fmt in plots.FORMATS]
           + [f"tables/{name}.tex" for name in TABLES])




def _classes(archs: list[str]) -> list[str]:
    classes = load_classes(images(archs[0]).model_json)
    for arch in archs[1:]:
        if load_classes(images(arch).model_json) != classes:
            raise InputError(f"{images(arch).model_json}: classes differ from {images(archs[0]).model_json}; "
                             "retrain so all architectures share one class list")
    return classes


def write_figures(out: Path, archs: list[str], comparison: dict, classes: list[str], positive: str,
                  confidence: float) -> None:
    roc, reliability, confusion, history, gradcam_png = {}, {}, {}, {}, {}
    for arch in archs:
        f = images(arch)
        roc[arch] = read_curve_csv(f.roc_csv, ("fpr", "tpr"), f"threshold@{arch}")
        reliability[arch] = read_curve_csv(f.reliability_csv, ("calibration", "confidence", "accuracy", "count"),
                                           f"calibrate@{arch}")
        confusion[arch] = read_curve_csv(f.confusion_csv, ("actual", "predicted"), f"calibrate@{arch}")
        history[arch] = read_history(f.dvclive)
        gradcam_png[arch] = f.gradcam_png
        if not gradcam_png[arch].is_file():
            raise InputError(f"{gradcam_png[arch]}: not found; run the gradcam@{arch} stage first")

    def point(entry: dict) -> tuple[float, float] | None:
        p = entry.get("at_specificity", {})
        spec, sens = p.get("specificity"), p.get("sensitivity")
        if isinstance(spec, (int, float)) and isinstance(sens, (int, float)):
            return 1.0 - spec, sens
        return None

    auc = f"auc_{positive}"
    aucs = {a: comparison[a].get(auc) if comparison[a].get(auc) is not None else math.nan for a in archs}
    points = {a: pt for a in archs if (pt := point(comparison[a])) is not None}
    eces = {a: (comparison[a].get("ece_before", math.nan), comparison[a].get("ece_after", math.nan))
            for a in archs}
    plots.save_figure(plots.comparison_bars(comparison, positive, confidence), out, "comparison")
    plots.save_figure(plots.roc_overlay(roc, aucs, positive, points), out, "roc")
    plots.save_figure(plots.reliability_diagrams(reliability, eces), out, "reliability")
    plots.save_figure(plots.confusion_matrices(confusion, classes), out, "confusion")
    plots.save_figure(plots.training_curves(history), out, "training_curves")
    plots.save_figure(plots.image_row(gradcam_png), out, "gradcam", dpi=150)


def write_tables(out: Path, archs: list[str], comparison: dict, classes: list[str], positive: str,
                 confidence: dict[str, float]) -> None:
    gradcam = {a: read_json(images(a).gradcam_json, f"gradcam@{a}",
                            ("rank_correlation_mean", "n_images", "n_undefined")) for a in archs}
    pos = tables.latex_escape(positive)
    pct = {k: f"{v:.0%}".replace("%", "\\%") for k, v in confidence.items()}
    notes = tables.flag_notes(comparison)
    specs = [
        ("comparison", tables.comparison_table(comparison, positive),
         f"Architectures on the test split (calibrated probabilities). Bracketed: {pct['compare']} percentile "
         "bootstrap confidence intervals over lesions (all images of a lesion resampled together). Sensitivity "
         f"for {pos} at the threshold chosen on validation for the specificity target.{notes['ci']}",
         "tab:comparison"),
        ("operating_points", tables.operating_points_table(comparison, positive),
         f"{pos} vs rest at the two operating points: thresholds chosen on validation, metrics on test with "
         f"{pct['threshold']} lesion-bootstrap confidence intervals that re-choose the threshold on each "
         "resampled validation split (so they include the threshold's own uncertainty); the fixed-threshold "
         f"intervals are in results/threshold/<arch>/threshold.json.{notes['ci']}", "tab:operating-points"),
        ("per_class_auc", tables.per_class_auc_table(comparison, classes),
         "One-vs-rest test AUC per class.", "tab:per-class-auc"),
        ("calibration", tables.calibration_table(comparison),
         "Test calibration before $\\rightarrow$ after temperature scaling ($T$ fitted on validation)."
         f"{notes['temperature']}", "tab:calibration"),
        ("gradcam", tables.gradcam_table(gradcam),
         "Grad-CAM model-randomisation check: Spearman rank correlation $\\rho$ between the CAMs of the "
         "trained model and of a copy with random weights, per test image (images with a defined "
         "$\\rho$ / images checked). Values well below 1 mean the maps depend on the learnt weights.",
         "tab:gradcam"),
    ]
    for name, frame, caption, label in specs:
        wide = name in ("comparison", "operating_points")
        (out / f"{name}.tex").write_text(tables.to_booktabs(frame, caption, label, fit_width=wide))


def main() -> None:
    params = load_params()
    archs = architecture_list(params)
    positive = section(params, "threshold.positive_class")
    confidence = {name: float(section(params, f"{name}.confidence")) for name in ("compare", "threshold")}
    comparison = read_json(comparison_json(), "compare")
    missing = [a for a in archs if a not in comparison]
    if missing:
        raise InputError(f"{comparison_json()}: no entry for {missing}; rerun the compare stage")
    comparison = {a: comparison[a] for a in archs}
    classes = _classes(archs)

    THESIS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=THESIS, prefix=".staging-") as staging:
        staging = Path(staging)
        write_figures(staging / "figures", archs, comparison, classes, positive, confidence["compare"])
        (staging / "tables").mkdir()
        write_tables(staging / "tables", archs, comparison, classes, positive, confidence)
        written = sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file())
        if written != sorted(OUTPUTS):
            raise RuntimeError(f"thesis stage wrote {written}, expected {sorted(OUTPUTS)}")
        for rel in OUTPUTS:
            (THESIS / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, THESIS / rel)
    if not MAIN_TEX.exists():
        write_text(MAIN_TEX, MAIN_TEX_TEMPLATE)
        print(f"wrote {MAIN_TEX} (it is yours now: the stage never overwrites it)")


MAIN_TEX_TEMPLATE = r"""\documentclass[11pt,a4paper]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath}
\usepackage{booktabs}
\usepackage{graphicx}
\usepackage[hidelinks]{hyperref}
\graphicspath{{figures/}}

\title{Skin-lesion classification on HAM10000: a reproducible comparison of four architectures}
\author{}
\date{}

\begin{document}
\maketitle

% Figures and tables below are regenerated by `dvc repro thesis` from the pipeline's outputs;
% edit the text, not the files under figures/ and tables/.

\section{Methods}
Images are split into training, validation and test sets by lesion, so no lesion appears in two
splits. Each architecture is trained on the training split; the softmax temperature is fitted on the
validation split, and so are the decision thresholds for the positive class. All reported numbers are
computed on the test split from temperature-scaled probabilities. Confidence intervals are percentile
bootstrap intervals over lesions (every image of a resampled lesion comes along); operating-point
intervals also re-choose the threshold on each resampled validation split. Each caption gives the level.

\section{Results}
Table~\ref{tab:comparison} and Figure~\ref{fig:comparison} compare the architectures;
Table~\ref{tab:operating-points} gives the clinical operating points and
Table~\ref{tab:per-class-auc} the per-class discrimination.

\input{tables/comparison}

\begin{figure}[htbp]
  \centering
  \includegraphics[width=\linewidth]{comparison}
  \caption{Test metrics with lesion-bootstrap confidence intervals, the operating point chosen for the
    specificity target, and expected calibration error before and after temperature scaling.}
  \label{fig:comparison}
\end{figure}

\input{tables/operating_points}
\input{tables/per_class_auc}

\begin{figure}[htbp]
  \centering
  \includegraphics[width=0.6\linewidth]{roc}
  \caption{Test ROC curves for the positive class against the rest; dots mark the operating point
    chosen on validation.}
  \label{fig:roc}
\end{figure}

\begin{figure}[htbp]
  \centering
  \includegraphics[width=\linewidth]{confusion}
  \caption{Row-normalised test confusion matrices (rows: true class, columns: predicted class).}
  \label{fig:confusion}
\end{figure}

\subsection{Calibration}
\input{tables/calibration}

\begin{figure}[htbp]
  \centering
  \includegraphics[width=\linewidth]{reliability}
  \caption{Reliability diagrams on the test split before and after temperature scaling; marker area is
    proportional to the number of images in the bin.}
  \label{fig:reliability}
\end{figure}

\subsection{Training}
\begin{figure}[htbp]
  \centering
  \includegraphics[width=\linewidth]{training_curves}
  \caption{Training and validation loss and validation balanced accuracy per epoch.}
  \label{fig:training}
\end{figure}

\subsection{Explanations}
Figure~\ref{fig:gradcam} shows Grad-CAM maps for test images of every class.
Table~\ref{tab:gradcam} reports the model-randomisation sanity check (Adebayo et al., 2018).

\begin{figure}[htbp]
  \centering
  \includegraphics[width=\linewidth]{gradcam}
  \caption{Grad-CAM for test images of each class (rows), one panel per architecture. Titles give the
    true class, the predicted class and its temperature-scaled probability.}
  \label{fig:gradcam}
\end{figure}

\input{tables/gradcam}

\end{document}
"""


if __name__ == "__main__":
    run_stage(main)
