"""Seventh held-out template families (v7): the next estimate, after v6 (`deid_heldout6.py`) is consumed.

This file and its helpers (`deid_heldout7_roman.py`: spelling the names; `deid_heldout7_values.py`: names,
dates, numbers, phones; `deid_heldout7_contact.py`: the ID, contact, place, facility and age families;
`deid_heldout7_clinical.py`: the clinical strings) were written and committed BEFORE round 7's tuning (which
runs in parallel and never sees them); their author never ran them, or anything they generate, through a
detector (only a generator-level check that every family builds sentences holding their planted values).
Never tune on them. Same interface as v1-v6: `HELDOUT_LOCALES`, `FAMILIES` (category -> generators
g -> (sentence, [Planted])), `CLINICAL_STRINGS`, `person(g)`, and (new
in v7) `CLINICAL_FRAMES`, the sentences the clinical strings go in (pass as `build_corpus(..., frames=)`).

Names: Faker's Arabic (ar_AA, ar_SA, ar_PS, ar_DZ), Persian (fa_IR), Hebrew (he_IL), Thai (th_TH) and
Sinhala (si_LK) locales, none used by development or v1-v6, romanized as a US note spells them
(`deid_heldout7_roman`), with the article and kin particles ("al-", "bin", "Abu", "Ben"). Every name word a
detector list holds is rejected, as before, and so is every word of an earlier split's Faker name lists.

New here: the documents v1-v6 did not plant into: HL7 v2 segments (PID, NK1, PV1, OBR), CSV export rows,
e-mail threads ("On ..., X wrote:", "From: X [mailto:...]"), wristbands and specimen labels, tumor-board and
on-call lists, SBAR handoffs, trial screening logs, school and work notes, e-prescription headers, home-
health visits, ambulance run sheets and claim lines; names as kunya ("Abu X", "Umm X"), patronymic chains
("X bin Y al-Z", "X ben Y"), Sinhala house names before the given name, Thai "Khun"; ISO-8601 timestamps with zones,
HL7 timestamps, "the 3rd of March" and weekday forms, Hijri dates; national numbers with check digits,
international phones, addresses and towns of Saudi Arabia, Israel, Iran, Thailand, Sri Lanka, Palestine
and Algeria; facilities named after people; employers; ages >= 90 in new phrasings.
"""

from __future__ import annotations

from deid_harness import Planted, name, parts_of_digits
from deid_heldout7_clinical import CLINICAL_FRAMES, CLINICAL_STRINGS
from deid_heldout7_contact import CONTACT_FAMILIES
from deid_heldout7_roman import ARABIC
from deid_heldout7_values import (
    DAYS,
    HELDOUT_LOCALES,
    MONTHS,
    date,
    date_pair,
    dob,
    handle,
    hl7_ts,
    mail_date,
    mrn,
    nth,
    person,
    words_of,
)

__all__ = ["CLINICAL_FRAMES", "CLINICAL_STRINGS", "FAMILIES", "HELDOUT_LOCALES", "person"]


def nm(template, value, *words):
    """A planted name whose parts are the value and its distinctive words (kin particles aside)."""
    return name(template, value, [p for w in words for p in words_of(w)])


def _idp(template, v):
    return Planted("ID", template, v, (v, *parts_of_digits(v)))


def _datep(template, v, parts):
    return Planted("DATE", template, v, parts)


def _hl7(g):
    """HL7 v2 segments pasted into notes by interfaces: names as SURNAME^GIVEN, numbers and timestamps."""
    first, last = person(g)
    up_f, up_l = first.upper(), last.upper()
    v = f"{up_l}^{up_f}"
    kind = g.r.randrange(4)
    if kind == 0:
        m, (birth, bparts) = mrn(g), dob(g)
        sex = g.r.choice("MF")
        s = f"PID|1||{m}^^^MAIN^MR||{v}^^^^L||{birth}|{sex}|||"
        return s, [nm("h7_hl7_pid", v, up_l, up_f), _idp("h7_hl7_id", m), _datep("h7_hl7_dob", birth, bparts)]
    if kind == 1:
        rel = g.r.choice(["SON", "DAU", "SPO", "BRO", "SIS", "MTH", "FTH"])
        return f"NK1|1|{v}|{rel}^{rel.title()}|", [nm("h7_hl7_nk1", v, up_l, up_f)]
    if kind == 2:
        npi = g.digits(10)
        s = f"PV1|1|I|4W^{g.r.randint(401, 460)}^A|||{npi}^{v}^^^DR^MD|"
        return s, [nm("h7_hl7_pv1", v, up_l, up_f), _idp("h7_hl7_npi", npi)]
    ts, tparts = hl7_ts(g)
    s = f"OBR|1|{g.digits(7)}||CBC^Complete blood count|||{ts}|||{v}|"
    return s, [nm("h7_hl7_obr", v, up_l, up_f), _datep("h7_hl7_ts", ts, tparts)]


