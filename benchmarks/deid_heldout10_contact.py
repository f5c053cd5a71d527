"""ID, date, contact, place, facility and age families of v10 (`deid_heldout10.py`): held out, never tune on it.

Places: US towns from the harness's Faker "en_US" generator (`Gen.city`, filtered against the detector's
lists), counties, streets, trailer parks and rural routes named after v10 census surnames (`deid_heldout10_names`).
Facilities and employers bear v10 surnames or US towns. Families or sentences in document kinds or identifier
positions no earlier split used are marked NEW in their docstrings.
"""

from __future__ import annotations

import datetime

from deid_harness import STATE_NAMES, Planted
from deid_heldout10_names import person, surname, words_of
from deid_heldout10_values import (
    DAYS,
    MONTHS,
    caps,
    date,
    datep,
    day,
    handle,
    idp,
    phone,
    record,
    stamp,
    suffix,
)


def _id(g):
    """Record numbers of ordinary paperwork and of v10's documents (registries, home health, OPO, HIM)."""
    d = g.digits
    v, s = g.r.choice([
        (f"{d(10)}", "Account # {v} (self-pay)"), (f"{caps(g, 2)}{d(7)}", "Member ID {v}; group 40021."),
        (f"{d(3)}-{d(4)}-{d(3)}", "Specimen {v} received unlabeled and rejected."),
        (f"{d(2)}-{d(6)}", "Trauma registry number {v}"), (f"{caps(g, 3)}{d(4)}", "UNOS donor ID {v}"),
        (f"HH{d(8)}", "Home health episode {v} opened."), (f"{d(4)}{caps(g, 1)}{d(4)}", "HCPOA document {v} scanned."),
        (f"UR-{d(6)}", "Authorization {v} approved, 3 inpatient days."), (f"{d(9)}", "Encounter CSN {v}"),
        (f"CY{d(2)}-{d(5)}", "Cytology accession {v}"), (f"{d(6)}", "Hold petition docket {v} filed with the court."),
    ])
    return s.format(v=v), [idp("h10_id", v)]


def _id_labeled(g):
    """Record numbers with their label, in headers and text."""
    m = record(g)
    s = g.r.choice(["Med Rec #: {v}", "Her old chart number was {v}.", "Patient identifier {v}", "MRN (legacy) {v}",
                    "Reference {v} on all correspondence."])
    return s.format(v=m), [idp("h10_id_mrn", m)]


def _id_card(g):
    """NEW: the driver license scanned at registration, beside the insurance card's member number."""
    member, licence = f"{caps(g, 3)}{g.digits(9)}", f"{caps(g, 1)}{g.digits(3)}-{g.digits(4)}-{g.digits(4)}"
    s = f"Scanned to media: insurance card (member {member}) and driver license {licence}, both sides."
    return s, [idp("h10_id_card", member), idp("h10_id_card", licence)]


def _date(g):
    """Dates in narrative and paperwork."""
    v = date(g)
    s = g.r.choice([
        "Admitted {v} with a COPD flare.", "Last colonoscopy {v}, two small polyps.", "Next visit {v}.",
        "Pacemaker implanted {v}.", "Date of service: {v}", "Echo of {v} reviewed.", "Started insulin {v}.",
        "Signed {v}", "Second dose given {v}.", "Start of care {v}", "Hold expires {v}.", "Abstracted {v}.",
        "Bed request placed {v}.", "Agent designated {v}.",
    ])
    return s.format(v=v), [datep("h10_date", v)]


def _date_range(g):
    """Two dates of one episode."""
    start = day(g, 2002, 2025)
    end = start + datetime.timedelta(days=g.r.randint(2, 150))
    a, b = date(g, start), date(g, end)
    s = g.r.choice(["Inpatient {a} through {b}.", "Episode dates: {a} to {b}", "Off work {a} - {b}.",
                    "Certification period {a}-{b}", "Registry follow-up window {a} to {b}."])
    return s.format(a=a, b=b), [datep("h10_date_range", a), datep("h10_date_range", b)]


