"""Clinical strings of v10 (`deid_heldout10.py`) that a de-identifier must keep: held out, never tune on them.

None is in an earlier split's CLINICAL_STRINGS and none shares its leading word with one, or with another
v10 string (a test checks this). Kinds: recent brand drugs, gene and cell therapies (some with doses);
devices, implants, lenses and robots with capitalised product names; eponymous signs, fractures and
nail findings; scores, scales, staging and reporting systems; organisms; genes, variants and fusions;
trials, guidelines and coding systems. Picked from clinical vocabulary, never by testing them against a
detector. Thirteen strings that the round-10 development split `dev10-clinical` (written in parallel) also
holds, or whose leading word it holds, were removed before v10 was ever run.
"""

from __future__ import annotations

CLINICAL_STRINGS = (
    # brand drugs, gene and cell therapies
    "Vyalev", "Voydeya", "Zituvio 100 mg", "Joenja", "Lunsumio", "Ngenla", "Sohonos", "Adzynma",
    "Roctavian", "Lyfgenia", "Alhemo", "Andembry", "Ekterly", "Wayrilz", "Vtama cream",
    "Vevye drops", "Brixadi 96 mg", "Dayvigo 10 mg",
    "Bylvay", "Xigduo XR", "Trijardy XR", "Qtern 10/5",
    # devices, implants, lenses and robots
    "MiniMed 780G", "Penumbra Lightning", "Solitaire X", "Pipeline Flex", "Woven EndoBridge", "Exablate Neuro",
    "RNS System", "Senza Omnia", "EKOS catheter", "AngioVac", "Jetstream atherectomy", "Melody valve", "NanoKnife",
    "ROSA Knee", "VELYS robot", "Monarch platform", "ReWalk exoskeleton", "Cala Trio", "Relivion", "LINQ II",
    "Recor Paradise", "MynxGrip", "Bioness L300", "WalkAide", "Esteem implant", "Xen gel stent",
    "PreserFlo", "Durysta", "iDose TR", "Vivity IOL", "PanOptix IOL",
    # eponymous signs, fractures and nail findings
    "Mason type II", "Barton fracture", "Chance fracture", "Hangman fracture", "Markle sign", "Corrigan pulse",
    "Beau lines", "Terry nails", "Muehrcke lines", "Gower sign",
    # scores, scales, staging and reporting systems
    "PORT score", "Revised Geneva", "CCS class II", "Katz ADL", "Lawton IADL", "SLUMS exam", "McIsaac score",
    "SAPS II", "Baux score", "Parkland formula", "Lund-Browder chart", "Lung-RADS 4A", "O-RADS 3", "Deauville 3",
    "RECIST 1.1", "Edmonton frailty", "KOOS score", "SCORAD", "PASI 12", "Harvey-Bradshaw", "DAS28-CRP",
    "SLEDAI-2K", "EDSS 3.5", "ALSFRS-R", "UPDRS part III", "Hoehn and Yahr 2", "Rancho level VI", "Fugl-Meyer",
    # organisms
    "Cronobacter sakazakii", "Erysipelothrix rhusiopathiae",
    "Abiotrophia defectiva", "Corynebacterium striatum", "Tsukamurella paurometabola", "Gordonia bronchialis",
    "Cunninghamella bertholletiae", "Exophiala dermatitidis", "Acanthamoeba castellanii", "Powassan virus",
    "Oropouche virus", "Baylisascaris procyonis", "Shewanella algae", "Chromobacterium violaceum",
    # genes, variants and fusions
    "MUTYH biallelic", "NTRK3 fusion", "MYH7 variant", "GBA1 N370S", "DMD exon 51", "HTT CAG expansion",
    "C9orf72 expansion", "DPYD*2A", "TPMT*3A", "STK11 variant", "KEAP1 mutation", "CBFB-MYH11",
    "TMPRSS2-ERG",
    # trials, guidelines and coding systems
    "SPRINT trial", "ACCORD trial", "ODYSSEY Outcomes", "REDUCE-IT", "ISCHEMIA trial", "REVIVED-BCIS2",
    "ROCKET AF", "CRYSTAL AF", "COAPT trial", "MITRA-FR", "DEFINE-FLAIR", "DAWN trial", "DEFUSE 3", "ECASS III",
    "IMpower150", "PALOMA-2", "OlympiA", "KATHERINE trial", "ALLHAT", "PREDIMED", "UKPDS", "EMPA-REG OUTCOME",
    "DAPA-CKD", "Surviving Sepsis Campaign", "STOPP/START", "Choosing Wisely", "AASLD guidance", "SNOMED CT",
)
