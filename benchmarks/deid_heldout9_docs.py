"""Name families of v9 (`deid_heldout9.py`): held out like them, never tune on it.

Most volume sits in ordinary notes and paperwork: history and physicals, progress notes, discharge
summaries, consults, operative notes, referral letters, nursing notes, portal and phone messages, result
notes and forms, with names cued by a title or role or by nothing (a given name alone, a bare surname,
names in a list). The rest (docstrings marked NEW) are document kinds no earlier split planted into:
POLST forms, safety-event reports, release-of-information logs, itemized bills, immunization-registry
printouts, newborn-screen cards, hemodialysis treatment records, code-blue records, anesthesia records,
spectacle prescriptions, birth-certificate worksheets, adult-protective-services reports, MAR signature
legends, SANE chain-of-custody forms, poison-center case records, valuables inventories, DOT medical
examiner certificates, VAERS reports, respirator fit tests and audiogram headers.
"""

from __future__ import annotations

from deid_heldout9_names import given, surname
from deid_heldout9_values import clock_date, date, datep, dob, full, idp, nm


def _hp(g):
    """History and physical: who gave the history, the primary physician, relatives."""
    f1, l1, v1 = full(g)
    kind = g.r.randrange(4)
    if kind == 0:
        s = g.r.choice(["History obtained from {v}, her neighbor of twenty years, and old records.",
                        "PCP is {v} at the county clinic; last visit in the spring.",
                        "Lives alone since the death of her husband {v} in the winter."])
        return s.format(v=v1), [nm("h9_hp", v1, f1, l1)]
    if kind == 1:
        brother = given(g, "male")
        s = f"Family present: daughter {v1} and her brother {brother}, both at the bedside."
        return s, [nm("h9_hp_family", v1, f1, l1), nm("h9_hp_family", brother, brother)]
    if kind == 2:
        s = g.r.choice(["Endocrinology (Dr. {l}) adjusted her insulin last month.",
                        "She was told by Dr. {l} years ago that her heart was enlarged.",
                        "Old records from Dr. {l}'s office are requested."])
        return s.format(l=l1), [nm("h9_hp_dr", l1, l1)]
    return (f"{f1} describes the pain as \"a belt pulled tight\" around the ribs.", [nm("h9_hp_quote", f1, f1)])


def _progress(g):
    """Progress notes: first name or surname by itself once the patient is known; covering clinicians."""
    f1, l1, v1 = full(g)
    kind = g.r.randrange(4)
    if kind == 0:
        s = g.r.choice(["{f} finished about half the tray and did two laps of the unit.",
                        "This morning {f} is more alert.",
                        "{f} refused the 0600 labs but allowed a redraw at 0800.",
                        "{f} wants full treatment after a long talk about goals."])
        return s.format(f=f1), [nm("h9_progress_given", f1, f1)]
    if kind == 1:
        s = f"Patient seen with {v1}, NP; note co-signed by the attending."
        return s, [nm("h9_progress_team", v1, f1, l1)]
    if kind == 2:
        s = g.r.choice(["{l} remains on 2 L nasal cannula.", "Ms. {l} denies chest pain overnight.",
                        "Mr. {l} tolerated the diet advance."])
        return s.format(l=l1), [nm("h9_progress_surname", l1, l1)]
    f2, l2, v2 = full(g, "male")
    return (f"Updated the son, {v2}, by phone after rounds.", [nm("h9_progress_family", v2, f2, l2)])


