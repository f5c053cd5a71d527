"""Held-out template families for the de-identification benchmark: NEVER tune the detector on these.

Written before any tuning of the statistical name detector and committed on its own, so its history
shows that no rule, list or threshold was fitted to it. The detector's rules and lexicons were tuned
only on the development families (`deid_dev.py`) and development notes; this file is read
only to report the held-out estimate. If you change the detector because of a miss printed for this
file, the estimate stops being held out: add a new family here instead, and say so in the commit.

Each family is a function of a value generator `g` (see `deid_harness.Gen`: `g.first()`, `g.surname()`,
`g.city()`, `g.street()`, `g.company()`, `g.digits(n)`, `g.date()`, and `g.r`, a `random.Random`) and
returns (sentence, [Planted ...]). Names are drawn from Faker locales held out from development
(`HELDOUT_LOCALES`), minus any word in a list the detector uses.

`CLINICAL_STRINGS` are strings a note needs to stay useful (drugs, devices, eponyms, scores, levels);
the benchmark plants them in held-out sentences and counts how many survive verbatim.
"""

from __future__ import annotations

from deid_harness import Planted, name, parts_of_digits

# Faker locales whose names are used only for the held-out estimate (development uses others).
HELDOUT_LOCALES = ("fi_FI", "hu_HU", "cs_CZ", "tr_TR", "nl_NL", "sv_SE", "pt_BR", "ro_RO", "hr_HR",
                   "da_DK", "en_IN", "sk_SK", "lt_LT", "sl_SI", "en_NG", "id_ID")


def _h_name_uncued(g):
    first, last = g.first(), g.surname()
    v = f"{first} {last}"
    s = g.r.choice([
        "{v} presented to the emergency department with chest pain.",
        "History was provided by {v}, who accompanies the patient today.",
        "Spoke with {v} about the risks and benefits of the procedure.",
        "Imaging was reviewed together with {v} this afternoon.",
        "{v} reports improvement of the knee pain since the injection.",
        "Informed consent was signed by {v} after discussion.",
        "The plan was explained to {v} and questions were answered.",
        "Per {v}, the swelling started three days ago.",
    ])
    return s.format(v=v), [name("h_name_uncued", v, [first, last])]


def _h_name_role(g):
    first, last = g.first(), g.surname()
    v = f"{first} {last}"
    role = g.r.choice(["Interpreter", "Nurse", "Case manager", "Physical therapist", "Social worker", "Resident",
                       "Chaplain", "Attending physician"])
    s = g.r.choice(["{r} {v} was present during the visit.", "{r} {v} was notified of the results.",
                    "Discussed with {r} {v} at the bedside."])
    return s.format(r=role, v=v), [name("h_name_role", v, [first, last])]


def _h_name_first_only(g):
    first = g.first()
    rel = g.r.choice(["daughter-in-law", "granddaughter", "stepson", "partner", "niece", "roommate"])
    s = g.r.choice([f"Her {rel} {first} will drive her home.", f"His {rel}, {first}, manages his medications.",
                    f"{first} (her {rel}) was at the bedside."])
    return s, [name("h_name_first_only", first, [first])]


def _h_name_header(g):
    first, last, ini = g.first(), g.surname(), g.r.choice("ABCDEFGHJKLMNPRSTW")
    kind = g.r.randrange(4)
    if kind == 0:
        v = f"{first} {last}"
        return f"RE: {v}", [name("h_name_header", v, [first, last])]
    if kind == 1:
        v = f"{last}, {first} {ini}."
        return f"{v}\nDOS: today", [name("h_name_header", v, [first, last])]
    if kind == 2:
        v = f"{first} {last}"
        return f"Thank you, Dr. {last}, for this referral. Copy sent to {v}.", [
            name("h_name_header", last, [last]), name("h_name_header", v, [first, last])]
    v = f"{first.upper()} {last.upper()}"
    return f"PATIENT {v} SEEN IN CLINIC", [name("h_name_header", v, [first.upper(), last.upper()])]


def _h_name_possessive(g):
    first, last = g.first(), g.surname()
    v = f"{first} {last}"
    return (f"{v}'s mammogram from last year was unremarkable.", [name("h_name_possessive", v, [first, last])])


