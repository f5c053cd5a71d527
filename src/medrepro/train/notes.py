"""Clinical-note specialty classification: LoRA versus full fine-tuning on the shared Accelerate loop.

Input is the prepared, de-identified split (`note_id,text,label` CSVs) and the pretrain_notes encoder
both methods start from. Output is a saved model directory (safetensors only; a LoRA directory holds the
adapter and names its frozen base by hash), a quality metrics dict (test accuracy, macro F1, per-class
F1, trainable parameters) and, apart from it, the cost readings that differ from run to run (training
time, throughput, peak memory).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score
from torch.utils.data import DataLoader

from medrepro.data.notes_dataset import (
    SPLITS,
    PadCollator,
    TokenizedNotes,
    data_fingerprint,
    encode,
    label_ids,
    read_split,
)
from medrepro.device import cap_loader_workers
from medrepro.errors import InputError, ParamsError
from medrepro.io import atomic_path
from medrepro.models import text as text_models
from medrepro.provenance import code_fingerprint
from medrepro.train.checkpoint import Fingerprint
from medrepro.train.images import PRECISIONS, EpochSampler, check_caps, class_weights, tracker_init_kwargs
from medrepro.train.loop import FitConfig, FitResult, fit, make_accelerator, predict, set_determinism
from medrepro.train.timing import reset_peak_memory, run_timing

METHODS = ("lora", "full")
def check_precision(cfg: Any, where: str) -> None:
    """mixed_precision is one of Accelerate's names (the same set as image training)."""
    if cfg.mixed_precision not in PRECISIONS:
        raise ParamsError(f"params.yaml: {where}.mixed_precision={cfg.mixed_precision!r}; "
                          f"choose from {list(PRECISIONS)}")


@dataclass(frozen=True)
class LoraParams:
    r: int = 16
    alpha: int = 32
    dropout: float = 0.1
    target_modules: list[str] = field(default_factory=lambda: ["query", "value"])


@dataclass(frozen=True)
class NotesTrainConfig:
    """Everything that decides a notes run; its hash (with the data) is the checkpoint fingerprint."""

    dropout: float = 0.1
    max_length: int = 128
    batch_size: int = 16
    epochs: int = 3
    lr: float = 1e-3
    weight_decay: float = 0.01
    warmup_epochs: float = 0.5
    max_grad_norm: float = 1.0
    label_smoothing: float = 0.0
    class_weights: bool = True
    early_stopping_patience: int = 0
    grad_accum_steps: int = 1
    max_steps_per_epoch: int = 0  # CPU rehearsals: optimizer steps per epoch, 0 = all (recorded in the metrics)
    max_val_batches: int = 0      # CPU rehearsals: validation batches per epoch, 0 = all
    mixed_precision: str = "no"
    seed: int = 42
    deterministic: bool = True
    loader_workers: int = 0
    lora: dict[str, Any] = field(default_factory=dict)
    log_with: list[str] = field(default_factory=lambda: ["dvclive"])

    def lora_params(self) -> LoraParams:
        from medrepro.config import from_dict

        if not isinstance(self.lora, dict):
            raise ParamsError(
                f"params.yaml: notes_train.lora must be a mapping (r, alpha, ...), got {self.lora!r}"
            )
        return from_dict(LoraParams, self.lora, "notes_train.lora")

    def validate(self, where: str = "notes_train") -> None:
        check_precision(self, where)
        for name in ("max_length", "batch_size", "epochs", "grad_accum_steps"):
            if getattr(self, name) < 1:
                raise ParamsError(
                    f"params.yaml: {where}.{name} must be at least 1, got {getattr(self, name)}"
                )
        if self.max_length < 4:
            raise ParamsError(f"params.yaml: {where}.max_length must be at least 4, got {self.max_length}")
        if self.lr <= 0:
            raise ParamsError(f"params.yaml: {where}.lr must be positive, got {self.lr}")
        if not 0 <= self.dropout < 1:
            raise ParamsError(f"params.yaml: {where}.dropout must lie in [0, 1), got {self.dropout}")
        check_caps(self, where)
        lora = self.lora_params()
        if lora.r < 1 or lora.alpha <= 0 or not 0 <= lora.dropout < 1 or not lora.target_modules:
            raise ParamsError(
                f"params.yaml: {where}.lora needs r >= 1, alpha > 0, dropout in [0, 1) and at "
                f"least one target module, got {asdict(lora)}"
            )

    def fingerprint(self, method: str, data_fingerprint: str, vocab_fingerprint: str, base_sha256: str = "") -> str:
        """Params that change results, the data, the token ids and the starting encoder's weights (a LoRA
        checkpoint holds no frozen base, so it is only valid for this one); LoRA settings count only for LoRA."""
        skip = {"log_with", "loader_workers"} | ({"lora"} if method != "lora" else set())
        relevant = {k: v for k, v in asdict(self).items() if k not in skip}
        if method == "lora":
            relevant["lora"] = asdict(self.lora_params())
        blob = json.dumps(
            {"method": method, "config": relevant, "data": data_fingerprint, "vocab": vocab_fingerprint,
             "base": base_sha256},
            sort_keys=True,
        )
        return hashlib.sha256(blob.encode()).hexdigest()


