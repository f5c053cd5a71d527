"""Notes data: loading errors, preparation (drop, de-identify, top-k, grouped stratified split), the
synthetic sample generator and the prepare_notes stage end to end."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import REFERENCE_DATA

from medrepro import layout
from medrepro.data.notes import load_notes, prepare_notes
from medrepro.data.sample_notes import COLUMNS, generate_sample_notes, planted_values, write_sample_notes
from medrepro.errors import InputError, ParamsError
from medrepro.privacy.scan import scan_paths

REPO = Path(__file__).resolve().parents[1]
SHARED = REFERENCE_DATA / "mtsamples.csv"


@pytest.fixture(scope="module")
def sample_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("notes") / "notes.csv"
    values = write_sample_notes(path, n=240, seed=0)
    return path, values


def _frame(rows):
    return pd.DataFrame(rows, columns=["note_id", "transcription", "medical_specialty"])


# --- load_notes -----------------------------------------------------------------------------------------

def test_load_missing_file(tmp_path):
    with pytest.raises(InputError, match="notes CSV not found"):
        load_notes(tmp_path / "nope.csv")


def test_load_missing_columns_listed(tmp_path):
    p = tmp_path / "n.csv"
    p.write_text("note_id,text\n1,hello\n")
    with pytest.raises(InputError, match=r"missing column\(s\) \['transcription', 'medical_specialty'\]"):
        load_notes(p)


def test_load_non_utf8_names_byte_and_line(tmp_path):
    p = tmp_path / "latin1.csv"
    head = b"note_id,transcription,medical_specialty\n1,ok,Surgery\n2,caf"
    p.write_bytes(head + b"\xe9,Surgery\n")
    with pytest.raises(InputError) as err:
        load_notes(p)
    msg = str(err.value)
    assert str(p) in msg and f"byte {len(head)} " in msg and "line 3" in msg and "\n" not in msg


def test_load_duplicate_ids_and_custom_columns(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("note_id,body,spec\n1,a,X\n1,b,Y\n")
    with pytest.raises(InputError, match="note_id '1' occurs more than once"):
        load_notes(p, text_column="body", label_column="spec")
    p.write_bytes(b"\xef\xbb\xbfbody,spec\na,X\nb,Y\n")  # with a UTF-8 BOM
    df = load_notes(p, text_column="body", label_column="spec")
    assert df["note_id"].tolist() == ["1", "2"]


# --- prepare_notes --------------------------------------------------------------------------------------

def test_prepare_sample_end_to_end(sample_csv):
    path, values = sample_csv
    df = load_notes(path)
    prep = prepare_notes(df, top_k=5, other="drop", val_fraction=0.15, test_fraction=0.15, seed=42)
    frame = prep.frame
    assert list(frame.columns) == ["note_id", "text", "label", "split"]
    assert prep.n_empty_dropped == 2
    assert frame["text"].str.strip().ne("").all()
    # labels are stripped, exactly the five largest classes are kept
    raw = df[df["transcription"].str.strip() != ""]["medical_specialty"].str.strip().value_counts()
    assert sorted(prep.classes) == sorted(raw.index[:5])
    assert not frame["label"].str.startswith(" ").any()
    # stratified: every class is in every split, in roughly the same proportion
    for label in prep.classes:
        share = (frame["label"] == label).groupby(frame["split"]).mean()
        assert share.max() - share.min() < 0.08
    sizes = frame["split"].value_counts()
    assert abs(sizes["test"] / len(frame) - 0.15) < 0.03 and abs(sizes["val"] / len(frame) - 0.15) < 0.03
    # no planted identifier survives in the prepared text
    text = "\n".join(frame["text"]).lower()
    leaked = [v for v in values if v.value.lower() in text]
    assert leaked == []
    m = prep.metrics()
    assert m["phi_placeholders"]["NAME"] > 0 and m["phi_placeholders"]["DATE"] > 0
    assert sum(m["n_split"].values()) == len(frame) == m["n_notes"]
    assert json.dumps(m)  # plain JSON types only


def test_prepare_is_deterministic_and_seed_matters(sample_csv):
    df = load_notes(sample_csv[0])
    a = prepare_notes(df, seed=1).frame
    b = prepare_notes(df, seed=1).frame
    c = prepare_notes(df, seed=2).frame
    pd.testing.assert_frame_equal(a, b)
    assert dict(zip(a["note_id"], a["split"], strict=True)) != dict(zip(c["note_id"], c["split"], strict=True))


def test_prepare_other_mode_relabels(sample_csv):
    df = load_notes(sample_csv[0])
    prep = prepare_notes(df, top_k=3, other="other")
    assert "Other" in prep.classes and len(prep.classes) == 4
    assert prep.n_other == (prep.frame["label"] == "Other").sum()


def test_identical_texts_stay_in_one_split():
    rows = []
    for i in range(60):
        label = ["A", "B", "C"][i % 3]
        rows.append((str(i), f"note about {label} number {i}", label))
    rows += [("d1", "note about A number 0", "B"), ("d2", "note  about A number 0", "C")]  # same text
    prep = prepare_notes(_frame(rows), top_k=3, seed=0)
    splits = prep.frame.set_index("note_id")["split"]
    assert splits["0"] == splits["d1"] == splits["d2"]
    assert prep.n_duplicate_rows == 2


def test_too_few_notes_to_stratify():
    rows = [(str(i), f"text {i}", "A") for i in range(20)] + [("x", "rare one", "B"), ("y", "rare two", "B")]
    with pytest.raises(InputError, match="class 'B' has only 2 distinct note"):
        prepare_notes(_frame(rows), top_k=2)


def test_bad_params():
    df = _frame([("1", "a", "A")])
    with pytest.raises(ParamsError, match="notes.other"):
        prepare_notes(df, other="keep")
    with pytest.raises(ParamsError, match="below 1"):
        prepare_notes(df, val_fraction=0.5, test_fraction=0.5)


@pytest.mark.reference_data("mtsamples.csv")
def test_real_mtsamples_subset_loads_and_prepares():
    df = load_notes(SHARED)
    assert len(df) == 4999
    sub = df.sample(n=600, random_state=0)
    prep = prepare_notes(sub, top_k=4, seed=0)
    assert set(prep.frame["split"]) == {"train", "val", "test"}
    assert "Surgery" in prep.classes


# --- sample notes ---------------------------------------------------------------------------------------

def test_sample_notes_deterministic_and_shaped(tmp_path):
    rows_a, vals_a = generate_sample_notes(80, seed=3)
    rows_b, vals_b = generate_sample_notes(80, seed=3)
    assert rows_a == rows_b and vals_a == vals_b
    assert generate_sample_notes(80, seed=4)[0] != rows_a
    assert planted_values(80, 3) == vals_a
    path = tmp_path / "s.csv"
    values_path = tmp_path / "s.values.tsv"
    write_sample_notes(path, n=80, seed=3, values_path=values_path)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == COLUMNS
        rows = list(reader)
    assert len(rows) == 80 and len({r["medical_specialty"] for r in rows}) == 6
    lines = values_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(vals_a) and all("\t" in line for line in lines)
    for row in rows:  # every non-empty note carries its planted values
        mine = [v.value for v in vals_a if v.note_id == row["note_id"]]
        assert all(v in row["transcription"] for v in mine)


@pytest.mark.reference_data("mtsamples.csv")
def test_sample_notes_copy_nothing_from_mtsamples():
    real = pd.read_csv(SHARED, dtype=str, keep_default_na=False)["transcription"]
    sentences = {s.strip() for t in real for s in t.split(".") if len(s.strip()) > 40}
    rows, _ = generate_sample_notes(240, seed=0)
    mine = {s.strip() for r in rows for s in r["transcription"].split(".") if len(s.strip()) > 40}
    assert not (mine & sentences)


# --- stage ----------------------------------------------------------------------------------------------

def test_stage_prepare_notes(tmp_path, sample_csv):
    values_path = tmp_path / "values.tsv"
    write_sample_notes(tmp_path / "notes.csv", n=240, seed=0, values_path=values_path)
    (tmp_path / "params.yaml").write_text(
        "data:\n  notes: notes.csv\n"
        "notes:\n  top_k: 5\n  other: drop\n  val_fraction: 0.15\n  test_fraction: 0.15\n  seed: 42\n"
        "  text_column: transcription\n  label_column: medical_specialty\n"
        "  model_name: some-model\n  lora_r: 8\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    proc = subprocess.run([sys.executable, str(REPO / "stages" / "prepare_notes.py")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / layout.PREPARED_NOTES
    assert sorted(p.name for p in out.iterdir()) == ["test.csv", "train.csv", "val.csv"]
    train = pd.read_csv(out / "train.csv")
    assert list(train.columns) == ["note_id", "text", "label"]
    metrics = json.loads(layout.notes_data_json(tmp_path).read_text())
    assert metrics["n_split"]["train"] == len(train)
    assert set(metrics["counts"]) == {"train", "val", "test"}
    findings = scan_paths([tmp_path / "data", tmp_path / layout.RESULTS], values=[(v.category, v.value) for v in
                                                                          planted_values(240, 0)])
    assert findings == []
    # a bad value in the stage's own keys is one clear line and exit 1
    (tmp_path / "params.yaml").write_text("data:\n  notes: notes.csv\nnotes:\n  top_k: many\n")
    proc = subprocess.run([sys.executable, str(REPO / "stages" / "prepare_notes.py")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and proc.stderr.startswith("error: params.yaml: 'notes.top_k'")
