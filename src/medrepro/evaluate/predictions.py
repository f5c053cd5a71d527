"""Read the train stage's prediction CSVs, checking them against the model's class list.

Every evaluation stage starts here, so a stale or hand-edited file fails with one clear line instead of
silently shifting a logit column onto the wrong class.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from medrepro.errors import InputError
from medrepro.io import read_json

ID_COLUMNS = ("image_id", "lesion_id", "dx")


def load_classes(model_json: str | os.PathLike) -> list[str]:
    """The ordered class names from the train stage's model.json."""
    path = Path(model_json)
    classes = read_json(path, "train").get("classes")
    if (
        not isinstance(classes, list)
        or len(classes) < 2
        or not all(isinstance(c, str) and c for c in classes)
        or len(set(classes)) != len(classes)
    ):
        raise InputError(f"{path}: 'classes' must be a list of at least two distinct names; rerun training")
    return classes


def read_predictions(
    path: str | os.PathLike, classes: Sequence[str]
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Return (ids frame with image_id/lesion_id/dx, logits float64 (n, k), labels int64 (n,))."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: predictions file not found; run the train stage first")
    try:
        frame = pd.read_csv(path, dtype={c: str for c in ID_COLUMNS})
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{path}: not a readable CSV ({exc.__class__.__name__}); rerun the train stage"
        ) from exc

    logit_cols = [f"logit_{c}" for c in classes]
    missing = [c for c in (*ID_COLUMNS, "label", *logit_cols) if c not in frame.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {missing}; expected logits for classes {list(classes)}")
    extra = [c for c in frame.columns if c.startswith("logit_") and c not in logit_cols]
    if extra:
        raise InputError(
            f"{path}: logit column(s) {extra} are not in model.json classes {list(classes)}; "
            "predictions and model metadata come from different runs, rerun the train stage"
        )
    if len(frame) == 0:
        raise InputError(f"{path}: no rows")

    labels_raw = pd.to_numeric(frame["label"], errors="coerce")
    bad = ~(labels_raw.notna() & (labels_raw == labels_raw.round()) & labels_raw.between(0, len(classes) - 1))
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0]) + 2
        raise InputError(f"{path}: row {row}: 'label' must be an integer in [0, {len(classes) - 1}]")
    labels = labels_raw.to_numpy(dtype=np.int64)

    expected_dx = np.asarray(classes, dtype=object)[labels]
    mismatch = frame["dx"].to_numpy(dtype=object) != expected_dx
    if mismatch.any():
        row = int(np.flatnonzero(mismatch)[0])
        raise InputError(
            f"{path}: row {row + 2}: dx '{frame['dx'].iloc[row]}' does not match label {labels[row]} "
            f"('{expected_dx[row]}' in model.json classes); class order differs, rerun the train stage"
        )

    logits = frame[logit_cols].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=np.float64)
    finite = np.isfinite(logits).all(axis=1)
    if not finite.all():
        row = int(np.flatnonzero(~finite)[0]) + 2
        raise InputError(f"{path}: row {row}: logits must be finite numbers")

    ids = frame[list(ID_COLUMNS)].reset_index(drop=True)
    return ids, logits, labels


def load_temperature(calibration_json: str | os.PathLike) -> float:
    """The fitted temperature from the calibrate stage's temperature.json."""
    path = Path(calibration_json)
    temperature = read_json(path, "calibrate").get("temperature")
    if (
        isinstance(temperature, bool)
        or not isinstance(temperature, (int, float))
        or not np.isfinite(temperature)
        or temperature <= 0
    ):
        raise InputError(f"{path}: 'temperature' must be a positive number; rerun the calibrate stage")
    return float(temperature)
