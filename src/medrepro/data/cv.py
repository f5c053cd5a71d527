"""Lesion-grouped, dx-stratified k-fold cross-validation on the development pool (train + val).

The test split chosen by `prepare_images` stays sealed: cross-validation measures how much the
numbers move when the development data is re-split, without ever looking at the final test set.
In fold f the held-out fold is evaluated, and the model is selected (best epoch) on an inner
validation set carved, again lesion-grouped and stratified, from the other folds.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedGroupKFold

from medrepro.errors import InputError, ParamsError

POOL_SPLITS = ("train", "val")
ROLES = ("train", "val", "test")


@dataclass(frozen=True)
class CVConfig:
    """params.yaml `cv`. DVC cannot compute range(folds), so the folds to run are listed in `fold_ids`."""

    folds: int = 0
    fold_ids: list[int] = field(default_factory=list)
    architectures: list[str] = field(default_factory=lambda: ["resnet50"])
    val_fraction: float = 0.15
    seed: int = 42
    confidence: float = 0.95      # of cv_summary's interval for the mean over folds

    @property
    def enabled(self) -> bool:
        return self.folds > 0

    def validate(self) -> None:
        from medrepro.models.registry import get_architecture

        if self.folds == 1 or self.folds < 0:
            raise ParamsError(f"params.yaml: cv.folds={self.folds}; use 0 (off) or at least 2")
        if not all(isinstance(f, int) and not isinstance(f, bool) for f in self.fold_ids):
            raise ParamsError(f"params.yaml: cv.fold_ids must be a list of integers, got {self.fold_ids}")
        if not self.enabled and self.fold_ids:
            raise ParamsError(f"params.yaml: cv.fold_ids={self.fold_ids} but cv.folds=0 (off); set cv.folds "
                              "or empty cv.fold_ids")
        bad = [f for f in self.fold_ids if not 0 <= f < self.folds]
        if bad or len(set(self.fold_ids)) != len(self.fold_ids):
            raise ParamsError(f"params.yaml: cv.fold_ids={self.fold_ids} must be distinct folds in "
                              f"0..{self.folds - 1} (cv.folds={self.folds})")
        if len(set(self.architectures)) != len(self.architectures) or not self.architectures:
            raise ParamsError(f"params.yaml: cv.architectures={self.architectures} must be a non-empty list "
                              "without repeats")
        for arch in self.architectures:
            get_architecture(arch)
        if not 0.0 < self.val_fraction < 0.5:
            raise ParamsError(f"params.yaml: cv.val_fraction={self.val_fraction} must lie in (0, 0.5)")
        if not 0.0 < self.confidence < 1.0:
            raise ParamsError(f"params.yaml: cv.confidence={self.confidence} must lie in (0, 1)")


def development_pool(splits: pd.DataFrame) -> pd.DataFrame:
    """Train + val rows with where each lives in the cache (`split`, `row`), in a stable order."""
    for column in ("image_id", "lesion_id", "dx", "split"):
        if column not in splits.columns:
            raise InputError(f"splits.csv: column {column!r} is missing; re-run prepare_images")
    parts = []
    for split in POOL_SPLITS:
        part = splits[splits["split"] == split].sort_values("image_id").reset_index(drop=True)
        parts.append(part.assign(row=np.arange(len(part))))
    pool = pd.concat(parts, ignore_index=True)
    return pool.sort_values("image_id").reset_index(drop=True)


def _stratified_group_folds(dx: pd.Series, groups: pd.Series, n_splits: int, seed: int) -> np.ndarray:
    fold = np.full(len(dx), -1, dtype=np.int64)
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        # "The least populated class in y has only n members": rare classes then miss some folds, which
        # the per-fold sizes in results/cv_summary/cv.json show; it is not an error.
        warnings.filterwarnings("ignore", message="The least populated class")
        for k, (_, held_out) in enumerate(splitter.split(np.zeros(len(dx)), dx.to_numpy(), groups.to_numpy())):
            fold[held_out] = k
    return fold


def assign_folds(pool: pd.DataFrame, folds: int, seed: int) -> np.ndarray:
    """Fold index per row: every lesion in exactly one fold, dx proportions kept as far as lesions allow."""
    if folds < 2:
        raise ParamsError(f"params.yaml: cv.folds={folds}; cross-validation needs at least 2 folds (0 = off)")
    lesions = pool["lesion_id"].nunique()
    if lesions < folds:
        raise InputError(f"splits.csv: the train+val pool has {lesions} lesions, fewer than cv.folds={folds}")
    return _stratified_group_folds(pool["dx"], pool["lesion_id"], folds, seed)


def fold_roles(pool: pd.DataFrame, fold_of: np.ndarray, fold: int, val_fraction: float, seed: int) -> pd.Series:
    """'test' for the held-out fold, 'val' for an inner lesion-grouped selection of the rest, else 'train'."""
    if not 0.0 < val_fraction < 0.5:
        raise ParamsError(f"params.yaml: cv.val_fraction={val_fraction} must lie in (0, 0.5)")
    if fold not in set(fold_of.tolist()):
        raise ParamsError(f"fold {fold} does not exist; folds are 0..{int(fold_of.max())}")
    roles = pd.Series("train", index=pool.index, dtype=object)
    roles[fold_of == fold] = "test"
    rest = pool[fold_of != fold]
    inner = _stratified_group_folds(rest["dx"], rest["lesion_id"], max(2, round(1.0 / val_fraction)), seed + fold)
    roles[rest.index[inner == 0]] = "val"
    return roles.rename("role")
