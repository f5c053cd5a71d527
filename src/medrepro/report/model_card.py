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


def _starting_weights_line(weights: dict[str, Any] | None) -> str:
    if not weights:
        return "- Starting weights: none (trained from random initialisation)."
    return (f"- Starting weights: `{weights.get('name')}` from {weights.get('source')}, "
            f"sha256 `{weights.get('sha256')}`.")


def render_model_card(*, model: dict[str, Any], data: dict[str, Any], comparison: dict[str, Any],
                      train: dict[str, Any], confidence: float, target_specificity: float) -> str:
    """Markdown card (Mitchell et al. 2019 headings) for one trained image model."""
    arch = model["arch"]
    op = comparison.get("at_specificity", {})
    pct = f"{confidence:.0%}"
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
        f"- Calibration: temperature scaling, T = {comparison.get('temperature', float('nan')):.3f} "
        "(fitted on validation).",
        "",
        "## Data",
        f"- {data['images']} images of {data['lesions']} lesions, split by lesion (no lesion in two splits), "
        "stratified by diagnosis.",
    ]
    for split in ("train", "val", "test"):
        part = data.get(split, {})
        lines.append(f"- {split}: {part.get('images')} images, {part.get('lesions')} lesions.")
    lines += [
        "",
        f"## Test results ({pct} bootstrap confidence intervals)",
        "| metric | value |",
        "|---|---|",
        f"| accuracy | {_ci(comparison, 'accuracy')} |",
        f"| balanced accuracy | {_ci(comparison, 'balanced_accuracy')} |",
        f"| macro F1 | {_ci(comparison, 'macro_f1')} |",
        f"| melanoma AUC | {comparison.get('mel_auc', float('nan')):.3f} |",
        f"| ECE before / after temperature scaling | {comparison.get('ece_before', float('nan')):.3f} / "
        f"{comparison.get('ece_after', float('nan')):.3f} |",
        "",
        "## Melanoma operating point",
        f"Threshold {op.get('threshold', float('nan')):.4f} on the calibrated melanoma probability, chosen on "
        f"validation for specificity >= {target_specificity:.2f}; reported on test:",
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
        "- The operating threshold assumes the validation prevalence of melanoma; re-check it on local data.",
        "- Grad-CAM maps show where the model's evidence lies, not a causal explanation.",
    ]
    return "\n".join(lines) + "\n"
