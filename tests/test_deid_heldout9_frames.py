"""Held-out v9's clinical-string frames, checked at the generator level only (no detector runs on them):
their wording is new to the harness, development and earlier held-out files (v8's frames included), each
holds one string verbatim, and a corpus built with them plants the strings in them, identically for a seed."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE_DATA

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "benchmarks"
sys.path.insert(0, str(BENCH))

import deid_dev  # noqa: E402
import deid_dev9_clinical as dev9_clinical  # noqa: E402
import deid_harness as harness  # noqa: E402
import deid_heldout7_clinical as v7_clinical  # noqa: E402
import deid_heldout8_clinical as v8_clinical  # noqa: E402
import deid_heldout8_frames as v8_frames  # noqa: E402
import deid_heldout9_frames as v9  # noqa: E402

LATER = ("deid_heldout9", "deid_heldout10", "deid_dev10_")  # v9 itself and files written after it
import deid_wording as wd  # noqa: E402

# Strings of every kind, with the punctuation real ones carry (hyphens, slashes, brackets, plus signs, periods).
_TRICKY = ("CHA2DS2-VASc", "Ellis-van Creveld syndrome", "BRCA1 c.68_69delAG", "E. coli (ESBL)", "Mirena IUD",
           "Keytruda 200 mg/2 mL", "HER2+", "Kocher maneuver", "Wells score", "S. aureus", "APOE e4/e4",
           "St. Jude Medical valve", "Child-Pugh class B", "[18F]FDG PET", "Lp(a)", "MELD-Na")


def _earlier_files() -> list[Path]:
    """The harness, development and earlier held-out files. v9's own files are one split with these frames
    (written in parallel, held out together), so they are not compared."""
    files = sorted(BENCH.glob("deid_dev*.py")) + sorted(BENCH.glob("deid_heldout*.py"))
    return [BENCH / "deid_harness.py"] + [p for p in files if not p.name.startswith(LATER)]


def _trees():
    return wd.trees(_earlier_files())


def test_frames_are_fifty_to_seventy_distinct_sentences_with_one_place_and_no_identifier():
    frames = v9.CLINICAL_FRAMES
    assert isinstance(frames, tuple) and 50 <= len(frames) <= 70
    assert len({wd.normal(f) for f in frames}) == len(frames)
    for f in frames:
        assert isinstance(f, str) and f.count("{c}") == 1 and f.replace("{c}", "").count("{") == 0, f
        assert f.replace("{c}", "").count("}") == 0, f
        assert f.isascii() and len(wd.normal(f).split()) >= 2, f
        assert not re.search(r"\d", f), f  # no number that could read as an ID, a date, a phone or an age
        assert not re.search(r"\b(?:Dr|Mr|Mrs|Ms|Miss|Prof)\b", f), f  # no title that would cue a name


def test_frames_share_no_wording_with_the_harness_development_or_earlier_held_out_files():
    trees = _trees()
    assert len(trees) >= 25  # the harness, the development files (dev9's too) and v1-v8's files were all found
    earlier_frames = [f for t in trees for f in wd.frames_in(t)]
    for known in (harness, v7_clinical, dev9_clinical, v8_frames):
        assert set(known.CLINICAL_FRAMES) <= set(earlier_frames), known.__name__
    assert not wd.shared_wording(v9.CLINICAL_FRAMES, trees, harness.CLINICAL_FRAMES)


def _strings_of_every_kind() -> list[str]:
    known = (v8_clinical.CLINICAL_STRINGS, v7_clinical.CLINICAL_STRINGS, dev9_clinical.CLINICAL_STRINGS,
             deid_dev.CLINICAL_STRINGS, _TRICKY)
    return list(dict.fromkeys(s for group in known for s in group))


def test_every_kind_of_string_goes_into_every_frame_verbatim_and_as_whole_words():
    for c in _strings_of_every_kind():
        for f in v9.CLINICAL_FRAMES:
            sentence = f.format(c=c)
            assert sentence.count(c) == 1 and harness.present(c, sentence.lower()), (f, c)
            at = sentence.index(c)
            assert not sentence[at - 1:at].isalnum() and not sentence[at + len(c):at + len(c) + 1].isalnum(), (f, c)


@pytest.mark.reference_data("mtsamples.csv")
def test_corpus_with_v9_frames_plants_the_given_strings_in_v9_frames_deterministically():
    notes = harness.split_notes(harness.read_notes(REFERENCE_DATA / "mtsamples.csv"))[1]
    strings = _strings_of_every_kind()

    def build(seed):
        return harness.build_corpus(notes, n=200, seed=seed, families=deid_dev.FAMILIES, clinical=strings,
                                    locales=deid_dev.DEV_LOCALES, frames=v9.CLINICAL_FRAMES)

    a, b, c = build(0), build(0), build(1)
    assert a.notes == b.notes and a.clinical == b.clinical and a.expected == b.expected and a.planted == b.planted
    assert a.notes != c.notes
    others = harness.CLINICAL_FRAMES + v8_frames.CLINICAL_FRAMES
    used = set()
    for note, chosen in zip(a.notes, a.clinical, strict=True):
        assert len(chosen) == 2 and set(chosen) <= set(strings)
        for s in chosen:
            frames = [f for f in v9.CLINICAL_FRAMES if f.format(c=s) in note]
            assert frames, s
            used.update(frames)
        assert not any(f.format(c=s) in note for s in chosen for f in others)
    assert used == set(v9.CLINICAL_FRAMES)  # 400 draws reach every frame
    report = harness.score(a, lambda t: t)
    assert report["clinical_strings_kept"] == 1.0 and report["other_tokens_kept"] == 1.0
    dropped = harness.score(a, lambda t: t.replace(a.clinical[0][0], " "))
    assert dropped["clinical_strings_kept"] < 1.0
