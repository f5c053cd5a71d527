"""Development template families for the de-identification benchmark: tune on these, never on held-out.

These are the sentences the rules were written against (most of them before the statistical name
detector existed), plus the development facility and clinical-string families. Names come from the
development Faker locales (`DEV_LOCALES`); the held-out estimate uses other locales and other families
(`deid_heldout.py`). The "stress" family (bare names with no cue) is development data too.
"""

from __future__ import annotations

import re

from deid_harness import MONTHS, ORD, STATE_NAMES, STATES, Gen, Planted, name, parts_of_digits

DEV_LOCALES = ("de_DE", "fr_FR", "it_IT", "es_ES", "pl_PL", "en_GB", "en_IE", "no_NO", "es_MX", "de_AT", "en_AU")

_STREET_WORDS = ["Maple", "Cedar", "Juniper", "Sycamore", "Hawthorn", "Larkspur", "Quarry", "Orchard", "Meadow",
                 "Falcon", "Heron", "Bluebell", "Copper", "Granite", "Harbor", "Lantern", "Millstone", "Sparrow"]
_STREET_SUFFIX = ["Street", "St.", "Avenue", "Ave", "Road", "Rd.", "Boulevard", "Blvd", "Lane", "Drive", "Court",
                  "Place", "Way", "Terrace", "Circle", "Parkway"]


def _t_title(g: Gen) -> tuple[str, list[Planted]]:
    last, title = g.surname(), g.r.choice(["Dr.", "Dr", "Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Doctor"])
    s = g.r.choice(["{t} {n} was seen in the clinic today.", "The case was discussed with {t} {n}.",
                    "Follow up with {t} {n} in two weeks.", "{t} {n}'s office will call with results."])
    return s.format(t=title, n=last), [name("title_surname", last, [last])]


def _t_title_full(g: Gen) -> tuple[str, list[Planted]]:
    first, last = g.first(), g.surname()
    title = g.r.choice(["Dr.", "Mr.", "Mrs.", "Ms.", "Dr", "DR.", "MR."])
    variant = g.r.randrange(6)
    if variant == 1:
        last = f"{last}-{g.surname()}"
    elif variant == 2:
        last = "O'" + last
    elif variant == 3:
        last = g.r.choice(["van der ", "de la ", "Mac", "Mc"]) + last
    value = f"{first} {last}" if g.r.random() < 0.7 else f"{first} {g.r.choice('ABCDEFGHJKLMNPRSTW')} {last}"
    if title.isupper():
        value = value.upper()
    words = [w for w in re.split(r"[\s-]+", value) if w.lower() not in {"van", "der", "de", "la"}]
    s = g.r.choice(["Discussed with {t} {v} by phone.", "Per {t} {v}, the dose was increased.",
                    "{t} {v}'s note was reviewed."])
    return s.format(t=title, v=value), [name("title_full", value, words)]


def _t_label(g: Gen) -> tuple[str, list[Planted]]:
    first, last = g.first(), g.surname()
    label = g.r.choice(["Patient name:", "PATIENT NAME:", "Name:", "Patient:", "Attending:", "Surgeon:",
                        "Referring physician:", "Primary care physician:", "Emergency contact:", "Assistant:",
                        "Signed:", "Pt name:", "Witness:", "Guardian:"])
    value = f"{first} {last}" if g.r.random() < 0.8 else f"{first} {g.r.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
    return f"{label} {value}.", [name("label_full", value, [first, last])]


def _t_label_caps(g: Gen) -> tuple[str, list[Planted]]:
    first, last = g.first().upper(), g.surname().upper()
    value = f"{last}, {first}"
    return f"PATIENT: {value}.", [name("label_caps_last_first", value, [first, last])]


def _t_signature(g: Gen) -> tuple[str, list[Planted]]:
    first, last, initial = g.first(), g.surname(), g.r.choice("ABCDEFGHJKLMNPRSTW")
    cred = g.r.choice(["MD", "M.D.", "DO", "RN", "NP", "PA-C", "PhD"])
    lead = g.r.choice(["Dictated by:", "Electronically signed by", "Transcribed by:", "Reviewed by",
                       "Sincerely,", "cc:"])
    value = f"{first} {initial}. {last}" if g.r.random() < 0.5 else f"{first} {last}"
    return f"{lead} {value}, {cred}.", [name("signature", value, [first, last])]


