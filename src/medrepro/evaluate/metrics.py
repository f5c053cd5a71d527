"""Multiclass classification metrics with one naming scheme for every model and report."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, balanced_accuracy_score, confusion_matrix, f1_score, roc_auc_score


def _check(probs: np.ndarray, labels: np.ndarray, classes: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(probs, dtype=np.float64)
    y = np.asarray(labels)
    if p.ndim != 2 or p.shape[1] != len(classes) or y.shape != (len(p),):
        raise ValueError(
            f"expected (n, {len(classes)}) probabilities and (n,) labels, got {p.shape}, {y.shape}"
        )
    if len(y) == 0:
        raise ValueError("no samples")
    if y.min() < 0 or y.max() >= len(classes):
        raise ValueError(f"labels must lie in [0, {len(classes) - 1}]")
    return p, y.astype(np.int64)


def classification_metrics(probs: np.ndarray, labels: np.ndarray, classes: Sequence[str]) -> dict:
    """accuracy, balanced_accuracy, macro_f1 and auc_<class> (one-vs-rest; None when a class is absent
    or is the only class present). The positive class's headline AUC is its auc_<class>: no alias."""
    p, y = _check(probs, labels, classes)
    pred = p.argmax(axis=1)
    with warnings.catch_warnings():
        # sklearn warns when a predicted class is absent from the labels; auc_<class> = None shows that.
        warnings.filterwarnings("ignore", message="y_pred contains classes not in y_true")
        balanced = float(balanced_accuracy_score(y, pred))
    out: dict = {
        "accuracy": float(accuracy_score(y, pred)),
        "balanced_accuracy": balanced,
        "macro_f1": float(
            f1_score(y, pred, labels=list(range(len(classes))), average="macro", zero_division=0)
        ),
    }
    for k, name in enumerate(classes):
        positive = y == k
        auc = float(roc_auc_score(positive, p[:, k])) if 0 < positive.sum() < len(y) else math.nan
        out[f"auc_{name}"] = auc if math.isfinite(auc) else None
    return out


def confusion_records(labels: np.ndarray, preds: np.ndarray, classes: Sequence[str]) -> list[dict[str, str]]:
    """One {"actual", "predicted"} record per sample: the input DVC's confusion plot template expects."""
    names = np.asarray(classes, dtype=object)
    labels, preds = np.asarray(labels, dtype=np.int64), np.asarray(preds, dtype=np.int64)
    return [{"actual": str(a), "predicted": str(b)} for a, b in zip(names[labels], names[preds], strict=True)]


def confusion_matrix_frame(labels: np.ndarray, preds: np.ndarray, classes: Sequence[str]) -> pd.DataFrame:
    """Counts with actual classes as rows and predicted classes as columns, all classes always present."""
    cm = confusion_matrix(labels, preds, labels=list(range(len(classes))))
    frame = pd.DataFrame(cm, index=list(classes), columns=list(classes))
    frame.index.name = "actual"
    frame.columns.name = "predicted"
    return frame
