"""Clinical strings of v9 (`deid_heldout9.py`) that a de-identifier must keep: held out, never tune on them.

None is in an earlier split's CLINICAL_STRINGS and none shares its leading word with one, or with another
v9 string (a test checks this). Kinds: recent brand drugs (some with doses), biosimilars, gene therapies
and eye drugs; devices, implants and platforms with capitalised product names; eponymous signs, tests,
maneuvers, procedures, fractures and classifications; scores and criteria; organisms; genes and variants;
trials and guidelines. Picked from clinical vocabulary, never by testing them against a detector.
"""

from __future__ import annotations

CLINICAL_STRINGS = (
    # brand drugs, biosimilars, gene and cell therapies, eye drugs
    "Rezzayo", "Defencath lock", "Zymfentra", "Duvyzat", "Agamree", "Loqtorzi", "Tevimbra", "Beqvez", "Lenmeldy",
    "Aucatzyl", "Tecelra", "Lumryz 6 g", "Exxua 18.2 mg", "Yorvipath", "Miplyffa", "Aqneursa", "Crenessity 50 mg",
    "Alyftrek", "Journavx 50 mg", "Datroway", "Grafapex", "Gomekli", "Romvimza", "Qfitlia", "Blujepa 750 mg",
    "Vykat XR", "Imaavy", "Ensacove", "Bizengri", "Ziihera", "Niktimvo", "Revuforj", "Itovebi 9 mg",
    "Lazcluze 240 mg", "Hympavzi", "Tryngolza", "Ryoncil", "Zevaskyn", "Letybo", "Symbravo", "Onyda XR",
    "Xolremdi", "Voranigo 40 mg", "Rytelo", "Piasky", "Sofdra gel", "Yesintek", "Selarsdi", "Wezlana",
    "Tofidence", "Jubbonti", "Ilumya", "Luxturna", "Izervay", "Eylea HD", "Susvimo", "Miebo drops", "Xdemvy",
    # devices, implants and platforms
    "Cefaly", "Nerivio", "Aquablation", "Rezum", "Farapulse", "Sphere-9 catheter", "Signia stapler", "Hugo RAS",
    "Versius robot", "iLet Bionic Pancreas", "PulseSelect", "Varipulse", "Tendyne", "Intrepid TMVR",
    "Paradise uRDN", "Vivistim", "Stentrode", "Nucleus 8", "Bonebridge",
    # eponymous signs, tests, maneuvers, procedures, fractures and classifications
    "Gottron papules", "Kanavel signs", "Speed test", "Ober test", "Barlow maneuver", "Mattox maneuver",
    "Heineke-Mikulicz pyloroplasty", "Beger procedure", "Swenson pull-through", "Soave procedure",
    "Konno procedure", "Ozaki procedure", "Bristow procedure", "Tillaux fracture", "Essex-Lopresti injury",
    "Jefferson fracture", "Paprosky 3A", "Pipkin IV", "Denis classification", "TLICS 5", "Hunt-Hess grade 3",
    "ISUP grade group 3", "West Haven grade 2", "Marsh 3b", "Oxford MEST-C",
    # scores and criteria
    "FIB-4 index", "APRI score", "sPESI", "HEMORR2HAGES", "ATRIA score", "PRECISE-DAPT", "EuroSCORE II",
    "STS-PROM", "Mini-Cog", "Finnegan score", "Westley croup score", "Oakland score", "ASPECTS 8",
    "CASPAR criteria", "Rotterdam criteria", "Ghent criteria",
    # organisms
    "Chryseobacterium indologenes", "Sphingomonas paucimobilis", "Delftia acidovorans", "Ralstonia pickettii",
    "Actinotignum schaalii", "Aerococcus urinae", "Cardiobacterium hominis", "Lactococcus garvieae",
    "Lomentospora prolificans", "Trichosporon asahii", "Balamuthia mandrillaris", "Angiostrongylus cantonensis",
    # genes and variants
    "IDH2 mutation", "AKT1 E17K", "FGFR2 fusion", "APOL1 high-risk", "PCSK9 variant", "TNNT2 variant",
    "LMNA variant", "KCNQ1 variant", "RYR1 variant", "HLA-B*15:02", "CYP2D6 ultrarapid", "NUDT15 variant",
    # trials and guidelines
    "STEP-HFpEF", "FLOW trial", "CLEAR Outcomes", "ATTRibute-CM", "MONARCH-E", "NATALEE trial", "ADAURA",
    "SELECT-LIFE", "HELIOS-B", "ORBITA-2", "EMPACT-MI", "ARTESIA", "EAST-AFNET 4", "CASTLE-HTx", "ANNEXA-I",
    "ANGEL-ASPECT", "INTERACT3", "TROPION-Breast01", "MARIPOSA", "FLAURA2", "KEYNOTE-522", "TALAPRO-2",
    "STAMPEDE", "ACC/AHA guideline", "ESC guidelines", "USPSTF recommendation", "DSM-5-TR", "AJCC staging",
)
