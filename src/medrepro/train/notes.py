"""Clinical-note specialty classification: LoRA versus full fine-tuning on the shared Accelerate loop.

Input is the prepared, de-identified split (`note_id,text,label` CSVs); notes are tokenised once up
front and padded per batch. Output is a saved model directory (safetensors only) and a flat metrics
dict with test accuracy, macro F1, per-class F1 and the cost side of the comparison: trainable
parameters, training time, throughput and peak memory.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import resource
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import torch
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score
from torch.utils.data import DataLoader, Dataset

from medrepro.device import cap_loader_workers
from medrepro.errors import InputError, ParamsError
from medrepro.io import atomic_path
from medrepro.models import text as text_models
from medrepro.provenance import code_fingerprint
from medrepro.train.checkpoint import Fingerprint
from medrepro.train.images import EpochSampler, class_weights, tracker_init_kwargs
from medrepro.train.loop import FitConfig, FitResult, fit, make_accelerator, predict, set_determinism

METHODS = ("lora", "full")
SPLITS = ("train", "val", "test")
COLUMNS = ("note_id", "text", "label")
PRECISIONS = ("no", "fp16", "bf16")
METHOD_LABELS = {"lora": "LoRA", "full": "Full fine-tuning"}


@dataclass(frozen=True)
class LoraParams:
    r: int = 16
    alpha: int = 32
    dropout: float = 0.1
    target_modules: list[str] = field(default_factory=lambda: ["query", "value"])


@dataclass(frozen=True)
class NotesTrainConfig:
    """Everything that decides a notes run; its hash (with the data) is the checkpoint fingerprint."""

    model_name: str = ""  # hub id or local dir of a pretrained encoder; "" = small BERT from scratch
    vocab_size: int = 2000  # offline tokenizer only
    min_frequency: int = 2
    hidden_size: int = 64  # the four size params shape the offline model only
    num_layers: int = 2
    num_heads: int = 2
    intermediate_size: int = 128
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
        if self.mixed_precision not in PRECISIONS:
            raise ParamsError(
                f"params.yaml: {where}.mixed_precision={self.mixed_precision!r}; "
                f"choose from {list(PRECISIONS)}"
            )
        for name in (
            "vocab_size",
            "hidden_size",
            "num_layers",
            "num_heads",
            "intermediate_size",
            "max_length",
            "batch_size",
            "epochs",
            "grad_accum_steps",
            "min_frequency",
        ):
            if getattr(self, name) < 1:
                raise ParamsError(
                    f"params.yaml: {where}.{name} must be at least 1, got {getattr(self, name)}"
                )
        if self.hidden_size % self.num_heads:
            raise ParamsError(
                f"params.yaml: {where}.hidden_size={self.hidden_size} is not divisible by "
                f"num_heads={self.num_heads}; change one of them"
            )
        if self.max_length < 4:
            raise ParamsError(f"params.yaml: {where}.max_length must be at least 4, got {self.max_length}")
        if self.lr <= 0:
            raise ParamsError(f"params.yaml: {where}.lr must be positive, got {self.lr}")
        if not 0 <= self.dropout < 1:
            raise ParamsError(f"params.yaml: {where}.dropout must lie in [0, 1), got {self.dropout}")
        lora = self.lora_params()
        if lora.r < 1 or lora.alpha <= 0 or not 0 <= lora.dropout < 1 or not lora.target_modules:
            raise ParamsError(
                f"params.yaml: {where}.lora needs r >= 1, alpha > 0, dropout in [0, 1) and at "
                f"least one target module, got {asdict(lora)}"
            )

    def fingerprint(self, method: str, data_fingerprint: str, vocab_fingerprint: str) -> str:
        """Params that change results, the data and the token ids; LoRA settings count only for LoRA."""
        skip = {"log_with", "loader_workers"} | ({"lora"} if method != "lora" else set())
        relevant = {k: v for k, v in asdict(self).items() if k not in skip}
        if method == "lora":
            relevant["lora"] = asdict(self.lora_params())
        blob = json.dumps(
            {"method": method, "config": relevant, "data": data_fingerprint, "vocab": vocab_fingerprint},
            sort_keys=True,
        )
        return hashlib.sha256(blob.encode()).hexdigest()


def check_method(method: str) -> str:
    if method not in METHODS:
        raise ParamsError(f"unknown fine-tuning method {method!r}; choose from {list(METHODS)}")
    return method


def read_split(prepared_dir: str | Path, split: str) -> pd.DataFrame:
    """One prepared split with note_id, text (empty string for a missing text) and label as strings."""
    path = Path(prepared_dir) / f"{split}.csv"
    if not path.is_file():
        raise InputError(f"{path}: prepared notes not found; run the prepare_notes stage first")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(
            f"{path}: missing column(s) {missing}; expected {list(COLUMNS)}, re-run prepare_notes"
        )
    if frame.empty:
        raise InputError(f"{path}: no notes in the {split} split; check the prepare_notes params")
    empty_label = frame.index[frame["label"].str.strip() == ""]
    if len(empty_label):
        raise InputError(f"{path}: row {int(empty_label[0]) + 2} has an empty label; re-run prepare_notes")
    return frame[list(COLUMNS)].reset_index(drop=True)


def data_fingerprint(prepared_dir: str | Path) -> str:
    digest = hashlib.sha256()
    for split in SPLITS:
        digest.update(split.encode())
        digest.update((Path(prepared_dir) / f"{split}.csv").read_bytes())
    return digest.hexdigest()


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


class TokenizedNotes(Dataset):
    """Token ids of one split, computed once; items are (ids, label), padded per batch by `PadCollator`."""

    def __init__(self, input_ids: list[list[int]], labels: np.ndarray) -> None:
        if len(input_ids) != len(labels):
            raise ValueError(f"{len(input_ids)} encoded notes but {len(labels)} labels")
        self.input_ids = [np.asarray(ids, dtype=np.int64) for ids in input_ids]
        self.labels = np.asarray(labels, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int) -> tuple[np.ndarray, int]:
        return self.input_ids[index], int(self.labels[index])


class PadCollator:
    """Pad a batch to its own longest note (not to max_length): short batches cost less."""

    def __init__(self, pad_token_id: int) -> None:
        self.pad_token_id = pad_token_id

    def __call__(self, items: list[tuple[np.ndarray, int]]) -> dict[str, torch.Tensor]:
        width = max(len(ids) for ids, _ in items)
        input_ids = torch.full((len(items), width), self.pad_token_id, dtype=torch.long)
        attention_mask = torch.zeros((len(items), width), dtype=torch.long)
        for row, (ids, _) in enumerate(items):
            input_ids[row, : len(ids)] = torch.from_numpy(ids)
            attention_mask[row, : len(ids)] = 1
        labels = torch.tensor([label for _, label in items], dtype=torch.long)
        return {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels}


def encode(tokenizer, texts: list[str], max_length: int) -> list[list[int]]:
    return tokenizer(list(texts), truncation=True, max_length=max_length, return_attention_mask=False)[
        "input_ids"
    ]


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


def peak_memory_mb(device: torch.device) -> tuple[float, str]:
    """GPU: the allocator's peak since the last reset (tensors only). CPU: the whole process's peak RSS
    (getrusage ru_maxrss, Python and libraries included, never reset), so compare runs made in
    separate processes, as DVC runs them."""
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 2**20, "cuda_max_memory_allocated"
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "process_peak_rss"


@dataclass
class NotesTrainOutput:
    model: torch.nn.Module
    tokenizer: Any
    classes: list[str]
    result: FitResult
    metrics: dict[str, Any]
    meta: dict[str, Any]
    predictions: dict[str, tuple[np.ndarray, np.ndarray]]


def _labels(frame: pd.DataFrame, classes: list[str], path: Path) -> np.ndarray:
    unknown = sorted(set(frame["label"]) - set(classes))
    if unknown:
        raise InputError(
            f"{path}: label(s) {unknown} never occur in train.csv; re-run prepare_notes "
            "with a stratified split"
        )
    index = {c: i for i, c in enumerate(classes)}
    return frame["label"].map(index).to_numpy(dtype=np.int64)


def train_notes_model(
    cfg: NotesTrainConfig,
    prepared_dir: str | Path,
    out_dir: str | Path | None,
    checkpoint_dir: str | Path,
    method: str,
    tracker_dir: str | Path | None = None,
    *,
    accelerator=None,
    tracker_config: dict | None = None,
    code: dict[str, str] | None = None,
) -> NotesTrainOutput:
    """Train one method on the prepared notes, evaluate on test and (main process) save to `out_dir`.

    `code`: the code fingerprint a checkpoint must match to resume (the stage's; default this module's).
    """
    check_method(method)
    cfg.validate()
    prepared_dir = Path(prepared_dir)
    frames = {split: read_split(prepared_dir, split) for split in SPLITS}
    classes = sorted(set(frames["train"]["label"]))
    if len(classes) < 2:
        raise InputError(
            f"{prepared_dir / 'train.csv'}: only {len(classes)} label(s); need at least 2 specialties"
        )
    class_slugs(classes)
    labels = {s: _labels(f, classes, prepared_dir / f"{s}.csv") for s, f in frames.items()}
    data_fp = data_fingerprint(prepared_dir)

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
    base_copy = None
    if cfg.model_name:
        tokenizer, model = text_models.load_hub_model(cfg.model_name, classes)
        max_length = min(
            cfg.max_length, int(getattr(model.config, "max_position_embeddings", cfg.max_length))
        )
    else:
        tokenizer = text_models.train_wordpiece_tokenizer(
            frames["train"]["text"].tolist(),
            cfg.vocab_size,
            min_frequency=cfg.min_frequency,
            max_length=cfg.max_length,
        )
        max_length = cfg.max_length
        model = text_models.build_small_bert(
            len(tokenizer),
            classes,
            hidden_size=cfg.hidden_size,
            num_layers=cfg.num_layers,
            num_heads=cfg.num_heads,
            intermediate_size=cfg.intermediate_size,
            max_length=max_length,
            dropout=cfg.dropout,
            pad_token_id=tokenizer.pad_token_id,
        )
    if tokenizer.pad_token_id is None:
        raise ParamsError(
            f"params.yaml: notes_train.model_name={cfg.model_name!r} has no padding token; "
            "choose an encoder with one (BERT-style models have [PAD])"
        )
    if method == "lora":
        if not cfg.model_name:
            base_copy = copy.deepcopy(model)  # the frozen random base must be saved next to the adapter
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
    )
    fingerprint = Fingerprint(
        params=cfg.fingerprint(method, data_fp, text_models.vocab_fingerprint(tokenizer)),
        data=data_fp,
        code=code if code is not None else code_fingerprint(__file__),
    )

    if accelerator.device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(accelerator.device)
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
    memory_mb, memory_source = peak_memory_mb(accelerator.device)
    if log_with:
        accelerator.end_training()

    test_logits, test_labels = predictions["test"]
    best = result.history[result.best_epoch - 1]
    metrics: dict[str, Any] = {
        **note_metrics(test_logits, test_labels, classes),
        "majority_macro_f1": majority_macro_f1(labels["train"], test_labels, len(classes)),
        **counts,
        "peak_memory_mb": memory_mb,
        "peak_memory_source": memory_source,
        "train_time_s": result.train_time_s,
        "notes_per_s": result.samples_per_s,
        "best_epoch": result.best_epoch,
        "epochs_run": len(result.history),
        "val_balanced_accuracy": best["val_balanced_accuracy"],
    }
    model = accelerator.unwrap_model(result.model)
    meta = {
        "method": method,
        "model_name": cfg.model_name,
        "classes": classes,
        "max_length": max_length,
        "base_dir": "base" if base_copy is not None else None,
        "tokenizer": "pretrained" if cfg.model_name else "wordpiece trained on the de-identified train split",
        "vocab_size": len(tokenizer),
        "params": asdict(cfg),
        "data_fingerprint": data_fp,
        "fingerprint": fingerprint.params,
        **counts,
    }
    if out_dir is not None and accelerator.is_main_process:
        save_notes_model(out_dir, model, tokenizer, meta, base_copy)
    accelerator.wait_for_everyone()
    return NotesTrainOutput(
        model=model,
        tokenizer=tokenizer,
        classes=classes,
        result=result,
        metrics=metrics,
        meta=meta,
        predictions=predictions,
    )


def save_notes_model(out_dir: str | Path, model, tokenizer, meta: dict, base_model=None) -> None:
    """Write the model directory atomically: adapter (LoRA) or whole model (full), tokenizer, meta.json."""
    with atomic_path(out_dir) as tmp:
        tmp.mkdir()
        if meta["method"] == "lora":
            model.save_pretrained(tmp, safe_serialization=True)
            if base_model is not None:
                base_model.save_pretrained(tmp / meta["base_dir"], safe_serialization=True)
        else:
            model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        (tmp / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")


# ----- comparison of methods (stage compare_notes) -------------------------------------------------------

COMPARISON_COLUMNS = (
    "method",
    "trainable_parameters",
    "total_parameters",
    "trainable_share",
    "accuracy",
    "macro_f1",
    "train_time_s",
    "notes_per_s",
    "peak_memory_mb",
)


def comparison_frame(metrics_by_method: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """One row per method with the columns the table and figure use, in the given method order."""
    rows = []
    for method, metrics in metrics_by_method.items():
        missing = [c for c in COMPARISON_COLUMNS[1:] if metrics.get(c) is None]
        if missing:
            raise InputError(f"metrics/notes/{method}.json: missing {missing}; re-run train_notes@{method}")
        rows.append(
            {
                "method": method,
                **{c: metrics[c] for c in COMPARISON_COLUMNS[1:]},
                "majority_macro_f1": metrics.get("majority_macro_f1"),
                "peak_memory_source": metrics.get("peak_memory_source", ""),
            }
        )
    if not rows:
        raise InputError("no notes methods to compare; list them in params.yaml notes_methods")
    return pd.DataFrame(rows)


def _tex_escape(value: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", value)


def comparison_latex(frame: pd.DataFrame) -> str:
    """A booktabs table: one row per method, cost columns next to macro F1."""
    sources = set(frame["peak_memory_source"]) - {""}
    memory_note = {
        "cuda_max_memory_allocated": "peak GPU memory allocated",
        "process_peak_rss": "peak resident memory of the training process",
    }
    caption_memory = "; ".join(memory_note.get(s, s) for s in sorted(sources)) or "peak memory"
    lines = [
        r"\begin{table}[t]",
        r"\centering",
        r"\caption{Clinical-note specialty classification: LoRA versus full fine-tuning. Macro F1 and "
        r"accuracy on the test split; memory is the " + _tex_escape(caption_memory) + ".}",
        r"\label{tab:notes-lora-vs-full}",
        r"\begin{tabular}{lrrrrrrr}",
        r"\toprule",
        r"Method & Trainable params & Share (\%) & Accuracy & Macro F1 & Train time (s) & Notes/s & "
        r"Peak memory (MB) \\",
        r"\midrule",
    ]
    for row in frame.itertuples(index=False):
        label = _tex_escape(METHOD_LABELS.get(row.method, row.method))
        params = f"{int(row.trainable_parameters):,}".replace(",", "{,}")
        lines.append(
            f"{label} & {params} & {100 * row.trainable_share:.2f} & {row.accuracy:.3f} & "
            f"{row.macro_f1:.3f} & "
            f"{row.train_time_s:.1f} & {row.notes_per_s:.1f} & {row.peak_memory_mb:.0f} \\\\"
        )
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}", ""]
    return "\n".join(lines)


def comparison_figure(frame: pd.DataFrame, pdf_path: str | Path, png_path: str | Path) -> None:
    """Macro F1 against trainable parameters, training time and peak memory, one marker per method."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [
        ("trainable_parameters", "Trainable parameters", True),
        ("train_time_s", "Training time (s)", False),
        ("peak_memory_mb", "Peak memory (MB)", False),
    ]
    markers = {"lora": "o", "full": "s"}
    baseline = (
        frame["majority_macro_f1"].dropna() if "majority_macro_f1" in frame else pd.Series([], dtype=float)
    )
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.2), sharey=True, constrained_layout=True)
    for ax, (column, xlabel, log) in zip(axes, panels, strict=True):
        for i, row in enumerate(frame.itertuples(index=False)):
            label = METHOD_LABELS.get(row.method, row.method)
            ax.scatter(
                [getattr(row, column)],
                [row.macro_f1],
                marker=markers.get(row.method, "^"),
                s=60,
                zorder=3,
                color=f"C{i}",
                alpha=0.85,
                label=label,
            )
        if len(baseline):
            ax.axhline(float(baseline.iloc[0]), color="grey", linestyle="--", linewidth=1)
        if log:
            ax.set_xscale("log")
            ax.margins(x=0.4)
        else:
            ax.set_xlim(0, 1.25 * float(frame[column].max()))
        ax.set_xlabel(xlabel)
        ax.grid(True, alpha=0.3)
    axes[0].set_ylim(0, 1)  # the whole F1 range, so small differences are not blown up
    axes[0].set_ylabel("Test macro F1")
    axes[0].legend(fontsize=8, loc="upper left")
    if len(baseline):
        axes[0].annotate(
            "majority class",
            (0.02, float(baseline.iloc[0])),
            xycoords=("axes fraction", "data"),
            textcoords="offset points",
            xytext=(0, 3),
            fontsize=7,
            color="grey",
        )
    for path in (pdf_path, png_path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(pdf_path) as tmp:
        fig.savefig(tmp, format="pdf", metadata={"CreationDate": None, "ModDate": None})
    with atomic_path(png_path) as tmp:
        fig.savefig(tmp, format="png", dpi=200)
    plt.close(fig)