def _t_credential(g: Gen) -> tuple[str, list[Planted]]:
    first, last = g.first(), g.surname()
    cred = g.r.choice(["RN", "MD", "NP", "LPN", "CRNA"])
    value = f"{first} {last}"
    return f"{value}, {cred}, reviewed the discharge instructions.", [name("credential", value, [first, last])]


def _t_relation(g: Gen) -> tuple[str, list[Planted]]:
    rel = g.r.choice(["wife", "husband", "daughter", "son", "mother", "sister", "brother", "friend",
                      "caregiver", "neighbor"])
    poss = g.r.choice(["his", "her", "the patient's"])
    if g.r.random() < 0.5:
        first = g.first()
        return (f"She came with {poss} {rel}, {first}, who helps at home.",
                [name("relation_first", first, [first])])
    first, last = g.first(), g.surname()
    value = f"{first} {last}"
    return f"The patient lives with {poss} {rel} {value}.", [name("relation_full", value, [first, last])]


def _t_bare(g: Gen) -> tuple[str, list[Planted]]:
    first, last = g.listed_first(), g.surname()
    value = f"{first} {last}"
    s = g.r.choice(["{v} was seen today for follow-up.", "Results were reviewed with {v}.",
                    "Consent was obtained from {v} at the bedside."])
    return s.format(v=value), [name("bare_listed_first", value, [first, last])]


def _t_repeat(g: Gen) -> tuple[str, list[Planted]]:
    last = g.surname()
    title = g.r.choice(["Mr.", "Mrs.", "Ms."])
    return (f"{title} {last} was admitted overnight. {last} tolerated the procedure well.",
            [name("second_mention", last, [last])])


def _t_letter(g: Gen) -> tuple[str, list[Planted]]:
    first, last = g.first(), g.surname()
    kind = g.r.randrange(5)
    if kind == 0:
        value = f"{first} {last}"
        return (f"Seen in consultation at the request of Dr. {value}.", [name("letter", value, [first, last])])
    if kind == 1:
        value = f"{last}, {first}"
        return f"Patient Name: {value}", [name("letter", value, [first, last])]
    if kind == 2:
        value = f"{first[0]}. {last}"
        return f"Thank you for referring Ms. {value} to our clinic.", [name("letter", value, [last])]
    if kind == 3:
        value = f"{first} {last}"
        return f"Sincerely,\n{value}, MD", [name("letter", value, [first, last])]
    value = last
    return f"Dear Dr. {value}:", [name("letter", value, [last])]


def _t_stress_bare(g: Gen) -> tuple[str, list[Planted]]:
    """A held-out name with no title, label or credential: only sentence context can reveal it."""
    first, last = g.first(), g.surname()
    kind = g.r.randrange(4)
    if kind == 0:
        value = f"{first} {last}"
        return f"{value} is a 45-year-old man seen for back pain.", [name("stress_bare", value, [first, last])]
    if kind == 1:
        value = f"{first} {last}"
        return f"I had the pleasure of seeing {value} today.", [name("stress_bare", value, [first, last])]
    if kind == 2:
        return f"{first} was placed under general anesthesia.", [name("stress_bare", first, [first])]
    value = f"{first} {last}"
    return f"The history was obtained from {value} and the chart.", [name("stress_bare", value, [first, last])]


