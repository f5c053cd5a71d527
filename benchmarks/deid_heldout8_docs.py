"""Name families of v8 (`deid_heldout8.py`): held out like them, never tune on it.

Most volume sits where a hospital export has it: history and physicals, progress notes, discharge
summaries, consults, operative notes, referral letters, nursing notes, portal messages, results and forms,
with names cued by a title or role, or by nothing at all (a given name alone later in a note, a bare
surname, names in a list). The rest are document kinds no earlier split planted into (marked NEW):
DICOM headers, ECG cart headers, sleep-study and lung-function report headers, genetic pedigrees,
blood-bank checks, NICU milk-bank labels, unit census boards, decedent paperwork (pronouncement, funeral
home, autopsy), prescription-monitoring (PDMP) printouts, e-signature envelopes and leave forms, team-chat
exports, implant cards and cancer-registry abstracts, pharmacy bottle labels.
"""

from __future__ import annotations

from deid_heldout8_names import given, person
from deid_heldout8_values import DAYS, date, datep, dicom_date, dob, idp, letters, mrn, nm, stamp


def _full(g, sex=None):
    first, last = person(g, sex)
    return first, last, f"{first} {last}"


def _hp(g):
    """History and physical: informant, PCP, family history with names."""
    f1, l1, v1 = _full(g)
    kind = g.r.randrange(4)
    if kind == 0:
        s = g.r.choice(["Her niece {v}, who fills the pillbox, supplied most of this history.",
                        "Primary care: {v}, seen about six weeks ago for the same cough.",
                        "SOCIAL HISTORY: Shares an apartment with {v}; stairs to the entrance."])
        return s.format(v=v1), [nm("h8_hp", v1, f1, l1)]
    if kind == 1:
        wife = given(g, "female")
        s = f"Her son {f1} {l1} and his wife {wife} were present for the interview."
        return s, [nm("h8_hp_family", v1, f1, l1), nm("h8_hp_family", wife, wife)]
    if kind == 2:
        s = g.r.choice(["Dr. {l} in Cardiology follows her for the valve.", "Previously managed by Dr. {l} for gout.",
                        "She asks that results also go to Dr. {l}."])
        return s.format(l=l1), [nm("h8_hp_dr", l1, l1)]
    return (f"Chief complaint, in the words of {f1}: \"my legs feel like wood.\"", [nm("h8_hp_quote", f1, f1)])


def _progress(g):
    """Daily progress notes: the given name used alone once the patient is known, and the covering team."""
    f1, l1, v1 = _full(g)
    kind = g.r.randrange(4)
    if kind == 0:
        s = g.r.choice(["{f} slept poorly and wants to go home today.", "Overnight {f} pulled the IV twice.",
                        "Spoke with {f} about the drain; she agrees to keep it one more day.",
                        "Subjective: {f} reports the nausea is better after the switch."])
        return s.format(f=f1), [nm("h8_progress_given", f1, f1)]
    if kind == 1:
        s = f"Seen and examined with {v1}, PA-C; plan discussed with the attending."
        return s, [nm("h8_progress_team", v1, f1, l1)]
    if kind == 2:
        s = g.r.choice(["{l} is afebrile on day 3 of cefazolin.", "Per {l}, the pain is 4/10 this morning.",
                        "{l} walked 200 feet with the walker."])
        return s.format(l=l1), [nm("h8_progress_surname", l1, l1)]
    return (f"Interval: family meeting held with {v1} (health care proxy).", [nm("h8_progress_proxy", v1, f1, l1)])


def _discharge(g):
    """Discharge summaries: follow-up clinicians, who drove the patient home, who was told."""
    f1, l1, v1 = _full(g)
    f2, l2, v2 = _full(g)
    kind = g.r.randrange(3)
    if kind == 0:
        s = f"Follow up with {v1}, NP, in one week and with Dr. {l2} in a month."
        return s, [nm("h8_dc_followup", v1, f1, l1), nm("h8_dc_followup", l2, l2)]
    if kind == 1:
        s = g.r.choice(["Left the unit by wheelchair with {v} driving.",
                        "Her granddaughter {v} will stay with her this week.",
                        "Instructions were reviewed with {v}, who repeated them back."])
        return s.format(v=v1), [nm("h8_dc_home", v1, f1, l1)]
    s = f"DISCHARGE ATTENDING: {l1}, {f1}   DICTATED BY: {v2}"
    return s, [nm("h8_dc_header", f"{l1}, {f1}", l1, f1), nm("h8_dc_header", v2, f2, l2)]


