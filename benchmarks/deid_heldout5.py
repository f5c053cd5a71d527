"""Fifth held-out template families (v5): the estimate after v4 (`deid_heldout4.py`) was consumed.

v4 was measured once and its misses then guided generic fixes, tuned on development notes only, so v4 is
development data ("dev-v4") from that round on. This file and its two helpers (`deid_heldout5_values.py`:
name, town, date and number sources; `deid_heldout5_contact.py`: the ID, contact, place, facility and age
families; split only to keep modules small) were written and committed BEFORE any tuning at this round,
and their author never ran them, or anything they generate, through a detector (only a generator-level
check that every family builds sentences holding their planted values); never tune on any of them. Same
interface as v1-v4: `HELDOUT_LOCALES`, `FAMILIES` (category -> generators g -> (sentence, [Planted])) and
`CLINICAL_STRINGS`, with other phrasings, other name sources and other clinical strings.

Names: development and v1-v4 use every Faker locale with Latin-script names, so v5 draws from the locales
in `HELDOUT_LOCALES`, whose names are written in other scripts, as an English note writes them: Faker's
own romanizations (ja_JP Hepburn, zh_CN pinyin, zh_TW Wade-Giles) and `anyascii` transliteration for the
rest, corrected to the usual English spellings (Ukrainian Г as H, Macedonian Ѓ as Gj, Greek ου as ou,
Armenian ու as u, Korean surnames as written in English: 박 Park, not Bag). One person's given name,
surname and patronymic come from one locale, with matching gender. The harness's `g.first()` and
`g.surname()` cannot draw from these locales (its ASCII fold erases their scripts), so every family draws
through `person(g)`, which a test of the drawn names should call instead. Every name word a detector list
holds is rejected, as in v4. English-word surnames come from Korean and Chinese spellings (Song, Moon,
Lam, Tang...), nicknames from Russian, Greek and Armenian diminutives or English words in quotes.

New here: HIPAA kinds v1-v4 did not plant, under the closest harness category, each with its own
template name so the per-template table shows it: fax numbers (PHONE, y_fax); health plan, member,
Medicare (MBI) and Medicaid numbers (ID, y_id_plan); DEA, NPI, state licence, driver's licence, passport
and certificate numbers (ID, y_id_license); vehicle plates and VINs (ID, y_id_vehicle); device serials,
UDIs and MAC addresses (ID, y_id_device); portal usernames and handles (ID, y_username). Also header and
table lines carrying a name, an MRN and a DOB at once, signatures, dictation footers and cc lists,
patronymics and Russian-style initials, surname-first order, lowercase names in portal messages,
curly-apostrophe and plural possessives, date ranges (two planted dates), anchors of relative dates,
times, military and compact dates, towns abroad. Parts are stricter than v4's where a partial removal
still identifies: an address's "number street" and ZIP, an age's number, an e-mail's local part, a URL's
name-bearing slug.
"""

from __future__ import annotations

import datetime
import re

from deid_harness import Planted, name, parts_of_digits
from deid_heldout5_contact import CONTACT_FAMILIES
from deid_heldout5_values import (
    HELDOUT_LOCALES,
    MONTHS,
    NICKNAMES,
    PATRONYMIC,
    WORD_NICKNAMES,
    WORD_SURNAMES,
    date,
    dob,
    mrn,
    nth,
    ok,
    person,
)

__all__ = ["CLINICAL_STRINGS", "FAMILIES", "HELDOUT_LOCALES", "person"]


def _y_name_bare(g):
    first, last, _ = person(g)
    v = first if g.r.random() < 0.2 else f"{first} {last}"
    s = g.r.choice(["{v} arrived by private car with a rolling walker.", "{v} denies chest pain, fevers or chills.",
                    "Overnight {v} pulled out the IV twice.", "Home health will see {v} twice weekly.",
                    "I called {v} with the biopsy results.", "Nursing reports {v} ate half of lunch.",
                    "We reviewed the MRI images with {v} and the family.", "{v} wishes to continue dialysis.",
                    "Spoke at length with {v}; all questions answered.", "{v} was found on the floor by a neighbor.",
                    "Tolerated the procedure well, and {v} went to PACU in stable condition.",
                    "Interpreter services were used for {v}.", "{v} was tearful when discussing the diagnosis."])
    return s.format(v=v), [name("y_name_bare", v, v.split())]


