"""PHI scanner: planted values in any file (binary too), patterns in text files, never printing values."""

from __future__ import annotations

import json
import random
import re

import pytest

from medrepro.privacy import scan
from medrepro.privacy.scan import Finding, main, read_values, scan_paths


def test_values_found_in_text_json_and_binary(tmp_path):
    (tmp_path / "notes.csv").write_text("id,text\n1,clean\n2,Seen by QUORVATH today\n")
    (tmp_path / "vocab.json").write_text(json.dumps({"[PAD]": 0, "quorvath": 1}))
    (tmp_path / "model.bin").write_bytes(b"\x00\x01garbage\x08" + b"Quorvath" + b"\x00" * 10)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "clean.txt").write_text("nothing here\n")
    found = scan_paths([tmp_path], values=["Quorvath"], patterns=False)
    assert found == sorted([
        Finding(str(tmp_path / "model.bin"), 1, "VALUE"),
        Finding(str(tmp_path / "notes.csv"), 3, "VALUE"),
        Finding(str(tmp_path / "vocab.json"), 1, "VALUE"),
    ])


def test_value_categories_and_short_values(tmp_path):
    values_file = tmp_path / "values.tsv"
    values_file.write_text("NAME\tElvira Quorvath\n# comment\n\nID\t80114723\nab\n")
    assert read_values(values_file) == [("NAME", "Elvira Quorvath"), ("ID", "80114723"), ("VALUE", "ab")]
    data = tmp_path / "out"
    data.mkdir()
    (data / "a.txt").write_text("x\nelvira quorvath\nab ab ab\nMRN 80114723\n")
    found = scan_paths([data], values=read_values(values_file), patterns=False)
    assert [(f.line, f.category) for f in found] == [(2, "NAME"), (4, "ID")]  # "ab" is too short to search


def test_values_across_chunk_boundaries_match_naive_search(tmp_path, monkeypatch):
    """Chunked search against a reference: the naive per-line search over the whole file."""
    monkeypatch.setattr(scan, "_CHUNK", 7)
    rng = random.Random(3)
    value = "Quorvath"
    for trial in range(60):
        lines = []
        for _ in range(rng.randint(1, 12)):
            words = [rng.choice(["ab", "quorv", "ath", value, "x\ty", "QUORVATH", "Quorvaths", "0.", "7"])
                     for _ in range(rng.randint(0, 4))]
            lines.append(rng.choice([" ", "", ","]).join(words))
        path = tmp_path / f"f{trial}.txt"
        path.write_text("\n".join(lines))
        whole = re.compile(r"(?<![0-9a-z])quorvath(?![0-9a-z])")
        expected = {i + 1 for i, line in enumerate(path.read_text().split("\n")) if whole.search(line.lower())}
        got = {f.line for f in scan_paths([path], values=[value], patterns=False)}
        assert got == expected


def test_values_match_on_token_boundaries_never_inside_a_longer_number(tmp_path):
    """A planted ID or name inside a logit's decimals or a longer word is no leak; next to punctuation it is."""
    (tmp_path / "test.csv").write_text(
        "image_id,logit_mel\n"
        "ISIC_1,-0.348217\n"        # 48217 inside the decimals
        "ISIC_2,1482170\n"          # inside a longer integer
        "ISIC_3,48217.5\n"          # the integer part of a decimal number
        "Annual review\n"           # the name Ann inside a word
        "MRN:48217.\n"              # a real leak at the end of a sentence
        "\"ann\",id=48217,x\n")      # quoted and between punctuation: leaks
    found = scan_paths([tmp_path], values=[("ID", "48217"), ("NAME", "Ann")], patterns=False)
    assert [(f.line, f.category) for f in found] == [(6, "ID"), (7, "ID"), (7, "NAME")]


def test_patterns_in_text_files_and_placeholders_skipped(tmp_path):
    text = tmp_path / "train.csv"
    text.write_text(
        "note_id,text\n"
        "1,Dr. [NAME] saw the patient on [DATE]; call [PHONE].\n"
        "2,Seen on 07/24/2008 by the team.\n"
        "3,Call (555) 123-4567 or mail jdoe@example.org.\n"
        "4,Dr. Kelvaro and SSN 123-45-6789.\n"
        "5,BP 124/78 and Zyrtec 10 mg in 2008 at C5-C6.\n"
    )
    found = scan_paths([text])
    assert [(f.line, f.category) for f in found] == [
        (3, "DATE"), (4, "EMAIL"), (4, "PHONE"), (5, "ID"), (5, "NAME"),
    ]


def test_binary_files_only_get_value_search(tmp_path):
    (tmp_path / "weights.safetensors").write_bytes(b"\x00\x00" + b"07/24/2008 555-123-4567" + b"\x00")
    assert scan_paths([tmp_path]) == []


def test_skips_vcs_and_cache_dirs(tmp_path):
    for d in (".git", "__pycache__", ".dvc"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.txt").write_text("Quorvath 07/24/2008\n")
    assert scan_paths([tmp_path], values=["Quorvath"]) == []


def test_main_exit_codes_and_no_values_printed(tmp_path, capsys):
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "a.txt").write_text("Dr. [NAME] on [DATE]\n")
    assert main([str(clean)]) == 0
    dirty = tmp_path / "dirty"
    dirty.mkdir()
    (dirty / "a.txt").write_text("ok\nElvira Quorvath seen 07/24/2008\n")
    values = tmp_path / "v.txt"
    values.write_text("NAME\tElvira Quorvath\n")
    capsys.readouterr()
    assert main([str(dirty), "--values", str(values)]) == 1
    out = capsys.readouterr()
    assert "Quorvath" not in out.out + out.err and "07/24/2008" not in out.out + out.err
    assert f"{dirty / 'a.txt'}:2: NAME" in out.out
    assert f"{dirty / 'a.txt'}:2: DATE" in out.out
    assert main([str(tmp_path / "missing")]) == 2


@pytest.mark.parametrize("category_line", ["A 95-year-old woman.", "She lives at 1423 Maple Grove Road."])
def test_other_pattern_categories(tmp_path, category_line):
    f = tmp_path / "x.txt"
    f.write_text(category_line + "\n")
    assert len(scan_paths([f])) == 1


def test_tensor_payload_is_skipped_but_header_is_scanned(tmp_path):
    import numpy as np
    import torch
    from safetensors.torch import save_file

    from medrepro.privacy.scan import scan_paths

    payload = np.frombuffer(b"Zorvath Quillon" * 4, dtype=np.uint8).copy()
    np.save(tmp_path / "cache.npy", payload)
    save_file({"w": torch.from_numpy(payload)}, tmp_path / "model.safetensors")
    assert scan_paths([tmp_path], values=["Zorvath Quillon"], patterns=False) == []
    save_file({"w": torch.zeros(2)}, tmp_path / "named.safetensors", metadata={"author": "Zorvath Quillon"})
    found = scan_paths([tmp_path], values=["Zorvath Quillon"], patterns=False)
    assert [f.path for f in found] == [str(tmp_path / "named.safetensors")]