def _consult(g):
    """Consult notes: the requester and the consultant."""
    f1, l1, v1 = _full(g)
    l2 = person(g)[1]
    s = g.r.choice(["Consult requested by Dr. {l2} for new-onset atrial fibrillation.",
                    "Thank you, Dr. {l2}, for asking us to see this patient.",
                    "Reason for consult (per {v}): rising creatinine."])
    if "{v}" in s:
        return s.format(v=v1), [nm("h8_consult", v1, f1, l1)]
    return s.format(l2=l2), [nm("h8_consult_dr", l2, l2)]


def _opnote(g):
    """Operative notes: surgeon, assistants, anesthesia, with and without credentials."""
    (f1, l1, v1), (f2, l2, v2) = _full(g), _full(g)
    l3 = person(g)[1]
    kind = g.r.randrange(3)
    if kind == 0:
        s = f"SURGEON: {v1}, MD   ASSISTANT: {v2}, RNFA   ANESTHESIA: {l3}"
        return s, [nm("h8_op_team", v1, f1, l1), nm("h8_op_team", v2, f2, l2), nm("h8_op_team", l3, l3)]
    if kind == 1:
        s = f"Dr. {l1} scrubbed out after the closure; {f2} counted sponges and needles, correct x2."
        return s, [nm("h8_op_narrative", l1, l1), nm("h8_op_narrative", f2, f2)]
    return (f"Timeout performed; {l1} confirmed the left side.", [nm("h8_op_timeout", l1, l1)])


def _letter(g):
    """Referral and reply letters: salutations, sign-offs, cc lines."""
    (f1, l1, v1), (f2, l2, v2) = _full(g), _full(g)
    kind = g.r.randrange(3)
    if kind == 0:
        s = g.r.choice(["Dear {f},", "Dear Dr. {l}, we saw your patient today.", "Dear Ms. {l}:"])
        v, parts = (f1, (f1,)) if "{f}" in s else (l1, (l1,))
        return s.format(f=f1, l=l1), [nm("h8_letter_salutation", v, *parts)]
    if kind == 1:
        s = f"With best regards, {v1}, DO   cc: {v2}; chart"
        return s, [nm("h8_letter_signoff", v1, f1, l1), nm("h8_letter_signoff", v2, f2, l2)]
    birth = dob(g)
    s = f"RE: {l1.upper()}, {f1.upper()}  DOB {birth}"
    return s, [nm("h8_letter_re", f"{l1.upper()}, {f1.upper()}", l1.upper(), f1.upper()), datep("h8_letter_dob", birth)]


def _nursing(g):
    """Nursing notes and flowsheet comments: first names and sitters, visitors."""
    f1, l1, v1 = _full(g)
    s = g.r.choice(["Bed alarm on; sitter {f} at the bedside.", "Wife {f} at bedside, updated on plan.",
                    "Patient tearful; {f} from chaplaincy visited.", "Visitor {v} left at 2100.",
                    "Hand-off received from {v}, RN, at 0700.", "Bath given with the help of {f}, nursing assistant."])
    v = v1 if "{v}" in s else f1
    return s.format(f=f1, v=v1), [nm("h8_nursing", v, *v.split(" ", 1))]


def _message(g):
    """Portal and phone messages: who called, who replied."""
    (f1, l1, v1), f2 = _full(g), given(g)
    s = g.r.choice(["Message from {v}: can she take the antibiotic with milk? Routed to {f2}.",
                    "Returned call to {v}; left voicemail. --{f2}",
                    "{v} is out of her inhaler. Per {f2}, one refill approved."])
    return s.format(v=v1, f2=f2), [nm("h8_message", v1, f1, l1), nm("h8_message", f2, f2)]