def check_method(method: str) -> str:
    if method not in METHODS:
        raise ParamsError(f"unknown fine-tuning method {method!r}; choose from {list(METHODS)}")
    return method


def label_slug(label: str) -> str:
    """Metric-name form of a specialty: 'Cardiovascular / Pulmonary' -> 'cardiovascular_pulmonary'."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "blank"


def class_slugs(classes: list[str]) -> list[str]:
    slugs = [label_slug(c) for c in classes]
    if len(set(slugs)) != len(slugs):
        raise InputError(
            f"labels {classes} give clashing metric names {slugs}; rename the labels in prepare_notes"
        )
    return slugs


def forward(model, batch: dict[str, torch.Tensor], train: bool) -> torch.Tensor:
    """The loop's forward: logits of a sequence classifier (dropout follows model.train()/eval())."""
    return model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits


def note_metrics(logits: np.ndarray, labels: np.ndarray, classes: list[str]) -> dict[str, float]:
    """accuracy, balanced_accuracy, macro_f1 and f1_<label slug> for every class (0 when never hit)."""
    pred = np.asarray(logits).argmax(axis=1)
    ks = list(range(len(classes)))
    per_class = f1_score(labels, pred, labels=ks, average=None, zero_division=0)
    out = {
        "accuracy": float(accuracy_score(labels, pred)),
        "balanced_accuracy": float(balanced_accuracy_score(labels, pred)),
        "macro_f1": float(f1_score(labels, pred, labels=ks, average="macro", zero_division=0)),
    }
    out.update({f"f1_{slug}": float(v) for slug, v in zip(class_slugs(classes), per_class, strict=True)})
    return out


def majority_macro_f1(train_labels: np.ndarray, test_labels: np.ndarray, num_classes: int) -> float:
    """Macro F1 on test of always predicting the most frequent training class: the floor to beat."""
    majority = int(np.bincount(train_labels, minlength=num_classes).argmax())
    pred = np.full(len(test_labels), majority)
    return float(
        f1_score(test_labels, pred, labels=list(range(num_classes)), average="macro", zero_division=0)
    )


@dataclass
class NotesTrainOutput:
    model: torch.nn.Module
    tokenizer: Any
    classes: list[str]
    result: FitResult
    metrics: dict[str, Any]
    timing: dict[str, Any]
    meta: dict[str, Any]
    predictions: dict[str, tuple[np.ndarray, np.ndarray]]


