"""A trained image model as the pipeline left it: weights, temperature and operating point, loaded in one place.

The positive class is the one the threshold stage recorded in threshold.json (`threshold.positive_class`
when it ran), never a constant here, so a pipeline run for bcc serves, predicts and describes bcc.

Grad-CAM, `medrepro predict` and the app all load through here, so they rebuild the same model, feed it the
training code's own preprocessing and hold it to the saved predictions with one tolerance. That tolerance
follows from the precision model.json records for those predictions: the train stage writes them from a
float32 pass whatever precision it trained in, so a float32 reload reproduces them to float32 round-off.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from medrepro.errors import InputError

MODEL_JSON_KEYS = ("arch", "classes", "image_size", "mean", "std", "model_kwargs")
OPERATING_POINT = "at_specificity"
OPERATING_KEYS = ("threshold", "target", "sensitivity", "sensitivity_ci_low", "sensitivity_ci_high",
                  "specificity", "specificity_ci_low", "specificity_ci_high")
# Relative tolerance (of max(1, |logit|)) for a float32 reload of predictions saved in each precision. A
# float32 forward pass of these networks on another device or library build differs by ~1e-5 relative; a
# bf16/fp16 pass by up to 0.15 in a logit (DenseNet-121 at 224 px), which no tolerance can tell apart from
# another model's, so reduced-precision predictions are refused rather than checked loosely.
PRECISION_RTOL = {"fp32": 1e-3}


@dataclass
class LoadedModel:
    """A trained model in eval mode plus what is needed to rebuild and feed it."""

    model: nn.Module
    arch: str
    classes: list[str]
    image_size: int
    mean: list[float]
    std: list[float]
    model_kwargs: dict[str, Any]
    predictions_precision: str = "fp32"
    gradcam_layer: str = ""       # "" = derived from the model (model.json written before it was recorded)
    gradcam_reshape: str = "auto"


@dataclass(frozen=True)
class TrainedFiles:
    """Where one trained architecture's files are; the caller (a stage, the command line) says where."""

    arch: str
    weights: Path
    model_json: Path
    temperature_json: Path
    threshold_json: Path
    test_predictions: Path
    train_json: Path | None = None        # validation scores: which model is served by default
    calibration_json: Path | None = None  # test calibration metrics, for the model card

    @classmethod
    def of(cls, outputs: Any) -> TrainedFiles:
        """From one architecture's stage outputs (medrepro.layout.ImageOutputs, or anything with its fields)."""
        return cls(arch=outputs.arch, weights=outputs.weights, model_json=outputs.model_json,
                   temperature_json=outputs.temperature_json, threshold_json=outputs.threshold_json,
                   test_predictions=outputs.split_predictions("test"), train_json=outputs.train_json,
                   calibration_json=outputs.calibration_json)

    def required(self) -> list[Path]:
        """The files without which the model cannot be served."""
        return [self.model_json, self.weights, self.temperature_json, self.threshold_json]

    def missing(self) -> list[Path]:
        return [p for p in self.required() if not Path(p).is_file()]


def read_model_json(path: str | os.PathLike) -> dict[str, Any]:
    """The train stage's model.json, checked for the keys needed to rebuild the model."""
    from medrepro.io import read_json

    return read_json(path, "train", MODEL_JSON_KEYS)


def predictions_precision(meta: dict[str, Any], where: str | os.PathLike) -> str:
    """The precision the saved predictions were computed in, refused if no reload can reproduce it."""
    precision = meta.get("predictions_precision")
    if precision is None:  # written before the precision was recorded: predictions came from the training
        precision = {"no": "fp32", None: "fp32"}.get(meta.get("mixed_precision"), meta.get("mixed_precision"))
    if precision not in PRECISION_RTOL:
        raise InputError(f"{where}: the saved predictions were computed in {precision}, which a reload cannot "
                         "reproduce; rerun the train stage (it now writes them from a float32 pass)")
    return str(precision)


