"""ID, date, contact, place, facility and age families of v8 (`deid_heldout8.py`): held out, never tune on it.

Places come from mimesis too: US towns from its "en" address data and towns and streets of the v8
countries from theirs (romanized like the names), each filtered against the detector's lists. Document
kinds no earlier split used are marked NEW in each family's docstring.
"""

from __future__ import annotations

import functools

from deid_harness import Planted, known_to_detector
from deid_harness import nl as name_lists
from deid_heldout8_names import LATIN, person, romanize, words_of
from deid_heldout8_values import (
    DAYS,
    MONTHS,
    date,
    datep,
    day,
    dicom_date,
    handle,
    idp,
    letters,
    mrn,
    nth,
    phone,
    stamp,
)

_COUNTRY = {"tr": "Turkey", "is": "Iceland", "et": "Estonia", "hr": "Croatia", "cs": "Czech Republic",
            "da": "Denmark", "pt": "Portugal", "fi": "Finland", "ru": "Russia", "el": "Greece"}


@functools.cache
def _address_provider(loc: str):
    from mimesis import Address
    from mimesis.enums import Locale

    return Address(Locale(loc))


def _fresh(text: str) -> bool:
    return bool(text) and all(w.isalpha() and not known_to_detector(w) for w in text.replace("-", " ").split())


def _mimesis_place(g, loc: str, what: str) -> str:
    provider = _address_provider(loc)
    for _ in range(200):
        provider.reseed(g.r.randrange(1 << 30))
        raw = provider.city() if what == "city" else provider.street_name()
        value = romanize(raw, loc) if loc in ("ru", "el") else romanize(raw, "da")
        if loc == "en":
            value = raw
        if _fresh(value) and value not in name_lists.US_CITIES and len(value) >= 3:
            return value
    raise RuntimeError(f"no {what} of mimesis locale {loc} outside the detector's lists")


def us_town(g) -> str:
    return _mimesis_place(g, "en", "city")


def abroad(g) -> tuple[str, str]:
    loc = g.r.choice(sorted(_COUNTRY))
    return _mimesis_place(g, loc, "city"), _COUNTRY[loc]


def _id(g):
    """Record and order numbers on ordinary paperwork, and NEW ones: DICOM accession and study UIDs, blood-unit
    ISBT numbers, implant serial and lot numbers, milk-bank bottle numbers, registry accession numbers."""
    d = g.digits
    v, s = g.r.choice([
        (f"{d(8)}", "Acct #: {v}"), (f"{letters(g, 2)}{d(6)}", "Encounter {v} closed by coding."),
        (f"{d(3)}-{d(3)}-{d(3)}", "Medical record number {v} merged with the duplicate chart."),
        (f"H{d(9)}", "Member ID {v} (commercial plan) on the intake sheet."),
        (f"{d(4)}{letters(g, 1)}{d(4)}", "Order {v} discontinued at discharge."),
        (f"ACC{d(9)}", "(0008,0050) SH [{v}]"), (f"1.2.840.{d(5)}.{d(6)}.{d(4)}", "StudyInstanceUID {v}"),
        (f"W{d(4)} {d(2)} {d(6)}", "Donation identification number {v} scanned twice."),
        (f"SN {d(9)}", "Implant serial {v}, model per the sticker."), (f"{d(2)}-{d(5)}", "Registry accession {v}"),
        (f"EBM-{d(6)}", "Milk bottle {v} discarded, expired."), (f"CT{d(7)}", "Sleep lab study number {v}"),
        (f"{d(12)}", "PDMP query reference {v} attached."),
    ])
    return s.format(v=v), [idp("h8_id", v)]


def _id_labeled(g):
    """Numbers with their label in key-value lines and running text."""
    m = mrn(g)
    s = g.r.choice(["MRN {v}", "Patient no. {v} per the armband.", "Chart {v} pulled from the archive.",
                    "Ref: your letter, our file {v}.", "Hospital number: {v}"])
    return s.format(v=m), [idp("h8_id_mrn", m)]


