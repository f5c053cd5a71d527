"""Held-out de-identification families v8: written before any detector ran on them; never tune on them.

Same interface as v1-v7: `HELDOUT_LOCALES`, `FAMILIES` (category -> generators g -> (sentence,
[Planted])), `CLINICAL_STRINGS` and `person(g)`. v8's clinical-string sentences (`CLINICAL_FRAMES`) are
written by another hand in `deid_heldout8_frames.py`.

Names: no Faker at all. Every Faker person locale served an earlier split, so names come from the
`mimesis` package's own name data (`deid_heldout8_names`): Latin-script Turkish, Azerbaijani, Icelandic,
Estonian, Croatian, Czech, Danish, Portuguese and Finnish; Russian, Ukrainian and Kazakh Cyrillic; Greek;
Japanese kana given names; Korean; Chinese; Persian and Moroccan and Yemeni Arabic, each romanized as a US
note spells it. `HELDOUT_LOCALES` are therefore mimesis locale codes; the harness's `Gen` builds Faker
objects from the locales it is given and v8 never asks them for a name, so pass `GEN_LOCALES` there.

Documents: most volume in ordinary notes and paperwork (H&P, progress notes, discharge summaries,
consults, op notes, letters, nursing notes, messages, results, forms), with names cued and uncued (a given
name or surname alone, names in lists). New here (no earlier split planted into them): DICOM headers, ECG
cart headers, sleep-study and PFT headers, genetic pedigrees, blood-bank checks, NICU labels, census
boards, decedent paperwork, PDMP printouts, e-signature envelopes and FMLA forms, team-chat exports,
implant cards and registry abstracts, pharmacy bottle labels; DICOM and device dates, ISBT unit numbers,
study UIDs; places and employers from mimesis address and company data.
"""

from __future__ import annotations

from deid_heldout8_clinical import CLINICAL_STRINGS
from deid_heldout8_contact import CONTACT_FAMILIES, DATE_FAMILIES
from deid_heldout8_docs import NEW_NAME, ORDINARY_NAME
from deid_heldout8_frames import CLINICAL_FRAMES
from deid_heldout8_names import HELDOUT_LOCALES, person

GEN_LOCALES = ("en_US",)
FAMILIES = {"NAME": [*ORDINARY_NAME, *NEW_NAME], "DATE": DATE_FAMILIES, **CONTACT_FAMILIES}

__all__ = ["CLINICAL_FRAMES", "CLINICAL_STRINGS", "FAMILIES", "GEN_LOCALES", "HELDOUT_LOCALES", "person"]
