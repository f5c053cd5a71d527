"""Name source of the v8 held-out families (`deid_heldout8.py`): held out like them, never tune on it.

Every Faker person locale has served an earlier split, so v8 draws its names from a different data set,
the `mimesis` package (22.2.0), whose name lists were compiled independently of Faker's. Its locales are
written the way a US note would write them:
- Latin-script locales (Turkish, Azerbaijani, Icelandic, Estonian, Croatian, Czech, Danish, Portuguese,
  Finnish): accents folded by anyascii, as transcription does ("Kulaksizoglu", Azerbaijani schwa as "e").
- Cyrillic (Russian, Ukrainian, Kazakh): anyascii's letter values, Ukrainian with its own "h"/"y"/"i"
  (г, и, і) and the soft sign and apostrophe dropped.
- Greek: digraphs first (ου "ou", αυ/ευ "av"/"ev" or "af"/"ef", μπ "b" initially), then anyascii.
- Japanese: only given names mimesis writes in kana, Hepburn-like from anyascii (kanji have no reading to
  take, and anyascii would read them as Mandarin), so Japanese contributes given names alone.
- Korean: given names in Revised Romanization written as one word ("Seoyeon"), word-final stops voiceless;
  family names in the customary passport spellings ("Kim", "Park", "Lee", "Choi") from a table, else
  Revised Romanization (mimesis lists many rare one-syllable family names).
- Kazakh patronymics keep "qyzy"/"uly" ("daughter/son of"), a particle, not a name word.
- Chinese: pinyin without tones, a given name's syllables as one word ("Zihao"), compound surnames too.
- Persian and Arabic (Morocco, Yemen): v7's romanizer (`deid_heldout7_roman.roman`).
Every name word the detector's lists hold (`known_to_detector`) is rejected and redrawn.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from anyascii import anyascii
from deid_harness import _ascii, known_to_detector
from deid_heldout7_roman import roman

LATIN = ("tr", "az", "is", "et", "hr", "cs", "da", "pt", "fi")
CYRILLIC = ("ru", "uk", "kk")
ABJAD = {"fa": "fa_IR", "ar-ma": "ar_DZ", "ar-ye": "ar_SA"}
HELDOUT_LOCALES = (*LATIN, *CYRILLIC, "el", "ja", "ko", "zh", *ABJAD)
FULL_NAME_LOCALES = tuple(loc for loc in HELDOUT_LOCALES if loc != "ja")  # ja: kana given names only
PARTICLES = frozenset("al el bin ibn ben bint abu bou umm ter qyzy uly".split())  # qyzy/uly: Kazakh "daughter/son of"

_UK = str.maketrans({"г": "h", "Г": "H", "ґ": "g", "Ґ": "G", "и": "y", "И": "Y", "і": "i", "І": "I", "ї": "i",
                     "Ї": "Yi", "є": "ie", "Є": "Ye", "ь": "", "'": "", "’": ""})
_GREEK_DIGRAPHS = (("ου", "ou"), ("ού", "ou"), ("Ου", "Ou"), ("αυ", "av"), ("αύ", "av"), ("ευ", "ev"), ("εύ", "ev"),
                   ("Αυ", "Av"), ("Ευ", "Ev"), ("γγ", "ng"), ("γκ", "gk"), ("Μπ", "B"), ("Ντ", "D"), ("αι", "ai"))
_KOREAN_SURNAMES = {
    "김": "Kim", "이": "Lee", "박": "Park", "최": "Choi", "정": "Jung", "강": "Kang", "조": "Cho", "윤": "Yoon",
    "장": "Jang", "임": "Lim", "한": "Han", "오": "Oh", "서": "Seo", "신": "Shin", "권": "Kwon", "황": "Hwang",
    "안": "Ahn", "송": "Song", "전": "Jeon", "홍": "Hong", "유": "Yoo", "고": "Ko", "문": "Moon", "양": "Yang",
    "손": "Son", "배": "Bae", "백": "Baek", "허": "Heo", "남": "Nam", "노": "Noh", "하": "Ha", "곽": "Kwak",
    "성": "Sung", "차": "Cha", "주": "Joo", "우": "Woo", "구": "Koo", "민": "Min", "류": "Ryu", "나": "Na",
    "진": "Jin", "지": "Ji", "엄": "Um", "채": "Chae", "원": "Won", "천": "Chun", "방": "Bang", "공": "Kong",
    "현": "Hyun", "함": "Ham", "변": "Byun", "염": "Yeom", "여": "Yeo", "추": "Choo", "도": "Do", "석": "Suk",
    "선": "Sun", "설": "Sul", "마": "Ma", "길": "Gil", "연": "Yeon", "표": "Pyo", "명": "Myung", "기": "Ki",
    "반": "Ban", "왕": "Wang", "금": "Keum", "옥": "Ok", "육": "Yook", "맹": "Maeng", "모": "Mo", "탁": "Tak",
    "국": "Kook", "심": "Shim", "두": "Doo", "적": "Juk", "제": "Je", "인": "In", "봉": "Bong", "경": "Kyung",
}
_KANA = re.compile(r"^[\u3040-\u30ff]+$")


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def _korean_finals(latin: str) -> str:
    """anyascii spells a syllable-final stop as if voiced ("hyeob", "jeog"); Revised Romanization, and US
    records, write it voiceless at the end of a word ("Hyeop", "Jinhyeok"), "ng" staying "ng"."""
    return re.sub(r"(?<!n)g$", "k", re.sub(r"b$", "p", re.sub(r"d$", "t", latin)))


def _greek(word: str) -> str:
    for src, dst in _GREEK_DIGRAPHS:
        word = word.replace(src, dst)
    return anyascii(word)


def romanize(value: str, loc: str, *, surname: bool = False) -> str:
    """A mimesis name of locale `loc` in Latin letters, spelled as a US note writes it (see module doc)."""
    value = re.sub(r"\s*\(.*?\)", "", value).strip()  # "Rad (Radan)": the short form only
    if loc in ABJAD:
        return roman(value, ABJAD[loc])
    if loc == "uk":
        return " ".join(_cap(anyascii(w.translate(_UK))) for w in value.split())
    if loc in CYRILLIC:
        return " ".join(_cap(anyascii(w).replace("'", "")) for w in value.split())
    if loc == "el":
        return " ".join(_cap(_greek(w)) for w in value.split())
    if loc == "ko":
        if surname and value in _KOREAN_SURNAMES:
            return _KOREAN_SURNAMES[value]
        return _cap(_korean_finals(anyascii(value)))
    if loc in ("zh", "ja"):
        return _cap(anyascii(value).replace("'", ""))
    return anyascii(unicodedata.normalize("NFC", value)).replace("'", "")


@functools.cache
def _person_provider(loc: str):
    from mimesis import Person
    from mimesis.enums import Locale

    return Person(Locale(loc))


def _usable(value: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", value) if w and w.lower() not in PARTICLES]
    return bool(words) and all(len(w) >= 2 and w.isascii() and w.isalpha() and w[0].isupper()
                               and not known_to_detector(w) for w in words)


def draw(g, kind: str, loc: str, sex: str) -> str:
    """One given name (kind "first") or family name ("last") of mimesis locale `loc`, romanized, that no
    detector list holds. mimesis is re-seeded from the generator's own random stream, so a seed rebuilds it."""
    from mimesis.enums import Gender

    provider = _person_provider(loc)
    gender = Gender.MALE if sex == "male" else Gender.FEMALE
    for _ in range(200):
        provider.reseed(g.r.randrange(1 << 30))
        raw = provider.first_name(gender) if kind == "first" else provider.last_name(gender)
        if loc == "ja" and not _KANA.match(raw):
            continue
        value = romanize(raw, loc, surname=kind == "last")
        if loc in ABJAD and kind == "first" and value.lower().startswith(("al-", "el-")):
            continue  # a given name read as if it began with the article ("Alvand")
        if _usable(value):
            return value
    raise RuntimeError(f"no {kind} name of mimesis locale {loc} outside the detector's lists after 200 draws")


