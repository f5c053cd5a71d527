"""The fast scanner (one trie pass per buffer, substring search, a per-line cache) finds exactly what the
plain reference finds: every value's boundary pattern over the whole file, find_phi on every line alone."""

from __future__ import annotations

import json
import random

import pytest

from medrepro.data.sample_notes import write_sample_notes
from medrepro.privacy import scan
from medrepro.privacy.deid import SCAN_RULES, find_phi


def _reference(paths, values, patterns=True) -> list[scan.Finding]:
    """The scan as specified, with no shortcut: each value's pattern over the whole file (up to a tensor
    payload), and the cued detectors on each line by itself."""
    norm = scan._normalise(values)
    found = set()
    for path in scan._iter_files(paths):
        data = path.read_bytes()
        limit = scan._payload_offset(path)
        data = (data if limit is None else data[:limit]).lower()
        for category, value in norm:
            for match in scan._value_pattern(value).finditer(data):
                found.add(scan.Finding(str(path), data.count(b"\n", 0, match.start()) + 1, category))
        if patterns and not scan._is_binary(path):
            with path.open(encoding="utf-8", errors="ignore") as fh:
                for number, line in enumerate(fh, start=1):
                    if any(ch.isdigit() or ch.isupper() or ch == "@" for ch in line):
                        for span in find_phi(line, rules=SCAN_RULES, names="cued", locations=False):
                            found.add(scan.Finding(str(path), number, span.category))
    return sorted(found)


def _corpus(tmp_path):
    """Synthetic raw notes with their planted values, plus outputs where values and identifiers repeat,
    overlap, touch decimals, hide in a tensor header or payload, or are split across a line break."""
    out = tmp_path / "corpus"
    out.mkdir()
    planted = write_sample_notes(out / "notes.csv", n=30, seed=5)
    values = [(v.category, v.value) for v in planted] + [("NAME", "Ann"), ("NAME", "Ann Roe"), ("ID", "48217"),
                                                         ("ID", "482170"), ("EMAIL", "ann.roe@example.org")]
    names = [v for c, v in values if c == "NAME" and " " in v][:6]
    rows = [{"epoch": i % 3, "loss": 0.48217 + i, "note": names[i % len(names)] if i % 7 == 0 else "ok"}
            for i in range(60)]
    (out / "metrics.json").write_text(json.dumps(rows, indent=2))
    (out / "log.txt").write_text(
        "seen by Dr. Kowalczyk on 03/14/2021\n" * 40  # one line, many times
        + "seen by Dr.\nKowalczyk on 03/14/\n2021, call 555-\n867-5309, MRN:\n48217\n"
        + "Ann\nRoe and ann roe, 0.48217 and 48217.5 and x48217 and (48217)\n"
        + f"{names[0].split()[0]}\n{names[0].split()[1]}\n"
        + "x" * 600 + " Patient name: Jane Roe, SSN 123-45-6789 " + "y" * 600 + "\n"  # longer than the cache
        + "ann.roe@example.org\n")
    header = json.dumps({"w": {"dtype": "U8", "shape": [2], "data_offsets": [0, 16]},
                         "__metadata__": {"owner": names[1]}}).encode()
    (out / "model.safetensors").write_bytes(len(header).to_bytes(8, "little") + header + names[2].encode() * 2)
    (out / "vocab.bin").write_bytes(b"\0\1" + names[3].upper().encode() + b"\0" + b"48217\xff")
    (out / "copy.csv").write_bytes((out / "notes.csv").read_bytes())  # the same lines in a second file
    return out, values


@pytest.mark.parametrize("chunk", [scan._CHUNK, 97])
def test_fast_scan_finds_exactly_what_the_reference_finds(tmp_path, monkeypatch, chunk):
    out, values = _corpus(tmp_path)
    monkeypatch.setattr(scan, "_CHUNK", chunk)
    expected = _reference([out], values)
    assert scan.scan_paths([out], values) == expected
    # each check on its own too: a value found on a line must not hide a pattern missed there, or back
    assert scan.scan_paths([out], values, patterns=False) == _reference([out], values, patterns=False)
    assert scan.scan_paths([out]) == _reference([out], None)
    categories = {f.category for f in expected}
    assert {"NAME", "ID", "EMAIL", "DATE", "PHONE"} <= categories  # the corpus exercises every kind
    assert {f.path for f in expected} >= {str(out / n) for n in ("log.txt", "model.safetensors", "vocab.bin")}
    # run twice: the line cache, now warm, gives the same answer
    assert scan.scan_paths([out], values) == expected


def test_trie_matches_exactly_the_buffers_that_hold_a_value():
    rng = random.Random(7)
    for _ in range(300):
        values = {"".join(rng.choice("ab.-") for _ in range(rng.randint(1, 5))).encode()
                  for _ in range(rng.randint(1, 8))}
        trie = scan._trie_pattern(values)
        for _ in range(10):
            buf = "".join(rng.choice("ab.-c\n") for _ in range(rng.randint(0, 12))).encode()
            assert (trie.search(buf) is not None) == any(v in buf for v in values), (values, buf)


def test_trie_keeps_only_a_prefix_of_long_values():
    value = b"q" * 5000 + b"z"
    trie = scan._trie_pattern([value, b"abc"])
    assert trie.search(b"x" + b"q" * scan._TRIE_DEPTH) and not trie.search(b"q" * (scan._TRIE_DEPTH - 1))


def test_substring_starts_equal_finditer():
    rng = random.Random(11)
    for _ in range(500):
        value = "".join(rng.choice("7a.-") for _ in range(rng.randint(1, 4))).encode()
        pattern = scan._value_pattern(value)
        buf = "".join(rng.choice(["7", "a", ".", "-", " ", "0.", value.decode()]) for _ in range(15)).encode()
        assert list(scan._starts(buf, value, pattern)) == [m.start() for m in pattern.finditer(buf)], (value, buf)


def test_value_pattern_is_compiled_only_for_values_present(tmp_path, monkeypatch):
    compiled = []
    original = scan._value_pattern
    monkeypatch.setattr(scan, "_value_pattern", lambda v: compiled.append(v) or original(v))
    (tmp_path / "a.txt").write_text("seen Quorvath\n" * 3)
    (tmp_path / "b.txt").write_text("Quorvath again\n")
    values = ["Quorvath"] + [f"Zelqa{i:04d}" for i in range(1000)]
    assert [f.line for f in scan.scan_paths([tmp_path], values, patterns=False)] == [1, 2, 3, 1]
    assert compiled == [b"quorvath"]