def _csv_row(g):
    """Report and registry exports: a row of quoted or bare fields, surname and given name apart."""
    first, last = person(g)
    m, (birth, bparts) = mrn(g), dob(g)
    quoted = g.r.random() < 0.5
    q = '"' if quoted else ""
    fields = [m, last, first, birth, g.r.choice(["F", "M"]), g.r.choice(["ED", "4 West", "CLINIC"])]
    s = ",".join(f"{q}{x}{q}" for x in fields)
    if g.r.random() < 0.3:
        s = "Export row: " + s
    return s, [nm("h7_csv_name", last, last), nm("h7_csv_name", first, first), _idp("h7_csv_id", m),
               _datep("h7_csv_dob", birth, bparts)]


def _email_thread(g):
    """E-mail threads printed into the chart: the quoted-reply line and Outlook headers name the sender."""
    first, last = person(g)
    v = f"{first} {last}"
    dom = g.r.choice(["gmail.com", "hotmail.com", "outlook.sa", "walla.co.il", "yahoo.com"])
    addr = f"{handle(g, first, last)}@{dom}"
    kind = g.r.randrange(3)
    if kind == 0:
        d, parts = mail_date(g)
        s = f"On {d}, {v} <{addr}> wrote:"
        return s, [nm("h7_mail_wrote", v, first, last), Planted("EMAIL", "h7_mail_wrote", addr, (addr,)),
                   _datep("h7_mail_date", d, parts)]
    if kind == 1:
        s = g.r.choice(["From: {v} [mailto:{a}]", "-----Original Message----- From: {v} <{a}>",
                        "Reply from {v} ({a}) pasted below at the patient's request."])
        return s.format(v=v, a=addr), [nm("h7_mail_from", v, first, last),
                                       Planted("EMAIL", "h7_mail_from", addr, (addr,))]
    return f"Cc: {last}, {first}; Clinic Nurses", [nm("h7_mail_cc", f"{last}, {first}", last, first)]


def _label(g):
    """Wristbands and specimen labels: upper-case SURNAME, GIVEN beside a number and a date."""
    first, last = person(g)
    v = f"{last.upper()}, {first.upper()}"
    m = mrn(g)
    if g.r.random() < 0.5:
        birth, bparts = dob(g)
        s = g.r.choice(["ARMBAND  {v}  MRN:{m}  DOB:{d}  ALLERGY: NKDA", "Wristband scanned: {v} / {m} / {d}",
                        "ID band reads {v}, {m}, born {d}; matches the order."])
        return s.format(v=v, m=m, d=birth), [nm("h7_band_name", v, last.upper(), first.upper()), _idp("h7_band_id", m),
                                             _datep("h7_band_dob", birth, bparts)]
    coll, cparts = date(g)
    s = g.r.choice(["SPECIMEN  {v}  {m}  Coll: {d}  Tube: lavender", "Label: {v} | Acc {m} | {d} | urine",
                    "Mislabeled tube recollected: {v} {m} drawn {d}"])
    return s.format(v=v, m=m, d=coll), [nm("h7_label_name", v, last.upper(), first.upper()), _idp("h7_label_id", m),
                                        _datep("h7_label_date", coll, cparts)]


def _team(g):
    """Tumor-board lists and on-call schedules: several clinicians by surname, some with given names."""
    (_, l1), (f2, l2), (_, l3) = person(g), person(g), person(g)
    kind = g.r.randrange(3)
    if kind == 0:
        s = (f"Tumor board attendees: Dr. {l1} (medical oncology), Dr. {f2} {l2} (radiation oncology), "
             f"Dr. {l3} (pathology).")
        return s, [nm("h7_board", l1, l1), nm("h7_board", f"{f2} {l2}", f2, l2), nm("h7_board", l3, l3)]
    if kind == 1:
        day = g.r.choice(DAYS)
        s = f"On-call {day}: {l1} (primary) / {l2} (backup) / {f2} ({g.r.choice(['NP', 'PA', 'fellow'])})"
        return s, [nm("h7_oncall", l1, l1), nm("h7_oncall", l2, l2), nm("h7_oncall", f2, f2)]
    s = f"Schedule week 2: Mon {l1}, Tue {l2}, Wed {l3}."
    return s, [nm("h7_oncall", l1, l1), nm("h7_oncall", l2, l2), nm("h7_oncall", l3, l3)]