def load_model(model_json: str | os.PathLike, weights: str | os.PathLike) -> LoadedModel:
    """Rebuild the architecture from model.json and load the safetensors weights (never pickle) strictly."""
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    from medrepro.models.registry import create_model

    model_json, weights = Path(model_json), Path(weights)
    meta = read_model_json(model_json)
    precision = predictions_precision(meta, model_json)
    if not weights.is_file():
        raise InputError(f"{weights}: weights not found; run the train stage first")
    model = create_model(meta["arch"], len(meta["classes"]), int(meta["image_size"]), pretrained=False,
                         model_kwargs=meta["model_kwargs"])
    try:
        state = load_file(weights)
    except SafetensorError as exc:
        raise InputError(f"{weights}: not a readable safetensors file ({exc}); rerun training") from exc
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise InputError(f"{weights}: weights do not fit the model described in model.json ({first}); "
                         "rerun the train stage") from exc
    return LoadedModel(model=model.eval(), arch=meta["arch"], classes=list(meta["classes"]),
                       image_size=int(meta["image_size"]), mean=list(meta["mean"]), std=list(meta["std"]),
                       model_kwargs=dict(meta["model_kwargs"]), predictions_precision=precision,
                       gradcam_layer=str(meta.get("gradcam_layer") or ""),
                       gradcam_reshape=str(meta.get("gradcam_reshape") or "auto"))


def prepare_inputs(images: np.ndarray, image_size: int, mean: Sequence[float],
                   std: Sequence[float]) -> tuple[torch.Tensor, np.ndarray]:
    """uint8 N×H×W×3 cache rows -> (normalised model input, float32 RGB N×S×S×3 in [0, 1] for overlays).

    Uses the training code's own resize and normalisation so the explained input is the evaluated one.
    """
    from medrepro.train.augment import normalise, to_float_nchw

    if images.ndim != 4 or images.shape[-1] != 3 or images.dtype != np.uint8:
        raise InputError(f"expected uint8 images of shape N×H×W×3, got {images.dtype} {images.shape}")
    x = to_float_nchw(torch.from_numpy(np.array(images, dtype=np.uint8, copy=True)), image_size)
    rgb = x.permute(0, 2, 3, 1).numpy().astype(np.float32)
    return normalise(x, list(mean), list(std)), rgb


def logits(model: nn.Module, inputs: torch.Tensor, batch_size: int = 64) -> np.ndarray:
    """Float64 logits of a float32 forward pass (TF32 off on CUDA), as the saved predictions were made."""
    saved = torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = False
    try:
        with torch.no_grad():
            return torch.cat([model(inputs[i:i + batch_size]) for i in range(0, len(inputs), batch_size)]
                             ).double().cpu().numpy()
    finally:
        torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 = saved


def check_logits(computed: np.ndarray, expected: np.ndarray, where: str, precision: str = "fp32") -> None:
    """Fail if the reloaded model does not reproduce the saved logits (stale or wrong weights)."""
    tol = PRECISION_RTOL[precision]
    diff = np.abs(np.asarray(computed) - np.asarray(expected))
    bound = tol * np.maximum(1.0, np.abs(expected))
    if not (diff <= bound).all():
        raise InputError(f"{where}: the reloaded model's logits differ from the saved predictions by up to "
                         f"{diff.max():.3g} ({precision}, tolerance {tol:g} relative); model and predictions come from "
                         "different runs, rerun training")


