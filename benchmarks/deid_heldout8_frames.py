"""Sentence frames for held-out v8's clinical strings: held out, never tune on them.

Pass as `build_corpus(..., frames=CLINICAL_FRAMES)`. Written before round 9's tuning, by an author who never
ran a detector on them. Their wording is v8's own: no content word of the harness's five frames, no
three-word run or two-word neighbourhood of the string shared with any development or earlier held-out
file (tests/test_deid_heldout8_frames.py checks), so a cue learnt from earlier frames cannot lift the
estimate. Each reads sensibly whatever kind of string fills it (a brand drug with its dose, a device, an
eponym, a score, an organism, a gene or variant), in the shapes real notes give such strings: med-list,
MAR and order lines, assessment bullets, op-note and implant lines, allergy and problem-list lines, lab,
micro, pathology and genetics comments, table cells (markdown, double pipes, tabs), all-caps headers,
sentence-initial, mid-sentence, bracketed and slash-separated uses, patient instructions, pharmacy and
prior-authorisation lines, and terse lower-case charting. Line-shaped frames take a line of their own.
They hold no identifier: no names, digits, dates or places.
"""

from __future__ import annotations

CLINICAL_FRAMES = (
    # medication list, MAR and reconciliation
    "\nHOME MEDICATIONS (pharmacy fill history): see comment on {c}.\n",
    "Medication reconciliation: the pharmacist's comment references {c}.",
    "MAR note -- morning dose held pending review of {c}.",
    "\nMAR | held | reason: {c} |\n",
    "\nMed rec\tcomment\t{c}\n",
    # order entry
    "\nORDER: pharmacy consult re {c}; priority routine.\n",
    "Order entered: e-consult to the relevant service regarding {c}.",
    "\nOrder comment: {c} -- verify with ordering provider.\n",
    # assessment and follow-up bullets
    "\n- Discuss {c} again at follow-up.\n",
    "\nA/P: {c} -- no change today; revisit in clinic.\n",
    "\n  b) {c}: defer to primary care.\n",
    "\n# {c}\n- return precautions given\n",
    # operating room, procedures, implants
    "Intraoperative note: {c} was considered when choosing the approach.",
    "\nPROCEDURE DETAILS: risks reviewed at consent, {c} among them.\n",
    "Implant registry entry checked; surgeon informed of {c}.",
    "Post-procedure, {c} is to be addressed by ward staff.",
    # allergies and problem lists
    "\nALLERGIES: reconciled at intake; chart also flags {c}.\n",
    "Allergy reconciliation completed, and {c} was discussed separately.",
    "\nProblem list updated to reference {c}.\n",
    "Active problem entry cross-references {c}.",
    # laboratory, microbiology, pathology, genetics
    "\nPath report comment: correlate with {c}.\n",
    "Micro lab called; result interpretation depends on {c}.",
    "\nGENETICS: counselor to go over {c} when the patient returns.\n",
    "Result flagged abnormal; the lab comment cites {c}.",
    "Pending at discharge: send-out result related to {c}.",
    # scores and assessments
    "Impression: the risk estimate took {c} into account.",
    "Overall assessment weighs {c} against bleeding risk.",
    "Given {c}, the follow-up interval was shortened.",
    # table cells
    "\n| Item | Status |\n|---|---|\n| {c} | open |\n",
    "\n| Active | {c} | per chart |\n",
    "\n{c}\tcharted\tconfirmed\n",
    "\nflag\t{c}\tack\n",
    "\n|| {c} || carried over ||\n",
    # all-caps headers
    "\nPERTINENT HISTORY: {c}.\n",
    "\nCHIEF CONCERN RELATED TO {c}\n",
    "\nHIGH-RISK ITEMS / ALERTS: {c}\n",
    "\nIMPORTANT -- {c} -- CONFIRM AT EACH ENCOUNTER\n",
    # sentence-initial
    "{c} remains on the list of things to monitor closely.",
    "{c} prompted a call to the covering physician.",
    "{c}, brought up by the patient herself, went into the chart.",
    # mid-sentence
    "Her cardiologist raised {c} during the phone call.",
    "We spent most of the visit on {c} and its implications.",
    "The nurse practitioner confirmed {c} directly with her during rooming.",
    "Neither the patient nor his wife had heard of {c} until today.",
    # bracketed and slash-separated
    "Relevant background ({c}) is summarised in the prior consult.",
    "Current issues: renal function / {c} / fall risk.",
    "Items carried forward: {c}/ambulation status.",
    "(Per outside records: {c}.)",
    "Interim summary [{c}] forwarded to the primary office.",
    # patient instructions
    "\nPATIENT INSTRUCTIONS: Bring any paperwork about {c} to your next appointment.\n",
    "\nPhone our office with any worries about {c}.\n",
    "Instructions given: ask your pharmacist or doctor about {c} ahead of starting any new medicine.",
    # pharmacy and prior authorisation
    "\nPRIOR AUTHORIZATION: insurer requests notes supporting {c}.\n",
    "Pharmacy callback: insurer questions {c}; letter of medical necessity to follow.",
    "Prior auth submitted; supporting paperwork cites {c}.",
    "Formulary note: {c} -- coverage status confirmed with the insurer.",
    # terse lower-case charting
    "pt informed re {c}, will f/u w/ pcp",
    "hx reviewed incl {c} - nothing new",
    "pharmacy notified about {c}; no action needed",
    "discussed {c} w/ attending, agrees",
    "\nsign-out: pending items incl. {c}\n",
)
