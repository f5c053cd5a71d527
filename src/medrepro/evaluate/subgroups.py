"""Test-set performance within patient subgroups (sex, age band, body site, diagnosis type) and fairness gaps.

A model can look fine overall and still miss melanomas in one group. Each group gets the metrics of the
whole test set: balanced accuracy (multiclass), sensitivity and specificity for the positive class at the
operating threshold chosen on validation, the positive-class ROC AUC and the top-label ECE of the
calibrated probabilities, each with a percentile bootstrap CI. Groups smaller than a minimum size are
flagged instead of reported, because their numbers would mostly show noise.

Fairness gaps compare the sufficient groups of one attribute: the largest difference in sensitivity, in
false-positive rate (their maximum is the equalized-odds gap, Hardt et al. 2016) and in ECE. Images whose
attribute is missing ("unknown") are reported as a group but left out of the gaps: they are not a
demographic group.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from medrepro.errors import InputError
from medrepro.evaluate.calibration import expected_calibration_error
from medrepro.evaluate.significance import auc_mann_whitney
from medrepro.evaluate.thresholds import binary_metrics, bootstrap_ci
from medrepro.report.comparison import balanced_accuracy_vec

ATTRIBUTES = ("sex", "age", "localization", "dx_type")
METADATA_COLUMNS = ("image_id", "dx", "split", "dx_type", "age", "sex", "localization")
UNKNOWN = "unknown"
OTHER = "other"
METRICS = ("balanced_accuracy", "sensitivity", "specificity", "roc_auc", "ece")
GAP_EXCLUDED = (UNKNOWN,)


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
    return groups, {a: _order(a, groups[a], age_bands) for a in ATTRIBUTES}


def _percentile(values: np.ndarray, confidence: float) -> tuple[float, float]:
    """Percentile interval over the defined resamples; nan when fewer than half define the metric (as
    thresholds.bootstrap_ci)."""
    valid = values[np.isfinite(values)]
    if len(valid) == 0 or len(valid) * 2 < len(values):
        return math.nan, math.nan
    alpha = (1.0 - confidence) / 2.0
    low, high = np.quantile(valid, [alpha, 1.0 - alpha])
    return float(low), float(high)


def _bootstrap_threshold_free(probs: np.ndarray, labels: np.ndarray, positive_index: int, n_bins: int,
                              n_resamples: int, seed: int) -> dict[str, np.ndarray]:
    """Bootstrap distributions of balanced accuracy, positive-class AUC and ECE (images resampled)."""
    rng = np.random.default_rng(seed)
    n, k = probs.shape
    idx = rng.integers(0, n, size=(n_resamples, n))
    y_b = labels[idx]
    preds = probs.argmax(axis=1)
    balanced = balanced_accuracy_vec(y_b, preds[idx], k)
    auc = auc_mann_whitney(probs[:, positive_index][idx], y_b == positive_index)
    ece = np.array([expected_calibration_error(probs[row], labels[row], n_bins) for row in idx])
    return {"balanced_accuracy": balanced, "roc_auc": auc, "ece": ece}


def group_metrics(probs: np.ndarray, labels: np.ndarray, positive_index: int, threshold: float, *,
                  n_bins: int = 15, n_resamples: int = 500, seed: int = 0,
                  confidence: float = 0.95) -> dict[str, float | int]:
    """n, n_positive and METRICS with <metric>_ci_low/_ci_high for one group's calibrated probabilities.

    Sensitivity (no positives) or specificity (no negatives) and AUC (one class only) are nan when the
    group cannot define them.
    """
    p = np.asarray(probs, dtype=np.float64)
    y = np.asarray(labels, dtype=np.int64)
    if p.ndim != 2 or y.shape != (len(p),) or len(y) == 0:
        raise ValueError(f"expected (n, k) probabilities and (n,) labels, got {p.shape} and {y.shape}")
    pos = (y == positive_index).astype(int)
    scores = p[:, positive_index]
    point = binary_metrics(scores, pos, threshold)
    auc = auc_mann_whitney(scores, pos)
    out: dict[str, float | int] = {
        "n": len(y),
        "n_positive": int(pos.sum()),
        "balanced_accuracy": float(balanced_accuracy_vec(y, p.argmax(axis=1), p.shape[1])),
        "sensitivity": point["sensitivity"],
        "specificity": point["specificity"],
        "roc_auc": float(auc),
        "ece": expected_calibration_error(p, y, n_bins),
    }
    ci = bootstrap_ci(scores, pos, threshold, n_resamples, seed, confidence)
    dists = _bootstrap_threshold_free(p, y, positive_index, n_bins, n_resamples, seed)
    for name in METRICS:
        if name in ci:
            low, high = ci[name]["low"], ci[name]["high"]
        else:
            low, high = _percentile(dists[name], confidence)
        if not math.isfinite(float(out[name])):
            low, high = math.nan, math.nan
        out[f"{name}_ci_low"], out[f"{name}_ci_high"] = low, high
    return out


def _gap(values: list[float]) -> float:
    finite = [v for v in values if isinstance(v, (int, float)) and math.isfinite(v)]
    return max(finite) - min(finite) if len(finite) >= 2 else math.nan


def fairness_gaps(groups: Mapping[str, Mapping], excluded: Sequence[str] = GAP_EXCLUDED) -> dict[str, float]:
    """Largest between-group differences among sufficient groups (not `excluded`) of one attribute.

    equalized_odds_gap = max(sensitivity_gap, fpr_gap); it is nan unless both are defined, i.e. at least
    two eligible groups have positives and two have negatives.
    """
    eligible = [g for name, g in groups.items() if name not in excluded and not g.get("insufficient")]
    sensitivity = _gap([g.get("sensitivity", math.nan) for g in eligible])
    fpr = _gap([1.0 - g["specificity"] if math.isfinite(g.get("specificity", math.nan)) else math.nan
                for g in eligible])
    both = math.isfinite(sensitivity) and math.isfinite(fpr)
    return {
        "n_groups": len(eligible),
        "sensitivity_gap": sensitivity,
        "fpr_gap": fpr,
        "equalized_odds_gap": max(sensitivity, fpr) if both else math.nan,
        "ece_gap": _gap([g.get("ece", math.nan) for g in eligible]),
    }


def subgroup_report(groups: pd.DataFrame, orders: Mapping[str, Sequence[str]], probs: np.ndarray,
                    labels: np.ndarray, positive_index: int, threshold: float, *, min_group_size: int = 10,
                    n_bins: int = 15, n_resamples: int = 500, seed: int = 0,
                    confidence: float = 0.95) -> dict:
    """One model's entry: overall metrics, attribute -> group -> metrics (or {n, insufficient}), fairness.

    `groups` holds one label per image (rows aligned with probs/labels), as from assign_groups.
    """
    if len(groups) != len(labels) or len(probs) != len(labels):
        raise ValueError(f"groups ({len(groups)}), probabilities ({len(probs)}) and labels ({len(labels)}) "
                         "must describe the same images")
    kwargs = {"n_bins": n_bins, "n_resamples": n_resamples, "seed": seed, "confidence": confidence}
    report: dict = {"overall": {**group_metrics(probs, labels, positive_index, threshold, **kwargs),
                                "threshold": float(threshold)}}
    fairness = {}
    for attribute, order in orders.items():
        column = groups[attribute].to_numpy()
        entries = {}
        for group in order:
            mask = column == group
            n = int(mask.sum())
            if n < min_group_size:
                entries[group] = {"n": n, "insufficient": True}
            else:
                entries[group] = {**group_metrics(probs[mask], labels[mask], positive_index, threshold,
                                                  **kwargs), "insufficient": False}
        report[attribute] = entries
        fairness[attribute] = fairness_gaps(entries)
    report["fairness"] = fairness
    return report