def _sbar(g):
    """Nursing handoff (SBAR) and home-health visits: nurses and caregivers by name, often given name only."""
    (f1, l1), (f2, l2) = person(g), person(g)
    kind = g.r.randrange(4)
    if kind == 0:
        s = f"SBAR handoff from {f1} {l1}, RN to {f2} {l2}, RN at 1900."
        return s, [nm("h7_sbar", f"{f1} {l1}", f1, l1), nm("h7_sbar", f"{f2} {l2}", f2, l2)]
    if kind == 1:
        s = g.r.choice(["Report given to {f} at the bedside.", "B: per {f}, night nurse, no new events.",
                        "R: {f} to recheck glucose at 0400."])
        return s.format(f=f1), [nm("h7_sbar_given", f1, f1)]
    if kind == 2:
        s = g.r.choice(["Home visit: caregiver {f} present and performing the dressing change.",
                        "Aide {f} {l} reports she ate half of breakfast.",
                        "Skilled nursing visit; daughter-in-law {f} {l} answered the door."])
        v = f"{f1} {l1}" if "{l}" in s else f1
        return s.format(f=f1, l=l1), [nm("h7_homehealth", v, *v.split(" ", 1))]
    s = f"Crew: {l1}/{l2}, Medic {g.r.randint(3, 40)}; patient {f2} found seated on the kitchen floor."
    return s, [nm("h7_runsheet", l1, l1), nm("h7_runsheet", l2, l2), nm("h7_runsheet", f2, f2)]


def _kin_forms(g):
    """Arabic, Hebrew, Sinhala and Thai name forms: kunya, patronymic chains, house names, "Khun" + given name."""
    sex = g.r.choice(("male", "female"))
    kind = g.r.randrange(6)
    loc = {2: ("he_IL",), 3: ("si_LK",), 5: ("th_TH",)}.get(kind, ARABIC)
    first, last = person(g, sex, locales=loc)
    father = person(g, "male", locales=loc, compound=False)[0]
    if kind == 5:
        s = g.r.choice(["Khun {f} prefers to be called by her given name.",
                        "Spoke with Khun {f} through the interpreter.", "Khun {f}, her husband, signed the consent."])
        return s.format(f=first), [nm("h7_kin_khun", first, first)]
    if kind == 0:
        v = f"{first} bin {father} {last}" if sex == "male" else f"{first} bint {father} {last}"
        s = g.r.choice(["Patient identified as {v} per the national ID.", "Name on the Saudi referral: {v}.",
                        "{v} arrived from the airport by ambulance."])
        return s.format(v=v), [nm("h7_kin_chain", v, first, father, last)]
    if kind == 1:
        v = f"{g.r.choice(['Abu', 'Umm'])} {father}"
        s = g.r.choice(["The family asked that the parent be addressed as {v}.",
                        "History from the patient's parent, {v}.", "{v} (the parent) signed for the procedure."])
        return s.format(v=v), [nm("h7_kin_kunya", v, father)]
    if kind == 2:
        v = f"{first} ben {father}" if sex == "male" else f"{first} bat {father}"
        return (f"Hebrew name for the chaplain: {v}.", [nm("h7_kin_ben", v, first, father)])
    if kind == 3:
        v = f"{last} Mudiyanselage {first}"
        return (f"Name as in passport: {v}.", [nm("h7_kin_house", v, last, first)])
    v = f"Sheikh {first} {last}"
    return (f"Visitors: {v} and two sons.", [nm("h7_kin_title", f"{first} {last}", first, last)])


