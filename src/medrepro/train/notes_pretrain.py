"""Domain-adaptive masked-LM pretraining of the notes encoder on the de-identified training notes.

Offline (no `model_name`) it learns the WordPiece tokenizer on the training split and pretrains the small
BERT from scratch; with a hub `model_name` it continues that model's masked-LM training. It runs on the
shared Accelerate loop (masked tokens are the loop's samples), and both fine-tuning methods start from
the saved encoder, so LoRA adapts a model that already knows the notes' language. Validation notes are
scored on fixed masks to pick the best epoch; test notes are never read.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader

from medrepro.data.notes_dataset import MaskingCollator, TokenizedNotes, data_fingerprint, encode, read_split
from medrepro.device import cap_loader_workers
from medrepro.errors import ParamsError
from medrepro.io import atomic_path
from medrepro.models import text as text_models
from medrepro.provenance import code_fingerprint
from medrepro.train.checkpoint import Fingerprint
from medrepro.train.images import check_caps, tracker_init_kwargs
from medrepro.train.loop import EpochSampler, FitConfig, FitResult, fit, make_accelerator, predict, set_determinism
from medrepro.train.notes import check_precision
from medrepro.train.timing import reset_peak_memory, run_timing

PRETRAIN_SPLITS = ("train", "val")


@dataclass(frozen=True)
class PretrainConfig:
    """Everything that decides the encoder; with `model_name` and the data it is the checkpoint fingerprint."""

    vocab_size: int = 2000  # the five shape params and the tokenizer ones apply offline (no model_name) only
    min_frequency: int = 2
    hidden_size: int = 64
    num_layers: int = 2
    num_heads: int = 2
    intermediate_size: int = 128
    dropout: float = 0.1
    max_length: int = 128
    mask_probability: float = 0.15
    cls_word_prediction: bool = False  # [CLS] also predicts a word of its note (a bag-of-words objective)
    batch_size: int = 16
    epochs: int = 20
    lr: float = 1e-3
    weight_decay: float = 0.01
    warmup_epochs: float = 1.0
    max_grad_norm: float = 1.0
    max_steps_per_epoch: int = 0  # CPU rehearsals: optimizer steps per epoch, 0 = all (recorded in the metrics)
    max_val_batches: int = 0      # CPU rehearsals: validation batches per epoch, 0 = all
    mixed_precision: str = "no"
    seed: int = 42
    deterministic: bool = True
    loader_workers: int = 0
    log_with: list[str] = field(default_factory=lambda: ["dvclive"])

    def validate(self, where: str = "pretrain_notes") -> None:
        check_precision(self, where)
        for name in ("vocab_size", "min_frequency", "hidden_size", "num_layers", "num_heads",
                     "intermediate_size", "batch_size", "epochs"):
            if getattr(self, name) < 1:
                raise ParamsError(f"params.yaml: {where}.{name} must be at least 1, got {getattr(self, name)}")
        if self.hidden_size % self.num_heads:
            raise ParamsError(f"params.yaml: {where}.hidden_size={self.hidden_size} is not divisible by "
                              f"num_heads={self.num_heads}; change one of them")
        if self.max_length < 4:
            raise ParamsError(f"params.yaml: {where}.max_length must be at least 4, got {self.max_length}")
        if not 0 < self.mask_probability < 1:
            raise ParamsError(f"params.yaml: {where}.mask_probability must lie in (0, 1), "
                              f"got {self.mask_probability}")
        if self.lr <= 0:
            raise ParamsError(f"params.yaml: {where}.lr must be positive, got {self.lr}")
        if not 0 <= self.dropout < 1:
            raise ParamsError(f"params.yaml: {where}.dropout must lie in [0, 1), got {self.dropout}")
        check_caps(self, where)

    def fingerprint(self, model_name: str, data_fp: str) -> str:
        relevant = {k: v for k, v in asdict(self).items() if k not in {"log_with", "loader_workers"}}
        blob = json.dumps({"config": relevant, "model_name": model_name, "data": data_fp}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()


@dataclass
class PretrainOutput:
    model: nn.Module
    tokenizer: Any
    result: FitResult
    metrics: dict[str, Any]
    timing: dict[str, Any]
    meta: dict[str, Any]


def forward_mlm(model, batch: dict[str, torch.Tensor], train: bool) -> torch.Tensor:
    """Vocabulary logits at the masked positions only, one row per entry of batch['labels']."""
    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
    return logits[batch["masked"]]


def pretrain_encoder(cfg: PretrainConfig, model_name: str, prepared_dir: str | Path, out_dir: str | Path | None,
                     checkpoint_dir: str | Path, tracker_dir: str | Path | None = None, *, accelerator=None,
                     tracker_config: dict | None = None, code: dict[str, str] | None = None) -> PretrainOutput:
    """Pretrain (or continue pretraining) the encoder on the train notes and save it to `out_dir`.

    `code`: the code fingerprint a checkpoint must match to resume (the stage's; default this module's).
    """
    cfg.validate()
    prepared_dir = Path(prepared_dir)
    texts = {split: read_split(prepared_dir, split)["text"].tolist() for split in PRETRAIN_SPLITS}
    data_fp = data_fingerprint(prepared_dir, PRETRAIN_SPLITS)

    set_determinism(cfg.deterministic)
    log_with = list(cfg.log_with)
    if accelerator is None:
        accelerator = make_accelerator(mixed_precision=cfg.mixed_precision, grad_accum_steps=1,
                                       log_with=log_with, tracker_dir=tracker_dir)
    if log_with:
        accelerator.init_trackers("medrepro-notes-pretrain", config=tracker_config or {},
                                  init_kwargs=tracker_init_kwargs(log_with, "notes_pretrain", tracker_dir))

    torch.manual_seed(cfg.seed)
    if model_name:
        tokenizer, model = text_models.load_hub_mlm(model_name)
        max_length = min(cfg.max_length, int(getattr(model.config, "max_position_embeddings", cfg.max_length)))
    else:
        tokenizer = text_models.train_wordpiece_tokenizer(texts["train"], cfg.vocab_size,
                                                          min_frequency=cfg.min_frequency, max_length=cfg.max_length)
        max_length = cfg.max_length
        model = text_models.build_small_bert_mlm(
            len(tokenizer), hidden_size=cfg.hidden_size, num_layers=cfg.num_layers, num_heads=cfg.num_heads,
            intermediate_size=cfg.intermediate_size, max_length=max_length, dropout=cfg.dropout,
            pad_token_id=tokenizer.pad_token_id)
    if tokenizer.pad_token_id is None or tokenizer.mask_token_id is None:
        raise ParamsError(f"params.yaml: notes_train.model_name={model_name!r} lacks a padding or mask token; "
                          "choose a BERT-style masked-LM encoder (it has [PAD] and [MASK])")

    datasets = {s: TokenizedNotes(encode(tokenizer, t, max_length), np.zeros(len(t), dtype=np.int64))
                for s, t in texts.items()}
    masking = dict(pad_token_id=tokenizer.pad_token_id, mask_token_id=tokenizer.mask_token_id,
                   vocab_size=len(tokenizer), special_ids=list(tokenizer.all_special_ids),
                   probability=cfg.mask_probability,
                   cls_token_id=tokenizer.cls_token_id if cfg.cls_word_prediction else None)
    pin = torch.cuda.is_available()
    workers = cap_loader_workers(cfg.loader_workers)
    train_loader = DataLoader(datasets["train"], batch_size=cfg.batch_size,
                              sampler=EpochSampler(len(datasets["train"]), cfg.seed),
                              collate_fn=MaskingCollator(**masking), num_workers=workers, pin_memory=pin)
    val_loader = DataLoader(datasets["val"], batch_size=cfg.batch_size * 2, shuffle=False,
                            collate_fn=MaskingCollator(**masking, seed=cfg.seed), num_workers=workers,
                            pin_memory=pin)
    fit_cfg = FitConfig(epochs=cfg.epochs, lr=cfg.lr, weight_decay=cfg.weight_decay,
                        warmup_epochs=cfg.warmup_epochs, max_grad_norm=cfg.max_grad_norm, seed=cfg.seed,
                        max_steps_per_epoch=cfg.max_steps_per_epoch, max_val_batches=cfg.max_val_batches)
    fingerprint = Fingerprint(params=cfg.fingerprint(model_name, data_fp), data=data_fp,
                              code=code if code is not None else code_fingerprint(__file__))
    reset_peak_memory(accelerator.device)
    result = fit(accelerator, model, train_loader, val_loader, forward=forward_mlm, cfg=fit_cfg,
                 checkpoint_dir=checkpoint_dir, fingerprint=fingerprint, desc="notes-pretrain")
    logits, labels = predict(accelerator, result.model, accelerator.prepare(val_loader), forward_mlm, desc="val")
    timing = run_timing(result, accelerator.device, "masked_tokens_per_s")
    if log_with:
        accelerator.end_training()

    val_loss = float(nn.functional.cross_entropy(torch.from_numpy(logits), torch.from_numpy(labels)))
    metrics = {
        "val_masked_accuracy": float((logits.argmax(-1) == labels).mean()),
        "val_masked_perplexity": math.exp(val_loss),
        "val_masked_tokens": int(len(labels)),
        "best_epoch": result.best_epoch,
        "epochs_run": len(result.history),
        "training_caps": result.caps,
        **text_models.parameter_counts(result.model),
    }
    model = accelerator.unwrap_model(result.model)
    meta = {
        "source": model_name or "scratch",
        "revision": text_models.hub_revision(model) if model_name else "",
        "tokenizer": "pretrained" if model_name else "wordpiece trained on the de-identified train split",
        "vocab_size": len(tokenizer),
        "max_length": max_length,
        "params": asdict(cfg),
        "data_fingerprint": data_fp,
        "fingerprint": fingerprint.params,
        "training_caps": result.caps,
    }
    if out_dir is not None and accelerator.is_main_process:
        with atomic_path(out_dir) as tmp:
            tmp.mkdir()
            model.save_pretrained(tmp, safe_serialization=True)
            tokenizer.save_pretrained(tmp)
            meta["sha256"] = text_models.weights_sha256(tmp)
            (tmp / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
    accelerator.wait_for_everyone()
    return PretrainOutput(model=model, tokenizer=tokenizer, result=result, metrics=metrics, timing=timing, meta=meta)
