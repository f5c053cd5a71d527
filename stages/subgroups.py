"""Stage subgroups: test performance per sex, age band and body site with fairness gaps (lesion-bootstrap
CIs), and per diagnosis method as a confounder, for every architecture at its validation-chosen threshold."""

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from medrepro.config import architecture_list, from_dict, load_params, run_stage, section
from medrepro.errors import InputError, ParamsError
from medrepro.evaluate.calibration import softmax
from medrepro.evaluate.predictions import load_classes, load_temperature, read_predictions
from medrepro.evaluate.subgroups import age_band_labels, assign_groups, read_metadata, subgroup_report
from medrepro.io import read_json, write_json, write_text
from medrepro.layout import PREPARED_IMAGES, THESIS, images, subgroups_json
from medrepro.report.clinical import fairness_table, subgroup_forest, subgroups_table
from medrepro.report.plots import save_figure
from medrepro.report.tables import latex_escape, to_booktabs

SPLITS = PREPARED_IMAGES / "splits.csv"
OUT_JSON = subgroups_json()
OUT_FIGURE = THESIS / "figures" / "subgroups_forest"
OUT_TABLE = THESIS / "tables" / "subgroups.tex"


@dataclass
class SubgroupsParams:
    age_bands: list[int] = field(default_factory=lambda: [30, 50, 70])
    top_localizations: int = 5
    min_group_size: int = 10
    bootstrap_resamples: int = 500
    confidence: float = 0.95
    seed: int = 42

    def __post_init__(self) -> None:
        try:
            age_band_labels(self.age_bands)
        except ValueError as exc:
            raise ParamsError(f"params.yaml: 'subgroups.age_bands': {exc}") from exc
        if self.top_localizations < 1:
            raise ParamsError(f"params.yaml: 'subgroups.top_localizations' must be >= 1, "
                              f"got {self.top_localizations}")
        if self.min_group_size < 2:
            raise ParamsError(f"params.yaml: 'subgroups.min_group_size' must be >= 2, "
                              f"got {self.min_group_size}")
        if not 1 <= self.bootstrap_resamples <= 100_000:
            raise ParamsError("params.yaml: 'subgroups.bootstrap_resamples' must be in [1, 100000], "
                              f"got {self.bootstrap_resamples}")
        if not 0.0 < self.confidence < 1.0:
            raise ParamsError(f"params.yaml: 'subgroups.confidence' must lie strictly between 0 and 1, "
                              f"got {self.confidence}")




def operating_threshold(arch: str, temperature: float, n_test: int) -> tuple[float, float]:
    """The validation-chosen threshold and its target specificity, checked to come from the same
    calibration and test set."""
    path = images(arch).threshold_json
    data = read_json(path, f"threshold@{arch}",
                     ("at_specificity.threshold", "at_specificity.target", "temperature", "n_test"))
    threshold = data["at_specificity.threshold"]
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not math.isfinite(threshold):
        raise InputError(f"{path}: 'at_specificity.threshold' must be a number; rerun the threshold stage")
    if not math.isclose(float(data["temperature"]), temperature, rel_tol=1e-9, abs_tol=1e-12):
        raise InputError(f"{path}: temperature {data['temperature']} differs from "
                         f"{images(arch).temperature_json} ({temperature}); rerun the threshold stage")
    if data["n_test"] != n_test:
        raise InputError(f"{path}: n_test {data['n_test']} but {images(arch).split_predictions('test')} has "
                         f"{n_test} rows; rerun the threshold stage")
    return float(threshold), float(data["at_specificity.target"])


def aligned_test_metadata(meta, ids, predictions_path: Path):
    """The test rows of splits.csv in the order of the prediction file, checked image by image."""
    test = meta[meta["split"] == "test"].set_index("image_id")
    duplicated = ids["image_id"].duplicated()
    if duplicated.any():
        row = int(np.flatnonzero(duplicated.to_numpy())[0])
        raise InputError(f"{predictions_path}: row {row + 2}: image_id '{ids['image_id'].iloc[row]}' appears "
                         "twice; rerun the train stage")
    missing = ~ids["image_id"].isin(test.index)
    if missing.any():
        row = int(np.flatnonzero(missing.to_numpy())[0])
        raise InputError(f"{predictions_path}: row {row + 2}: image_id '{ids['image_id'].iloc[row]}' is not "
                         f"a test image in {SPLITS}; predictions and split differ, rerun the train stage")
    if len(test) != len(ids):
        raise InputError(f"{predictions_path}: {len(ids)} rows but {SPLITS} has {len(test)} test images; "
                         "rerun the train stage")
    aligned = test.loc[ids["image_id"]].reset_index()
    wrong_lesion = aligned["lesion_id"].to_numpy() != ids["lesion_id"].to_numpy()
    if wrong_lesion.any():
        row = int(np.flatnonzero(wrong_lesion)[0])
        raise InputError(f"{predictions_path}: row {row + 2}: lesion_id '{ids['lesion_id'].iloc[row]}' but "
                         f"{SPLITS} says '{aligned['lesion_id'].iloc[row]}'; rerun the train stage")
    wrong_dx = aligned["dx"].to_numpy() != ids["dx"].to_numpy()
    if wrong_dx.any():
        row = int(np.flatnonzero(wrong_dx)[0])
        raise InputError(f"{predictions_path}: row {row + 2}: dx '{ids['dx'].iloc[row]}' but {SPLITS} says "
                         f"'{aligned['dx'].iloc[row]}'; rerun the train stage")
    return aligned


