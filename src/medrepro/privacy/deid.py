"""De-identification of clinical notes (HIPAA Safe Harbor identifiers found in free text): the public API.

No downloads and no trained model: the regex rules in `patterns` and `facilities`, the cue-based name
rules and word lists in `names`, and the statistical name test in `lexicon` (wordfreq frequencies plus a
clinical vocabulary from public word lists: a medical dictionary, the FDA's drug names, SCOWL). Every
detector proposes spans; overlaps are settled by priority, then length, and each kept span is replaced
by a typed placeholder such as ``[NAME]``.

What is removed (placeholder: what it covers):
  [NAME]      people after a title (Dr./Mr./Mrs./Ms./Miss/Prof.), after a label ("Patient name:",
              "Dictated by", "Surgeon:", "cc:"), before a credential ("Jane Roe, MD"), after a relation
              ("his wife, Linda"), as the subject of an age statement ("Jane Roe is a 45-year-old"),
              after a letter opener ("pleasure of seeing"), known first names (+ the following
              surname), "J. Smith", "Smith, John", "Grace (her sister)"; a word once found by a cue
              is removed everywhere else in that note; and, by the lexicon test, Title-case (or
              all-caps) words that are neither common English nor clinical vocabulary, with their
              Title-case neighbours ("Spoke with Kasimir Wojcik", "Abdelkader Field"); names of
              ordinary words told by form or context (`name_context`: "B.K. Walker", "Heeb, Jade",
              "Son Rose King", "call Bill Blank with", list items beside a name); names in messages
              and nicknames (`name_messages`: 'Ada "Bubba" Roe', "hi dr roe,", "Thanks, Mei", "Pt A.C.").
  [DATE]      day-level or month-level dates in numeric, ISO and spelled-out forms, partial dates
              after a cue ("on 07/24", "on the 24th"), month names after a time cue ("in March").
  [AGE>89]    an age over 89 ("92-year-old" -> "[AGE>89]-year-old", "aged 95", "age: 95",
              "aged ninety-one", "in his nineties", "nonagenarian").
  [PHONE]     phone, fax and pager numbers (US forms, extensions, +country forms, 7 digits after a cue).
  [EMAIL], [URL], [IP]
  [ID]        SSNs, medical record / account / licence / serial / lot / member numbers after a cue,
              bare runs of 7+ digits and letter-prefixed numbers of 6+ digits.
  [ADDRESS]   street addresses with a street suffix, P.O. boxes.
  [LOCATION]  a city before a state ("Fresno, CA", "Eastchester, New York"), ZIP codes after a
              state or "ZIP", places after "lives in"/"moved to"/"is from"/"resident of", a list of
              large US cities after a place preposition; hospital, clinic and employer names
              ("Kowalczyk Memorial Hospital", "works at Quigley and Brown").
Kept on purpose: years alone, states and countries, ages up to 89, doses, vitals, lab values,
spinal levels (C5-C6), suture sizes (4-0), fractions and scores (5/5, 2/6) without a date cue,
eponyms (Jackson-Pratt, Kelly clamp, Miami J collar).
Still missed (docs/privacy.md has the measured list): a name of two common English words with no cue,
form or list beside it ("Luca Page" opening a sentence); brand names on neither public list are taken
for names.
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from medrepro.privacy import lexicon as lx
from medrepro.privacy.address_lines import address_line_spans
from medrepro.privacy.clinical_context import drop_shapes
from medrepro.privacy.compass_places import compass_place_spans
from medrepro.privacy.drug_shape import drop_clinical
from medrepro.privacy.extracted_text import extracted_text_spans
from medrepro.privacy.facilities import facility_spans
from medrepro.privacy.id_formats import FORMAT_RULES, format_spans
from medrepro.privacy.key_values import key_value_spans
from medrepro.privacy.lexicon import lexicon_name_spans
from medrepro.privacy.name_context import caps_name_spans, context_name_spans
from medrepro.privacy.name_fields import field_name_spans
from medrepro.privacy.name_grammar import eponym_person_spans, extend_particles, grammar_name_spans
from medrepro.privacy.name_handles import handle_name_spans, name_form_spans
from medrepro.privacy.name_messages import message_name_spans
from medrepro.privacy.name_position import position_name_spans
from medrepro.privacy.names import _name_spans, _propagate_names
from medrepro.privacy.patterns import (  # noqa: F401  (CATEGORIES, PLACEHOLDER_RE, SCAN_RULES: public API)
    _RULES,
    CATEGORIES,
    PLACEHOLDER_RE,
    SCAN_RULES,
    Rule,
    Span,
    _location_cue_spans,
    _rule_spans,
)
from medrepro.privacy.places import place_spans
from medrepro.privacy.structured import structured_spans
from medrepro.privacy.tables import table_spans


@dataclass(frozen=True)
class DeidResult:
    """De-identified text and how many spans of each category were replaced (never the values)."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)


