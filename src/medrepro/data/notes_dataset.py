"""Prepared notes as model input: the checked `note_id,text,label` splits, token ids computed once, and the
batch collators of classification (pad per batch) and masked-LM pretraining (pad, then mask).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset

from medrepro.errors import InputError

SPLITS = ("train", "val", "test")
COLUMNS = ("note_id", "text", "label")


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


def data_fingerprint(prepared_dir: str | Path, splits: tuple[str, ...] = SPLITS) -> str:
    digest = hashlib.sha256()
    for split in splits:
        digest.update(split.encode())
        digest.update((Path(prepared_dir) / f"{split}.csv").read_bytes())
    return digest.hexdigest()


def label_ids(frame: pd.DataFrame, classes: list[str], path: Path) -> np.ndarray:
    """Class index of every note; a label absent from the training split is an error naming the file."""
    unknown = sorted(set(frame["label"]) - set(classes))
    if unknown:
        raise InputError(
            f"{path}: label(s) {unknown} never occur in train.csv; re-run prepare_notes "
            "with a stratified split"
        )
    index = {c: i for i, c in enumerate(classes)}
    return frame["label"].map(index).to_numpy(dtype=np.int64)


def encode(tokenizer, texts: list[str], max_length: int) -> list[list[int]]:
    return tokenizer(list(texts), truncation=True, max_length=max_length, return_attention_mask=False)[
        "input_ids"
    ]


class TokenizedNotes(Dataset):
    """Token ids of one split, computed once; items are (ids, label), padded per batch by a collator."""

    def __init__(self, input_ids: list[list[int]], labels: np.ndarray) -> None:
        if len(input_ids) != len(labels):
            raise ValueError(f"{len(input_ids)} encoded notes but {len(labels)} labels")
        self.input_ids = [np.asarray(ids, dtype=np.int64) for ids in input_ids]
        self.labels = np.asarray(labels, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int) -> tuple[np.ndarray, int]:
        return self.input_ids[index], int(self.labels[index])


def _pad(items: list[tuple[np.ndarray, int]], pad_token_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(ids) for ids, _ in items)
    input_ids = torch.full((len(items), width), pad_token_id, dtype=torch.long)
    attention_mask = torch.zeros((len(items), width), dtype=torch.long)
    for row, (ids, _) in enumerate(items):
        input_ids[row, : len(ids)] = torch.from_numpy(ids)
        attention_mask[row, : len(ids)] = 1
    return input_ids, attention_mask


class PadCollator:
    """Pad a batch to its own longest note (not to max_length): short batches cost less."""

    def __init__(self, pad_token_id: int) -> None:
        self.pad_token_id = pad_token_id

    def __call__(self, items: list[tuple[np.ndarray, int]]) -> dict[str, torch.Tensor]:
        input_ids, attention_mask = _pad(items, self.pad_token_id)
        labels = torch.tensor([label for _, label in items], dtype=torch.long)
        return {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels}


class MaskingCollator:
    """BERT's masked-LM corruption of a padded batch (Devlin et al. 2019): each ordinary token is chosen
    with `probability` (at least one per note); of those, 80% become [MASK], 10% a random token, 10% stay.

    With `cls_token_id`, the [CLS] position (left as it is) also predicts one word drawn from its note, a
    bag-of-words objective: without it masked-LM never trains [CLS], which stays the same for every note,
    and a frozen encoder gives LoRA nothing to classify from.

    `labels` holds the targets of the chosen positions only and `masked` those positions, so the shared
    loop's cross-entropy and accuracy run over them alone. Draws come from torch's global RNG, which the
    loop reseeds every epoch; `seed` instead fixes one draw per batch content, so a validation set is
    scored on the same masks every epoch.
    """

    def __init__(self, pad_token_id: int, mask_token_id: int, vocab_size: int, special_ids: list[int],
                 probability: float = 0.15, seed: int | None = None, cls_token_id: int | None = None) -> None:
        self.pad_token_id, self.mask_token_id, self.vocab_size = pad_token_id, mask_token_id, vocab_size
        self.special_ids = torch.tensor(sorted(set(special_ids)), dtype=torch.long)
        self.probability, self.seed, self.cls_token_id = probability, seed, cls_token_id

    def __call__(self, items: list[tuple[np.ndarray, int]]) -> dict[str, torch.Tensor]:
        input_ids, attention_mask = _pad(items, self.pad_token_id)
        generator = None
        if self.seed is not None:
            content = int(hashlib.sha256(input_ids.numpy().tobytes()).hexdigest()[:15], 16)
            generator = torch.Generator().manual_seed(self.seed + content)
        eligible = ~torch.isin(input_ids, self.special_ids) & attention_mask.bool()
        has_any = eligible.any(dim=1)
        rows = has_any.nonzero().squeeze(1)
        scores = torch.rand(input_ids.shape, generator=generator)
        chosen = eligible & (scores < self.probability)
        # every note with an ordinary token contributes at least its best-scored one
        best = torch.where(eligible, scores, torch.full_like(scores, 2.0)).argmin(dim=1)
        chosen[rows, best[has_any]] = True
        targets = input_ids.clone()
        if self.cls_token_id is not None:
            draw = torch.rand(input_ids.shape, generator=generator)
            draw = torch.where(eligible, draw, torch.full_like(scores, -1.0))
            cls_rows = rows[input_ids[rows, 0] == self.cls_token_id]
            targets[cls_rows, 0] = input_ids[cls_rows, draw[cls_rows].argmax(dim=1)]
        corrupt = input_ids.clone()
        action = torch.rand(input_ids.shape, generator=generator)
        corrupt[chosen & (action < 0.8)] = self.mask_token_id
        swap = chosen & (action >= 0.8) & (action < 0.9)
        corrupt[swap] = torch.randint(self.vocab_size, (int(swap.sum()),), generator=generator)
        if self.cls_token_id is not None:
            chosen[cls_rows, 0] = True
        return {"input_ids": corrupt, "attention_mask": attention_mask, "labels": targets[chosen], "masked": chosen}