def _t_date2(g: Gen) -> tuple[str, list[Planted]]:
    y, mo, d = g.r.randint(1990, 2023), g.r.randint(1, 12), g.r.randint(1, 28)
    month = MONTHS[mo - 1]
    forms = {
        "the dth of month yyyy": f"the {d}{ORD.get(d, 'th')} of {month} {y}",
        "weekday, month d, yyyy": f"{g.r.choice(['Monday', 'Friday'])}, {month} {d}, {y}",
        "m/d": f"{mo}/{d}", "mm/dd/yy hh:mm": f"{mo:02d}/{d:02d}/{y % 100:02d} 08:15",
        "MON-DD-YY": f"{month[:3].upper()}-{d:02d}-{y % 100:02d}", "yyyymmdd": f"{y}{mo:02d}{d:02d}",
    }
    name = g.r.choice(sorted(forms))
    value = forms[name]
    s = g.r.choice(["Follow-up visit {d}.", "Labs drawn {d} were normal.", "Admission date: {d}."])
    if name == "m/d":
        s = "Labs drawn on {d} were normal."
    return s.format(d=value), [Planted("DATE", f"date2:{name}", value, (value,))]


def _t_contact2(g: Gen) -> tuple[str, list[Planted]]:
    a, b, c = g.digits(3), g.digits(3), g.digits(4)
    kind = g.r.randrange(4)
    if kind == 0:
        value = f"+1 ({a}) {b}-{c}"
        return f"Mobile {value}.", [Planted("PHONE", "phone2", value, (value, c))]
    if kind == 1:
        value = f"{a}.{b}.{c}"
        return f"Please page {value} if needed.", [Planted("PHONE", "phone2", value, (value, c))]
    if kind == 2:
        value = f"{g.surname().lower()}@{g.surname().lower()}.com"
        return f"Send records to <{value}>.", [Planted("EMAIL", "email2", value, (value,))]
    value = f"{g.r.randint(10, 99)}.{g.r.randint(0, 255)}.{g.r.randint(0, 255)}.{g.r.randint(1, 254)}"
    return f"Telehealth session from {value}.", [Planted("IP", "ip2", value, (value,))]


def _t_place2(g: Gen) -> tuple[str, list[Planted]]:
    city = g.city()
    kind = g.r.randrange(4)
    if kind == 0:
        value = f"{g.r.randint(10, 9999)} {g.r.choice(_STREET_WORDS)} {g.r.choice(_STREET_SUFFIX)}, {city}, "
        value += f"{g.r.choice(STATES)} {g.digits(5)}"
        parts = (value.split(",")[0], city)
        return f"Home: {value}.", [Planted("ADDRESS", "address2", value, parts)]
    if kind == 1:
        return f"She grew up in {city} and works as a teacher.", [Planted("LOCATION", "place2", city, (city,))]
    if kind == 2:
        return f"He was transferred from {city}, {g.r.choice(STATE_NAMES)}.", [
            Planted("LOCATION", "place2", city, (city,))]
    age = g.r.randint(90, 104)
    value = f"{age}-year-old"
    return f"A pleasant {value} resident of a nursing home.", [Planted("AGE>89", "age2", value, (value,))]


def _t_date(g: Gen) -> tuple[str, list[Planted]]:
    value, fmt = g.date()
    s = g.r.choice(["Seen on {d}.", "Date of service: {d}.", "Surgery was performed {d}.",
                    "He was admitted on {d} with chest pain.", "DOB: {d}.", "Last seen {d}.",
                    "Colonoscopy {d} was normal.", "Started metformin ({d})."])
    return s.format(d=value), [Planted("DATE", f"date:{fmt}", value, (value,))]


def _t_date_partial(g: Gen) -> tuple[str, list[Planted]]:
    mo, d = g.r.randint(1, 12), g.r.randint(1, 28)
    value = g.r.choice([f"{mo:02d}/{d:02d}", f"{mo}/{d}"])
    return f"Sutures were removed on {value} without difficulty.", [Planted("DATE", "date:on mm/dd", value, (value,))]