def _resolve(text: str, spans: list[Span]) -> list[Span]:
    """Keep the highest-priority, then longest, spans that do not overlap a span already kept."""
    kept: list[Span] = []
    taken = bytearray()
    overlapping_names: list[Span] = []
    for s in sorted(spans, key=lambda s: (-s.priority, -(s.end - s.start), s.start)):
        if len(taken) < s.end:
            taken.extend(b"\0" * (s.end - len(taken)))
        if any(taken[s.start:s.end]):
            if s.category == "NAME":
                overlapping_names.append(s)
            continue
        taken[s.start:s.end] = b"\1" * (s.end - s.start)
        kept.append(s)
    kept = _union_names(text, kept, overlapping_names)
    kept.sort(key=lambda s: s.start)
    merged: list[Span] = []
    for s in kept:
        # "John A. Smith" found piecewise becomes one [NAME].
        if (merged and merged[-1].category == s.category == "NAME"
                and re.fullmatch(r"[ \t.]*", text[merged[-1].end:s.start])):
            merged[-1] = Span(merged[-1].start, s.end, "NAME", merged[-1].priority)
        else:
            merged.append(s)
    return merged


_WORDS = re.compile(r"[^\W\d_]+")


def _union_names(text: str, kept: list[Span], others: list[Span]) -> list[Span]:
    """Two rules that find one name with different extents find the union: "Seyed Ali Mousavi" from the
    lexicon test and "Ali Mousavi" from the first-name list remove all three words; a span that overlaps
    another category's span is left out, and so is one that adds an ordinary word."""
    kept = sorted(kept, key=lambda k: k.start)
    starts, ends = [k.start for k in kept], [k.end for k in kept]
    for s in others:
        i, j = bisect.bisect_right(ends, s.start), bisect.bisect_left(starts, s.end)
        over = kept[i:j]  # the kept spans overlapping s: they do not overlap each other
        if not over or (s.start >= over[0].start and s.end <= over[-1].end) or any(
                k.category != "NAME" for k in over):
            continue
        lo, hi = min(s.start, over[0].start), max(s.end, over[-1].end)
        extra = _WORDS.findall(text[lo:over[0].start] + " " + text[over[-1].end:hi])
        if not extra or any(lx._ordinary(w, lx.COMMON_FROM) for w in extra):
            continue  # "PCP" before "Maria Roe" stays: only words rare and unknown to both lexicons join
        merged = Span(lo, hi, "NAME", max(k.priority for k in over))
        kept[i:j] = [merged]
        starts[i:j], ends[i:j] = [merged.start], [merged.end]
    return kept


