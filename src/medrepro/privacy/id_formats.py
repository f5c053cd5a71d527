"""Identifier, date and name formats that records print with no cue word (round 10).

Each rule is a published or machine format whose shape no clinical quantity has:
- ISBT 128 donation identification numbers (a letter, a 4-digit facility, a 2-digit year, a 6-digit sequence,
  printed grouped "W1234 22 654321" or compact, two flag digits; a letter after it is the ABO group, "O NEG";
  above a key's value, which would take only the first group) and Codabar unit numbers ("47FZ12345");
- numbers with one or two capital letters inside 7+ digits ("5518T0427"); gene variants ("T790M", "c.1234G>A")
  have a letter on the outside or too few digits;
- Medicare Beneficiary Identifiers (CMS format: digit, letter, alnum, digit, letter, alnum, digit, 2 letters,
  2 digits) and member IDs mixing capitals and 6+ digits;
- OIDs and DICOM UIDs with five or more arcs ("1.2.840.113619.2.55.3"): a version ("1.2.3") has three, an IP
  address four; the standard roots of DICOM (1.2.840.10008) and HL7 (2.16.840.1.113883) name classes and code
  systems, not instances, and stay;
- dates with Roman-numeral months ("13.xi.2015", "2015-XI-13", "13 XI 2015") and ISO ordinal dates
  ("2015-317") after a date word;
- DICOM PN values (family^given^middle^prefix^suffix) anywhere outside an HL7 segment, whose fields
  `structured` reads with their coding systems;
- a surname and a given name glued by a comma ("KOWAL,ANNA", "Kowal,Anna"), as label printers and exports
  write them: prose puts a space after a comma; abbreviation lists ("HTN,DM") and sections glued by commas
  (",FINDINGS:") stay;
- "Keyword=value" pairs separated by single spaces (DICOM keyword dumps), read by their key like any pair;
- an age over 89 after a sex letter and a slash ("M/94Y").
"""

from __future__ import annotations

import re

from medrepro.privacy import lexicon_vocab as lv
from medrepro.privacy.key_values import key_kind, value_span
from medrepro.privacy.rulebase import Rule, Span, _rx

PRIORITY = 78

_ROMAN = r"(?:iii|ii|iv|ix|i|viii|vii|vi|v|xii|xi|x|III|II|IV|IX|I|VIII|VII|VI|V|XII|XI|X)"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_Y4 = r"(?:1[89]|20)\d{2}"
# Day, Roman month, year with one separator used twice ("13.xi.2015", "13. XI. 2015", "13/XI/2015", "13 XI 2015");
# a two-digit year only after dots ("13.xi.15"); or year first ("2015-XI-13", "2015.xi.13").
_ROMAN_DATE = (rf"(?<![\w.,/-]){_DAY}(?P<s>\.\s?|/|-| )(?P<m>{_ROMAN})(?P=s)(?:{_Y4}|(?<=\.)\d{{2}})(?![\w/-]|[.,]\d)"
               rf"|(?<![\w.,/-]){_Y4}(?P<s2>[./-])(?P<m2>{_ROMAN})(?P=s2){_DAY}(?![\w/-]|[.,]\d)")
_ORDINAL_DATE = (r"(?i:date|dated|julian|drawn|collected|expiry|expires|exp)\b[^\n\d]{0,20}?"
                 rf"(?P<phi>{_Y4}-?(?:00[1-9]|0[1-9]\d|[12]\d\d|3[0-5]\d|36[0-6]))(?![\w/-]|[.,]\d)")
_UID_ROOTS = ("1.2.840.10008.", "2.16.840.1.113883.")


def _uid_ok(m: re.Match) -> bool:
    return not m.group().startswith(_UID_ROOTS)


def _member_ok(m: re.Match) -> bool:
    """Not a letter prefix before digits (the older ID rules' shape) nor a NUCC provider taxonomy code
    ("207Q00000X": three digits, six characters, "X"), which names a specialty."""
    v = m.group()
    return re.fullmatch(r"[A-Z]{1,4}\d+", v) is None and re.fullmatch(r"\d{3}[A-Z\d]{6}X", v) is None


