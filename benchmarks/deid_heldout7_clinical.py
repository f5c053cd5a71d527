"""Clinical strings of v7 (`deid_heldout7.py`) that a de-identifier must keep: held out, never tune on them.

None was used by development or v1-v6 (a test checks). Kinds: recent brand drugs with doses, vaccines,
devices and implants with capitalised product names, procedures, signs and instruments named after
people, scores and classifications, organisms, genes and variants, and lab tests; picked from clinical
vocabulary, never by testing them against a detector.

`CLINICAL_FRAMES` are v7's own sentences for them (the harness's five and every earlier split's wording
are avoided, a test checks), so a rule keyed to the development frames cannot lift the estimate. Each
reads sensibly for any kind of string above (a drug, a device, an eponym, a score, an organism, a gene or
test): record-keeping wording (reviewed, flagged, discussed, relayed) in the shapes notes take: list
bullets, table cells, all-caps header lines, op-note and handoff lines, parenthesised asides, at the start
or in the middle of a sentence. Line-shaped frames take a line of their own, as they do in a note.
"""

from __future__ import annotations

CLINICAL_STRINGS = (
    # brand drugs and vaccines
    "Zepbound 10 mg", "Leqvio 284 mg", "Praluent 75 mg", "Inpefa 200 mg", "Attruby 356 mg", "Vyndamax 61 mg",
    "Leqembi", "Kisunla", "Zavzpret", "Vyepti 100 mg", "Auvelity", "Zurzuvae 50 mg", "Cobenfy", "Xywav",
    "Wakix 17.8 mg", "Adbry 150 mg", "Ebglyss", "Tremfya 100 mg", "Bimzelx 160 mg", "Omvoh", "Zeposia 0.92 mg",
    "Velsipity 2 mg", "Briumvi", "Vumerity 231 mg", "Tepezza", "Vyvgart", "Soliris", "Ultomiris", "Hemlibra",
    "Altuviiio", "Reblozyl", "Tavneos 30 mg", "Lupkynis 7.9 mg", "Benlysta 200 mg", "Saphnelo 300 mg",
    "Krazati 600 mg", "Alecensa 600 mg", "Lorbrena 100 mg", "Tukysa 150 mg", "Nerlynx 240 mg", "Orserdu 345 mg",
    "Truqap", "Libtayo 350 mg", "Jemperli", "Tecentriq 1200 mg", "Yervoy", "Carvykti", "Abecma", "Talvey", "Elrexfio",
    "Tecvayli", "Columvi", "Epkinly", "Calquence 100 mg", "Brukinsa 160 mg", "Jaypirca 200 mg", "Xospata 120 mg",
    "Rezlidhia", "Tibsovo 500 mg", "Welireg 40 mg", "Pluvicto", "Xofigo", "Lutathera", "Voxzogo", "Evrysdi 5 mg",
    "Spinraza", "Zolgensma", "Qalsody", "Skyclarys 150 mg", "Xacduro", "Recarbrio", "Fetroja 2 g", "Zerbaxa",
    "Xerava", "Nuzyra 150 mg", "Prevymis 480 mg", "Livtencity 400 mg", "Sunlenca", "Apretude", "Beyfortus 50 mg",
    "Abrysvo", "Capvaxive", "Heplisav-B", "Tdap booster", "Jynneos", "Ixchiq", "Qdenga", "Vaxchora", "Bexsero",
    "Penbraya", "Gardasil 9",
    # devices and implants
    "Impella CP", "WATCHMAN FLX", "Micra leadless pacemaker", "LifeVest", "CardioMEMS sensor",
    "Inspire hypoglossal nerve stimulator", "Dexcom G7", "FreeStyle Libre 3", "Tandem t:slim X2", "Medtronic 780G",
    "Baha Connect", "Cochlear Nucleus 8", "Argus II", "Spinal cord stimulator trial", "Barostim",
    "Axonics stimulator", "InterStim", "Optune device", "Zio patch", "Holter monitor for 48 hours", "Blakemore tube",
    "Sengstaken tube", "Minnesota tube", "Hickman line", "Permcath", "Codman shunt", "Halo vest", "Ilizarov frame",
    "Taylor spatial frame", "Boston brace", "Milwaukee brace", "Jewett brace",
    # procedures, signs and instruments named after people
    "McKeown esophagectomy", "Toupet fundoplication", "Ladd procedure", "Glenn shunt", "Norwood procedure",
    "Ravitch procedure", "Brostrom repair", "Chevron osteotomy", "Girdlestone resection", "Bernese osteotomy",
    "Burch colposuspension", "LeFort colpocleisis", "McDonald cerclage", "Cattell-Braasch maneuver",
    "Kussmaul breathing", "Cheyne-Stokes respiration", "Graham Steell murmur", "Roth spots", "Brenner tumor",
    "Ewing sarcoma", "Merkel cell carcinoma", "Kaposi sarcoma", "Castleman disease", "Erdheim-Chester disease",
    "Kikuchi disease", "Still disease", "Behcet disease", "Eaton-Lambert syndrome", "Miller Fisher variant",
    "Creutzfeldt-Jakob disease", "Moyamoya disease", "Arnold-Chiari malformation", "Dandy-Walker malformation",
    "Boerhaave syndrome", "Budd-Chiari syndrome", "Fitz-Hugh-Curtis syndrome", "Mobitz type II block",
    "Conn syndrome", "Sheehan syndrome", "Kallmann syndrome", "Klinefelter syndrome", "Turner syndrome",
    "Marfan syndrome", "Ehlers-Danlos syndrome", "Alport syndrome", "Bartter syndrome", "Gitelman syndrome",
    "Fanconi anemia", "Diamond-Blackfan anemia", "von Willebrand disease", "Glanzmann thrombasthenia",
    "Burkitt lymphoma", "Sezary syndrome", "Langerhans cell histiocytosis", "Weill-Marchesani syndrome",
    "Macintosh blade", "Miller blade", "Hegar dilator", "Pratt dilator", "Kiwi vacuum", "Simpson forceps",
    "Kielland forceps",
    # scores and classifications
    "CHA2DS2-VASc 4", "HAS-BLED 3", "TIMI score 2", "GRACE score 140", "NYHA class III", "MELD-Na 22",
    "Ranson criteria 3", "BISAP score 2", "PESI class IV", "CURB-65 score 2", "Mallampati class III",
    "Fisher grade 4", "NIHSS 14", "mRS 3", "ASIA impairment scale C", "Oswestry index 42%", "Morse fall score 55",
    "Edinburgh score 13", "PHQ-9 score 17", "GAD-7 score 12", "AUDIT-C 6", "CIWA-Ar 15", "COWS 12",
    "Richmond Agitation-Sedation Scale -2", "CAM-ICU positive", "Karnofsky 70", "Clavien-Dindo grade IIIa",
    "Breslow thickness 2.1 mm", "Ann Arbor stage IIIB", "Binet stage B", "Rai stage II", "FIGO stage IB2",
    "Bethesda category IV", "TI-RADS 4", "LI-RADS 5", "Lugano classification", "Prague C2M5", "Forrest class Ib",
    "Mayo endoscopic score 2", "Montreal classification A2L3", "Vancouver B2 fracture", "Gustilo type IIIA",
    "Tscherne grade 2", "Tile C pelvic fracture", "Hawkins type II", "Boxer fracture", "Segond fracture",
    "Kienbock disease", "Sever disease", "Scheuermann kyphosis",
    # organisms
    "Klebsiella pneumoniae carbapenemase", "Acinetobacter baumannii", "Stenotrophomonas maltophilia",
    "Burkholderia cepacia", "Enterobacter cloacae", "Serratia marcescens", "Proteus mirabilis", "Morganella morganii",
    "Citrobacter freundii", "Haemophilus influenzae type b", "Moraxella catarrhalis", "Bordetella pertussis",
    "Legionella pneumophila", "Mycoplasma genitalium", "Chlamydia trachomatis", "Neisseria meningitidis",
    "Listeria monocytogenes", "Nocardia asteroides", "Actinomyces israelii", "Bartonella henselae",
    "Coxiella burnetii", "Brucella melitensis", "Borrelia burgdorferi", "Babesia microti",
    "Anaplasma phagocytophilum", "Ehrlichia chaffeensis", "Rickettsia rickettsii", "Tropheryma whipplei",
    "Helicobacter pylori", "Campylobacter jejuni", "Shigella sonnei", "Vibrio vulnificus", "Yersinia enterocolitica",
    "Clostridioides difficile", "Cutibacterium acnes", "Mycobacterium avium complex", "Mycobacterium abscessus",
    "Candida auris", "Cryptococcus neoformans", "Histoplasma capsulatum", "Blastomyces dermatitidis",
    "Coccidioides immitis", "Pneumocystis jirovecii", "Aspergillus fumigatus", "Mucor species",
    "Trichomonas vaginalis", "Giardia lamblia", "Strongyloides stercoralis", "Toxoplasma gondii",
    "Plasmodium falciparum", "Leishmania donovani", "Schistosoma mansoni", "Echinococcus granulosus",
    "MERS coronavirus",
    # genes, variants and lab tests
    "BRCA1 mutation", "PALB2 variant", "CHEK2 variant", "ATM mutation", "TP53 mutation", "ROS1 fusion", "RET fusion",
    "NTRK fusion", "MET exon 14 skipping", "HER2-low", "PIK3CA mutation", "ESR1 mutation", "IDH1 R132H",
    "MGMT methylated", "1p/19q codeletion", "NPM1 mutated", "CALR mutation", "MPL W515L", "HFE C282Y",
    "prothrombin G20210A", "MTHFR C677T", "HLA-B*5701 negative", "HLA-B27 positive", "CFTR F508del", "SMN1 deletion",
    "FMR1 premutation", "APOE e4", "Lp(a) 180 nmol/L", "anti-PLA2R antibody", "anti-GBM antibody",
    "anti-MOG antibody", "aquaporin-4 antibody", "anti-NMDA receptor antibody", "anti-Jo-1", "anti-Scl-70",
    "anti-centromere antibody", "cryoglobulins", "beta-2 glycoprotein I", "lupus anticoagulant", "ADAMTS13 activity",
    "heparin-PF4 antibody", "serotonin release assay", "Kleihauer-Betke test", "T-SPOT.TB", "Xpert MTB/RIF",
    "BioFire panel", "GeneXpert", "Cologuard", "Oncotype DX", "MammaPrint", "Decipher score", "FoundationOne CDx",
    "Guardant360", "Galleri test", "calprotectin 250", "elastase-1", "tissue transglutaminase IgA", "chromogranin A",
    "5-HIAA", "metanephrines", "aldosterone-renin ratio", "IGF-1", "AMH", "inhibin B", "Tanner staging",
)

