"""Identifiers in key/value text whose KEY says what the value is, in any syntax (round 9).

Machine-made text pasted into notes (JSON and FHIR resources, XML and CDA, YAML/INI/"key=value" blocks,
query strings, form fields with dot leaders, DICOM header dumps) names every value by a key, so a value
needs no cue in prose: "family": "Roe", <given>Jane</given>, dob=1950-03-02, (0010,0010) PN [ROE^JANE].
Keys are split into words ("birthDate", "pt_name", "Patient's Name" -> birth date, pt name, patient name)
and read by meaning (`key_kind`); the value must then have the shape of its kind (`value_ok`: a name is
capitalised words, a date has a day, an ID has digits), so "status": "active" or <Diagnosis>Graves
disease</Diagnosis> stay. Generic keys ("value", "text", "line", XML value= and extension=) take their
meaning from the key or element that encloses them (an "identifier" object, <telecom value="tel:...">).

The scanner is tolerant rather than a parser: fragments in notes are often truncated or retyped, and the
spans need exact offsets, which json/xml.etree do not give.
"""

from __future__ import annotations

import re

from medrepro.privacy import lexicon_vocab as lv
from medrepro.privacy.rulebase import Span

PRIORITY = 91  # the key says what the value is: above prose rules that would split or extend it