def _h_date(g):
    y, mo, d = g.r.randint(1995, 2024), g.r.randint(1, 12), g.r.randint(1, 28)
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    m = months[mo - 1]
    forms = [f"{m} the {d}th, {y}", f"{d:02d}-{m[:3]}-{y % 100:02d}", f"{m[:3].upper()} {d} {y}",
             f"{mo}.{d}.{y % 100:02d}", f"{d}/{mo}/{y}" if d > 12 else f"{mo}/{d}/{y}", f"{m} of {y}",
             f"{y}.{mo:02d}.{d:02d}"]
    v = g.r.choice(forms)
    s = g.r.choice(["Her last mammogram was {v}.", "Echocardiogram performed {v} showed an EF of 55%.",
                    "Surgery date {v}.", "Returned to work {v}.", "Next appointment: {v}."])
    return s.format(v=v), [Planted("DATE", "h_date", v, (v,))]


def _h_id(g):
    d = g.digits
    forms = [("Patient ID {v} was verified.", d(8)), ("Record # {v}.", d(7)),
             ("Specimen {v} sent to pathology.", f"S{d(2)}-{d(5)}"),
             ("Insurance ID: {v}.", "YHP" + d(9)), ("Chart number {v}.", d(6)),
             ("Acct No. {v}", "A" + d(8)), ("Encounter {v} closed.", d(9)),
             ("Health card {v} on file.", f"{d(4)} {d(3)} {d(3)}")]
    s, v = g.r.choice(forms)
    return s.format(v=v), [Planted("ID", "h_id", v, (v, *parts_of_digits(v)))]


def _h_phone(g):
    a, b, c = g.digits(3), g.digits(3), g.digits(4)
    forms = [("Please call back at {v}.", f"{a}.{b}.{c}"), ("Cell: {v}", f"({a}) {b}-{c}"),
             ("Her son can be reached on {v}.", f"{a}-{b}-{c}"), ("tel {v}", f"+1 {a} {b} {c}"),
             ("Office line {v}, option 2.", f"{a} {b} {c}")]
    s, v = g.r.choice(forms)
    return s.format(v=v), [Planted("PHONE", "h_phone", v, (v, c))]


def _h_email(g):
    v = f"{g.first().lower()}.{g.surname().lower()}{g.digits(2)}@{g.surname().lower()}.net"
    return f"The report was emailed to {v} at her request.", [Planted("EMAIL", "h_email", v, (v,))]


def _h_url(g):
    host = g.surname().lower()
    v = g.r.choice([f"https://myhealth.{host}.org/visit/{g.digits(6)}", f"www.{host}-care.com/portal"])
    return f"Images were uploaded to {v} for the radiologist.", [Planted("URL", "h_url", v, (v,))]


def _h_ip(g):
    v = ".".join(str(g.r.randint(1, 254)) for _ in range(4))
    return f"Remote monitoring workstation {v} logged the event.", [Planted("IP", "h_ip", v, (v,))]


def _h_address(g):
    v = f"{g.r.randint(2, 9999)} {g.r.choice(['N', 'S', 'E', 'W'])} {g.street()} {g.r.choice(['Ave', 'Street', 'Rd'])}"
    apt = g.r.choice(["", f", Apt {g.r.randint(1, 40)}"])
    return f"She resides at {v}{apt} with her husband.", [Planted("ADDRESS", "h_address", v, (v,))]


def _h_location(g):
    city = g.city()
    kind = g.r.randrange(3)
    if kind == 0:
        zip_code = g.digits(5)
        v = f"{city}, {g.r.choice(['OH', 'TX', 'WA', 'FL', 'NY'])} {zip_code}"
        return f"Home in {v}.", [Planted("LOCATION", "h_location", v, (city, zip_code))]
    if kind == 1:
        return f"He was transferred from {city} by ambulance.", [Planted("LOCATION", "h_location", city, (city,))]
    return f"She recently returned from a trip to {city}.", [Planted("LOCATION", "h_location", city, (city,))]


def _h_facility(g):
    word = g.surname()
    kind = g.r.randrange(5)
    if kind == 0:
        v = f"{word} Memorial Hospital"
        return f"She was transferred from {v} for a higher level of care.", [
            Planted("FACILITY", "h_facility", v, (word,))]
    if kind == 1:
        v = f"{word} Family Clinic"
        return f"He follows with his primary care physician at {v}.", [Planted("FACILITY", "h_facility", v, (word,))]
    if kind == 2:
        v = f"St. {word}'s Medical Center"
        return f"Prior records from {v} were reviewed.", [Planted("FACILITY", "h_facility", v, (word,))]
    company = g.company()
    words = tuple(w for w in company.replace(",", " ").split() if len(w) > 3 and w[0].isupper()
                  and w.rstrip(".") not in {"Inc", "LLC", "Ltd", "Group", "Corp", "PLC", "and", "Sons"})
    if kind == 3:
        return f"He works as a forklift operator at {company}.", [
            Planted("FACILITY", "h_employer", company, words or (company,))]
    return f"She is employed by {company} as an accountant.", [
        Planted("FACILITY", "h_employer", company, words or (company,))]


