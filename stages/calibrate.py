"""Fit a softmax temperature on validation predictions and report test calibration before/after it, plus the
test confusion records (temperature scaling never changes the predicted class)."""

import sys
from dataclasses import dataclass

import pandas as pd

from medrepro.config import from_dict, load_params, run_stage, section
from medrepro.errors import ParamsError
from medrepro.evaluate.calibration import calibration_report, reliability_bins, softmax
from medrepro.evaluate.metrics import confusion_records
from medrepro.evaluate.predictions import load_classes, read_predictions
from medrepro.io import write_csv, write_json
from medrepro.layout import images, item_arg


@dataclass
class CalibrateParams:
    n_bins: int = 15

    def __post_init__(self) -> None:
        if not 1 <= self.n_bins <= 1000:
            raise ParamsError(f"params.yaml: 'calibrate.n_bins' must be in [1, 1000], got {self.n_bins}")


def main() -> None:
    files = images(item_arg(sys.argv, "calibrate"))
    p = from_dict(CalibrateParams, section(load_params(), "calibrate"), "calibrate")
    classes = load_classes(files.model_json)
    _, val_logits, val_labels = read_predictions(files.split_predictions("val"), classes)
    _, test_logits, test_labels = read_predictions(files.split_predictions("test"), classes)

    report = calibration_report(val_logits, val_labels, test_logits, test_labels, p.n_bins)
    temperature = report["temperature"]
    rows = []
    for name, t in (("before", 1.0), ("after", temperature)):
        for b in reliability_bins(softmax(test_logits, t), test_labels, p.n_bins):
            if b["count"]:
                rows.append({**b, "calibration": name})
    columns = ["calibration", "bin", "lower", "upper", "confidence", "accuracy", "count"]

    confusion = confusion_records(test_labels, softmax(test_logits, temperature).argmax(axis=1), classes)

    write_json(files.temperature_json, {"temperature": temperature, "n_bins": p.n_bins})
    write_json(files.calibration_json, report)
    write_csv(files.reliability_csv, pd.DataFrame(rows, columns=columns))
    write_csv(files.confusion_csv, pd.DataFrame(confusion, columns=["actual", "predicted"]))


if __name__ == "__main__":
    run_stage(main)