def _date_spoken(g):
    """Dates as dictated and as patients say them."""
    n, mo = g.r.randint(1, 28), MONTHS[g.r.randint(0, 11)]
    v = g.r.choice([f"{mo} the {n}{suffix(n)}", f"the {n}{suffix(n)} of {mo}", f"last {DAYS[g.r.randint(0, 6)]} the "
                    f"{n}{suffix(n)}", f"{mo} {n}, {g.r.randint(1999, 2026)}"])
    s = g.r.choice(["The swelling began {v}.", "He says he fell on {v}.", "Her surgery is set for {v}.",
                    "Nobody has seen her drink since {v}."])
    return s.format(v=v), [datep("h10_date_spoken", v)]


def _date_stamped(g):
    """NEW: time stamps of secure chats, bed boards and rapid-response records."""
    v = stamp(g)
    s = g.r.choice(["Bed assigned {v}", "Message read {v}", "RRT arrival {v}", "Seclusion ended {v}.",
                    "Milk thawed {v}"])
    return s.format(v=v), [datep("h10_date_stamped", v)]


def _phone(g):
    """Phones in messages and paperwork, including v10's kinds (home-health agency, OPO, crisis line)."""
    v, parts = phone(g)
    s = g.r.choice([
        "Call back at {v}.", "Daughter's cell {v}", "Home: {v}", "Please fax to {v}.", "Agent's phone {v}",
        "Home health intake {v}", "OPO on-call {v}", "Crisis line {v}", "Reviewer's direct line {v}",
        "Pharmacy called from {v}.", "Work {v}, ask for the foreman",
    ])
    return s.format(v=v), [Planted("PHONE", "h10_phone", v, parts)]


def _vcard(g):
    """NEW: a contact card attached to a message (vCard lines): the telephone and e-mail entries."""
    first, last = person(g)
    v, parts = phone(g)
    local = handle(g, first, last)
    mail = f"{local}@{g.r.choice(['gmail.com', 'outlook.com', 'icloud.com', 'aol.com', 'comcast.net'])}"
    s = f"BEGIN:VCARD TEL;TYPE=cell:{v} EMAIL;TYPE=home:{mail} END:VCARD"
    return s, [Planted("PHONE", "h10_vcard", v, parts), Planted("EMAIL", "h10_vcard", mail, (mail, local))]


def _email(g):
    first, last = person(g)
    local = handle(g, first, last)
    dom = g.r.choice(["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "comcast.net", "sbcglobal.net",
                      "protonmail.com", "verizon.net", "charter.net"])
    v = f"{local}@{dom}"
    s = g.r.choice(["E-mail on file: {v}", "Sent the after-visit summary to {v}.", "Agent prefers email, {v}.",
                    "Reply-To: {v}", "Cc: {v}", "Portal proxy invitation sent to {v}."])
    return s.format(v=v), [Planted("EMAIL", "h10_email", v, (v, local))]


def _url(g):
    """Personal pages: meal sign-ups, payment pages for the bills, fundraisers, video channels."""
    first, last = person(g)
    sl = handle(g, first, last).replace(".", "").replace("_", "").replace("-", "")
    v = g.r.choice([f"https://www.takethemameal.com/meals/{sl}", f"https://www.signupgenius.com/go/{sl}",
                    f"https://account.venmo.com/u/{sl}", f"https://cash.app/${sl}",
                    f"https://www.gofundme.com/f/{sl}-recovery", f"https://www.tiktok.com/@{sl}",
                    f"https://{sl}.blogspot.com", f"https://www.patreon.com/{sl}"])
    s = g.r.choice(["Church organized meals through {v}.", "Family posts updates on {v}.",
                    "Neighbors are collecting money for the ambulance bill at {v}.",
                    "Patient filmed the seizure and posted it at {v}.", "Link given by son: {v}"])
    return s.format(v=v), [Planted("URL", "h10_url", v, (v, sl))]