_TITLED = (
    ("{l}", ("Discussed with Dr {v} from nephrology.", "Dr {v} will follow while inpatient.")),
    ("{f} {l}", ("Attending of record: Dr. {v}, MD, PhD.", "Seen in consultation by {v}, MD, FACS.")),
    ("{f} {l}", ("Note written by {v}, FNP-BC.", "Refills authorized by {v}, APRN.")),
    ("{f} {l}", ("First assist: {v}, PA-C.", "Sutures placed by {v}, PA-C, without complication.")),
    ("{f} {l}", ("Triage by {v} RN BSN at 0210.", "Wound care per {v}, LPN.")),
    ("{f} {l}", ("Social work ({v}, LCSW) arranged transport.", "Safety plan reviewed with {v}, MSW.")),
    ("{f} {l}", ("Occupational therapy by {v}, OTR/L.", "Gait training with {v}, DPT.")),
    ("{f} {l}", ("Swallow evaluation by {v}, CCC-SLP: mechanical soft diet.", "Hearing screen by {v}, AuD.")),
    ("{f} {l}", ("Diabetes teaching done by {v}, RD, CDE.", "Anticoagulation dosing by {v}, PharmD, BCPS.")),
    ("{l}", ("Slides sent to Prof. {v} for a second opinion.", "Per Professor {v}, no further stains needed.")),
    ("{f} {l}", ("Chaplain visit by Rev. {v}; prayer offered.", "Fr. {v} gave the sacrament of the sick.")),
    ("{l}", ("Ms {v} reports the swelling is better.", "Called Mrs {v} back at 4 pm.", "Mx. {v} declined the shot.")),
    ("{L}", ("MR. {v} REFUSED THE NG TUBE.", "DISCUSSED WITH DR. {v}.", "PER DR. {v}, HOLD HEPARIN.")),
    ("{f} {l}", ("Sgt. {v} of the sheriff's office requested the report.", "Officer {v} was present for the exam.")),
    ("{F} {L}", ("ATTENDING PHYSICIAN: {v}, M.D.", "CONSULTANT: {v}, D.O.")),
    ("{i}. {l}", ("Cosigned by {v}, MD.", "Reviewed with Dr. {v} by phone.")),
)


def _y_name_titled(g):
    """Titles and credentials, with and without periods, in mixed and upper case."""
    first, last, _ = person(g)
    form, frames = g.r.choice(_TITLED)
    v = form.format(f=first, l=last, F=first.upper(), L=last.upper(), i=first[0])
    words = [w for w in (first, last, first.upper(), last.upper()) if re.search(rf"\b{w}\b", v)]
    return g.r.choice(frames).format(v=v), [name("y_name_titled", v, words)]


def _y_name_header(g):
    """Header and table lines: a name, an MRN and a DOB on one line, as EHR exports and letters print them."""
    sex = g.r.choice(("male", "female"))
    first, last, middle = person(g, sex=sex)
    m, (birth, birth_parts) = mrn(g), dob(g)
    F, L, ini = first.upper(), last.upper(), (middle or g.r.choice("ABDEGKLMNRSTV"))[0]
    v, words, s = g.r.choice([
        (f"{L}, {F}", [L, F], "PATIENT NAME: {v}   MR#: {m}   DOB: {d}"),
        (f"{first} {last}", [first, last], "Name: {v}  |  MRN: {m}  |  DOB: {d}"),
        (f"{last},{first}", [last, first], "Patient Name:{v}  Med Rec#:{m}  Birth Date:{d}"),
        (f"{last}, {first} {ini}.", [last, first], "Patient: {v}  Acct: {m}  D.O.B.: {d}"),
        (f"{first} {last}", [first, last], "RE: {v}   DOB {d}   Chart {m}"),
        (f"{first} {last}", [first, last], "SUBJECT: {v} (MRN {m}, born {d})"),
        (f"{L} {F}", [L, F], "Pt: {v}   ID# {m}   DOB {d}   Sex: " + sex[0].upper() + "   Rm 412-B"),
        (f"{last}, {first}", [last, first], "Patient Name: {v}; Hospital No.: {m}; Date of Birth: {d}"),
    ])
    return s.format(v=v, m=m, d=birth), [name("y_header_name", v, words),
                                         Planted("ID", "y_header_id", m, (m, *parts_of_digits(m))),
                                         Planted("DATE", "y_header_date", birth, birth_parts)]