def main() -> None:
    params = load_params()
    p = from_dict(SubgroupsParams, section(params, "subgroups"), "subgroups")
    positive = section(params, "threshold.positive_class")
    n_bins = section(params, "calibrate.n_bins")
    if isinstance(n_bins, bool) or not isinstance(n_bins, int) or n_bins < 1:
        raise ParamsError(f"params.yaml: 'calibrate.n_bins' must be a positive integer, got {n_bins!r}")
    meta = read_metadata(SPLITS)

    report, reference_ids = {}, None
    for arch in architecture_list(params):
        files = images(arch)
        classes = load_classes(files.model_json)
        if positive not in classes:
            raise ParamsError(f"params.yaml: 'threshold.positive_class' is '{positive}', "
                              f"not one of {classes}")
        temperature = load_temperature(files.temperature_json)
        test_csv = files.split_predictions("test")
        ids, logits, labels = read_predictions(test_csv, classes)
        threshold, target = operating_threshold(arch, temperature, len(labels))
        if reference_ids is None:
            aligned = aligned_test_metadata(meta, ids, test_csv)
            groups, orders = assign_groups(aligned, p.age_bands, p.top_localizations)
            reference_ids = ids["image_id"]
            lesions = aligned["lesion_id"].to_numpy()
        else:
            aligned_test_metadata(meta, ids, test_csv)
            position = {image: i for i, image in enumerate(ids["image_id"])}
            order = np.array([position[image] for image in reference_ids])
            logits, labels = logits[order], labels[order]
        report[arch] = subgroup_report(
            groups, orders, softmax(logits, temperature), labels, lesions, classes.index(positive), threshold,
            positive, min_group_size=p.min_group_size, n_bins=n_bins, n_resamples=p.bootstrap_resamples,
            seed=p.seed, confidence=p.confidence)

    pos, pct = latex_escape(positive), f"{p.confidence:.0%}".replace("%", "\\%")
    flags = report[next(iter(report))]["flags"]
    small = ", ".join(latex_escape(g) for g in flags["small_groups"]) or "none"
    degenerate = sorted({f"{latex_escape(a)}: {latex_escape(d)}" for a, e in report.items()
                         for d in e["flags"]["degenerate_ci"]})
    degenerate_note = (f" Zero-width CIs (every replicate equal): {'; '.join(degenerate)}." if degenerate else "")
    table = to_booktabs(
        subgroups_table(report, p.min_group_size),
        caption=f"{pos} sensitivity / specificity per subgroup of the test set at each model's "
                f"operating threshold (chosen on validation for specificity {target:.2f}). Pos.: {pos} "
                f"cases; groups with fewer than {p.min_group_size} images are not evaluated (here: {small}); "
                f"-- where a group has no cases to define the metric. {pct} lesion-bootstrap CIs in "
                f"results/subgroups/subgroups.json and the forest plot.{degenerate_note}",
        label="tab:subgroups", fit_width=True)
    table += "\n" + to_booktabs(
        fairness_table(report),
        caption="Largest differences between subgroups with enough images (missing attribute values "
                f"excluded), with {pct} lesion-bootstrap CIs: {pos} sensitivity, false-positive rate, their "
                "maximum (equalized-odds gap) and ECE in excess of the ECE expected by chance at each "
                "group's size.",
        label="tab:fairness", fit_width=True)
    table += "\n" + to_booktabs(
        subgroups_table(report, p.min_group_size, confounders=True),
        caption=f"{pos} sensitivity / specificity by diagnosis method (dx\\_type). How a lesion was "
                "diagnosed depends on its class (melanomas are mostly confirmed by histopathology), so this "
                "is a confounder of the label, not a protected attribute: no fairness gap is computed.",
        label="tab:dx-type", fit_width=True)
    write_json(OUT_JSON, report)
    save_figure(subgroup_forest(report, positive, p.confidence), OUT_FIGURE.parent, OUT_FIGURE.name)
    write_text(OUT_TABLE, table)
    for arch, entry in report.items():
        gaps = ", ".join(f"{a} {g['equalized_odds_gap']:.3f}" if math.isfinite(g["equalized_odds_gap"])
                         else f"{a} n/a" for a, g in entry["fairness"].items())
        if entry["flags"]["small_groups"]:
            gaps += f" (too small: {', '.join(entry['flags']['small_groups'])})"
        print(f"{arch}: equalized-odds gap {gaps}")


if __name__ == "__main__":
    run_stage(main)
