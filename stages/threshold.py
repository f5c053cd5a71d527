"""Choose positive-class operating thresholds on validation and report them on test with bootstrap CIs."""

import sys
from dataclasses import dataclass
from pathlib import Path

from medrepro.config import from_dict, load_params, run_stage, section
from medrepro.errors import InputError, ParamsError
from medrepro.evaluate.calibration import softmax
from medrepro.evaluate.predictions import load_classes, load_temperature, read_predictions
from medrepro.evaluate.thresholds import (
    binary_metrics,
    bootstrap_ci,
    roc_auc,
    roc_curve_points,
    threshold_for_sensitivity,
    threshold_for_specificity,
)
from medrepro.io import write_csv, write_json


@dataclass
class ThresholdParams:
    positive_class: str = "mel"
    target_specificity: float = 0.95
    target_sensitivity: float = 0.9
    bootstrap_resamples: int = 1000
    confidence: float = 0.95
    seed: int = 42

    def __post_init__(self) -> None:
        for name in ("target_specificity", "target_sensitivity", "confidence"):
            value = getattr(self, name)
            if not 0.0 < value < 1.0:
                raise ParamsError(
                    f"params.yaml: 'threshold.{name}' must lie strictly between 0 and 1, got {value}"
                )
        if not 1 <= self.bootstrap_resamples <= 100_000:
            raise ParamsError(
                "params.yaml: 'threshold.bootstrap_resamples' must be in [1, 100000], "
                f"got {self.bootstrap_resamples}"
            )


def arch_arg(argv: list[str], stage: str) -> str:
    if len(argv) != 2 or not argv[1] or "/" in argv[1] or argv[1].startswith("."):
        raise ParamsError(f"usage: python stages/{stage}.py <arch> (e.g. resnet50)")
    return argv[1]


def operating_point(prefix, threshold, scores, y, p: ThresholdParams) -> dict:
    """Flat test metrics at one threshold, e.g. at_specificity.sensitivity and ..._ci_low/_ci_high."""
    point = binary_metrics(scores, y, threshold)
    ci = bootstrap_ci(scores, y, threshold, p.bootstrap_resamples, p.seed, p.confidence)
    out = {f"{prefix}.threshold": threshold}
    for key, value in point.items():
        out[f"{prefix}.{key}"] = value
        if key in ci:
            out[f"{prefix}.{key}_ci_low"] = ci[key]["low"]
            out[f"{prefix}.{key}_ci_high"] = ci[key]["high"]
    return out


def main() -> None:
    arch = arch_arg(sys.argv, "threshold")
    p = from_dict(ThresholdParams, section(load_params(), "threshold"), "threshold")
    model_dir = Path("models") / arch
    classes = load_classes(model_dir / "model.json")
    if p.positive_class not in classes:
        raise ParamsError(
            f"params.yaml: 'threshold.positive_class' is '{p.positive_class}', "
            f"not one of the model's classes {classes}"
        )
    k = classes.index(p.positive_class)
    temperature = load_temperature(model_dir / "calibration.json")

    split = {}
    for name in ("val", "test"):
        path = model_dir / "predictions" / f"{name}.csv"
        _, logits, labels = read_predictions(path, classes)
        y = (labels == k).astype(int)
        if y.all() or not y.any():
            raise InputError(
                f"{path}: needs both '{p.positive_class}' and other cases to set/assess thresholds"
            )
        split[name] = (softmax(logits, temperature)[:, k], y)

    val_scores, val_y = split["val"]
    test_scores, test_y = split["test"]
    thr_spec = threshold_for_specificity(val_scores, val_y, p.target_specificity)
    thr_sens = threshold_for_sensitivity(val_scores, val_y, p.target_sensitivity)
    val_spec = binary_metrics(val_scores, val_y, thr_spec)
    val_sens = binary_metrics(val_scores, val_y, thr_sens)

    report = {
        "positive_class": p.positive_class,
        "roc_auc": roc_auc(test_scores, test_y),
        "val_roc_auc": roc_auc(val_scores, val_y),
        "temperature": temperature,
        "n_test": int(len(test_y)),
        "n_test_positive": int(test_y.sum()),
        "at_specificity.target": p.target_specificity,
        "at_specificity.val_specificity": val_spec["specificity"],
        "at_specificity.val_sensitivity": val_spec["sensitivity"],
        "at_sensitivity.target": p.target_sensitivity,
        "at_sensitivity.val_specificity": val_sens["specificity"],
        "at_sensitivity.val_sensitivity": val_sens["sensitivity"],
    }
    report.update(operating_point("at_specificity", thr_spec, test_scores, test_y, p))
    report.update(operating_point("at_sensitivity", thr_sens, test_scores, test_y, p))

    write_json(Path("metrics") / arch / "threshold.json", report)
    write_csv(Path("plots") / arch / "roc.csv", roc_curve_points(test_scores, test_y))


if __name__ == "__main__":
    run_stage(main)
