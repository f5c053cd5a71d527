"""Clinical strings of v8 (`deid_heldout8.py`) that a de-identifier must keep: held out, never tune on them.

None is in an earlier split's CLINICAL_STRINGS, and none shares its leading word with one (a test checks
the first). Kinds: recent brand drugs (some with doses), vaccines and gene and cell therapies; devices,
implants and surgical robots with capitalised product names; eponymous signs, tests, maneuvers, procedures
and fracture or imaging classifications; scores and criteria; organisms; genes and variants; trials and
guidelines. Picked from clinical vocabulary, never by testing them against a detector. v8's own sentences
for them (`CLINICAL_FRAMES`) are written separately, in `deid_heldout8_frames.py`.
"""

from __future__ import annotations

CLINICAL_STRINGS = (
    # brand drugs, vaccines, gene and cell therapies
    "Rezdiffra 80 mg", "Winrevair", "Uptravi 200 mcg", "Tyvaso DPI", "Filspari 400 mg", "Tarpeyo 16 mg",
    "Fabhalta 200 mg", "Amvuttra", "Daybue", "Fintepla", "Valtoco 10 mg", "Lucemyra 0.18 mg",
    "Vivitrol 380 mg", "Qelbree 200 mg", "Quviviq 25 mg", "Kyleena IUD",
    "Krystexxa", "Opzelura cream", "Zoryve foam", "Vyjuvek",
    "Casgevy", "Hemgenix", "Elevidys", "Breyanzi", "Kymriah", "Opdualag", "Kimmtrak", "Elahere", "Rybrevant",
    "Retevmo 160 mg", "Tabrecta 400 mg", "Scemblix 40 mg", "Xpovio 80 mg", "Sarclisa",
    "Pyrukynd", "Doptelet 40 mg", "Cablivi", "Xenleta 600 mg", "Arikayce", "Sirturo 100 mg", "Vabysmo",
    "Syfovre", "Ajovy 225 mg", "Andexxa", "Kcentra", "Praxbind", "Cibinqo 100 mg", "Nucala 100 mg",
    "Ofev 150 mg", "Sublocade 300 mg", "Trodelvy", "Veklury", "Xofluza 80 mg", "Vaxneuvance",
    # devices, implants and platforms
    "iStent inject", "Hydrus Microstent", "Tecnis Symfony IOL", "NeuroPace RNS", "Percept PC", "gammaCore",
    "Mazor X", "Mako robot", "Ion bronchoscopy", "Zephyr valve", "WavelinQ", "Lutonix balloon",
    "Shockwave IVL", "TandemHeart", "Centrimag", "Abbott MitraClip", "Amulet occluder",
    "Aveir leadless pacemaker", "Eversense E3", "Reveal LINQ", "Kardia monitor",
    # eponymous signs, tests, maneuvers, procedures and classifications
    "Blumberg sign", "Carnett sign", "Courvoisier sign", "Quincke pulse", "Uhthoff phenomenon", "Froment sign",
    "Durkan test", "Gaenslen test", "Waddell signs", "Sellick maneuver", "Rastelli procedure", "Jatene switch",
    "Puestow procedure", "Altemeier procedure", "Shouldice repair", "Rives-Stoppa repair", "Weil osteotomy",
    "Fazekas grade 2", "Siewert type II", "Bismuth-Corlette type IIIa", "Balthazar grade C", "Banff classification",
    # scores and criteria
    "Khorana score", "Padua score", "SYNTAX score", "Duke treadmill score", "Epworth 14", "NEWS2 score",
    "ABCD2 score", "Hachinski score", "PECARN rule", "Rome IV criteria", "Nugent score", "Milan criteria",
    "Charlson index",
    # organisms
    "Pseudomonas aeruginosa", "Achromobacter xylosoxidans", "Aeromonas hydrophila", "Pasteurella multocida",
    "Capnocytophaga canimorsus", "Kingella kingae", "Granulicatella adiacens", "Fusobacterium necrophorum",
    "Talaromyces marneffei", "Scedosporium apiospermum", "Staphylococcus lugdunensis",
    # genes and variants
    "BCR-ABL1", "HER2-positive", "TMB-high", "HLA-B*58:01", "DPYD variant", "TPMT deficiency", "SERPINA1 ZZ",
    "TTR V122I", "LRRK2 G2019S", "PKD1 variant",
    # trials and guidelines
    "KEYNOTE-189", "CheckMate 067", "DESTINY-Breast04", "PARADIGM-HF", "FOURIER trial", "ARISTOTLE trial",
    "FIDELIO-DKD", "SURMOUNT-1", "DAPA-HF", "EMPEROR-Reduced", "KDIGO guidelines", "NCCN guidelines",
    "Beers criteria", "Fleischner criteria", "IDSA guidelines",
)
