"""Fourth held-out template families (v4): the estimate after v3 (`deid_heldout3.py`) was consumed.

v3 was measured once (recall 0.8585, names 0.920, clinical strings kept 74.5% on 300 held-out notes; see
docs/privacy.md); its misses then guide generic fixes, tuned on development notes only, so v3 is
development data from that round on. This file was written and committed BEFORE any tuning at this
round, and its author never ran it through a detector (only a generator-level check that every family
produces sentences holding their planted values); never tune on it. Same interface as v1-v3, other
phrasings, other Faker locales, other clinical strings.

Locales: only three Faker locales with Latin-script person data are left unused by development and
v1-v3 (every other one is used or writes names in a script the harness's ASCII fold erases); es_CA is
left out because its surnames are es_ES's, a development locale. en_US adds names that are common
English words ("Brown", "Hall"); `_WORD_NAMES` adds more of those, each kept only when no detector list
holds it.
"""

from __future__ import annotations

from deid_harness import Planted, _ascii, known_to_detector, name, parts_of_digits

HELDOUT_LOCALES = ("is_IS", "fr_DZ", "en_US")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_ORD = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}
_WORD_NAMES = ("Hope", "Faith", "Grace", "Dawn", "Summer", "Autumn", "River", "Forest", "Hunter", "Mercy",
               "Chance", "Wolf", "Swan", "Moss", "Gold", "Strong", "Hardy", "Noble", "Wise", "Church",
               "Bishop", "Mason", "Archer", "Bird", "Green", "Page", "Black", "White", "Field", "Wood", "Hill",
               "Lake", "Snow", "Storm", "Day", "Knight", "Cash", "Love", "Little", "Small", "Short", "Long",
               "Major", "Sterling", "Swift", "Cross", "Banks", "Brook", "Silver", "Crane", "Hawk", "Finch",
               "Wren", "Heron", "Raven", "Pike", "Bass", "Salmon", "Lemon", "Pepper", "Sage", "Clay", "Flint",
               "Cliff", "Dale", "Glen", "Ford", "Angel", "King", "Duke", "Earl", "Baron", "Judge", "Gardener",
               "Baker", "Thatcher", "Slater", "Mercer", "Draper", "Hooper")
_FOREIGN = {}


def _word_name(g):
    """A surname that is also a common English word and on no detector list (else a drawn surname)."""
    pool = [w for w in _WORD_NAMES if not known_to_detector(w)]
    return g.r.choice(pool) if pool else g.surname()


def _town(g):
    """An Algerian town (fr_DZ), ASCII-folded, none of whose words a detector list holds."""
    from faker import Faker

    fake = _FOREIGN.setdefault("fr_DZ", Faker("fr_DZ"))
    fake.seed_instance(g.r.randrange(1 << 30))
    for _ in range(200):
        town = _ascii(fake.city())
        words = town.replace("-", " ").split()
        if all(w.isalpha() for w in words) and not any(known_to_detector(w) for w in words):
            return town
    return g.city()


def _x_name_uncued(g):
    first, last = g.first(), g.surname()
    v = f"{first} {last}"
    s = g.r.choice([
        "{v} tolerated the first cycle with mild nausea.", "After a long discussion {v} chose hospice.",
        "We met with {v} and the palliative team today.", "Medication reconciliation done with {v}.",
        "{v} brought a list of her home medications.", "Blood sugars are logged by {v} every morning.",
        "The dressing change was done by {v} without help.", "According to {v} the rash began on the arms.",
    ])
    return s.format(v=v), [name("x_name_uncued", v, [first, last])]


def _x_name_cued(g):
    first, last = g.first(), g.surname()
    v = f"{first} {last}"
    s = g.r.choice([
        "Consulting surgeon: Dr. {v}.", "Verbal order taken from Dr. {v}.", "Charge nurse {v}, RN, notified.",
        "Mrs. {v} is accompanied by her grandson.", "Seen with the fellow, Dr. {v}.",
        "Pharmacist {v}, PharmD, adjusted the dose.", "Next of kin: {v} (nephew).",
    ])
    return s.format(v=v), [name("x_name_cued", v, [first, last])]


