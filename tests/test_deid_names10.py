"""Round 10 name and facility rules (`privacy.name_grammar`, the organisation heads of `facility_grammar`,
propagation in `names`): names told by the grammar around them, in wording of this file's own.

The kept cases are clinical strings that share a word, a place or a shape with a removed name.
"""

from __future__ import annotations

import pytest

from medrepro.privacy.deid import deidentify, find_phi
from medrepro.privacy.name_grammar import extend_particles
from medrepro.privacy.rulebase import Span


def _out(text: str) -> str:
    return deidentify(text).text


@pytest.mark.parametrize("text, gone", [
    ("Critical sodium read back by Yusra al-Qahtani, RN, at 0400.", ["Yusra", "Qahtani"]),
    ("Consent witnessed by Idris bin Tarek al-Mansour from the family.", ["Idris", "Tarek", "Mansour"]),
    ("Tumor registry: al-Shamsi, Hoda; first contact in clinic.", ["Shamsi", "Hoda"]),
    ("Driver today is Ottoline ter Braake, the niece.", ["Ottoline", "Braake"]),
    ("Chart reviewed by Liesel bat Kornfeld from pastoral care.", ["Liesel", "Kornfeld"]),
    ("Charge RN: Ge.  Census 22.", ["Ge"]),                          # one syllable after a role label
    ("Attending of record: Qiu.  Plan as below.", ["Qiu"]),
    ("Baby Girl Hall remains on the warmer.", ["Hall"]),              # an English word as a baby's surname
    ("Cord pH for Infant Boy Szeto was 7.31.", ["Szeto"]),
    ("Weights: Twin A Brekke 2010 g.", ["Brekke"]),
    ("Hashimoto paged back and agreed to hold the heparin.", ["Hashimoto"]),  # an eponym as a person
    ("Signed out to Kupffer at 1900.", ["Kupffer"]),
    ("Family reached through Tovah Lindqvist, RN.  Later Tovah brought the forms.", ["Tovah"]),
])
def test_names_by_grammar_are_removed(text, gone):
    out = _out(text)
    for word in gone:
        assert word not in out, out


@pytest.mark.parametrize("text, kept", [
    ("Signed out to Kupffer at 1900.  Biopsy shows Kupffer cells.", "Kupffer cells"),  # propagation stops
    ("Hashimoto paged back.  History of Hashimoto thyroiditis.", "Hashimoto thyroiditis"),
    ("Workup for von Willebrand disease was sent.", "von Willebrand disease"),
    ("Cardiology agreed with the plan.", "Cardiology"),               # a service, not a person
    ("Charge RN: None assigned yet.", "None"),
    ("Twin A presenting, vertex.", "Twin A presenting"),
    ("Adult Day Center referral placed.", "Adult Day Center referral"),
    ("Called Pharmacy to verify the dose.", "Called Pharmacy"),       # a verb opening the sentence
    ("Pathology comment: Blood Bank.  Pharmacy label on the bag.", "Blood Bank"),
    ("She went to the Funeral Home with her sister.", "Funeral Home"),
])
def test_clinical_and_generic_strings_are_kept(text, kept):
    assert kept in _out(text), _out(text)


@pytest.mark.parametrize("text, gone", [
    ("Sleep study at Grants Pass Funeral Home showed an AHI of 31.", ["Grants", "Pass"]),
    ("FMLA forms for Brewing Distribution were signed.", ["Brewing"]),
    ("Transferred from Nasra al-Dosari Surgery Center.", ["Nasra", "Dosari"]),
    ("Lives at Juniper Group Home since May.", ["Juniper"]),
    ("Her grandson teaches at Tallowmere Middle School.", ["Tallowmere"]),
    ("Records faxed to Otterbrook Nursing and Rehab today.", ["Otterbrook"]),
    ("Forklift driver for Quenby Logistics, nights.", ["Quenby"]),
])
def test_organisations_by_head_noun_are_removed(text, gone):
    out = _out(text)
    for word in gone:
        assert word not in out, out


def test_extend_particles_merges_names_across_a_particle():
    text = "seen by Chad bat Huertas today"
    spans = [Span(8, 12, "NAME", 40), Span(17, 24, "NAME", 40)]
    assert extend_particles(text, spans) == [Span(8, 24, "NAME", 40)]


def test_extend_particles_stops_before_an_eponym():
    text = "Seen by Roe de Quervain tenosynovitis noted"
    spans = [Span(8, 11, "NAME", 40)]
    assert extend_particles(text, spans) == spans


def test_extend_particles_leaves_other_categories_and_lone_names():
    text = "Call 555-0100 for Roe today"
    spans = [Span(5, 13, "PHONE", 60), Span(18, 21, "NAME", 40)]
    assert extend_particles(text, spans) == spans


def test_cued_scanner_mode_has_no_grammar_names():
    """The file scanner (names="cued") keeps its rules: no baby-label or particle growth there."""
    text = "Baby Girl Hall remains on the warmer."
    assert not [s for s in find_phi(text, names="cued") if s.category == "NAME"]
