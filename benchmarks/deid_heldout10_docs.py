"""Name families of v10 (`deid_heldout10.py`): held out like them, never tune on it.

Most volume sits in ordinary notes and paperwork: history and physicals, progress notes, discharge
summaries, consults, operative notes, referral letters, nursing notes, portal and phone messages, result
notes and forms, with names cued by a title or role or by nothing (a given name alone, a bare surname,
names in a list). The rest (docstrings marked NEW) are document kinds no earlier split planted into:
I-PASS handoffs, OASIS home-health start-of-care forms, health-care power-of-attorney forms, bed-board
census rows, cancer-registry abstracts, trauma-registry records, car-seat challenge records, utilization
review notes, cytology requisitions, organ-procurement referrals, restraint and seclusion orders, ethics
consults, lactation and donor-milk logs, involuntary psychiatric holds, rapid-response records, secure-chat
threads, visitor logs, morbidity and mortality conference lists and EEG report headers.
"""

from __future__ import annotations

from deid_heldout10_names import given, surname
from deid_heldout10_values import date, datep, dob, full, idp, nm, record, stamp


def _hp(g):
    """History and physical: informants, outside physicians, relatives in the social history."""
    f1, l1, v1 = full(g)
    kind = g.r.randrange(4)
    if kind == 0:
        s = g.r.choice(["Collateral history from {v}, who has cared for him since the stroke.",
                        "Primary care is with {v}; he has not been seen there in two years.",
                        "Widowed; her late husband {v} was a coal miner.",
                        "History limited by dementia; supplemented by {v} at the bedside."])
        return s.format(v=v1), [nm("h10_hp", v1, f1, l1)]
    if kind == 1:
        f2 = given(g, "female")
        s = f"Social: lives with her partner {v1}; granddaughter {f2} visits daily."
        return s, [nm("h10_hp_social", v1, f1, l1), nm("h10_hp_social", f2, f2)]
    if kind == 2:
        s = g.r.choice(["Colonoscopy by Dr. {l} five years ago was unremarkable.",
                        "Dr. {l}, her rheumatologist, started the methotrexate.",
                        "Seen by {l} (cardiology) in the fall with a normal stress test."])
        return s.format(l=l1), [nm("h10_hp_dr", l1, l1)]
    return (f"In {f1}'s words, \"my legs just quit on me.\"", [nm("h10_hp_quote", f1, f1)])


def _progress(g):
    """Progress notes: the patient by given name or surname alone; covering clinicians."""
    f1, l1, v1 = full(g)
    kind = g.r.randrange(4)
    if kind == 0:
        s = g.r.choice(["{f} slept poorly; the IV pump alarmed twice.", "Overnight {f} pulled at the lines.",
                        "{f} walked to the nurses' station with the walker.",
                        "Spoke with {f} about the biopsy result at length."])
        return s.format(f=f1), [nm("h10_progress_given", f1, f1)]
    if kind == 1:
        s = f"Seen and examined together with {v1}, PA-C; agree with the assessment above."
        return s, [nm("h10_progress_team", v1, f1, l1)]
    if kind == 2:
        s = g.r.choice(["{l} is afebrile and eating.", "Mrs. {l} reports the nausea is better.",
                        "Mr. {l} still needs 4 L by cannula."])
        return s.format(l=l1), [nm("h10_progress_surname", l1, l1)]
    f2, l2, v2 = full(g, "female")
    return (f"Called his wife, {v2}, with the update this afternoon.", [nm("h10_progress_family", v2, f2, l2)])


