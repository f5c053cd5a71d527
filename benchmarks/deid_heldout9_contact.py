"""ID, date, contact, place, facility and age families of v9 (`deid_heldout9.py`): held out, never tune on it.

Places: US towns from the harness's Faker "en_US" generator (`Gen.city`, filtered against the detector's
lists), towns and streets abroad from the mimesis address data of the v9 locales (romanized like the names),
streets at home named after v9 surnames. Employers are v9 surnames or mimesis company words. Families or
sentences of document kinds no earlier split used are marked NEW in the docstring.
"""

from __future__ import annotations

import datetime
import functools

from deid_harness import Planted, known_to_detector
from deid_harness import nl as name_lists
from deid_heldout9_names import person, romanize, surname, words_of
from deid_heldout9_values import (
    DAYS,
    MONTHS,
    clock_date,
    date,
    datep,
    day,
    handle,
    idp,
    letters,
    mrn,
    nth,
    phone,
)

_COUNTRY = {"hu": "Hungary", "sk": "Slovakia", "pl": "Poland", "sv": "Sweden", "no": "Norway", "it": "Italy",
            "es-mx": "Mexico", "pt-br": "Brazil", "nl": "the Netherlands", "fr": "France", "de-ch": "Switzerland"}


@functools.cache
def _address_provider(loc: str):
    from mimesis import Address
    from mimesis.enums import Locale

    return Address(Locale(loc))


def _fresh(text: str) -> bool:
    return bool(text) and all(w.isalpha() and not known_to_detector(w) for w in text.replace("-", " ").split())


def _abroad_place(g, loc: str, what: str) -> str:
    provider = _address_provider(loc)
    for _ in range(200):
        provider.reseed(g.r.randrange(1 << 30))
        raw = provider.city() if what == "city" else provider.street_name()
        value = romanize(raw, loc)
        if _fresh(value) and value not in name_lists.US_CITIES and len(value) >= 3:
            return value
    raise RuntimeError(f"no {what} of mimesis locale {loc} outside the detector's lists")


def abroad(g) -> tuple[str, str, str]:
    """(town, country, locale) abroad."""
    loc = g.r.choice(sorted(_COUNTRY))
    return _abroad_place(g, loc, "city"), _COUNTRY[loc], loc


def _id(g):
    """Record numbers on ordinary paperwork and on the v9 documents: newborn-screen kits, registry client IDs,
    ROI requests, remittance advices, prior authorizations, lab accessions."""
    d = g.digits
    v, s = g.r.choice([
        (f"{d(9)}", "Visit number {v}"), (f"{letters(g, 3)}{d(5)}", "Prior authorization {v} approved for 6 visits."),
        (f"{d(4)}-{d(5)}", "Lab accession {v} hemolyzed; redraw ordered."),
        (f"{letters(g, 1)}{d(3)}-{d(3)}-{d(3)}", "Medicaid ID {v} verified at registration."),
        (f"{d(2)}-{d(7)}", "VAERS e-report number {v}"), (f"CLM{d(10)}", "Claim {v} denied: no referral on file."),
        (f"{d(8)}", "Newborn screen kit {v} mailed to the state lab."), (f"IR{d(7)}", "Registry client ID {v}"),
        (f"TC-{d(6)}", "Poison center case {v} opened at 0214."), (f"ROI{d(6)}", "ROI request {v} closed."),
        (f"{d(3)}{letters(g, 2)}{d(4)}", "Remittance advice {v} shows a contractual adjustment."),
    ])
    return s.format(v=v), [idp("h9_id", v)]


def _id_labeled(g):
    """Record numbers with their label, in headers and text."""
    m = mrn(g)
    s = g.r.choice(["MR# {v}", "Our record number for her is {v}.", "Pt ID: {v}", "Chart no {v} (old system)",
                    "Please quote file {v} on any reply."])
    return s.format(v=m), [idp("h9_id_mrn", m)]


def _date(g):
    """Dates in narrative and on the v9 paperwork (bills, registry printouts, treatment records)."""
    v = date(g)
    s = g.r.choice([
        "Presented to the ED on {v} with syncope.", "Last mammogram {v}, BI-RADS 2.", "Returns to clinic {v}.",
        "Stent placed {v} at an outside hospital.", "Encounter date: {v}", "Labs from {v} reviewed.",
        "She quit smoking {v}.", "Statement date {v}", "Dose 2 administered {v}.", "Service from {v}",
        "Treatment {v}: 4 hours, no hypotension.", "Excused through {v}.", "Tetanus booster {v}.",
    ])
    return s.format(v=v), [datep("h9_date", v)]


