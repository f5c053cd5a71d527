"""Grad-CAM for trained image models, with the model-randomisation sanity check of Adebayo et al. (2018).

The CAM explains the *predicted* class by default (Grad-CAM's own convention: where is the evidence for
what the model decided?); `target="true"` explains the correct diagnosis instead. The grid's titles show
both classes, so a misclassified image is visible as such. Both the trained model and its
weight-randomised copy are explained for the same target class, so their maps are comparable: if a
saliency method gives nearly the same map for a model whose weights are random, the map shows the input
or the architecture, not what the model learnt. We report the Spearman rank correlation per image between
the two maps; a faithful explanation has a correlation well below 1.

On the 64-px sample the CNN feature maps are 2×2 and the ViT token grid 4×4; grad-cam upsamples the
CAM bilinearly to the input size and min-max scales it to [0, 1] per image. With so few cells the rank
correlation takes only a few distinct values, and a map that Grad-CAM's ReLU sets to zero everywhere has
no ranks at all: such images are counted (n_undefined, n_constant_*) instead of being averaged.
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from scipy import stats
from torch import nn

from medrepro.errors import InputError, ParamsError
from medrepro.models.registry import cam_hook, cam_target, create_model
from medrepro.models.trained import LoadedModel, check_logits, load_model, prepare_inputs  # noqa: F401 (API)
from medrepro.models.trained import logits as _logits

TARGETS = ("true", "predicted")
CELL_INCHES = (1.9, 2.05)
LABEL_INCHES = 0.45
HEADER_INCHES = 0.6
SANITY_STREAM = 1_000_003  # the sanity sample's random stream, apart from the per-class draws [seed, k]


def randomised_copy(loaded: LoadedModel, seed: int) -> nn.Module:
    """The same architecture and config with every layer re-drawn at random (full model randomisation).

    Each module's own `reset_parameters()` (PyTorch's default init) is applied on top of the fresh timm
    model, so layers that the model factory deliberately zero-initialises (the classifier head, the last
    norm of residual blocks) are random too; with a zero head every gradient, and so every CAM, would be 0
    and the check would test nothing.
    """
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = create_model(loaded.arch, len(loaded.classes), loaded.image_size, pretrained=False,
                             model_kwargs=loaded.model_kwargs)
        for module in model.modules():
            reset = getattr(module, "reset_parameters", None)
            if callable(reset):
                reset()
    return model.eval()


def cam_override(loaded: LoadedModel) -> dict[str, str]:
    """The Grad-CAM layer and layout model.json records (empty for files written before they were)."""
    return {"layer": loaded.gradcam_layer, "reshape": loaded.gradcam_reshape}


def select_examples(labels: np.ndarray, num_classes: int, per_class: int, seed: int) -> list[list[int]]:
    """For each class, up to `per_class` row indices drawn without replacement by a seeded generator.

    The draw for class k depends only on (seed, k) and the class's rows, so adding images of another
    class does not change which images a class shows.
    """
    if per_class < 1:
        raise ParamsError(f"params.yaml: 'gradcam.per_class' must be at least 1, got {per_class}")
    labels = np.asarray(labels)
    chosen = []
    for k in range(num_classes):
        rows = np.flatnonzero(labels == k)
        rng = np.random.default_rng([seed, k])
        pick = rng.choice(rows, size=min(per_class, len(rows)), replace=False) if len(rows) else rows
        chosen.append(sorted(int(i) for i in pick))
    return chosen


def compute_cams(model: nn.Module, arch: str, inputs: torch.Tensor, targets: Sequence[int],
                 batch_size: int = 32, *, layer: str = "", reshape: str = "auto") -> np.ndarray:
    """Grad-CAM maps (N×H×W, each min-max scaled to [0, 1]) for the given target class per image.

    The target layer is derived from the model (models.registry.cam_target) unless `layer` names one."""
    from pytorch_grad_cam import GradCAM
    from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget

    if len(targets) != len(inputs):
        raise ValueError(f"{len(inputs)} images but {len(targets)} targets")
    module, transform = cam_hook(model, cam_target(model, arch, layer, reshape), arch, tuple(inputs.shape[-2:]))
    model.eval()
    with GradCAM(model=model, target_layers=[module], reshape_transform=transform) as cam:
        maps = [cam(input_tensor=inputs[i:i + batch_size],
                    targets=[ClassifierOutputTarget(int(t)) for t in targets[i:i + batch_size]])
                for i in range(0, len(inputs), batch_size)]
    return np.concatenate(maps).astype(np.float32)


def rank_correlations(cams_a: np.ndarray, cams_b: np.ndarray) -> np.ndarray:
    """Spearman rank correlation between paired maps, per image; nan where either map is constant."""
    if cams_a.shape != cams_b.shape:
        raise ValueError(f"maps differ in shape: {cams_a.shape} vs {cams_b.shape}")
    out = np.full(len(cams_a), np.nan)
    for i, (a, b) in enumerate(zip(cams_a, cams_b, strict=True)):
        a, b = a.ravel(), b.ravel()
        if np.ptp(a) == 0 or np.ptp(b) == 0:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", stats.ConstantInputWarning)
            out[i] = float(stats.spearmanr(a, b).statistic)
    return out


def correlation_summary(rhos: np.ndarray, cams: np.ndarray | None = None,
                        random_cams: np.ndarray | None = None) -> dict[str, float | int | None]:
    """Mean/median/min/max over images with a defined correlation, how many were undefined, and how many
    maps were constant (all zero after Grad-CAM's ReLU: no positive evidence for the target class)."""
    rhos = np.asarray(rhos, dtype=np.float64)
    finite = rhos[np.isfinite(rhos)]
    stat = {name: (float(fn(finite)) if len(finite) else math.nan)
            for name, fn in (("mean", np.mean), ("median", np.median), ("min", np.min), ("max", np.max))}
    out: dict[str, float | int | None] = {
        "rank_correlation_mean": stat["mean"],
        "rank_correlation_median": stat["median"],
        "rank_correlation_min": stat["min"],
        "rank_correlation_max": stat["max"],
        "n_images": int(len(rhos)),
        "n_undefined": int(len(rhos) - len(finite)),
    }
    for name, maps in (("n_constant_trained", cams), ("n_constant_random", random_cams)):
        if maps is not None:
            out[name] = int(sum(np.ptp(m) == 0 for m in maps))
    return out


def overlay(rgb: np.ndarray, cam: np.ndarray) -> np.ndarray:
    """The CAM as a jet heat map blended half-and-half over the RGB image (uint8 H×W×3)."""
    from pytorch_grad_cam.utils.image import show_cam_on_image

    return show_cam_on_image(np.clip(rgb, 0.0, 1.0).astype(np.float32), cam, use_rgb=True)


@dataclass
class Explanation:
    """The grid's images: which test rows, what the model said about them, and their CAMs."""

    rows: list[list[int]]              # per class: positions in the explained image set below
    indices: list[int]                 # the explained images' row numbers in the input arrays
    image_ids: list[str]
    labels: np.ndarray
    predicted: np.ndarray
    probability: np.ndarray            # probability of the predicted class (temperature-scaled)
    targets: np.ndarray
    cams: np.ndarray
    logits: np.ndarray
    rgb: np.ndarray                    # float32 N×S×S×3 in [0, 1], the images as the model saw them


def _check_target(target: str) -> None:
    if target not in TARGETS:
        raise ParamsError(f"params.yaml: 'gradcam.target' is {target!r}; choose from {list(TARGETS)}")


def explain(loaded: LoadedModel, images: np.ndarray, labels: np.ndarray, image_ids: Sequence[str], *,
            per_class: int, seed: int, temperature: float = 1.0, target: str = "predicted",
            expected_logits: np.ndarray | None = None, where: str = "predictions") -> Explanation:
    """Pick `per_class` test images of every class and compute the trained model's CAMs for them.

    With `expected_logits` (all rows, as saved by the train stage) the reloaded model's logits for the
    picked images are checked against them before any CAM is computed.
    """
    from medrepro.evaluate.calibration import softmax

    _check_target(target)
    if not len(images) == len(labels) == len(image_ids):
        raise InputError(f"{len(images)} images, {len(labels)} labels and {len(image_ids)} ids do not match")
    rows = select_examples(labels, len(loaded.classes), per_class, seed)
    flat = [i for row in rows for i in row]
    if not flat:
        raise InputError("no test images to explain; the test split is empty")
    positions, offset = [], 0
    for row in rows:
        positions.append(list(range(offset, offset + len(row))))
        offset += len(row)
    inputs, rgb = prepare_inputs(images[flat], loaded.image_size, loaded.mean, loaded.std)
    logits = _logits(loaded.model, inputs)
    if expected_logits is not None:
        check_logits(logits, np.asarray(expected_logits)[flat], where, loaded.predictions_precision)
    probs = softmax(logits, temperature)
    predicted = probs.argmax(axis=1)
    sel_labels = np.asarray(labels)[flat].astype(np.int64)
    targets = sel_labels if target == "true" else predicted
    return Explanation(
        rows=positions, indices=flat, image_ids=[str(image_ids[i]) for i in flat], labels=sel_labels,
        predicted=predicted, probability=probs[np.arange(len(flat)), predicted], targets=np.asarray(targets),
        cams=compute_cams(loaded.model, loaded.arch, inputs, targets, **cam_override(loaded)), logits=logits,
        rgb=rgb,
    )


def randomisation_check(loaded: LoadedModel, images: np.ndarray, labels: np.ndarray, *, n_images: int,
                        seed: int, target: str = "predicted", batch_size: int = 32) -> dict[str, Any]:
    """Adebayo et al.'s model-randomisation test on a seeded sample of up to `n_images` images.

    The trained model and its randomised copy are explained for the same target class per image (the true
    class, or the trained model's prediction); the summary is over per-image Spearman correlations.
    """
    _check_target(target)
    if n_images < 1:
        raise ParamsError(f"params.yaml: 'gradcam.sanity_images' must be at least 1, got {n_images}")
    if len(images) != len(labels) or len(images) == 0:
        raise InputError(f"{len(images)} images and {len(labels)} labels: nothing to check or a mismatch")
    rng = np.random.default_rng([seed, SANITY_STREAM])
    chosen = np.sort(rng.choice(len(images), size=min(n_images, len(images)), replace=False))
    inputs, _ = prepare_inputs(images[chosen.tolist()], loaded.image_size, loaded.mean, loaded.std)
    if target == "true":
        targets = np.asarray(labels)[chosen].astype(np.int64)
    else:
        targets = _logits(loaded.model, inputs).argmax(axis=1)
    cams = compute_cams(loaded.model, loaded.arch, inputs, targets, batch_size, **cam_override(loaded))
    random_cams = compute_cams(randomised_copy(loaded, seed), loaded.arch, inputs, targets, batch_size,
                               **cam_override(loaded))
    return correlation_summary(rank_correlations(cams, random_cams), cams, random_cams)


def grid_figsize(n_rows: int, n_cols: int) -> tuple[float, float]:
    """Figure size in inches: one cell per example, a column for class labels and a header line."""
    return (LABEL_INCHES + n_cols * CELL_INCHES[0], HEADER_INCHES + n_rows * CELL_INCHES[1])


def save_grid(expl: Explanation, classes: Sequence[str], path: str | os.PathLike, *,
              title: str, dpi: int = 150) -> Path:
    """One PNG: rows = classes, columns = examples; each title shows true/pred/probability."""
    from matplotlib.figure import Figure

    from medrepro.io import atomic_path

    n_rows = len(classes)
    n_cols = max(1, max(len(r) for r in expl.rows))
    width, height = grid_figsize(n_rows, n_cols)
    fig = Figure(figsize=(width, height), dpi=dpi)
    fig.suptitle(title, fontsize=8, y=1 - 0.06 / height, va="top")
    cell_w, cell_h = CELL_INCHES[0] / width, CELL_INCHES[1] / height
    left0, top0 = LABEL_INCHES / width, 1 - HEADER_INCHES / height
    img_frac = 0.78
    for r, name in enumerate(classes):
        label_ax = fig.add_axes((0, top0 - (r + 1) * cell_h, left0, cell_h))
        label_ax.axis("off")
        label_ax.text(0.5, 0.45, name, rotation=90, ha="center", va="center", fontsize=10, fontweight="bold")
        for c in range(n_cols):
            box = (left0 + c * cell_w + 0.06 * cell_w, top0 - (r + 1) * cell_h + 0.04 * cell_h,
                   0.88 * cell_w, img_frac * cell_h)
            ax = fig.add_axes(box)
            ax.set_xticks([])
            ax.set_yticks([])
            if c >= len(expl.rows[r]):
                ax.axis("off")
                ax.text(0.5, 0.5, "no test image", ha="center", va="center", fontsize=7, color="grey")
                continue
            i = expl.rows[r][c]
            ax.imshow(overlay(expl.rgb[i], expl.cams[i]), interpolation="nearest")
            ok = expl.predicted[i] == expl.labels[i]
            if np.ptp(expl.cams[i]) == 0:
                ax.text(0.5, 0.06, "CAM is zero everywhere", transform=ax.transAxes, ha="center",
                        va="bottom", fontsize=6, color="white", backgroundcolor="black")
            ax.set_title(f"{expl.image_ids[i]}\ntrue {classes[expl.labels[i]]} | pred "
                         f"{classes[expl.predicted[i]]} ({expl.probability[i]:.2f})",
                         fontsize=6.5, color="black" if ok else "firebrick", pad=2)
    path = Path(path)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=dpi)
    return path
