"""De-identification benchmark on real MTSamples notes: a quick subset with thresholds, honest splits and
pools, and a scorer that can fail."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE_DATA

REPO = Path(__file__).resolve().parents[1]
SHARED = REFERENCE_DATA / "mtsamples.csv"
pytestmark = pytest.mark.reference_data("mtsamples.csv")
sys.path.insert(0, str(REPO / "benchmarks"))

import deid_benchmark as bench  # noqa: E402
import deid_dev  # noqa: E402
import deid_harness as harness  # noqa: E402
import deid_heldout  # noqa: E402
import deid_heldout2  # noqa: E402
import deid_heldout3  # noqa: E402
import deid_heldout4  # noqa: E402
import deid_heldout5  # noqa: E402
import deid_heldout6  # noqa: E402
import deid_heldout7  # noqa: E402
import deid_heldout7_values  # noqa: E402
import deid_heldout8  # noqa: E402
import deid_heldout9  # noqa: E402


@pytest.fixture(scope="module")
def notes():
    return harness.read_notes(SHARED)


@pytest.fixture(scope="module")
def reports(notes):
    return {split: bench.run(notes, n=40, seed=3, split=split, peers=False)["systems"]["medrepro"]
            for split in ("dev", "dev-v1", "dev-v2", "dev-patterns", "heldout-v6", "heldout-v7", "heldout-v8",
                          "heldout-v9", "dev9-formats")}


@pytest.mark.parametrize("split", ["dev", "dev-v1", "dev-v2"])
def test_development_splits_meet_the_targets(reports, split):
    r = reports[split]
    assert r["n_notes"] == 40 and r["n_planted"] >= 40 * 10
    assert r["recall"] >= 0.99, r["recall_by_template"]
    assert r["recall_by_category"]["NAME"] >= 0.98, r["recall_by_template"]
    assert r["other_tokens_kept"] >= 0.985
    if split != "dev-v2":  # v2's clinical strings are brand names absent from MTSamples: reported, not met
        assert r["clinical_strings_kept"] >= 0.95


def test_pattern_development_split_meets_the_targets_per_category(reports):
    """Dates, ages over 89, places and facilities in many phrasings; numeric near-misses kept verbatim."""
    r = reports["dev-patterns"]
    assert set(r["recall_by_category"]) == {"ADDRESS", "AGE>89", "DATE", "FACILITY", "LOCATION"}
    assert r["n_planted"] >= 40 * 9
    assert r["recall"] >= 0.99, r["recall_by_template"]
    assert min(r["recall_by_category"].values()) >= 0.97, r["recall_by_template"]
    assert r["other_tokens_kept"] >= 0.985 and r["clinical_strings_kept"] >= 0.95
    assert not [f for f in bench.failures(r) if "NAME" in f]  # no names planted: the names target is not applied


def test_heldout_v6_keeps_its_regression_floor(reports):
    """v6 was measured once as an earlier round's estimate (docs/privacy.md: recall 0.9678 on 300 notes);
    it is consumed, so these are regression floors, not estimates (40 notes)."""
    r = reports["heldout-v6"]
    assert {"NAME", "DATE", "ID", "PHONE", "AGE>89", "FACILITY", "URL"} <= set(r["recall_by_category"])
    assert r["recall"] >= 0.93 and r["other_tokens_kept"] >= 0.985
    assert r["recall_by_category"]["DATE"] >= 0.95 and r["recall_by_category"]["ID"] >= 0.88
    assert r["recall_by_category"]["NAME"] >= 0.90 and r["recall_by_category"]["AGE>89"] >= 0.95
    assert r["missed"], "the held-out families are far from solved; an empty miss list means a scoring bug"


def test_heldout_v7_keeps_the_fixes_that_followed_it(reports):
    """v7 was measured once (docs/privacy.md: recall 0.8703 on 300 notes: HL7 and CSV records, compressed
    IPv6, international phones and new age phrasings were missed); round 8 then fixed those kinds on
    development notes (dev-v7). Consumed, so regression floors (40 notes), not estimates."""
    r = reports["heldout-v7"]
    assert r["recall"] >= 0.98 and r["other_tokens_kept"] >= 0.985 and r["clinical_strings_kept"] >= 0.93
    by = r["recall_by_category"]
    assert min(by[c] for c in ("ADDRESS", "AGE>89", "IP", "PHONE")) >= 0.95
    assert by["DATE"] >= 0.97 and by["ID"] >= 0.95 and by["NAME"] >= 0.96


def test_heldout_v8_keeps_its_measured_level(reports):
    """v8 (names from mimesis, its own frames) was measured once on the round-9 rules (docs/privacy.md: recall
    0.9453 on 300 notes; addresses and record numbers in new documents were the misses). Floors (40 notes)
    so a later change cannot fall below the measured estimate unnoticed."""
    r = reports["heldout-v8"]
    assert r["n_planted"] >= 40 * 15
    assert r["recall"] >= 0.92 and r["other_tokens_kept"] >= 0.985 and r["clinical_strings_kept"] >= 0.93
    by = r["recall_by_category"]
    assert by["NAME"] >= 0.95 and by["DATE"] >= 0.92 and by["ID"] >= 0.70 and by["ADDRESS"] >= 0.70
    assert min(by[c] for c in ("AGE>89", "EMAIL", "IP", "PHONE", "URL")) >= 0.95
    assert r["missed"], "v8 is not solved; an empty miss list means a scoring bug"


def test_heldout_v9_keeps_its_measured_level(reports):
    """v9 (names from the mimesis locales v8 left, its own frames) was measured once on the round-10 rules
    (docs/privacy.md: recall 0.9696 on 300 notes; ages written "90M", employers, surnames alone on anesthesia
    records and recent brands were the misses). Floors (40 notes: 0.9731) under the measured level."""
    r = reports["heldout-v9"]
    assert r["n_planted"] >= 40 * 15
    assert r["recall"] >= 0.95 and r["other_tokens_kept"] >= 0.985 and r["clinical_strings_kept"] >= 0.75
    by = r["recall_by_category"]
    assert by["NAME"] >= 0.96 and by["DATE"] >= 0.97 and by["ID"] >= 0.95 and by["ADDRESS"] >= 0.95
    assert by["AGE>89"] >= 0.70 and by["FACILITY"] >= 0.80
    assert min(by[c] for c in ("EMAIL", "IP", "PHONE", "URL")) >= 0.95
    assert r["missed"], "v9 is not solved; an empty miss list means a scoring bug"


def test_identifiers_inside_structured_text_are_found(reports):
    """JSON/XML/CDA, key-value blocks, DICOM dumps, query strings, tables, OCR damage (dev9-formats: 0.78
    without the round-9 key, table and extracted-text rules); clinical strings inside them are kept."""
    r = reports["dev9-formats"]
    assert r["recall"] >= 0.98 and r["recall_by_category"]["NAME"] >= 0.97, r["recall_by_template"]
    assert r["other_tokens_kept"] >= 0.985 and r["clinical_strings_kept"] >= 0.97


def test_dev_and_heldout_notes_share_nothing(notes):
    dev, held = harness.split_notes(notes)
    assert len(dev) > 1000 and len(held) > 1000
    assert not set(dev) & set(held)
    assert len(dev) + len(held) == len({t for t in notes if t.strip()})


def test_planted_names_avoid_every_detector_list_and_earlier_locales():
    earlier = [deid_dev.DEV_LOCALES, deid_heldout.HELDOUT_LOCALES, deid_heldout2.HELDOUT_LOCALES,
               deid_heldout3.HELDOUT_LOCALES, deid_heldout4.HELDOUT_LOCALES, deid_heldout5.HELDOUT_LOCALES,
               deid_heldout6.HELDOUT_LOCALES]
    assert not set().union(*earlier) & set(deid_heldout7.HELDOUT_LOCALES)
    assert bench.split_setup("heldout-v7")[3:] == (deid_heldout7.HELDOUT_LOCALES, deid_heldout7.CLINICAL_FRAMES)
    assert bench.split_setup("heldout-v8")[3:] == (deid_heldout8.GEN_LOCALES, deid_heldout8.CLINICAL_FRAMES)
    half, _families, _clinical, locales, frames = bench.split_setup("heldout")
    assert (half, locales, frames) == (1, deid_heldout9.GEN_LOCALES, deid_heldout9.CLINICAL_FRAMES)
    assert bench.split_setup("dev-v6")[4] == harness.CLINICAL_FRAMES
    gen = harness.Gen(random.Random(0), deid_heldout7.HELDOUT_LOCALES)
    drawn = [w for _ in range(150) for w in deid_heldout7.person(gen) if w]
    particles = harness._PARTICLES | deid_heldout7_values.PARTICLES  # al-, bin, Abu: scored apart from the name
    words = [w for v in drawn for w in v.replace("-", " ").split() if w.lower() not in particles]
    assert not [w for w in words if harness.known_to_detector(w)]
    assert len(set(drawn)) > 200


def test_planted_values_are_absent_from_the_raw_note(notes):
    text = next(t for t in notes if len(t) > 2000)
    gen = harness.Gen(random.Random(1), deid_dev.DEV_LOCALES)
    planted_text, planted, _skeletons, clinical = harness.plant(text, random.Random(5), gen, deid_dev.FAMILIES,
                                                                deid_dev.CLINICAL_STRINGS)
    assert len(planted) >= 15 and len(clinical) == 2
    for item in planted:
        assert item.value in planted_text
        assert not any(harness.present(p, text.lower()) for p in item.parts)


def test_scorer_can_fail(notes):
    corpus = harness.build_corpus(notes[:200], n=10, seed=1, families=deid_dev.FAMILIES,
                                  clinical=deid_dev.CLINICAL_STRINGS, locales=deid_dev.DEV_LOCALES)
    identity = harness.score(corpus, lambda t: t)
    assert identity["recall"] == 0.0 and identity["clinical_strings_kept"] == 1.0
    assert identity["other_tokens_kept"] == 1.0
    blank = harness.score(corpus, lambda t: "[NAME]")
    assert blank["recall"] == 1.0 and blank["other_tokens_kept"] == 0.0 and blank["clinical_strings_kept"] == 0.0


def test_cli_prints_rates_not_surrogates_and_names_skipped_peers(notes, capsys, monkeypatch):
    monkeypatch.setattr(bench, "peer_systems", lambda: ({}, ["philter-lite skipped (test)"]))
    rc = bench.main(["--notes", str(SHARED), "--n", "8", "--seed", "2", "--split", "dev"])
    out = capsys.readouterr().out
    assert rc in (0, 1) and "| medrepro |" in out and "philter-lite skipped" in out
    pool = harness.split_notes(notes)[0]
    corpus = harness.build_corpus(pool, n=8, seed=2, families=deid_dev.FAMILIES,
                                  clinical=deid_dev.CLINICAL_STRINGS, locales=deid_dev.DEV_LOCALES)
    values = [p.value for items in corpus.planted for p in items if p.category == "NAME"]
    assert values and not [v for v in values if v in out]


def test_without_the_extra_both_peers_are_reported_skipped():
    pytest.importorskip("faker")
    try:
        import philter_lite  # noqa: F401
        pytest.skip("deid-peers extra installed")
    except ImportError:
        pass
    systems, skipped = bench.peer_systems()
    assert systems == {} and len(skipped) == 2 and all("skipped" in s for s in skipped)



def test_name_development_split_meets_the_targets(notes):
    """dev-names (development notes and locales): names in many forms, cases, cues and frames."""
    r = bench.run(notes, n=40, seed=3, split="dev-names", peers=False)["systems"]["medrepro"]
    assert r["n_notes"] == 40 and r["planted_by_category"]["NAME"] >= 40 * 7
    assert r["recall_by_category"]["NAME"] >= 0.97, r["recall_by_template"]
    assert r["other_tokens_kept"] >= 0.985 and r["clinical_strings_kept"] >= 0.97


def test_hipaa_development_split_meets_the_targets_per_category(notes):
    """URLs on any domain, IDs after any cue, licences, plates, VINs, usernames, phones with extensions and
    month/day dates without a cue go; scores, fractions and dotted abbreviations are kept verbatim."""
    r = bench.run(notes, n=40, seed=3, split="dev-hipaa", peers=False)["systems"]["medrepro"]
    assert set(r["recall_by_category"]) == {"DATE", "ID", "PHONE", "URL"}
    assert r["n_planted"] >= 40 * 10
    assert r["recall"] >= 0.99, r["recall_by_template"]
    assert min(r["recall_by_category"].values()) >= 0.97, r["recall_by_template"]
    assert r["other_tokens_kept"] >= 0.985 and r["clinical_strings_kept"] >= 0.95
