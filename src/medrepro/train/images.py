"""Image-classifier training: the uint8 cache in, a timm model, predictions and history out."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, Dataset, Sampler

from medrepro.data.ham10000 import CLASSES
from medrepro.device import cap_loader_workers
from medrepro.errors import InputError, ParamsError
from medrepro.io import require_free_space
from medrepro.models.registry import RESHAPES, create_model, get_architecture, normalisation
from medrepro.provenance import code_fingerprint
from medrepro.train.augment import AugmentConfig, augment_batch, to_float_nchw
from medrepro.train.checkpoint import Fingerprint
from medrepro.train.loop import EpochSampler, FitConfig, FitResult, fit, make_accelerator, predict, set_determinism

IMBALANCE = ("none", "weighted_loss", "weighted_sampler")
PREDICTIONS_PRECISION = "fp32"  # saved predictions come from a float32 pass, whatever training ran in
PRECISIONS = ("no", "fp16", "bf16")


@dataclass(frozen=True)
class ImageTrainConfig:
    """Everything that decides a training run's result; its hash is the checkpoint fingerprint."""

    arch: str
    image_size: int = 64
    epochs: int = 4
    batch_size: int = 32
    lr: float = 1e-3
    weight_decay: float = 0.05
    warmup_epochs: float = 1.0
    grad_accum_steps: int = 1
    max_grad_norm: float = 1.0
    label_smoothing: float = 0.0
    imbalance: str = "weighted_loss"
    early_stopping_patience: int = 0
    max_steps_per_epoch: int = 0  # CPU rehearsals: optimizer steps per epoch, 0 = all (recorded in model.json)
    max_val_batches: int = 0      # CPU rehearsals: validation batches per epoch, 0 = all
    mixed_precision: str = "no"
    pretrained: bool = False
    pretrained_path: str = ""
    model_kwargs: dict[str, Any] = field(default_factory=dict)
    augment: dict[str, float] = field(default_factory=dict)
    seed: int = 42
    deterministic: bool = True
    channels_last: bool = True
    compile: bool = False
    loader_workers: int = 0
    log_with: list[str] = field(default_factory=lambda: ["dvclive"])
    gradcam_layer: str = ""       # Grad-CAM target module (dotted path); "" = derived from the model
    gradcam_reshape: str = "auto"  # auto | nchw | nhwc | tokens: the layout of that module's output

    def validate(self) -> None:
        get_architecture(self.arch)
        if self.gradcam_reshape not in RESHAPES:
            raise ParamsError(f"params.yaml: train_arch.{self.arch}.gradcam_reshape={self.gradcam_reshape!r}; "
                              f"choose from {list(RESHAPES)}")
        if self.imbalance not in IMBALANCE:
            raise ParamsError(f"params.yaml: train.imbalance={self.imbalance!r}; choose from {list(IMBALANCE)}")
        if self.mixed_precision not in PRECISIONS:
            raise ParamsError(
                f"params.yaml: train.mixed_precision={self.mixed_precision!r}; choose from {list(PRECISIONS)}"
            )
        for name in ("epochs", "batch_size", "image_size", "grad_accum_steps"):
            if getattr(self, name) < 1:
                raise ParamsError(f"params.yaml: train.{name} must be at least 1, got {getattr(self, name)}")
        check_caps(self, "train")
        if self.lr <= 0:
            raise ParamsError(f"params.yaml: train.lr must be positive, got {self.lr}")
        AugmentConfig(**self.augment)

    @classmethod
    def from_params(cls, params: dict, arch: str) -> ImageTrainConfig:
        """Shared `train` settings overlaid with `train_arch.<arch>`, so one architecture can differ."""
        merged = dict(params.get("train") or {})
        merged.update((params.get("train_arch") or {}).get(arch) or {})
        from medrepro.config import from_dict

        cfg = from_dict(cls, {"arch": arch, **merged}, f"train (with train_arch.{arch})")
        cfg.validate()
        return cfg

    @classmethod
    def from_resolved(cls, data: dict, where: str) -> ImageTrainConfig:
        """The settings train_config@<arch> resolved and wrote, checked again as they are read."""
        from medrepro.config import from_dict

        cfg = from_dict(cls, data, where)
        cfg.validate()
        return cfg

    def fingerprint(self, data_fingerprint: str) -> str:
        """Params that change results, plus the data; logging and loader settings do not count."""
        ignored = ("log_with", "loader_workers", "compile", "gradcam_layer", "gradcam_reshape")
        relevant = {k: v for k, v in asdict(self).items() if k not in ignored}
        blob = json.dumps({"config": relevant, "data": data_fingerprint}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()


class _BatchReads(Dataset):
    """Datasets that read whole batches (`__getitems__`, used by the DataLoader) rather than one image."""

    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int) -> dict[str, torch.Tensor]:
        return self.__getitems__([index])

    def __getitems__(self, indices: list[int]) -> dict[str, torch.Tensor]:
        raise NotImplementedError


