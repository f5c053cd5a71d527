"""Development split `dev9-clinical`: capitalised clinical strings that a name detector may take for names.

Development data (round 9): tune on it, on development notes only. The strings are kinds that held-out v7
showed removed: brand drugs on no public list, device product names (ALL CAPS with model codes), signs,
procedures and diseases named after people, trial and guideline names, scores, organisms (Genus species)
and genes with their variants. None is in any earlier split's file and the frames are this file's own
wording (tests/test_deid_clinical9.py checks both), so they measure the phenomenon, not a template.

The name families put un-cued names where the clinical contexts the vetoes read also occur: before a dose
("Gave Marta 650 mg"), before a lower-case verb (a Genus-species look), before a head noun ("... family
meeting"), in ALL CAPS beside a bed or room code, before a possessive disease. A veto that lets a name
through shows up here as a fall in NAME recall. Names come from the development locales of `deid_dev`.
"""

from __future__ import annotations

from deid_dev import DEV_LOCALES  # noqa: F401  (the split's locales)
from deid_harness import Gen, Planted, name


def _pair(g: Gen) -> tuple[str, list[str]]:
    first, last = g.first(), g.surname()
    if g.r.random() < 0.3:
        return last, [last]
    return f"{first} {last}", [first, last]


def _n_dose(g: Gen) -> tuple[str, list[Planted]]:
    first = g.first()
    s = g.r.choice(["Gave {v} 650 mg of acetaminophen at the bedside.", "Offered {v} 2 tablets of senna at night.",
                    "Handed {v} 10 mL of lactulose, which was taken.", "Nurse gave {v} 1 g of ceftriaxone IV."])
    return s.format(v=first), [name("n_dose", first, [first])]


def _n_verb(g: Gen) -> tuple[str, list[Planted]]:
    v, words = _pair(g)
    s = g.r.choice(["{v} ambulated the hallway twice.", "{v} tolerated the procedure well.",
                    "{v} denies chest pain today.", "{v} recalls no allergies.", "{v} remains afebrile.",
                    "Later, {v} vomited once after lunch."])
    return s.format(v=v), [name("n_verb", v, words)]


def _n_head(g: Gen) -> tuple[str, list[Planted]]:
    v, words = _pair(g)
    s = g.r.choice(["The {v} family meeting is set for Friday.", "{v} test results were mailed home.",
                    "Consent for the procedure was signed by {v} and witnessed.",
                    "Score sheets were completed with {v} at intake.", "Spoke with {v} about the stress test today.",
                    "Device teaching was done with {v} and her son."])
    return s.format(v=v), [name("n_head", v, words)]


def _n_caps_code(g: Gen) -> tuple[str, list[Planted]]:
    first, last = g.first(), g.surname()
    v = f"{last.upper()} {first.upper()}"
    s = g.r.choice(["Census: {v} RM 4B, stable.", "Whiteboard: {v} BED 12A.", "TRANSFER: {v} TO 5W.",
                    "Label reads {v} X2 units crossmatched."])
    return s.format(v=v), [name("n_caps_code", v, [last.upper(), first.upper()])]


def _n_possessive(g: Gen) -> tuple[str, list[Planted]]:
    v, words = _pair(g)
    s = g.r.choice(["{v}'s disease has been quiet since spring.", "{v}'s sign-out was given to nights.",
                    "{v}'s score on the memory screen was lower."])
    return s.format(v=v), [name("n_possessive", v, words)]


FAMILIES = {
    "NAME": [_n_dose, _n_verb, _n_head], "NAME_CAPS": [_n_caps_code], "NAME_POSS": [_n_possessive],
}