def _y_name_signature(g):
    """Signatures, dictation footers, cosignatures and cc lists."""
    (f1, l1, _), (f2, l2, _) = person(g), person(g)
    kind = g.r.randrange(6)
    if kind == 0:
        d, dp = date(g)
        v = f"{f1} {l1}"
        return (f"Electronically signed by {v}, MD on {d}.",
                [name("y_signature", v, [f1, l1]), Planted("DATE", "y_signature_date", d, dp)])
    if kind == 1:
        s, a, b = g.r.choice([("cc: Dr. {a}; {b}, NP", l1, f"{f2} {l2}"), ("CC: Dr. {a}, Dr. {b}", l1, l2),
                              ("Copies to: {a}, MD and {b}, DO", f"{f1} {l1}", f"{f2} {l2}")])
        return s.format(a=a, b=b), [name("y_cc", a, a.split()), name("y_cc", b, b.split())]
    if kind == 2:
        day = datetime.date(g.r.randint(1999, 2025), g.r.randint(1, 12), g.r.randint(1, 27))
        d1, d2 = (f"{x.month:02d}/{x.day:02d}/{x.year % 100:02d}" for x in (day, day + datetime.timedelta(days=1)))
        v = f"{f1.upper()} {l1.upper()}"
        return (f"Dictated by: {v}, D.O.   D: {d1}   T: {d2}",
                [name("y_signature", v, [f1.upper(), l1.upper()]), Planted("DATE", "y_signature_date", d1, (d1,)),
                 Planted("DATE", "y_signature_date", d2, (d2,))])
    if kind == 3:
        a = f"{f1} {l1}"
        return (f"Scribed by {a} in the presence of Dr. {l2}.",
                [name("y_signature", a, [f1, l1]), name("y_signature", l2, [l2])])
    if kind == 4:
        v = f"{f1} {l1}"
        return (f"Thank you for this kind referral. Sincerely, {v}, MD, Family Medicine",
                [name("y_signature", v, [f1, l1])])
    a, b = f"{l1.upper()}, {f1.upper()}", f"{f2} {l2}"
    return (f"Reviewed and cosigned: {a} (attending) / {b}, MD (resident)",
            [name("y_signature", a, [l1.upper(), f1.upper()]), name("y_signature", b, [f2, l2])])


_RELATIONS = (
    ("full", "female", "Emergency contact: {v} (daughter)."), ("full", "male", "HCPOA is her nephew, {v}."),
    ("first", None, "Lives with her partner {v} and two cats."),
    ("full", "female", "Her granddaughter {v} is the main caregiver."),
    ("first", "male", "The patient's brother-in-law, {v}, drove her in."),
    ("full", None, "Court-appointed guardian: {v}."), ("full", "female", "Mother ({v}) at bedside with the infant."),
    ("first", "male", "Father {v} declined the vaccine today."),
    ("last", "male", "Ex-husband {v} is not to receive any information."),
    ("last", "female", "Foster mother, Mrs. {v}, gave the history."),
    ("full", "male", "Surrogate decision maker is her stepson {v}."),
    ("first", "female", "Her wife {v} fills the pillbox."),
)


def _y_name_relation(g):
    form, sex, s = g.r.choice(_RELATIONS)
    first, last, _ = person(g, sex=sex)
    v = {"full": f"{first} {last}", "first": first, "last": last}[form]
    return s.format(v=v), [name("y_name_relation", v, v.split())]


def _y_name_forms(g):
    """Patronymics, Russian-style initials, surname-first order, double surnames, initials, suffixes, capitals."""
    kind = g.r.randrange(8)
    if kind in (0, 1):
        first, last, middle = person(g, PATRONYMIC)
        if kind == 0:
            v = g.r.choice([f"{last} {first} {middle}", f"{first} {middle} {last}"])
            return f"Outside records list the patient as {v}.", [name("y_name_forms", v, [first, middle, last])]
        v = g.r.choice([f"{first[0]}.{middle[0]}. {last}", f"{last} {first[0]}.{middle[0]}."])
        return f"Per the transfer summary signed by {v}, no known allergies.", [name("y_name_forms", v, [last])]
    if kind == 2:
        first, last, _ = person(g, ("ko_KR", "zh_CN", "zh_TW", "ja_JP"))
        v = f"{last.upper()} {first}"
        return f"Outside imaging for {v} was uploaded to PACS.", [name("y_name_forms", v, [last.upper(), first])]
    first, last, _ = person(g, sex="male" if kind == 5 else None)
    if kind == 3:
        second = person(g)[1]
        v = f"{first} {last}-{second}"
        return f"Consent was signed by {v}.", [name("y_name_forms", v, [first, last, second])]
    if kind == 4:
        v = f"{first[0]}.{last[0]}."
        return f"Pt {v} resting comfortably, call light in reach.", [Planted("NAME", "y_name_initials", v, (v,))]
    if kind == 5:
        v = f"{first} {last} {g.r.choice(['III', 'Jr', 'Sr', 'II'])}"
        return f"His son, {v}, was at the bedside.", [name("y_name_forms", v, [first, last])]
    if kind == 6:
        v = f"{first.upper()} {last.upper()}"
        return f"{v} WAS SEEN TODAY FOR FOLLOW-UP OF DIABETES.", [name("y_name_forms", v, v.split())]
    v = f"{first[0]}. {last}"
    return f"Operative findings were confirmed by {v}.", [name("y_name_forms", v, [last])]