class CachedImages(_BatchReads):
    """One split of the uint8 cache; whole batches are read with one fancy index on the memmap."""

    def __init__(self, prepared_dir: str | Path, split: str) -> None:
        prepared_dir = Path(prepared_dir)
        images, labels = prepared_dir / f"{split}_images.npy", prepared_dir / f"{split}_labels.npy"
        for path in (images, labels):
            if not path.is_file():
                raise InputError(f"{path}: prepared cache not found; run the prepare_images stage first")
        self.images = np.load(images, mmap_mode="r", allow_pickle=False)
        self.labels = np.load(labels, allow_pickle=False)
        if len(self.images) != len(self.labels):
            raise InputError(
                f"{images}: {len(self.images)} images but {len(self.labels)} labels; re-run prepare_images"
            )

    def __getitems__(self, indices: list[int]) -> dict[str, torch.Tensor]:
        idx = np.asarray(indices)
        order = np.argsort(idx, kind="stable")
        block = np.empty((len(idx), *self.images.shape[1:]), dtype=np.uint8)
        block[order] = self.images[idx[order]]
        return {"images": torch.from_numpy(block), "labels": torch.from_numpy(self.labels[idx].astype(np.int64))}


class SelectedImages(_BatchReads):
    """Chosen rows of several cache splits (cross-validation folds) without copying the cache."""

    def __init__(self, prepared_dir: str | Path, selection: pd.DataFrame) -> None:
        self.sources = {split: CachedImages(prepared_dir, split) for split in sorted(set(selection["split"]))}
        self.split = selection["split"].to_numpy()
        self.row = selection["row"].to_numpy(dtype=np.int64)
        for split, source in self.sources.items():
            rows = self.row[self.split == split]
            if len(rows) and rows.max() >= len(source):
                raise InputError(f"{prepared_dir}: {split} cache has {len(source)} rows, selection asks for "
                                 f"row {int(rows.max())}; re-run prepare_images")
        self.labels = np.array([self.sources[s].labels[r] for s, r in zip(self.split, self.row, strict=True)],
                               dtype=np.int64)

    def __getitems__(self, indices: list[int]) -> dict[str, torch.Tensor]:
        idx = np.asarray(indices)
        first = next(iter(self.sources.values()))
        block = np.empty((len(idx), *first.images.shape[1:]), dtype=np.uint8)
        for split, source in self.sources.items():
            mine = np.flatnonzero(self.split[idx] == split)
            if len(mine):
                block[mine] = source.__getitems__(self.row[idx[mine]].tolist())["images"].numpy()
        return {"images": torch.from_numpy(block), "labels": torch.from_numpy(self.labels[idx])}


def _as_batch(batch):
    return batch


def class_weights(labels: np.ndarray, num_classes: int) -> np.ndarray:
    """Inverse-frequency weights normalised to mean 1 over present classes (sklearn's 'balanced')."""
    counts = np.bincount(labels, minlength=num_classes).astype(np.float64)
    weights = np.zeros(num_classes)
    present = counts > 0
    weights[present] = len(labels) / (present.sum() * counts[present])
    return weights


def make_loader(dataset: Dataset, batch_size: int, *, sampler: Sampler | None, workers: int,
                pin_memory: bool) -> DataLoader:
    workers = cap_loader_workers(workers)
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler, shuffle=False, collate_fn=_as_batch,
                      num_workers=workers, pin_memory=pin_memory, persistent_workers=workers > 0)


def make_forward(image_size: int, mean: list[float], std: list[float], augment: AugmentConfig,
                 channels_last: bool):
    stats: dict[torch.device, tuple[torch.Tensor, torch.Tensor]] = {}

    def forward(model, batch, train: bool) -> torch.Tensor:
        x = to_float_nchw(batch["images"], image_size)
        if train:
            x = augment_batch(x, augment)
        if x.device not in stats:
            stats[x.device] = (torch.tensor(mean, device=x.device).view(1, 3, 1, 1),
                               torch.tensor(std, device=x.device).view(1, 3, 1, 1))
        m, s = stats[x.device]
        x = (x - m) / s
        if channels_last:
            x = x.contiguous(memory_format=torch.channels_last)
        return model(x)

    return forward


