"""Sixth held-out template families (v6): the next estimate, after v5 (`deid_heldout5.py`) is consumed.

v5 was measured once and its misses then guided generic fixes tuned on development notes ("dev-v5").
This file and its two helpers (`deid_heldout6_values.py`: names, dates, numbers; `deid_heldout6_contact.py`:
the ID, contact, place, facility and age families) were written and committed BEFORE the second tuning of
that round (which runs in parallel and never sees them); their author never ran them, or anything they
generate, through a detector (only a generator-level check that every family builds sentences holding
their planted values). Never tune on them. Same interface as v1-v5: `HELDOUT_LOCALES`, `FAMILIES`
(category -> generators g -> (sentence, [Planted])) and `CLINICAL_STRINGS`.

Names: from Faker's South Asian locales (`HELDOUT_LOCALES`: Hindi, Marathi, Nepali, Gujarati, Bengali,
Odia, Tamil), none used by development or v1-v5, written in Brahmic scripts and romanized the way a US
note writes them: each consonant's inherent vowel spelled, then Hindi-type schwa deletion (final and
medial, not for Tamil), English digraphs (ch, sh, chh, th) instead of scholarly letters. Every name word a
detector list holds is rejected, as before. Families draw through `person(g)`, not `g.first()`.

New here: the documents v1-v5 did not plant into: operative-note and radiology-report headers,
pathology requisitions, pharmacy labels, insurance and prior-authorization letters, transfer forms,
telephone-encounter notes, scanned-fax banners, EHR audit lines, research consent forms; names after
role labels (SURGEON:, READING RADIOLOGIST:, SUBSCRIBER:, CALLER:), "surname, given" in requisitions,
given names alone in phone messages, names with initials and hyphenated given names, dates in audit
timestamps, fax banners and label fill dates, paired IDs on one banner line, extensions after phone
numbers, P.O. boxes, counties and towns in India, Nepal and Bangladesh, and ages in label and form fields.
"""

from __future__ import annotations

from deid_harness import Planted, name, parts_of_digits
from deid_heldout6_contact import CONTACT_FAMILIES
from deid_heldout6_values import HELDOUT_LOCALES, date, date_pair, dob, mrn, person

__all__ = ["CLINICAL_STRINGS", "FAMILIES", "HELDOUT_LOCALES", "person"]


def _full(g, sex=None):
    first, last = person(g, sex=sex)
    return first, last, f"{first} {last}"


_ROLE_LINES = (
    "SURGEON: {v}, M.D.", "ASSISTANT SURGEON: {v}", "ANESTHESIOLOGIST: {v}, MD", "Circulating RN: {v}",
    "Scrub tech: {v}", "READING RADIOLOGIST: {v}", "Ordering provider: {v}", "Referring physician: {v}, DO",
    "Pathologist: {v}, MD", "Prescriber: {v}", "Dispensing pharmacist: {v}, RPh", "Subscriber: {v}",
    "Caller: {v}", "Sending physician: {v}", "Accepting physician: {v}", "Principal investigator: {v}, PhD",
    "Witness: {v}", "Person obtaining consent: {v}", "Interpreter: {v} (Hindi)", "Gross description by {v}, PA(ASCP)",
)


def _z_name_role(g):
    """A name after a role label, as document headers print it, in mixed or upper case."""
    first, last, v = _full(g)
    form = g.r.randrange(4)
    if form == 1:
        v, words = f"{first[0]}. {last}", [last]
    elif form == 2:
        v, words = f"{last.upper()}, {first.upper()}", [last.upper(), first.upper()]
    else:
        words = [first, last]
    return g.r.choice(_ROLE_LINES).format(v=v), [name("z_name_role", v, words)]


