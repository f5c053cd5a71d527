"""Third held-out template families (v3): the estimate after v2 (`deid_heldout2.py`) was consumed.

v2 was measured once (recall 0.8452, names 0.914, clinical strings kept 68.0% on 300 held-out notes; see
docs/privacy.md); its misses then guided generic fixes, tuned on development notes only, so v2 is
development data from that commit on. This file was written and committed BEFORE those fixes, without
running the detector on it; never tune on it. Same interface as v1, other phrasings, other Faker
locales, other clinical strings.
"""

from __future__ import annotations

from deid_harness import Planted, name, parts_of_digits

HELDOUT_LOCALES = ("fr_BE", "de_LI", "de_LU", "en_NZ", "vi_VN", "en_TH", "uz_UZ", "sw", "tw_GH", "yo_NG",
                   "ha_NG", "ig_NG", "en_KE", "en_PK")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def _w_name(g):
    first, last = g.first(), g.surname()
    v = f"{first} {last}"
    s = g.r.choice([
        "Collateral history from {v} confirms the falls.", "Home health aide {v} visits twice a week.",
        "{v} declined the flu vaccine.", "Followed by {v} for her diabetes.",
        "Transport arranged with {v} for Thursday.", "Records faxed to {v} at the nursing facility.",
        "Per the chart, {v} had a colonoscopy before.", "Face-to-face visit with {v} lasted 25 minutes.",
    ])
    return s.format(v=v), [name("w_name", v, [first, last])]


def _w_name_forms(g):
    first, last, ini = g.first(), g.surname(), g.r.choice("ABCDEFGHJKLMNPRSTW")
    kind = g.r.randrange(5)
    if kind == 0:
        v = f"{last}, {first}"
        return f"Patient {v} was registered.", [name("w_name_forms", v, [first, last])]
    if kind == 1:
        v = f"{first} {last}"
        return f"Referred by: {v}, NP", [name("w_name_forms", v, [first, last])]
    if kind == 2:
        v = f"{ini}. {first} {last}"
        return f"Procedure performed with {v} assisting.", [name("w_name_forms", v, [first, last])]
    if kind == 3:
        return f"Call {first} with results.", [name("w_name_forms", first, [first])]
    v = f"{first.upper()} {ini}. {last.upper()}"
    return f"ATTENDING {v}", [name("w_name_forms", v, [first.upper(), last.upper()])]


def _w_date(g):
    y, mo, d = g.r.randint(1995, 2024), g.r.randint(1, 12), g.r.randint(1, 28)
    m = _MONTHS[mo - 1]
    forms = [f"{m} {d}", f"{d}.{mo}.{y}", f"{m[:3]}. {d}", f"{mo}-{d}", f"{y}{mo:02d}{d:02d}",
             f"{m.lower()} {d}, {y}", f"{d} {m[:3].upper()} {y}", f"{mo}/{d}/{y}"]
    v = g.r.choice(forms)
    s = g.r.choice(["Stitches out {v}.", "MRI of {v} shows no change.", "Returned on {v} for a recheck.",
                    "Last menstrual period {v}."])
    return s.format(v=v), [Planted("DATE", "w_date", v, (v,))]


def _w_id(g):
    d = g.digits
    forms = [("Case no. {v}", f"{d(2)}-{d(5)}"), ("Requisition {v} printed.", d(8)),
             ("Subscriber # {v}", f"W{d(9)}"), ("Implant lot {v} recorded.", f"{d(6)}-{d(2)}"),
             ("ID badge {v}", d(6)), ("Medicaid {v} active.", f"{g.r.choice('ABCDEFGH')}{d(7)}")]
    s, v = g.r.choice(forms)
    return s.format(v=v), [Planted("ID", "w_id", v, (v, *parts_of_digits(v)))]


def _w_phone(g):
    a, b, c = g.digits(3), g.digits(3), g.digits(4)
    forms = [("Contact her at {v}.", f"{a}-{b}-{c}"), ("Daughter: {v}", f"({a}) {b} {c}"),
             ("Clinic fax {v}", f"{a}.{b}.{c}"), ("Call {v} to reschedule.", f"1 {a} {b} {c}")]
    s, v = g.r.choice(forms)
    return s.format(v=v), [Planted("PHONE", "w_phone", v, (v, c))]


def _w_contact(g):
    kind = g.r.randrange(3)
    if kind == 0:
        v = f"{g.first().lower()}_{g.digits(2)}@{g.surname().lower()}.co"
        return f"Send the summary to {v} please.", [Planted("EMAIL", "w_email", v, (v,))]
    if kind == 1:
        v = f"www.{g.surname().lower()}physio.com"
        return f"Exercises from {v} were reviewed.", [Planted("URL", "w_url", v, (v,))]
    v = f"{g.r.randint(11, 223)}.{g.r.randint(0, 255)}.{g.r.randint(0, 255)}.{g.r.randint(1, 254)}"
    return f"Video visit connection {v} dropped twice.", [Planted("IP", "w_ip", v, (v,))]