def _discharge(g):
    """Discharge summaries: follow-up, who drives the patient home, the attending of record."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    kind = g.r.randrange(3)
    if kind == 0:
        s = f"Follow up with Dr. {l1} (hematology) in one week and {v2}, NP, in the heart failure clinic."
        return s, [nm("h10_dc_followup", l1, l1), nm("h10_dc_followup", v2, f2, l2)]
    if kind == 1:
        s = g.r.choice(["Discharged in the care of her brother {v}.", "{v} will stay with him for the first week.",
                        "Medication teaching done with {v}, who fills the pillbox."])
        return s.format(v=v1), [nm("h10_dc_home", v1, f1, l1)]
    s = f"Attending of record: {v1}, MD. Dictated by {l2}, {f2}, resident."
    return s, [nm("h10_dc_sign", v1, f1, l1), nm("h10_dc_sign", f"{l2}, {f2}", l2, f2)]


def _consult(g):
    """Consult notes: who asked, who answered."""
    f1, l1, v1 = full(g)
    s = g.r.choice(["Thank you, Dr. {l}, for this interesting consult.", "Consult requested by {v} for delirium.",
                    "Discussed with {v}, the infectious disease attending, who agrees."])
    if "{l}" in s:
        return s.format(l=l1), [nm("h10_consult_dr", l1, l1)]
    return s.format(v=v1), [nm("h10_consult", v1, f1, l1)]


def _opnote(g):
    """Operative notes: the team line, staff by first name, the surgeon who took over."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    l3 = surname(g)
    kind = g.r.randrange(3)
    if kind == 0:
        s = f"SURGEON: {v1}, MD   ASSISTANT: {v2}, RNFA   ANESTHESIA: {l3}, CRNA"
        return s, [nm("h10_op_team", v1, f1, l1), nm("h10_op_team", v2, f2, l2), nm("h10_op_team", l3, l3)]
    if kind == 1:
        s = f"Sponge and needle counts correct x2 per {f1} (circulating) and {f2} (scrub)."
        return s, [nm("h10_op_staff", f1, f1), nm("h10_op_staff", f2, f2)]
    return (f"Dr. {l1} scrubbed in for the vascular portion.", [nm("h10_op_handover", l1, l1)])