def _t_phone(g: Gen) -> tuple[str, list[Planted]]:
    a, b, c = g.digits(3), g.digits(3), g.digits(4)
    forms = [f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{a} {b} {c}", f"+1 {a} {b} {c}",
             f"1-{a}-{b}-{c}", f"{a}-{b}-{c} ext. {g.digits(3)}", f"({a}){b}-{c}", f"{b}-{c}",
             f"({a})-{b}-{c}", f"{a}/{b}-{c}", f"{a} {b}-{c}", f"{a}{b}{c}", f"{a}-{b}-{c} x{g.digits(4)}"]
    value = g.r.choice(forms)
    lead = g.r.choice(["Call", "Phone:", "Fax:", "Her cell phone is", "Pager", "Contact number:", "Tel.",
                       "cell:", "Reached her at", "Daughter's number is"])
    return f"{lead} {value} with any questions.", [Planted("PHONE", "phone", value, (value, *parts_of_digits(value)))]


def _t_email(g: Gen) -> tuple[str, list[Planted]]:
    user = (g.first() + g.r.choice([".", "_", ""]) + g.surname()).lower() + g.r.choice(["", g.digits(2)])
    value = f"{user}@{g.surname().lower()}{g.r.choice(['mail.com', '.org', 'health.net', '.edu'])}"
    return f"Email: {value}.", [Planted("EMAIL", "email", value, (value,))]


def _t_id(g: Gen) -> tuple[str, list[Planted]]:
    kind = g.r.choice(["ssn", "ssn_space", "ssn_plain", "mrn", "mrn_alpha", "mr_hash", "account", "acct",
                       "member", "license", "serial", "plan", "medicare", "dea", "npi", "mrn_dashed"])
    d = g.digits
    sentences = {
        "ssn": ("SSN: {v}.", f"{d(3)}-{d(2)}-{d(4)}"),
        "ssn_space": ("Social security number {v} on file.", f"{d(3)} {d(2)} {d(4)}"),
        "ssn_plain": ("SSN {v}.", d(9)),
        "mrn": ("MRN: {v}.", "00" + d(6)),
        "mrn_alpha": ("Medical record number: {v}.", g.r.choice("ABKMX") + d(7)),
        "mr_hash": ("MR# {v}", d(7)),
        "account": ("Account #: {v}.", d(8)),
        "acct": ("Acct no. {v}.", f"{d(4)}-{d(4)}"),
        "member": ("Insurance member ID: {v}.", "XK" + d(9)),
        "license": ("Driver's license number {v}.", g.r.choice("DFKW") + d(7)),
        "serial": ("Pacemaker serial number {v} was recorded.", "PX" + d(6)),
        "plan": ("Health plan ID {v}.", f"{d(4)}-{d(4)}-{d(2)}"),
        "medicare": ("Medicare number {v} verified.", f"{d(1)}EG{d(1)}-TE{d(1)}-MK{d(2)}"),
        "dea": ("DEA# {v}.", "AB" + d(7)),
        "npi": ("NPI {v}.", d(10)),
        "mrn_dashed": ("MRN {v}", f"{d(2)}-{d(3)}-{d(3)}"),
    }
    s, value = sentences[kind]
    return s.format(v=value), [Planted("ID", f"id:{kind}", value, (value, *parts_of_digits(value)))]


def _t_address(g: Gen) -> tuple[str, list[Planted]]:
    street = g.r.choice(_STREET_WORDS) + (" " + g.r.choice(_STREET_WORDS) if g.r.random() < 0.3 else "")
    direction = g.r.choice(["", "", "North ", "W. ", "East "])
    value = f"{g.r.randint(1, 9999)} {direction}{street} {g.r.choice(_STREET_SUFFIX)}"
    if g.r.random() < 0.3:
        value += g.r.choice([", Apt 4B", ", Suite 210", " #12"])
    if g.r.random() < 0.15:
        value = f"P.O. Box {g.r.randint(10, 99999)}"
        return f"Mail goes to {value}.", [Planted("ADDRESS", "po_box", value, (value,))]
    lead = g.r.choice(["She lives at", "Address:", "Home address is", "He was found at"])
    return f"{lead} {value}.", [Planted("ADDRESS", "street", value, (value,))]


