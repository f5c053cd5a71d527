"""Model cards: what a clinician or examiner needs before trusting a model, generated from the metrics."""

from __future__ import annotations

from typing import Any


def _ci(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if value is None:
        return "n/a"
    low, high = entry.get(f"{key}_ci_low"), entry.get(f"{key}_ci_high")
    if low is None or high is None:
        return f"{value:.3f}"
    return f"{value:.3f} [{low:.3f}, {high:.3f}]"


def _warnings(comparison: dict[str, Any], small_groups: list[str], min_group_size: int) -> list[str]:
    """The flags a reader must see before the numbers: calibration at a search bound, zero-width CIs,
    subgroups too small to evaluate."""
    flags = comparison.get("flags", {})
    lines = []
    if flags.get("temperature_at_bound"):
        lines.append(f"- **Temperature at the edge of its search range** (T = {comparison.get('temperature'):.3f}): "
                     "the validation NLL kept improving towards the bound, so the calibrated probabilities are "
                     "unreliable.")
    if flags.get("degenerate_ci"):
        lines.append(f"- **Zero-width confidence intervals** (every bootstrap replicate equal): "
                     f"{', '.join(flags['degenerate_ci'])}. The test split is too small or too easy to "
                     "show their uncertainty.")
    if small_groups:
        lines.append(f"- **Subgroups with fewer than {min_group_size} test images, not evaluated**: "
                     f"{', '.join(small_groups)}.")
    return ["## Warnings", *lines, ""] if lines else []


def _starting_weights_line(weights: dict[str, Any] | None) -> str:
    if not weights:
        return "- Starting weights: none (trained from random initialisation)."
    return (f"- Starting weights: `{weights.get('name')}` from {weights.get('source')}, "
            f"sha256 `{weights.get('sha256')}`.")


def _caps_lines(caps: dict[str, Any] | None) -> list[str]:
    """A capped (CPU-rehearsal) model is a proof that the pipeline runs, not a result: the card says so first."""
    if not caps:
        return []
    cut = ", ".join(f"{k} {v.get('cap')} of {v.get('full')}" for k, v in caps.items())
    return [f"- **CPU rehearsal, not a result**: every training epoch was capped ({cut}); the numbers below "
            "do not describe a trained model."]


def render_model_card(*, model: dict[str, Any], data: dict[str, Any], comparison: dict[str, Any],
                      train: dict[str, Any], confidence: float, threshold_confidence: float,
                      target_specificity: float, positive_class: str, small_groups: list[str] | None = None,
                      min_group_size: int = 10) -> str:
    """Markdown card (Mitchell et al. 2019 headings) for one trained image model."""
    arch = model["arch"]
    op = comparison.get("at_specificity", {})
    pct = f"{confidence:.0%}"
    auc = f"auc_{positive_class}"
    lines = [
        f"# Model card: {arch} (HAM10000 skin-lesion classifier)",
        "",
        "**Research use only. Not a medical device; not validated for clinical decisions.**",
        "",
        "## Model",
        f"- Architecture: `{model['timm_name']}` (timm), {model['num_parameters']:,} parameters, "
        f"input {model['image_size']}x{model['image_size']} RGB, normalised with mean {model['mean']} "
        f"and std {model['std']}.",
        f"- Classes: {', '.join(model['classes'])}.",
        f"- Weights: `model.safetensors`; training stopped at epoch {train.get('epochs_run')} "
        f"(best epoch {train.get('best_epoch')} by validation balanced accuracy).",
        _starting_weights_line(model.get("starting_weights")),
        *_caps_lines(model.get("training_caps")),
        f"- Calibration: temperature scaling, T = {comparison.get('temperature', float('nan')):.3f} "
        "(fitted on validation).",
        "",
        *_warnings(comparison, small_groups or [], min_group_size),
        "## Data",
        f"- {data['images']} images of {data['lesions']} lesions, split by lesion (no lesion in two splits), "
        "stratified by diagnosis.",
    ]
    for split in ("train", "val", "test"):
        part = data.get(split, {})
        lines.append(f"- {split}: {part.get('images')} images, {part.get('lesions')} lesions.")
    lines += [
        "",
        f"## Test results ({pct} confidence intervals, lesions resampled with all their images)",
        "| metric | value |",
        "|---|---|",
        f"| accuracy | {_ci(comparison, 'accuracy')} |",
        f"| balanced accuracy | {_ci(comparison, 'balanced_accuracy')} |",
        f"| macro F1 | {_ci(comparison, 'macro_f1')} |",
        f"| {positive_class} AUC | {_ci(comparison, auc)} |",
        f"| ECE before / after temperature scaling | {comparison.get('ece_before', float('nan')):.3f} / "
        f"{comparison.get('ece_after', float('nan')):.3f} |",
        "",
        f"## {positive_class} operating point",
        f"Threshold {op.get('threshold', float('nan')):.4f} on the calibrated {positive_class} probability, chosen "
        f"on validation for specificity >= {target_specificity:.2f}; reported on test with "
        f"{threshold_confidence:.0%} confidence intervals that re-choose the threshold on every resampled "
        "validation split (the threshold's own uncertainty included):",
        "",
        "| metric | value |",
        "|---|---|",
    ]
    for key in ("sensitivity", "specificity", "ppv", "npv", "f1"):
        lines.append(f"| {key} | {_ci(op, key)} |")
    lines += [
        "",
        "## Intended use",
        "Research on dermoscopic skin-lesion classification for a thesis: comparing architectures, "
        "calibration and operating points on HAM10000-style data.",
        "",
        "## Limitations",
        "- Trained on one dermoscopy dataset (HAM10000); performance on other devices, populations and "
        "skin types is unknown. HAM10000 under-represents dark skin types.",
        "- Confidence intervals come from resampling one test split; they do not cover dataset shift.",
        f"- The operating threshold assumes the validation prevalence of {positive_class}; re-check it on local "
        "data.",
        "- Grad-CAM maps show where the model's evidence lies, not a causal explanation.",
    ]
    return "\n".join(lines) + "\n"