def _y_name_nick(g):
    """Nicknames: Russian, Greek and Armenian diminutives, or English-word nicknames, in quotes or as 'goes by'."""
    first, last, _ = person(g)
    nick = NICKNAMES.get(first)
    if not nick or not ok(nick):
        nick = g.r.choice([w for w in WORD_NICKNAMES if ok(w)] or [person(g)[0]])
    if g.r.random() < 0.25:
        v = f"{first} {last}"
        return (f"{v}, who goes by {nick}, is here with a friend.",
                [name("y_name_nick", v, [first, last]), name("y_name_nick", nick, [nick])])
    q = g.r.choice(['"{}"', "\u201c{}\u201d", "('{}')"]).format(nick)
    v = f"{first} {q} {last}"
    s = g.r.choice(["{v} is in good spirits today.", "Visit with {v} and a sister.",
                    "Patient: {v}", "{v} asked about going home Friday."])
    return s.format(v=v), [name("y_name_nick", v, [first, nick, last])]


def _y_name_word(g):
    """A surname that is also an English word (Korean, Chinese, Cantonese spellings), with no cue."""
    first = person(g, ("ko_KR", "zh_CN", "zh_TW"))[0]
    pool = [w for w in WORD_SURNAMES if ok(w)]
    last = g.r.choice(pool) if pool else person(g)[1]
    v = f"{first} {last}"
    s = g.r.choice(["{v} was given a flu vaccine today.", "Labs were drawn by {v} this morning.",
                    "{v} feels the new inhaler works better.", "We will ask {v} to keep a headache diary.",
                    "Per {v}, the cough is worse lying flat."])
    return s.format(v=v), [name("y_name_word", v, [first, last])]


def _y_name_possessive(g):
    first, last, _ = person(g)
    kind = g.r.randrange(6)
    if kind == 0:
        v = f"{first} {last}"
        return f"{v}'s pain is better controlled on the current regimen.", [name("y_possessive", v, [first, last])]
    if kind == 1:
        return f"Dr. {last}\u2019s recommendations were followed.", [name("y_possessive", last, [last])]
    if kind == 2 and ok(f"{last}s"):
        v = f"{last}s"
        return f"Home health visited the {v}' home on Tuesday.", [name("y_possessive", v, [v])]
    if kind in (2, 3):
        return f"Mrs. {last}'s daughter called twice overnight.", [name("y_possessive", last, [last])]
    if kind == 4:
        v = first.upper()
        return f"{v}'S MEDS RECONCILED BY PHARMACY.", [name("y_possessive", v, [v])]
    return f"Per {first}'s mom, no fever at home.", [name("y_possessive", first, [first])]


_LISTS = (("Present at the meeting: {}.", ", ", ("{} (daughter)", "{} (son)", "{}, RN")),
          ("{}", "  ", ("SURGEON: {}, MD", "ASSISTANT: {}, PA-C", "ANESTHESIA: {}, CRNA")),
          ("Participants: {}", "; ", ("{}", "{}", "{}")),
          ("Contacts: {}.", ", ", ("{} (HCP)", "{} (alternate)", "{} (neighbor)")))


def _y_name_list(g):
    people = [person(g, sex=sex) for sex in ("female", "male", None)[:g.r.choice([2, 3])]]
    frame, sep, roles = g.r.choice(_LISTS)
    vals = [f"{f} {sur}" for f, sur, _ in people]
    s = frame.format(sep.join(r.format(v) for v, r in zip(vals, roles, strict=False)))
    return s, [name("y_name_list", v, [f, sur]) for v, (f, sur, _) in zip(vals, people, strict=True)]