def _ip(g):
    """Addresses of machines: NEW positions (video-EEG stream, CPAP modem, bed-board kiosk)."""
    r = g.r.randint
    v = g.r.choice([f"{r(11, 223)}.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}", f"10.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}",
                    f"192.168.{r(0, 255)}.{r(1, 254)}", f"2001:db8:{r(256, 65535):x}::{r(1, 4095):x}"])
    s = g.r.choice(["Video EEG streamed from {v}.", "CPAP modem last reported from {v}.",
                    "Census kiosk {v} offline since midnight.", "Login to the portal from {v} flagged by security."])
    return s.format(v=v), [Planted("IP", "h10_ip", v, (v,))]


_SUFFIX = ("St.", "Street", "Ave", "Avenue", "Rd.", "Road", "Blvd", "Court", "Ct", "Trail", "Loop", "Hwy")
_STATES = ("AZ", "NM", "ND", "SD", "MT", "WY", "ID", "UT", "AR", "MS", "AL", "GA", "KY", "WV", "ME", "VT")


def _address(g):
    """Home addresses, rural routes, trailer lots, and the place a hold petition names."""
    town, zip_code, st = g.city(), g.digits(5), g.r.choice(_STATES)
    kind = g.r.randrange(4)
    if kind == 0:
        box = f"Rural Route {g.r.randint(1, 9)}, Box {g.r.randint(10, 999)}"
        v = f"{box}, {town}, {st} {zip_code}"
        s = g.r.choice(["Mail goes to {v}.", "Home health will visit {v}."])
        return s.format(v=v), [Planted("ADDRESS", "h10_address_rural", v, (v, town, zip_code))]
    if kind == 1:
        park = surname(g)
        v = f"Lot {g.r.randint(1, 80)}, {park} Mobile Home Park, {town}"
        s = g.r.choice(["Lives at {v}, no running water this week.", "Found by deputies at {v}."])
        return s.format(v=v), [Planted("ADDRESS", "h10_address_lot", v, (v, park, town))]
    n, street = str(g.r.randint(10, 29999)), surname(g)
    core = f"{n} {street} {g.r.choice(_SUFFIX)}"
    v = g.r.choice([f"{core}, {town}, {st} {zip_code}", f"{core} Apt {g.r.randint(1, 40)}{g.r.choice('ABCD')}, {town}, "
                    f"{st} {zip_code}", f"{core}, {town} {zip_code}", f"{core}, {town}"])
    parts = tuple(p for p in (v, core, town, zip_code if zip_code in v else "") if p)
    s = g.r.choice(["Home address {v}", "Agent's address: {v}", "Petition states the patient was at {v}.",
                    "Patient lives at {v}.", "Bill to {v}", "Pick-up from {v} by wheelchair van."])
    return s.format(v=v), [Planted("ADDRESS", "h10_address", v, parts)]


def _location(g):
    """Towns and counties, in narrative and in v10's registries (NEW: county of injury, county of the hold)."""
    if g.r.random() < 0.3:
        county = surname(g)
        v = f"{county} County"
        s = g.r.choice(["Injury occurred in {v}.", "Hold filed in {v} probate court.", "Grew up in {v}.",
                        "Transferred from the {v} jail."])
        return s.format(v=v), [Planted("LOCATION", "h10_location_county", v, (v, county))]
    town = g.city()
    if g.r.random() < 0.3:
        state = g.r.choice(STATE_NAMES)
        s = g.r.choice(["Born in {v}, {st}.", "Drove down from {v}, {st} for the visit."])
        return s.format(v=town, st=state), [Planted("LOCATION", "h10_location_state", town, (town,))]
    s = g.r.choice(["Farms hay near {v}.", "Flown in from {v}.", "Lived in {v} until last year.",
                    "Her sister in {v} will take her.", "Crash on the interstate outside {v}.",
                    "Drives a school bus in {v}."])
    return s.format(v=town), [Planted("LOCATION", "h10_location", town, (town,))]