def _result(g):
    """Result notes and critical-value calls."""
    f1, l1, v1 = _full(g)
    s = g.r.choice(["Critical potassium called to {v}, RN, read back and verified.",
                    "Result reviewed by {v}; patient notified by phone.",
                    "Pathology discussed with Dr. {l} prior to release."])
    if "{l}" in s:
        return s.format(l=l1), [nm("h8_result", l1, l1)]
    return s.format(v=v1), [nm("h8_result", v1, f1, l1)]


def _form(g):
    """Consent and intake forms: signer, witness, interpreter, emergency contact."""
    (f1, l1, v1), (f2, l2, v2) = _full(g), _full(g)
    d = date(g)
    s = f"Signed: {v1} (patient)   Witness: {v2}   Date: {d}"
    return s, [nm("h8_form_sign", v1, f1, l1), nm("h8_form_sign", v2, f2, l2), datep("h8_form_date", d)]


def _given_alone(g):
    """A given name alone, far from any cue, in ordinary narrative."""
    f1 = given(g)
    s = g.r.choice(["{f} would like the results mailed.", "Later that afternoon {f} asked for juice.",
                    "We will see {f} again after the scan.", "{f} heard the benign pathology result calmly.",
                    "{f} is worried about driving."])
    return s.format(f=f1), [nm("h8_given_alone", f1, f1)]


def _surname_alone(g):
    """A bare surname with no title, as in sign-outs and clinic shorthand."""
    l1 = person(g)[1]
    s = g.r.choice(["{l} to call the family tonight.", "Spoke to {l}, who agrees with holding heparin.",
                    "Plan per {l}: repeat lactate at 1600.", "{l} is covering for the weekend."])
    return s.format(l=l1), [nm("h8_surname_alone", l1, l1)]


def _name_list(g):
    """Names in lists: care-team rosters, contacts, attendance."""
    people = [_full(g) for _ in range(3)]
    kind = g.r.randrange(2)
    if kind == 0:
        s = f"Care team: {people[0][2]}; {people[1][2]}; {people[2][1]}"
        return s, [nm("h8_list", people[0][2], *people[0][:2]), nm("h8_list", people[1][2], *people[1][:2]),
                   nm("h8_list", people[2][1], people[2][1])]
    s = f"Present: {people[0][0]}, {people[1][0]}, {people[2][0]} and the patient."
    return s, [nm("h8_list", p[0], p[0]) for p in people]


# ---- NEW document kinds -------------------------------------------------------------------------------

def _dicom(g):
    """NEW: DICOM header dumps pasted from PACS: (group,element) tags, SURNAME^GIVEN, study dates."""
    first, last = person(g)
    v = f"{last.upper()}^{first.upper()}"
    m, d = mrn(g), dicom_date(g)
    s = g.r.choice(["(0010,0010) PN [{v}]  (0010,0020) LO [{m}]  (0008,0020) DA [{d}]",
                    "PatientName={v} PatientID={m} StudyDate={d}"])
    ref_first, ref_last = person(g)
    out = [nm("h8_dicom_name", v, last.upper(), first.upper()), idp("h8_dicom_id", m), datep("h8_dicom_date", d)]
    if g.r.random() < 0.5:
        r = f"{ref_last}^{ref_first}"
        s += f"  (0008,0090) PN [{r}]"
        out.append(nm("h8_dicom_referring", r, ref_last, ref_first))
    return s.format(v=v, m=m, d=d), out


def _ecg(g):
    """NEW: ECG cart and monitor printouts: name, ID, acquisition time, confirmed-by line."""
    first, last = person(g)
    m, t = mrn(g), stamp(g)
    v = f"{last}, {first}"
    conf_f, conf_l = person(g)
    s = f"{v}   ID:{m}   {t}   Vent. rate 72 BPM ... Confirmed by {conf_f} {conf_l} MD"
    return s, [nm("h8_ecg_name", v, last, first), idp("h8_ecg_id", m), datep("h8_ecg_time", t),
               nm("h8_ecg_confirmed", f"{conf_f} {conf_l}", conf_f, conf_l)]