def _discharge(g):
    """Discharge summaries: follow-up, who takes the patient home, the dictating physician."""
    f1, l1, v1 = full(g)
    f2, l2, v2 = full(g)
    kind = g.r.randrange(3)
    if kind == 0:
        s = f"Appointments: {v1}, PA (orthopedics), two weeks; Dr. {l2} (renal), six weeks."
        return s, [nm("h9_dc_followup", v1, f1, l1), nm("h9_dc_followup", l2, l2)]
    if kind == 1:
        s = g.r.choice(["Went home with {v} driving and staying the first night.",
                        "Her niece {v} will manage the medications.",
                        "Teach-back completed with {v}."])
        f1, l1, v1 = full(g, "female")
        return s.format(v=v1), [nm("h9_dc_home", v1, f1, l1)]
    s = f"Electronically signed by {v1}, MD on behalf of {l2}, {f2}"
    return s, [nm("h9_dc_sign", v1, f1, l1), nm("h9_dc_sign", f"{l2}, {f2}", l2, f2)]


def _consult(g):
    """Consult notes: the requesting physician and the consultant."""
    f1, l1, v1 = full(g)
    l2 = surname(g)
    s = g.r.choice(["Asked to see the patient by Dr. {l} regarding hyponatremia.",
                    "Referring provider: Dr. {l}.", "Case reviewed with {v}, the nephrology fellow."])
    if "{v}" in s:
        return s.format(v=v1), [nm("h9_consult", v1, f1, l1)]
    return s.format(l=l2), [nm("h9_consult_dr", l2, l2)]


def _opnote(g):
    """Operative notes: surgeon, first assistant, anesthesiologist, scrub and circulator."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    l3 = surname(g)
    kind = g.r.randrange(3)
    if kind == 0:
        s = f"Primary surgeon: {v1}, MD. First assistant: {v2}, PA-C. Anesthesiologist: Dr. {l3}."
        return s, [nm("h9_op_team", v1, f1, l1), nm("h9_op_team", v2, f2, l2), nm("h9_op_team", l3, l3)]
    if kind == 1:
        s = f"Circulator {f2} and scrub tech {f1} confirmed counts before closure."
        return s, [nm("h9_op_staff", f2, f2), nm("h9_op_staff", f1, f1)]
    return (f"The case was then turned over to Dr. {l1} for the reconstruction.", [nm("h9_op_handover", l1, l1)])


def _letter(g):
    """Referral letters: salutations, closings, copies."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    kind = g.r.randrange(3)
    if kind == 0:
        s = g.r.choice(["Dear Dr. {l},", "Dear {f}, thank you for coming in.", "Dear Mr. {l}:"])
        v = f1 if "{f}" in s else l1
        return s.format(f=f1, l=l1), [nm("h9_letter_salutation", v, v)]
    if kind == 1:
        s = f"Kind regards, {v1}, MD, FACP   Copy to: {v2}"
        return s, [nm("h9_letter_closing", v1, f1, l1), nm("h9_letter_closing", v2, f2, l2)]
    birth = dob(g)
    s = f"Patient: {v1}   Date of birth: {birth}"
    return s, [nm("h9_letter_re", v1, f1, l1), datep("h9_letter_dob", birth)]


def _nursing(g):
    """Nursing notes: sitters, visitors, hand-offs by given name."""
    s = g.r.choice(["Sister {f} stayed overnight.", "Report given to {v}, RN, oncoming shift.",
                    "Repositioned q2h with {f}, CNA.", "Husband {v} brought her glasses and hearing aids.",
                    "Telesitter monitoring started; {f} notified of the plan.", "Tech {f} obtained the orthostatics."])
    f1, l1, v1 = full(g, "female" if s.startswith("Sister") else "male" if s.startswith("Husband") else None)
    v = v1 if "{v}" in s else f1
    return s.format(f=f1, v=v1), [nm("h9_nursing", v, *v.split(" ", 1))]


def _message(g):
    """Portal and telephone messages: who wrote or called, who answered."""
    (f1, l1, v1), f2 = full(g), given(g)
    s = g.r.choice(["{v} called asking whether the biopsy is back. Message sent to {f2}.",
                    "Spoke with {v}; appointment moved to Thursday. -{f2}",
                    "Portal message from {v}: rash on both arms since the new pill. {f2} to review."])
    return s.format(v=v1, f2=f2), [nm("h9_message", v1, f1, l1), nm("h9_message", f2, f2)]