def _letter(g):
    """Referral letters: salutations, sign-offs, copies, the regarding line."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    kind = g.r.randrange(3)
    if kind == 0:
        s = g.r.choice(["Dear Dr. {l}:", "Hello {f},", "Dear Ms. {l},"])
        v = f1 if "{f}" in s else l1
        return s.format(f=f1, l=l1), [nm("h10_letter_salutation", v, v)]
    if kind == 1:
        s = f"With best wishes, {v1}, DO   cc: {v2}, MD"
        return s, [nm("h10_letter_closing", v1, f1, l1), nm("h10_letter_closing", v2, f2, l2)]
    birth = dob(g)
    s = f"RE: {v1} (born {birth})"
    return s, [nm("h10_letter_re", v1, f1, l1), datep("h10_letter_dob", birth)]


def _nursing(g):
    """Nursing notes: sitters, visitors, hand-offs by given name."""
    s = g.r.choice(["Daughter {f} at bedside overnight.", "Bedside report to {v}, RN.",
                    "Turned q2h with help from {f}.", "Son {v} took home her dentures for safekeeping.",
                    "Sitter {f} at bedside for fall risk.",
                    "PCT {f} obtained the 0400 vitals."])
    sex = "female" if s.startswith("Daughter") else "male" if s.startswith("Son") else None
    f1, l1, v1 = full(g, sex)
    v = v1 if "{v}" in s else f1
    return s.format(f=f1, v=v1), [nm("h10_nursing", v, *v.split(" ", 1))]


def _message(g):
    """Portal and telephone messages: who wrote or called, who took it."""
    (f1, l1, v1), f2 = full(g), given(g)
    s = g.r.choice(["{v} phoned: still no refill at the pharmacy. Routed to {f2}.",
                    "Returned call to {v}, left voicemail. {f2}",
                    "MyChart message from {v} asking about the sleep study. Forwarded to {f2}."])
    return s.format(v=v1, f2=f2), [nm("h10_message", v1, f1, l1), nm("h10_message", f2, f2)]


def _result(g):
    """Result notes and critical-value read-backs."""
    f1, l1, v1 = full(g)
    s = g.r.choice(["Critical potassium called to {v}, RN, read back.", "Blood culture positive; {v} notified at 2215.",
                    "Radiologist Dr. {l} called with the CT finding."])
    if "{l}" in s:
        return s.format(l=l1), [nm("h10_result", l1, l1)]
    return s.format(v=v1), [nm("h10_result", v1, f1, l1)]


def _form(g):
    """Registration and consent forms: patient, guarantor, emergency contact."""
    (f1, l1, _), (f2, l2, v2) = full(g), full(g)
    s = f"Guarantor: {l1}, {f1}   Emergency contact: {v2} (spouse)"
    return s, [nm("h10_form", f"{l1}, {f1}", l1, f1), nm("h10_form", v2, f2, l2)]


def _given_alone(g):
    """A given name with no cue at all, later in the note."""
    f1 = given(g)
    s = g.r.choice(["{f} agrees with the plan.", "Reassured {f} that the scan is normal.", "{f} is tearful today.",
                    "Asked {f} to keep a food diary.", "{f}'s pain is 3/10 after the block."])
    return s.format(f=f1), [nm("h10_given_alone", f1, f1)]


def _surname_alone(g):
    """A bare surname: whiteboard shorthand, a family, a possessive."""
    l1 = surname(g)
    s = g.r.choice(["The {l} family asked for a meeting tomorrow.", "{l} to OR at noon.", "Per {l}, hold the heparin.",
                    "{l}'s labs pending."])
    return s.format(l=l1), [nm("h10_surname_alone", l1, l1)]


def _name_list(g):
    """Names in a list: care team, attendees, people allowed information."""
    people = [full(g) for _ in range(3)]
    joined = ", ".join(v for _, _, v in people[:2]) + f" and {people[2][2]}"
    s = g.r.choice(["Family meeting attended by {j}.", "Okay to share information with: {j}.",
                    "Care team today: {j}."]).format(j=joined)
    return s, [nm("h10_name_list", v, f, la) for f, la, v in people]


def _ipass(g):
    """NEW: I-PASS handoff: the patient, the outgoing and the receiving resident."""
    (f1, l1, _), f2, f3 = full(g), given(g), given(g)
    s = (f"I-PASS | Illness severity: watcher | Patient: {l1.upper()}, {f1.upper()} | Handoff {f2} -> {f3} | "
         "Action: recheck lactate at 0200")
    return s, [nm("h10_ipass", f"{l1.upper()}, {f1.upper()}", l1.upper(), f1.upper()),
               nm("h10_ipass", f2, f2), nm("h10_ipass", f3, f3)]


def _oasis(g):
    """NEW: OASIS home-health start-of-care: clinician, caregiver (M-item lines)."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    d = date(g)
    s = f"OASIS-E SOC  M0090 date completed: {d}  Clinician: {v1}, PT  Primary caregiver: {v2}"
    return s, [datep("h10_oasis_date", d), nm("h10_oasis", v1, f1, l1), nm("h10_oasis", v2, f2, l2)]


def _hcpoa(g):
    """NEW: health-care power-of-attorney forms: agent, alternate agent, witness."""
    (f1, l1, v1), (f2, l2, v2), l3 = full(g), full(g), surname(g)
    s = (f"Durable power of attorney for health care on file: agent {v1}; alternate agent {v2}; "
         f"witnessed by {l3} (notary).")
    return s, [nm("h10_hcpoa", v1, f1, l1), nm("h10_hcpoa", v2, f2, l2), nm("h10_hcpoa", l3, l3)]


def _bedboard(g):
    """NEW: bed-board census rows: patient, attending, nurse in fixed columns."""
    f1, l1, _ = full(g)
    l2, f3 = surname(g), given(g)
    room = f"{g.r.randint(2, 9)}{g.r.choice('NSEW')}-{g.r.randint(1, 40):02d}"
    s = f"{room}\t{l1}, {f1[0]}.\tAtt: {l2}\tRN: {f3}\tdc pending PT clearance"
    return s, [nm("h10_bedboard", l1, l1), nm("h10_bedboard", l2, l2), nm("h10_bedboard", f3, f3)]


