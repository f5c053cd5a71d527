"""Held-out de-identification families v9: written before any detector ran on them; never tune on them.

Same interface as v8: `HELDOUT_LOCALES`, `GEN_LOCALES` (the Faker objects the harness's `Gen` builds),
`FAMILIES` (category -> generators g -> (sentence, [Planted])), `CLINICAL_STRINGS` and `person(g)`. v9's
clinical-string sentences are written by another hand in `deid_heldout9_frames.py`.

Names: no Faker. They come from the `mimesis` locales v8 left (`deid_heldout9_names`): Hungarian, Slovak,
Polish, Swedish, Norwegian, Italian, Mexican, Brazilian, Swiss, Dutch and French in Latin script, and ten
Arabic-script locales romanized the way a US note spells them, with every raw value a v8 locale holds
dropped. `HELDOUT_LOCALES` are mimesis locale codes; `Gen`'s Faker "en_US" object serves only US towns.

Documents: most volume in ordinary notes and paperwork (H&P, progress notes, discharge summaries, consults,
op notes, letters, nursing notes, messages, results, forms), names cued and uncued (a given name alone, a
bare surname, lists). New here (no earlier split planted into them): POLST forms, safety-event reports,
release-of-information logs, itemized bills, immunization-registry printouts, newborn-screen cards,
hemodialysis treatment records, code records, anesthesia records, spectacle prescriptions, birth
worksheets, APS reports, MAR signature legends, SANE chain-of-custody forms, poison-center cases, valuables
inventories, DOT medical examiner certificates, VAERS reports, respirator fit tests and audiogram headers;
code-record, dialysis and access time stamps.
"""

from __future__ import annotations

from deid_heldout9_clinical import CLINICAL_STRINGS
from deid_heldout9_contact import CONTACT_FAMILIES, DATE_FAMILIES
from deid_heldout9_docs import NEW_NAME, ORDINARY_NAME
from deid_heldout9_frames import CLINICAL_FRAMES
from deid_heldout9_names import HELDOUT_LOCALES, person

GEN_LOCALES = ("en_US",)
FAMILIES = {"NAME": [*ORDINARY_NAME, *NEW_NAME], "DATE": DATE_FAMILIES, **CONTACT_FAMILIES}

__all__ = ["CLINICAL_FRAMES", "CLINICAL_STRINGS", "FAMILIES", "GEN_LOCALES", "HELDOUT_LOCALES", "person"]
