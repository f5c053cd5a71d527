"""Round-10 record formats (`privacy.id_formats`): identifiers, dates and names that records print with no cue
word are removed; the clinical numbers and codes that share their shapes are kept verbatim."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REFERENCE_DATA

from medrepro.privacy.deid import deidentify

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


def _out(sentence: str) -> str:
    return deidentify(f"Seen in clinic today.  {sentence}  Plan: follow up in two weeks.").text


@pytest.mark.parametrize(("sentence", "value"), [
    ("Two-person check of unit B4871 23 235585 completed.", "235585"),       # ISBT 128, grouped
    ("Unit number: F5806 16 857975 B   Component: FFP", "857975"),           # grouped with a flag, after a key
    ("Platelets (unit E800417123456) hung at 09:40.", "E800417123456"),     # ISBT 128, compact
    ("Transfused unit 47FZ12345 without reaction.", "47FZ12345"),           # Codabar
    ("Order #5518T0427 was cancelled by pharmacy.", "5518T0427"),           # a letter inside the digits
    ("Cytology case 17-ZT-63240, adequate.", "63240"),
    ("Medicare number 1EG4-TE5-MK73 verified.", "1EG4-TE5-MK73"),           # CMS MBI
    ("Member ID XKH84M20017 on the card.", "XKH84M20017"),
    ("Study UID 1.2.840.113619.2.55.3.604688.1192 failed to route.", "604688"),
    ("(0020,000D) UI [2.25.329800735698586629295641978511506172918]", "329800735698586629295641978511506172918"),
    ("PatientID=412-7789 Modality=MR", "412-7789"),                         # single-space keyword pairs
    ("Ref: your letter, our file 113-2134.", "113-2134"),                    # short record after a record word
    ("Med rec no 458-699 on the old chart.", "458-699"),
])
def test_identifier_formats_removed(sentence, value):
    assert value not in _out(sentence)


@pytest.mark.parametrize("value", ["13.xi.2015", "13.XI.2015", "2015-XI-13", "13/xi/2015", "13 XI 2015",
                                   "3. iv. 2019", "24.vi.04"])
def test_roman_month_dates_removed(value):
    out = _out(f"Date of procedure {value} and again 2.xii.2016 - 9.xii.2016.")
    assert value not in out and "2016" not in out


def test_ordinal_date_after_a_date_word_removed():
    assert "2015-317" not in _out("Collection date (YYYYDDD): 2015-317")


def test_age_after_sex_slash_removed():
    assert "97" not in _out("SEX/AGE: M/97 YRS")


@pytest.mark.parametrize(("sentence", "words"), [
    ("(0008,0090) PN [Zygula^Wiktor^^Dr]      #  16, 1 ReferringPhysicianName", ("Zygula", "Wiktor")),
    ("(0010, 0010) Patient's Name          PN: 'QURBANLI^KONUL^^^'", ("QURBANLI", "KONUL")),
    ("PatientName=ZYGULA^WIKTOR^J StudyDate=20150317", ("ZYGULA", "WIKTOR")),
    ('"00081070": {"vr": "PN", "Value": [{"Alphabetic": "Bettin^Valerio"}]}', ("Bettin", "Valerio")),
    ("Bottle label: BAZZI,AILEEN   Rx 1234567", ("BAZZI", "AILEEN")),
    ("Bottle label: MO LIANG  Rx# 1234567  take 1 tab daily", ("LIANG",)),
])
def test_structured_person_names_removed(sentence, words):
    out = _out(sentence)
    assert not any(w in out for w in words), out


@pytest.mark.parametrize("clinical", [
    "ICD-10 E11.9", "LOINC 2345-7", "NDC 0409-4888-02", "c.1234G>A", "EGFR T790M", "BRAF V600E", "HLA-B*57:01",
    "version 1.2.3", "firmware 4.10.2", "10 x 10 cm", "urn:oid:2.16.840.1.113883.19.5",
    "1.2.840.10008.5.1.4.1.1.2", "Taxonomy 207Q00000X", "OBX|1|NM|GLU^Glucose^LN||105|mg/dL", "WBC 10^9/L",
    "PMH: HTN,DM,CAD", "BP 120-130 systolic", "DX: AORTIC STENOSIS  ", "PROCEDURE: CABG X3  ",
    "Hx of COPD,ASTHMA.", "FINDINGS,IMPRESSION:", "Grade IV 2015 criteria", "Vicryl 4-0",
])
def test_clinical_shapes_kept(clinical):
    assert clinical in _out(f"Noted: {clinical} as before.")


def test_blood_group_after_a_unit_number_kept():
    out = _out("Unit B6461 21 506973 O NEG verified at bedside.")
    assert "506973" not in out and "O NEG" in out


@pytest.mark.reference_data("mtsamples.csv")
def test_dev10_formats_quick_subset_meets_its_floor():
    """40 planted development notes of dev10-formats (0.987 recall on 300 notes; 0.58 before round 10)."""
    import deid_benchmark as bench
    import deid_harness as harness

    notes = harness.read_notes(REFERENCE_DATA / "mtsamples.csv")
    r = bench.run(notes, n=40, seed=3, split="dev10-formats", peers=False)["systems"]["medrepro"]
    assert r["recall"] >= 0.97, r["recall_by_template"]
    assert r["recall_by_category"]["ID"] >= 0.97 and r["recall_by_category"]["DATE"] >= 0.98
    assert r["other_tokens_kept"] >= 0.98 and r["clinical_strings_kept"] >= 0.97