def _z_name_phone(g):
    """Telephone-encounter notes: a caller, often by given name only, and the person called back."""
    first, last, v = _full(g)
    kind = g.r.randrange(4)
    if kind == 0:
        s = g.r.choice(["Spoke with {v}, who confirmed two identifiers.",
                        "{v} called asking for a refill of her inhaler.",
                        "TC from {v}: her father is more confused today."])
        return s.format(v=v), [name("z_name_phone", v, [first, last])]
    if kind == 1:
        s = g.r.choice(["{v} (wife) called back at 3:40.", "Left a message for {v} to call the clinic.",
                        "Per {v} on the phone, he vomited twice.", "Nurse returned {v}'s call; no answer."])
        return s.format(v=first), [name("z_name_phone", first, [first])]
    if kind == 2:
        f2, l2, v2 = _full(g)
        return (f"Message taken by {v2} for Dr. {last}.",
                [name("z_name_phone", v2, [f2, l2]), name("z_name_phone", last, [last])])
    v = f"{last}, {first}"
    return f"Phone note re: {v} -- lab results relayed.", [name("z_name_phone", v, [last, first])]


def _z_name_requisition(g):
    """Pathology and radiology requisitions: patient block with a name, a number and a birth date."""
    first, last = person(g)
    m, (birth, bparts) = mrn(g), dob(g)
    v, words, s = g.r.choice([
        (f"{last.upper()}, {first.upper()}", [last.upper(), first.upper()], "PT NAME {v}  MRN {m}  DOB {d}"),
        (f"{last}, {first}", [last, first], "Requisition -- Patient: {v}; Hosp #: {m}; DOB: {d}"),
        (f"{first} {last}", [first, last], "Exam for {v} (MRN {m}), born {d}."),
        (f"{last} {first}", [last, first], "{v}  {m}  {d}  F"),
        (f"{first} {last}", [first, last], "Consent form -- Participant: {v}  Record: {m}  DOB: {d}"),
        (f"{last}, {first}", [last, first], "Rx for: {v}  DOB: {d}  Chart: {m}"),
    ])
    return s.format(v=v, m=m, d=birth), [name("z_req_name", v, words),
                                         Planted("ID", "z_req_id", m, (m, *parts_of_digits(m))),
                                         Planted("DATE", "z_req_date", birth, bparts)]


def _z_name_plain(g):
    """A full name with no cue, in the running text of letters, forms and reports."""
    first, last, v = _full(g)
    if g.r.random() < 0.2:
        v, words = f"{first} {g.r.choice('ABDKMNPRSTV')}. {last}", [first, last]
    else:
        words = [first, last]
    s = g.r.choice([
        "We are writing to inform {v} that the request was approved.",
        "{v} was brought to the operating room and placed supine.",
        "Comparison is made with the prior study of {v}.",
        "{v} signed the research consent after all questions were answered.",
        "Transfer of {v} was accepted by the receiving team.", "The label on the bottle reads {v}.",
        "This letter confirms that {v} is under our care.", "{v} has been informed of the risks of participation.",
        "The fax concerns {v}, a new referral.", "{v} was positioned prone with all pressure points padded.",
        "Dear {v}: your claim has been reviewed.", "Chart access for {v} was audited at the family's request.",
    ])
    return s.format(v=v), [name("z_name_plain", v, words)]


def _z_name_family(g):
    """Relatives and contacts named on transfer, consent and insurance forms."""
    sex = g.r.choice(("male", "female"))
    first, last, v = _full(g, sex)
    rel = g.r.choice(["son", "husband", "brother", "nephew"] if sex == "male" else ["daughter", "wife", "sister",
                      "niece"])
    kind = g.r.randrange(3)
    if kind == 0:
        s = g.r.choice(["Legally authorized representative: {v} ({r})", "Policy holder is the patient's {r}, {v}.",
                        "Next of kin: {v}, {r}", "Consent obtained from her {r} {v} by telephone."])
        return s.format(v=v, r=rel), [name("z_name_family", v, [first, last])]
    if kind == 1:
        return (f"Her {rel} {first} brings her to every visit.", [name("z_name_family", first, [first])])
    hyph = person(g, sex)[0]
    v = f"{first}-{hyph} {last}"
    return (f"Guardian {v} signed the assent form.", [name("z_name_family", v, [first, hyph, last])])


def _z_name_possessive(g):
    first, last, v = _full(g)
    s, v, words = g.r.choice([
        ("{v}'s insurance requires a peer-to-peer review.", v, [first, last]),
        ("Dr. {v}'s operative note is attached.", last, [last]),
        ("{v}'s mother will bring the records.", first, [first]),
        ("Per {v}'s pharmacy, the last fill was in May.", v, [first, last]),
    ])
    return s.format(v=v), [name("z_possessive", v, words)]


