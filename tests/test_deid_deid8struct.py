"""Structured records inside notes (round 8, `privacy/structured.py`): HL7 v2 fields by position and data type,
delimited export rows. Values and wordings differ from the benchmark's; codes, locations and the clinical
text of coded fields stay."""

from __future__ import annotations

import pytest

from medrepro.privacy.deid import deidentify, find_phi
from medrepro.privacy.structured import export_row_spans, hl7_spans


def _out(text: str) -> str:
    return deidentify(text).text


def _spans(fn, text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.category) for s in fn(text)]


def test_pid_name_identifier_and_birth_date_by_field_position():
    text = "Interface: PID|1||Q77310452^^^STLUKE^MR||OYELARAN^TEMITOPE^A^^^^L||19560312|F|||"
    spans = _spans(hl7_spans, text)
    assert ("Q77310452", "ID") in spans
    assert ("OYELARAN^TEMITOPE^A", "NAME") in spans
    assert ("19560312", "DATE") in spans
    out = _out(text)
    for value in ("Q77310452", "OYELARAN", "TEMITOPE", "19560312"):
        assert value not in out
    assert "^^^STLUKE^MR" in out and "|F|" in out  # authority, identifier type and sex stay


def test_xcn_attending_doctor_keeps_prefix_and_degree():
    text = "PV1|1|O|CLIN^12^B||||4417009831^VARGHESE^ANUPAMA^K^^DR^MD|  Seen today."
    out = _out(text)
    for value in ("4417009831", "VARGHESE", "ANUPAMA"):
        assert value not in out
    assert "CLIN^12^B" in out and "^DR^MD|" in out


def test_xcn_without_id_number_is_a_person_name():
    text = "OBR|1|||LIPID^Lipid panel||||||||||||KOWALSKA^IRENA|  Fasting."  # OBR-16, ordering provider
    assert ("KOWALSKA^IRENA", "NAME") in _spans(hl7_spans, text)
    assert "Lipid panel" in _out(text)


def test_person_with_id_in_a_shifted_field_but_not_a_coded_value():
    shifted = "PV1|1|I|5E^210^A|||5539018822^OKONJO^CHIDI^^^DR^MD|"
    assert ("OKONJO^CHIDI", "NAME") in _spans(hl7_spans, shifted)
    coded = "OBX|1|CE|22298006^Myocardial infarction^SCT||present"
    assert not [s for s in _spans(hl7_spans, coded) if s[1] == "NAME"]
    assert "Myocardial infarction^SCT" in _out(coded)


def test_xad_address_components_go_and_the_country_stays():
    text = "PID|1||||||||||418 Maplecrest Ln^Unit 3^Quarryville^PA^17566^USA|  Afebrile."
    assert ("418 Maplecrest Ln^Unit 3^Quarryville^PA^17566", "ADDRESS") in _spans(hl7_spans, text)
    out = _out(text)
    assert "Quarryville" not in out and "17566" not in out and "^USA|" in out


def test_xtn_phone_and_email_components():
    text = "NK1|1|ADEYEMI^FOLAKE|MTH^Mother||^PRN^PH^folake.a@example.org^^412^5550187|"
    spans = _spans(hl7_spans, text)
    assert ("folake.a@example.org", "EMAIL") in spans and ("412", "PHONE") in spans and ("5550187", "PHONE") in spans
    out = _out(text)
    assert "ADEYEMI" not in out and "5550187" not in out and "MTH^Mother" in out


def test_msh_fields_are_numbered_from_the_separator():
    text = "MSH|^~\\&|LABSYS|NORTH|EHR|NORTH|20251104093015||ORU^R01|CTL448120|P|2.5"
    spans = _spans(hl7_spans, text)
    assert ("20251104093015", "DATE") in spans and ("CTL448120", "ID") in spans
    assert "ORU^R01" in _out(text) and "|2.5" in _out(text)


def test_a_year_alone_and_prose_with_pipes_are_kept():
    assert not [s for s in _spans(hl7_spans, "PID|1||||||1987|F|") if s[1] == "DATE"]  # PID-7, year only
    assert ("198703", "DATE") in _spans(hl7_spans, "PID|1||||||198703|F|")
    assert _spans(hl7_spans, "Strength 5/5 | reflexes 2+ | gait normal") == []


@pytest.mark.parametrize("text", [
    "addr dump: 77 Heronwood Run,Apt 9,Lakemoor,IL,60051  No fever.",
    'row "77 Heronwood Run";"Apt 9";"Lakemoor";"IL";"60051"',
    "77 Heronwood Run|Apt 9|Lakemoor|IL|60051",
])
def test_delimited_address_with_unit_city_state_and_zip(text):
    spans = _spans(export_row_spans, text)
    assert [s for s in spans if s[1] == "ADDRESS"], text
    out = _out(text)
    assert "Lakemoor" not in out and "60051" not in out and "Heronwood" not in out


def test_grouped_record_number_in_an_export_row_only():
    row = "Export: 57.318.406,Quispe,Rosalva,1961-07-22,F,ICU"
    assert ("57.318.406", "ID") in _spans(export_row_spans, row)
    assert "57.318.406" not in _out(row)
    prose = "Platelets 1.250.000, repeat tomorrow."
    assert _spans(export_row_spans, prose) == []
    assert find_phi("We will run the test again tomorrow, then call.") == []


@pytest.mark.parametrize("row", [
    '"MR4410982","Oz","Tamar","1950-02-17","F","ED"',
    "58.204.117;Ben Haim;Noa;19500217;F;ICU",
])
def test_registry_row_names_between_record_number_and_birth_date(row):
    names = [v for v, c in _spans(export_row_spans, row) if c == "NAME"]
    assert "Tamar" in names or "Noa" in names, names
    out = _out(row)
    assert "Oz" not in out and "Ben Haim" not in out and "Tamar" not in out
    assert not [v for v, c in _spans(export_row_spans, '"ED","Oz","Tamar","F"') if c == "NAME"]  # no number, no date
