"""One Accelerate training loop for image and text classifiers: resumable, logged, device-agnostic."""

from __future__ import annotations

import logging
import math
import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.utils.data import Sampler
from tqdm.auto import tqdm

from medrepro.device import auto_kind, usable_precision
from medrepro.device import describe as describe_device
from medrepro.train import checkpoint as ckpt

log = logging.getLogger(__name__)

Forward = Callable[[nn.Module, dict[str, torch.Tensor], bool], torch.Tensor]


def set_determinism(deterministic: bool) -> None:
    """Deterministic kernels (and no cuDNN autotuning) for reproducible runs; autotuning for speed otherwise."""
    if deterministic:
        torch.use_deterministic_algorithms(True, warn_only=True)
        torch.backends.cudnn.benchmark = False
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    else:
        torch.use_deterministic_algorithms(False)
        torch.backends.cudnn.benchmark = True


def make_accelerator(*, mixed_precision: str, grad_accum_steps: int, log_with: list[str],
                     tracker_dir: str | Path | None):
    """The one Accelerator set-up for image and note training: CUDA, else MPS, else CPU, named on its first line.

    A precision the device lacks (bf16 before Ampere or macOS 14, fp16 on CPU) falls back to fp32 with a
    warning; `accelerator.mixed_precision` is the precision actually used.
    """
    from accelerate import Accelerator
    from accelerate.utils import DataLoaderConfiguration

    kind = auto_kind()
    precision, warning = usable_precision(mixed_precision, kind)
    accelerator = Accelerator(
        cpu=kind == "cpu",  # without it, torchrun/accelerate launch on CPU stays 1 process
        mixed_precision=precision,
        gradient_accumulation_steps=grad_accum_steps,
        log_with=log_with or None,
        project_dir=str(tracker_dir) if tracker_dir else None,
        dataloader_config=DataLoaderConfiguration(non_blocking=kind == "cuda"),
    )
    accelerator.print(f"device: {describe_device(accelerator.device)}, {accelerator.num_processes} process(es), "
                      f"mixed precision {accelerator.mixed_precision}")
    if warning and accelerator.is_main_process:
        print(warning, file=sys.stderr, flush=True)
    return accelerator


class EpochSampler(Sampler[int]):
    """Shuffle (or weight-sample) from a seed that depends only on (seed, epoch), so resume is exact.

    Train loaders given to `fit` should use it: a loader with its own running generator would
    shuffle differently after a resume.
    """

    def __init__(self, n: int, seed: int, weights: np.ndarray | None = None) -> None:
        self.n, self.seed, self.weights, self.epoch = n, seed, weights, 0

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __len__(self) -> int:
        return self.n

    def __iter__(self):
        g = torch.Generator().manual_seed(self.seed * 7919 + self.epoch)
        if self.weights is None:
            return iter(torch.randperm(self.n, generator=g).tolist())
        w = torch.as_tensor(self.weights, dtype=torch.double)
        return iter(torch.multinomial(w, self.n, replacement=True, generator=g).tolist())


@dataclass(frozen=True)
class FitConfig:
    epochs: int
    lr: float
    weight_decay: float = 0.05
    warmup_epochs: float = 1.0
    min_lr_ratio: float = 0.01
    max_grad_norm: float = 1.0
    early_stopping_patience: int = 0
    seed: int = 42
    max_steps_per_epoch: int = 0  # CPU rehearsals only: stop each epoch after this many optimizer steps; 0 = all
    max_val_batches: int = 0      # CPU rehearsals only: validate each epoch on this many batches; 0 = all


@dataclass
class FitResult:
    history: list[dict[str, float]]
    best_epoch: int
    best_metric: float
    train_time_s: float
    train_samples: int
    model: nn.Module
    resumed_from_epoch: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    caps: dict[str, Any] = field(default_factory=dict)  # set caps with the full counts they cut (empty: none)

    @property
    def samples_per_s(self) -> float:
        return self.train_samples / self.train_time_s if self.train_time_s > 0 else float("nan")