def _paperwork(g):
    """School and work notes, trial screening logs, e-prescription headers, claim lines and the discharge
    medication reconciliation table."""
    first, last = person(g)
    v = f"{first} {last}"
    kind = g.r.randrange(5)
    if kind == 4:
        d, parts = date(g)
        f2 = person(g)[0]
        s = g.r.choice(["Med rec by {v}, PharmD | source: daughter {f2} + fill history | apixaban 5 mg BID | "
                        "last taken {d} | CONTINUE",
                        "Home medication list verified with {f2} (caregiver); reconciled by {v} on {d}."])
        return s.format(v=v, f2=f2, d=d), [nm("h7_medrec", v, first, last), nm("h7_medrec", f2, f2),
                                           _datep("h7_medrec_date", d, parts)]
    if kind == 0:
        s = g.r.choice(["Please excuse {v} from school through Friday.", "{v} may return to work without restriction.",
                        "To the employer of {v}: light duty for two weeks.", "Note for {v}'s gym teacher: no PE."])
        return s.format(v=v), [nm("h7_excuse", v, first, last)]
    if kind == 1:
        d, parts = date(g)
        s = f"Screening log #{g.r.randint(2, 99):03d} | {last}, {first} | screened {d} | not eligible (eGFR)"
        return s, [nm("h7_screenlog", f"{last}, {first}", last, first), _datep("h7_screenlog_date", d, parts)]
    if kind == 2:
        p_first, p_last = person(g)
        s = f"NewRx  Patient: {last}, {first}  Prescriber: {p_first} {p_last}, MD  Refills: 0"
        return s, [nm("h7_erx", f"{last}, {first}", last, first), nm("h7_erx", f"{p_first} {p_last}", p_first, p_last)]
    claim = f"{g.r.choice(['CLM', 'C'])}{g.digits(9)}"
    s = f"Claim {claim}  Subscriber {last.upper()} {first.upper()}  CPT 99214  POS 11"
    return s, [nm("h7_claim_name", f"{last.upper()} {first.upper()}", last.upper(), first.upper()),
               _idp("h7_claim_id", claim)]


def _plain(g):
    """A full name with no cue, in running text of the v7 documents."""
    first, last = person(g)
    v = f"{first} {last}"
    s = g.r.choice([
        "{v} declined the flu shot again this year.", "Interpreter used for {v}; Arabic, in person.",
        "{v} is fasting for Ramadan and asks about her insulin.", "According to {v}, the pain started after the trip.",
        "Mrs. and Mr. {v} were updated at the bedside.", "{v} brought a bag of medications from home.",
        "We reviewed the outside MRI with {v} and her husband.", "Imaging was discussed with {v} by video.",
        "Followed by {v} on the unit as a sitter.", "Copy of this summary handed to {v}.",
    ])
    return s.format(v=v), [nm("h7_plain", v, first, last)]


_HIJRI = ("Muharram", "Safar", "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Hijjah")


def _date(g):
    if g.r.random() < 0.1:
        v = f"{g.r.randint(1, 29)} {g.r.choice(_HIJRI)} {g.r.randint(1420, 1447)} AH"
        parts = (v,)
    else:
        v, parts = date(g)
    s = g.r.choice([
        "Printed: {v}", "Dispatched {v}; on scene 9 minutes later.", "Specimen received in lab {v}.",
        "Last dose taken {v}, per the reconciliation.", "Visit #4 (home health) {v}", "Sent: {v}",
        "Screen date: {v}", "Handoff time {v}", "Label printed {v} by the unit clerk.", "Tumor board date {v}",
        "MAR reviewed through {v}.", "Claim received {v}.", "She flew in from Riyadh on {v}.",
        "Work note dated {v}.", "Her last Umrah trip ended {v}.", "Result verified {v}.",
    ])
    return s.format(v=v), [_datep("h7_date", v, parts)]


def _date_pair(g):
    (a, ap), (b, bp) = date_pair(g)
    s = g.r.choice(["DOS {a} - {b}", "Off work from {a} until {b}.", "Service dates {a} through {b}.",
                    "Home health certification period {a} to {b}.", "Screened {a}; randomized {b}."])
    return s.format(a=a, b=b), [_datep("h7_date_pair", a, ap), _datep("h7_date_pair", b, bp)]


def _date_written(g):
    """Dates written out in running text: ordinals, weekday and month names."""
    d, mo = g.r.randint(1, 28), g.r.randint(1, 12)
    m = MONTHS[mo - 1]
    v = g.r.choice([f"the {d}{nth(d)} of {m}", f"{m} the {d}{nth(d)}", f"{d}{nth(d)} of {m} {g.r.randint(1999, 2026)}",
                    f"{g.r.choice(DAYS)} the {d}{nth(d)}"])
    s = g.r.choice(["She was last well on {v}.", "The rash began on {v}, after the wedding.",
                    "He is booked for surgery on {v}.", "Return to clinic on {v} for suture removal."])
    return s.format(v=v), [_datep("h7_date_written", v, (v,))]


FAMILIES = {
    "NAME": [_hl7, _csv_row, _email_thread, _label, _team, _sbar, _kin_forms, _kin_forms, _paperwork, _plain,
             _plain],
    "DATE": [_date, _date, _date_pair, _date_written],
    **CONTACT_FAMILIES,
}
