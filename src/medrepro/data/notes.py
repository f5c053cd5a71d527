"""Clinical notes (MTSamples-style CSV): load with clear errors, then drop, de-identify, select, split.

Identical transcriptions are kept together in one split: MTSamples files many notes twice (for example
under both Surgery and Orthopedic), and a note whose copy sits in the test split would leak.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from medrepro.errors import InputError, ParamsError
from medrepro.privacy.deid import CATEGORIES, deidentify_frame

SPLITS = ("train", "val", "test")
OTHER_LABEL = "Other"
OUTPUT_COLUMNS = ("note_id", "text", "label")


def load_notes(path: str | os.PathLike, text_column: str = "transcription",
               label_column: str = "medical_specialty") -> pd.DataFrame:
    """Read a notes CSV as strings; every problem becomes a one-line InputError naming the file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: notes CSV not found; set data.notes in params.yaml or run the sample stage")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{path}: not valid UTF-8 at byte {exc.start} (line {line}); re-save the file as UTF-8"
        ) from exc
    text = text.removeprefix("\ufeff")  # a UTF-8 BOM from spreadsheet exports
    if not text.strip():
        raise InputError(f"{path}: the file is empty; expected a CSV with a header row")
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        detail = " ".join(str(exc).split())[:120]
        raise InputError(f"{path}: not a readable CSV ({detail}); check quoting of the text column") from exc
    missing = [c for c in (text_column, label_column) if c not in df.columns]
    if missing:
        raise InputError(
            f"{path}: missing column(s) {missing}; found {list(df.columns)}; "
            "set notes.text_column / notes.label_column in params.yaml"
        )
    if "note_id" not in df.columns:
        df.insert(0, "note_id", [str(i) for i in range(1, len(df) + 1)])
    dup = df["note_id"][df["note_id"].duplicated()]
    if len(dup):
        raise InputError(f"{path}: note_id {dup.iloc[0]!r} occurs more than once (row {dup.index[0] + 2}); "
                         "note ids must be unique")
    return df


@dataclass
class PreparedNotes:
    """The split notes plus the counts that go into metrics (never any text)."""

    frame: pd.DataFrame  # note_id, text, label, split
    classes: list[str]
    phi_counts: dict[str, int]
    n_input: int
    n_empty_dropped: int
    n_other: int
    other: str
    n_duplicate_rows: int

    def split(self, name: str) -> pd.DataFrame:
        return self.frame.loc[self.frame["split"] == name, list(OUTPUT_COLUMNS)].reset_index(drop=True)

    def metrics(self) -> dict:
        counts = {
            s: {c: int(n) for c, n in sorted(Counter(self.frame.loc[self.frame["split"] == s, "label"]).items())}
            for s in SPLITS
        }
        return {
            "n_input": self.n_input,
            "n_notes": int(len(self.frame)),
            "n_empty_dropped": self.n_empty_dropped,
            "n_outside_top_k": self.n_other,
            "n_duplicate_rows": self.n_duplicate_rows,
            "n_classes": len(self.classes),
            "classes": self.classes,
            "n_split": {s: int(sum(counts[s].values())) for s in SPLITS},
            "counts": counts,
            "phi_placeholders": dict(self.phi_counts),
            "phi_placeholders_total": int(sum(self.phi_counts.values())),
        }


def _check_params(top_k: int, other: str, val_fraction: float, test_fraction: float) -> None:
    if not isinstance(top_k, int) or isinstance(top_k, bool) or top_k < 2:
        raise ParamsError(f"params.yaml: notes.top_k must be an integer >= 2, got {top_k!r}")
    if other not in ("drop", "other"):
        raise ParamsError(f"params.yaml: notes.other must be 'drop' or 'other', got {other!r}")
    for name, frac in (("val_fraction", val_fraction), ("test_fraction", test_fraction)):
        if not 0.0 < float(frac) < 1.0:
            raise ParamsError(f"params.yaml: notes.{name} must be between 0 and 1, got {frac!r}")
    if val_fraction + test_fraction >= 1.0:
        raise ParamsError("params.yaml: notes.val_fraction + notes.test_fraction must be below 1")


