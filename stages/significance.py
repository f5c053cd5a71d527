"""Stage significance: is one architecture really better than another on the same test images?
McNemar on per-image correctness, DeLong on the positive-class AUC, Holm-corrected across all pairs."""

import itertools
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from medrepro.config import architecture_list, from_dict, load_params, run_stage, section
from medrepro.errors import InputError, ParamsError
from medrepro.evaluate.calibration import softmax
from medrepro.evaluate.predictions import load_classes, load_temperature, read_predictions
from medrepro.evaluate.significance import (
    MCNEMAR_EXACT_BELOW,
    delong_test,
    holm_adjust,
    mcnemar_test,
    paired_bootstrap_difference,
)
from medrepro.io import write_json, write_text
from medrepro.report.clinical import significance_table
from medrepro.report.tables import to_booktabs

OUT_JSON = Path("metrics/significance.json")
OUT_TABLE = Path("thesis/tables/significance.tex")


@dataclass
class SignificanceParams:
    bootstrap_resamples: int = 1000
    seed: int = 42
    alpha: float = 0.05

    def __post_init__(self) -> None:
        if not 1 <= self.bootstrap_resamples <= 100_000:
            raise ParamsError("params.yaml: 'significance.bootstrap_resamples' must be in [1, 100000], "
                              f"got {self.bootstrap_resamples}")
        if not 0.0 < self.alpha < 1.0:
            raise ParamsError(f"params.yaml: 'significance.alpha' must lie strictly between 0 and 1, "
                              f"got {self.alpha}")




def load_test(arch: str, positive: str) -> dict:
    """Per-image correctness and calibrated positive-class probability on the test split."""
    model_dir = Path("models") / arch
    classes = load_classes(model_dir / "model.json")
    if positive not in classes:
        raise ParamsError(f"params.yaml: 'threshold.positive_class' is '{positive}', not one of {classes}")
    path = model_dir / "predictions" / "test.csv"
    ids, logits, labels = read_predictions(path, classes)
    probs = softmax(logits, load_temperature(model_dir / "calibration.json"))
    return {"path": path, "image_id": ids["image_id"].to_numpy(), "labels": labels,
            "correct": probs.argmax(axis=1) == labels, "score": probs[:, classes.index(positive)],
            "positive": (labels == classes.index(positive)).astype(int)}


def check_same_images(first: dict, other: dict) -> None:
    """Paired tests need the same images in the same order with the same labels."""
    if len(first["image_id"]) != len(other["image_id"]):
        raise InputError(f"{other['path']}: {len(other['image_id'])} rows but {first['path']} has "
                         f"{len(first['image_id'])}; rerun the train stages so all use one test split")
    differ = np.flatnonzero((first["image_id"] != other["image_id"]) | (first["labels"] != other["labels"]))
    if len(differ):
        row = int(differ[0])
        raise InputError(f"{other['path']}: row {row + 2}: image '{other['image_id'][row]}' (label "
                         f"{other['labels'][row]}) differs from {first['path']} ('{first['image_id'][row]}', "
                         f"label {first['labels'][row]}); paired tests need identical test images in one "
                         "order")


def compare_pair(arch_a: str, a: dict, arch_b: str, b: dict, p: SignificanceParams) -> dict:
    mcnemar = mcnemar_test(a["correct"], b["correct"])
    accuracy = paired_bootstrap_difference(a["correct"], b["correct"], p.bootstrap_resamples, p.seed,
                                           1.0 - p.alpha)
    delong = delong_test(a["score"], b["score"], a["positive"], confidence=1.0 - p.alpha)
    return {
        "arch_a": arch_a,
        "arch_b": arch_b,
        "accuracy_a": float(a["correct"].mean()),
        "accuracy_b": float(b["correct"].mean()),
        "accuracy_difference": accuracy["difference"],
        "accuracy_difference_ci_low": accuracy["ci_low"],
        "accuracy_difference_ci_high": accuracy["ci_high"],
        "only_a_correct": mcnemar["only_a_correct"],
        "only_b_correct": mcnemar["only_b_correct"],
        "mcnemar_method": mcnemar["method"],
        "mcnemar_statistic": mcnemar["statistic"],
        "mcnemar_p": mcnemar["p_value"],
        "roc_auc_a": delong["auc_a"],
        "roc_auc_b": delong["auc_b"],
        "roc_auc_difference": delong["auc_difference"],
        "roc_auc_difference_ci_low": delong["ci_low"],
        "roc_auc_difference_ci_high": delong["ci_high"],
        "delong_se": delong["se"],
        "delong_z": delong["z"],
        "delong_p": delong["p_value"],
    }


def main() -> None:
    params = load_params()
    p = from_dict(SignificanceParams, section(params, "significance"), "significance")
    positive = section(params, "threshold.positive_class")
    archs = architecture_list(params, at_least=2)
    data = {arch: load_test(arch, positive) for arch in archs}
    first = data[archs[0]]
    for arch in archs[1:]:
        check_same_images(first, data[arch])
    n_pos = int(first["positive"].sum())
    if n_pos < 2 or len(first["positive"]) - n_pos < 2:
        raise InputError(f"{first['path']}: DeLong's test needs at least two '{positive}' and two other test "
                         f"images, found {n_pos} of {len(first['positive'])}")

    pairs = {f"{a}_vs_{b}": compare_pair(a, data[a], b, data[b], p)
             for a, b in itertools.combinations(archs, 2)}
    for test in ("mcnemar", "delong"):
        adjusted = holm_adjust([pair[f"{test}_p"] for pair in pairs.values()])
        for pair, value in zip(pairs.values(), adjusted, strict=True):
            pair[f"{test}_p_holm"] = float(value)
            pair[f"{test}_significant"] = bool(value < p.alpha)

    report = {"n_test": len(first["labels"]), "n_positive": n_pos, "alpha": p.alpha,
              "mcnemar_exact_below": MCNEMAR_EXACT_BELOW, "pairs": pairs}
    table = to_booktabs(
        significance_table(pairs),
        caption=f"Pairwise comparison on the same {len(first['labels'])} test images. Accuracy difference "
                f"with {1 - p.alpha:.0%} paired bootstrap CI and McNemar's test (exact binomial below "
                f"{MCNEMAR_EXACT_BELOW} discordant images, else chi-square with continuity correction); "
                f"{positive} AUC difference with DeLong CI and DeLong's test. $p$-values in brackets are "
                f"Holm-adjusted across the {len(pairs)} pairs.".replace("%", "\\%"),
        label="tab:significance", fit_width=True)
    write_json(OUT_JSON, report)
    write_text(OUT_TABLE, table)
    for name, pair in pairs.items():
        z = pair["delong_z"]
        print(f"{name}: accuracy {pair['accuracy_difference']:+.3f} (McNemar p={pair['mcnemar_p']:.3g}, "
              f"Holm {pair['mcnemar_p_holm']:.3g}); AUC {pair['roc_auc_difference']:+.3f} "
              f"(DeLong z={z if math.isfinite(z) else float('nan'):.2f}, p={pair['delong_p']:.3g}, "
              f"Holm {pair['delong_p_holm']:.3g})")


if __name__ == "__main__":
    run_stage(main)
