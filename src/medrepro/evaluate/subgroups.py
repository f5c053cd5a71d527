"""Test-set performance within patient subgroups (sex, age band, body site) with fairness gaps, and by
diagnosis method (dx_type) as a confounder.

A model can look fine overall and still miss melanomas in one group. Group metrics come from fairlearn's
MetricFrame: balanced accuracy (multiclass), sensitivity and specificity for the positive class at the
operating threshold chosen on validation, the positive-class AUC and the top-label ECE of the calibrated
probabilities. Each has a lesion-clustered percentile bootstrap CI (lesions resampled within the group).
Groups smaller than a minimum size are flagged instead of reported, because their numbers would mostly
show noise.

ECE grows as a group shrinks even for a perfectly calibrated model (fewer images per bin), so each group
also gets ece_chance, the ECE expected by chance at its size and confidences (labels drawn from the
model's own confidences), and ece_excess = ece - ece_chance; the ECE gap compares ece_excess.

Fairness gaps compare the sufficient groups of one attribute: the largest difference in sensitivity, in
false-positive rate (their maximum is the equalized-odds gap, Hardt et al. 2016) and in excess ECE, each
with a CI from the same per-group replicates. Images whose attribute is missing ("unknown") are reported
as a group but left out of the gaps: they are not a demographic group. dx_type (histopathology, follow-up,
consensus, confocal) says how the diagnosis was made; it follows the label (melanomas are mostly
histopathology-confirmed), so it is reported as a confounder, without gaps.
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame
from sklearn.metrics import balanced_accuracy_score, recall_score, roc_auc_score

from medrepro.errors import InputError
from medrepro.evaluate.resampling import (
    binary_rates,
    cluster_weights,
    lesion_codes,
    multiclass_rates,
    percentile_ci,
    weighted_auc,
    weighted_ece,
)

ATTRIBUTES = ("sex", "age", "localization")
CONFOUNDERS = ("dx_type",)
METADATA_COLUMNS = ("image_id", "lesion_id", "dx", "split", "dx_type", "age", "sex", "localization")
UNKNOWN = "unknown"
OTHER = "other"
GAP_EXCLUDED = (UNKNOWN,)
GAPS = ("sensitivity_gap", "fpr_gap", "equalized_odds_gap", "ece_excess_gap")
CHANCE_SIMULATIONS = 200


def metric_names(positive_class: str) -> tuple[str, ...]:
    """The per-group metrics, named as in the rest of the pipeline (docs/metrics.md)."""
    return ("balanced_accuracy", "sensitivity", "specificity", f"auc_{positive_class}", "ece", "ece_excess")


def read_metadata(path: str | os.PathLike) -> pd.DataFrame:
    """splits.csv from prepare_images: one row per image; age becomes float (NaN when missing)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: image metadata not found; run the prepare_images stage first")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{path}: not a readable CSV ({exc.__class__.__name__}); rerun prepare_images") from exc
    missing = [c for c in METADATA_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {missing}; rerun the prepare_images stage")
    duplicated = frame["image_id"].duplicated()
    if duplicated.any():
        row = int(np.flatnonzero(duplicated.to_numpy())[0])
        raise InputError(f"{path}: row {row + 2}: image_id '{frame['image_id'].iloc[row]}' appears twice")
    text = frame["age"].str.strip()
    age = pd.to_numeric(text, errors="coerce")
    bad = (text != "") & (age.isna() | (age < 0) | ~np.isfinite(age.fillna(0)))
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"{path}: row {row + 2}: age '{frame['age'].iloc[row]}' is not a non-negative "
                         "number (leave it empty when unknown)")
    frame["age"] = age.astype(np.float64)
    return frame


def age_band_labels(bands: Sequence[int]) -> list[str]:
    """Labels for ages cut at the given bounds, e.g. [30, 50, 70] -> <30, 30–49, 50–69, ≥70."""
    bands = list(bands)
    if not bands or any(isinstance(b, bool) or not isinstance(b, int) or b <= 0 for b in bands):
        raise ValueError(f"age bands must be positive integers, got {bands}")
    if any(b >= c for b, c in zip(bands, bands[1:], strict=False)):
        raise ValueError(f"age bands must be strictly increasing, got {bands}")
    middle = [f"{lo}\u2013{hi - 1}" for lo, hi in zip(bands, bands[1:], strict=False)]
    return [f"<{bands[0]}", *middle, f"\u2265{bands[-1]}"]