def _text_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).lower().encode("utf-8")).hexdigest()


def prepare_notes(df: pd.DataFrame, top_k: int = 5, other: str = "drop", val_fraction: float = 0.15,
                  test_fraction: float = 0.15, seed: int = 42, text_column: str = "transcription",
                  label_column: str = "medical_specialty") -> PreparedNotes:
    """Drop empty notes, keep the top_k specialties, de-identify, and split stratified by label."""
    from sklearn.model_selection import train_test_split

    _check_params(top_k, other, val_fraction, test_fraction)
    n_input = len(df)
    texts = df[text_column].fillna("").astype(str)
    labels = df[label_column].fillna("").astype(str).str.strip()
    keep = (texts.str.strip() != "") & (labels != "")
    work = pd.DataFrame({"note_id": df["note_id"].astype(str), "text": texts, "label": labels})[keep]
    n_empty = int((~keep).sum())

    ranked = sorted(Counter(work["label"]).items(), key=lambda kv: (-kv[1], kv[0]))
    top = [label for label, _ in ranked[:top_k]]
    in_top = work["label"].isin(top)
    n_other = int((~in_top).sum())
    if other == "drop":
        work = work[in_top]
    else:
        work = work.assign(label=work["label"].where(in_top, OTHER_LABEL))
    classes = sorted(set(work["label"]))
    if len(classes) < 2:
        raise InputError(f"only {len(classes)} class left after selecting the top {top_k}; need at least 2")

    work, phi_counts = deidentify_frame(work.reset_index(drop=True), "text")

    # Split groups of identical texts, stratified by the label of each group's first note.
    work["group"] = [_text_key(t) for t in work["text"]]
    groups = work.drop_duplicates("group")[["group", "label"]]
    n_duplicate_rows = int(len(work) - len(groups))
    per_class = Counter(groups["label"])
    need = 3
    small = sorted((n, c) for c, n in per_class.items() if n < need)
    if small:
        n, c = small[0]
        raise InputError(
            f"class '{c}' has only {n} distinct note(s); a stratified train/val/test split needs at least {need}; "
            "lower notes.top_k or use notes.other: drop"
        )
    try:
        rest, test = train_test_split(groups, test_size=test_fraction, random_state=seed,
                                      stratify=groups["label"])
        train, val = train_test_split(rest, test_size=val_fraction / (1.0 - test_fraction),
                                      random_state=seed, stratify=rest["label"])
    except ValueError as exc:
        raise InputError(f"cannot stratify the notes split: {' '.join(str(exc).split())}; "
                         "lower notes.top_k or raise the val/test fractions") from exc
    split_of = {g: "train" for g in train["group"]}
    split_of.update({g: "val" for g in val["group"]})
    split_of.update({g: "test" for g in test["group"]})
    work["split"] = work["group"].map(split_of)
    for s in SPLITS:
        missing = sorted(set(classes) - set(work.loc[work["split"] == s, "label"]))
        if missing:
            raise InputError(f"class '{missing[0]}' has no note in the {s} split; it has too few notes to "
                             "stratify; lower notes.top_k or raise the val/test fractions")
    order = {s: i for i, s in enumerate(SPLITS)}
    frame = (work.assign(_o=work["split"].map(order)).sort_values("_o", kind="stable")
             .drop(columns=["_o", "group"]).reset_index(drop=True))[["note_id", "text", "label", "split"]]
    return PreparedNotes(
        frame=frame, classes=classes, phi_counts={c: int(phi_counts.get(c, 0)) for c in CATEGORIES},
        n_input=n_input, n_empty_dropped=n_empty, n_other=n_other, other=other,
        n_duplicate_rows=n_duplicate_rows,
    )
