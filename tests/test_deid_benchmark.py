"""PHI-injection benchmark on real MTSamples notes: thresholds, honest pools, and that it can fail."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import pytest
from conftest import REFERENCE_DATA

from medrepro.privacy import benchmark as bench
from medrepro.privacy import name_lists as nl
from medrepro.privacy.deid import DeidResult

REPO = Path(__file__).resolve().parents[1]
SHARED = REFERENCE_DATA / "mtsamples.csv"
pytestmark = pytest.mark.reference_data("mtsamples.csv")


@pytest.fixture(scope="module")
def notes():
    with SHARED.open(encoding="utf-8", newline="") as fh:
        return [row["transcription"] for row in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def report(notes):
    return bench.run_benchmark(notes, n=150, seed=7)


def test_recall_and_tokens_kept_meet_targets(report):
    assert report["n_notes"] == 150
    assert report["n_planted"] >= 150 * 15
    assert report["recall"] >= 0.995, report["recall_by_template"]
    assert report["tokens_kept"] >= 0.98
    assert set(report["planted_by_category"]) == {
        "NAME", "DATE", "AGE>89", "PHONE", "EMAIL", "URL", "IP", "ID", "ADDRESS", "LOCATION"}
    # the stress set (bare held-out names without any cue) is reported, not hidden
    assert report["n_stress_planted"] == 150 and 0.0 <= report["stress_recall"] <= 1.0


def test_pools_are_disjoint_from_the_deid_lists():
    known = nl.FIRST_NAMES | nl.SURNAMES | nl.EPONYM_FIRST_NAMES
    assert len(bench.HELDOUT_FIRST) > 80 and len(bench.HELDOUT_SURNAMES) > 80
    assert not set(bench.HELDOUT_FIRST) & known
    assert not set(bench.HELDOUT_SURNAMES) & known
    assert not set(bench.HELDOUT_CITIES) & set(nl.US_CITIES)
    gen = bench._Gen(random.Random(0))
    drawn = {gen.surname() for _ in range(300)} | {gen.city() for _ in range(300)}
    assert not drawn & (known | set(nl.US_CITIES))


def test_planted_values_are_in_the_note_and_absent_from_the_reference(notes):
    rng = random.Random(5)
    text = next(t for t in notes if len(t) > 2000)
    from medrepro.privacy.deid import deidentify

    reference = deidentify(text).text
    planted_text, planted, skeletons = bench.plant(text, rng, reference)
    assert len(planted) >= 15
    for item in planted:
        assert item.value in planted_text
        assert not any(bench._present(p, reference.lower()) for p in item.parts)
    assert len(planted_text) > len(text)


def test_benchmark_can_fail(notes, monkeypatch):
    """An identity 'de-identifier' must score zero recall; one that blanks everything keeps no tokens."""
    monkeypatch.setattr(bench, "deidentify", lambda t: DeidResult(t, {}))
    assert bench.run_benchmark(notes, n=10, seed=1)["recall"] == 0.0
    monkeypatch.setattr(bench, "deidentify", lambda t: DeidResult("[NAME]", {"NAME": 1}))
    assert bench.run_benchmark(notes, n=10, seed=1)["tokens_kept"] == 0.0


def test_cli_prints_no_values(capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("deid_benchmark", REPO / "benchmarks" / "deid_benchmark.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rc = module.main(["--notes", str(SHARED), "--n", "12", "--seed", "3"])
    out = capsys.readouterr().out
    assert rc in (0, 1) and "recall:" in out and "tokens_kept:" in out
    pool = set(bench.HELDOUT_FIRST) | set(bench.HELDOUT_SURNAMES) | set(bench.HELDOUT_CITIES)
    assert not any(re.search(rf"\b{re.escape(w)}\b", out) for w in pool)
    assert "@" not in out and not re.search(r"\d{3}-\d{4}", out)