def _w_place(g):
    city = g.city()
    kind = g.r.randrange(3)
    if kind == 0:
        v = f"{g.r.randint(2, 9999)} {g.street()} Blvd"
        return f"Lives at {v} in a second-floor apartment.", [Planted("ADDRESS", "w_address", v, (v,))]
    if kind == 1:
        return f"Travelled to {city} last month.", [Planted("LOCATION", "w_location", city, (city,))]
    zip_code = g.digits(5)
    v = f"{city} {zip_code}"
    return f"Mailing address: {v}.", [Planted("LOCATION", "w_location", v, (city, zip_code))]


def _w_facility(g):
    word = g.surname()
    kind = g.r.randrange(4)
    if kind == 0:
        v = f"{word} Children's Hospital"
        return f"Seen at {v} as an infant.", [Planted("FACILITY", "w_facility", v, (word,))]
    if kind == 1:
        v = f"{word} Rehabilitation Center"
        return f"Discharged to {v} for therapy.", [Planted("FACILITY", "w_facility", v, (word,))]
    if kind == 2:
        v = f"{word} Health Clinic"
        return f"Labs drawn at {v}.", [Planted("FACILITY", "w_facility", v, (word,))]
    company = g.company()
    words = tuple(w for w in company.replace(",", " ").split() if len(w) > 3 and w[0].isupper()
                  and w.rstrip(".") not in {"Inc", "LLC", "Ltd", "Group", "Corp", "PLC", "and", "Sons"})
    return f"Retired from {company} in 2010.", [Planted("FACILITY", "w_employer", company, words or (company,))]


def _w_age(g):
    age = g.r.randint(90, 104)
    v, s = g.r.choice([(f"{age} years", "Age is {v}."), (f"{age}-year-old", "A frail {v} woman."),
                       (f"{age} yr old", "{v} male."), ("ninety-seven", "She turned {v} last week."),
                       (f"{age}F", "{v} with delirium."), (f"age {age}", "Still gardening at {v}.")])
    return s.format(v=v), [Planted("AGE>89", "w_age", v, (v,))]


FAMILIES = {
    "NAME": [_w_name, _w_name, _w_name_forms], "DATE": [_w_date, _w_date], "ID": [_w_id], "PHONE": [_w_phone],
    "CONTACT": [_w_contact], "PLACE": [_w_place], "FACILITY": [_w_facility], "AGE>89": [_w_age],
}

CLINICAL_STRINGS = (
    "Tylenol #3", "Vicodin ES", "Motrin 800 mg", "Naprosyn", "Lortab 7.5", "Dilaudid PCA", "MS Contin 15 mg",
    "OxyContin 20 mg", "Percocet 10/325", "Neurontin 600 mg", "Elavil 25 mg", "Paxil 20 mg", "Celexa 20 mg",
    "Effexor XR", "Trazodone 50 mg", "Buspar", "Restoril 15 mg", "Ambien CR", "Lasix 20 mg", "Aldactone 25 mg",
    "Zestril", "Vasotec", "Tenormin", "Procardia XL", "Catapres", "Hytrin", "Cardura", "Coumadin clinic",
    "Lovenox 1 mg/kg", "Plavix", "Aggrenox", "Pletal", "Glucotrol", "Amaryl 2 mg", "Avandia", "Humulin N",
    "Lantus 10 units", "Synthroid 50 mcg", "Tapazole", "Fosamax 70 mg", "Calcitriol", "Protonix IV",
    "Prevacid 30 mg", "Zofran ODT", "Phenergan suppository", "Lomotil", "Flagyl 500 mg", "Keflex",
    "Cipro 500 mg", "Bactrim", "Augmentin 875", "Zosyn", "Rocephin IM", "Diflucan 150 mg", "Tamiflu",
    "Xopenex", "Pulmicort", "Symbicort", "Atrovent", "DuoNeb", "Medrol", "Solu-Cortef", "Benadryl",
    "Claritin-D", "Zyrtec", "Foley", "Jackson-Pratt", "Blake drains", "Hemovac", "Penrose", "Pleur-Evac",
    "Cordis sheath", "Angio-Seal", "Perclose", "Mayo scissors", "Metzenbaum", "Allis clamps", "Kocher clamps",
    "Babcock", "Bovie cautery", "Steri-Strips and Tegaderm", "Xeroform gauze", "Kerlix", "Coban",
    "Webril padding", "Ace wrap", "Aircast", "Cam walker", "Philadelphia collar", "Aspen collar",
    "Thomas splint", "Buck traction", "Trendelenburg", "Valsalva", "Romberg", "Babinski", "Hoffmann",
    "Tinel's", "Phalen's", "McMurray's", "Lachman's", "Murphy's", "Homan's sign", "Kernig's", "Apley",
    "Snellen chart", "Ishihara plates", "Weber and Rinne", "Dix-Hallpike", "Epley maneuver",
)
