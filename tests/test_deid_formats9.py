"""Round 9: identifiers in structured and machine-made text (key/value syntaxes, tables, extraction damage)."""

from __future__ import annotations

import json

import pytest

from medrepro.privacy.deid import deidentify
from medrepro.privacy.extracted_text import extracted_text_spans, header_spans, misread_spans, spaced_spans
from medrepro.privacy.key_values import dicom_spans, json_spans, key_kind, key_value_spans, line_spans, xml_spans
from medrepro.privacy.tables import table_spans


def _found(spans, text):
    return {(text[s.start:s.end], s.category) for s in spans}


@pytest.mark.parametrize(("key", "kind"), [
    ("family", "NAME"), ("given", "NAME"), ("pt_name", "NAME"), ("Patient's Name", "NAME"),
    ("ReferringPhysicianName", "NAME"), ("emergency contact", "NAME"), ("birthDate", "DATE"), ("DOB", "DATE"),
    ("telecom", "PHONE"), ("cellPhone", "PHONE"), ("email", "EMAIL"), ("mrn", "ID"), ("Chart #", "ID"),
    ("identifier", "ID"), ("postalCode", "LOCATION"), ("city", "LOCATION"), ("streetAddressLine", "ADDRESS"),
    ("status", None), ("drugName", None), ("last menstrual period", None), ("Room", None), ("Diagnosis", None),
    ("family history", None), ("displayName", None), ("resourceType", None),
])
def test_key_kind_reads_keys_by_meaning(key, kind):
    assert key_kind(key) == kind


def test_fhir_patient_values_go_by_their_keys_and_generic_keys_by_their_parent():
    res = {"resourceType": "Patient", "active": True, "gender": "female",
           "name": [{"use": "official", "family": "Wojcikowska", "given": ["Zbigniewa", "Ola"]}],
           "birthDate": "1947-03-09", "identifier": [{"system": "urn:oid:2.16.840.1", "value": "88412307"}],
           "telecom": [{"system": "phone", "value": "614-555-0148", "use": "home"},
                       {"system": "email", "value": "zw@example.org"}],
           "address": [{"line": ["4410 Quarry Hollow Rd"], "city": "Pemberville", "state": "OH",
                        "postalCode": "43450"}]}
    for text in (json.dumps(res), json.dumps(res, indent=2)):
        found = _found(json_spans(text), text)
        assert {("Wojcikowska", "NAME"), ("Zbigniewa", "NAME"), ("Ola", "NAME"), ("1947-03-09", "DATE"),
                ("88412307", "ID"), ("614-555-0148", "PHONE"), ("zw@example.org", "EMAIL"),
                ("4410 Quarry Hollow Rd", "ADDRESS"), ("Pemberville", "LOCATION"), ("43450", "LOCATION")} <= found
        out = deidentify("Payload: " + text).text
        for kept in ('"resourceType"', '"Patient"', '"female"', '"official"', '"OH"', "urn:oid:2.16.840.1"):
            assert kept in out
        assert "Wojcikowska" not in out and "88412307" not in out


def test_clinical_strings_inside_json_and_xml_are_kept():
    text = ('{"resourceType": "MedicationStatement", "medicationCodeableConcept": {"text": "Coumadin 5 mg"}} '
            '<observation><code displayName="Graves disease"/></observation> <Diagnosis>Hodgkin lymphoma</Diagnosis>')
    assert key_value_spans(text) == []
    out = deidentify(text).text
    assert "Coumadin 5 mg" in out and "Graves disease" in out and "Hodgkin lymphoma" in out


def test_cda_elements_and_attributes():
    text = ('<recordTarget><patientRole><id root="2.16.840.1.113883.19.5" extension="55120984"/>'
            '<addr use="HP"><streetAddressLine>17 Larchmere Way</streetAddressLine><city>Oakhurst</city>'
            '<postalCode>07755</postalCode></addr><telecom use="HP" value="tel:+1-732-555-0193"/>'
            '<patient><name><given>Radoslawa</given><family>Przybyszewska</family></name>'
            '<birthTime value="19520817"/></patient></patientRole></recordTarget>')
    found = _found(xml_spans(text), text)
    assert {("55120984", "ID"), ("17 Larchmere Way", "ADDRESS"), ("Oakhurst", "LOCATION"), ("07755", "LOCATION"),
            ("+1-732-555-0193", "PHONE"), ("Radoslawa", "NAME"), ("Przybyszewska", "NAME"),
            ("19520817", "DATE")} == found  # the OID root, use="HP" and the tags themselves stay