def _result(g):
    """Result notes and read-backs."""
    f1, l1, v1 = full(g)
    s = g.r.choice(["Troponin result phoned to {v}, charge nurse, with read-back.",
                    "Culture growth reported to {v} at 1410.", "Imaging finding discussed with Dr. {l} by phone."])
    if "{l}" in s:
        return s.format(l=l1), [nm("h9_result", l1, l1)]
    return s.format(v=v1), [nm("h9_result", v1, f1, l1)]


def _form(g):
    """Consent, intake and emergency-contact forms."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    d = date(g)
    s = g.r.choice(["Consent signed by {a} (daughter, POA); witnessed by {b} on {d}.",
                    "Emergency contact 1: {a}   Emergency contact 2: {b}   Updated {d}"])
    return s.format(a=v1, b=v2, d=d), [nm("h9_form", v1, f1, l1), nm("h9_form", v2, f2, l2), datep("h9_form_date", d)]


def _given_alone(g):
    """A first name by itself, with no title or role next to it."""
    f1 = given(g)
    s = g.r.choice(["{f} prefers the window bed.", "After the family left, {f} cried for a while.",
                    "We reviewed the diet handout and {f} had good questions.",
                    "{f} says no to the pneumonia vaccine for now.",
                    "Best time to reach {f} is after lunch."])
    return s.format(f=f1), [nm("h9_given_alone", f1, f1)]


def _surname_alone(g):
    """A bare surname, as in sign-out shorthand."""
    l1 = surname(g)
    s = g.r.choice(["Sign-out to {l} at 1900.", "{l} will follow up on the cultures.",
                    "Discussed with {l}; agrees to stop the drip.", "Night float ({l}) paged twice."])
    return s.format(l=l1), [nm("h9_surname_alone", l1, l1)]


def _name_list(g):
    """Names in lists: meeting attendance, rosters, distribution lists."""
    people = [full(g) for _ in range(3)]
    if g.r.randrange(2):
        s = f"Attendees: {people[0][2]}, {people[1][2]}, {people[2][1]}."
        return s, [nm("h9_list", people[0][2], *people[0][:2]), nm("h9_list", people[1][2], *people[1][:2]),
                   nm("h9_list", people[2][1], people[2][1])]
    s = f"Visitors allowed: {people[0][0]}, {people[1][0]} or {people[2][0]}."
    return s, [nm("h9_list", p[0], p[0]) for p in people]


# ---- NEW document kinds -------------------------------------------------------------------------------

def _polst(g):
    """NEW: POLST forms: patient, the health-care professional who signed, the surrogate."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    s = f"POLST Section D: discussed with {v1} (legally recognized decisionmaker). Signing practitioner: {v2}, DO"
    return s, [nm("h9_polst", v1, f1, l1), nm("h9_polst", v2, f2, l2)]


def _safety(g):
    """NEW: safety-event reports: reporter and staff involved."""
    (f1, l1, v1), f2 = full(g), given(g)
    s = f"Safety event report filed by {v1}: wrong-rate infusion caught by {f2} at the pump."
    return s, [nm("h9_safety", v1, f1, l1), nm("h9_safety", f2, f2)]


def _roi(g):
    """NEW: release-of-information logs: requester and the clerk who released."""
    (f1, l1, v1), f2 = full(g), given(g)
    d = date(g)
    s = f"ROI log: records released {d} to {v1}, attorney for the patient; processed by {f2}."
    return s, [datep("h9_roi_date", d), nm("h9_roi", v1, f1, l1), nm("h9_roi", f2, f2)]


def _bill(g):
    """NEW: itemized bills and remittances: guarantor and account."""
    f1, l1, v1 = full(g)
    acct = g.digits(9)
    s = f"Itemized statement  Guarantor: {v1}  Account {acct}  Balance due $1,284.16"
    return s, [nm("h9_bill", v1, f1, l1), idp("h9_bill_acct", acct)]