def _date(g):
    """Dates in ordinary narrative and in NEW documents (ECG carts, sleep lab, milk bank, registry)."""
    v = date(g)
    s = g.r.choice([
        "Admitted {v} with pneumonia.", "Last colonoscopy {v}, two polyps.", "Seen in clinic {v}; no changes.",
        "Surgery {v} was uncomplicated.", "Date of service: {v}", "Lab drawn {v} at the outpatient center.",
        "Letter dated {v} received from the referring office.", "Acquired {v} on cart 3.",
        "Date of diagnosis (registry): {v}", "Expressed milk expires {v}.", "Implanted {v}.",
        "Titration night {v}.", "She stopped the statin on {v}.", "Vaccinated {v} at the pharmacy.",
    ])
    return s.format(v=v), [datep("h8_date", v)]


def _date_range(g):
    """Two dates of one stay or leave, as forms and summaries give them."""
    import datetime

    start = day(g, 2000, 2025)
    end = start + datetime.timedelta(days=g.r.randint(2, 90))
    a, b = date(g, start), date(g, end)
    s = g.r.choice(["Admission {a}; discharge {b}.", "Leave requested from {a} through {b}.",
                    "Holter worn {a} to {b}.", "Course of radiation {a} - {b}."])
    return s.format(a=a, b=b), [datep("h8_date_range", a), datep("h8_date_range", b)]


def _date_spoken(g):
    """Dates written out the way dictation renders them."""
    n, mo = g.r.randint(1, 28), MONTHS[g.r.randint(0, 11)]
    v = g.r.choice([f"{mo} the {n}{nth(n)}", f"the {n}{nth(n)} of {mo}", f"{DAYS[g.r.randint(0, 6)]} {mo} {n}",
                    f"{mo} {n}{nth(n)} of {g.r.randint(2001, 2026)}"])
    s = g.r.choice(["He fell on {v} while shoveling snow.", "The family meeting is set for {v}.",
                    "Her last period was {v}.", "Stitches out on {v}."])
    return s.format(v=v), [datep("h8_date_spoken", v)]


def _date_device(g):
    """NEW: device timestamps in DICOM and monitor exports."""
    v = g.r.choice([dicom_date(g), stamp(g)])
    s = g.r.choice(["(0008,0022) DA [{v}]", "Interrogation {v}: battery 8.1 years.", "Alarm log {v} SpO2 84%",
                    "Pump history exported {v}."])
    return s.format(v=v), [datep("h8_date_device", v)]


def _phone(g):
    """Phones on paperwork, messages and NEW kinds (funeral home, milk bank, PDMP pharmacy, sleep lab)."""
    v, parts = phone(g)
    s = g.r.choice([
        "Call {v} with questions.", "Daughter's cell: {v}", "Preferred phone {v} (text ok).",
        "Clinic fax {v}", "Office: {v}", "If no answer, try {v}.", "Funeral home phone {v}",
        "Milk bank {v}, ask for the night tech.", "Dispensing pharmacy {v} per the PDMP.",
        "Sleep lab scheduling {v}", "Pager {v}", "Reached her at {v} after two tries.",
    ])
    return s.format(v=v), [Planted("PHONE", "h8_phone", v, parts)]


def _email(g):
    first, last = person(g)
    local = handle(g, first, last)
    dom = g.r.choice(["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "proton.me", "comcast.net",
                      "mail.ru", "seznam.cz", "sapo.pt"])
    v = f"{local}@{dom}"
    s = g.r.choice(["Email on file: {v}", "Results by e-mail only, to {v}.",
                    "Envelope sent to {v} for signature.", "Questions to {v}.",
                    "Genetic report copied to {v} at her request.", "Reply-To: {v}"])
    return s.format(v=v), [Planted("EMAIL", "h8_email", v, (v, local))]


