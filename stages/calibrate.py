"""Fit a softmax temperature on validation predictions and report test calibration before/after it."""

import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from medrepro.config import from_dict, load_params, run_stage, section
from medrepro.errors import ParamsError
from medrepro.evaluate.calibration import calibration_report, reliability_bins, softmax
from medrepro.evaluate.predictions import load_classes, read_predictions
from medrepro.io import write_csv, write_json


@dataclass
class CalibrateParams:
    n_bins: int = 15

    def __post_init__(self) -> None:
        if not 1 <= self.n_bins <= 1000:
            raise ParamsError(f"params.yaml: 'calibrate.n_bins' must be in [1, 1000], got {self.n_bins}")


def arch_arg(argv: list[str], stage: str) -> str:
    if len(argv) != 2 or not argv[1] or "/" in argv[1] or argv[1].startswith("."):
        raise ParamsError(f"usage: python stages/{stage}.py <arch> (e.g. resnet50)")
    return argv[1]


def main() -> None:
    arch = arch_arg(sys.argv, "calibrate")
    p = from_dict(CalibrateParams, section(load_params(), "calibrate"), "calibrate")
    model_dir = Path("models") / arch
    classes = load_classes(model_dir / "model.json")
    _, val_logits, val_labels = read_predictions(model_dir / "predictions" / "val.csv", classes)
    _, test_logits, test_labels = read_predictions(model_dir / "predictions" / "test.csv", classes)

    report = calibration_report(val_logits, val_labels, test_logits, test_labels, p.n_bins)
    temperature = report["temperature"]
    rows = []
    for name, t in (("before", 1.0), ("after", temperature)):
        for b in reliability_bins(softmax(test_logits, t), test_labels, p.n_bins):
            if b["count"]:
                rows.append({**b, "calibration": name})
    columns = ["calibration", "bin", "lower", "upper", "confidence", "accuracy", "count"]

    write_json(model_dir / "calibration.json", {"temperature": temperature, "n_bins": p.n_bins})
    write_json(Path("metrics") / arch / "calibration.json", report)
    write_csv(Path("plots") / arch / "reliability.csv", pd.DataFrame(rows, columns=columns))


if __name__ == "__main__":
    run_stage(main)