@dataclass(frozen=True)
class OperatingPoint:
    """The positive-class-vs-rest threshold chosen on validation and its sensitivity/specificity on test."""

    positive_class: str
    threshold: float
    target_specificity: float
    sensitivity: float
    sensitivity_ci_low: float
    sensitivity_ci_high: float
    specificity: float
    specificity_ci_low: float
    specificity_ci_high: float
    n_test: int | None
    n_test_positive: int | None
    source: str

    def describe(self) -> str:
        """One line: what the threshold means and how it performed on the test split."""
        n = (f"n={self.n_test}, {self.n_test_positive} {self.positive_class}" if self.n_test is not None
             else "test split")
        return (f"p({self.positive_class}) >= {self.threshold:.4g} is flagged (chosen on validation for "
                f"specificity >= {self.target_specificity:g}); on test ({n}): "
                f"sensitivity {self.sensitivity:.3f} "
                f"[CI {self.sensitivity_ci_low:.3f}-{self.sensitivity_ci_high:.3f}], specificity "
                f"{self.specificity:.3f} [CI {self.specificity_ci_low:.3f}-{self.specificity_ci_high:.3f}]")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def read_operating_point(path: str | os.PathLike, classes: Sequence[str] | None = None,
                         model_json: str | os.PathLike = "model.json") -> OperatingPoint:
    """The at_specificity operating point from the threshold stage's threshold.json (flat keys), for the
    positive class it records; with `classes` (model.json's) that class must be one of the model's."""
    from medrepro.io import read_json

    path = Path(path)
    data = read_json(path, "threshold")
    keys = [f"{OPERATING_POINT}.{k}" for k in OPERATING_KEYS]
    bad = [k for k in keys if not isinstance(data, dict) or not _number(data.get(k))]
    if bad:
        raise InputError(f"{path}: missing or non-numeric key(s) {bad}; rerun the threshold stage")
    positive = data.get("positive_class")
    if not isinstance(positive, str) or not positive:
        raise InputError(f"{path}: no positive_class recorded, so it is unknown which class the threshold "
                         "flags; rerun the threshold stage")
    if classes is not None and positive not in classes:
        raise InputError(f"{path}: the operating point is for {positive!r}, which is not a class of the model in "
                         f"{model_json} ({', '.join(classes)}); the files come from different runs, rerun the "
                         "threshold stage")
    v = {k: float(data[f"{OPERATING_POINT}.{k}"]) for k in OPERATING_KEYS}
    counts = {k: int(data[k]) if _number(data.get(k)) else None for k in ("n_test", "n_test_positive")}
    return OperatingPoint(positive_class=positive, threshold=v["threshold"], target_specificity=v["target"],
                          sensitivity=v["sensitivity"], sensitivity_ci_low=v["sensitivity_ci_low"],
                          sensitivity_ci_high=v["sensitivity_ci_high"], specificity=v["specificity"],
                          specificity_ci_low=v["specificity_ci_low"],
                          specificity_ci_high=v["specificity_ci_high"], source=str(path), **counts)


@dataclass
class TrainedModel:
    """Everything a consumer needs from one architecture's outputs: model, temperature, operating point."""

    loaded: LoadedModel
    temperature: float
    operating: OperatingPoint | None


def load_trained(files: TrainedFiles, operating_point: bool = True) -> TrainedModel:
    """Weights, model.json and temperature (+ the threshold stage's operating point unless
    `operating_point` is False: Grad-CAM runs before the threshold stage needs to)."""
    from medrepro.evaluate.predictions import load_temperature

    loaded = load_model(files.model_json, files.weights)
    operating = (read_operating_point(files.threshold_json, loaded.classes, files.model_json) if operating_point
                 else None)
    return TrainedModel(loaded=loaded, temperature=load_temperature(files.temperature_json), operating=operating)


def verify_reload(loaded: LoadedModel, images: np.ndarray, expected: np.ndarray, where: str,
                  device: torch.device | None = None) -> None:
    """Check the reloaded model against saved logits for the given cache rows (uint8 N×H×W×3)."""
    inputs, _ = prepare_inputs(np.asarray(images), loaded.image_size, loaded.mean, loaded.std)
    if device is not None:
        inputs = inputs.to(device)
    check_logits(logits(loaded.model, inputs), expected, where, loaded.predictions_precision)