def _url(g):
    first, last = person(g)
    sl = handle(g, first, last).replace(".", "").replace("-", "")
    v = g.r.choice([f"https://www.mealtrain.com/trains/{sl}", f"https://www.lotsahelpinghands.com/c/{sl}",
                    f"https://www.tiktok.com/@{sl}", f"https://www.flickr.com/photos/{sl}",
                    f"https://www.strava.com/athletes/{sl}", f"https://{sl}.substack.com"])
    part = sl
    s = g.r.choice(["The husband keeps a journal of her stay at {v}.", "See {v} for the video of the episode.",
                    "Patient shared {v}.", "Obituary link: {v}"])
    return s.format(v=v), [Planted("URL", "h8_url", v, (v, part))]


def _ip(g):
    r = g.r.randint
    v = g.r.choice([f"{r(11, 223)}.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}", f"192.168.{r(0, 255)}.{r(1, 254)}",
                    f"172.{r(16, 31)}.{r(0, 255)}.{r(1, 254)}", f"2001:db8:{r(256, 65535):x}::{r(1, 65535):x}"])
    s = g.r.choice(["Modality AE PACS_CT2 at {v}, port 104.", "ECG cart uploaded from {v}.",
                    "Telemedicine link opened at {v}.", "Login to the portal from {v} flagged.",
                    "Sleep lab acquisition PC {v} offline."])
    return s.format(v=v), [Planted("IP", "h8_ip", v, (v,))]


_SUFFIX = ("Street", "St.", "Avenue", "Ave", "Road", "Lane", "Drive", "Court", "Place", "Way", "Boulevard", "Terrace")


def _address(g):
    kind = g.r.randrange(3)
    if kind == 0:
        city, country = abroad(g)
        loc = next(k for k, c in _COUNTRY.items() if c == country)
        street = _mimesis_place(g, loc, "street") if loc in LATIN or loc in ("ru", "el") else person(g)[1]
        n = str(g.r.randint(1, 199))
        v = f"{street} {n}, {city}, {country}"
        s = g.r.choice(["Address abroad: {v}", "Records from her clinic at {v} were faxed.",
                        "Lives at {v} half the year."])
        return s.format(v=v), [Planted("ADDRESS", "h8_address_abroad", v, (v, street, city))]
    n, street = str(g.r.randint(10, 9899)), person(g)[1]
    sfx = g.r.choice(_SUFFIX)
    st = g.r.choice(("OH", "IN", "KY", "PA", "GA", "AZ", "CO", "WI", "IA", "MO"))
    town, zip_code = us_town(g), g.digits(5)
    core = f"{n} {street} {sfx}"
    v = g.r.choice([f"{core}, {town}, {st} {zip_code}", f"{core}\n{town} {st} {zip_code}",
                    f"{core} Apt {g.r.randint(1, 40)}, {town} {st}"])
    parts = tuple(p for p in (v, core, town, zip_code if zip_code in v else "") if p)
    s = g.r.choice(["Home address: {v}", "Mail the card to {v}.", "Funeral home at {v}.", "Home: {v}",
                    "Pick up at {v} for the sleep study.", "Lives at {v} with her sister."])
    return s.format(v=v), [Planted("ADDRESS", "h8_address", v, parts)]


def _location(g):
    if g.r.random() < 0.35:
        city, country = abroad(g)
        s = g.r.choice(["Emigrated from {v}, {c}, in 2012.", "Visited family in {v} ({c}) last summer.",
                        "Born in {v}.", "Her first surgery was done in {v}, {c}."])
        return s.format(v=city, c=country), [Planted("LOCATION", "h8_location_abroad", city, (city,))]
    town = us_town(g)
    s = g.r.choice(["Keeps cattle near {v}.", "Drove in from {v} this morning.", "Grew up in {v}.",
                    "EMS brought her from {v}.", "Plans to move to {v} to be near her son.",
                    "Lives in {v}, about an hour north."])
    return s.format(v=town), [Planted("LOCATION", "h8_location", town, (town,))]


