"""Pattern rules of the fifth round: URLs on any domain, IDs after any cue (licences, plates, VINs, serials,
usernames), phones with spelled-out extensions and international forms, month/day dates without a cue.
Each rule's true positives go, and the clinical near-misses written like them survive verbatim; the file
scanner does not start flagging hashes, versions, timestamps or paths."""

from __future__ import annotations

import pytest
from deid_asserts import assert_gone as _assert_gone
from deid_asserts import found as _found

from medrepro.privacy.deid import find_phi
from medrepro.privacy.scan import scan_paths


@pytest.mark.parametrize("value", [
    "portal.kowalczyk.health/results/969867", "mychart.abascalortho.edu/results/352589", "zelaya.co.uk",
    "app.feijoo.co.uk/patient?id=56740&src=sms", "HTTPS://WWW.MARTUCCIMD.APP", "my.histon-health.de/forms/intake.pdf",
    "rafferty.care", "PORTAL.POLANIMD.CARE/appointments/", "grondinortho.clinic/p/6688#top", "MyHealthPortal.com",
])
def test_urls_on_any_domain_with_or_without_scheme(value):
    _assert_gone(f"Results are posted at {value}, per the handout.", value, "URL")


@pytest.mark.parametrize("text", [
    "Given a.m. and p.m. doses, e.g. 5 mg.", "Discussed with the patient.Care was taken to explain.",
    "Tolerated p.o. q.i.d. and b.i.d. p.r.n.", "Saline 0.9% at 125 mL/hr.", "Lab 4.5 mg/dL.",
    "See Fig.2 in the report.", "She was seen.It was noted to be normal.",
])
def test_dotted_abbreviations_and_missing_spaces_are_not_domains(text):
    assert _found(text, "URL") == []


@pytest.mark.parametrize("text, value", [
    ("Last four of SSN 1123.", "1123"), ("SSN ending in 4567 confirmed.", "4567"),
    ("Verified the last 4 of her social, 1234.", "1234"), ("Card ending 4421 on file.", "4421"),
    ("Rx number 145478 refilled.", "145478"), ("MR #: 1154-7571", "1154-7571"), ("MRN: 00123.", "00123"),
    ("Acct # 12345 billed.", "12345"), ("Member ID W123456789.", "W123456789"),
    ("Policy no. AB12-3345 verified.", "AB12-3345"), ("Group number 190797 verified.", "190797"),
    ("Claim number 8841-2204 pending.", "8841-2204"), ("Case no. 20-44817.", "20-44817"),
    ("Accession number SP-21-44512.", "SP-21-44512"), ("Specimen ID 778812.", "778812"),
    ("Badge number 4471.", "4471"), ("employee id: 55123.", "55123"), ("Prior auth #GNP248856.", "GNP248856"),
    ("Confirmation number = 5362722 on the form.", "5362722"), ("order number 88123 sent.", "88123"),
    ("Medicare number ends in 4408.", "4408"),
])
def test_short_ids_after_any_cue(text, value):
    _assert_gone(text, value, "ID")


@pytest.mark.parametrize("text, value", [
    ("DEA # AB1234567 on file.", "AB1234567"), ("NPI 1234567893.", "1234567893"),
    ("State license J-82119.", "J-82119"), ("Board certification # NK91273.", "NK91273"),
    ("Driver's License # S123-4567-8901.", "S123-4567-8901"), ("DL# D1234567.", "D1234567"),
    ("The officer noted license plate 7GVZ440.", "7GVZ440"), ("license plate RLH 2329, per the form.", "RLH 2329"),
    ("VIN 1HGCM82633A004352 recorded.", "1HGCM82633A004352"), ("Pacemaker serial PJN123456H.", "PJN123456H"),
    ("username jdoe42 on file.", "jdoe42"), ("MyChart login kjones_77.", "kjones_77"),
    ("Follows @maria_r1990 on Instagram.", "@maria_r1990"), ("Bare id AB12-3345 written.", "AB12-3345"),
])
def test_licences_vehicles_devices_and_usernames(text, value):
    _assert_gone(text, value, "ID")


@pytest.mark.parametrize("text", [
    "Plan: CPT 99213, reassess.", "Plan: room 412, reassess.", "case 2 of 3 today.", "a 3.5 mm plate",
    "7-hole plate and screws", "age group 18-35", "Seen at her last visit 2019.", "a lot of pain",
    "by her account 2 falls", "Reference range 70-110.", "Allergan model S140MB lens.", "product # 4068",
    "member of the team", "Order: 1000 mL bolus.", "ICD-10 code I10.", "serial troponins x3",
    "A sample 2000-calorie meal plan.", "Record number 120/80 noted.", "Plan ID 12.5 mg.", "There is no 2019 record.",
    "Slides 1-3 reviewed.", "Slide 2 shows tumor.",
])
def test_id_cues_keep_sections_counts_sizes_and_ranges(text):
    assert _found(text, "ID") == []