CLINICAL_STRINGS = (
    # brand drugs, biologics and vaccines
    "Cibinqo 100 mg", "Litfulo 50 mg", "Kerendia 10 mg", "Verquvo 2.5 mg", "Ajovy 225 mg", "Lybalvi 10 mg",
    "Oxbryta 1500 mg", "Trodelvy", "Opdualag", "Kimmtrak", "Nubeqa 600 mg", "Erleada 240 mg", "Vaxneuvance",
    "Wainua", "Rivfloza", "Filspari 400 mg", "Jesduvroq 4 mg", "Vafseo 300 mg", "Ojjaara 200 mg", "Opsynvi",
    "Winrevair 0.3 mg", "Aphexda", "Ryzneuta", "Elfabrio", "Lamzede", "Pombiliti", "Tzield", "Rezdiffra 80 mg",
    "Voquezna 20 mg", "Ohtuvayre 3 mg", "Kebilidi", "Tryvio 12.5 mg", "Iqirvo 80 mg", "Livdelzi 10 mg", "Zunveyl",
    "Leqselvi 8 mg", "Nemluvio", "Anktiva", "Imdelltra", "Vyloy", "Ojemda 400 mg", "Augtyro 160 mg",
    "Fruzaqla 5 mg", "Ogsiveo 150 mg", "Lytgobi 20 mg", "Vanflyta 53 mg",
    # device and implant product names
    "MitraClip G4", "Evolut PRO+", "SAPIEN 3 Ultra", "Amulet occluder", "Aveir leadless pacemaker",
    "Reveal LINQ monitor", "Omnipod 5 pump", "Eversense E3 sensor", "Osia implant", "NovoTTF-200A",
    "UroLift implants", "AXIOS stent", "WallFlex stent", "LINX reflux system", "PASCAL Precision",
    "FLOWTRIEVER system", "ENDURANT II endograft", "ELUVIA stent", "MICRA AV2", "SYMPLICITY SPYRAL catheter",
    "ATTAIN STABILITY lead", "CROSSER catheter", "ZENITH ALPHA graft", "Navitor valve", "ACURATE neo2",
    "EVOQUE system", "TriClip G4", "Portico valve", "Harmony TPV", "CONFORMAL CLAAS", "Zephyr valves",
    "Nevro HFX", "Intracept system", "Vertiflex implant", "iFuse implant", "NeuroStar TMS", "gammaCore device",
    "OPTIMIZER Smart Mini", "EMBLEM S-ICD", "AURORA EV-ICD", "KardiaMobile 6L",
    # signs, procedures, lesions and diseases named after people
    "Dix-Hallpike maneuver", "Quincke pulse", "Warthin tumor", "Hoover sign", "Waddell signs", "Gaenslen test",
    "Stinchfield test", "Froment sign", "Wartenberg sign", "Auspitz sign", "Darier sign", "Leser-Trelat sign",
    "Stauffer syndrome", "Ogilvie syndrome", "Wilkie syndrome", "Bouveret syndrome", "Mirizzi syndrome",
    "Lemierre syndrome", "Tolosa-Hunt syndrome", "Parsonage-Turner syndrome", "Frey procedure",
    "Puestow procedure", "Stamm gastrostomy", "Shouldice repair", "Sellick maneuver",
    # scores, classifications, trials and guidelines
    "Glasgow-Blatchford score 6", "HEART score 5", "Duke criteria", "Light criteria", "Bishop score 6",
    "Schatzker IV", "Pfirrmann grade 4", "Hinchey II", "Siewert type II", "Milan criteria", "Baveno VII criteria",
    "Fukuoka guidelines", "Tokyo Guidelines grade II", "KDIGO stage 3", "GOLD group E", "Sepsis-3 criteria",
    "Beers criteria", "DAPA-HF regimen", "PARADIGM-HF dosing", "EMPEROR-Preserved data", "Wexner score 12",
    "Constant-Murley score 60", "Lysholm score 65", "Nurick grade 3", "House-Brackmann grade III",
    "Lund-Mackay score 8", "Amsel criteria", "Nugent score 8", "PECARN rule", "Rutherford class 4",
    "WIfI stage 3", "Meggitt-Wagner 3",
    # organisms
    "Enterococcus faecium", "Staphylococcus lugdunensis", "Streptococcus agalactiae", "Pseudomonas aeruginosa",
    "Treponema pallidum", "Gardnerella vaginalis", "Ureaplasma urealyticum", "Fusobacterium necrophorum",
    "Eikenella corrodens", "Pasteurella multocida", "Capnocytophaga canimorsus", "Aeromonas hydrophila",
    "Kingella kingae", "Leptospira interrogans", "Francisella tularensis", "Naegleria fowleri",
    "Entamoeba histolytica", "Cyclospora cayetanensis", "Sporothrix schenckii", "Talaromyces marneffei",
    "Rhizopus oryzae", "Fusarium solani", "Scedosporium apiospermum", "Trichophyton rubrum",
    "Achromobacter xylosoxidans", "Elizabethkingia meningoseptica", "Streptococcus anginosus",
    "Granulicatella adiacens", "Rothia mucilaginosa", "Gemella morbillorum",
    # genes, variants and markers
    "BRCA2 mutation", "EGFR T790M", "NRAS Q61K", "ERBB2 amplification", "CDKN2A deletion", "MLH1 loss",
    "PDGFRA D842V", "SF3B1 mutation", "TET2 mutation", "DNMT3A variant", "ASXL1 mutation", "BCR-ABL1 p210",
    "PML-RARA fusion", "CYP2C19 poor metabolizer", "UGT1A1*28", "SCN5A variant", "MYBPC3 variant", "TTR V122I",
    "EGFR L858R", "KRAS G12D", "BRAF V600K", "KIT D816V", "RUNX1 mutation", "U2AF1 S34F", "FGFR3 S249C",
    "NRG1 fusion", "POLE mutation", "HRAS Q61R",
)

