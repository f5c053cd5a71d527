"""Stage significance: is one architecture really better than another on the same test images?
Clustered McNemar on per-image correctness and DeLong with Obuchowski's clustered variance on the
positive-class AUC (the lesion is the independent unit), Holm-corrected across all pairs."""

import itertools
import math
from dataclasses import dataclass

import numpy as np

from medrepro.config import architecture_list, from_dict, load_params, run_stage, section
from medrepro.errors import InputError, ParamsError
from medrepro.evaluate.calibration import softmax
from medrepro.evaluate.predictions import load_classes, load_temperature, read_predictions
from medrepro.evaluate.resampling import lesion_codes
from medrepro.evaluate.significance import (
    MCNEMAR_EXACT_BELOW,
    delong_test,
    holm_adjust,
    mcnemar_test,
    paired_bootstrap_difference,
)
from medrepro.io import write_json, write_text
from medrepro.layout import THESIS, images, significance_json
from medrepro.report.clinical import significance_table
from medrepro.report.tables import to_booktabs

OUT_JSON = significance_json()
OUT_TABLE = THESIS / "tables" / "significance.tex"


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
    files = images(arch)
    classes = load_classes(files.model_json)
    if positive not in classes:
        raise ParamsError(f"params.yaml: 'threshold.positive_class' is '{positive}', not one of {classes}")
    path = files.split_predictions("test")
    ids, logits, labels = read_predictions(path, classes)
    probs = softmax(logits, load_temperature(files.temperature_json))
    return {"path": path, "image_id": ids["image_id"].to_numpy(), "labels": labels,
            "lesions": lesion_codes(ids["lesion_id"], str(path)),
            "correct": probs.argmax(axis=1) == labels, "score": probs[:, classes.index(positive)],
            "positive": (labels == classes.index(positive)).astype(int)}


def check_same_images(first: dict, other: dict) -> None:
    """Paired tests need the same images in the same order with the same labels."""
    if len(first["image_id"]) != len(other["image_id"]):
        raise InputError(f"{other['path']}: {len(other['image_id'])} rows but {first['path']} has "
                         f"{len(first['image_id'])}; rerun the train stages so all use one test split")
    differ = np.flatnonzero((first["image_id"] != other["image_id"]) | (first["labels"] != other["labels"])
                            | (first["lesions"] != other["lesions"]))
    if len(differ):
        row = int(differ[0])
        raise InputError(f"{other['path']}: row {row + 2}: image '{other['image_id'][row]}' (label "
                         f"{other['labels'][row]}) differs from {first['path']} ('{first['image_id'][row]}', "
                         f"label {first['labels'][row]}); paired tests need identical test images in one "
                         "order")


def compare_pair(arch_a: str, a: dict, arch_b: str, b: dict, p: SignificanceParams, positive: str) -> dict:
    lesions = a["lesions"]
    mcnemar = mcnemar_test(a["correct"], b["correct"], lesions)
    accuracy = paired_bootstrap_difference(a["correct"], b["correct"], lesions, p.bootstrap_resamples, p.seed,
                                           1.0 - p.alpha)
    delong = delong_test(a["score"], b["score"], a["positive"], lesions, confidence=1.0 - p.alpha)
    auc = f"auc_{positive}"
    return {
        "arch_a": arch_a,
        "arch_b": arch_b,
        "accuracy_a": float(a["correct"].mean()),
        "accuracy_b": float(b["correct"].mean()),
        "accuracy_difference": accuracy["difference"],
        "accuracy_difference_ci_low": accuracy["ci_low"],
        "accuracy_difference_ci_high": accuracy["ci_high"],
        "accuracy_difference_ci_degenerate": accuracy["ci_degenerate"],
        "only_a_correct": mcnemar["only_a_correct"],
        "only_b_correct": mcnemar["only_b_correct"],
        "discordant_lesions": mcnemar["discordant_lesions"],
        "mcnemar_method": mcnemar["method"],
        "mcnemar_statistic": mcnemar["statistic"],
        "mcnemar_p": mcnemar["p_value"],
        f"{auc}_a": delong["auc_a"],
        f"{auc}_b": delong["auc_b"],
        f"{auc}_difference": delong["auc_difference"],
        f"{auc}_difference_ci_low": delong["ci_low"],
        f"{auc}_difference_ci_high": delong["ci_high"],
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
    pos_lesions = len(np.unique(first["lesions"][first["positive"] == 1]))
    neg_lesions = len(np.unique(first["lesions"][first["positive"] == 0]))
    if pos_lesions < 2 or neg_lesions < 2:
        raise InputError(f"{first['path']}: DeLong's test needs '{positive}' images from at least two lesions "
                         f"and other images from two, found {pos_lesions} and {neg_lesions}")

    pairs = {f"{a}_vs_{b}": compare_pair(a, data[a], b, data[b], p, positive)
             for a, b in itertools.combinations(archs, 2)}
    for test in ("mcnemar", "delong"):
        adjusted = holm_adjust([pair[f"{test}_p"] for pair in pairs.values()])
        for pair, value in zip(pairs.values(), adjusted, strict=True):
            pair[f"{test}_p_holm"] = float(value)
            pair[f"{test}_significant"] = bool(value < p.alpha)

    n_lesions = int(first["lesions"].max()) + 1
    flags = {"degenerate_ci": [name for name, pair in pairs.items() if pair.pop("accuracy_difference_ci_degenerate")]}
    report = {"n_test": len(first["labels"]), "n_test_lesions": n_lesions, "n_test_positive": n_pos, "alpha": p.alpha,
              "confidence": 1.0 - p.alpha, "positive_class": positive,
              "mcnemar_exact_below": MCNEMAR_EXACT_BELOW, "pairs": pairs, "flags": flags}
    note = (f" Zero-width accuracy CIs (no discordant lesion drawn): {', '.join(flags['degenerate_ci'])}."
            if flags["degenerate_ci"] else "")
    table = to_booktabs(
        significance_table(pairs, positive),
        caption=f"Pairwise comparison on the same {len(first['labels'])} test images of {n_lesions} lesions "
                "(the lesion is the unit of every test). Accuracy difference with "
                f"{1 - p.alpha:.0%} lesion-bootstrap CI and clustered McNemar test (Durkalski et al. 2003; exact "
                f"sign-flip test below {MCNEMAR_EXACT_BELOW} discordant lesions); {positive} AUC difference "
                "with DeLong's test and Wald CI using Obuchowski's (1997) clustered variance. $p$-values in "
                f"brackets are Holm-adjusted across the {len(pairs)} pairs.{note}"
                .replace("%", "\\%").replace("_", "\\_"),
        label="tab:significance", fit_width=True)
    write_json(OUT_JSON, report)
    write_text(OUT_TABLE, table)
    for name, pair in pairs.items():
        z = pair["delong_z"]
        print(f"{name}: accuracy {pair['accuracy_difference']:+.3f} (McNemar p={pair['mcnemar_p']:.3g}, "
              f"Holm {pair['mcnemar_p_holm']:.3g}); AUC {pair[f'auc_{positive}_difference']:+.3f} "
              f"(DeLong z={z if math.isfinite(z) else float('nan'):.2f}, p={pair['delong_p']:.3g}, "
              f"Holm {pair['delong_p_holm']:.3g})")


if __name__ == "__main__":
    run_stage(main)
