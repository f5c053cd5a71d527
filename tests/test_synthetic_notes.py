"""Notes from the bundled synthetic sample are flagged loudly and recorded, whatever profile is applied."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import BIN, REPO, run

from medrepro import layout
from medrepro.data.sample_notes import write_sample_notes


@pytest.mark.parametrize("where, synthetic", [("data/sample/notes.csv", True), ("data/raw/mtsamples.csv", False)])
def test_prepare_notes_records_whether_notes_are_synthetic(tmp_path, where, synthetic):
    write_sample_notes(tmp_path / where, n=120, seed=0)
    (tmp_path / "params.yaml").write_text(yaml.safe_dump({
        "data": {"notes": where},
        "notes": {"top_k": 3, "other": "drop", "val_fraction": 0.15, "test_fraction": 0.15, "seed": 42,
                  "text_column": "transcription", "label_column": "medical_specialty"}}))
    proc = run([str(BIN / "python"), str(REPO / "stages" / "prepare_notes.py")], cwd=tmp_path)
    assert json.loads(layout.notes_data_json(tmp_path).read_text())["synthetic"] is synthetic
    assert ("SYNTHETIC notes sample" in proc.stderr) is synthetic