def _y_name_portal(g):
    """Patient-portal messages: names typed in lower case, sign-offs, proxies."""
    (fp, lp, _), (fd, ld, _) = person(g, sex="female"), person(g, sex="female")
    kind = g.r.randrange(6)
    if kind == 0:
        a, b = ld.lower(), f"{fp.lower()} {lp.lower()}"
        return (f"hi dr {a}, this is {b}, my sugars are high again",
                [name("y_portal", a, [a]), name("y_portal", b, b.split())])
    if kind == 1:
        return f"Can I take Tylenol with the new pills? Thanks, {fp}", [name("y_portal", fp, [fp])]
    if kind == 2:
        a = f"{fp} {lp}"
        return (f"Sent on behalf of {a} by her daughter {fd}.",
                [name("y_portal", a, [fp, lp]), name("y_portal", fd, [fd])])
    if kind == 3:
        a = f"{fp} {lp}"
        return f"Reply from {a} (proxy): her mother is out of refills.", [name("y_portal", a, [fp, lp])]
    if kind == 4:
        return (f"Hello Dr. {ld}, my mother {fp} has had diarrhea since Sunday.",
                [name("y_portal", ld, [ld]), name("y_portal", fp, [fp])])
    a = f"{fp.upper()} {lp.upper()}"
    return f"MESSAGE FROM PATIENT {a}: PLEASE CALL BACK.", [name("y_portal", a, a.split())]


def _y_date(g):
    v, parts = date(g)
    s = g.r.choice(["Colonoscopy on {v} was unremarkable.", "Stitches out {v}.", "Next infusion due {v}.",
                    "EGD {v}: mild gastritis.", "Fell at home on {v}, no loss of consciousness.",
                    "Second Shingrix dose given {v}.", "Pathology signed out {v}.", "Urine from {v} grew E. coli.",
                    "Date of injury: {v}", "DOS: {v}", "Last seen in clinic {v}.", "Echo done {v} showed an EF of 40%.",
                    "Specimen collected {v}.", "Return to work on {v} with no restrictions."])
    return s.format(v=v), [Planted("DATE", "y_date", v, parts)]


def _y_date_label(g):
    label = g.r.choice(["DOB: {v}", "D.O.B. {v}", "Date of birth - {v}", "DOD {v}", "Admit date: {v}",
                        "Date of Surgery: {v}", "LMP: {v}", "EDD {v}", "Pronounced {v}.", "Discharge Date:{v}",
                        "DATE OF PROCEDURE: {v}", "Visit date {v}"])
    v, parts = dob(g) if "B" in label[:6] or "birth" in label else date(g)
    return label.format(v=v), [Planted("DATE", "y_date_label", v, parts)]


def _y_date_range(g):
    start = datetime.date(g.r.randint(1999, 2025), g.r.randint(1, 12), g.r.randint(1, 14))
    end = start + datetime.timedelta(days=g.r.randint(2, 13))
    m = MONTHS[start.month - 1]
    if g.r.random() < 0.25:
        v = g.r.choice([f"{m} {start.day}-{end.day}, {start.year}", f"{m} {start.day} to {end.day}"])
        s = g.r.choice(["Hospitalized {v} for pneumonia.", "Out of the country {v}."])
        return s.format(v=v), [Planted("DATE", "y_date_range", v, (v, f"{m} {start.day}"))]
    fmt = g.r.choice(["{m}/{d}/{y}", "{m:02d}/{d:02d}/{yy:02d}", "{y}-{m:02d}-{d:02d}", "{d} {mon} {y}",
                      "{mon} {d}"])
    a, b = (fmt.format(m=x.month, d=x.day, y=x.year, yy=x.year % 100, mon=MONTHS[x.month - 1][:3])
            for x in (start, end))
    s = g.r.choice(["Admitted {a}, discharged {b}.", "Hospitalized from {a} to {b} for pneumonia.",
                    "Dates of service: {a} through {b}", "{a}\u2013{b}: inpatient rehabilitation.",
                    "PT {a} - {b}, six visits.", "Held apixaban {a} until {b}."])
    return s.format(a=a, b=b), [Planted("DATE", "y_date_range", a, (a,)), Planted("DATE", "y_date_range", b, (b,))]