def _h_age(g):
    age = g.r.randint(90, 103)
    words = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three", 94: "ninety-four",
             95: "ninety-five", 96: "ninety-six", 97: "ninety-seven", 98: "ninety-eight", 99: "ninety-nine"}
    forms = [(f"aged {words.get(age, 'ninety')}", "She is {v} and lives alone."),
             (f"age: {age}", "Demographics: female, {v}."),
             (f"{age} y.o.", "A {v} female with dementia."),
             (f"{words.get(age, 'ninety-one')}-year-old", "This {v} gentleman fell at home."),
             (f"{age}yo", "{v} F with hip fracture."),
             ("in his nineties", "The patient, now {v}, still drives."),
             ("in her nineties", "A widow {v} with atrial fibrillation."),
             ("nonagenarian", "This {v} was admitted for pneumonia."),
             (f"age {age} years", "Patient is {v}.")]
    v, s = g.r.choice(forms)
    return s.format(v=v), [Planted("AGE>89", "h_age", v, (v,))]


FAMILIES = {
    "NAME": [_h_name_uncued, _h_name_uncued, _h_name_role, _h_name_first_only, _h_name_header,
             _h_name_possessive],
    "DATE": [_h_date, _h_date], "ID": [_h_id], "PHONE": [_h_phone], "EMAIL": [_h_email], "URL": [_h_url],
    "IP": [_h_ip], "ADDRESS": [_h_address], "LOCATION": [_h_location], "FACILITY": [_h_facility],
    "AGE>89": [_h_age],
}

# Planted in held-out sentences; each must survive verbatim.
CLINICAL_STRINGS = (
    "Coumadin 5 mg", "Lasix 40 mg IV", "Zofran 4 mg", "Dilaudid 1 mg", "Keflex 500 mg", "Norco 5/325",
    "Toradol 30 mg", "Protonix 40 mg", "Lovenox 40 mg", "Plavix 75 mg", "Lipitor 20 mg", "Synthroid 100 mcg",
    "Flomax 0.4 mg", "Neurontin 300 mg", "Ambien 5 mg", "Xarelto 20 mg", "Eliquis 5 mg", "Solu-Medrol 125 mg",
    "Rocephin 1 g", "Vancomycin 1 g", "Foley catheter", "Jackson-Pratt drain", "Hemovac drain",
    "Steri-Strips", "Tegaderm dressing", "Dermabond", "Bovie electrocautery", "Metzenbaum scissors",
    "Kocher clamp", "Allis clamp", "Deaver retractor", "Richardson retractor", "Weitlaner retractor",
    "Mayo stand", "Babinski sign", "Romberg test", "Murphy's sign", "McMurray test", "Lachman test",
    "Phalen test", "Tinel sign", "Glasgow Coma Scale 15", "Apgar scores 8 and 9", "Gleason 3+4",
    "Bankart lesion", "Colles fracture", "Baker's cyst", "Bell's palsy", "Crohn disease",
    "Hashimoto thyroiditis", "Parkinson disease", "Alzheimer dementia", "Barrett esophagus",
    "Wilms tumor", "Hodgkin lymphoma", "Epstein-Barr virus", "Swan-Ganz catheter", "Port-A-Cath",
    "Ace bandage", "Ioban drape", "Betadine", "DuraPrep", "Vicryl 3-0", "Monocryl 4-0", "Prolene 2-0",
    "Ethibond", "PDS suture", "Marcaine 0.25%", "Xylocaine 1%", "Ancef 1 g", "C5-C6", "L4-L5",
    "BP 132/84", "2/6 systolic murmur", "5/5 strength", "20/20 vision", "hemoglobin A1c 7.2",
    "Zimmer prosthesis", "Stryker drill", "Synthes plate", "Medtronic pacemaker", "DePuy stem",
    "Pap smear", "Doppler ultrasound", "Holter monitor", "Mallampati class II", "Kerlix roll",
)