def _z_name_audit(g):
    """EHR audit lines and fax banners: user names in logs, senders on a scanned page."""
    first, last = person(g)
    kind = g.r.randrange(3)
    if kind == 0:
        v = f"{last.upper()}, {first.upper()}"
        return (f"AUDIT  user={v}  action=VIEW  section=Notes",
                [name("z_name_audit", v, [last.upper(), first.upper()])])
    if kind == 1:
        v = f"{first} {last}"
        return (f"From the desk of {v} -- page 1 of 3", [name("z_name_audit", v, [first, last])])
    v = f"{first.lower()}.{last.lower()}"
    return (f"Last edited by {v} (nursing).", [Planted("NAME", "z_name_audit", v, (v, first.lower(), last.lower()))])


def _z_date(g):
    v, parts = date(g)
    s = g.r.choice([
        "DATE OF OPERATION: {v}", "DATE OF EXAM: {v}", "Date of procedure: {v}", "Collected: {v}", "Received: {v}",
        "Fill date {v}", "Discard after {v}", "Date of service {v}", "Letter date: {v}", "Transfer date/time: {v}",
        "Fax sent {v}", "Audit timestamp {v}", "Consent signed {v}", "Call received {v}", "Study visit 3 on {v}",
        "The appeal must be filed by {v}.", "Authorization valid through {v}.", "She last saw us on {v}.",
        "Surgery is booked for {v}.", "Prior imaging from {v} shows the same nodule.",
    ])
    return s.format(v=v), [Planted("DATE", "z_date", v, parts)]


def _z_date_pair(g):
    (a, ap), (b, bp) = date_pair(g)
    s = g.r.choice(["Coverage period {a} to {b}.", "Specimen collected {a}, reported {b}.",
                    "Admitted {a}; transferred {b}.", "Rx written {a}, filled {b}.", "Enrolled {a}, withdrew {b}."])
    return s.format(a=a, b=b), [Planted("DATE", "z_date_pair", a, ap), Planted("DATE", "z_date_pair", b, bp)]


FAMILIES = {
    "NAME": [_z_name_role, _z_name_role, _z_name_phone, _z_name_requisition, _z_name_plain, _z_name_plain,
             _z_name_family, _z_name_possessive, _z_name_audit],
    "DATE": [_z_date, _z_date, _z_date_pair],
    **CONTACT_FAMILIES,
}