def _roman_case_ok(m: re.Match) -> bool:
    """"xi" or "XI", never a mixed case word; "V"/"X"/"I" with spaces only in capitals beside a 4-digit year."""
    mon = m.group("m") or m.group("m2")
    return mon.islower() or mon.isupper()


FORMAT_RULES: tuple[Rule, ...] = (
    Rule("id_isbt128", "ID",
         _rx(r"(?<![\w=])=?[A-NP-Z]\d{4}(?P<s> ?)\d{2}(?P=s)\d{6}\d{0,2}(?![\w-])"), 92,
         scan=False),
    Rule("id_letters_inside", "ID",
         _rx(r"(?<![\w.>+*:-])\d{2,5}(?:[A-Z]{1,2}|-[A-Z]{1,3}-)\d{3,7}(?![\w>]|[.,]\d)"), PRIORITY, scan=False,
         check=lambda m: sum(c.isdigit() for c in m.group()) >= 7),
    Rule("id_mbi", "ID",
         _rx(r"(?<![\w-])[1-9][A-Z][A-Z\d]\d-?[A-Z][A-Z\d]\d-?[A-Z]{2}\d{2}(?![\w-])"), PRIORITY, scan=False),
    Rule("id_mixed_member", "ID",
         _rx(r"(?<![\w-])(?=[A-Z\d]*[A-Z])(?=(?:[A-Z]*\d){6})[A-Z\d]{8,15}(?![\w-])"), PRIORITY - 2, scan=False,
         check=_member_ok),
    Rule("id_uid", "ID",
         _rx(r"(?<![\w.])[012]\.\d{1,6}(?:\.\d{1,20}){3,}(?![\w]|\.\d)|(?<![\w.])2\.25\.\d{10,39}(?![\w]|\.\d)"),
         PRIORITY + 2, scan=False, check=_uid_ok),
    # "Chart 495-9638", "our file 113-2134", "Med rec no 458-699": a short hyphenated number after a record
    # word (a local phone number has the same shape, so only the record word tells it).
    Rule("id_short_record", "ID",
         _rx(r"\b(?i:mrn|chart|file|record|reference|ref|patient\s+no|hospital\s+(?:no|number|id)|med\s+rec\s+no"
             r"|case|accession)\.?(?:\s+(?i:no|number|#))?\.?[ \t]*[#:]?[ \t]*"
             r"(?P<phi>\d{2,3}-\d{3,5})(?![\w/-]|[.,]\d)"), PRIORITY, scan=False),
    Rule("date_roman_month", "DATE", _rx(_ROMAN_DATE), PRIORITY, scan=False, check=_roman_case_ok),
    Rule("date_ordinal", "DATE", _rx(_ORDINAL_DATE), PRIORITY, scan=False),
    Rule("age_sex_slash", "AGE>89",
         _rx(r"(?<![\w/])[MF]\s?/\s?(?P<phi>9\d|1[0-4]\d)(?=\s?(?i:y(?:rs?|o|ears?)?)?(?![\w/.]))"), 64, scan=False),
)

# Family and given components may hold two words ("VAN DAM^ANNA MARIE"), the given one only before a further
# caret, so that the next word of a dump ("ROE^JANE Modality=MR") is not taken; middle, prefix and suffix are one
# word each.
_PN = re.compile(r"(?<![\w^|])(?P<phi>[A-Za-z][A-Za-z'\u2019-]*(?: [A-Za-z][A-Za-z'\u2019-]*)?"
                 r"\^[A-Za-z][A-Za-z'\u2019-]*(?: [A-Za-z][A-Za-z'\u2019-]*(?=\^))?(?:\^[A-Za-z.'\u2019-]*){0,3})"
                 r"(?![\w^|])")
_KW_PAIR = re.compile(r"(?<![\w=])(?P<key>[A-Za-z][A-Za-z0-9_']{2,40})=(?P<val>[^\s=&;|,]{1,64})"
                      r"(?=[ \t]+[A-Za-z][A-Za-z0-9_']{2,40}=|[ \t]*$|[ \t]*[\n,;])", re.M)


