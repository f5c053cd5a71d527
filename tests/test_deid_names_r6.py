"""Names in nicknames, messages, patient initials and all-caps possessives; clinical strings with a class
numeral or model code that must survive (privacy/name_messages.py, lexicon.clinical_context)."""

from __future__ import annotations

import pytest

from medrepro.privacy.deid import deidentify


def _out(text: str) -> str:
    return deidentify(text).text


@pytest.mark.parametrize("text, names", [
    ('Ada "Bubba" Shamray is in good spirits today.', ["Ada", "Bubba", "Shamray"]),
    ("Visit with Agafya ('Sissy') Emelyanova and a sister.", ["Agafya", "Sissy", "Emelyanova"]),
    ("Jie \u201cTiny\u201d Ding asked about going home.", ["Jie", "Tiny", "Ding"]),
    ("Patient: Jie ('Tiny') Wan  The findings could reflect changes.", ["Jie", "Tiny", "Wan"]),
    ("Seen with Dr. Ada \"Bubba\" Shamray today.", ["Ada", "Bubba", "Shamray"]),
    ("Marika Gagnidze, who goes by Butch, is here with a friend.", ["Butch"]),
    ("She prefers to be called Dusty at the clinic.", ["Dusty"]),
])
def test_quoted_nickname_between_name_words_and_goes_by(text, names):
    out = _out(text)
    assert not [n for n in names if n in out], out


def test_nickname_found_once_is_removed_everywhere_in_the_note():
    out = _out("Visit with Agafya ('Sissy') Emelyanova. Sissy ate well.")
    assert "Sissy" not in out


@pytest.mark.parametrize("text, names", [
    ("hi dr lambaryan, this is iya nosova, my sugars are high again", ["lambaryan", "iya", "nosova"]),
    ("Can I take Tylenol with the new pills? Thanks, Mei", ["Mei"]),
    ("ok will take it tonight. thanks, svetka", ["svetka"]),
    ("please call me back about the refill - svetlana", ["svetlana"]),
    ("MESSAGE FROM PATIENT YUI SATO: PLEASE CALL BACK.", ["YUI", "SATO"]),
    ("From: kokkinidou\nSubject: refill", ["kokkinidou"]),
])
def test_names_in_greetings_sign_offs_and_senders_of_messages(text, names):
    out = _out(text)
    assert not [n for n in names if n in out], out


@pytest.mark.parametrize("text", [
    "Hi there, this is urgent, my sugars are high.",
    "Thanks, doctor. Thank you for the refill.",
    "Plan - continue aspirin\n- Lisinopril 10 mg daily",
    "She was started on Lovenox.  There was no bleeding.",
    "BLOOD  -  OPIATES-ETS  -  INC,BLOOD  -  PCP-ETS  -  INC",
])
def test_message_rules_keep_english_and_clinical_words(text):
    assert _out(text) == text


def test_patient_initials_after_pt_but_not_abbreviations():
    assert _out("Pt A.C. resting comfortably, call light in reach.") == (
        "Pt [NAME] resting comfortably, call light in reach.")
    assert _out("Pt B.P. stable, given I.V. fluids.") == "Pt B.P. stable, given I.V. fluids."


def test_all_caps_possessive_is_a_name_with_its_first_name_but_not_an_eponym():
    assert "ALLA" not in _out("ALLA'S MEDS RECONCILED BY PHARMACY.")
    out = _out("ALLA PETROVA'S MEDS RECONCILED BY PHARMACY.")
    assert "ALLA" not in out and "PETROVA" not in out
    for text in ("PARKINSON'S DISEASE.", "DE QUERVAIN'S RELEASE: done", "PATIENT'S MEDS RECONCILED."):
        assert _out(text) == text


@pytest.mark.parametrize("text", [
    "She was continued on Cox-Maze IV as before.",
    "The team used Dexcom G6 sensor without difficulty.",
    "Plan: Factor V Leiden, reassess.",
    "Gustilo IIIA was documented.",
    "A comminuted Hawkins IV talus fracture.",
    "The team used Osborn waves without difficulty.",
    "She was continued on QuantiFERON-TB Gold as before.",
    "TSH, FT4, Vit B12, VDRL were sent.",
])
def test_clinical_strings_with_a_class_numeral_or_model_code_survive(text):
    assert _out(text) == text


def test_a_generational_suffix_and_the_pronoun_i_do_not_protect_a_name():
    assert "Wojcik" not in _out("Spoke with Kasimir Wojcik III today.")
    assert "Wojcik" not in _out("Per Wojcik I will call her back.")


def test_an_irregular_past_verb_after_a_name_is_no_clinical_head():
    assert "Trajche" not in _out("Nursing reports Trajche ate half of lunch.")
    assert _out("A Lancaster lid speculum was applied.") == "A Lancaster lid speculum was applied."


def test_a_capitals_surname_before_a_given_name_goes_with_it():
    assert _out("Outside imaging for KIMURA Shota was uploaded to PACS.") == (
        "Outside imaging for [NAME] was uploaded to PACS.")
    assert _out("Seen by PCP Maria Kowalczyk today.") == "Seen by PCP [NAME] today."