def _sleep(g):
    """NEW: sleep-study and pulmonary-function report headers."""
    (f1, l1, v1), (f2, l2, v2) = _full(g), _full(g)
    d = date(g)
    s = g.r.choice(["POLYSOMNOGRAM  Patient: {v1}  Study date: {d}  Scored by: {v2}, RPSGT",
                    "PFT REPORT  Name: {v1}  Test date: {d}  Technician: {v2}  Interpreting: Dr. {l2}"])
    out = [nm("h8_sleep_name", v1, f1, l1), datep("h8_sleep_date", d), nm("h8_sleep_tech", v2, f2, l2)]
    return s.format(v1=v1, v2=v2, d=d, l2=l2), out


def _pedigree(g):
    """NEW: genetic-counseling pedigrees: relatives by name with their diagnoses and ages."""
    (f1, l1, v1), f2, f3 = _full(g), given(g, "female"), given(g, "male")
    kind = g.r.randrange(2)
    if kind == 0:
        s = (f"Pedigree: proband's maternal aunt {f2} (breast cancer at 44), maternal grandfather {f3} "
             f"(colon cancer at 61).")
        return s, [nm("h8_pedigree", f2, f2), nm("h8_pedigree", f3, f3)]
    s = f"Cascade testing offered to her sister {v1} and her brother {f3}; both declined."
    return s, [nm("h8_pedigree", v1, f1, l1), nm("h8_pedigree", f3, f3)]


def _bloodbank(g):
    """NEW: blood-bank crossmatch and bedside two-person transfusion checks."""
    first, last = person(g)
    (c1f, c1l), c2 = person(g), given(g)
    unit = f"W{g.digits(4)} {g.digits(2)} {g.digits(6)}"
    s = (f"Unit {unit} O NEG verified at bedside for {last.upper()}, {first.upper()} by {c1f} {c1l}, RN "
         f"and {c2}, RN.")
    return s, [idp("h8_bloodbank_unit", unit), nm("h8_bloodbank_name", f"{last.upper()}, {first.upper()}",
                                                    last.upper(), first.upper()),
               nm("h8_bloodbank_check", f"{c1f} {c1l}", c1f, c1l), nm("h8_bloodbank_check", c2, c2)]


def _nicu(g):
    """NEW: NICU labels: 'Baby Girl' + mother's surname, expressed-milk labels with the mother's name."""
    mother_f, mother_l = person(g, "female")
    t = stamp(g)
    kind = g.r.randrange(2)
    if kind == 0:
        v = f"Baby {g.r.choice(['Girl', 'Boy'])} {mother_l}"
        s = f"{v} (Twin {g.r.choice('AB')}), mother {mother_f}, transferred to NICU bed 12."
        return s, [nm("h8_nicu_baby", v, mother_l), nm("h8_nicu_mother", mother_f, mother_f)]
    s = f"EBM label: {mother_l}, {mother_f}  pumped {t}  thawed in the milk room"
    return s, [nm("h8_nicu_milk", f"{mother_l}, {mother_f}", mother_l, mother_f), datep("h8_nicu_time", t)]


def _census(g):
    """NEW: unit census and whiteboard lines: room, surname, given initial, nurse's given name."""
    last = person(g)[1]
    nurse = given(g)
    doc = person(g)[1]
    s = g.r.choice([f"Rm {g.r.randint(301, 340)}{g.r.choice('AB')}  {last}  RN: {nurse}  MD: {doc}",
                    f"Whiteboard: Your nurse today is {nurse}. Your doctor is Dr. {doc}."])
    out = [nm("h8_census", nurse, nurse), nm("h8_census", doc, doc)]
    if last in s:
        out.append(nm("h8_census", last, last))
    return s, out


def _decedent(g):
    """NEW: pronouncement notes, funeral-home releases and autopsy requests."""
    (f1, l1, v1), (f2, l2, v2) = _full(g), _full(g)
    t = stamp(g)
    s = g.r.choice(["Pronounced at {t} by {v2}, MD; next of kin {v1} notified by phone.",
                    "Body released to {l1} Funeral Home; receiving director {v2}. Time {t}.",
                    "Autopsy consent signed by {v1} (spouse) on {t}; prosector Dr. {l2}."])
    out = [datep("h8_decedent_time", t)]
    if "{v1}" in s:
        out.append(nm("h8_decedent_kin", v1, f1, l1))
    if "{l1}" in s:
        out.append(nm("h8_decedent_funeral", l1, l1))
    if "{v2}" in s:
        out.append(nm("h8_decedent_staff", v2, f2, l2))
    elif "{l2}" in s:
        out.append(nm("h8_decedent_staff", l2, l2))
    return s.format(t=t, v1=v1, v2=v2, l1=l1, l2=l2), out


