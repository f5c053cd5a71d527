"""Stage compare: all architectures side by side (results/compare/comparison.json), plus every architecture's
test ROC curve and training history in one long table each (column `architecture`), which the top-level
`plots:` of dvc.yaml overlay with the by_architecture template: dvc.yaml never lists the architectures."""

from dataclasses import dataclass

import pandas as pd

from medrepro.config import architecture_list, from_dict, load_params, run_stage, section
from medrepro.errors import ParamsError
from medrepro.io import write_csv, write_json
from medrepro.layout import comparison_json, images, stage_dir
from medrepro.report.comparison import architecture_summary, read_curve_csv, read_history


@dataclass
class CompareParams:
    bootstrap_resamples: int = 1000
    confidence: float = 0.95
    seed: int = 42

    def __post_init__(self) -> None:
        if not 1 <= self.bootstrap_resamples <= 100_000:
            raise ParamsError("params.yaml: 'compare.bootstrap_resamples' must be in [1, 100000], "
                              f"got {self.bootstrap_resamples}")
        if not 0.0 < self.confidence < 1.0:
            raise ParamsError(f"params.yaml: 'compare.confidence' must lie strictly between 0 and 1, "
                              f"got {self.confidence}")



def _architecture_first(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[["architecture", *[c for c in frame.columns if c != "architecture"]]]


def main() -> None:
    params = load_params()
    p = from_dict(CompareParams, section(params, "compare"), "compare")
    comparison, roc, history = {}, [], []
    for arch in architecture_list(params):
        f = images(arch)
        comparison[arch] = architecture_summary(
            arch, model_json=f.model_json, temperature_json=f.temperature_json,
            test_predictions=f.split_predictions("test"), calibration_json=f.calibration_json,
            threshold_json=f.threshold_json, train_json=f.train_json, timing_json=f.timing_json,
            n_resamples=p.bootstrap_resamples, seed=p.seed, confidence=p.confidence)
        roc.append(read_curve_csv(f.roc_csv, ("fpr", "tpr"), f"threshold@{arch}").assign(architecture=arch))
        history.append(read_history(f.dvclive).assign(architecture=arch))
    out = stage_dir("compare")
    write_json(comparison_json(), comparison)
    write_csv(out / "roc.csv", _architecture_first(pd.concat(roc, ignore_index=True)))
    write_csv(out / "history.csv", _architecture_first(pd.concat(history, ignore_index=True)))
    for arch, e in comparison.items():
        print(f"{arch}: balanced accuracy {e['balanced_accuracy']:.3f} "
              f"[{e['balanced_accuracy_ci_low']:.3f}, {e['balanced_accuracy_ci_high']:.3f}], "
              f"ECE {e['ece_before']:.3f} -> {e['ece_after']:.3f}")


if __name__ == "__main__":
    run_stage(main)