def age_groups(age: pd.Series, bands: Sequence[int]) -> pd.Series:
    """Age band per image ([lo, hi) intervals), 'unknown' where age is missing."""
    labels = age_band_labels(bands)
    cut = pd.cut(pd.to_numeric(age, errors="coerce"), [-np.inf, *bands, np.inf], right=False, labels=labels)
    return cut.astype(object).where(cut.notna(), UNKNOWN).astype(str)


def categorical_groups(values: pd.Series) -> pd.Series:
    """Stripped values, 'unknown' for missing or empty ones."""
    text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
    return text.where(text != "", UNKNOWN)


def localization_groups(values: pd.Series, top: int) -> pd.Series:
    """The `top` most frequent known body sites (ties by name), every other known site as 'other'."""
    if top < 1:
        raise ValueError(f"top must be >= 1, got {top}")
    sites = categorical_groups(values)
    known = sites[sites != UNKNOWN]
    counts = known.value_counts()
    ranked = sorted(counts.index, key=lambda s: (-counts[s], s))
    keep = set(ranked[:top])
    return sites.where(sites.isin(keep) | (sites == UNKNOWN), OTHER)


def _order(attribute: str, labels: pd.Series, age_bands: Sequence[int]) -> list[str]:
    """Plot/table order: age bands ascending; otherwise by size (ties by name); other, unknown last."""
    present = set(labels)
    if attribute == "age":
        named = [g for g in age_band_labels(age_bands) if g in present]
    else:
        counts = labels.value_counts()
        named = sorted((g for g in present if g not in (OTHER, UNKNOWN)), key=lambda g: (-counts[g], g))
        named += [OTHER] if OTHER in present else []
    return named + ([UNKNOWN] if UNKNOWN in present else [])


def assign_groups(meta: pd.DataFrame, age_bands: Sequence[int],
                  top_localizations: int) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Group label per image for every attribute (same row order as meta) and each attribute's group order."""
    groups = pd.DataFrame({
        "sex": categorical_groups(meta["sex"].str.lower()),
        "age": age_groups(meta["age"], age_bands),
        "localization": localization_groups(meta["localization"], top_localizations),
        "dx_type": categorical_groups(meta["dx_type"]),
    }, index=meta.index)
    return groups, {a: _order(a, groups[a], age_bands) for a in (*ATTRIBUTES, *CONFOUNDERS)}


def _fairlearn_metrics(k: int, threshold: float, n_bins: int, auc_name: str):
    """MetricFrame callables (y_true, y_pred, **per-image params) and their sample params' names."""
    def sensitivity(y_true, y_pred, scores):
        return recall_score(y_true == k, scores >= threshold, zero_division=np.nan)

    def specificity(y_true, y_pred, scores):
        return recall_score(y_true != k, scores < threshold, zero_division=np.nan)

    def auc(y_true, y_pred, scores):
        positive = y_true == k
        return roc_auc_score(positive, scores) if 0 < positive.sum() < len(positive) else math.nan

    def balanced_accuracy(y_true, y_pred):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="y_pred contains classes not in y_true")
            warnings.filterwarnings("ignore", message="A single label was found")
            return balanced_accuracy_score(y_true, y_pred)

    def ece(y_true, y_pred, confidence):
        return float(weighted_ece(confidence, y_true == y_pred, np.ones(len(y_true)), n_bins))

    metrics = {"balanced_accuracy": balanced_accuracy, "sensitivity": sensitivity, "specificity": specificity,
               auc_name: auc, "ece": ece}
    params = {"sensitivity": "scores", "specificity": "scores", auc_name: "scores", "ece": "confidence"}
    return metrics, params