def _pdmp(g):
    """NEW: prescription-monitoring (PDMP) printouts: prescriber and pharmacy per fill."""
    (f1, l1, _), d = _full(g), date(g)
    qty = g.r.choice([30, 60, 90, 120])
    s = f"PDMP  {d}  oxycodone 5 mg  qty {qty}  prescriber {l1.upper()}, {f1.upper()}  refills 0"
    return s, [datep("h8_pdmp_date", d), nm("h8_pdmp_prescriber", f"{l1.upper()}, {f1.upper()}", l1.upper(),
                                              f1.upper())]


def _esign(g):
    """NEW: e-signature envelopes and leave (FMLA) certifications."""
    (f1, l1, v1), (f2, l2, v2) = _full(g), _full(g)
    env = f"{g.digits(8)}-{letters(g, 4)}"
    kind = g.r.randrange(2)
    if kind == 0:
        s = f"Envelope ID {env} completed; signer {v1}, CC {v2}."
        return s, [idp("h8_esign_envelope", env), nm("h8_esign", v1, f1, l1), nm("h8_esign", v2, f2, l2)]
    s = f"FMLA certification for employee {v1}; certifying provider {v2}, section III completed."
    return s, [nm("h8_fmla", v1, f1, l1), nm("h8_fmla", v2, f2, l2)]


def _chat(g):
    """NEW: team-chat exports pasted into the chart: '[time] Name: message'."""
    (f1, l1, v1), f2 = _full(g), given(g)
    t1, t2 = f"{g.r.randint(7, 11)}:{g.r.randint(10, 59)} AM", f"{g.r.randint(1, 5)}:{g.r.randint(10, 59)} PM"
    s = f"[{t1}] {v1}: bed 9 K+ 6.1, repeat sent  [{t2}] {f2}: repeat 4.8, hemolyzed first"
    return s, [nm("h8_chat", v1, f1, l1), nm("h8_chat", f2, f2)]


def _registry(g):
    """NEW: implant cards and cancer-registry abstracts."""
    (f1, l1, v1), (f2, l2, v2) = _full(g), _full(g)
    d = date(g)
    s = g.r.choice(["Implant card: patient {v1}, implanted {d}, implanting physician {v2}.",
                    "Registry abstract: {l1}, {f1}; date of first contact {d}; abstractor {v2}, CTR."])
    v = v1 if "{v1}" in s else f"{l1}, {f1}"
    return s.format(v1=v1, v2=v2, d=d, l1=l1, f1=f1), [
        nm("h8_registry_patient", v, f1, l1), datep("h8_registry_date", d), nm("h8_registry_staff", v2, f2, l2)]


def _rxlabel(g):
    """NEW: pharmacy bottle labels read into the medication history."""
    (f1, l1, v1), l2 = _full(g), person(g)[1]
    rx, d = g.digits(7), date(g)
    s = f"Bottle label: {v1.upper()}  Rx# {rx}  Dr. {l2.upper()}  filled {d}  take 1 tab daily"
    return s, [nm("h8_rxlabel_patient", v1.upper(), f1.upper(), l1.upper()), idp("h8_rxlabel_rx", rx),
               nm("h8_rxlabel_dr", l2.upper(), l2.upper()), datep("h8_rxlabel_date", d)]


ORDINARY_NAME = [_hp, _hp, _progress, _progress, _discharge, _consult, _opnote, _letter, _nursing, _message,
                 _result, _form, _given_alone, _given_alone, _surname_alone, _surname_alone, _name_list]
NEW_NAME = [_dicom, _ecg, _sleep, _pedigree, _bloodbank, _nicu, _census, _decedent, _pdmp, _esign, _chat, _registry,
            _rxlabel]
__all__ = ["DAYS", "NEW_NAME", "ORDINARY_NAME"]