@pytest.mark.parametrize("text, value", [
    ("Call 145-437-9770, extension 41546.", "41546"), ("Phone (555) 123-4567 ext. 223.", "223"),
    ("Cell 555-123-4567 x4471.", "4471"), ("Office 555 123 4567 Ext 7113.", "7113"),
    ("Fax 459-834-2206 (ext 4191).", "4191"), ("Home +1 (337) 539-5578, extension 60332.", "60332"),
    ("Tel. +44 20 7946 0958 ext 12.", "0958 ext 12"), ("+33 1 16 68 60 17 Ext 73214", "73214"),
    ("Pager 317-9006 after hours.", "317-9006"), ("Direct line 317-9006.", "317-9006"),
    ("Nurse line 810-7977; left a message.", "810-7977"), ("Work # 691-2858.", "691-2858"),
])
def test_phones_with_extensions_pagers_and_international(text, value):
    _assert_gone(text, value, "PHONE")


@pytest.mark.parametrize("text", [
    "Knee extension 10 degrees.", "Flexion 120, extension 10.", "Elbow extension 5.", "Extension to 180 degrees.",
    "2 x 3 cm lesion.", "serial exams x3",
])
def test_extension_of_a_joint_is_not_a_phone(text):
    assert _found(text, "PHONE") == []


@pytest.mark.parametrize("text, value", [
    ("Repeat labs scheduled for 10/12.", "10/12"), ("12/24: afebrile overnight.", "12/24"),
    ("Tetanus booster 11/19.", "11/19"), ("He quit smoking 3/15.", "3/15"),
    ("Flu vaccine given 12/03 in the left deltoid.", "12/03"), ("Weight 11/2 was 81 kg.", "11/2"),
    ("Clinic note 01/16 reviewed.", "01/16"),
])
def test_month_day_without_a_cue(text, value):
    _assert_gone(text, value, "DATE")


@pytest.mark.parametrize("text", [
    "5/5 strength", "strength 4/5", "grade 2/6 murmur", "BP 120/80", "20/20 vision", "visual acuity 20/40",
    "Apgar 8/9", "3/4 tablets", "1/2 tab", "GCS 15/15", "GCS 11/15", "4/10 pain", "pain 7/10", "rated 8/10",
    "MMSE 28/30", "MoCA 11/30", "Scored 11/12 on the test.", "Suboxone 8/2 mg", "Entresto 24/26 mg",
    "Zestoretic 20/12.5", "Janumet 50/1000", "24/7 supervision", "2/3 of the dose", "1/3 of the lesion",
    "a 50/50 chance", "12/24 hours", "We placed a 10/12 Visiport trocar.", "right ventricle 31/9",
    "Lymph nodes 0/12.", "2 of 12/12 cores positive.", "Tanner stage 3/4.", "reflexes 2/4",
])
def test_scores_fractions_and_pressures_are_not_dates(text):
    assert _found(text, "DATE") == [], text


def test_scanner_keeps_hashes_versions_timestamps_and_paths(tmp_path):
    """The broad cues (ref, tag, line, order, number) and the new URL, date and handle rules stay out of the
    file scanner: configs and lockfiles are full of what they would match."""
    lines = [
        "ref: 4f3a2b1c9d8e7f60", "tag: v1.2.3", "md5: d41d8cd98f00b204e9800998ecf8427e", "line 1234567890",
        "order 12345", "number 88123", "home: /home/user/project/data_2019/notes.csv", "uploaded 2026-11-22T08:15:00",
        "version 10/12", "see src/medrepro/privacy/patterns.py", "@pytest.mark.slow", "work 1700000000",
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "torch==2.3.1+cpu",
    ]
    (tmp_path / "dvc.lock").write_text("\n".join(lines) + "\n")
    assert scan_paths([tmp_path]) == []


@pytest.mark.parametrize("text, value", [
    ("Repeat labs scheduled for 3/5.", "3/5"), ("Last tetanus booster 5/9.", "5/9"),
    ("Diagnosed with apnea in 05/08.", "05/08"), ("Concussion in 06/04 playing baseball.", "06/04"),
])
def test_month_day_after_a_scheduling_or_vaccine_cue_and_month_year_after_in(text, value):
    _assert_gone(text, value, "DATE")


@pytest.mark.parametrize("text", [
    "Adenocarcinoma in 1/5 lymph nodes.", "Biopsy positive in 3/5 cores.", "Positive in 2/3 biopsies.",
    "Strength in 4/5 range.",
])
def test_fractions_after_in_are_not_dates(text):
    assert _found(text, "DATE") == [], text


def test_age_with_sex_after_a_double_spaced_sentence_break():
    _assert_gone("Work phone 458/540-6585 x4534  105M with urinary retention.", "105", "AGE>89")
    assert _found("Temp  101F noted.", "AGE>89") == []