def _x_name_forms(g):
    first, last, ini, ini2 = g.first(), g.surname(), g.r.choice("ABCDEFGHJKLMNPRSTW"), g.r.choice("BCDEHJKLMRS")
    kind = g.r.randrange(7)
    if kind == 0:
        v = f"{last}, {first}"
        return f"Pt: {v}   DOB on file", [name("x_name_forms", v, [first, last])]
    if kind == 1:
        v = f"{ini}.{ini2}. {last}"
        return f"Read by {v}, staff radiologist.", [name("x_name_forms", v, [last])]
    if kind == 2:
        v = f"{last.upper()}, {first.upper()} {ini}"
        return f"ADMIT {v}", [name("x_name_forms", v, [last.upper(), first.upper()])]
    if kind == 3:
        second = g.surname()
        v = f"{first} {last}-{second}"
        return f"Consent witnessed by {v}.", [name("x_name_forms", v, [first, last, second])]
    if kind == 4:
        second = g.surname()
        v = f"{first} {last} {second}"
        return f"Case reviewed with {v} of social services.", [name("x_name_forms", v, [first, last, second])]
    if kind == 5:
        v = f"{last}, {first[0]}."
        return f"Surgeon of record: {v}", [name("x_name_forms", v, [last])]
    v = f"{first} {ini}. {last} Jr."
    return f"Husband {v} signed the form.", [name("x_name_forms", v, [first, last])]


def _x_name_word(g):
    """Names whose surname is a common English word: only the context shows they are names."""
    first, last = g.first(), _word_name(g)
    v = f"{first} {last}"
    s = g.r.choice(["{v} was educated on inhaler technique.", "Son {v} will bring her back Monday.",
                    "The interpreter, {v}, translated the consent.", "Discussed goals of care with {v}.",
                    "{v} says the pain is worse at night."])
    return s.format(v=v), [name("x_name_word", v, [first, last])]


def _x_name_list(g):
    people = [(g.first(), g.surname()) for _ in range(g.r.choice([2, 3]))]
    vals = [f"{f} {s}" for f, s in people]
    joined = " and ".join(vals) if len(vals) == 2 else f"{vals[0]}, {vals[1]}, and {vals[2]}"
    s = g.r.choice(["Present at the family meeting: {v}.", "Care team today: {v}.", "Visitors were {v}."])
    if len(vals) == 3 and g.r.random() < 0.5:
        s, joined = "Team members: {v}.", "; ".join(vals)
    return (s.format(v=joined),
            [name("x_name_list", v, [f, s_]) for v, (f, s_) in zip(vals, people, strict=True)])


def _x_name_possessive(g):
    first, last = g.first(), g.surname()
    kind = g.r.randrange(3)
    if kind == 0:
        v = f"{first} {last}"
        return f"{v}'s blood pressure log was reviewed.", [name("x_name_possessive", v, [first, last])]
    if kind == 1:
        return f"Per {first}'s wishes, no feeding tube.", [name("x_name_possessive", first, [first])]
    v = f"{first.upper()} {last.upper()}"
    return f"{v}'S DISCHARGE SUMMARY", [name("x_name_possessive", v, [first.upper(), last.upper()])]


def _x_date(g):
    y, mo, d = g.r.randint(1996, 2025), g.r.randint(1, 12), g.r.randint(1, 28)
    m = _MONTHS[mo - 1]
    nth = f"{d}{_ORD.get(d, 'th')}"
    forms = [f"{m.upper()} {nth}", f"{m.lower()} {d}", f"{nth} {m} {y}", f"{m[:3].lower()} {d} {y}",
             f"{mo:02d}/{d:02d}/{y % 100:02d}", f"{y}-{mo}-{d}", f"{d}-{m[:3].upper()}-{y}",
             f"{m} {nth} of {y}",
             f"Sept. {d}, {y}" if mo == 9 else f"{m[:3]}. {d} {y}" if len(m) > 3 else f"{m} {d} {y}",
             f"{mo}/{d}", f"{m} {y}", f"{m[:3]} '{y % 100:02d}", f"{mo:02d}.{d:02d}.{y % 100:02d}"]
    v = g.r.choice(forms)
    s = g.r.choice(["Port placed {v}, flushes well.", "Repeat labs scheduled for {v}.",
                    "Seen in the ED on {v} for dizziness.", "Her INR on {v} was 2.4.",
                    "Last tetanus booster {v}.", "He quit smoking in {v}.", "Prior CT ({v}) showed no mass."])
    return s.format(v=v), [Planted("DATE", "x_date", v, (v,))]