@dataclass
class ImageTrainOutput:
    model: torch.nn.Module
    result: FitResult
    mean: list[float]
    std: list[float]
    num_parameters: int
    predictions: dict[str, tuple[np.ndarray, np.ndarray]]
    provenance: dict[str, Any] = field(default_factory=dict)  # precision and starting weights, for model.json


def train_image_model(cfg: ImageTrainConfig, prepared_dir: str | Path, checkpoint_dir: str | Path,
                      data_fingerprint: str, *, accelerator=None, tracker_dir: str | Path | None = None,
                      tracker_config: dict | None = None, datasets: dict[str, Dataset] | None = None,
                      run_name: str | None = None, code: dict[str, str] | None = None) -> ImageTrainOutput:
    """Train one architecture on the cache; returns the best model and its val/test predictions.

    `datasets` replaces the cache's own train/val/test splits (cross-validation folds). `code` is the
    code fingerprint a checkpoint must match to be resumed: stages pass their script's
    (`provenance.code_fingerprint(__file__)`); by default it is this module's import closure.
    """
    cfg.validate()
    set_determinism(cfg.deterministic)
    log_with = list(cfg.log_with)
    if accelerator is None:
        accelerator = make_accelerator(mixed_precision=cfg.mixed_precision, grad_accum_steps=cfg.grad_accum_steps,
                                       log_with=log_with, tracker_dir=tracker_dir)
    if log_with:
        run_name = run_name or cfg.arch
        init_kwargs = tracker_init_kwargs(log_with, run_name, tracker_dir)
        accelerator.init_trackers(f"medrepro-{run_name}", config=tracker_config or {}, init_kwargs=init_kwargs)

    if datasets is None:
        datasets = {split: CachedImages(prepared_dir, split) for split in ("train", "val", "test")}
    train_labels = datasets["train"].labels
    num_classes = len(CLASSES)
    weights = class_weights(train_labels, num_classes)
    pin = torch.cuda.is_available()
    sampler = EpochSampler(len(train_labels), cfg.seed,
                           weights[train_labels] if cfg.imbalance == "weighted_sampler" else None)
    train_loader = make_loader(datasets["train"], cfg.batch_size, sampler=sampler,
                               workers=cfg.loader_workers, pin_memory=pin)
    eval_loaders = {s: make_loader(datasets[s], cfg.batch_size * 2, sampler=None, workers=cfg.loader_workers,
                                   pin_memory=pin) for s in ("val", "test")}

    torch.manual_seed(cfg.seed)
    model = create_model(cfg.arch, num_classes, cfg.image_size, pretrained=cfg.pretrained,
                         pretrained_path=cfg.pretrained_path or None, model_kwargs=cfg.model_kwargs,
                         where=f"train_arch.{cfg.arch}.pretrained_path")
    starting = model.starting_weights
    if accelerator.is_main_process:
        require_free_space(checkpoint_dir, checkpoint_bytes(model), f"the {cfg.arch} training checkpoints")
    mean, std = normalisation(model)
    if cfg.channels_last:
        model = model.to(memory_format=torch.channels_last)
    num_parameters = sum(p.numel() for p in model.parameters())
    forward = make_forward(cfg.image_size, mean, std, AugmentConfig(**cfg.augment), cfg.channels_last)
    if cfg.compile:
        model = torch.compile(model)

    fit_cfg = FitConfig(epochs=cfg.epochs, lr=cfg.lr, weight_decay=cfg.weight_decay,
                        warmup_epochs=cfg.warmup_epochs, max_grad_norm=cfg.max_grad_norm,
                        early_stopping_patience=cfg.early_stopping_patience, seed=cfg.seed,
                        max_steps_per_epoch=cfg.max_steps_per_epoch, max_val_batches=cfg.max_val_batches)
    loss_weights = torch.tensor(weights, dtype=torch.float32) if cfg.imbalance == "weighted_loss" else None
    fingerprint = Fingerprint(params=cfg.fingerprint(data_fingerprint), data=data_fingerprint,
                              code=code if code is not None else code_fingerprint(__file__))
    result = fit(accelerator, model, train_loader, eval_loaders["val"], forward=forward, cfg=fit_cfg,
                 checkpoint_dir=checkpoint_dir, fingerprint=fingerprint,
                 class_weights=loss_weights, label_smoothing=cfg.label_smoothing, desc=run_name or cfg.arch)
    model = full_precision_model(accelerator, result.model)
    predictions = {}
    with full_precision_matmul():
        for split, loader in eval_loaders.items():
            predictions[split] = predict(accelerator, model, accelerator.prepare(loader), forward, desc=split)
    if log_with:
        accelerator.end_training()
    # the precision training really ran in (a device without bf16 falls back to fp32 with a warning); on a
    # CPU the weights are bit-identical only at the same torch thread count (sample: 1 vs 2 threads differ)
    provenance = {"mixed_precision": accelerator.mixed_precision, "predictions_precision": PREDICTIONS_PRECISION,
                  "starting_weights": starting.as_dict() if starting is not None else None,
                  "training_caps": result.caps, "device": accelerator.device.type,
                  "torch_threads": torch.get_num_threads(), "torch_version": torch.__version__}
    return ImageTrainOutput(model=model, result=result, mean=mean, std=std, num_parameters=num_parameters,
                            predictions=predictions, provenance=provenance)


