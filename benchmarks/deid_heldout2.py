"""Second held-out template families (v2): the estimate after `deid_heldout.py` (v1) was consumed.

v1 was written before tuning and measured once (recall 0.9557, names 0.942 on 300 held-out notes; see
docs/privacy.md). Its misses then guided generic fixes, so v1 is development data from that commit on.
This file was written and committed BEFORE those fixes, without running the detector on it; never
tune on it. Same interface as v1 (`deid_heldout.py`), other phrasings, other Faker locales, other
clinical strings.
"""

from __future__ import annotations

from deid_harness import Planted, name, parts_of_digits

HELDOUT_LOCALES = ("et_EE", "lv_LV", "zu_ZA", "es_CO", "es_CL", "fr_CA", "de_CH", "pt_PT", "nl_BE", "az_AZ",
                   "ga_IE", "es_AR", "fr_CH")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def _v_name_context(g):
    first, last = g.first(), g.surname()
    v = f"{first} {last}"
    s = g.r.choice([
        "Seen together with {v}, her case worker.", "{v} and her husband were updated by phone.",
        "A message was left for {v} to call the office.", "Discharged home in the care of {v}.",
        "The patient was identified as {v} using two identifiers.", "Prescription refilled for {v}.",
        "Wound care was taught to {v} and return demonstration was adequate.",
        "Later that evening {v} called with new concerns.",
    ])
    return s.format(v=v), [name("v_name_context", v, [first, last])]


def _v_name_short(g):
    first = g.first()
    s = g.r.choice([f"Mother's name is {first}.", f"Primary contact: {first} (sister).",
                    f"Asked for {first}'s permission to examine.", f"Ride home with {first} arranged."])
    return s, [name("v_name_short", first, [first])]


def _v_name_forms(g):
    first, last, ini = g.first(), g.surname(), g.r.choice("ABCDEFGHJKLMNPRSTW")
    kind = g.r.randrange(4)
    if kind == 0:
        v = f"{first} {ini}. {last}"
        return f"{v} was evaluated in the clinic.", [name("v_name_forms", v, [first, last])]
    if kind == 1:
        v = f"{last.upper()}, {first.upper()}"
        return f"NAME {v}", [name("v_name_forms", v, [first.upper(), last.upper()])]
    if kind == 2:
        v = f"{first} {last}"
        return f"CC: {v}, PT", [name("v_name_forms", v, [first, last])]
    v = f"{first[0]}. {last}"
    return f"Reviewed with {v} from physical therapy.", [name("v_name_forms", v, [last])]


def _v_date(g):
    y, mo, d = g.r.randint(1995, 2024), g.r.randint(1, 12), g.r.randint(1, 28)
    m = _MONTHS[mo - 1]
    forms = [f"the {d}th day of {m}", f"{d:02d}{m[:3]}{y}", f"{m[:3]} {d}-{d + 1}, {y}",
             f"{g.r.choice(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])} {mo}/{d}/{y % 100:02d}", f"{m} {d} of {y}",
             f"{mo:02d}{d:02d}{y % 100:02d}"]
    v = g.r.choice(forms)
    s = g.r.choice(["Symptoms began {v}.", "As of {v} she is off steroids.", "Cast applied {v}.",
                    "Biopsy result dated {v} reviewed."])
    return s.format(v=v), [Planted("DATE", "v_date", v, (v,))]


def _v_id(g):
    d = g.digits
    forms = [("Ref {v}.", f"{g.r.choice('ABCKMT')}{g.r.choice('ABCKMT')}-{d(4)}-{d(3)}"),
             ("Claim # {v} submitted.", d(10)), ("Barcode {v}", f"{d(2)} {d(4)} {d(4)}"),
             ("MRN:{v}", d(7)), ("Lab accession {v}.", f"A{d(2)}-{d(6)}"),
             ("Member no {v} on the card.", f"{d(3)}-{d(3)}-{d(3)}")]
    s, v = g.r.choice(forms)
    return s.format(v=v), [Planted("ID", "v_id", v, (v, *parts_of_digits(v)))]


def _v_phone(g):
    a, b, c = g.digits(3), g.digits(3), g.digits(4)
    forms = [("Reach at {v} after 5 pm.", f"{a} {b}-{c}"), ("Ph#{v}", f"{a}-{b}-{c}"),
             ("Number on file {v}.", f"({a}){b}-{c}"), ("Return call to {v} requested.", f"{a}.{b}.{c}")]
    s, v = g.r.choice(forms)
    return s.format(v=v), [Planted("PHONE", "v_phone", v, (v, c))]


def _v_contact(g):
    kind = g.r.randrange(3)
    if kind == 0:
        v = f"{g.surname().lower()}{g.digits(3)}@{g.r.choice(['gmail.com', 'yahoo.com', 'outlook.com'])}"
        return f"Patient portal login is {v}.", [Planted("EMAIL", "v_email", v, (v,))]
    if kind == 1:
        v = f"http://{g.surname().lower()}.{g.r.choice(['info', 'net', 'org'])}/{g.digits(4)}"
        return f"Education material: {v}", [Planted("URL", "v_url", v, (v,))]
    v = f"10.{g.r.randint(0, 255)}.{g.r.randint(0, 255)}.{g.r.randint(1, 254)}"
    return f"Pump telemetry host {v} reported an alarm.", [Planted("IP", "v_ip", v, (v,))]