def _y_date_anchor(g):
    """Relative dates with their anchor: the anchor is the identifier."""
    v, parts = date(g)
    k = g.r.randint(2, 9)
    day = nth(g.r.randint(1, 28))
    v, parts, s = g.r.choice([
        (v, parts, f"POD #{k} s/p laparoscopic cholecystectomy ({{v}})."),
        (v, parts, f"Symptoms began {k} days before admission ({{v}})."),
        (v, parts, "Two weeks after the {v} fall she became confused."),
        (v, parts, f"Hospital day {k}; admitted {{v}}."), (v, parts, f"Antibiotic day {k} of 10 (started {{v}})."),
        (v, parts, f"{k} weeks postpartum (delivered {{v}})."), (day, (day,), "Off the apixaban since the {v}."),
        (v, parts, "Last week ({v}) she was seen at urgent care."),
    ])
    return s.format(v=v), [Planted("DATE", "y_date_anchor", v, parts)]


FAMILIES = {
    "NAME": [_y_name_bare, _y_name_bare, _y_name_titled, _y_name_titled, _y_name_header, _y_name_signature,
             _y_name_relation, _y_name_forms, _y_name_forms, _y_name_nick, _y_name_word, _y_name_possessive,
             _y_name_list, _y_name_portal],
    "DATE": [_y_date, _y_date, _y_date_label, _y_date_range, _y_date_anchor],
    **CONTACT_FAMILIES,
}

CLINICAL_STRINGS = (
    "Xeljanz 5 mg", "Otezla 30 mg", "Dupixent 300 mg", "Skyrizi 150 mg", "Rinvoq 15 mg", "Ocrevus 600 mg",
    "Tecfidera 240 mg", "Aimovig 70 mg", "Nurtec ODT 75 mg", "Farxiga 10 mg", "Mounjaro 5 mg", "Wegovy 2.4 mg",
    "Repatha 140 mg", "Tikosyn 250 mcg", "Vimpat 200 mg", "Trintellix 10 mg", "Vraylar 1.5 mg", "Xifaxan 550 mg",
    "Linzess 145 mcg", "Entyvio 300 mg", "Prolia 60 mg", "Tagrisso 80 mg", "Butrans 10 mcg/hr", "Lidoderm 5% patch",
    "Lupron Depot 22.5 mg", "Barthel Index 60", "Clinical Frailty Scale 6", "MoCA 22/30", "RASS -2", "Caprini score 5",
    "HAS-BLED score 3", "CHA2DS2-VASc score 4", "Centor score 3", "Alvarado score 7", "Modified Rankin Scale 2",
    "NIHSS 7", "ECOG 1", "Oncotype DX recurrence score 18", "Hunt and Hess grade 3", "Spetzler-Martin grade III",
    "Kellgren-Lawrence grade 3", "Cobb angle 24 degrees", "Bosniak IIF", "PI-RADS 4", "BI-RADS 4A",
    "Los Angeles grade C", "Hurley stage II", "Wagner grade 2", "Stanford type A", "Mobitz type II", "CKD stage 3b",
    "BCLC stage B", "Gustilo IIIA", "Argyll Robertson pupil", "Marcus Gunn pupil", "Kayser-Fleischer rings",
    "Battle sign", "Nikolsky sign", "Koebner phenomenon", "Lhermitte sign", "Gowers sign", "Yergason test",
    "Austin Flint murmur", "Osborn waves", "Sgarbossa criteria", "Light's criteria", "Ottawa ankle rules",
    "Kasai portoenterostomy", "Nuss procedure", "Heller myotomy", "Sistrunk procedure", "Blalock-Taussig shunt",
    "Ross procedure", "Cox-Maze IV", "Lapidus bunionectomy", "Shirodkar cerclage", "Edwards SAPIEN 3",
    "CoreValve Evolut R", "HeartMate 3 LVAD", "Dexcom G6 sensor", "FreeStyle Libre 2", "Omnipod 5",
    "ResMed AirSense 10", "Zoll LifeVest", "Mepilex Border", "Coude catheter", "Bakri balloon", "Ommaya reservoir",
    "Pavlik harness", "GlideScope", "i-gel airway", "da Vinci Xi", "Nexplanon implant", "Hesselbach triangle",
    "Calot triangle", "Morison pouch", "ligament of Treitz", "Gerota fascia", "Chiari I malformation",
    "Krukenberg tumor", "Pancoast tumor", "Waldenstrom macroglobulinemia", "De Quervain tenosynovitis",
    "Charcot-Marie-Tooth disease", "Bennett fracture", "HER2 3+", "Ki-67 20%", "PD-L1 TPS 60%", "EGFR exon 19 deletion",
    "BRAF V600E", "HLA-B27", "Factor V Leiden", "QuantiFERON-TB Gold", "GeneXpert MTB/RIF", "Lexiscan stress test",
)