def check_caps(cfg, where: str) -> None:
    """The CPU-rehearsal caps are counts, 0 meaning off."""
    for name in ("max_steps_per_epoch", "max_val_batches"):
        if getattr(cfg, name) < 0:
            raise ParamsError(f"params.yaml: {where}.{name} must be 0 (all) or a positive count, "
                              f"got {getattr(cfg, name)}")


def full_precision_model(accelerator, model: torch.nn.Module) -> torch.nn.Module:
    """The trained module without Accelerate's autocast wrapper or compilation, its weights in float32.

    Predictions are written from this model, so whoever reloads the weights in float32 (Grad-CAM, predict,
    the app) reproduces them to float32 round-off, whatever precision training ran in.
    """
    model = accelerator.unwrap_model(model, keep_fp32_wrapper=False, keep_torch_compile=False)
    if hasattr(model, "_orig_mod"):
        model = model._orig_mod
    if any(p.dtype != torch.float32 for p in model.parameters() if p.is_floating_point()):
        model = model.float()
    return model


@contextlib.contextmanager
def full_precision_matmul():
    """Turn TF32 off for the evaluation pass: CUDA would otherwise round matmul/conv inputs to 10 bits."""
    saved = torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = False
    try:
        yield
    finally:
        torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 = saved


def checkpoint_bytes(model: torch.nn.Module) -> int:
    """What one run's checkpoints take: the best weights, the latest weights and AdamW's two moments."""
    return 4 * sum(t.numel() * t.element_size() for t in model.state_dict().values())


def tracker_init_kwargs(log_with: list[str], run_name: str, tracker_dir: str | Path | None) -> dict:
    """Tracker settings: DVCLive writes into the stage's own dir; W&B stays offline without an API key."""
    kwargs: dict[str, dict] = {}
    if "dvclive" in log_with:
        kwargs["dvclive"] = {"dir": str(tracker_dir or "dvclive"), "save_dvc_exp": False, "dvcyaml": None}
    if "wandb" in log_with:
        if not os.environ.get("WANDB_API_KEY"):
            os.environ.setdefault("WANDB_MODE", "offline")
        # No `dir`: W&B writes to $WANDB_DIR or ./wandb/ (git-ignored), never into tracker_dir, a DVC output
        # that DVC deletes before re-running the stage (unsynced offline runs would be lost) and git commits.
        kwargs["wandb"] = {"name": run_name, "reinit": True}
    return kwargs


def predictions_frame(split_rows: pd.DataFrame, logits: np.ndarray, labels: np.ndarray) -> pd.DataFrame:
    """image_id, lesion_id, dx, label, logit_<class>… in the cache's row order."""
    if len(split_rows) != len(labels):
        raise InputError(f"split table has {len(split_rows)} rows but predictions {len(labels)}")
    expected = split_rows["dx"].map(CLASSES.index).to_numpy()
    if not np.array_equal(expected, labels):
        raise InputError("predictions are not in the order of splits.csv; the cache and split table disagree")
    frame = split_rows[["image_id", "lesion_id", "dx"]].reset_index(drop=True).copy()
    frame["label"] = labels
    for i, name in enumerate(CLASSES):
        frame[f"logit_{name}"] = logits[:, i].astype(np.float64)
    return frame