CLINICAL_FRAMES = (
    # list bullets and multi-item lines
    "\n- {c}: reviewed, unchanged since the last visit.\n",
    "\n* {c} -- talked through at this visit.\n",
    "\n- {c}, per the outpatient list.\n",
    "\n- Will revisit {c} at the next appointment.\n",
    "ITEMS REVIEWED: home glucose readings; {c}; diet diary.",
    "Handoff: {c}; no acute events overnight.",
    # table cells
    "\n| {c} | reviewed | no change |\n",
    "\n| Flagged item | {c} |\n",
    "\n| {c} | pending review |\n",
    "\n| Reviewed | {c} | yes |\n",
    "\n| {c} | discussed at visit |\n",
    # all-caps header lines
    "\nADDENDUM: {c} reviewed with the attending physician.\n",
    "\nASSESSMENT: {c} remains relevant to today's decisions.\n",
    "\nREFERRAL REASON: {c}.\n",
    "\nSECOND OPINION REQUESTED FOR {c}.\n",
    "\nDISCHARGE INSTRUCTIONS: {c} explained; questions answered.\n",
    "\nINTERVAL CHANGE: {c} added to the record.\n",
    "\nSUMMARY LINE -- {c}.\n",
    # operating room and procedures
    "Time-out held; {c} confirmed aloud by surgeon and circulating nurse.",
    "Preoperative checklist included {c}.",
    "Anesthesia was made aware of {c}.",
    "Op note addendum: {c} recorded in the intraoperative log.",
    "Pathology requisition lists {c}.",
    "Relevant to surgery: {c}.",
    # results, consults and reviews
    "Called the floor nurse regarding {c}.",
    "Please review {c} in the attached report.",
    "{c}: see the attached results.",
    "Result review: {c}, acknowledged.",
    "Consult question: how does {c} change management?",
    "Pharmacy reconciliation flagged {c} for review.",
    "Outside records mention {c}; copies requested.",
    "The chart review turned up {c} from a prior admission.",
    "Prior workup included {c}.",
    "Cardiology asked about {c} at rounds.",
    "MDM: {c} factored into the decision to admit.",
    "Risk discussion covered {c}.",
    # sentence-initial and mid-sentence
    "{c} came up again at the morning huddle.",
    "{c} -- acknowledged by the covering provider.",
    "{c} is on the sign-out sheet for tonight.",
    "Reviewed {c} bedside with nursing staff.",
    "Counseled regarding {c} and what it means going forward.",
    "The resident flagged {c} for sign-out.",
    "Patient asked about {c}; her concerns were addressed.",
    "Education provided on {c}; teach-back completed.",
    "History obtained from the daughter, including {c}.",
    "Nursing report mentions {c}.",
    "Per the family, {c} has been a long-standing concern.",
    "ED course notable for {c}.",
    "Teaching points for the family included {c}.",
    # parenthesised
    "(See also {c} in the problem summary.)",
    "Interval history reviewed ({c} per the referring office).",
    "Questions about coverage ({c}) went to the case manager.",
    "The care summary (including {c}) was shared with the family.",
)
