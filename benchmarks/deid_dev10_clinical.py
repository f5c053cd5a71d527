"""Development split `dev10-clinical`: brands, device products, eponyms, organisms and markers a name test may
take for a person.

Development data (round 10): tune on it, on development notes only. The strings are kinds that dev-v8 showed
removed: brands and biologics on no list, device products with a device head (an acronym such as IOL, a
compound such as "Microstent", a robot), eponyms before a head ("... test", "... score"), Genus species and
acronym-modifier markers ("TMB-high"). None is in any earlier split's file and the frames are this file's own
wording (tests/test_deid_clinical10.py checks both), so they measure the mechanism, not a template.

The name families put un-cued names where the new vetoes read: before a clinical acronym ("... MRI today"),
before a lower-case head noun ("... robot", "... cream"), as a surname with an initial in a census line, and
after the medication cues ("started on", "s/p", "per"). A veto that lets a name through shows up here as a
fall in NAME recall. Names come from the development locales of `deid_dev`.
"""

from __future__ import annotations

from deid_dev import DEV_LOCALES  # noqa: F401  (the split's locales)
from deid_harness import Gen, Planted, name


def _pair(g: Gen) -> tuple[str, list[str]]:
    first, last = g.first(), g.surname()
    if g.r.random() < 0.3:
        return last, [last]
    return f"{first} {last}", [first, last]


def _n_acronym(g: Gen) -> tuple[str, list[Planted]]:
    v, words = _pair(g)
    s = g.r.choice(["Reviewed {v} MRI images with radiology.", "Spoke to {v} ICU team about the transfer.",
                    "Consent: {v} IOL discussion held in clinic.", "Ordered {v} CT before the visit.",
                    "Called {v} PCP office for records."])
    return s.format(v=v), [name("n_acronym", v, words)]


def _n_head(g: Gen) -> tuple[str, list[Planted]]:
    v, words = _pair(g)
    s = g.r.choice(["Showed {v} robot arm video before surgery.", "Handed {v} cream samples at checkout.",
                    "Taught {v} stent card use and travel rules.", "Gave {v} lens case and drops.",
                    "Reminded {v} pump alarms are normal at night."])
    return s.format(v=v), [name("n_head", v, words)]


def _n_initial(g: Gen) -> tuple[str, list[Planted]]:
    last = g.surname()
    initial = g.r.choice("ABCDEGHJKLMNPRSTVWXZ")
    v = f"{last} {initial}"
    s = g.r.choice(["Rounds list: {v} seen, stable.", "Board: {v} to recovery at noon.", "Pre-op: {v} NPO confirmed."])
    return s.format(v=v), [name("n_initial", v, [last])]


def _n_cue(g: Gen) -> tuple[str, list[Planted]]:
    v, words = _pair(g)
    s = g.r.choice(["Plan per {v} is unchanged.", "Seen s/p fall; {v} denies headache.",
                    "Discharge meds reviewed, then {v} started walking laps.", "Per {v}, the rash began Sunday."])
    return s.format(v=v), [name("n_cue", v, words)]


FAMILIES = {"NAME": [_n_acronym, _n_head, _n_cue], "NAME_INITIAL": [_n_initial]}

CLINICAL_STRINGS = (
    # brands, biologics, gene therapies and vaccines
    "Reyvow 100 mg", "Nourianz 20 mg", "Ztalmy", "Zonisade", "Igalmi", "Opvee", "Rykindo", "Uzedy", "Exxua",
    "Brenzavvy", "Lodoco", "Nexlizet", "Evkeeza", "Lumryz", "Livmarli", "Ocaliva 5 mg", "Zokinvy", "Koselugo",
    "Empaveli", "Rystiggo", "Zilbrysq", "Uplizna", "Enspryng", "Ponvory", "Siliq", "Ilumya", "Airsupra", "Opsumit",
    "Yutrepia", "Onpattro", "Oxlumo", "Givlaari", "Filsuvez", "Adstiladrin", "Aucatzyl", "Tecelra", "Amtagvi",
    "Ryoncil", "Lantidra", "Omisirge",
    # device and implant products, most with a head (IOL, robot, catheter, implant)
    "Amplatzer Piccolo occluder", "Cardioband system", "Carillon device", "Tendyne valve", "Intrepid valve",
    "Alfapump", "Ellipsys system", "Surfacer system", "HeartLight balloon", "Arctic Front cryoballoon",
    "Farapulse catheter", "PulseSelect catheter", "Varipulse catheter", "AtriClip device", "Nellix endograft",
    "Thoraflex Hybrid", "Valiant Navion", "Orsiro Mission", "Xience Skypoint", "Resolute Onyx", "Wolverine balloon",
    "Stellarex balloon", "Ranger DCB", "Pantheris catheter", "Auryon laser", "Indigo aspiration",
    "ClotTriever system", "Trellis device", "Palindrome catheter", "Aspira drain", "Cortrak system",
    "Prevena dressing", "Monogram robot", "CORI system", "Cirq robot", "Senhance robot", "Hugo robot",
    "Versius robot", "CyberKnife", "TomoTherapy",
    # eponyms before a head (test, sign, maneuver, score, criteria, grade)
    "Gillet test", "Stork test", "Yeoman test", "Hibb test", "Kemp test", "Milgram test", "Naffziger test",
    "Bechterew test", "Bragard sign", "Tromner sign", "Fukuda test", "Unterberger test", "Halmagyi test",
    "Semont maneuver", "Gufoni maneuver", "Lempert roll", "Hirschberg test", "Bruckner test", "Krimsky test",
    "Elvey test", "Jeanne sign", "Egawa sign", "Eichhoff test", "Kleinman test", "Linscheid test", "Gerber test",
    "Hornblower sign", "Slocum test", "Losee test", "Noyes test", "Ege test", "Steinmann test",
    # organisms
    "Kocuria kristinae", "Leclercia adecarboxylata", "Raoultella planticola", "Pantoea agglomerans",
    "Chryseobacterium indologenes", "Sphingomonas paucimobilis", "Ochrobactrum anthropi", "Delftia acidovorans",
    "Ralstonia pickettii", "Roseomonas mucosa", "Weeksella virosa", "Bergeyella zoohelcum",
    "Aggregatibacter aphrophilus", "Cardiobacterium hominis", "Chlamydia psittaci", "Legionella micdadei",
    "Plesiomonas shigelloides", "Edwardsiella tarda", "Campylobacter fetus", "Helicobacter cinaedi",
    "Clostridium septicum", "Eggerthella lenta", "Finegoldia magna", "Atopobium vaginae", "Mobiluncus curtisii",
    "Leuconostoc mesenteroides",
    # markers: an acronym joined to a lower-case modifier
    "PIK3CA-mutated", "ESR1-mutant", "TP53-mutated", "NPM1-mutated", "FLT3-mutated", "EZH2-mutant", "CD30-positive",
    "CD33-positive", "GPRC5D-targeted", "TROP2-directed", "DLL3-targeted", "MTAP-deleted", "SMARCA4-deficient",
    "ARID1A-mutant", "CDK12-altered", "PALB2-mutated",
)