@pytest.mark.parametrize("dump", [
    "(0010,0010) PN [SZCZEPANIAK^IRMINA]      #  18, 1 PatientName\n(0010,0020) LO [7730412]\n"
    "(0010,0030) DA [19610204]\n(0008,0060) CS [MR]",
    "(0010, 0010) Patient's Name                      PN: 'SZCZEPANIAK^IRMINA'\n"
    "(0010, 0020) Patient ID                          LO: '7730412'\n"
    "(0010, 0030) Patient's Birth Date                DA: '19610204'\n(0008, 0060) Modality  CS: 'MR'",
])
def test_dicom_dumps(dump):
    found = _found(dicom_spans(dump), dump)
    assert {("SZCZEPANIAK^IRMINA", "NAME"), ("7730412", "ID"), ("19610204", "DATE")} == found


@pytest.mark.parametrize("block", [
    "patient:\n  pt_name: Ottilie Brzezinska\n  visit_type: follow-up\n  dob: 1950-02-11\n  home_phone: 419-555-0117",
    "[patient]\nname=Ottilie Brzezinska\nvisit_type=follow-up\ndob=1950-02-11\nhome_phone=419-555-0117",
    "Patient Name ........ Ottilie Brzezinska\nVisit Type .......... follow-up\nDob ................. 1950-02-11\n"
    "Home Phone __________ 419-555-0117",
    "name=Ottilie Brzezinska; visit type=follow-up; dob=1950-02-11; home phone=419-555-0117",
])
def test_key_value_lines_in_any_syntax(block):
    found = _found(line_spans(block), block)
    assert {("Ottilie Brzezinska", "NAME"), ("1950-02-11", "DATE"), ("419-555-0117", "PHONE")} == found


def test_query_string_without_host():
    text = "API log: GET /fhir/Patient?family=Wieczorkowa&given=Halszka&birthdate=1939-12-01&_format=json returned 404."
    out = deidentify(text).text
    assert "Wieczorkowa" not in out and "Halszka" not in out and "1939-12-01" not in out
    assert "_format=json" in out and "returned 404" in out


def test_name_broken_over_two_lines_after_its_key():
    text = "NAME: KOWALCZYKOWA,\nBRONISLAWA  The wound was clean."
    assert ("KOWALCZYKOWA,\nBRONISLAWA", "NAME") in _found(line_spans(text), text)


@pytest.mark.parametrize("table", [
    "| Patient | MRN | Room |\n|---|---|---|\n| Wojcikowska, Irmina | 8841230 | 4B |\n"
    "| Eustachy Grzybowski | 5120984 | 3B-12 |",
    "+---------+---------+------+\n| Patient | MRN     | Room |\n+---------+---------+------+\n"
    "| Wojcikowska, Irmina | 8841230 | 4B |\n| Eustachy Grzybowski | 5120984 | 3B-12 |\n+---------+---------+------+",
    "Patient\tMRN\tRoom\nWojcikowska, Irmina\t8841230\t4B\nEustachy Grzybowski\t5120984\t3B-12  The plan was made.",
])
def test_table_columns_named_by_their_header(table):
    found = _found(table_spans(table), table)
    assert found == {("Wojcikowska, Irmina", "NAME"), ("8841230", "ID"), ("Eustachy Grzybowski", "NAME"),
                     ("5120984", "ID")}  # the Room column and the prose after the last row stay


def test_table_of_clinical_columns_is_kept():
    text = "| Problem | Status |\n|---|---|\n| Parkinson Disease | Active |\n| Crohn Disease | Stable |"
    assert table_spans(text) == []
    assert "Parkinson Disease" in deidentify(text).text