_SPLIT = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[^A-Za-z0-9#]+")
_GLUED = {"firstname": ("first", "name"), "lastname": ("last", "name"), "fname": ("first", "name"),
          "lname": ("last", "name"), "surname": ("surname",), "dob": ("birth", "date"), "birthdate": ("birth", "date"),
          "birthtime": ("birth", "date"), "zipcode": ("zip",), "postcode": ("zip",), "postalcode": ("zip",),
          "mrn": ("record", "id"), "ptname": ("patient", "name"), "nok": ("kin",), "dt": ("date",),
          "dos": ("date",), "doa": ("date",), "tel": ("phone",), "telephone": ("phone",), "addr": ("address",),
          "acct": ("account", "id"), "ssn": ("ssn", "id"), "phn": ("phone",), "id#": ("id",), "#": ("id",),
          "no": ("id",), "num": ("id",), "nbr": ("id",), "number": ("id",), "email": ("email",), "mail": ("email",)}

_EMAIL = frozenset({"email"})
_PHONE = frozenset({"phone", "mobile", "cell", "fax", "pager", "beeper", "telecom", "contactnumber", "sms"})
_DATE = frozenset({"date", "birth", "born", "time", "timestamp", "deceased", "admitted", "discharged", "expiry"})
_ADDRESS = frozenset({"address", "street", "address1", "address2", "residence"})
_CITY = frozenset({"city", "town", "municipality", "county", "locality"})
_ZIP = frozenset({"zip", "postal"})
_ID = frozenset({"id", "identifier", "record", "account", "ssn", "chart", "extension", "accession", "member",
                 "policy", "subscriber", "npi", "dea", "license", "licence", "passport", "medicaid", "medicare",
                 "claim", "encounter", "mr", "uid", "serial", "badge", "insurance", "case", "requisition"})
# A role names a person by itself; the weak words only with "name" or with each other ("emergency contact",
# "signed by"), so "last menstrual period" or "first degree" are no name keys.
_PERSON = frozenset({"surname", "forename", "maiden", "guarantor", "kin", "guardian", "caregiver", "spouse",
                     "insured", "provider", "physician", "doctor", "dr", "attending", "pcp", "surgeon",
                     "anesthesiologist", "referrer", "nurse", "signer", "practitioner", "clinician", "therapist",
                     "witness", "interpreter", "radiologist", "pathologist", "consultant", "requester", "cosigner",
                     "transcriptionist"})
_PERSON_WEAK = frozenset({"name", "patient", "pt", "given", "family", "first", "last", "middle", "contact",
                          "emergency", "mother", "father", "parent", "responsible", "party", "signed", "dictated",
                          "transcribed", "referring", "ordering", "author", "operator", "assistant", "resident",
                          "performer", "performing", "of", "by", "the", "full", "legal", "preferred"})
# Words that make a key about something other than a person, a place or a number that identifies.
_NOT_ID = frozenset({"drug", "medication", "med", "test", "study", "series", "protocol", "device", "product", "code",
                     "display", "brand", "generic", "facility", "hospital", "institution", "clinic", "organization",
                     "practice", "department", "procedure", "diagnosis", "problem", "organism", "specimen", "body",
                     "site", "vaccine", "allergen", "history", "plan", "payer", "company", "employer", "pharmacy",
                     "unit", "ward", "room", "bed", "floor", "item", "file", "app", "host", "event", "type", "status",
                     "category", "system", "root", "dose", "count", "page", "version", "grade", "size", "level",
                     "score", "sequence", "instance", "frame", "slice", "step", "visit", "modality", "sex",
                     "gender", "state", "country", "use", "resource", "description", "result", "reason", "method",
                     "format", "language", "relationship", "role", "specialty", "service", "length", "duration"})
_GENERIC = frozenset({"value", "text", "line", "lines", "display", "content", "data", "v"})


def key_words(key: str) -> tuple[str, ...]:
    """ "birthDate" -> (birth, date); "Patient's Name" -> (patient, name); "mrn" -> (record, id)."""
    key = key.replace("'s", "").replace("\u2019s", "")
    out: list[str] = []
    for w in _SPLIT.split(key):
        if not w:
            continue
        w = w.lower()
        out.extend(_GLUED.get(w, (w,)))
    return tuple(out)


def key_kind(key: str, parent: str = "") -> str | None:
    """The category a key's value is (NAME, DATE, PHONE, EMAIL, ID, ADDRESS, LOCATION) or None."""
    words = key_words(key)
    if not words or len(words) > 6:
        return None
    ws = set(words)
    if ws <= _GENERIC or (ws & {"line", "lines"} and parent):
        return key_kind(parent) if parent else None
    if ws & _EMAIL:
        return "EMAIL"
    if ws & _PHONE or ("contact" in ws and ws & {"id", "phone"}):
        return "PHONE"
    if ws & _ZIP or ("code" in ws and ws & {"post", "postal"}):
        return "LOCATION"
    if ws & _NOT_ID and not ws & {"birth"}:
        return None
    if ws & _ADDRESS:
        return "ADDRESS"
    if ws & _CITY:
        return "LOCATION"
    if ws & _DATE:
        return "DATE"
    if ws & _ID:
        return "ID"
    if ws & _PERSON or "name" in ws or ws <= _PERSON_WEAK:
        return "NAME"
    return None


_NAME_WORD = r"(?:[A-Z][A-Za-z'\u2019-]*\.?|(?:van|von|de|del|der|da|di|du|la|le|al|el|bin|ten|ter)\b)"
_NAME_VALUE = re.compile(_NAME_WORD + r"(?:(?:\s*[,^]\s*|\s+|\^+)" + _NAME_WORD + r"){0,4}\^*")
_NOT_NAMES = frozenset("unknown none n/a na self same patient yes no pending refused declined active inactive "
                       "tbd null male female other mother father spouse parent son daughter husband wife friend "
                       "sister brother guardian legal home work mobile official usual temp old nickname".split())
_DATE_VALUE = re.compile(
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|(?:19|20)\d{2}(?:0[1-9]|1[0-2])"
    r"(?:0[1-9]|[12]\d|3[01])|\d{1,2}[ -]?[A-Za-z]{3,9}\.?[ -,]*\d{2,4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4})"
    r"(?:[T ]?\d{1,2}:?\d{2}(?::?\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_ID_VALUE = re.compile(r"[A-Za-z]{0,4}[-#]?\d[\dA-Za-z./-]{2,30}|\d{3,}(?:[ -]\d{2,})*")
_PHONE_VALUE = re.compile(r"\+?[\d()][\d() .x-]{6,24}\d")
_ZIP_VALUE = re.compile(r"\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d")


_NAME_KEYS = frozenset({"name", "given", "family", "surname", "forename", "first", "last", "middle", "maiden"})


def names_a_name(key: str) -> bool:
    """A key that says its value IS a name ("given", "pt_name"), not a role that may hold a department."""
    return bool(set(key_words(key)) & _NAME_KEYS)


def value_ok(kind: str, value: str, trusted: bool = False) -> bool:
    """Does `value` have the shape of a `kind` value (so "status": "active" under a name key stays)?

    trusted: the key says the value is a name, so a name that is also a clinical word ("Willow") goes."""
    v = value.strip()
    if not v or len(v) > 120 or "\n" in v:
        return False
    if kind == "NAME":
        if not _NAME_VALUE.fullmatch(v):
            return False
        words = [w for w in re.split(r"[\s,^.]+", v) if w]
        return bool(words) and not all(w.lower() in _NOT_NAMES or (not trusted and lv.is_clinical(w))
                                       for w in words)
    if kind == "DATE":
        return bool(_DATE_VALUE.fullmatch(v))
    if kind == "PHONE":
        return bool(_PHONE_VALUE.fullmatch(v)) and sum(ch.isdigit() for ch in v) >= 7
    if kind == "EMAIL":
        return "@" in v
    if kind == "ID":
        return bool(_ID_VALUE.fullmatch(v)) and sum(ch.isdigit() for ch in v) >= 3 and not _DATE_VALUE.fullmatch(v)
    if kind == "ADDRESS":
        return any(ch.isalpha() for ch in v) and len(v) <= 80
    if kind == "LOCATION":
        return bool(_ZIP_VALUE.fullmatch(v)) or bool(re.fullmatch(r"[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3}", v)
                                                    and not all(lv.is_clinical(w) for w in v.split()))
    return False


def value_span(kind: str | None, text: str, start: int, end: int, key: str = "") -> Span | None:
    """A span over text[start:end] (stripped; a "tel:"/"mailto:" scheme left out) when it fits `kind`."""
    if kind is None:
        return None
    while start < end and text[start] in " \t\"'":
        start += 1
    while end > start and text[end - 1] in " \t\"',;":
        end -= 1
    if end > start and text[end - 1] == "." and not re.search(r"(?:^|[\s,^])[A-Za-z]\.$", text[start:end]):
        end -= 1  # the sentence's full stop, not an initial ("Roe, J.")
    m = re.match(r"(?:tel|fax|mailto|sms):", text[start:end], re.I)
    if m:
        start += m.end()
    if kind == "LOCATION" and _ZIP_VALUE.fullmatch(text[start:end]) is None and text[start:end].isdigit():
        return None
    if kind == "ADDRESS" and text[start:end].isdigit() and len(text[start:end]) == 5:
        kind = "LOCATION"  # a ZIP in an address field
    trusted = kind == "NAME" and names_a_name(key)
    return Span(start, end, kind, PRIORITY) if value_ok(kind, text[start:end], trusted) else None


# --- JSON and Python-dict objects -------------------------------------------------------------------------
_JSON_PAIR = re.compile(r"""(?P<q>["'])(?P<key>[^"'\n]{1,60})(?P=q)\s*:\s*(?P<val>(?P<vq>["'])"""
                        r"""(?:(?!(?P=vq))[^\\\n]|\\.){0,200}(?P=vq)|\[[^\[\]{}]{0,400}\]|-?\d[\d.]*)""")
_JSON_STR = re.compile(r"""(["'])((?:(?!\1)[^\\\n]|\\.)*)\1""")
_PARENT_KEY = re.compile(r"""["']([^"'\n]{1,60})["']\s*:\s*\[?\s*$""")
_SYSTEM = re.compile(r"""["']system["']\s*:\s*["'](phone|email|fax|sms|pager|url)["']""")


def _enclosing(text: str, pos: int, lo: int) -> tuple[str, int]:
    """(key of the object enclosing `pos`, offset of its '{'), scanning back to `lo` with a brace count."""
    depth = 0
    for i in range(pos - 1, lo - 1, -1):
        ch = text[i]
        if ch == "}":
            depth += 1
        elif ch == "{":
            if depth == 0:
                m = _PARENT_KEY.search(text, max(lo, i - 80), i)
                return (m.group(1) if m else ""), i
            depth -= 1
    return "", -1


def json_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _JSON_PAIR.finditer(text):
        key, val_start = m.group("key"), m.start("val")
        parent = ""
        if set(key_words(key)) <= _GENERIC:
            parent, brace = _enclosing(text, m.start(), max(0, m.start() - 1500))
            if brace >= 0:
                close = text.find("}", m.end())
                sysm = _SYSTEM.search(text, brace, close if close > 0 else m.end() + 200)
                if sysm:
                    parent = sysm.group(1)
        kind = key_kind(key, parent)
        if kind is None:
            continue
        if text[val_start] == "[":
            for s in _JSON_STR.finditer(text, val_start, m.end()):
                span = value_span(kind, text, s.start(2), s.end(2), key)
                spans += [span] if span else []
        else:
            span = value_span(kind, text, val_start, m.end(), key)
            spans += [span] if span else []
    return spans


# --- XML elements and attributes ------------------------------------------------------------------------
_TAG = re.compile(r"<(/?)(?:[\w.-]+:)?([A-Za-z][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*(/?)>")
_ATTR = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"<]*)\"|'([^'<]*)')")
_SKIP_ATTRS = frozenset("root code codesystem codesystemname displayname use type classcode moodcode xsi:type unit "
                        "nullflavor xmlns mediatype representation typecode determinercode".split())


def xml_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    stack: list[str] = []
    last_open: tuple[str, int] | None = None
    for m in _TAG.finditer(text):
        closing, tag, attrs, selfclose = m.group(1), m.group(2), m.group(3), m.group(4)
        if closing:
            if last_open and last_open[0] == tag:
                parent = stack[-2] if len(stack) >= 2 else ""
                span = value_span(key_kind(tag, parent), text, last_open[1], m.start(), tag)
                spans += [span] if span else []
            while stack and stack.pop() != tag:
                pass
            last_open = None
            continue
        parent = stack[-1] if stack else ""
        for a in _ATTR.finditer(attrs):
            name = a.group(1).lower()
            if name in _SKIP_ATTRS or name.startswith("xmlns"):
                continue
            vs = m.start(3) + (a.start(2) if a.group(2) is not None else a.start(3))
            ve = m.start(3) + (a.end(2) if a.group(2) is not None else a.end(3))
            kind = key_kind(tag, parent) if name in ("value", "extension") else key_kind(a.group(1), tag)
            if name == "extension" and kind is None:
                kind = "ID"  # II.extension: the identifier itself, whatever element carries it
            span = value_span(kind, text, vs, ve)
            spans += [span] if span else []
        if not selfclose:
            stack.append(tag)
            last_open = (tag, m.end())
    return spans


# --- DICOM header dumps --------------------------------------------------------------------------------
_DICOM = re.compile(r"\(\s*([0-9A-Fa-f]{4}),\s*([0-9A-Fa-f]{4})\)\s*(?:([A-Za-z][\w' ()/-]{0,60}?)\s+)?([A-Z]{2})"
                    r"\s*:?\s*(?:\[([^\]\n]*)\]|'([^'\n]*)'|\"([^\"\n]*)\")")
_DICOM_TAGS = {("0010", "0020"): "ID", ("0010", "1000"): "ID", ("0010", "1040"): "ADDRESS",
               ("0010", "2154"): "PHONE", ("0008", "0050"): "ID", ("0008", "0081"): "ADDRESS",
               ("0020", "0010"): "ID", ("0010", "21F0"): None}


def dicom_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _DICOM.finditer(text):
        group, elem, vr = m.group(1), m.group(2).upper(), m.group(4)
        g = 5 if m.group(5) is not None else 6 if m.group(6) is not None else 7
        kind = {"PN": "NAME", "DA": "DATE", "DT": "DATE"}.get(vr) or _DICOM_TAGS.get((group, elem))
        span = value_span(kind, text, m.start(g), m.end(g), "name" if vr == "PN" else "")
        spans += [span] if span else []
    return spans


# --- key: value lines, key=value pairs, form fields with leaders ------------------------------------------
_LINE_KV = re.compile(r"(?m)(?:^[ \t>*-]*|(?<=\S  ))(?P<key>[A-Za-z][A-Za-z0-9 _'#/().-]{0,40}?)(?<=[A-Za-z#).])[ \t]*"
                      r"(?::|=|\.{3,}|_{3,}|-{3,}|[ \t]{3,})[ \t]*(?=(?P<val>[^\s:=][^\n]*?)[ \t]*$)")
_PAIR = re.compile(r"(?:^|(?<=[?&;|\n\t])|(?<=[;|] )|(?<=\s\s))[ \t]*(?P<key>[A-Za-z_][\w .'#-]{0,40}?)[ \t]*="
                   r"[ \t]*(?P<val>[^&;|\n\t=]+?)(?=$|[&;|\n\t]| {2,})", re.M)
_CONT = re.compile(r"\n[ \t]*([A-Z][A-Za-z'\u2019-]+)(?=[ \t]{2,}|[ \t]*$|[ \t]*\n)", re.M)


def _cut(text: str, start: int, end: int) -> int:
    """A value on a line ends at a run of 2+ spaces or a " | " (the next field of a form or a header)."""
    m = re.search(r" {2,}|\t| \| ", text[start:end])
    return start + m.start() if m else end


def line_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for rx in (_LINE_KV, _PAIR):
        for m in rx.finditer(text):
            kind = key_kind(m.group("key").strip())
            if kind is None:
                continue
            start = m.start("val")
            end = _cut(text, start, m.end("val"))
            span = value_span(kind, text, start, end, m.group("key"))
            if span is None:
                continue
            if kind == "NAME" and (text[span.end:end].startswith(",") or " " not in text[span.start:span.end]):
                cont = _CONT.match(text, end if text[span.end:end].strip(", ") == "" else span.end)
                if cont and not lv.is_clinical(cont.group(1)):  # "Patient Name: Jane\nRoe" broken by the extractor
                    span = Span(span.start, cont.end(1), "NAME", PRIORITY)
            spans.append(span)
    return spans


def key_value_spans(text: str) -> list[Span]:
    """Every identifier found by its key in `text` (JSON, XML, DICOM, key/value lines and pairs)."""
    spans: list[Span] = []
    if '":' in text or "':" in text or '" :' in text:
        spans += json_spans(text)
    if "</" in text or "/>" in text:
        spans += xml_spans(text)
    if "(00" in text or "(0" in text:
        spans += dicom_spans(text)
    spans += line_spans(text)
    return spans
