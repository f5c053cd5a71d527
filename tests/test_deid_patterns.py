"""The pattern rules (dates, ages over 89, places, facilities): each family's true positives go, and the
clinical near-misses written like them (doses, scores, ranges, vitals, lab values) survive verbatim."""

from __future__ import annotations

import pytest

from medrepro.privacy.deid import deidentify, find_phi


def _found(text: str, category: str) -> list[str]:
    """What the non-name rules replace in `text` as `category` (names off: they are another layer)."""
    return [text[s.start:s.end] for s in find_phi(text, names="none") if s.category == category]


def _assert_gone(text: str, value: str, category: str) -> None:
    found = _found(text, category)
    assert any(value in f or f in value for f in found), (text, found)
    assert value not in deidentify(text).text


@pytest.mark.parametrize("value", [
    "march 12, 2003", "MARCH 12, 2003", "12 november 2002", "dec. 6", "jun 12", "may 17", "may 9, 2003",
    "the 14th of jun", "the 20th of may", "12th november", "03june1997", "18-may-98", "sept.-11-2022",
    "Saturday, july 12", "aug. the 2nd", "23.5.2019", "5.3.21", "2019-5-12", "2019.05.12",
])
def test_dates_in_any_case_and_form(value):
    _assert_gone(f"Labs from {value} showed a sodium of 131.", value, "DATE")


@pytest.mark.parametrize("text, value", [
    ("Returned on 5-12 for a recheck.", "5-12"), ("Stitches out 5-12.", "5-12"), ("LMP 4/2.", "4/2"),
    ("Drain removed 10/22, no leak.", "10/22"), ("Seen Tuesday 3/4 in clinic.", "3/4"),
    ("Diagnosed in 2/06.", "2/06"), ("Prior MI (11/09).", "11/09"), ("Last mammogram 8/07.", "8/07"),
    ("Symptoms began in june.", "june"), ("Echo 2014-10-09T08:15 showed an EF of 40%.", "2014-10-09T08:15"),
    ("She fell on Christmas.", "Christmas"), ("Hospitalized 5/11 to 5/14.", "5/11 to 5/14"),
    ("Away 3/14-3/16, missed doses.", "3/14-3/16"), ("Seen Jan-14 in clinic.", "Jan-14"),
    ("Seen Jan-2019.", "Jan-2019"),
    ("Worse since mid-april.", "april"), ("Worse since mid-May.", "May"),
])
def test_partial_dates_after_a_cue(text, value):
    _assert_gone(text, value, "DATE")


@pytest.mark.parametrize("text, value", [
    ("Age is 99 years.", "99"), ("Age: 97 y.", "97"), ("He is 92 yrs old.", "92"), ("A 93-y-o woman.", "93"),
    ("HPI: 94 yoF with dyspnea.", "94"), ("99F with delirium.", "99"), ("Pt is a 95 M s/p hip fracture.", "95"),
    ("Stable.  101F presenting with a fall.", "101"), ("She turned ninety-seven last week.", "ninety-seven"),
    ("She turned 92 in the spring.", "92"), ("He will be 100 in June.", "100"), ("At the age of 96 she fell.", "96"),
    ("She is 97 and lives alone.", "97"), ("She celebrated her 95th birthday.", "95th"),
    ("Now ninety-nine, she uses a walker.", "ninety-nine"), ("He is one hundred and one years old.", "one hundred"),
    ("She's 95 and still drives.", "95"), ("A woman of 96 with CHF.", "96"), ("Demographics: F, 93.", "93"),
    ("This ninety-one y/o is alert.", "ninety-one"), ("Age/Sex: 95/F.", "95"), ("A ninety year old woman.", "ninety"),
])
def test_ages_over_89_without_old(text, value):
    _assert_gone(text, value, "AGE>89")


@pytest.mark.parametrize("text, value, category", [
    ("Mailing address: Annhaven 61152.", "Annhaven 61152", "LOCATION"),
    ("Home: East Kennethville, 84781-1234.", "East Kennethville, 84781-1234", "LOCATION"),
    ("Travelled to Annhaven last month.", "Annhaven", "LOCATION"),
    ("She lives in Kowalczyk County.", "Kowalczyk County", "LOCATION"),
    ("Send the bill to RR 3 Box 141.", "RR 3 Box 141", "ADDRESS"),
    ("Address: 1505 State Route 285.", "1505 State Route 285", "ADDRESS"),
    ("Mail goes to POB 2897.", "POB 2897", "ADDRESS"), ("Post Office Box 1729.", "Post Office Box 1729", "ADDRESS"),
    ("She lives on Quorvath Lane near the park.", "Quorvath Lane", "ADDRESS"),
    ("She lives at 12 Heron Road, Apt. 4B.", "Apt. 4B", "ADDRESS"),
])
def test_places_and_addresses(text, value, category):
    _assert_gone(text, value, category)


@pytest.mark.parametrize("text, value", [
    ("Retired from Brackwater, Quorvath and Pellam in 2010.", "Quorvath"), ("He works for Threlk Inc as a driver.",
                                                                            "Threlk"),
    ("Employer: Dunsford Logistics.", "Dunsford"), ("Former machinist with Vankirk Tooling.", "Vankirk"),
    ("He attends Setrick Academy.", "Setrick"), ("She is a junior at Oakridge High School.", "Oakridge"),
    ("Records from Gorrow Orthopedics were faxed.", "Gorrow"), ("She resides at Markle Manor.", "Markle"),
    ("Dialysis at Haldane Dialysis Center.", "Haldane"), ("Brought in by Kowal Police Department.", "Kowal"),
    ("Records from Kowal Correctional Facility.", "Kowal"), ("She works for Kowal School District.", "Kowal"),
])
def test_schools_practices_and_employers(text, value):
    _assert_gone(text, value, "LOCATION")


@pytest.mark.parametrize("text", [
    "She was continued on 3-4 times a day as before.", "Take 1-2 tablets every 4 hours.", "Gleason 3+4 = 7.",
    "Apgar 8/9.", "BP 120/80, pulse 96, Temp 101F, febrile to 102F.", "T 98.6 F was documented.",
    "Vitals: T 98F, HR 80.", "O2 sat 94%, saturating 92% on room air.", "Weight 95 kg, glucose 99, sodium 139.",
    "Smoked 90 pack-years.", "Flexion to 100 degrees; he was turned 90 degrees.", "Within 90 days.",
    "A 89-year-old woman, age 85 at diagnosis.", "Plan: 10-12 weeks, reassess.", "Plan: T12-L1 fusion.",
    "Strength 5/5 and grade 2/6 murmur.", "Follow up on 5/5 strength.", "She may be seen again.",
    "You may 2 weeks later.", "CPT 99213 was billed.", "Platelets 25000 on the last draw.",
    "Heparin 25000 units.", "Murmur (2/6) and strength (5/5).", "She is 100% compliant.", "He is 95 kg.",
    "Ninety minutes later.", "One hundred percent on room air.", "Age 90 days at surgery.",
    "99th percentile for weight.", "Support Group meets weekly.", "Follow up in the Cardiology Clinic.",
    "Seen in the Pain Clinic and the Trauma Center.", "She lives alone.", "Ratio F/M 95%.", "A man of 90 kg.",
    "She's 100% better.", "Grade F, 95 cases.", "Improved from 4/5 to 5/5 in all.",
    "Seen in the Emergency Department by Public Health.", "Home Health visits twice a week.",
    "PROS DEV IMPLANT: ABC Laboratories lens.",
])
def test_clinical_near_misses_survive(text):
    assert deidentify(text).text == text