CLINICAL_STRINGS = (
    "Eliquis 2.5 mg", "Brilinta 60 mg", "Xarelto 15 mg", "Pradaxa 150 mg", "Savaysa 30 mg", "Arixtra 2.5 mg",
    "Zontivity 2.08 mg", "Nexletol 180 mg", "Vascepa 1 g", "Kerendia 20 mg", "Verquvo 5 mg", "Corlanor 5 mg",
    "Camzyos 5 mg", "Rybelsus 7 mg", "Steglatro 5 mg", "Humalog Mix 75/25", "Toujeo 300 units/mL", "Basaglar KwikPen",
    "Glyxambi 10/5 mg", "Synjardy 5/500", "Tradjenta 5 mg", "Cimzia 200 mg", "Taltz 80 mg", "Cosentyx 150 mg",
    "Stelara 45 mg", "Orencia 125 mg", "Actemra 162 mg", "Kevzara 200 mg", "Olumiant 2 mg", "Sotyktu 6 mg",
    "Kesimpta 20 mg", "Mavenclad 10 mg", "Aubagio 14 mg", "Gilenya 0.5 mg", "Ubrelvy 50 mg", "Emgality 120 mg",
    "Qulipta 60 mg", "Ingrezza 40 mg", "Austedo 12 mg", "Nuplazid 34 mg", "Caplyta 42 mg", "Rexulti 2 mg",
    "Spravato 56 mg", "Lybalvi 10/10", "Sunosi 75 mg", "Belsomra 10 mg", "Xcopri 50 mg", "Fycompa 4 mg",
    "Briviact 50 mg", "Epidiolex 5 mg/kg", "Biktarvy", "Descovy for PrEP", "Cabenuva", "Paxlovid", "Lagevrio",
    "Evusheld", "Arexvy", "Shingrix dose 2", "Prevnar 20", "Imbruvica 420 mg", "Venclexta 400 mg", "Lynparza 300 mg",
    "Ibrance 125 mg", "Kisqali 600 mg", "Verzenio 150 mg", "Lumakras 960 mg", "Enhertu", "Padcev", "Opdivo 240 mg",
    "Imfinzi", "Nplate", "Promacta 50 mg", "Oxbryta 500 mg", "Trikafta", "Kalydeco 150 mg", "Veozah 45 mg",
    "Orilissa 150 mg", "Myfembree", "Evenity 210 mg", "Tymlos 80 mcg", "Forteo 20 mcg", "Fasenra 30 mg",
    "Tezspire 210 mg", "Xolair 150 mg", "Breztri Aerosphere", "Trelegy Ellipta", "Yupelri", "ASA physical status III",
    "Cormack-Lehane grade 2", "Aldrete score 9", "STOP-BANG 5", "Wells score 4.5", "PERC negative", "HEART score 3",
    "qSOFA 2", "SOFA score 6", "Glasgow-Blatchford score 7", "Rockall score 4", "Lille score",
    "Maddrey discriminant function", "Fontaine stage IIb", "Rutherford category 3", "CEAP C4", "Tanner stage 3",
    "Apgar 8 and 9", "Ballard score", "Gleason 3+4=7", "Grade Group 2", "Nottingham grade 2", "Breslow depth 1.2 mm",
    "Fuhrman grade 2", "Masaoka stage II", "Enneking stage IIB", "Salter-Harris type II", "Garden III",
    "Neer two-part fracture", "Schatzker II", "Lauge-Hansen SER IV", "Outerbridge grade III", "Mayfield headholder",
    "Leksell frame", "Denver shunt", "Jackson table", "EEA stapler", "Endo GIA stapler", "Surgicel", "Floseal",
    "Tisseel", "Prolene mesh", "Aquacel Ag", "Foley 16 French", "Pigtail catheter", "Mediport", "Minerva brace",
    "Bledsoe brace", "Sarmiento brace", "Bristol stool type 6", "Thessaly test", "Trendelenburg gait", "Murphy sign",
    "Psoas sign", "Schmorl node", "Baker cyst", "Bartholin cyst", "Dieulafoy lesion", "Cushing triad",
    "Takotsubo cardiomyopathy", "Peyronie disease", "Roux-en-Y gastric bypass", "Hartmann procedure",
    "Lichtenstein repair", "Mohs surgery", "Cloward procedure", "Smith-Robinson approach", "Dix-Hallpike test",
    "Weber test", "Rinne test", "Amsler grid", "Schirmer test", "Seidel test", "Tzanck prep", "KOH prep", "Wood lamp",
    "India ink stain", "PAS stain", "Congo red stain", "Prussian blue stain", "Giemsa stain", "Warthin-Starry stain",
    "Fontana-Masson stain", "CD20 positive", "CK7 positive, CK20 negative", "TTF-1 positive", "p16 block positive",
    "MSI-high", "ALK rearrangement", "KRAS G12C", "BRCA2 variant", "JAK2 V617F", "BCR-ABL transcript", "FLT3-ITD",
    "Philadelphia chromosome", "anti-CCP antibody", "ANCA negative", "anti-dsDNA", "C3 and C4", "haptoglobin",
    "reticulocyte count", "D-dimer", "fibrinogen", "anti-Xa level", "procalcitonin", "lactate 2.1", "troponin I",
    "NT-proBNP", "hemoglobin A1c 7.2%", "TSH 3.1", "free T4", "ferritin 12", "vitamin D 25-OH", "PSA 4.8", "CA-125",
    "CEA 3.2", "AFP", "beta-hCG", "urine drug screen", "Fibroscan", "MRCP", "HIDA scan", "DEXA scan", "MUGA scan",
    "PET-CT", "V/Q scan", "EMG and nerve conduction study",
)