@pytest.mark.parametrize("text, value, category", [
    ("See Portal.Kowalczyk.health/results/12 today.", "Portal.Kowalczyk.health/results/12", "URL"),
    ("Info at Kowalczyk.de today.", "Kowalczyk.de", "URL"),
    ("He reads ruchala-health.us daily.", "ruchala-health.us", "URL"),
    ("See rossi-clinic.it for forms.", "rossi-clinic.it", "URL"),
    ("Call 555-123-4567 extension number 4412.", "4412", "PHONE"), ("user: jdoe42", "jdoe42", "ID"),
    ("Her Instagram is @mariarossi.", "@mariarossi", "ID"), ("User ID: jsmith", "jsmith", "ID"),
    ("username is mkowalski", "mkowalski", "ID"), ("MBI 1EG4-TE5-MK73 verified.", "1EG4-TE5-MK73", "ID"),
    ("tel:+15551234567", "+15551234567", "PHONE"), ("Link bit.ly/3xYz12 sent.", "bit.ly/3xYz12", "URL"),
])
def test_mixed_case_hosts_extension_numbers_and_handles(text, value, category):
    _assert_gone(text, value, category)


@pytest.mark.parametrize("text", [
    "Lungs were examined.in addition, normal.", "She was seen.it was fine.", "discharged @home today.",
    "IV drug user 20 years.", "Handle with care.", "Login issues resolved.", "The user name is unknown.",
    "User ID: pending",
])
def test_missing_spaces_and_at_words_are_kept(text):
    assert find_phi(text, names="none") == [], text


@pytest.mark.parametrize("text, value", [
    ("Pager #4421.", "4421"), ("Beeper 4-4421.", "4-4421"), ("Extension 4421.", "4421"),
    ("Ext. 4421 for the nurse.", "4421"), ("Call 555–123–4567 today.", "555–123–4567"),
])
def test_in_house_pagers_extensions_and_en_dashes(text, value):
    _assert_gone(text, value, "PHONE")


def test_an_id_in_spaced_groups_goes_whole():
    _assert_gone("MRN: 123 456 789.", "123 456 789", "ID")


@pytest.mark.parametrize("text", ["Knee extension 170 degrees.", "Extension 1200 mg.", "extension to 180"])
def test_joint_extension_in_degrees_is_not_an_extension_number(text):
    assert _found(text, "PHONE") == []


@pytest.mark.parametrize("text, value", [
    ("Works in North Brandy as a clerk.", "North Brandy"), ("A East Heather resident.", "East Heather"),
    ("Brought in by ambulance from Westberg.", "Westberg"), ("She is from the town of Kowalczyk.", "Kowalczyk"),
    ("She was discharged to Deacon Eye Institute.", "Deacon"), ("Records were obtained from Marry Dental.", "Marry"),
    ("She was discharged to Company Veterans Home.", "Company"),
])
def test_places_after_work_and_transport_cues_and_more_facility_nouns(text, value):
    _assert_gone(text, value, "LOCATION")


@pytest.mark.parametrize("text", [
    "She works in Accounting.", "The Neurosurgery resident saw her.", "Transferred from Surgery.",
    "The National Institute of Health guidelines.", "Dental exam was normal.", "Seen by the Dental Clinic.",
])
def test_departments_services_and_generic_institutes_are_kept(text):
    assert _found(text, "LOCATION") == [], text


@pytest.mark.parametrize("text, value", [
    ("Device UDI (01)94819078467254(17)392813 scanned.", "(01)94819078467254(17)392813"),
    ("Monitor MAC address 08:32:6F:F7:09:57 registered.", "08:32:6F:F7:09:57"),
    ("Registration no 55448 in the registry.", "55448"), ("Patient account: 609/4499 (see attached).", "609/4499"),
    ("Episode ID 99.553.270 in the registry.", "99.553.270"), ("Slide # 93483 reviewed.", "93483"),
    ("HAR 9171S.", "9171S"), ("ssn last 4: 3583  Pulse oximetry is 98%.", "3583"),
    ("Registration no BH-31-5381 (see attached).", "BH-31-5381"), ("Slide 383/3737.", "383/3737"),
])
def test_device_identifiers_and_ids_with_slashes_dots_and_new_cues(text, value):
    _assert_gone(text, value, "ID")


@pytest.mark.parametrize("text, value", [
    ("Next dose due 03/20.", "03/20"), ("Cardiology appt moved to 02/12.", "02/12"),
])
def test_month_day_after_to_and_due(text, value):
    _assert_gone(text, value, "DATE")


@pytest.mark.parametrize("text", ["GCS was 14/15 on arrival.", "Improved to 14/15.", "Time 12:30:45 recorded."])
def test_scores_after_a_verb_and_clock_times_are_kept(text):
    assert find_phi(text, names="none") == [], text