def balanced_accuracy(labels: np.ndarray, preds: np.ndarray) -> float:
    """Mean recall over the classes present in `labels` (sklearn's definition, without importing sklearn)."""
    recalls = [float((preds[labels == c] == c).mean()) for c in np.unique(labels)]
    return float(np.mean(recalls)) if recalls else float("nan")


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def lr_at(step: int, total_steps: int, warmup_steps: int, base_lr: float, min_ratio: float) -> float:
    """Linear warm-up, then cosine decay to `min_ratio * base_lr`."""
    if warmup_steps > 0 and step < warmup_steps:
        return base_lr * (step + 1) / warmup_steps
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    cosine = 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
    return base_lr * (min_ratio + (1 - min_ratio) * cosine)


def _not_saved(model: nn.Module) -> set[str]:
    """Frozen parameters and second names of tied ones (e.g. an MLM decoder sharing the word embeddings)."""
    every = dict(model.named_parameters(remove_duplicate=False))
    first = {name for name, _ in model.named_parameters()}
    return {name for name, p in every.items() if not p.requires_grad or name not in first}


def checkpoint_state(accelerator, model: nn.Module) -> dict[str, torch.Tensor]:
    """What checkpoints keep of the model: every tensor once, and when part of it is frozen (LoRA) only the
    trainable tensors and buffers; the frozen base is named by the run's fingerprint, not copied every epoch."""
    state = accelerator.get_state_dict(model)
    skip = _not_saved(accelerator.unwrap_model(model))
    return {k: v for k, v in state.items() if k not in skip}


def restore_state(model: nn.Module, state: dict[str, torch.Tensor]) -> None:
    """Load a `checkpoint_state`: it must cover every tensor except the frozen parameters."""
    missing, unexpected = model.load_state_dict(state, strict=False)
    uncovered = sorted(set(missing) - _not_saved(model))
    if unexpected or uncovered:
        raise ValueError(f"checkpoint does not fit the model: unexpected {unexpected[:3]}, missing {uncovered[:3]}")