def find_phi(text: str, rules: Sequence[Rule] | None = None, names: str = "all",
             locations: bool = True) -> list[Span]:
    """All non-overlapping PHI spans in `text`, sorted by position.

    names: "all" (cues, word lists, the statistical lexicon test and propagation), "cued" (titles, labels,
    credentials, relations only: what the file scanner uses) or "none".
    """
    spans = _rule_spans(text, _RULES if rules is None else rules)
    spans = [s for s in spans if not _inside_placeholder(text, s)]
    spans += [s for s in structured_spans(text) if names != "none" or s.category != "NAME"]
    if names == "all":  # keys, table headers and extraction damage (round 9); the file scanner keeps its rules
        spans += key_value_spans(text) + table_spans(text) + extracted_text_spans(text, find_phi)
        spans += _rule_spans(text, FORMAT_RULES) + format_spans(text)  # record formats (round 10)
    if locations:
        spans += _location_cue_spans(text)
        spans += facility_spans(text) + place_spans(text) + compass_place_spans(text)
        spans += address_line_spans(text)  # address blocks, addresses abroad, cued towns (round 10)
    if names != "none":
        name_spans = _name_spans(text, lists=names == "all")
        if names == "all":
            name_spans += message_name_spans(text) + handle_name_spans(text) + field_name_spans(text)
            name_spans += position_name_spans(text)  # names in a person's place (round 9)
            name_spans += grammar_name_spans(text)  # baby and role labels (round 10)
        spans += name_spans
        if names == "all":
            # The lexicon test already runs on every word of the note, so it is not propagated.
            lexical = lexicon_name_spans(text) + caps_name_spans(text)
            contextual = context_name_spans(text, name_spans + lexical)
            statistical = drop_shapes(text, drop_clinical(text, lexical + contextual))
            spans += _propagate_names(text, name_spans) + statistical
            spans += _propagate_names(text, statistical, rare_only=True)  # "Later Simon confirmed" (round 10)
            spans += name_form_spans(text, name_spans + statistical)
            spans += eponym_person_spans(text)
    resolved = _resolve(text, spans)
    return extend_particles(text, resolved) if names == "all" else resolved  # "Manjad al-Harthi" (round 10)



def _inside_placeholder(text: str, span: Span) -> bool:
    return text[max(0, span.start - 1):span.start] == "[" and text[span.end:span.end + 1] == "]"


def deidentify(text: str) -> DeidResult:
    """Replace every PHI span in `text` by its typed placeholder; deterministic and offline."""
    if not isinstance(text, str) or not text:
        return DeidResult("" if not isinstance(text, str) else text, {})
    spans = find_phi(text)
    out: list[str] = []
    pos = 0
    counts: Counter[str] = Counter()
    for s in spans:
        out.append(text[pos:s.start])
        out.append(f"[{s.category}]")
        counts[s.category] += 1
        pos = s.end
    out.append(text[pos:])
    return DeidResult("".join(out), dict(sorted(counts.items())))


def deidentify_frame(df, column: str):
    """De-identify one text column of a DataFrame; returns (new frame, summed counts per category)."""
    if column not in df.columns:
        from medrepro.errors import InputError

        raise InputError(f"column '{column}' not found; columns are {list(df.columns)}")
    total: Counter[str] = Counter()
    texts = []
    for value in df[column].tolist():
        if isinstance(value, str):
            res = deidentify(value)
            texts.append(res.text)
            total.update(res.counts)
        else:
            texts.append(value)
    out = df.copy()
    out[column] = texts
    return out, {c: int(total.get(c, 0)) for c in CATEGORIES}


def format_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}={v}" for k, v in counts.items())


def deid_main(argv: Sequence[str] | None = None) -> int:
    """CLI: medrepro deid IN.csv OUT.csv --column transcription (atomic output, prints counts only)."""
    import pandas as pd

    from medrepro.errors import InputError
    from medrepro.io import write_csv

    parser = argparse.ArgumentParser(prog="medrepro deid", description="Replace PHI in one CSV text column.")
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--column", default="transcription")
    args = parser.parse_args(argv)
    if not args.input.is_file():
        raise InputError(f"{args.input}: file not found")
    try:
        df = pd.read_csv(args.input, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{args.input}: not UTF-8 at byte {exc.start}; re-save the file as UTF-8") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"{args.input}: not a readable CSV ({exc.__class__.__name__}); check the quoting") from exc
    out, counts = deidentify_frame(df, args.column)
    write_csv(args.output, out)
    print(f"de-identified {len(out)} rows of column '{args.column}' -> {args.output}")
    print("placeholders: " + format_counts(counts))
    return 0


if __name__ == "__main__":
    sys.exit(deid_main())
