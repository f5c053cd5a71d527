"""Predict with a trained image model: calibrated probabilities, the positive-class decision, optional Grad-CAM.

Everything comes from the DVC outputs: results/train/<arch>/{model.safetensors, model.json},
results/calibrate/<arch>/temperature.json and results/threshold/<arch>/threshold.json (a `ModelStore` names
them; `ModelStore.from_repo` takes them from medrepro.layout). An image is decoded exactly as the prepare
stage decoded the training cache (`_decode_one` at the cache size, with its decompression-bomb and
truncation checks) and fed through the same uint8 -> resize -> normalise path as evaluation, so a test
image's logits equal those the train stage saved in predictions/test.csv. The decision is for the positive
class threshold.json records (threshold.positive_class when the threshold stage ran), melanoma by default.

Bad files do not stop a batch: each is reported as one line naming the file and the command exits 1 after
reporting every image it could read.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from threading import Lock
from typing import Any

import numpy as np
import torch

from medrepro.device import describe as describe_device
from medrepro.device import pick_device
from medrepro.errors import InputError, ParamsError
from medrepro.models.trained import (  # noqa: F401 (OperatingPoint, read_operating_point: public API here too)
    LoadedModel,
    OperatingPoint,
    TrainedFiles,
    _number,
    read_operating_point,
)

DEFAULT_MAX_FILE_MB = 20.0
CAM_MIN_PIXELS = 256  # CAM overlays are upscaled (nearest neighbour) to at least this size for viewing
SELF_CHECK_IMAGES = 8  # test-cache rows a freshly loaded model must reproduce the saved predictions for


@dataclass(frozen=True)
class ModelStore:
    """The trained models available here, and the repository files that complete them."""

    models: dict[str, TrainedFiles]      # in preference order (params.yaml's architectures first)
    cache_json: Path | None = None       # the prepare stage's cache.json: cache size when model.json lacks it
    params_yaml: Path | None = None      # prepare.cache_size as the last resort; the data source for cards
    test_cache: Path | None = None       # prepared test_images.npy: the self-check against saved predictions
    data_json: Path | None = None        # data summary for the app's model card
    comparison_json: Path | None = None  # test metrics with CIs for the app's model card

    @classmethod
    def from_repo(cls, root: str | os.PathLike = ".") -> ModelStore:
        """Everything the pipeline left under `root` (a repository, or a copy of its results/)."""
        from medrepro import layout

        root = Path(root)
        order = layout.params_architectures(root)
        models = {a: TrainedFiles.of(layout.images(a, root)) for a in layout.trained_architectures(root, order)}
        return cls(models=models, cache_json=root / layout.PREPARED_IMAGES / "cache.json",
                   params_yaml=root / "params.yaml", test_cache=root / layout.PREPARED_IMAGES / "test_images.npy",
                   data_json=layout.data_json(root), comparison_json=layout.comparison_json(root))

    def trained(self) -> list[str]:
        """Architectures with weights, metadata, temperature and threshold all present (store order)."""
        return [a for a, f in self.models.items() if not f.missing()]

    def default(self) -> str:
        """The trained architecture with the best validation balanced accuracy (ties: lower validation loss,
        then store order); trained architectures without a train.json come last."""
        trained = self.trained()
        if not trained:
            raise InputError("no trained model here (need results/train/<arch>/{model.json, model.safetensors}, "
                             "results/calibrate/<arch>/temperature.json and results/threshold/<arch>/"
                             "threshold.json); run `dvc repro` first")
        scores = {a: validation_score(self.models[a].train_json) for a in trained}
        return max(trained, key=lambda a: (scores[a] is not None, scores[a] or (0.0, 0.0), -trained.index(a)))


def validation_score(train_json: str | os.PathLike | None) -> tuple[float, float] | None:
    """(balanced accuracy, -loss) on validation at the best epoch, from the train stage's train.json.

    Only validation ranks models: the test split must not choose which one is served. None if the file
    is missing or lacks the numbers.
    """
    if train_json is None:
        return None
    try:
        data = json.loads(Path(train_json).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or not _number(data.get("val_balanced_accuracy")):
        return None
    loss = data.get("val_loss")
    return float(data["val_balanced_accuracy"]), -float(loss) if _number(loss) else -math.inf


def resolve_cache_size(model_json: dict[str, Any], cache_json: Path | None = None,
                       params_yaml: Path | None = None) -> tuple[int, str]:
    """The size the prepare stage decoded images to, and where that number came from.

    model.json's `cache_size` if the train stage wrote one; otherwise the prepare stage's cache.json or
    `prepare.cache_size` in params.yaml. Guessing would silently change every prediction.
    """
    if _number(model_json.get("cache_size")):
        return int(model_json["cache_size"]), "model.json"
    if cache_json is not None and cache_json.is_file():
        try:
            value = json.loads(cache_json.read_text(encoding="utf-8")).get("cache_size")
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
            value = None
        if _number(value):
            return int(value), str(cache_json)
    if params_yaml is not None and params_yaml.is_file():
        from medrepro.config import load_params

        value = (load_params(params_yaml).get("prepare") or {}).get("cache_size")
        if _number(value):
            return int(value), f"{params_yaml} (prepare.cache_size)"
    raise InputError(f"the training cache size is unknown (no 'cache_size' in model.json, no {cache_json}, no "
                     f"{params_yaml}); add \"cache_size\": <prepare.cache_size> to model.json")


def read_image(path: str | os.PathLike, size: int, max_bytes: int) -> np.ndarray:
    """One file -> size×size×3 uint8, decoded as the training cache was; InputError naming the file if not."""
    from medrepro.data.ham10000 import _decode_one

    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file; pass image files (.jpg, .png)")
    n_bytes = path.stat().st_size
    if n_bytes > max_bytes:
        raise InputError(f"{path}: file is {n_bytes / 1e6:.3g} MB, over the {max_bytes / 1e6:g} MB limit "
                         "(raise it with --max-file-mb)")
    decoded = _decode_one((str(path), size))
    if isinstance(decoded, str):
        raise InputError(decoded)
    return decoded


@dataclass
class Prediction:
    """What the model says about one image (probabilities are temperature-scaled)."""

    image: str
    probabilities: dict[str, float]
    logits: list[float]
    top_class: str
    top_probability: float
    positive_probability: float  # calibrated probability of the recorded positive class
    positive: bool               # positive_probability >= the operating threshold
    cam: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Predictor:
    """A loaded model with its temperature, operating point and the preprocessing it was evaluated with."""

    arch: str
    files: TrainedFiles
    loaded: LoadedModel
    temperature: float
    operating: OperatingPoint
    cache_size: int
    cache_size_source: str
    device: torch.device
    lock: Lock = field(default_factory=Lock, repr=False)

    @classmethod
    def load(cls, store: ModelStore, arch: str, device: str = "auto") -> Predictor:
        from medrepro.models.trained import load_trained, read_model_json

        if arch not in store.models:
            raise ParamsError(f"--arch {arch!r}: not trained here; trained: {store.trained() or 'none'}")
        files = store.models[arch]
        missing = files.missing()
        if missing:
            raise InputError(f"{missing[0]}: not found, so {arch!r} is not trained here; trained: "
                             f"{store.trained() or 'none'} (run `dvc repro`)")
        meta = read_model_json(files.model_json)
        if meta["arch"] != arch:
            raise InputError(f"{files.model_json}: describes {meta['arch']!r}, not {arch!r}")
        cache_size, source = resolve_cache_size(meta, store.cache_json, store.params_yaml)
        dev = pick_device(device)
        trained = load_trained(files)
        trained.loaded.model.to(dev)
        predictor = cls(arch=arch, files=files, loaded=trained.loaded, temperature=trained.temperature,
                        operating=trained.operating, cache_size=cache_size, cache_size_source=source, device=dev)
        predictor.self_check(store.test_cache)
        return predictor

    def self_check(self, test_cache: Path | None, n_images: int = SELF_CHECK_IMAGES) -> bool:
        """Hold the loaded model to the train stage's saved test predictions for a few test-cache rows.

        Runs when the prepared test cache is there (it is not on a machine that only has the models);
        returns whether it ran. A mismatch means the temperature and the
        threshold belong to another model, so every probability shown would be wrong: that is an error.
        """
        from medrepro.evaluate.predictions import read_predictions
        from medrepro.models.trained import verify_reload

        predictions, cache = Path(self.files.test_predictions), test_cache
        if cache is None or not predictions.is_file() or not cache.is_file():
            return False
        images = np.load(cache, mmap_mode="r", allow_pickle=False)
        _, expected, _ = read_predictions(predictions, self.classes)
        if len(images) != len(expected) or images.shape[1] != self.cache_size:
            return False  # the cache was rebuilt since training; the train stage's own checks cover that
        rows = np.arange(min(n_images, len(images)))
        with self.lock:
            verify_reload(self.loaded, images[rows], expected[rows], str(predictions), self.device)
        return True

    @property
    def classes(self) -> list[str]:
        return self.loaded.classes

    @property
    def positive_class(self) -> str:
        """The class the operating point flags, as threshold.json records it (checked against model.json)."""
        return self.operating.positive_class

    def read(self, path: str | os.PathLike, max_bytes: int = int(DEFAULT_MAX_FILE_MB * 1e6)) -> np.ndarray:
        return read_image(path, self.cache_size, max_bytes)

    def _inputs(self, images: np.ndarray) -> tuple[torch.Tensor, np.ndarray]:
        from medrepro.models.trained import prepare_inputs

        inputs, rgb = prepare_inputs(images, self.loaded.image_size, self.loaded.mean, self.loaded.std)
        return inputs.to(self.device), rgb

    def logits(self, images: np.ndarray, batch_size: int = 32) -> np.ndarray:
        """uint8 N×S×S×3 (decoded at the cache size) -> float64 logits N×K, as in predictions/*.csv."""
        out = []
        with self.lock, torch.no_grad():
            for i in range(0, len(images), batch_size):
                inputs, _ = self._inputs(images[i:i + batch_size])
                out.append(self.loaded.model(inputs).double().cpu().numpy())
        return np.concatenate(out) if out else np.zeros((0, len(self.classes)))

    def predict(self, images: np.ndarray, names: Sequence[str], batch_size: int = 32) -> list[Prediction]:
        from medrepro.evaluate.calibration import softmax

        logits = self.logits(images, batch_size)
        probs = softmax(logits, self.temperature) if len(logits) else logits
        k = self.classes.index(self.positive_class)
        results = []
        for name, row, p in zip(names, logits, probs, strict=True):
            top = int(p.argmax())
            results.append(Prediction(
                image=str(name), probabilities={c: float(v) for c, v in zip(self.classes, p, strict=True)},
                logits=[float(v) for v in row], top_class=self.classes[top], top_probability=float(p[top]),
                positive_probability=float(p[k]), positive=bool(p[k] >= self.operating.threshold)))
        return results

    def cam_overlays(self, images: np.ndarray, targets: Sequence[int],
                     batch_size: int = 32) -> list[np.ndarray]:
        """Grad-CAM overlays (uint8 RGB, upscaled for viewing) for the given target class per image."""
        from medrepro.explain.gradcam import cam_override, compute_cams, overlay

        out = []
        with self.lock:
            for i in range(0, len(images), batch_size):
                inputs, rgb = self._inputs(images[i:i + batch_size])
                cams = compute_cams(self.loaded.model, self.arch, inputs, list(targets[i:i + batch_size]),
                                    **cam_override(self.loaded))
                out.extend(_upscale(overlay(r, c)) for r, c in zip(rgb, cams, strict=True))
        return out


def _upscale(image: np.ndarray, min_pixels: int = CAM_MIN_PIXELS) -> np.ndarray:
    factor = max(1, math.ceil(min_pixels / max(image.shape[:2])))
    return np.repeat(np.repeat(image, factor, axis=0), factor, axis=1) if factor > 1 else image


def save_png(image: np.ndarray, path: Path) -> Path:
    from PIL import Image

    from medrepro.io import atomic_path

    with atomic_path(path) as tmp:
        Image.fromarray(image).save(tmp, format="PNG")
    return path


def _cam_names(paths: Sequence[str], arch: str) -> list[str]:
    """<stem>_<arch>_gradcam.png, numbered when two inputs share a stem."""
    seen: dict[str, int] = {}
    names = []
    for p in paths:
        stem = Path(p).stem
        seen[stem] = seen.get(stem, 0) + 1
        suffix = f"_{seen[stem]}" if seen[stem] > 1 else ""
        names.append(f"{stem}{suffix}_{arch}_gradcam.png")
    return names


def format_text(predictor: Predictor, results: Sequence[Prediction]) -> str:
    positive = predictor.positive_class
    lines = [f"model {predictor.arch} ({predictor.files.model_json.parent}) on {describe_device(predictor.device)}; "
             f"temperature "
             f"{predictor.temperature:.4g}; images decoded at {predictor.cache_size} px, model input "
             f"{predictor.loaded.image_size} px",
             f"{positive} operating point ({predictor.operating.source}): {predictor.operating.describe()}"]
    for r in results:
        verdict = "POSITIVE" if r.positive else "negative"
        relation = ">=" if r.positive else "<"
        lines.append(f"{r.image}: top {r.top_class} {r.top_probability:.4f}; p({positive}) "
                     f"{r.positive_probability:.4f} {relation} {predictor.operating.threshold:.4g} "
                     f"-> {positive} {verdict}")
        lines.append("  " + " | ".join(f"{c} {p:.4f}" for c, p in r.probabilities.items()))
        if r.cam:
            lines.append(f"  grad-cam ({r.top_class}): {r.cam}")
    return "\n".join(lines)


def run_predict(images: Sequence[str], store: ModelStore, *, arch: str | None = None, cam_dir: str | None = None,
                as_json: bool = False, batch_size: int = 32, max_file_mb: float = DEFAULT_MAX_FILE_MB,
                device: str = "auto") -> int:
    """The `medrepro predict` command: report every readable image, one error line per bad one; 1 if any."""
    if batch_size < 1:
        raise ParamsError(f"--batch-size must be at least 1, got {batch_size}")
    if not max_file_mb > 0:
        raise ParamsError(f"--max-file-mb must be positive, got {max_file_mb}")
    arch = arch or store.default()
    predictor = Predictor.load(store, arch, device)
    decoded, names, errors = [], [], []
    for path in images:
        try:
            decoded.append(predictor.read(path, int(max_file_mb * 1e6)))
            names.append(str(path))
        except InputError as exc:
            errors.append({"image": str(path), "error": str(exc)})
    array = (np.stack(decoded) if decoded
             else np.zeros((0, predictor.cache_size, predictor.cache_size, 3), np.uint8))
    results = predictor.predict(array, names, batch_size)
    if cam_dir is not None and results:
        targets = [predictor.classes.index(r.top_class) for r in results]
        overlays = predictor.cam_overlays(array, targets, batch_size)
        for r, img, name in zip(results, overlays, _cam_names(names, arch), strict=True):
            r.cam = str(save_png(img, Path(cam_dir) / name))
    if as_json:
        print(json.dumps({
            "arch": arch, "model_dir": str(predictor.files.model_json.parent), "device": str(predictor.device),
            "temperature": predictor.temperature, "cache_size": predictor.cache_size,
            "image_size": predictor.loaded.image_size, "classes": predictor.classes,
            "positive_class": predictor.positive_class, "operating_point": asdict(predictor.operating),
            "results": [r.as_dict() for r in results], "errors": errors,
        }, indent=2))
    else:
        print(format_text(predictor, results))
    for e in errors:
        print(f"error: {e['error']}", file=sys.stderr)
    return 1 if errors else 0
