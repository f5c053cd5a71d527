"""Round 9 clinical strings: organisms, device products and trial names survive de-identification, names
standing where those shapes are read still go, and the dev9-clinical split is new data in its own frames."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from medrepro.privacy.clinical_context import binomial, clinical_shape, device_product, trial_name
from medrepro.privacy.deid import deidentify

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import deid_benchmark as bench  # noqa: E402
import deid_dev9_clinical as dev9  # noqa: E402
import deid_harness as harness  # noqa: E402
import deid_wording as wd  # noqa: E402

# The splits that existed when dev9-clinical was written; v8 and the other round-9 splits were written in
# parallel, and their overlap with it is measured in docs/privacy.md, not forbidden here.
_PARALLEL = ("deid_heldout8", "deid_heldout9", "deid_dev9_")
EARLIER = sorted(p.stem for p in (REPO / "benchmarks").glob("deid_*.py")
                 if p.stem.startswith(("deid_heldout", "deid_dev")) and not p.stem.startswith(_PARALLEL))


def _literals(module: str) -> list[str]:
    return wd.literals(wd.trees([REPO / "benchmarks" / f"{module}.py"])[0])


@pytest.mark.parametrize("string", [
    "Talaromyces marneffei", "Elizabethkingia meningoseptica", "Aveir leadless pacemaker", "Amulet occluder",
    "SYMPLICITY SPYRAL catheter", "Evolut PRO+", "EMPEROR-Preserved data",
])
def test_clinical_shapes_survive_in_sentences(string):
    for sentence in (f"Implant card shows {string}.", f"Exam today: {string}.", f"{string} was reviewed."):
        assert string in deidentify(sentence).text, sentence


@pytest.mark.parametrize("sentence,name", [
    ("Spoke with Kasimir Wojcik about the plan.", "Wojcik"),  # the baseline the vetoes must not undo
    ("Kasimir Wojcik ambulated the hallway twice.", "Wojcik"),  # an English verb is no species epithet
    ("Showed Kasimir Wojcik home pump settings.", "Wojcik"),  # a noun before the device noun: a person
    ("Label reads WOJCIK KASIMIR X2 units crossmatched.", "WOJCIK"),  # an ALL CAPS name before a code
    ("Spoke with Wojcik-Nowakowska about the plan.", "Nowakowska"),  # hyphenated surname, not a trial
])
def test_names_beside_the_shapes_are_still_removed(sentence, name):
    assert name not in deidentify(sentence).text


def test_each_shape_test_reads_its_own_shape_only():
    t = "Culture grew Talaromyces marneffei; Aveir leadless pacemaker; Evolut PRO+; EMPEROR-Preserved arm."
    at = t.index
    assert binomial(t, at("Talaromyces"), at(" marneffei"))
    assert not binomial("Zofia remains afebrile.", 0, 5)  # "remains" is English
    assert device_product(t, at("Aveir"), at(" leadless"))
    assert device_product(t, at("Evolut"), at(" PRO+"))
    assert not device_product("Showed Zofia insulin pump.", 7, 12)
    assert not device_product("ROE ZOFIA X2 units.", 0, 9)  # ALL CAPS run before a code: maybe a name
    assert trial_name(t, at("EMPEROR"), at(" arm"))
    assert not trial_name("Jean-Pierre", 0, 11)
    # a word on the detector's name lists keeps the span a name whatever follows
    assert not clinical_shape("Maria leadless pacemaker", 0, 5)


def test_dev9_strings_are_new_plenty_and_each_frame_holds_them():
    earlier = {c.lower() for mod in EARLIER for c in _literals(mod)}
    mine = [c.lower() for c in dev9.CLINICAL_STRINGS]
    assert len(mine) >= 140 and len(set(mine)) == len(mine)
    assert not set(mine) & earlier, sorted(set(mine) & earlier)
    for c in dev9.CLINICAL_STRINGS:
        for f in dev9.CLINICAL_FRAMES:
            sentence = f.format(c=c)
            assert sentence.count(c) == 1 and harness.present(c, sentence.lower()), (f, c)


def test_dev9_frames_are_own_wording():
    frames = dev9.CLINICAL_FRAMES
    assert 50 <= len(frames) <= 70 and len(set(frames)) == len(frames)
    earlier = set().union(*(wd.trigrams(s) for mod in EARLIER for s in _literals(mod)),
                          *(wd.trigrams(f) for f in harness.CLINICAL_FRAMES))
    for f in frames:
        assert f.count("{c}") == 1 and not re.search(r"\d", f), f
        assert not wd.trigrams(f) & earlier, (f, wd.trigrams(f) & earlier)


def test_dev9_split_is_wired_on_development_notes_with_its_frames():
    half, families, clinical, locales, frames = bench.split_setup("dev9-clinical")
    assert half == 0 and locales == dev9.DEV_LOCALES and frames == dev9.CLINICAL_FRAMES
    assert clinical == dev9.CLINICAL_STRINGS and families is dev9.FAMILIES
    assert "dev9-clinical" in bench.SPLITS


@pytest.mark.parametrize("sentence,name", [
    ("Seen today. Gave Zofia 650 mg of acetaminophen at the bedside.", "Zofia"),
    ("Seen today. Nurse gave Zofia 1 g of ceftriaxone IV.", "Zofia"),
    ("Seen today. Gave Wojcikowska 650 mg of acetaminophen.", "Wojcikowska"),
])
def test_a_dose_of_a_drug_after_a_name_leaves_the_name_a_name(sentence, name):
    assert name not in deidentify(sentence).text


@pytest.mark.parametrize("sentence", ["Gave Kenalog 40 mg today.", "Started Xacduro 1 g IV.",
                                      "Verquvo 2.5 mg was continued."])
def test_a_dose_after_a_brand_still_keeps_the_brand(sentence):
    assert deidentify(sentence).text == sentence


def test_a_two_word_name_in_the_possessive_before_a_head_is_a_person():
    assert "Okonska" not in deidentify("Seen. Marta Okonska's disease has been quiet.").text
    assert "Okonska" not in deidentify("Seen. Marta Okonska's score on the memory screen was lower.").text


@pytest.mark.parametrize("sentence", ["Known Addison's disease.", "Known Lou Gehrig's disease.",
                                      "Perforated Meckel's diverticulum.", "Reverse Phalen's test positive."])
def test_possessive_eponyms_stay(sentence):
    assert deidentify(sentence).text == sentence