def _v_place(g):
    city = g.city()
    kind = g.r.randrange(3)
    if kind == 0:
        v = f"{g.r.randint(2, 999)} {g.street()} Lane"
        return f"Home visit at {v} completed.", [Planted("ADDRESS", "v_address", v, (v,))]
    if kind == 1:
        return f"She lives near {city} on a farm.", [Planted("LOCATION", "v_location", city, (city,))]
    v = f"{city}, {g.r.choice(['Ohio', 'Texas', 'Oregon', 'Florida'])}"
    return f"Originally from {v}.", [Planted("LOCATION", "v_location", v, (city,))]


def _v_facility(g):
    word = g.surname()
    kind = g.r.randrange(4)
    if kind == 0:
        v = f"{word} Hospital"
        return f"He was taken to the {v} emergency room.", [Planted("FACILITY", "v_facility", v, (word,))]
    if kind == 1:
        v = f"{word} County Medical Center"
        return f"Outside films from {v} were reviewed.", [Planted("FACILITY", "v_facility", v, (word,))]
    if kind == 2:
        v = f"{word} Regional Hospital"
        return f"She was admitted at {v} in the past.", [Planted("FACILITY", "v_facility", v, (word,))]
    company = g.company()
    words = tuple(w for w in company.replace(",", " ").split() if len(w) > 3 and w[0].isupper()
                  and w.rstrip(".") not in {"Inc", "LLC", "Ltd", "Group", "Corp", "PLC", "and", "Sons"})
    return f"She is a cashier at {company}.", [Planted("FACILITY", "v_employer", company, words or (company,))]


def _v_age(g):
    age = g.r.randint(90, 104)
    v, s = g.r.choice([("aged ninety six", "Widowed, {v}, lives with son."),
                       ("ninety-five years of age", "She is {v}."), (f"Age {age}", "{v}, female."),
                       (f"a {age} year-old", "This is {v} man."), ("in her 90s", "Lucid and independent {v}."),
                       (f"{age}-yr", "{v} female s/p fall.")])
    return s.format(v=v), [Planted("AGE>89", "v_age", v, (v,))]


FAMILIES = {
    "NAME": [_v_name_context, _v_name_context, _v_name_short, _v_name_forms], "DATE": [_v_date, _v_date],
    "ID": [_v_id], "PHONE": [_v_phone], "CONTACT": [_v_contact], "PLACE": [_v_place], "FACILITY": [_v_facility],
    "AGE>89": [_v_age],
}

CLINICAL_STRINGS = (
    "Zyprexa 5 mg", "Risperdal 1 mg", "Depakote 500 mg", "Keppra 500 mg", "Dilantin 100 mg", "Lamictal",
    "Imdur 30 mg", "Coreg 6.25 mg", "Altace", "Klonopin 0.5 mg", "Xanax 0.25 mg", "Flexeril 10 mg",
    "Robaxin", "Zanaflex", "Vistaril 25 mg", "Compazine", "Tigan", "Bentyl", "Carafate 1 g", "Imodium",
    "Levemir", "Byetta", "Tradjenta", "Pradaxa", "Brilinta", "Effient", "Zetia", "Tricor", "Niaspan",
    "Humira", "Enbrel", "Arava", "Boniva", "Evista", "Premarin cream", "Estrace", "Yaz", "Depo-Provera",
    "Macrobid 100 mg", "Pyridium", "Detrol LA", "Vesicare", "Proscar", "Avodart", "Cialis 5 mg",
    "Sinemet 25/100", "Requip", "Aricept 10 mg", "Namenda", "Tegretol", "Imitrex", "Fioricet", "Topamax 25 mg",
    "Deaver retractors", "Harrington retractor", "Balfour self-retaining retractor", "Sims speculum",
    "Hegar dilators", "Pratt dilators", "Heaney clamp", "Ochsner clamp", "Mixter clamp", "Satinsky clamp",
    "Freer elevator", "Cobb elevator", "Kerrison rongeur", "Leksell rongeur", "Penfield dissector",
    "Jamshidi needle", "Tuohy needle", "Seldinger technique", "Pfannenstiel incision", "Kocher maneuver",
    "Pringle maneuver", "Nissen fundoplication", "Whipple procedure", "Roux-en-Y", "Billroth II", "Hartmann pouch",
    "Judkins catheter", "Amplatz catheter", "Swan-Ganz", "Mahurkar catheter", "Tenckhoff catheter",
    "Hoffmann reflex", "Lasegue sign", "Patrick test", "Finkelstein test", "Thompson test", "Hawkins test",
    "Neer impingement sign", "Spurling maneuver", "Adson test", "Chvostek sign", "Trousseau sign",
    "Cullen sign", "Grey Turner sign", "Kehr sign", "Virchow node", "Sister Mary Joseph nodule",
    "Wernicke encephalopathy", "Korsakoff syndrome", "Tourette syndrome", "Reiter syndrome", "Kawasaki disease",
    "Hirschsprung disease", "Legionella", "Klebsiella", "Enterococcus", "Candida", "Apgar 9", "Ranson criteria",
    "Wells score", "CHADS2 score", "Mallampati 3", "Tanner stage 4", "Breslow thickness", "Clark level III",
)
