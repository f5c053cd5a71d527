"""Round 10 clinical strings: device products with a device head or a compound device word, combination
brands of the FDA list and topics "raised" survive de-identification; names that are a person-object
verb's first object still go; the dev10-clinical split is new data in its own frames."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from medrepro.privacy import clinical_terms as ct
from medrepro.privacy.clinical_context import device_product
from medrepro.privacy.deid import deidentify
from medrepro.privacy.drug_shape import medication_context, person_object

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import build_clinical_terms as build  # noqa: E402
import deid_benchmark as bench  # noqa: E402
import deid_dev10_clinical as dev10  # noqa: E402
import deid_harness as harness  # noqa: E402
import deid_wording as wd  # noqa: E402

# The splits written before dev10-clinical; held-out v9 and v10 are never opened by a rule engineer's test.
_UNREAD = ("deid_heldout9", "deid_heldout10", "deid_dev10_")
EARLIER = sorted(p.stem for p in (REPO / "benchmarks").glob("deid_*.py")
                 if p.stem.startswith(("deid_heldout", "deid_dev")) and not p.stem.startswith(_UNREAD))


def _literals(module: str) -> list[str]:
    return wd.literals(wd.trees([REPO / "benchmarks" / f"{module}.py"])[0])


@pytest.mark.parametrize("string", [
    "Mako robot", "Hydrus Microstent", "Vivity lens", "Cirq robot", "Alfapump",
    "Farapulse catheter", "Opdualag", "Vaxneuvance",
])
def test_device_products_and_combination_brands_survive(string):
    for sentence in (f"Seen. Implant card shows {string}.", f"Seen. Problem list updated to reference {string}.",
                     f"{string} was reviewed."):
        assert string in deidentify(sentence).text, sentence


@pytest.mark.parametrize("string", ["Khorana score", "Gaenslen test", "Fusobacterium necrophorum"])
def test_a_topic_raised_is_no_place(string):
    assert string in deidentify(f"Her cardiologist raised {string} during the phone call.").text


def test_raised_in_a_place_is_still_a_place():
    assert "Fresno" not in deidentify("She was raised in Fresno by her aunt.").text


@pytest.mark.parametrize("sentence,name", [
    ("Seen. Showed Aedan Baier robot arm video before surgery.", "Baier"),
    ("Seen. Gave Andreas Haugen lens case and drops.", "Haugen"),
    ("Seen. Kasimir Wojcik robot teaching done.", "Wojcik"),  # a listed-name-free person before a head
    ("Seen. Consent: Aileen Cortina IOL discussion held in clinic.", "Cortina"),  # two words before an acronym
    ("Seen. Consent: Kilgallen IOL discussion held in clinic.", "Kilgallen"),  # one word before an acronym
])
def test_a_person_before_a_device_head_is_still_removed(sentence, name):
    assert name not in deidentify(sentence).text


def test_device_product_reads_heads_compounds_and_person_objects():
    t = "Placed Mako robot; then Hydrus Microstent; showed Zofia robot video; Tecnis Symfony lens."
    at = t.index
    assert device_product(t, at("Mako"), at(" robot"))
    assert not device_product(t, at("Tecnis"), at(" lens"))  # two words before a one-word head: maybe a person
    assert device_product(t, at("Hydrus"), at(";", at("Hydrus")))
    assert not device_product(t, at("Zofia"), at(" robot"))  # a person is shown things
    assert not device_product("Seen Davenport today.", 5, 14)  # "-port" is no device compound
    assert person_object("Handed Zofia cream", 7) and person_object("Showed Zofia", 0)
    assert not person_object("Implant card shows Zofia", 19)  # a document "shows" things, not people
    assert medication_context("Applied Zofia cream", 8, 13)
    assert not medication_context("Handed Zofia cream samples", 7, 12)


def test_combination_brands_come_from_the_fda_list_but_not_given_names():
    text = ("Name\tTYPE\tUNII\tDisplay Name\n"
            "OPDUALAG COMPONENT NIVOLUMAB\tbn\tX\tNIVOLUMAB\n"
            "PORTIA COMPONENT LEVONORGESTREL\tbn\tY\tLEVONORGESTREL\n"
            "FOO COMPONENT BAR\tcn\tZ\tBAR\n")
    words = build.unii_words(text, names=set(), proper=frozenset({"portia"}))
    assert words == ["opdualag"]
    assert {"opdualag", "vaxneuvance"} <= ct.DRUGS and "portia" not in ct.DRUGS  # the shipped list is rebuilt


def test_dev10_strings_are_new_plenty_and_each_frame_holds_them():
    earlier_text = "\n".join(c.lower() for mod in EARLIER for c in _literals(mod))
    mine = [c.lower() for c in dev10.CLINICAL_STRINGS]
    assert len(mine) >= 140 and len(set(mine)) == len(mine)
    assert not [c for c in mine if c in earlier_text]
    for c in dev10.CLINICAL_STRINGS:
        for f in dev10.CLINICAL_FRAMES:
            sentence = f.format(c=c)
            assert sentence.count(c) == 1 and harness.present(c, sentence.lower()), (f, c)


def test_dev10_frames_are_own_wording():
    frames = dev10.CLINICAL_FRAMES
    assert 50 <= len(frames) <= 70 and len(set(frames)) == len(frames)
    earlier = set().union(*(wd.trigrams(s) for mod in EARLIER for s in _literals(mod)),
                          *(wd.trigrams(f) for f in harness.CLINICAL_FRAMES))
    for f in frames:
        assert f.count("{c}") == 1 and not re.search(r"\d", f), f
        assert not wd.trigrams(f) & earlier, (f, wd.trigrams(f) & earlier)


def test_dev10_split_is_wired_on_development_notes_with_its_frames():
    half, families, clinical, locales, frames = bench.split_setup("dev10-clinical")
    assert half == 0 and locales == dev10.DEV_LOCALES and frames == dev10.CLINICAL_FRAMES
    assert clinical == dev10.CLINICAL_STRINGS and families is dev10.FAMILIES
    assert "dev10-clinical" in bench.SPLITS