def _immreg(g):
    """NEW: immunization-registry printouts: patient name, administering clinic staff."""
    f1, l1, _ = full(g)
    f2 = given(g)
    birth = dob(g)
    s = f"State immunization registry | {l1}, {f1} | DOB {birth} | Tdap given by {f2} (LPN)"
    return s, [nm("h9_immreg", f"{l1}, {f1}", l1, f1), datep("h9_immreg_dob", birth), nm("h9_immreg", f2, f2)]


def _newborn(g):
    """NEW: newborn-screen (heel-stick) cards: mother's name, collector."""
    f1, l1, _ = full(g, "female")
    f2 = given(g)
    s = f"Newborn screen card: mother {l1}, {f1}; heel stick collected by {f2} at 26 hours of life."
    return s, [nm("h9_newborn", f"{l1}, {f1}", l1, f1), nm("h9_newborn", f2, f2)]


def _dialysis(g):
    """NEW: hemodialysis treatment records: nephrologist, the nurse who cannulated."""
    l1, f2 = surname(g), given(g)
    s = f"HD treatment record, chair 7: nephrologist Dr. {l1}; cannulated by {f2}; 3.5 hours, UF 2.4 L."
    return s, [nm("h9_dialysis", l1, l1), nm("h9_dialysis", f2, f2)]


def _code(g):
    """NEW: code-blue and rapid-response records: code leader, recorder, compressions."""
    (f1, l1, v1), f2, f3 = full(g), given(g), given(g)
    s = f"Code record: leader {v1}; recorder {f2}; compressions rotated with {f3}. ROSC at 6 min."
    return s, [nm("h9_code", v1, f1, l1), nm("h9_code", f2, f2), nm("h9_code", f3, f3)]


def _anesthesia(g):
    """NEW: anesthesia records: staff in and out with relief times."""
    (f1, l1, v1), l2 = full(g), surname(g)
    s = f"Anesthesia staff: {v1}, CRNA 0712-1130; relief by {l2} 1130-1215."
    return s, [nm("h9_anesthesia", v1, f1, l1), nm("h9_anesthesia", l2, l2)]


def _spectacle(g):
    """NEW: spectacle prescriptions: patient and prescribing optometrist."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    s = f"Spectacle Rx for {v1}: OD -2.25 -0.50 x 090, OS -2.00 sph. {v2}, OD (optometry)"
    return s, [nm("h9_spectacle", v1, f1, l1), nm("h9_spectacle", v2, f2, l2)]


def _birthcert(g):
    """NEW: birth-certificate worksheets: mother's maiden name, father's name, certifier."""
    l1, (f2, l2, v2), f3 = surname(g), full(g, "male"), given(g, "female")
    s = f"Birth worksheet: mother's maiden surname {l1}; father {v2}; certifier {f3} (midwife)."
    return s, [nm("h9_birthcert", l1, l1), nm("h9_birthcert", v2, f2, l2), nm("h9_birthcert", f3, f3)]


def _aps(g):
    """NEW: adult-protective-services reports: the alleged perpetrator and the intake worker."""
    (f1, l1, v1), f2 = full(g), given(g)
    s = f"APS report made; caregiver named in the report: {v1}. Intake worker {f2} gave case number on file."
    return s, [nm("h9_aps", v1, f1, l1), nm("h9_aps", f2, f2)]


def _mar(g):
    """NEW: medication-administration records: the signature legend under the grid."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    i1, i2 = f1[0] + l1[0], f2[0] + l2[0]
    s = f"MAR signature legend: {i1} = {v1}, RN; {i2} = {v2}, LPN"
    return s, [nm("h9_mar", v1, f1, l1), nm("h9_mar", v2, f2, l2)]