def test_spaced_and_misread_digits():
    text = "Phone: 6 1 4 - 5 5 5 - 0 1 4 8 and MRN: 12O4S67 and DOB: O3/l2/1950; reflexes 2+ and 5/5 strength."
    found = _found(spaced_spans(text) + misread_spans(text), text)
    assert found == {("6 1 4 - 5 5 5 - 0 1 4 8", "PHONE"), ("12O4S67", "ID"), ("O3/l2/1950", "DATE")}
    out = deidentify(text).text
    assert "reflexes 2+" in out and "5/5 strength" in out


def test_hyphenated_surname_is_rejoined_and_removed_from_both_halves():
    text = "Seen today.\nReferred by Dr. Przyby-\nszewska for evaluation of the knee.  Assess-\nment: stable."
    out = deidentify(text).text
    assert "Przyby" not in out and "szewska" not in out
    assert "Assess-\nment: stable." in out


def test_page_header_name_beside_record_number():
    text = "KOWALCZYKOWA, BRONISLAWA    MRN 7730412    DOB 02/04/1961    Page 2 of 4\nThe knee was stable."
    found = _found(header_spans(text), text)
    assert ("KOWALCZYKOWA, BRONISLAWA", "NAME") in found
    text = "The knee was stable.  Szczepaniak, Irmina (773-0412) - continued\nNo effusion."
    assert _found(header_spans(text), text) == {("Szczepaniak, Irmina", "NAME"), ("773-0412", "ID")}


def test_prose_sections_are_no_key_values():
    text = ("CC: Chest Pain\nLAST MENSTRUAL PERIOD: Two Weeks Ago\nPLAN: Follow Up In Clinic\n"
            "ASSISTANT: None\nFAMILY HISTORY: Noncontributory\nPROCEDURE: Whipple Procedure")
    assert key_value_spans(text) == [] and table_spans(text) == []


@pytest.mark.parametrize("broken", [
    '{"family": "Roe", "given": ["Ja', '<patient><name><given>Jane</giv', "(0010,0010) PN [ROE^JA",
    '{"value": "x"}}}]]', "<<<>>> </ > <a b='c", "| a |\n|---|\n| b | c | d |", "\t\t\n\t", "key=&&&=;;|",
    "\x00\ufffd" * 50, "-\n-\n" * 30,
])
def test_malformed_fragments_never_fail(broken):
    key_value_spans(broken)
    table_spans(broken)
    extracted_text_spans(broken, lambda t: [])
    assert isinstance(deidentify(broken).text, str)


@pytest.mark.parametrize(("text", "gone"), [
    ('{"resourceType": "Patient", "name": [{"family": "Meadow", "given": ["Willow"]}], '
     '"identifier": [{"value": "4412"}]}', ("Meadow", "Willow", "4412")),
    ("GET /fhir/Patient?family=Field&given=Rose&_format=json returned 404.", ("Field", "Rose")),
    ("| Patient | MRN | Room |\n|---|---|---|\n| Castle, Joy | 44120 | 4B |", ("Castle", "Joy", "44120")),
    ("<patient><name><given>Willow</given><family>Meadow</family></name></patient>", ("Willow", "Meadow")),
    ("guarantor: Field, Rose\nvisit_type: follow-up", ("Field", "Rose")),
])
def test_names_of_ordinary_words_go_when_the_key_says_name(text, gone):
    """No prose rule can tell "Meadow" or "Castle" from English; only the key or the column header can."""
    out = deidentify(text).text
    assert not any(word in out for word in gone), out
    assert "[NAME]" in out


def test_compass_prefixed_towns_after_a_place_cue():
    from medrepro.privacy.compass_places import compass_place_spans

    text = "Employer is in East Mark, an hour away. Service area: South Jimmy. Born in North Carolina, near East Asia."
    assert _found(compass_place_spans(text), text) == {("East Mark", "LOCATION"), ("South Jimmy", "LOCATION")}


def test_compass_town_leaves_a_longer_place_to_its_rule():
    out = deidentify("She moved to South Andrewton, 22856 last year.").text
    assert "Andrewton" not in out and "22856" not in out