def group_frame(probs: np.ndarray, labels: np.ndarray, groups: np.ndarray, positive_index: int, threshold: float,
                positive_class: str, n_bins: int) -> MetricFrame:
    """fairlearn MetricFrame of the point metrics (without ece_excess) by group."""
    metrics, params = _fairlearn_metrics(positive_index, threshold, n_bins, f"auc_{positive_class}")
    per_image = {"scores": probs[:, positive_index], "confidence": probs.max(axis=1)}
    return MetricFrame(metrics=metrics, y_true=labels, y_pred=probs.argmax(axis=1),
                       sensitive_features=pd.Series(groups, name="group"),
                       sample_params={name: {param: per_image[param]} for name, param in params.items()})


def ece_by_chance(confidence: np.ndarray, lesions, n_bins: int, rng: np.random.Generator,
                  n_simulations: int = CHANCE_SIMULATIONS) -> float:
    """Mean ECE of a perfectly calibrated model with these confidences: correctness drawn as Bernoulli(conf),
    with one uniform draw per lesion (its images are right or wrong together, as the lesion is the unit)."""
    conf = np.asarray(confidence, dtype=np.float64)
    codes = lesion_codes(lesions)
    correct = rng.random((n_simulations, int(codes.max()) + 1))[:, codes] < conf
    return float(np.mean(weighted_ece(conf, correct, np.ones(len(conf)), n_bins)))


def _replicates(probs, labels, positive_index, threshold, weights, n_bins, auc_name) -> dict[str, np.ndarray]:
    """Bootstrap distributions of the group metrics, one value per row of weights."""
    scores, pos = probs[:, positive_index], labels == positive_index
    preds = probs.argmax(axis=1)
    rates = binary_rates(scores >= threshold, pos, weights)
    return {"balanced_accuracy": multiclass_rates(labels, preds, probs.shape[1], weights)["balanced_accuracy"],
            "sensitivity": rates["sensitivity"], "specificity": rates["specificity"],
            auc_name: weighted_auc(scores, pos, weights),
            "ece": weighted_ece(probs.max(axis=1), preds == labels, weights, n_bins)}


def _measure(point: Mapping, probs, labels, lesions, positive_index, threshold, positive_class, rng, *,
             n_bins, n_resamples, confidence) -> tuple[dict, dict, list[str]]:
    """One group's entry (point values with CIs), its replicate distributions and its degenerate CIs."""
    auc_name = f"auc_{positive_class}"
    chance = ece_by_chance(probs.max(axis=1), lesions, n_bins, rng)
    weights = cluster_weights(lesion_codes(lesions), n_resamples, rng)
    dist = _replicates(probs, labels, positive_index, threshold, weights, n_bins, auc_name)
    dist["ece_excess"] = dist["ece"] - chance
    values = {name: float(point[name]) for name in metric_names(positive_class)[:-1]}
    values["ece_excess"] = values["ece"] - chance
    entry: dict = {"n": len(labels), "n_lesions": len(np.unique(lesions)),
                   "n_positive": int((labels == positive_index).sum()), "ece_chance": chance}
    degenerate = []
    for name, value in values.items():
        ci = percentile_ci(dist[name], confidence) if math.isfinite(value) else {"low": math.nan,
                                                                                  "high": math.nan}
        entry[name], entry[f"{name}_ci_low"], entry[f"{name}_ci_high"] = value, ci["low"], ci["high"]
        if ci.get("degenerate"):
            degenerate.append(name)
    return entry, dist, degenerate


def _gap(values: np.ndarray) -> np.ndarray:
    """max - min over groups (axis 0), nan unless at least two groups define the value."""
    v = np.asarray(values, dtype=np.float64)
    if v.shape[0] < 2:
        return np.full(v.shape[1:], np.nan)
    defined = np.isfinite(v).sum(axis=0) >= 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.where(defined, np.nanmax(v, axis=0) - np.nanmin(v, axis=0), np.nan)