def _date_range(g):
    """Two dates of one episode."""
    start = day(g, 2001, 2025)
    end = start + datetime.timedelta(days=g.r.randint(3, 120))
    a, b = date(g, start), date(g, end)
    s = g.r.choice(["Hospitalized {a} to {b} for sepsis.", "Dates of service: {a} - {b}",
                    "Out of work from {a} until {b}.", "Certified episode ran {a} to {b}."])
    return s.format(a=a, b=b), [datep("h9_date_range", a), datep("h9_date_range", b)]


def _date_spoken(g):
    """Dates as dictated and as patients say them."""
    n, mo = g.r.randint(1, 28), MONTHS[g.r.randint(0, 11)]
    v = g.r.choice([f"the {n}{nth(n)} of {mo}", f"{mo} {n}{nth(n)}", f"{DAYS[g.r.randint(0, 6)]}, the {n}{nth(n)}",
                    f"{mo} {n}, {g.r.randint(1998, 2026)}"])
    s = g.r.choice(["The rash started on {v}.", "She says her last drink was {v}.",
                    "Her knee replacement is on the schedule for {v}.",
                    "He has not been out of the house since {v}."])
    return s.format(v=v), [datep("h9_date_spoken", v)]


def _date_stamped(g):
    """NEW: times stamped by code records, dialysis machines and evidence forms."""
    v = clock_date(g)
    s = g.r.choice(["Time of first shock: {v}", "Dialysis start {v}", "Evidence kit sealed {v}",
                    "Fit test performed {v}; passed."])
    return s.format(v=v), [datep("h9_date_stamped", v)]


def _phone(g):
    """Phones in messages and paperwork, including the v9 kinds (billing office, poison center, APS line)."""
    v, parts = phone(g)
    s = g.r.choice([
        "Best callback {v}.", "Son's number is {v}.", "Home phone: {v}", "Fax records to {v}.",
        "Cell {v}, may leave a message.", "Billing office {v}", "Poison center {v}", "Language line {v}",
        "APS hotline {v}", "Pharmacy called from {v}.", "Work number {v}",
    ])
    return s.format(v=v), [Planted("PHONE", "h9_phone", v, parts)]


def _email(g):
    first, last = person(g)
    local = handle(g, first, last)
    dom = g.r.choice(["gmail.com", "hotmail.com", "yahoo.com", "msn.com", "me.com", "live.com", "att.net",
                      "wp.pl", "libero.it", "freemail.hu", "orange.fr", "bol.com.br"])
    v = f"{local}@{dom}"
    s = g.r.choice(["Email: {v}", "Statement e-mailed to {v}.", "Prefers e-mail ({v}) over phone.",
                    "Records requested by {v}.", "From: {v}", "Send the school form to {v}."])
    return s.format(v=v), [Planted("EMAIL", "h9_email", v, (v, local))]


def _url(g):
    first, last = person(g)
    sl = handle(g, first, last).replace(".", "").replace("_", "")
    v = g.r.choice([f"https://www.gofundme.com/f/{sl}", f"https://www.caringbridge.org/visit/{sl}",
                    f"https://www.youtube.com/@{sl}", f"https://www.instagram.com/{sl}",
                    f"https://{sl}.wordpress.com", f"https://www.legacy.com/obituaries/{sl}"])
    s = g.r.choice(["Family set up {v} for the medical bills.", "Updates posted at {v}.",
                    "Mother showed a video at {v}.", "See {v}."])
    return s.format(v=v), [Planted("URL", "h9_url", v, (v, sl))]


def _ip(g):
    r = g.r.randint
    v = g.r.choice([f"{r(11, 223)}.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}", f"10.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}",
                    f"172.{r(16, 31)}.{r(0, 255)}.{r(1, 254)}", f"fe80::{r(256, 65535):x}:{r(256, 65535):x}"])
    s = g.r.choice(["Access audit workstation {v}.", "Dialysis machine 4 reports to {v}.",
                    "Telehealth session originated at {v}.", "Infusion pump at {v} lost contact."])
    return s.format(v=v), [Planted("IP", "h9_ip", v, (v,))]


_SUFFIX = ("Street", "St", "Avenue", "Ave.", "Road", "Rd", "Lane", "Drive", "Dr.", "Circle", "Pike", "Way")
_STATES = ("NC", "SC", "TN", "MI", "MN", "NE", "KS", "OK", "NM", "OR", "NV", "VA")


