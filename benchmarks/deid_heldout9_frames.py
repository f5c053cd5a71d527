"""Sentence frames for held-out v9's clinical strings: held out, never tune on them.

Pass as `build_corpus(..., frames=CLINICAL_FRAMES)`. Written before tuning on v9, by an author who never ran
a detector on them, so the clinical-strings-kept estimate is not lifted by a cue learnt from earlier wording:
no content word of the harness's five frames, no three-word run or two-word neighbourhood of the string
shared with any development or earlier held-out file, v8's frames included (tests/test_deid_heldout9_frames.py
checks). Each reads sensibly whatever kind of string fills it (a brand drug with its dose, a device, an
eponym, a score, an organism, a gene or variant), in the shapes real notes give such strings: med-list, MAR
and order lines, assessment bullets, op-note and implant lines, allergy and problem-list lines, lab, micro,
pathology and genetics comments, scores weighed in assessments, table cells (markdown, pipes, tabs), all-caps
headers, sentence-initial, mid-sentence, bracketed and slash-separated uses, patient instructions, pharmacy
and prior-authorisation lines, and terse lower-case charting. Line-shaped frames take a line of their own.
They hold no identifier: no names, digits, dates or places.
"""

from __future__ import annotations

CLINICAL_FRAMES = (
    # medication list, MAR and reconciliation
    "\nCURRENT MEDS (patient-reported, reconciled by nursing) -- annotation concerns {c}\n",
    "MAR annotation: dose given once the charge nurse had reviewed {c}.",
    "\nMAR\tgiven\tremark: {c}\n",
    "Home regimen gone through line by line; pharmacist flagged {c} for the attending.",
    "\neMAR override reason: {c}\n",
    # order entry
    "\nORDER SET: admission bundle modified because of {c}\n",
    "\nNursing communication order -- keep in mind {c}.\n",
    "Verbal order read back; it concerned {c}.",
    "\nConsult requested: specialty input on {c}, non-urgent.\n",
    # assessment bullets and next steps
    "\n* {c}: keep as is, recheck next visit\n",
    "\n- re {c}, will touch base with specialist\n",
    "\nRecommendations:\n  - stay the course regarding {c}\n",
    "\nNext steps -- {c}: outside records requested.\n",
    "\n   > {c} -- stable, nothing new\n",
    # operating room, procedures, implants
    "\nOPERATIVE COURSE: uneventful; anesthesia alerted to {c}.\n",
    "Time-out performed, with {c} called out by the circulating nurse.",
    "\nIMPLANTS/DEVICES: see log; surgeon's remark refers to {c}.\n",
    "Brief op note: attention paid to {c} throughout the case.",
    "Prior to incision the scrub nurse confirmed awareness of {c}.",
    # allergies and problem lists
    "\nALLERGY/INTOLERANCE LIST: gone over -- remark mentions {c}\n",
    "Allergy band applied; a separate chart alert concerns {c}.",
    "\nAdverse reaction history: patient unsure whether {c} is relevant.\n",
    "\nPROBLEM LIST (chronic): entry linked to {c}\n",
    "Problem-oriented summary: {c} remains an open item.",
    # laboratory, microbiology, pathology, genetics
    "\nLAB REMARK: specimen interpretation should account for {c}.\n",
    "Microbiology phoned with a remark about {c}; infectious disease aware.",
    "\nSurgical pathology addendum: the pathologist mentions {c}.\n",
    "Genetic counseling summary: family informed regarding {c}.",
    "\nRESULT NOTE: reference lab interpretation mentions {c}\n",
    # scores and assessments
    "Assessment: after weighing {c}, we favor a conservative approach.",
    "Risk stratification incorporated {c} together with the exam.",
    "Clinical decision support prompted a second look at {c}.",
    # table cells
    "\n| Topic | Remark |\n| --- | --- |\n| {c} | gone over |\n",
    "\n| addressed | {c} | yes |\n",
    "\ntopic\t{c}\tcovered today\n",
    "\n{c}\t\tsee narrative\n",
    "\n|| item: {c} || state: open ||\n",
    # all-caps headers
    "\nRELEVANT CONSIDERATIONS: {c}\n",
    "\n*** SAFETY ALERT: {c} ***\n",
    "\nSPECIAL INSTRUCTIONS REGARDING {c}\n",
    "\nREASON FOR REFERRAL -- {c}\n",
    # sentence-initial
    "{c} resurfaced as a concern during today's encounter.",
    "{c} is why the specialist was consulted.",
    "{c}: relatives requested printed material.",
    # mid-sentence
    "The resident explained {c} during morning rounds.",
    "We talked about {c} at length; every question got an answer.",
    "His daughter wondered if {c} matters for travel.",
    "Nursing reports that {c} surfaced during handoff.",
    # bracketed and slash-separated
    "Outside records (including {c}) were looked at this afternoon.",
    "Concerns raised: mobility / {c} / sleep.",
    "Pending items: imaging/{c}/labs.",
    "[{c}] -- see prior note for details.",
    "Main topics this visit - diet, {c}, exercise.",
    # patient instructions
    "\nWHAT TO DO AT HOME: Write down questions about {c} and bring them next time.\n",
    "\nCall us if anything about {c} worries you.\n",
    "Patient education handout provided covering {c}.",
    # pharmacy and prior authorisation
    "\nPA REQUEST: payer asks for documentation that addresses {c}.\n",
    "Pharmacy: benefits investigation references {c}; awaiting response.",
    "Appeal letter drafted; it describes {c} and the clinical rationale.",
    "Specialty pharmacy intake call covered {c} in detail.",
    # terse lower-case charting
    "pt asked abt {c}, explained",
    "went over {c} w/ pt and family, qs answered",
    "f/u on {c} next visit per np",
    "nsg made aware re {c}, will monitor",
    "\nhandoff: watch for issues re {c}\n",
)