def _t_location(g: Gen) -> tuple[str, list[Planted]]:
    city = g.city()
    kind = g.r.choice(["city_st_zip", "city_state", "lives_in", "moved_to", "zip"])
    if kind == "city_st_zip":
        zip_code = g.digits(5) if g.r.random() < 0.7 else f"{g.digits(5)}-{g.digits(4)}"
        value = f"{city}, {g.r.choice(STATES)} {zip_code}"
        return f"She lives in {value}.", [Planted("LOCATION", kind, value, (city, zip_code))]
    if kind == "city_state":
        value = f"{city}, {g.r.choice(STATE_NAMES + STATES)}"
        return f"He is originally from {value}.", [Planted("LOCATION", kind, value, (city,))]
    if kind == "lives_in":
        return f"She lives in {city} with her family.", [Planted("LOCATION", kind, city, (city,))]
    if kind == "moved_to":
        return f"He moved to {city} last year.", [Planted("LOCATION", kind, city, (city,))]
    zip_code = g.digits(5)
    return f"ZIP code {zip_code}.", [Planted("LOCATION", kind, zip_code, (zip_code,))]


def _t_url(g: Gen) -> tuple[str, list[Planted]]:
    host = g.surname().lower() + g.r.choice(["clinic", "health", "care", "med"])
    value = g.r.choice([f"https://www.{host}.com/patients/{g.digits(6)}", f"www.{host}.org",
                        f"http://portal.{host}.net/login", f"{host}.com/records",
                        f"https://{host}.org/chart?id={g.digits(5)}"])
    return f"Records are available at {value} for review.", [Planted("URL", "url", value, (value,))]


def _t_ip(g: Gen) -> tuple[str, list[Planted]]:
    value = ".".join(str(g.r.randint(1, 254)) for _ in range(4))
    lead = g.r.choice(["The portal logged access from IP address", "Device IP", "Remote session from"])
    return f"{lead} {value}.", [Planted("IP", "ip", value, (value,))]


def _t_age(g: Gen) -> tuple[str, list[Planted]]:
    age = g.r.randint(90, 104)
    forms = [f"{age}-year-old", f"{age} year old", f"{age}-year old", f"{age} y/o", f"{age} yo",
             f"{age} years old", f"{age}yo", f"{age}-yr-old", f"{age} yrs old"]
    phrase = g.r.choice(forms)
    if g.r.random() < 0.3:
        phrase = g.r.choice([f"aged {age}", f"age {age}", f"age: {age}", f"{age} years of age"])
        sentence = f"She was {phrase} at admission."
    else:
        sentence = f"This {phrase} woman presents for evaluation."
    return sentence, [Planted("AGE>89", "age", phrase, (phrase,))]


def _t_facility(g: Gen) -> tuple[str, list[Planted]]:
    word = g.surname()
    kind = g.r.randrange(4)
    if kind == 0:
        v = f"{word} General Hospital"
        return f"She was admitted to {v} overnight.", [Planted("FACILITY", "facility", v, (word,))]
    if kind == 1:
        v = f"{word} Medical Center"
        return f"He was seen at {v} last week.", [Planted("FACILITY", "facility", v, (word,))]
    if kind == 2:
        v = f"{word} Clinic"
        return f"Records were requested from the {v}.", [Planted("FACILITY", "facility", v, (word,))]
    company = g.company()
    words = tuple(w for w in company.replace(",", " ").split() if len(w) > 3 and w[0].isupper()
                  and w.rstrip(".") not in {"Inc", "LLC", "Ltd", "Group", "Corp", "PLC", "and", "Sons"})
    return f"He works at {company} in the warehouse.", [Planted("FACILITY", "employer", company, words or (company,))]


def _t_age_words(g: Gen) -> tuple[str, list[Planted]]:
    v = g.r.choice(["ninety-three-year-old", "in her late nineties", "a centenarian", "aged 96 years", "Age: 97"])
    return f"The patient is {v}.", [Planted("AGE>89", "age_words", v, (v,))]