CLINICAL_FRAMES = (
    # list and problem-list lines
    "\n- {c} (noted by prior team)\n",
    "\n+ {c}; nothing new today\n",
    "\n- Carried forward: {c}\n",
    "\n* Pertinent: {c}\n",
    "\nActive issues: sleep, appetite, {c}\n",
    "Problems addressed today - mood; {c}; falls.",
    # table and grid cells
    "\n|| {c} || unchanged ||\n",
    "\n| Item | {c} | checked |\n",
    "\n{c}\tcarried over\tnone\n",
    "\n| Source: clinic | {c} |\n",
    # capitalised headers
    "\nIMPRESSION: {c}.\n",
    "\nKEY FINDING -- {c}\n",
    "\nTO DISCUSS AT TUMOR BOARD: {c}\n",
    "\nPERTINENT HISTORY: {c}, documented elsewhere.\n",
    "\nFOLLOW-UP ITEM: {c}\n",
    # orders, pharmacy and medication reconciliation
    "Med rec lists {c} among outpatient items.",
    "Insurance prior authorization was submitted for {c}.",
    "Formulary check done on {c}.",
    "Patient brought {c} information sheet from home.",
    "Specialty pharmacy confirmed {c} delivery timing.",
    "Refill request received regarding {c}.",
    # devices and procedures
    "Interrogation report attached, mentioning {c}.",
    "Implant card shows {c}.",
    "Operative plan references {c}.",
    "Vendor representative present; {c} discussed.",
    "Post-procedure check: {c}, no complications.",
    "Brief op summary -- {c} -- estimated blood loss minimal.",
    # exams and bedside findings
    "Exam today: {c}.",
    "On examination {c} was elicited by the resident.",
    "Bedside teaching focused on {c}.",
    "Neuro checks included {c}.",
    "Attending demonstrated {c} to students.",
    # labs, microbiology and molecular reports
    "Micro called: {c}.",
    "Culture report read {c} after two days.",
    "Molecular panel returned {c}.",
    "Genetics counselor explained {c} to the couple.",
    "Outside pathology describes {c}.",
    "Sensitivities pending for {c}.",
    "Lab comment: {c}.",
    # decisions and scores
    "Calculated {c} at triage.",
    "Risk stratification used {c}.",
    "Decision aid walked through {c}.",
    "Guideline basis: {c}.",
    "Eligibility screen cited {c}.",
    "Tumor board minutes record {c}.",
    # conversation and education
    "Explained {c} in plain language.",
    "Daughter had read online about {c}.",
    "Husband asked whether {c} is hereditary.",
    "Questions on {c} answered by phone.",
    "Handout given describing {c}.",
    "Interpreter used to discuss {c}.",
    # sentence openings and parentheses
    "{c} was reviewed again this morning.",
    "{c} -- stable per the clinic note.",
    "{c} prompted a call to the specialist.",
    "{c}, then discharge planning.",
    "Clinic letter (re: {c}) faxed over.",
    "Sign-out remark ({c}) added overnight.",
    "Background: ({c}) per chart.",
    "Revisited {c} after lunch rounds.",
    "Cross-cover aware of {c}.",
)