def _sane(g):
    """NEW: sexual-assault nurse examiner (SANE) evidence chain-of-custody forms: who sealed, who received."""
    (f1, l1, v1), l2 = full(g), surname(g)
    t = clock_date(g)
    s = f"Chain of custody: kit sealed by {v1}, SANE-A; released to Officer {l2} at {t}."
    return s, [nm("h9_sane", v1, f1, l1), nm("h9_sane", l2, l2), datep("h9_sane_time", t)]


def _poison(g):
    """NEW: poison-control call records: specialist, caller, the toxicologist on call."""
    (f1, l1, v1), f2, l3 = full(g), given(g), surname(g)
    s = f"Poison center case: specialist {v1} spoke with caller {f2}; toxicologist Dr. {l3} recommends observation."
    return s, [nm("h9_poison", v1, f1, l1), nm("h9_poison", f2, f2), nm("h9_poison", l3, l3)]


def _belongings(g):
    """NEW: patient belongings and valuables inventories: who counted, who witnessed, who took them home."""
    (f1, l1, v1), f2, (f3, l3, v3) = full(g), given(g), full(g)
    s = (f"Valuables envelope: wallet, ring, phone. Inventoried by {v1} with {f2} as witness; "
         f"released to {v3}.")
    return s, [nm("h9_belongings", v1, f1, l1), nm("h9_belongings", f2, f2), nm("h9_belongings", v3, f3, l3)]


def _dot_exam(g):
    """NEW: commercial-driver (DOT) medical examiner certificates: driver and examiner with registry number."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    num = g.digits(10)
    d = date(g)
    s = f"Medical Examiner's Certificate: driver {v1} qualified for 1 year; examiner {v2}, NRCME {num}, {d}."
    return s, [nm("h9_dot", v1, f1, l1), nm("h9_dot", v2, f2, l2), idp("h9_dot_nrcme", num), datep("h9_dot_date", d)]


def _vaers(g):
    """NEW: vaccine adverse-event (VAERS) reports: reporter and the vaccinator."""
    (f1, l1, v1), l2 = full(g), surname(g)
    s = f"VAERS form: reporter {v1}; vaccine given by {l2} at the county site; onset of hives within 20 min."
    return s, [nm("h9_vaers", v1, f1, l1), nm("h9_vaers", l2, l2)]


def _fit_test(g):
    """NEW: occupational-health respirator fit-test records: employee and tester."""
    f1, l1, _ = full(g)
    f2 = given(g)
    s = f"Respirator fit test PASSED | Employee: {l1.upper()}, {f1} | N95 size M | Tester: {f2}"
    return s, [nm("h9_fit", f"{l1.upper()}, {f1}", l1.upper(), f1), nm("h9_fit", f2, f2)]


def _audiogram(g):
    """NEW: audiogram report headers: patient, audiologist, referring physician."""
    (f1, l1, v1), (f2, l2, v2), l3 = full(g), full(g), surname(g)
    s = f"AUDIOGRAM  {v1}  Audiologist: {v2}, Au.D.  Referred by Dr. {l3}  Tympanometry: type A bilaterally"
    return s, [nm("h9_audiogram", v1, f1, l1), nm("h9_audiogram", v2, f2, l2), nm("h9_audiogram", l3, l3)]


ORDINARY_NAME = [_hp, _hp, _hp, _progress, _progress, _progress, _discharge, _discharge, _consult, _opnote, _opnote,
                 _letter, _letter, _nursing, _nursing, _message, _message, _result, _form, _given_alone, _given_alone,
                 _given_alone, _surname_alone, _surname_alone, _name_list, _name_list, _consult, _result]
NEW_NAME = [_polst, _safety, _roi, _bill, _immreg, _newborn, _dialysis, _code, _anesthesia, _spectacle, _birthcert,
            _aps, _mar, _sane, _poison, _belongings, _dot_exam, _vaers, _fit_test, _audiogram]
__all__ = ["NEW_NAME", "ORDINARY_NAME"]