_WORD = r"[A-Z][A-Z'\u2019-]+|[A-Z][a-z'\u2019-]+"
_GLUED_NAME = re.compile(rf"(?<![\w,])(?P<a>{_WORD}),(?P<b>{_WORD})(?![\w]|,\w|(?:[ \t]+[A-Z][A-Z/&-]*)*[ \t]*:)")


def _glued_name_ok(a: str, b: str) -> bool:
    """One case for both words, one of five or more letters (abbreviation lists "HTN,CAD" have none), neither
    clinical; in capitals one unknown word, in Title case (lists of tests are glued so) both: notes that glue
    their sections with commas (",FINDINGS:", "INC,BLOOD") put ordinary words and abbreviations there, and
    lists repeat one ("Trails,Trails")."""
    return (a.isupper() == b.isupper() and max(len(a), len(b)) >= 5 and a.lower() != b.lower()
            and not (lv.is_clinical(a) or lv.is_clinical(b))
            and (_wordlike_unknown(a) or _wordlike_unknown(b) if a.isupper()
                 else not (lv._ordinary(a, lv.COMMON_FROM) or lv._ordinary(b, lv.COMMON_FROM))))


def _wordlike_unknown(w: str) -> bool:
    """Unknown to both lexicons and spelled like a word (four or more letters, two vowels), not like an
    abbreviation or a placeholder ("FFDM", "ABCD", "YYYY")."""
    return len(w) >= 4 and sum(c in "AEIOUaeiou" for c in w) >= 2 and not lv._ordinary(w, lv.COMMON_FROM)


# A field value in capitals after a label's colon, up to a run of spaces, a slash or the line's end ("Bottle
# label: MO LIANG  Rx# ..."): a name when none is clinical and one is unknown to both lexicons and spelled like
# a word (four or more letters, two of them vowels), not like an abbreviation ("CHF", "NSTEMI", "COPD").
_CAPS_FIELD = re.compile(r"(?<=:[ \t])(?P<v>[A-Z][A-Z'\u2019-]+(?: [A-Z][A-Z'\u2019-]+){1,2})"
                         r"(?=[ \t]{2,}|[ \t]*$|[ \t]*[/|])", re.M)


def _caps_field_ok(value: str) -> bool:
    words = value.split()
    return (not any(lv.is_clinical(w) for w in words)
            and any(_wordlike_unknown(w) for w in words))


def format_spans(text: str) -> list[Span]:
    """DICOM PN values, glued "SURNAME,GIVEN" names and single-space "Keyword=value" pairs (the regex rules
    are in FORMAT_RULES)."""
    spans: list[Span] = []
    for m in _CAPS_FIELD.finditer(text):
        if _caps_field_ok(m.group("v")):
            spans.append(Span(m.start("v"), m.end("v"), "NAME", PRIORITY - 10))
    for m in _GLUED_NAME.finditer(text):
        if _glued_name_ok(m.group("a"), m.group("b")):
            spans.append(Span(m.start(), m.end(), "NAME", PRIORITY))
    if "^" in text:
        for m in _PN.finditer(text):
            start, v = m.start("phi"), m.group("phi").rstrip("^ ")
            if v.startswith("PN "):  # the value representation before the value in gdcm dumps, not a word of it
                start, v = start + 3, v[3:]
            parts = v.split("^")
            if re.search(r"\b(?:LN|SCT|SNM|I9|I10|I10C|CPT|HL7\d*|NDC|RXNORM|LOINC|SNOMED)$", v) or (
                    parts[-1] == "L" and parts[0].isupper() != parts[1].isupper()):
                continue  # a coded element "GLU^Glucose^LN", "GLU^Glucose^L" (local), not "ROE^JANE^L"
            spans.append(Span(start, start + len(v), "NAME", PRIORITY))
    if "=" in text:
        for m in _KW_PAIR.finditer(text):
            span = value_span(key_kind(m.group("key")), text, m.start("val"), m.end("val"), m.group("key"))
            if span is not None:
                spans.append(span)
    return spans