CLINICAL_FRAMES = (
    # medication lists, MAR and orders
    "\nHome med list: vitamin D; {c}; fish oil\n",
    "\nMAR entry -- {c} -- given by night RN\n",
    "\nMAR (held): {c}, awaiting pharmacist sign-off\n",
    "Order placed for {c}, routed to specialty pharmacy.",
    "Order set updated so that {c} appears under supportive care.",
    "Started on {c} after shared decision making.",
    "Switched from the older agent to {c} this month.",
    "Pharmacist counseled on {c} storage at home.",
    "Copay card enrolled for {c}.",
    "Samples of {c} dispensed with a calendar.",
    # implant and device logs
    "\nImplant log: {c} (lot on sticker sheet)\n",
    "\nDevice registry | {c} | entered |\n",
    "Rep brought the {c} tray for the case.",
    "Patient wallet card lists {c}.",
    "Biomed confirmed {c} was checked before use.",
    "Remote monitoring via {c} uploads weekly.",
    # procedure lines
    "\nPROCEDURE PERFORMED: {c}\n",
    "\nOperation: {c}; findings as dictated.\n",
    "Status post {c} without event.",
    "s/p {c}, recovering upstairs.",
    "Case done with {c} and a block.",
    "Approach chosen: {c}, per surgeon preference.",
    # exam, scores and signs
    "On exam, {c} is positive on the right.",
    "Sports medicine noted {c} at the sideline.",
    "Screening captured {c} before anesthesia.",
    "Intern asked about {c} on morning rounds.",
    "Documented {c} in the admission template.",
    "Scored {c} at the huddle.",
    # microbiology, pathology and molecular results
    "\nMICRO: blood bottle positive, {c} identified\n",
    "ID fellow suspects {c} given the exposure history.",
    "Wound swab speciated as {c}.",
    "Sequencing confirmed {c} on the second sample.",
    "NGS report: {c}; counseling arranged.",
    "Tumor profile flagged {c} for trial screening.",
    "Pathologist favors {c} on review.",
    # tables, grids and headers
    "\n| Agent | {c} | active |\n",
    "\n|| Device || {c} ||\n",
    "\nRx\t{c}\tfilled\n",
    "\nASSESSMENT: {c}\n",
    "\nPLAN ITEM -- {c} -- RECHECK\n",
    "\nDIAGNOSTICS SUMMARY: {c}\n",
    # "per", reasons and conversation
    "Per cardiology, {c} remains the preferred option.",
    "Per the outside chart, {c} was tried last year.",
    "Mother wants to know if {c} is covered.",
    "Patient asked whether {c} causes weight gain.",
    "Reviewed side effects of {c} with the partner.",
    "Video about {c} shared through the portal.",
    "Reason for visit: questions about {c}.",
    # sentence openings, brackets and shorthand
    "{c} has been well tolerated so far.",
    "{c} remains an option if symptoms return.",
    "{c}: reviewed and filed.",
    "{c}? recheck next visit.",
    "Note (see {c}) appended by the fellow.",
    "Teaching points [{c}] emailed to the team.",
    "f/u re {c} w/ specialist next wk",
    "cont {c}, rtc prn",
    "ddx incl {c} vs viral",
    "Attending agrees re {c}.",
    "Overnight events: none; {c} unchanged.",
    "Family meeting covered {c} and next steps.",
)