def person(g, sex: str | None = None, locales=FULL_NAME_LOCALES) -> tuple[str, str]:
    """(given, family) of one person of one mimesis locale; the family name agrees with the sex where the
    language inflects it (Russian "-ova", Icelandic "-dottir", Greek "-idou")."""
    sex = sex or g.r.choice(("male", "female"))
    loc = g.r.choice(sorted(locales))
    return draw(g, "first", loc, sex), draw(g, "last", loc, sex)


def given(g, sex: str | None = None) -> str:
    """A given name alone, Japanese kana names included."""
    sex = sex or g.r.choice(("male", "female"))
    return draw(g, "first", g.r.choice(sorted(HELDOUT_LOCALES)), sex)


def words_of(value: str) -> list[str]:
    """The distinctive words of a name (particles aside), as the scorer's parts."""
    return [w for w in re.split(r"[\s-]+", value) if len(w) >= 2 and w.lower() not in PARTICLES]


def faker_overlap(n: int = 2000, seed: int = 0) -> float:
    """Share of drawn v8 name words (distinct, lower case) that any Faker locale's name lists also hold."""
    import random

    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    class _G:
        r = random.Random(seed)

    faker_words: set[str] = set()
    for loc in AVAILABLE_LOCALES:
        try:
            provider = next(p for p in Faker(loc).providers if ".person" in type(p).__module__)
        except (AttributeError, StopIteration):
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names", "last_names_male",
                     "last_names_female"):
            faker_words |= {w.lower() for v in getattr(provider, attr, ()) for w in _ascii(str(v)).split()}
    words = {w.lower() for _ in range(n) for v in person(_G) for w in words_of(v)}
    return len(words & faker_words) / len(words)
