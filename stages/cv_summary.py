"""Stage cv_summary: mean ± std over the cross-validation folds, with a corrected resampled t interval for
the mean (Nadeau & Bengio 2003; docs/metrics.md), into results/cv_summary/cv.json and the thesis.

With cross-validation off (cv.folds = 0) it still writes all three outputs, saying so, so the
thesis builds either way.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from medrepro.config import from_dict, load_params, run_stage, section
from medrepro.data.cv import CVConfig
from medrepro.errors import InputError
from medrepro.evaluate.cv import summarise_folds, summary_keys
from medrepro.io import read_json, write_json, write_text
from medrepro.layout import THESIS, cv_fold_json, stage_dir
from medrepro.report.cv import cv_figure, cv_table, fold_frame
from medrepro.report.plots import save_figure
from medrepro.report.tables import latex_escape, to_booktabs

OUT_JSON = stage_dir("cv_summary") / "cv.json"
OUT_TABLE = THESIS / "tables" / "cv.tex"
OUT_FIGURE = THESIS / "figures" / "cv_folds"
CI_METHOD = "nadeau_bengio_corrected_t"
OFF = "Cross-validation is off (params.yaml cv.folds = 0); see docs/experiments.md to run it."


def read_fold(arch: str, fold: int, folds: int) -> dict:
    stage = f"cv_train@{arch}-{fold}"
    path = cv_fold_json(arch, fold)
    data = read_json(path, stage, required=("fold", "folds", "held_out", "n_test", "n_train", "n_val"))
    if data["folds"] != folds or data["fold"] != fold:
        raise InputError(f"{path}: made for fold {data['fold']} of {data['folds']}, expected fold {fold} "
                         f"of {folds}; rerun the {stage} stage")
    return data


def main() -> None:
    params = load_params()
    cv = from_dict(CVConfig, section(params, "cv"), "cv")
    cv.validate()
    if not cv.enabled:
        fig = Figure(figsize=(6, 1.2))
        fig.text(0.5, 0.5, OFF, ha="center", va="center", wrap=True)
        write_json(OUT_JSON, {"folds": 0, "enabled": False})
        latex = OFF.replace("_", "\\_")
        write_text(OUT_TABLE, f"% {OFF}\n\\paragraph{{Cross-validation.}} {latex}\n")
        save_figure(fig, OUT_FIGURE.parent, OUT_FIGURE.name)
        print(OFF)
        return
    positive = section(params, "threshold.positive_class")
    keys = summary_keys(positive)
    runs = {arch: {fold: read_fold(arch, fold, cv.folds) for fold in sorted(cv.fold_ids)}
            for arch in cv.architectures}
    per_fold = {arch: {fold: run["held_out"] for fold, run in folds.items()} for arch, folds in runs.items()}
    sizes = {arch: {f: (run["n_test"], run["n_train"]) for f, run in folds.items()} for arch, folds in runs.items()}
    summary = {arch: summarise_folds(folds, keys, sizes[arch], cv.confidence) for arch, folds in per_fold.items()}
    complete = sorted(cv.fold_ids) == list(range(cv.folds))
    report = {
        "folds": cv.folds, "enabled": True, "fold_ids": sorted(cv.fold_ids), "complete": complete,
        "seed": cv.seed, "val_fraction": cv.val_fraction, "positive_class": positive,
        "confidence": cv.confidence, "ci_method": CI_METHOD,
        "flags": {"temperature_at_bound": sorted(f"{arch}-fold{fold}" for arch, folds in per_fold.items()
                                                 for fold, m in folds.items() if m.get("temperature_at_bound"))},
        "architectures": {arch: {"summary": summary[arch],
                                 "per_fold": {str(f): {"n_test": run["n_test"], "n_train": run["n_train"],
                                                       "n_val": run["n_val"], "best_epoch": run["best_epoch"],
                                                       **run["held_out"]}
                                              for f, run in runs[arch].items()}}
                          for arch in cv.architectures},
    }
    bounded = report["flags"]["temperature_at_bound"]
    bound_note = (f" Temperature at a search bound (calibration unreliable): {latex_escape(', '.join(bounded))}."
                  if bounded else "")
    partial = "" if complete else f" Only folds {sorted(cv.fold_ids)} of {cv.folds} were run."
    table = to_booktabs(
        cv_table(summary, per_fold, positive, cv.confidence),
        caption=f"Lesion-grouped, diagnosis-stratified {cv.folds}-fold cross-validation on the development data "
                "(train + validation; the test split is not used). Mean $\\pm$ sample standard deviation over "
                f"folds, its {cv.confidence * 100:g}\\% corrected resampled $t$ interval (Nadeau \\& Bengio 2003: the "
                "fold variance scaled by $1/k + n_\\mathrm{test}/n_\\mathrm{train}$, as the training sets overlap), "
                f"then each held-out fold. Temperature and the {latex_escape(positive)} threshold (target "
                f"specificity {section(params, 'threshold.target_specificity')}) are chosen on each fold's inner "
                f"validation set.{partial}{bound_note}",
        label="tab:cv", fit_width=True)
    write_json(OUT_JSON, report)
    write_text(OUT_TABLE, table)
    save_figure(cv_figure(fold_frame(per_fold, positive), cv.architectures, positive, summary, cv.confidence),
                OUT_FIGURE.parent, OUT_FIGURE.name)
    for arch, stats in summary.items():
        ba = stats["balanced_accuracy"]
        spread = f" ± {ba['std']:.3f}" if ba["std"] is not None else ""
        ci = (f", {cv.confidence * 100:g}% CI [{ba['mean_ci_low']:.3f}, {ba['mean_ci_high']:.3f}]"
              if ba["mean_ci_low"] is not None else "")
        print(f"{arch}: held-out balanced accuracy {ba['mean']:.3f}{spread}{ci} over {ba['n']} folds")


if __name__ == "__main__":
    run_stage(main)
