"""Stage prepare_notes: de-identify the clinical notes, keep the top-k specialties, split stratified."""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path

from medrepro.config import from_dict, load_params, run_stage, section
from medrepro.data.notes import SPLITS, load_notes, prepare_notes
from medrepro.errors import ParamsError
from medrepro.io import atomic_path, write_json
from medrepro.layout import PREPARED_NOTES, notes_data_json

OUT_DIR = PREPARED_NOTES
METRICS = notes_data_json()
SAMPLE_DIR = Path("data/sample")  # the bundled synthetic data


@dataclass
class NotesDataParams:
    """The data keys of the `notes` section; the training keys that share it are read by train_text."""

    top_k: int = 5
    other: str = "drop"
    val_fraction: float = 0.15
    test_fraction: float = 0.15
    seed: int = 42
    text_column: str = "transcription"
    label_column: str = "medical_specialty"


def read_params(params: dict) -> tuple[Path, NotesDataParams]:
    notes = section(params, "notes")
    if not isinstance(notes, dict):
        raise ParamsError("params.yaml: 'notes' must be a mapping")
    mine = {f.name for f in dataclasses.fields(NotesDataParams)}
    p = from_dict(NotesDataParams, {k: v for k, v in notes.items() if k in mine}, "notes")
    return Path(str(section(params, "data.notes"))), p


def main() -> None:
    csv_path, p = read_params(load_params())
    df = load_notes(csv_path, text_column=p.text_column, label_column=p.label_column)
    prepared = prepare_notes(df, top_k=p.top_k, other=p.other, val_fraction=p.val_fraction,
                             test_fraction=p.test_fraction, seed=p.seed, text_column=p.text_column,
                             label_column=p.label_column)
    with atomic_path(OUT_DIR) as tmp:
        tmp.mkdir()
        for split in SPLITS:
            prepared.split(split).to_csv(tmp / f"{split}.csv", index=False)
    synthetic = csv_path.resolve().is_relative_to(SAMPLE_DIR.resolve())
    write_json(METRICS, {**prepared.metrics(), "synthetic": synthetic})
    m = prepared.metrics()
    print(f"notes: {m['n_split']} over {m['n_classes']} classes; PHI placeholders: {m['phi_placeholders']}")
    if synthetic:
        print(f"warning: {csv_path} is the bundled SYNTHETIC notes sample (recorded as synthetic: true in "
              f"{METRICS}); note-model results say nothing about real clinical notes. Set data.notes to "
              "MTSamples (`medrepro profile thesis` points it at data/raw/mtsamples.csv)", file=sys.stderr)


if __name__ == "__main__":
    run_stage(main)