def _cancer_registry(g):
    """NEW: cancer-registry abstracts: managing physician, abstractor, accession number."""
    (f1, l1, v1), f2 = full(g), given(g)
    acc = f"{g.r.randint(2015, 2026)}{g.digits(5)}"
    s = f"Tumor registry abstract, accession {acc}: managing physician {v1}; abstracted by {f2}, CTR."
    return s, [idp("h10_registry_accession", acc), nm("h10_cancer_registry", v1, f1, l1),
               nm("h10_cancer_registry", f2, f2)]


def _trauma_registry(g):
    """NEW: trauma-registry records: trauma surgeon and the EMS crew chief."""
    (f1, l1, v1), l2 = full(g), surname(g)
    s = f"Trauma registry: activation level 1, team leader Dr. {l2}, EMS crew chief {v1}, GCS 14 on arrival."
    return s, [nm("h10_trauma_registry", l2, l2), nm("h10_trauma_registry", v1, f1, l1)]


def _car_seat(g):
    """NEW: NICU car-seat challenge records: the infant by surname, the tester, the parent taught."""
    l1, (f2, l2, v2), f3 = surname(g), full(g), given(g, "female")
    s = (f"Car seat challenge: Baby Boy {l1} in seat 90 min, no desaturations. Observed by {v2}, RN; "
         f"mother {f3} shown the harness fit.")
    return s, [nm("h10_car_seat", l1, l1), nm("h10_car_seat", v2, f2, l2), nm("h10_car_seat", f3, f3)]


def _utilization(g):
    """NEW: utilization-review and case-management notes: the payer's reviewer, the physician advisor."""
    (f1, l1, v1), l2 = full(g), surname(g)
    s = f"UR: spoke with payer nurse reviewer {v1}; inpatient status upheld after peer-to-peer with Dr. {l2}."
    return s, [nm("h10_utilization", v1, f1, l1), nm("h10_utilization", l2, l2)]


def _cytology(g):
    """NEW: cytology requisitions: the collecting clinician and the cytotechnologist."""
    (f1, l1, v1), f2, l2 = full(g), given(g), surname(g)
    s = f"Cytology requisition - ThinPrep, cervical. Collected by {v1}. Screened by {f2} {l2[0]}., CT(ASCP)."
    return s, [nm("h10_cytology", v1, f1, l1), nm("h10_cytology", f2, f2)]


def _opo(g):
    """NEW: organ-procurement referrals: the OPO coordinator and the next of kin."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    num = f"{caps_id(g)}"
    s = f"OPO referral {num} called in; coordinator {v1} to approach next of kin {v2} after the family meeting."
    return s, [idp("h10_opo_number", num), nm("h10_opo", v1, f1, l1), nm("h10_opo", v2, f2, l2)]


def caps_id(g) -> str:
    return f"{g.r.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{g.r.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{g.digits(3)}-{g.digits(4)}"


def _restraint(g):
    """NEW: restraint and seclusion orders: ordering provider, the nurse doing face-to-face."""
    l1, (f2, l2, v2) = surname(g), full(g)
    s = (f"Non-violent restraint order (bilateral soft wrist) by Dr. {l1}; face-to-face evaluation within "
         f"1 hour by {v2}, RN.")
    return s, [nm("h10_restraint", l1, l1), nm("h10_restraint", v2, f2, l2)]


def _ethics(g):
    """NEW: ethics consults: the ethicist and the surrogates at the table."""
    (f1, l1, v1), f2, f3 = full(g), given(g), given(g)
    s = f"Clinical ethics consult ({v1}, PhD): surrogates {f2} and {f3} disagree about dialysis."
    return s, [nm("h10_ethics", v1, f1, l1), nm("h10_ethics", f2, f2), nm("h10_ethics", f3, f3)]


def _lactation(g):
    """NEW: lactation consults and donor-milk logs: the consultant, the milk's bank lot, the mother."""
    (f1, l1, v1), f2 = full(g), given(g, "female")
    lot = f"{g.digits(6)}"
    s = f"Lactation: {f2} pumping 60 mL q3h. Donor milk lot {lot} thawed. IBCLC: {v1}."
    return s, [nm("h10_lactation", f2, f2), idp("h10_milk_lot", lot), nm("h10_lactation", v1, f1, l1)]