FAMILIES = {
    "NAME": [_t_title, _t_title_full, _t_label, _t_label_caps, _t_signature, _t_credential, _t_relation,
             _t_bare, _t_repeat, _t_stress_bare, _t_stress_bare],
    "DATE": [_t_date, _t_date, _t_date, _t_date_partial, _t_date2],
    "PHONE": [_t_phone], "EMAIL": [_t_email], "ID": [_t_id], "ADDRESS": [_t_address],
    "LOCATION": [_t_location, _t_place2], "URL": [_t_url], "IP": [_t_ip], "AGE>89": [_t_age, _t_age_words],
    "LETTER": [_t_letter], "CONTACT2": [_t_contact2], "FACILITY": [_t_facility],
}

CLINICAL_STRINGS = (
    "Tylenol 650 mg", "Motrin 600 mg", "Percocet 5/325", "Vicodin", "Versed 2 mg", "fentanyl 50 mcg",
    "Demerol", "Phenergan 25 mg", "Benadryl 25 mg", "Ativan 1 mg", "Haldol", "Seroquel 25 mg", "Zoloft 50 mg",
    "Prozac", "Lexapro 10 mg", "Wellbutrin", "Cymbalta", "Lyrica 75 mg", "Celebrex", "Mobic", "Ultram",
    "Prilosec 20 mg", "Nexium", "Zantac", "Pepcid", "Reglan", "Colace", "Senokot", "Dulcolax", "Miralax",
    "Glucophage", "Lantus 20 units", "NovoLog", "Humalog", "Actos", "Januvia", "Zocor 40 mg", "Crestor",
    "Norvasc 5 mg", "Lopressor 25 mg", "Toprol XL", "Cardizem", "Lisinopril 10 mg", "Cozaar", "Aldactone",
    "Digoxin", "Nitroglycerin", "Heparin 5000 units", "Augmentin", "Levaquin 500 mg", "Cipro", "Bactrim DS",
    "Zithromax", "Flagyl", "Diflucan", "Valtrex", "Prednisone 20 mg", "Medrol Dosepak", "Decadron",
    "Albuterol", "Advair", "Spiriva", "Singulair", "Claritin", "Flonase", "Allegra", "Kenalog 40 mg",
    "Depo-Medrol", "Lidocaine 1%", "Sensorcaine", "Propofol", "Succinylcholine", "Chromic 4-0",
    "Silk 2-0", "Nylon 5-0", "Penrose drain", "Blake drain", "Pleur-evac", "Hickman catheter",
    "Mayo scissors", "Adson forceps", "DeBakey forceps", "Army-Navy retractor", "Gelpi retractor",
    "Bookwalter retractor", "Balfour retractor", "Kelly clamp", "Babcock clamp", "Yankauer suction",
    "Frazier suction", "Trendelenburg position", "Fowler position", "Valsalva maneuver", "Hoffmann sign",
    "Spurling test", "Homans sign", "McBurney point", "Rovsing sign", "Kernig sign", "Brudzinski sign",
    "Graves disease", "Addison disease", "Cushing syndrome", "Guillain-Barre syndrome", "Bowen disease",
    "Paget disease", "Raynaud phenomenon", "Sjogren syndrome", "Meckel diverticulum", "Schatzki ring",
    "Zenker diverticulum", "Morton neuroma", "Dupuytren contracture", "Osgood-Schlatter disease",
    "Legg-Calve-Perthes disease", "Bankart repair", "Hill-Sachs lesion", "Smith fracture", "Jones fracture",
    "Monteggia fracture", "Gartland type III", "Salter-Harris II", "Glasgow Coma Scale of 14",
    "NYHA class II", "ASA class 3", "Gleason score 7", "Breslow depth", "Mini-Mental State Examination",
    "Karnofsky 80", "Denver Developmental", "Wong-Baker scale", "T12-L1", "C6-C7", "S1 radiculopathy",
    "Hemoccult negative", "Ensure", "Coban wrap", "Xeroform", "Adaptic", "Telfa", "Webril", "Kling",
    "Bair Hugger", "Cell Saver", "Harmonic scalpel", "LigaSure", "EndoGIA stapler", "Veress needle",
    "Hasson trocar", "Foley balloon", "Malecot catheter", "Quinton catheter", "Greenfield filter",
    "Medtronic lead", "Boston Scientific", "St. Jude valve", "Carpentier-Edwards valve", "Palmaz stent",
)