def _x_id(g):
    d, up = g.digits, "ABCDEFGHJKLMNPRSTUVWXYZ"
    forms = [("MR #: {v}", f"{d(4)}-{d(4)}"), ("Acct#{v}", d(9)), ("Accession no. {v} (surgical pathology).",
             f"{g.r.choice(['SP', 'CY', 'HX'])}-{d(2)}-{d(5)}"), ("SS# {v}", f"{d(3)}-{d(2)}-{d(4)}"),
             ("Last four of SSN {v}.", d(4)), ("BCBS ID {v}", f"{g.r.choice(up)}{g.r.choice(up)}{g.r.choice(up)}"
                                                           f"{d(9)}"),
             ("Group number {v} verified.", d(6)), ("ICD serial {v} interrogated.", f"{g.r.choice(up)}{d(6)}S"),
             ("Insulin pump S/N: {v}", f"PMP-{d(4)}-{d(4)}"), ("Visit number {v}", f"V{d(8)}"),
             ("FIN {v}", d(10)), ("Rx #{v} refilled.", d(7)), ("Prior authorization {v} approved.", f"PA{d(8)}")]
    s, v = g.r.choice(forms)
    return s.format(v=v), [Planted("ID", "x_id", v, (v, *parts_of_digits(v)))]


def _x_phone(g):
    a, b, c, e = g.digits(3), g.digits(3), g.digits(4), g.digits(g.r.choice([3, 4, 5]))
    forms = [("Office {v}.", f"({a}) {b}-{c} ext {e}"), ("Fax#: {v}", f"{a}.{b}.{c}"),
             ("Pager {v} after hours.", f"{a}-{b}-{c}"), ("Call the nurse line, {v}.", f"{a}-{b}-{c}, extension {e}"),
             ("Home (H) {v}", f"+1-{a}-{b}-{c}"), ("Work phone {v}", f"{a}/{b}-{c} x{e}"),
             ("Beeper #{v}", f"{b}-{c}"), ("Reach the daughter at {v} evenings.", f"1 ({a}) {b}-{c}"),
             ("Faxed to {v} attn. records.", f"{a} {b} {c}")]
    s, v = g.r.choice(forms)
    return s.format(v=v), [Planted("PHONE", "x_phone", v, (v, c, *parts_of_digits(v)))]


def _x_email(g):
    first, last = g.first().lower(), g.surname().lower()
    host = g.surname().lower()
    v = g.r.choice([f"{first}.{last}@{host}-health.org", f"{first[0]}{last}{g.digits(2)}@{host}.edu",
                    f"{last.upper()}.{first.upper()}@{host.upper()}.COM", f"{first}_{last}@{host}.net"])
    s = g.r.choice(["Questions: {v}", "She prefers e-mail ({v}).", "mailto:{v}",
                    "Discharge papers sent to {v} via secure mail."])
    return s.format(v=v), [Planted("EMAIL", "x_email", v, (v,))]


def _x_url(g):
    host = g.surname().lower()
    v = g.r.choice([f"https://{host}ortho.com/rehab", f"portal.{host}.health/results/{g.digits(6)}",
                    f"http://www.{host}-pediatrics.net", f"{host}familymed.org/forms"])
    s = g.r.choice(["Video instructions at {v}.", "Register on {v} before the visit.",
                    "See {v} for the diet sheet."])
    return s.format(v=v), [Planted("URL", "x_url", v, (v,))]


def _x_ip(g):
    if g.r.random() < 0.25:
        v = f"2001:db8:{g.r.randint(1, 65535):x}:{g.r.randint(1, 65535):x}::{g.r.randint(1, 4095):x}"
    else:
        v = f"{g.r.randint(1, 223)}.{g.r.randint(0, 255)}.{g.r.randint(0, 255)}.{g.r.randint(1, 254)}"
    s = g.r.choice(["Cardiac monitor gateway {v} went offline.", "Login from {v} flagged by IT.",
                    "Home spirometer uploads from {v}."])
    return s.format(v=v), [Planted("IP", "x_ip", v, (v,))]


