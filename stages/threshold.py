"""Choose positive-class operating thresholds on validation and report them on test with lesion-clustered
bootstrap CIs: the headline CI re-chooses the threshold on every validation replicate; the fixed-threshold
CI (labelled *_fixed_threshold_ci_*) holds it at the value chosen on the full validation split."""

import sys
from dataclasses import dataclass

from medrepro.config import from_dict, load_params, run_stage, section
from medrepro.errors import InputError, ParamsError
from medrepro.evaluate.calibration import softmax
from medrepro.evaluate.predictions import load_classes, load_temperature, read_predictions
from medrepro.evaluate.resampling import lesion_codes
from medrepro.evaluate.thresholds import (
    auc_ci,
    binary_metrics,
    bootstrap_ci,
    operating_point_ci,
    roc_auc,
    roc_curve_points,
    threshold_for_sensitivity,
    threshold_for_specificity,
)
from medrepro.io import write_csv, write_json
from medrepro.layout import images, item_arg


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


def operating_point(prefix: str, threshold: float, val, test, p: ThresholdParams, target: dict) -> tuple[dict, list]:
    """Flat test metrics at one threshold (e.g. at_specificity.sensitivity) with the headline CI
    (_ci_low/_ci_high, threshold re-chosen per replicate) and the fixed-threshold CI, plus the names of
    degenerate (zero-width) headline CIs."""
    (val_scores, val_y, val_lesions), (test_scores, test_y, test_lesions) = val, test
    point = binary_metrics(test_scores, test_y, threshold)
    fixed = bootstrap_ci(test_scores, test_y, threshold, test_lesions, p.bootstrap_resamples, p.seed, p.confidence)
    joint = operating_point_ci(val_scores, val_y, val_lesions, test_scores, test_y, test_lesions, **target,
                               n_resamples=p.bootstrap_resamples, seed=p.seed, confidence=p.confidence)
    out = {f"{prefix}.threshold": threshold, f"{prefix}.threshold_ci_low": joint["threshold"]["low"],
           f"{prefix}.threshold_ci_high": joint["threshold"]["high"]}
    degenerate = []
    for key, value in point.items():
        out[f"{prefix}.{key}"] = value
        if key in joint:
            out[f"{prefix}.{key}_ci_low"] = joint[key]["low"]
            out[f"{prefix}.{key}_ci_high"] = joint[key]["high"]
            out[f"{prefix}.{key}_fixed_threshold_ci_low"] = fixed[key]["low"]
            out[f"{prefix}.{key}_fixed_threshold_ci_high"] = fixed[key]["high"]
            if joint[key]["degenerate"]:
                degenerate.append(f"{prefix}.{key}")
    return out, degenerate


def main() -> None:
    files = images(item_arg(sys.argv, "threshold"))
    p = from_dict(ThresholdParams, section(load_params(), "threshold"), "threshold")
    classes = load_classes(files.model_json)
    if p.positive_class not in classes:
        raise ParamsError(
            f"params.yaml: 'threshold.positive_class' is '{p.positive_class}', "
            f"not one of the model's classes {classes}"
        )
    k = classes.index(p.positive_class)
    temperature = load_temperature(files.temperature_json)

    split = {}
    for name in ("val", "test"):
        path = files.split_predictions(name)
        ids, logits, labels = read_predictions(path, classes)
        y = (labels == k).astype(int)
        if y.all() or not y.any():
            raise InputError(
                f"{path}: needs both '{p.positive_class}' and other cases to set/assess thresholds"
            )
        split[name] = (softmax(logits, temperature)[:, k], y, lesion_codes(ids["lesion_id"], str(path)))

    val_scores, val_y, _ = split["val"]
    test_scores, test_y, test_lesions = split["test"]
    thr_spec = threshold_for_specificity(val_scores, val_y, p.target_specificity)
    thr_sens = threshold_for_sensitivity(val_scores, val_y, p.target_sensitivity)
    val_spec = binary_metrics(val_scores, val_y, thr_spec)
    val_sens = binary_metrics(val_scores, val_y, thr_sens)

    auc = f"auc_{p.positive_class}"
    auc_interval = auc_ci(test_scores, test_y, test_lesions, p.bootstrap_resamples, p.seed, p.confidence)
    report = {
        "positive_class": p.positive_class,
        "confidence": p.confidence,
        auc: roc_auc(test_scores, test_y),
        f"{auc}_ci_low": auc_interval["low"],
        f"{auc}_ci_high": auc_interval["high"],
        f"val_{auc}": roc_auc(val_scores, val_y),
        "temperature": temperature,
        "n_test": int(len(test_y)),
        "n_test_lesions": int(test_lesions.max()) + 1,
        "n_test_positive": int(test_y.sum()),
        "at_specificity.target": p.target_specificity,
        "at_specificity.val_specificity": val_spec["specificity"],
        "at_specificity.val_sensitivity": val_spec["sensitivity"],
        "at_sensitivity.target": p.target_sensitivity,
        "at_sensitivity.val_specificity": val_sens["specificity"],
        "at_sensitivity.val_sensitivity": val_sens["sensitivity"],
    }
    degenerate = [auc] if auc_interval["degenerate"] else []
    for prefix, threshold, target in (("at_specificity", thr_spec, {"target_specificity": p.target_specificity}),
                                      ("at_sensitivity", thr_sens, {"target_sensitivity": p.target_sensitivity})):
        values, flagged = operating_point(prefix, threshold, split["val"], split["test"], p, target)
        report.update(values)
        degenerate += flagged
    report["flags.degenerate_ci"] = degenerate

    write_json(files.threshold_json, report)
    write_csv(files.roc_csv, roc_curve_points(test_scores, test_y))


if __name__ == "__main__":
    run_stage(main)