@torch.inference_mode()
def predict(accelerator, model: nn.Module, loader, forward: Forward, desc: str = "eval",
            max_batches: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Logits and labels for a whole loader (or its first `max_batches`), gathered across processes without
    duplicated samples."""
    model.eval()
    logits_all, labels_all = [], []
    total = min(len(loader), max_batches) if max_batches > 0 else None
    for i, batch in enumerate(tqdm(loader, desc=desc, leave=False, total=total,
                                   disable=not accelerator.is_local_main_process)):
        logits = forward(model, batch, False)
        logits, labels = accelerator.gather_for_metrics((logits.float(), batch["labels"]))
        logits_all.append(logits)
        labels_all.append(labels)
        if max_batches > 0 and i + 1 >= max_batches < len(loader):
            _left_early(loader)
            break
    return torch.cat(logits_all).cpu().numpy(), torch.cat(labels_all).cpu().numpy()


def _left_early(loader) -> None:
    """An Accelerate loader left before its end is still registered as the active one; unregister it."""
    end = getattr(loader, "end", None)
    if callable(end):
        end()


def warn_caps(accelerator, desc: str, caps: dict[str, Any]) -> None:
    """One loud line on stderr: a capped run is a rehearsal of the pipeline, its numbers are not results."""
    if caps and accelerator.is_main_process:
        cut = ", ".join(f"{k}={v['cap']} of {v['full']}" for k, v in caps.items())
        print(f"warning: {desc}: capped ({cut} per epoch): a CPU rehearsal, not a result; the thesis profile "
              "sets every cap to 0", file=sys.stderr, flush=True)


def fit(accelerator, model: nn.Module, train_loader, val_loader, *, forward: Forward, cfg: FitConfig,
        checkpoint_dir: str | Path, fingerprint: ckpt.Fingerprint, class_weights: torch.Tensor | None = None,
        label_smoothing: float = 0.0, desc: str = "train") -> FitResult:
    """Train with AdamW + warm-up/cosine, keep the best epoch by validation balanced accuracy, resume by epoch.

    Every epoch reseeds the RNGs from (seed, epoch), so a run resumed from the checkpoint of epoch k
    continues exactly as the uninterrupted run would have. Only an interrupted run under the same
    `fingerprint` (code, params, data) is resumed; a finished run always trains again from scratch.
    """
    checkpoint_dir = Path(checkpoint_dir)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=cfg.weight_decay)
    model, optimizer, train_loader, val_loader = accelerator.prepare(model, optimizer, train_loader, val_loader)
    weights = class_weights.to(accelerator.device) if class_weights is not None else None
    loss_fn = nn.CrossEntropyLoss(weight=weights, label_smoothing=label_smoothing)

    full_steps_per_epoch = math.ceil(len(train_loader) / accelerator.gradient_accumulation_steps)
    steps_per_epoch = min(full_steps_per_epoch, cfg.max_steps_per_epoch or full_steps_per_epoch)
    caps = {}
    if cfg.max_steps_per_epoch:
        caps["max_steps_per_epoch"] = {"cap": cfg.max_steps_per_epoch, "full": full_steps_per_epoch}
    if cfg.max_val_batches:
        caps["max_val_batches"] = {"cap": cfg.max_val_batches, "full": len(val_loader)}
    warn_caps(accelerator, desc, caps)
    total_steps = steps_per_epoch * cfg.epochs
    warmup_steps = int(round(cfg.warmup_epochs * steps_per_epoch))

    # the process count shapes the global batch and the data shards, so it counts as a param
    fingerprint = replace(fingerprint, params=f"{fingerprint.params}:processes={accelerator.num_processes}")
    state = ckpt.load_checkpoint(checkpoint_dir, fingerprint, main=accelerator.is_main_process)
    accelerator.wait_for_everyone()
    history: list[dict[str, float]] = []
    start_epoch, best_metric, best_epoch, bad_epochs, opt_step, train_time, samples = 0, -1.0, -1, 0, 0, 0.0, 0
    if state is not None:
        progress = state["progress"]
        restore_state(accelerator.unwrap_model(model), state["model"])
        optimizer.load_state_dict(state["optimizer"])
        history = progress["history"]
        start_epoch, best_metric, best_epoch = progress["epochs_done"], progress["best_metric"], progress["best_epoch"]
        bad_epochs, opt_step = progress["bad_epochs"], progress["opt_step"]
        train_time, samples = progress["train_time_s"], progress["train_samples"]
        accelerator.print(f"resuming {desc} from checkpoint after epoch {start_epoch} ({checkpoint_dir})")
        for row in history:
            accelerator.log(row, step=int(row["epoch"]))
    resumed_from = start_epoch

    for epoch in range(start_epoch, cfg.epochs):
        seed_everything(cfg.seed * 1000 + epoch)
        train_loader.set_epoch(epoch)
        model.train()
        loss_sum = torch.zeros((), device=accelerator.device)
        correct = torch.zeros((), device=accelerator.device, dtype=torch.long)
        count = torch.zeros((), device=accelerator.device, dtype=torch.long)
        t0 = time.perf_counter()
        bar = tqdm(train_loader, desc=f"{desc} epoch {epoch + 1}/{cfg.epochs}", leave=False,
                   total=steps_per_epoch * accelerator.gradient_accumulation_steps
                   if steps_per_epoch < full_steps_per_epoch else None,
                   disable=not accelerator.is_local_main_process)
        epoch_steps = 0
        for batch in bar:
            with accelerator.accumulate(model):
                labels = batch["labels"]
                logits = forward(model, batch, True)
                loss = loss_fn(logits.float(), labels)
                accelerator.backward(loss)
                if accelerator.sync_gradients:
                    if cfg.max_grad_norm > 0:
                        accelerator.clip_grad_norm_(params, cfg.max_grad_norm)
                    for group in optimizer.param_groups:
                        group["lr"] = lr_at(opt_step, total_steps, warmup_steps, cfg.lr, cfg.min_lr_ratio)
                    opt_step += 1
                    epoch_steps += 1
                optimizer.step()
                optimizer.zero_grad(set_to_none=True)
            loss_sum += loss.detach() * labels.shape[0]
            correct += (logits.detach().argmax(-1) == labels).sum()
            count += labels.shape[0]
            if accelerator.sync_gradients and epoch_steps >= steps_per_epoch < full_steps_per_epoch:
                _left_early(train_loader)
                break
        bar.close()
        if accelerator.device.type == "cuda":
            torch.cuda.synchronize()
        epoch_time = time.perf_counter() - t0
        totals = accelerator.reduce(torch.stack([loss_sum, correct.float(), count.float()]), reduction="sum")
        train_loss, train_correct, train_count = (float(v) for v in totals.cpu())
        train_time += epoch_time
        samples += int(train_count)

        val_logits, val_labels = predict(accelerator, model, val_loader, forward, desc="validate",
                                         max_batches=cfg.max_val_batches)
        val_loss = float(nn.functional.cross_entropy(torch.from_numpy(val_logits), torch.from_numpy(val_labels)))
        val_pred = val_logits.argmax(-1)
        row = {
            "epoch": epoch + 1,
            "train_loss": train_loss / max(train_count, 1),
            "train_accuracy": train_correct / max(train_count, 1),
            "val_loss": val_loss,
            "val_accuracy": float((val_pred == val_labels).mean()),
            "val_balanced_accuracy": balanced_accuracy(val_labels, val_pred),
            "lr": optimizer.param_groups[0]["lr"],
        }
        history.append(row)
        accelerator.log(row, step=epoch + 1)
        accelerator.print(
            f"{desc} epoch {epoch + 1}/{cfg.epochs}: train_loss {row['train_loss']:.4f} "
            f"val_loss {val_loss:.4f} val_balanced_accuracy {row['val_balanced_accuracy']:.4f} "
            f"({train_count / epoch_time:.1f} samples/s)"
        )
        if row["val_balanced_accuracy"] > best_metric:
            best_metric, best_epoch, bad_epochs = row["val_balanced_accuracy"], epoch + 1, 0
            model_state = checkpoint_state(accelerator, model)
            if accelerator.is_main_process:
                ckpt.save_best(checkpoint_dir, model_state)
        else:
            bad_epochs += 1
        finished = epoch + 1 >= cfg.epochs or (
            cfg.early_stopping_patience > 0 and bad_epochs >= cfg.early_stopping_patience
        )
        progress = {
            "fingerprint": fingerprint.to_json(), "epochs_done": epoch + 1, "history": history,
            "best_metric": best_metric, "best_epoch": best_epoch, "bad_epochs": bad_epochs,
            "opt_step": opt_step, "train_time_s": train_time, "train_samples": samples, "finished": finished,
        }
        model_state, optimizer_state = checkpoint_state(accelerator, model), optimizer.state_dict()
        if accelerator.is_main_process:
            ckpt.save_checkpoint(checkpoint_dir, model_state=model_state, optimizer_state=optimizer_state,
                                 progress=progress)
        accelerator.wait_for_everyone()
        if finished:
            if epoch + 1 < cfg.epochs:
                accelerator.print(f"{desc}: early stopping after epoch {epoch + 1} (best epoch {best_epoch})")
            break

    accelerator.wait_for_everyone()
    restore_state(accelerator.unwrap_model(model), ckpt.load_best(checkpoint_dir))
    accelerator.wait_for_everyone()
    if accelerator.is_main_process:
        ckpt.finish(checkpoint_dir, fingerprint, epochs_done=len(history), best_epoch=best_epoch)
    accelerator.wait_for_everyone()
    return FitResult(history=history, best_epoch=best_epoch, best_metric=best_metric, train_time_s=train_time,
                     train_samples=samples, model=model, resumed_from_epoch=resumed_from, caps=caps)