def _x_address(g):
    n, street = g.r.randint(3, 9899), g.street()
    kind = g.r.randrange(6)
    if kind == 0:
        v = f"{n} {street} Pkwy, Apt. {g.r.randint(1, 30)}{g.r.choice('ABCD')}"
        s = "Discharged to home, {v}."
    elif kind == 1:
        v = f"PO Box {g.r.randint(10, 9999)}"
        s = "Bills are sent to {v}."
    elif kind == 2:
        v = f"Post Office Box {g.r.randint(10, 9999)}"
        s = "Mailing: {v}"
    elif kind == 3:
        v = f"Unit {g.r.randint(1, 400)}, {n} {street} Ct."
        s = "EMS picked her up at {v}."
    elif kind == 4:
        v = f"{n} Old {street} Hwy"
        s = "Lives alone at {v} with no stairs."
    else:
        v = f"{n} {street} Way #{g.r.randint(2, 99)}"
        s = "Address updated to {v}."
    return s.format(v=v), [Planted("ADDRESS", "x_address", v, (v,))]


def _x_location(g):
    city = g.city()
    kind = g.r.randrange(6)
    if kind == 0:
        return f"Drove in from {city} this morning.", [Planted("LOCATION", "x_location", city, (city,))]
    if kind == 1:
        v = f"{city}, {g.r.choice(['KY', 'NM', 'ME', 'IA', 'UT'])}"
        return f"Works on a ranch outside {v}.", [Planted("LOCATION", "x_location", v, (city,))]
    if kind == 2:
        zip_code = g.digits(5)
        v = f"{city}, {zip_code}"
        return f"Resides in {v}.", [Planted("LOCATION", "x_location", v, (city, zip_code))]
    if kind == 3:
        word = g.surname()
        v = f"{word} County"
        return f"Referred by the {v} health department.", [Planted("LOCATION", "x_location", v, (word,))]
    if kind == 4:
        town = _town(g)
        return (f"She was born in {town}, Algeria, and moved here in 1990.",
                [Planted("LOCATION", "x_location", town, (town,))])
    return f"Visiting family in {city} over the holidays.", [Planted("LOCATION", "x_location", city, (city,))]


def _x_facility(g):
    word = g.surname()
    kind = g.r.randrange(8)
    forms = [("{v} High School", "Her grandson is a senior at {v}."),
             ("{v} Nursing and Rehabilitation", "Resident of {v} since spring."),
             ("{v} Manor", "Sent from {v} nursing home with a fever."),
             ("{v} Elementary School", "She teaches at {v}."),
             ("{v} Community Hospital", "Initial workup at {v} was negative."),
             ("{v} Urgent Care", "Splinted at {v} yesterday."),
             ("{v} Dialysis Center", "Dialyzes MWF at {v}.")]
    if kind < len(forms):
        v, s = forms[kind]
        v = v.format(v=word)
        return s.format(v=v), [Planted("FACILITY", "x_facility", v, (word,))]
    company = g.company()
    words = tuple(w for w in company.replace(",", " ").split() if len(w) > 3 and w[0].isupper()
                  and w.rstrip(".") not in {"Inc", "LLC", "Ltd", "Group", "Corp", "PLC", "and", "Sons"})
    return (f"Occupation: welder for {company}.", [Planted("FACILITY", "x_employer", company, words or (company,))])


def _x_age(g):
    age = g.r.randint(90, 106)
    words = {90: "ninety", 92: "ninety-two", 94: "ninety-four", 96: "ninety-six", 98: "ninety-eight",
             100: "one hundred", 101: "one hundred and one", 103: "one hundred three"}
    word = words.get(age, "ninety-one")
    decade = g.r.choice(["in her 90s", "in his mid-90s", "in her late 90s", "in his early nineties"])
    v, s = g.r.choice([(f"{age} y/o", "{v} F, independent in ADLs."), (f"{age}yo", "Pt is a {v} male."),
                       (f"{age} years of age", "The patient is {v}."), (decade, "A retired teacher {decade}."),
                       (f"aged {age}", "Widower, {v}, from a care home."), ("nonagenarian", "A frail {v} with CHF."),
                       ("centenarian", "This {v} walks with a cane."), (f"{age} y.o.", "{v} woman, DNR."),
                       (f"{word} years old", "She is {v} and sharp."), (f"{age} yrs", "Age: {v}."),
                       (f"{age}M", "{v} with urinary retention.")])
    return s.format(v=v, decade=v), [Planted("AGE>89", "x_age", v, (v,))]