def _address(g):
    if g.r.randrange(4) == 0:
        city, country, loc = abroad(g)
        street = _abroad_place(g, loc, "street")
        n = str(g.r.randint(1, 240))
        v = f"{street} {n}, {city}, {country}"
        s = g.r.choice(["Mailing address: {v}", "Records will be sent to {v}.", "Winters at {v}."])
        return s.format(v=v), [Planted("ADDRESS", "h9_address_abroad", v, (v, street, city))]
    n, street = str(g.r.randint(100, 19999)), surname(g)
    town, zip_code = g.city(), g.digits(5)
    core = f"{n} {street} {g.r.choice(_SUFFIX)}"
    st = g.r.choice(_STATES)
    v = g.r.choice([f"{core}, {town}, {st} {zip_code}", f"{core}, Unit {g.r.randint(1, 30)}, {town} {st} {zip_code}",
                    f"{core} {town} {st}"])
    parts = tuple(p for p in (v, core, town, zip_code if zip_code in v else "") if p)
    s = g.r.choice(["Address: {v}", "Guarantor address {v}", "Ambulance pickup address: {v}",
                    "Statements go to {v}.", "Home visit at {v}.", "Resides at {v}."])
    return s.format(v=v), [Planted("ADDRESS", "h9_address", v, parts)]


def _location(g):
    if g.r.random() < 0.35:
        city, country, _ = abroad(g)
        s = g.r.choice(["Moved here from {v}, {c}, as a teenager.", "Was hospitalized in {v} ({c}) in the spring.",
                        "Her parents still live in {v}.", "Returned from {v}, {c}, ten days ago."])
        return s.format(v=city, c=country), [Planted("LOCATION", "h9_location_abroad", city, (city,))]
    town = g.city()
    s = g.r.choice(["Works a farm outside {v}.", "Transported by ambulance from {v}.", "Raised in {v}.",
                    "Goes to church in {v}.", "Commutes from {v} each day.", "Was found down at a rest stop near {v}."])
    return s.format(v=town), [Planted("LOCATION", "h9_location", town, (town,))]


_FAC = ("Medical Center", "Hospital", "Health Center", "Dialysis Center", "Home Health", "Eye Care",
        "Urgent Care", "Skilled Nursing Facility", "Hospice", "Ambulance Service", "Pediatrics", "Clinic")


def _employer_word(g) -> str:
    from mimesis import Finance
    from mimesis.enums import Locale

    finance = Finance(Locale(g.r.choice(("en-gb", "en-au", "en-ca"))), seed=g.r.randrange(1 << 30))
    for _ in range(100):
        words = [w for w in finance.company().replace(",", "").split() if w.isalpha() and len(w) >= 4]
        fresh = [w for w in words if not known_to_detector(w)]
        if fresh:
            return max(fresh, key=len)
    return surname(g)


def _facility(g):
    """Hospitals, clinics and agencies bearing a person's or a town's name, and employers."""
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
        word = _employer_word(g)
        v = f"{word} {g.r.choice(['LLC', 'Logistics', 'Packaging', 'Construction', 'Dairy', 'Auto Parts'])}"
        s = g.r.choice(["Occupation: forklift driver, {v}.", "Return-to-work note faxed to {v}.",
                        "Insured through her employer, {v}.", "Hurt his back lifting at {v}."])
        return s.format(v=v), [Planted("FACILITY", "h9_employer", v, (word,))]
    s = g.r.choice(["Arrived by transfer from {v}.", "Prior echo at {v} reviewed.", "Dialyzes at {v} MWF.",
                    "Discharged to {v}.", "Home health through {v}.", "Seen at {v} last week for the same."])
    return s.format(v=v), [Planted("FACILITY", "h9_facility", v, tuple(p for w in parts for p in words_of(w)))]


_WORDS = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three", 94: "ninety-four", 95: "ninety-five",
          96: "ninety-six", 97: "ninety-seven", 98: "ninety-eight", 99: "ninety-nine", 101: "one hundred one",
          103: "one hundred three"}


def _age(g):
    n = g.r.choice(sorted(_WORDS))
    w = _WORDS[n]
    v, parts, s = g.r.choice([
        (f"{n} y.o.", (str(n),), "{v} woman from home with confusion."),
        (f"{w}-year-old", (w,), "A {v} retired machinist, independent at baseline."),
        (f"{n} years of age", (str(n),), "The patient is {v}."), (f"Age {n}", (str(n),), "{v} | F | DNR/DNI"),
        (f"{n}M", (f"{n}M",), "Pt {v} found on floor by daughter."), (f"{w}", (w,), "Her mother lived to {v}."),
        (f"{n}-year-old", (str(n),), "Newly admitted {v} with hip fracture."),
        (f"aged {n}", (str(n),), "Father died {v} of a stroke."),
        (f"{n} yrs", (str(n),), "Age on registry: {v}"), (f"turns {n}", (str(n),), "She {v} next month."),
    ])
    return s.format(v=v), [Planted("AGE>89", "h9_age", v, (v, *parts))]


CONTACT_FAMILIES = {
    "ID": [_id, _id, _id_labeled], "PHONE": [_phone], "EMAIL": [_email], "URL": [_url], "IP": [_ip],
    "ADDRESS": [_address], "LOCATION": [_location], "FACILITY": [_facility], "AGE>89": [_age],
}
DATE_FAMILIES = [_date, _date, _date_range, _date_spoken, _date_stamped]
