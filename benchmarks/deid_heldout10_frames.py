"""Sentence frames for held-out v10's clinical strings: held out, never tune on them.

Pass as `build_corpus(..., frames=CLINICAL_FRAMES)`. Written before round 10's tuning, by an author who never
ran a detector on them, so the clinical-strings-kept estimate is not lifted by a cue learnt from earlier
wording: no content word of the harness's five frames, no three-word run or two-word neighbourhood of the
string shared with any development or earlier held-out file, v8's and v9's frames included
(tests/test_deid_heldout10_frames.py checks). Each reads sensibly whatever kind of string fills it (a brand
drug with its dose, a device, an eponym, a score, an organism, a gene or variant), in the shapes real notes
give such strings: med-list, MAR and order lines, assessment bullets, op-note and implant lines, allergy and
problem-list lines, lab, micro, pathology and genetics comments, scores weighed in assessments, table cells
(markdown, pipes, tabs), all-caps headers, sentence-initial, mid-sentence, bracketed and slash-separated
uses, patient instructions, pharmacy and prior-authorisation lines, and terse lower-case charting.
Line-shaped frames take a line of their own. They hold no identifier: no names, digits, dates or places.
"""

from __future__ import annotations

CLINICAL_FRAMES = (
    # medication list, MAR and reconciliation
    "\nMEDS BROUGHT FROM HOME (bag check at admission) -- nurse wants clarity on {c}\n",
    "MAR scan paused bedside so the charge RN could clarify {c}.",
    "\nMAR\tnot given\tnurse comment -- {c}\n",
    "Pill bottles the family carried in; the reconciling pharmacist queried {c}.",
    "\nAdministration record: second nurse co-signed, witness comment mentions {c}\n",
    # order entry
    "\nORDER DETAILS: dispense per protocol, attachment on {c}\n",
    "Telephone order taken by ward clerk, countersigned; subject: {c}.",
    "\nQuestions for the prescriber -- {c}?\n",
    "CPOE alert overridden once the prescriber acknowledged {c}.",
    # assessment bullets and next steps
    "\n  o {c}: stay put for now, monitor\n",
    "\n-- {c}: talked over with the covering fellow; no change\n",
    "\nDisposition: outpatient follow-up, paying attention to {c}\n",
    "\nTo do:\n  [ ] confirm {c}\n",
    "\n~ {c} -- hold off on changes until results return\n",
    # operating room, procedures, implants
    "\nIMPLANT RECORD: sticker placed on the sheet; surgeon comment about {c}\n",
    "Prior to draping, the operating staff paused to review {c}.",
    "\nPROCEDURE NOTE: sedation uncomplicated; proceduralist comments on {c}.\n",
    "Anesthesia record: the pre-induction huddle covered {c}.",
    "The specimen went to pathology, and the operating surgeon dictated a remark on {c}.",
    # allergies and problem lists
    "\nALLERGIES (verified with patient and pharmacy): comment field lists {c}\n",
    "Allergy history taken twice at triage; the second pass brought up {c}.",
    "\nIntolerances / sensitivities -- patient raises {c}\n",
    "\nACTIVE ISSUES\n  - {c}\n",
    "Problem list reconciled today, {c} kept on it.",
    # laboratory, microbiology, pathology, genetics
    "\nLAB COMMENT (called to floor): interpret in light of {c}\n",
    "Micro: final report appended with a caveat regarding {c}.",
    "\nPATHOLOGY -- synoptic comment: {c}\n",
    "Molecular genetics report gone through with relatives present; it discusses {c}.",
    "\nBlood bank comment: crossmatch delayed, reason relates to {c}\n",
    "Cytology read out by phone; pathologist asks for clinical correlation with {c}.",
    # scores and assessments
    "On balance, {c} tips the decision toward watchful waiting.",
    "Impression: {c} weighed alongside the bedside exam and history.",
    "My overall read: {c} shifts the balance somewhat.",
    "Triage acuity was raised by one level in view of {c}.",
    # table cells
    "\n| Concern | Owner | Status |\n|:--|:--|:--|\n| {c} | primary | active |\n",
    "\n| looked at today | {c} |\n",
    "\nchecked\tyes\t{c}\n",
    "\n{c} | discussed | unchanged\n",
    "\n{c}\t\t\tstill ongoing\n",
    # all-caps headers
    "\nFAMILY QUESTIONS THIS SHIFT: {c}\n",
    "\nDISCHARGE CONSIDERATIONS -- {c}\n",
    "\nNOTE TO COVERING PROVIDER: {c}\n",
    "\nSTANDING PRECAUTIONS: {c}\n",
    # sentence-initial
    "{c} got raised again when relatives phoned this evening.",
    "{c} deserves another look once labs are back.",
    "{c} -- patient would like another specialist's view.",
    # mid-sentence
    "Overnight the intern paged about {c}, and no action was needed.",
    "I walked the patient through {c}; no further questions.",
    "A consulting fellow wrote a line about {c} into the progress note.",
    "The son wonders how {c} bears on the fatigue.",
    # bracketed and slash-separated
    "Things covered (diet, {c}, sleep hygiene) appear in the printed visit summary.",
    "Looked over: vitals/{c}/intake and output.",
    "Outstanding: {c} / imaging read / social work.",
    "Overnight watch list: fluids; {c}; code status.",
    "Reason for the held dose (see {c}) relayed to the oncoming shift.",
    # patient instructions
    "\nYOUR CARE AT HOME: ask the nurse to walk you through {c} once more if unsure.\n",
    "\nAt home, keep a written list that includes {c} and show it at every visit.\n",
    "Printed instructions given; the patient explained back what {c} means day to day.",
    # pharmacy and prior authorisation
    "\nPHARMACY NOTE: step-therapy criteria checked against {c}.\n",
    "Prior-authorization portal submission attached chart notes on {c}.",
    "Insurer denied the first request; the physician-to-physician call centred on {c}.",
    "Retail pharmacist phoned to clarify {c}; resolved with the prescriber.",
    # terse lower-case charting
    "spoke w/ pharm re: {c}, ok to proceed",
    "fam @ bedside, brought up to speed on {c}",
    "nothing new re {c} per overnight rn",
    "revisit {c} tmrw am",
    "chart review: {c} mentioned by outside provider, no records",
)
