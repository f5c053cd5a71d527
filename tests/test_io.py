"""Atomic outputs: a failure leaves the previous output (or nothing), never half a file."""

from __future__ import annotations

import json

import pytest

from medrepro.io import atomic_path, write_json


def test_failed_write_keeps_previous_file(tmp_path):
    target = tmp_path / "metrics.json"
    write_json(target, {"a": 1})
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text('{"a": 2, "trunc')
        raise RuntimeError("killed")
    assert json.loads(target.read_text()) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["metrics.json"]


def test_failed_write_leaves_no_new_folders(tmp_path):
    with pytest.raises(RuntimeError), atomic_path(tmp_path / "a" / "b" / "out") as tmp:
        tmp.mkdir()
        raise RuntimeError("bad input")
    assert list(tmp_path.iterdir()) == []


def test_directory_is_replaced_whole(tmp_path):
    out = tmp_path / "prepared"
    out.mkdir()
    (out / "old.npy").write_text("old")
    with atomic_path(out) as tmp:
        tmp.mkdir()
        (tmp / "new.npy").write_text("new")
    assert [p.name for p in out.iterdir()] == ["new.npy"]


def test_json_has_no_nan_and_sorted_keys(tmp_path):
    write_json(tmp_path / "m.json", {"b": float("nan"), "a": 1.5})
    text = (tmp_path / "m.json").read_text()
    assert json.loads(text) == {"a": 1.5, "b": None} and text.index('"a"') < text.index('"b"')