_FAC = ("Memorial Hospital", "Regional Medical Center", "Family Practice", "Rehabilitation Center", "Surgery Center",
        "Sleep Center", "Funeral Home", "Nursing and Rehab", "Community Hospital", "Women's Clinic", "Pharmacy")


def _employer_word(g) -> str:
    from mimesis import Finance
    from mimesis.enums import Locale

    finance = Finance(Locale("en"), seed=g.r.randrange(1 << 30))
    for _ in range(100):
        words = [w for w in finance.company().replace(",", "").split() if w.isalpha() and len(w) >= 4]
        fresh = [w for w in words if not known_to_detector(w)]
        if fresh:
            return max(fresh, key=len)
    return person(g)[1]


def _facility(g):
    """Hospitals, clinics and funeral homes named after people and towns, and employers."""
    kind = g.r.randrange(4)
    if kind == 0:
        first, last = person(g)
        v, parts = f"{first} {last} {g.r.choice(_FAC)}", (first, last)
    elif kind == 1:
        last = person(g)[1]
        v, parts = f"{last} {g.r.choice(_FAC)}", (last,)
    elif kind == 2:
        town = us_town(g)
        v, parts = f"{town} {g.r.choice(_FAC)}", tuple(words_of(town))
    else:
        word = _employer_word(g)
        v = f"{word} {g.r.choice(['Inc.', 'Distribution', 'Manufacturing', 'Foods', 'Trucking', 'Staffing'])}"
        s = g.r.choice(["Employer: {v}", "Works second shift at {v}.", "FMLA paperwork for {v} completed.",
                        "Injured on the job at {v}."])
        return s.format(v=v), [Planted("FACILITY", "h8_employer", v, (word,))]
    s = g.r.choice(["Transferred from {v}.", "Outside films from {v} reviewed.", "Follows at {v} for dialysis.",
                    "Released to {v}.", "Sleep study at {v} showed an AHI of 31.", "Discharged to {v} for rehab."])
    return s.format(v=v), [Planted("FACILITY", "h8_facility", v, tuple(p for w in parts for p in words_of(w)))]


_WORDS = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three", 94: "ninety-four", 95: "ninety-five",
          96: "ninety-six", 97: "ninety-seven", 98: "ninety-eight", 99: "ninety-nine", 100: "one hundred",
          102: "one hundred and two"}


def _age(g):
    n = g.r.choice(sorted(_WORDS))
    w = _WORDS[n]
    v, parts, s = g.r.choice([
        (f"{n}yo", (f"{n}yo",), "{v} F, fell from standing, leg shortened and rotated."),
        (f"{w} years old", (w,), "She is {v} and still drives."),
        (f"Age: {n} yr", (str(n),), "{v}   Sex: F   Rm 4"), (f"{n} YRS", (str(n),), "PATIENT AGE {v}"),
        (f"a {w}-year-old", (w,), "This is {v} widower."), (f"age {n}", (str(n),), "Died at {v} of pneumonia."),
        (f"{n} years", (str(n),), "Proband's grandmother lived to {v}."), (f"{n} y/o", (str(n),), "{v} male, DNR."),
        (f"celebrated her {n}{nth(n)}", (f"{n}{nth(n)}",), "She {v} birthday in the hospital."),
        (f"{n}-yr-old", (str(n),), "{v} on warfarin, fell at home."),
    ])
    return s.format(v=v), [Planted("AGE>89", "h8_age", v, (v, *parts))]


CONTACT_FAMILIES = {
    "ID": [_id, _id, _id_labeled], "PHONE": [_phone], "EMAIL": [_email], "URL": [_url], "IP": [_ip],
    "ADDRESS": [_address], "LOCATION": [_location], "FACILITY": [_facility], "AGE>89": [_age],
}
DATE_FAMILIES = [_date, _date, _date_range, _date_spoken, _date_device]