def _psych_hold(g):
    """NEW: involuntary psychiatric holds: the petitioner and the certifying examiner."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    s = (f"Emergency hold (72 h) petition signed by {v1}, the patient's stepfather; certificate completed by "
         f"{v2}, MD, at 1640.")
    return s, [nm("h10_psych_hold", v1, f1, l1), nm("h10_psych_hold", v2, f2, l2)]


def _rapid_response(g):
    """NEW: rapid-response records: who called, the team members, the time stamp."""
    f1, (f2, l2, v2), l3 = given(g), full(g), surname(g)
    t = stamp(g)
    s = f"RRT called {t} by {f1} (bedside RN). Team: {v2}, RT; Dr. {l3}, ICU."
    return s, [datep("h10_rrt_stamp", t), nm("h10_rrt", f1, f1), nm("h10_rrt", v2, f2, l2), nm("h10_rrt", l3, l3)]


def _secure_chat(g):
    """NEW: secure-chat threads pasted into the chart: sender lines with a time."""
    (f1, l1, v1), (f2, l2, v2) = full(g), full(g)
    s = f"[Secure Chat] {v1} (Pharmacy) 10:42: vanc trough due at 2000. {v2} (Hospitalist) 10:44: ok thanks"
    return s, [nm("h10_secure_chat", v1, f1, l1), nm("h10_secure_chat", v2, f2, l2)]


def _visitor_log(g):
    """NEW: visitor logs on restricted units: visitors and their relation."""
    (f1, l1, v1), (f2, l2, _) = full(g), full(g)
    s = f"Visitor log: {v1} (niece) 14:05-15:30; {l2.upper()}, {f2} (pastor) 16:10-16:25."
    return s, [nm("h10_visitor_log", v1, f1, l1), nm("h10_visitor_log", f"{l2.upper()}, {f2}", l2.upper(), f2)]


def _mm_conference(g):
    """NEW: morbidity and mortality conference lists: presenter and discussant."""
    l1, (f2, l2, v2) = surname(g), full(g)
    s = f"M&M case 3 (anastomotic leak): presented by Dr. {l1}; discussant {v2}, MD."
    return s, [nm("h10_mm", l1, l1), nm("h10_mm", v2, f2, l2)]


def _eeg(g):
    """NEW: EEG report headers: referring physician, technologist, reader, study number."""
    l1, f2, (f3, l3, v3) = surname(g), given(g), full(g)
    num = f"E{g.r.randint(20, 26)}-{g.digits(4)}"
    s = f"EEG {num} | Routine, awake and drowsy | Referring: Dr. {l1} | Tech: {f2} | Read by {v3}, MD"
    return s, [idp("h10_eeg_number", num), nm("h10_eeg", l1, l1), nm("h10_eeg", f2, f2), nm("h10_eeg", v3, f3, l3)]


def _chart_index(g):
    """NEW: the chart-merge worklist of health information management: two records of one patient."""
    f1, l1, _ = full(g)
    f2 = given(g)
    a, b = record(g), record(g)
    s = f"HIM duplicate-record worklist: {l1}, {f1} -- MRN {a} merged into {b}; verified by {f2}."
    return s, [nm("h10_chart_merge", f"{l1}, {f1}", l1, f1), idp("h10_chart_merge_id", a),
               idp("h10_chart_merge_id", b), nm("h10_chart_merge", f2, f2)]


ORDINARY_NAME = [_hp, _hp, _hp, _progress, _progress, _progress, _discharge, _discharge, _consult, _consult,
                 _opnote, _opnote, _letter, _letter, _nursing, _nursing, _message, _message, _result, _result, _form,
                 _given_alone, _given_alone, _given_alone, _surname_alone, _surname_alone, _name_list, _name_list]
NEW_NAME = [_ipass, _oasis, _hcpoa, _bedboard, _cancer_registry, _trauma_registry, _car_seat, _utilization, _cytology,
            _opo, _restraint, _ethics, _lactation, _psych_hold, _rapid_response, _secure_chat, _visitor_log,
            _mm_conference, _eeg, _chart_index]
__all__ = ["NEW_NAME", "ORDINARY_NAME"]