FAMILIES = {
    "NAME": [_x_name_uncued, _x_name_uncued, _x_name_cued, _x_name_forms, _x_name_forms, _x_name_word,
             _x_name_list, _x_name_possessive],
    "DATE": [_x_date], "ID": [_x_id], "PHONE": [_x_phone], "EMAIL": [_x_email], "URL": [_x_url], "IP": [_x_ip],
    "ADDRESS": [_x_address], "LOCATION": [_x_location], "FACILITY": [_x_facility], "AGE>89": [_x_age],
}

CLINICAL_STRINGS = (
    "Zestoretic 20/12.5", "Hyzaar 50/12.5", "Diovan 160 mg", "Benicar 20 mg", "Bystolic 5 mg", "Ranexa 500 mg",
    "Entresto 24/26 mg", "Multaq 400 mg", "Cordarone 200 mg", "Jardiance 10 mg", "Trulicity 1.5 mg",
    "Ozempic 0.5 mg", "Victoza 1.2 mg", "Tresiba 20 units", "Janumet 50/1000", "Neulasta 6 mg", "Tamoxifen 20 mg",
    "Gleevec 400 mg", "Keytruda 200 mg", "Methotrexate 15 mg weekly", "Plaquenil 200 mg", "CellCept 1000 mg",
    "Bactroban ointment", "Adderall XR 20 mg", "Abilify 5 mg", "Lithium carbonate 300 mg", "Suboxone 8/2 mg",
    "Chantix 1 mg", "Tessalon Perles", "Mucinex DM", "Botox 100 units", "Precedex drip", "Levophed drip",
    "Neo-Synephrine", "Cleocin 300 mg", "Zyvox 600 mg", "Meropenem 1 g", "Acyclovir 400 mg", "Miami J collar",
    "Hoyer lift", "Pleurx catheter", "Groshong catheter", "PICC line", "Dobhoff tube", "Salem sump",
    "Sengstaken-Blakemore tube", "Passy-Muir valve", "Shiley tracheostomy tube", "Wound VAC", "Unna boot",
    "Jobst stockings", "Sequential compression devices", "Bard PowerPort", "Impella device", "Mitraclip",
    "Watchman device", "Kittner dissector", "Ferguson retractor", "Castroviejo needle holder",
    "Langenbeck retractor", "Ligamentum flavum", "Circle of Willis", "Sylvian fissure", "Eustachian tube",
    "Ampulla of Vater", "Sphincter of Oddi", "Bundle of His", "Ivor Lewis esophagectomy", "Bentall procedure",
    "Latarjet procedure", "Ponseti casting", "Lisfranc injury", "Maisonneuve fracture", "Galeazzi fracture",
    "Boutonniere deformity", "Ortolani maneuver", "Allen test", "Schober test", "FABER test", "Hamman crunch",
    "Kussmaul respirations", "Cheyne-Stokes respirations", "Beck triad", "Janeway lesions", "Osler nodes",
    "Reed-Sternberg cells", "Mallory-Weiss tear", "House-Brackmann grade II", "Child-Pugh class B", "MELD score 18",
    "APACHE II score 22", "CURB-65 score of 2", "Braden score 14", "Morse Fall Scale 45", "Berg Balance Scale 38",
    "PHQ-9 score 12", "GAD-7 score 9", "Bishop score 8", "Fitzpatrick type II", "Ann Arbor stage IIA",
    "FIGO stage IB", "Killip class II", "TIMI flow grade 3", "Wolff-Parkinson-White pattern", "Brugada pattern",
    "Levine sign", "Kerley B lines", "Coombs test", "Tzanck smear", "Gram stain", "Ziehl-Neelsen stain",
    "Westergren ESR 42", "BNP 450",
)
