"""PHI-injection harness: plant known identifiers into real notes, de-identify, count what survives.

Why: MTSamples notes are already scrubbed, so measuring a de-identifier on them says little. Planting
identifiers with known values gives a recall that can be computed exactly, for any system.

Definitions (the same for every system, medrepro or a peer):
- recall: share of planted identifiers none of whose parts (the value; for names each name word; for
  phones and IDs each run of 4+ digits; for "City, ST 12345" the city and the ZIP; for a facility its
  distinctive word) occurs in the system's output (case-insensitive, whole words).
- other_tokens_kept: the expected tokens are those of the raw note plus the template words around the
  planted values (placeholders are not tokens); kept = sum of min(count in output, expected count) /
  expected total. The raw note's own residual identifiers count as tokens for every system alike.
- clinical_strings_kept: share of planted clinical strings ("Coumadin 5 mg", "Jackson-Pratt drain")
  found verbatim in the output.
- seconds_per_300: the system's time on the planted notes, scaled to 300 notes.
Every planted value (and each of its parts) is redrawn until it is absent from the raw note and from the
template words, so "still present" always means "leaked". Names are drawn from Faker locales and every
name word that any list of the detector knows is rejected, so the lists cannot find them.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from medrepro.privacy import lexicon
from medrepro.privacy import name_lists as nl
from medrepro.privacy.patterns import PLACEHOLDER_RE

STATES = sorted(nl.STATE_ABBREVIATIONS - {"DC"})
STATE_NAMES = sorted(nl.US_STATES | set(nl.US_STATES_MULTIWORD) - {"District of Columbia"})
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ORD = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
_WORD_RE = re.compile(r"[^\W_]+")
_PARTICLES = frozenset("van von der den de la le da di du dos das del della ter ten".split())


def read_notes(path: Path, column: str = "transcription") -> list[str]:
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as fh:
        return [row.get(column) or "" for row in csv.DictReader(fh)]


def split_notes(notes: Sequence[str]) -> tuple[list[str], list[str]]:
    """(development, held-out) halves of the distinct non-empty notes, by a hash of the text.

    MTSamples repeats many notes under several specialties; hashing the text keeps every copy on one side.
    """
    halves: tuple[dict[str, None], dict[str, None]] = ({}, {})
    for t in notes:
        if isinstance(t, str) and t.strip():
            halves[hashlib.sha256(t.strip().encode()).digest()[0] & 1].setdefault(t, None)
    return list(halves[0]), list(halves[1])


@dataclass(frozen=True)
class Planted:
    category: str
    template: str
    value: str
    parts: tuple[str, ...]


def name(template: str, value: str, words: Sequence[str]) -> Planted:
    """A planted name whose parts are the whole value and each word of 2+ letters (particles aside)."""
    parts = [p for w in words for p in re.split(r"[\s-]+", w) if len(p) >= 2 and p.lower() not in _PARTICLES]
    return Planted("NAME", template, value, (value, *parts))


def parts_of_digits(value: str) -> tuple[str, ...]:
    return tuple(g for g in re.findall(r"\d+", value) if len(g) >= 4)


def known_to_detector(word: str) -> bool:
    """True when any list the de-identifier uses holds this word (so a planted name must avoid it)."""
    low = word.lower()
    title = word[:1].upper() + word[1:].lower()
    return (title in nl.FIRST_NAMES or title in nl.SURNAMES or low in nl.NON_NAME_WORDS
            or title in nl.US_STATES or title in nl.COUNTRIES_AND_REGIONS or title in nl.EPONYM_FIRST_NAMES
            or title in nl.US_CITIES or lexicon.is_clinical(word))


_UNDECOMPOSED = str.maketrans({"Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ß": "ss", "Æ": "Ae",
                               "æ": "ae", "Œ": "Oe", "œ": "oe", "ı": "i", "Þ": "Th", "þ": "th", "ð": "d"})


def _ascii(text: str) -> str:
    """Fold accents ("Kovács" -> "Kovacs"), as US transcription (and all of MTSamples) writes names."""
    text = text.translate(_UNDECOMPOSED)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return folded.replace("?", "")


class Gen:
    """Draws identifier values; names come from `locales` of Faker and avoid every detector list."""

    def __init__(self, rng: random.Random, locales: Sequence[str]) -> None:
        from faker import Faker

        self.r = rng
        self._fakers = []
        for i, loc in enumerate(locales):
            f = Faker(loc)
            f.seed_instance(rng.randrange(1 << 30) + i)
            self._fakers.append(f)
        self._us = Faker("en_US")
        self._us.seed_instance(rng.randrange(1 << 30))

    def _draw(self, method: str) -> str:
        for _ in range(200):
            value = _ascii(getattr(self.r.choice(self._fakers), method)())
            words = [w for w in re.split(r"[\s-]+", value) if w and w.lower() not in _PARTICLES]
            if words and all(len(w) >= 2 and w.isalpha() and w[0].isupper() and not known_to_detector(w)
                             for w in words):
                return value
        raise RuntimeError(f"no {method} outside the detector's lists after 200 draws")

    def first(self) -> str:
        return self._draw("first_name")

    def surname(self) -> str:
        return self._draw("last_name")

    def listed_first(self) -> str:
        return self.r.choice(sorted(nl.FIRST_NAMES_ALONE))

    def city(self) -> str:
        for _ in range(200):
            city = self._us.city()
            if not any(known_to_detector(w) for w in city.split()) and city not in nl.US_CITIES:
                return city
        raise RuntimeError("no city outside the detector's lists")

    def street(self) -> str:
        return self._us.street_name().split()[0]

    def company(self) -> str:
        return self._us.company()

    def digits(self, n: int) -> str:
        return str(self.r.randint(1, 9)) + "".join(str(self.r.randint(0, 9)) for _ in range(n - 1))

    def date(self) -> tuple[str, str]:
        """(value, format name) for a random day-level date in many spellings."""
        y, mo, d = self.r.randint(1990, 2023), self.r.randint(1, 12), self.r.randint(1, 28)
        month = MONTHS[mo - 1]
        ordinal = f"{d}{ORD.get(d, 'th')}"
        forms = {
            "mm/dd/yyyy": f"{mo:02d}/{d:02d}/{y}", "m/d/yy": f"{mo}/{d}/{y % 100:02d}",
            "m-d-yy": f"{mo}-{d}-{y % 100:02d}", "mm-dd-yyyy": f"{mo:02d}-{d:02d}-{y}",
            "month d, yyyy": f"{month} {d}, {y}", "mon d, yyyy": f"{month[:3]} {d}, {y}",
            "mon. d, yyyy": f"{month[:3]}. {d}, {y}", "d month yyyy": f"{d} {month} {y}",
            "d mon yyyy": f"{d} {month[:3]} {y}", "mon dth": f"{month[:3]} {ordinal}",
            "month dth, yyyy": f"{month} {ordinal}, {y}", "yyyy-mm-dd": f"{y}-{mo:02d}-{d:02d}",
            "yyyy/mm/dd": f"{y}/{mo:02d}/{d:02d}", "mm.dd.yyyy": f"{mo:02d}.{d:02d}.{y}",
            "d-mon-yyyy": f"{d}-{month[:3]}-{y}", "month yyyy": f"{month} {y}", "mm/yyyy": f"{mo:02d}/{y}",
            "dth of month, yyyy": f"{ordinal} of {month}, {y}", "month d": f"{month} {d}",
            "MONTH D, YYYY": f"{month.upper()} {d}, {y}", "m/d/yyyy hh:mm": f"{mo}/{d}/{y} at 14:{d:02d}",
            "mon-dd-yyyy": f"{month[:3]}-{d:02d}-{y}", "dd.mm.yyyy": f"{max(d, 13)}.{mo:02d}.{y}",
            "yyyy/m/d": f"{y}/{mo}/{d}", "month dth yyyy": f"{month} {ordinal} {y}",
            "mon d 'yy": f"{month[:3]} {d} '{y % 100:02d}", "dd/mm/yyyy": f"{max(d, 13)}/{mo:02d}/{y}",
        }
        key = self.r.choice(sorted(forms))
        return forms[key], key


Template = Callable[[Gen], tuple[str, list[Planted]]]
CLINICAL_FRAMES = ("She was continued on {c} as before.", "Findings: {c} noted.", "Plan: {c}, reassess.",
                    "{c} was documented.", "The team used {c} without difficulty.")
_EXTRA = {"NAME": 2, "DATE": 1}  # more names and dates per note, as in real notes


def present(part: str, text_lower: str) -> bool:
    return re.search(r"(?<![^\W_])" + re.escape(part.lower()) + r"(?![^\W_])", text_lower) is not None


def family_plant_problems(families: Sequence[Template], gen: Gen, draws: int, categories: set[str]) -> list[str]:
    """What a family gets wrong about its own plants; scoring trusts every planted value and part to be there.

    Each draw must plant something, in known categories, with every value verbatim in its sentence (as a
    whole word) and every scored part (two characters or more) inside it.
    """
    problems = []
    for family in families:
        for _ in range(draws):
            sentence, planted = family(gen)
            low = sentence.lower()
            if not planted or not {p.category for p in planted} <= categories:
                problems.append(f"{family.__name__}: plants {[p.category for p in planted]}")
            for item in planted:
                if not (item.value in sentence and present(item.value, low)):
                    problems.append(f"{family.__name__} ({item.template}): value not in its sentence")
                if not item.parts or not all(len(p) >= 2 and p.lower() in low for p in item.parts):
                    problems.append(f"{family.__name__} ({item.template}): a part is short or absent")
    return problems


def _insertion_points(text: str) -> list[int]:
    points = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z,])", text)]
    return points or [len(text)]


def plant(text: str, rng: random.Random, gen: Gen, families: dict[str, list[Template]],
          clinical: Sequence[str], n_clinical: int = 2,
          frames: Sequence[str] = CLINICAL_FRAMES) -> tuple[str, list[Planted], list[str], list[str]]:
    """Insert one sentence per family category (+ extra names and dates) and `n_clinical` clinical strings.

    `frames` are the sentences the clinical strings go in ("{c}" marks the place). Splits from v7 on bring
    their own, so that no cue built on the development frames' wording carries over to a held-out estimate.

    Returns the planted note, what was planted, the template sentences with values removed, and the
    clinical strings planted.
    """
    low = text.lower()
    sentences: list[tuple[str, list[Planted]]] = []
    used: list[str] = []
    for category, templates in families.items():
        for _ in range(1 + _EXTRA.get(category, 0)):
            for _attempt in range(50):
                sentence, planted = rng.choice(templates)(gen)
                parts = [p for item in planted for p in item.parts]
                context = sentence
                for item in planted:
                    context = context.replace(item.value, " ")
                clash = any(present(p, low) or present(p, context.lower()) for p in parts)
                clash = clash or any(present(p, u.lower()) or present(u, p.lower()) for p in parts for u in used)
                if not clash:
                    break
            used.extend(p for item in planted for p in item.parts)
            sentences.append((sentence, planted))
    chosen_clinical = rng.sample(list(clinical), n_clinical)
    for c in chosen_clinical:
        sentences.append((rng.choice(frames).format(c=c), [Planted("CLINICAL", "clinical", c, ())]))
    rng.shuffle(sentences)
    points = _insertion_points(text)
    chosen = sorted(rng.choice(points) for _ in sentences)
    out, pos = [], 0
    planted_all: list[Planted] = []
    skeletons: list[str] = []
    for point, (sentence, planted) in zip(chosen, sentences, strict=True):
        out.append(text[pos:point])
        out.append(sentence + "  ")
        pos = point
        skeleton = sentence
        for item in planted:
            skeleton = skeleton.replace(item.value, " ")
            if item.category != "CLINICAL":
                planted_all.append(item)
        skeletons.append(skeleton)
    out.append(text[pos:])
    if points == [len(text)]:
        out.insert(len(out) - 1, " ")
    return "".join(out), planted_all, skeletons, chosen_clinical


def tokens(text: str) -> Counter[str]:
    text = unicodedata.normalize("NFC", text)
    return Counter(w.lower() for w in _WORD_RE.findall(PLACEHOLDER_RE.sub(" ", text)))


@dataclass
class Corpus:
    notes: list[str]            # planted notes
    planted: list[list[Planted]]
    expected: list[Counter]     # non-PHI tokens each output should keep
    clinical: list[list[str]]


def build_corpus(notes: Sequence[str], n: int, seed: int, families: dict[str, list[Template]],
                 clinical: Sequence[str], locales: Sequence[str],
                 frames: Sequence[str] = CLINICAL_FRAMES) -> Corpus:
    """Plant identifiers into `n` notes drawn (with `seed`) from the non-empty `notes`."""
    pool = [t for t in notes if isinstance(t, str) and t.strip()]
    if not pool:
        raise ValueError("no non-empty notes to plant identifiers into")
    rng = random.Random(seed)
    gen = Gen(random.Random(seed + 1), locales)
    corpus = Corpus([], [], [], [])
    for text in rng.sample(pool, min(n, len(pool))):
        planted_text, planted, skeletons, chosen = plant(text, rng, gen, families, clinical, frames=frames)
        corpus.notes.append(planted_text)
        corpus.planted.append(planted)
        corpus.expected.append(tokens(text) + tokens(" ".join(skeletons)))
        corpus.clinical.append(chosen)
    return corpus


def score(corpus: Corpus, system: Callable[[str], str]) -> dict:
    """Run `system` (text -> de-identified text) over the corpus and score it; values are never returned
    except in `missed` (planted surrogates, with their family, for the caller to print on request)."""
    outputs, seconds = [], 0.0
    for text in corpus.notes:
        start = time.perf_counter()
        outputs.append(system(text))
        seconds += time.perf_counter() - start
    planted_n: Counter[str] = Counter()
    removed_n: Counter[str] = Counter()
    by_template: dict[str, Counter] = {}
    missed: list[tuple[str, str, str]] = []
    expected_total = kept_total = clinical_total = clinical_kept = 0
    for out, planted, expected, clinical in zip(outputs, corpus.planted, corpus.expected, corpus.clinical,
                                                 strict=True):
        low = unicodedata.normalize("NFC", out).lower()
        for item in planted:
            gone = not any(present(p, low) for p in item.parts)
            planted_n[item.category] += 1
            removed_n[item.category] += gone
            stats = by_template.setdefault(item.template, Counter())
            stats["planted"] += 1
            stats["removed"] += gone
            if not gone:
                missed.append((item.category, item.template, item.value))
        got = tokens(out)
        expected_total += sum(expected.values())
        kept_total += sum(min(c, got[t]) for t, c in expected.items())
        clinical_total += len(clinical)
        clinical_kept += sum(c in out for c in clinical)
        missed.extend(("CLINICAL", "clinical", c) for c in clinical if c not in out)
    n_planted = sum(planted_n.values())
    return {
        "n_notes": len(corpus.notes),
        "n_planted": n_planted,
        "recall": sum(removed_n.values()) / n_planted if n_planted else None,
        "recall_by_category": {c: removed_n[c] / planted_n[c] for c in sorted(planted_n)},
        "planted_by_category": dict(sorted(planted_n.items())),
        "recall_by_template": {k: v["removed"] / v["planted"] for k, v in sorted(by_template.items())},
        "planted_by_template": {k: v["planted"] for k, v in sorted(by_template.items())},
        "other_tokens_kept": kept_total / expected_total if expected_total else None,
        "clinical_strings_kept": clinical_kept / clinical_total if clinical_total else None,
        "n_clinical": clinical_total,
        "seconds": round(seconds, 3),
        "seconds_per_300": round(seconds * 300 / max(1, len(corpus.notes)), 2),
        "missed": sorted(missed),
    }