_FAC = ("Regional Medical Center", "Community Hospital", "Family Clinic", "Home Health Agency", "Hospice House",
        "Rehabilitation Hospital", "Behavioral Health", "Surgery Center", "Nursing and Rehab", "Dialysis",
        "Memorial Hospital", "Donor Services")
_EMPLOYER = ("Trucking", "Roofing", "Feed and Seed", "Plumbing", "Tire and Lube", "Concrete", "Orchards",
             "Funeral Home", "Salvage")


def _facility(g):
    """Hospitals, agencies, donor services and funeral homes bearing a surname or a town; employers."""
    kind = g.r.randrange(4)
    if kind == 0:
        first, last = person(g)
        v, parts = f"{first} {last} {g.r.choice(_FAC)}", (first, last)
    elif kind == 1:
        last = surname(g)
        v, parts = f"{last} {g.r.choice(_FAC)}", (last,)
    elif kind == 2:
        town = g.city()
        v, parts = f"{town} {g.r.choice(_FAC)}", tuple(words_of(town))
    else:
        last = surname(g)
        v = f"{last} {g.r.choice(_EMPLOYER)}"
        s = g.r.choice(["Works as a welder for {v}.", "Employer: {v}", "Injured on the job at {v}.",
                        "Body released to {v}.", "Her husband owns {v}."])
        return s.format(v=v), [Planted("FACILITY", "h10_employer", v, (last,))]
    s = g.r.choice(["Transferred from {v} by air.", "Outside MRI done at {v}.", "Admitted to {v} for rehab.",
                    "Referral faxed to {v}.", "Followed by {v} at home.", "Prior admission at {v} in the spring."])
    return s.format(v=v), [Planted("FACILITY", "h10_facility", v, tuple(p for w in parts for p in words_of(w)))]


_WORDS = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three", 94: "ninety-four", 95: "ninety-five",
          96: "ninety-six", 97: "ninety-seven", 98: "ninety-eight", 99: "ninety-nine", 100: "one hundred",
          102: "one hundred two", 104: "one hundred four"}


def _age(g):
    """Ages of 90 and over, in many phrasings (NEW: census-row and registry shapes)."""
    n = g.r.choice(sorted(_WORDS))
    w = _WORDS[n]
    v, parts, s = g.r.choice([
        (f"{n}-year-old", (str(n),), "This is a {v} man admitted from his assisted living."),
        (f"{w} years old", (w,), "She is {v} and still drives to church."),
        (f"{n} yo", (str(n),), "{v} F, fall at home."), (f"{n}y", (f"{n}y",), "Age/Sex: {v}/M"),
        (f"{n} years", (str(n),), "Age at diagnosis: {v}"), (f"{w}", (w,), "His father lived to be {v}."),
        (f"{n}F", (f"{n}F",), "Bed 12 | {v} | hip fx"), (f"age {n}", (str(n),), "Widowed at {v}."),
        (f"{n}th birthday", (str(n),), "Celebrated her {v} on the unit."),
        (f"{w}-year-old", (w,), "The patient, a {v} veteran, is hard of hearing."),
    ])
    return s.format(v=v), [Planted("AGE>89", "h10_age", v, (v, *parts))]


CONTACT_FAMILIES = {
    "ID": [_id, _id, _id_labeled, _id_card], "PHONE": [_phone, _phone, _phone, _vcard], "EMAIL": [_email],
    "URL": [_url], "IP": [_ip], "ADDRESS": [_address], "LOCATION": [_location], "FACILITY": [_facility],
    "AGE>89": [_age],
}
DATE_FAMILIES = [_date, _date, _date, _date_range, _date_spoken, _date_stamped]