def train_notes_model(
    cfg: NotesTrainConfig,
    prepared_dir: str | Path,
    encoder_dir: str | Path,
    out_dir: str | Path | None,
    checkpoint_dir: str | Path,
    method: str,
    tracker_dir: str | Path | None = None,
    *,
    accelerator=None,
    tracker_config: dict | None = None,
    code: dict[str, str] | None = None,
) -> NotesTrainOutput:
    """Fine-tune the pretrain_notes encoder in `encoder_dir` with one method, evaluate on test and (main
    process) save to `out_dir`.

    `code`: the code fingerprint a checkpoint must match to resume (the stage's; default this module's).
    """
    check_method(method)
    cfg.validate()
    prepared_dir, encoder_dir = Path(prepared_dir), Path(encoder_dir)
    frames = {split: read_split(prepared_dir, split) for split in SPLITS}
    classes = sorted(set(frames["train"]["label"]))
    if len(classes) < 2:
        raise InputError(
            f"{prepared_dir / 'train.csv'}: only {len(classes)} label(s); need at least 2 specialties"
        )
    class_slugs(classes)
    labels = {s: label_ids(f, classes, prepared_dir / f"{s}.csv") for s, f in frames.items()}
    data_fp = data_fingerprint(prepared_dir)
    base_sha256 = text_models.weights_sha256(encoder_dir)
    encoder_meta = _encoder_meta(encoder_dir)

    set_determinism(cfg.deterministic)
    log_with = list(cfg.log_with)
    if accelerator is None:
        accelerator = make_accelerator(mixed_precision=cfg.mixed_precision, grad_accum_steps=cfg.grad_accum_steps,
                                       log_with=log_with, tracker_dir=tracker_dir)
    if log_with:
        accelerator.init_trackers(
            f"medrepro-notes-{method}",
            config=tracker_config or {},
            init_kwargs=tracker_init_kwargs(log_with, f"notes_{method}", tracker_dir),
        )

    torch.manual_seed(cfg.seed)
    tokenizer, model = text_models.load_encoder_classifier(encoder_dir, classes, cfg.dropout)
    max_length = min(cfg.max_length, int(getattr(model.config, "max_position_embeddings", cfg.max_length)))
    if tokenizer.pad_token_id is None:
        raise InputError(f"{encoder_dir}: the encoder's tokenizer has no padding token; re-run pretrain_notes "
                         "with a BERT-style notes_train.model_name (it has [PAD])")
    if method == "lora":
        lora = cfg.lora_params()
        model = text_models.apply_lora(model, lora.r, lora.alpha, lora.dropout, lora.target_modules)
    counts = text_models.parameter_counts(model)

    datasets = {
        s: TokenizedNotes(encode(tokenizer, frames[s]["text"].tolist(), max_length), labels[s])
        for s in SPLITS
    }
    collate = PadCollator(tokenizer.pad_token_id)
    pin = torch.cuda.is_available()
    workers = cap_loader_workers(cfg.loader_workers)
    train_loader = DataLoader(
        datasets["train"],
        batch_size=cfg.batch_size,
        sampler=EpochSampler(len(datasets["train"]), cfg.seed),
        collate_fn=collate,
        num_workers=workers,
        pin_memory=pin,
    )
    eval_loaders = {
        s: DataLoader(
            datasets[s],
            batch_size=cfg.batch_size * 2,
            shuffle=False,
            collate_fn=collate,
            num_workers=workers,
            pin_memory=pin,
        )
        for s in ("val", "test")
    }
    weights = class_weights(labels["train"], len(classes))
    loss_weights = torch.tensor(weights, dtype=torch.float32) if cfg.class_weights else None
    fit_cfg = FitConfig(
        epochs=cfg.epochs,
        lr=cfg.lr,
        weight_decay=cfg.weight_decay,
        warmup_epochs=cfg.warmup_epochs,
        max_grad_norm=cfg.max_grad_norm,
        early_stopping_patience=cfg.early_stopping_patience,
        seed=cfg.seed,
        max_steps_per_epoch=cfg.max_steps_per_epoch,
        max_val_batches=cfg.max_val_batches,
    )
    fingerprint = Fingerprint(
        params=cfg.fingerprint(method, data_fp, text_models.vocab_fingerprint(tokenizer), base_sha256),
        data=data_fp,
        code=code if code is not None else code_fingerprint(__file__),
    )

    reset_peak_memory(accelerator.device)
    result = fit(
        accelerator,
        model,
        train_loader,
        eval_loaders["val"],
        forward=forward,
        cfg=fit_cfg,
        checkpoint_dir=checkpoint_dir,
        fingerprint=fingerprint,
        class_weights=loss_weights,
        label_smoothing=cfg.label_smoothing,
        desc=f"notes-{method}",
    )
    predictions = {
        s: predict(accelerator, result.model, accelerator.prepare(loader), forward, desc=s)
        for s, loader in eval_loaders.items()
    }
    timing = run_timing(result, accelerator.device, "notes_per_s")
    if log_with:
        accelerator.end_training()

    test_logits, test_labels = predictions["test"]
    best = result.history[result.best_epoch - 1]
    metrics: dict[str, Any] = {
        **note_metrics(test_logits, test_labels, classes),
        "majority_macro_f1": majority_macro_f1(labels["train"], test_labels, len(classes)),
        **counts,
        "best_epoch": result.best_epoch,
        "epochs_run": len(result.history),
        "val_balanced_accuracy": best["val_balanced_accuracy"],
        "training_caps": result.caps,
    }
    model = accelerator.unwrap_model(result.model)
    meta = {
        "method": method,
        "classes": classes,
        "max_length": max_length,
        "base": {
            "path": os.path.relpath(encoder_dir.resolve(), Path(out_dir).resolve()) if out_dir else str(encoder_dir),
            "sha256": base_sha256,
            "source": encoder_meta.get("source", ""),
            "revision": encoder_meta.get("revision", ""),
        },
        "tokenizer": encoder_meta.get("tokenizer", ""),
        "vocab_size": len(tokenizer),
        "params": asdict(cfg),
        "data_fingerprint": data_fp,
        "fingerprint": fingerprint.params,
        "training_caps": result.caps,
        **counts,
    }
    if out_dir is not None and accelerator.is_main_process:
        save_notes_model(out_dir, model, tokenizer, meta)
        metrics["weights_mb"] = weights_mb(out_dir)
    accelerator.wait_for_everyone()
    return NotesTrainOutput(
        model=model,
        tokenizer=tokenizer,
        classes=classes,
        result=result,
        metrics=metrics,
        timing=timing,
        meta=meta,
        predictions=predictions,
    )


def _encoder_meta(encoder_dir: Path) -> dict[str, Any]:
    path = encoder_dir / "meta.json"
    return json.loads(path.read_text()) if path.is_file() else {}


def weights_mb(model_dir: str | Path) -> float:
    """Size of the saved weight files (safetensors) of a model directory, in MiB."""
    return sum(p.stat().st_size for p in Path(model_dir).rglob("*.safetensors")) / 2**20


def save_notes_model(out_dir: str | Path, model, tokenizer, meta: dict) -> None:
    """Write the model directory atomically: the adapter and its trained head (LoRA; the frozen base is named
    in meta.json, not copied) or the whole model (full), the tokenizer, meta.json."""
    with atomic_path(out_dir) as tmp:
        tmp.mkdir()
        model.save_pretrained(tmp, safe_serialization=True)
        adapter_config = tmp / "adapter_config.json"
        if adapter_config.is_file():  # peft writes its module sets in hash order: sort them so re-runs match
            config = json.loads(adapter_config.read_text())
            for key in ("target_modules", "modules_to_save"):
                if isinstance(config.get(key), list):
                    config[key] = sorted(config[key])
            adapter_config.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
        tokenizer.save_pretrained(tmp)
        (tmp / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