def fairness_gaps(points: Mapping[str, Mapping], dists: Mapping[str, Mapping],
                  confidence: float) -> tuple[dict, list[str]]:
    """Largest between-group differences among the given groups, each with a bootstrap CI, and the names of
    gaps whose CI has zero width.

    equalized_odds_gap = max(sensitivity_gap, fpr_gap); it is nan unless both are defined, i.e. at least
    two groups have positives and two have negatives. The FPR gap equals the specificity gap.
    """
    def stack(source, name):
        return np.array([np.atleast_1d(source[g][name]) for g in source]) if source else np.full((0, 1), np.nan)

    out: dict = {"n_groups": len(points)}
    degenerate: list[str] = []
    for when, source in (("point", points), ("dist", dists)):
        sens, fpr = _gap(stack(source, "sensitivity")), _gap(stack(source, "specificity"))
        gaps = {"sensitivity_gap": sens, "fpr_gap": fpr,
                "equalized_odds_gap": np.where(np.isfinite(sens) & np.isfinite(fpr), np.fmax(sens, fpr), np.nan),
                "ece_excess_gap": _gap(stack(source, "ece_excess"))}
        for name, value in gaps.items():
            if when == "point":
                out[name] = float(value[0])
            else:
                ci = percentile_ci(value, confidence) if math.isfinite(out[name]) else {"low": math.nan,
                                                                                        "high": math.nan}
                out[f"{name}_ci_low"], out[f"{name}_ci_high"] = ci["low"], ci["high"]
                if ci.get("degenerate"):
                    degenerate.append(name)
    return out, degenerate


def subgroup_report(groups: pd.DataFrame, orders: Mapping[str, Sequence[str]], probs: np.ndarray,
                    labels: np.ndarray, lesions: Sequence[str], positive_index: int, threshold: float,
                    positive_class: str, *, min_group_size: int = 10, n_bins: int = 15, n_resamples: int = 500,
                    seed: int = 0, confidence: float = 0.95) -> dict:
    """One model's entry: overall, attribute -> group -> metrics (or {n, insufficient}), fairness gaps per
    attribute, confounders (dx_type) -> group -> metrics, and flags (small groups, degenerate CIs).

    `groups` holds one label per image (rows aligned with probs/labels/lesions), as from assign_groups.
    """
    probs, labels = np.asarray(probs, dtype=np.float64), np.asarray(labels, dtype=np.int64)
    lesions = np.asarray(lesions, dtype=object)
    if not len(groups) == len(labels) == len(probs) == len(lesions):
        raise ValueError(f"groups ({len(groups)}), probabilities ({len(probs)}), labels ({len(labels)}) and "
                         f"lesions ({len(lesions)}) must describe the same images")
    kwargs = {"n_bins": n_bins, "n_resamples": n_resamples, "confidence": confidence}
    flags: dict = {"small_groups": [], "degenerate_ci": []}
    report: dict = {"fairness": {}, "confounders": {}}
    for a_index, (attribute, order) in enumerate(orders.items()):
        column = groups[attribute].to_numpy()
        frame = group_frame(probs, labels, column, positive_index, threshold, positive_class, n_bins)
        if "overall" not in report:
            overall, _, degenerate = _measure(frame.overall, probs, labels, lesions, positive_index, threshold,
                                              positive_class, np.random.default_rng(seed), **kwargs)
            flags["degenerate_ci"] += [f"overall.{name}" for name in degenerate]
            report["overall"] = {**overall, "threshold": float(threshold)}
        by_group = frame.by_group
        entries, dists = {}, {}
        for g_index, group in enumerate(order):
            mask = column == group
            n = int(mask.sum())
            if n < min_group_size:
                entries[group] = {"n": n, "n_lesions": len(np.unique(lesions[mask])), "insufficient": True}
                flags["small_groups"].append(f"{attribute}={group}")
                continue
            rng = np.random.default_rng([seed, a_index + 1, g_index])
            entry, dists[group], degenerate = _measure(by_group.loc[group], probs[mask], labels[mask],
                                                       lesions[mask], positive_index, threshold, positive_class,
                                                       rng, **kwargs)
            entries[group] = {**entry, "insufficient": False}
            flags["degenerate_ci"] += [f"{attribute}={group}.{name}" for name in degenerate]
        if attribute in CONFOUNDERS:
            report["confounders"][attribute] = entries
            continue
        report[attribute] = entries
        eligible = [g for g in dists if g not in GAP_EXCLUDED]
        report["fairness"][attribute], degenerate = fairness_gaps({g: entries[g] for g in eligible},
                                                                  {g: dists[g] for g in eligible}, confidence)
        flags["degenerate_ci"] += [f"fairness.{attribute}.{name}" for name in degenerate]
    report["flags"] = flags
    return report
