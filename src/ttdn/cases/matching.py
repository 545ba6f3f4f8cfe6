"""Matching a new false-information tip against existing cases — a pure engine, no database.

Two thresholds, as in Meedan Check:

* ``join_at`` (default 0.85) — at or above it a new tip joins the existing case automatically;
* ``suggest_at`` (default 0.6) — between the two, staff are shown a suggestion to confirm or
  reject; below it the tip opens a new case.

The same canonical link is always the same case, whatever the text says.

How two texts are compared
    Both are analysed the same way (:func:`_analyse`): NFC; links, hashtags and @mentions
    dropped (they decorate a claim, they are not the claim); emoji and punctuation dropped;
    every word folded (case, tone and vowel marks, đ→d), so "Cẩm Tân", "cam tan" and
    "CAM TAN" are one word pair; amounts and dates rewritten as one canonical token each
    ("1,5 triệu" = "1.500.000 đồng" = ``n:1500000``, "ngày 14 tháng 9" = "14/9" =
    ``d:14-9``); filler that does not change the claim ("nghe nói", "mọi người chia sẻ gấp",
    "là", "đã", …) removed. :func:`similarity` mixes the overlap of words (Dice), of adjacent word
    pairs (Jaccard) and of character trigrams (forgiving a typo); a substantial partial quote
    (at least 6 content words, covering at least 40 % of the other text, nearly all its words
    and word pairs found there) scores by containment instead, so forwarding half of a rumour
    still joins it.

Why the details are compared
    Lexical similarity cannot tell a near-miss from a rewording. "Xã cấp 2 tỷ cho thôn Đông"
    and "xã cấp 3 tỷ cho thôn Đông" share every word but one and score higher than most honest
    rewordings, yet they are different claims. So :func:`compare` looks at the details that
    carry the meaning, and when they conflict the tip is never joined automatically — at most it
    is suggested, with the reason spelled out for the officer ("khác số tiền: 2 tỷ / 3 tỷ"):

    * numbers and amounts, percentages, dates (:func:`details`) — as sets, and by the word in
      front of them, so "bão số 11" differs from "bão số 10 … cấp 11";
    * places after a keyword (thôn, xã, bản, phường, …) written with capitals, and names —
      runs of capitalised words inside a sentence — that each text gives and the other does not
      contain anywhere, in any case or without marks ("dốc An Lâm" / "dốc Hưng An"); a name
      one text simply leaves out is no conflict;
    * polarity: a negation ("không", "chưa", "chẳng hề", "từ chối", …) in front of a predicate
      the other text asserts ("cầu không hề bị sập" / "cầu bị sập"), or one text calling the
      claim false ("sai sự thật", "tin giả"); a negated clause the other text simply does not
      quote is no conflict;
    * a short substitution inside otherwise aligned text — the words are aligned (difflib),
      and a replacement of one to three words between matching stretches changes a detail when
      it follows a place or name keyword, replaces a capitalised word, a unit, a count in words
      or an outcome, is an antonym, or swaps one word for another inside identical text —
      unless the two sides are known synonyms ("sẽ"/"sắp", "đền bù"/"bồi thường"): "thon tay
      hoa" / "thôn Đông Hòa" typed without capitals, "giảm" / "tăng", "mỗi năm" / "mỗi tháng",
      "nhập viện" / "tử vong", "tiểu học" / "trung học".

    :func:`best_matches` keeps one verdict per case (its best tip) and, when two cases would be
    joined about equally well — a short quote both contain — suggests both instead.

    The score is calibrated (``_CALIBRATION``) so that the settings' thresholds fall where the
    labelled corpus puts them; ``benchmarks/cases_matching_quality.py`` prints precision and
    recall at both.

Known limits: two words that differ only by their marks fold to one ("Hùng"/"Hưng") and cannot
be told apart; a rewording that swaps a word for a synonym the table does not know is
suggested rather than joined (the safe side).
"""

from __future__ import annotations

import difflib
import heapq
import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext

from ttdn.core.text import fold_key

Decision = Literal["join", "suggest", "new"]

# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[^\w]+|_")


def normalise(text: str) -> str:
    """NFC, case-folded, diacritics folded (đ→d), punctuation to spaces, whitespace collapsed."""
    folded = fold_key(unicodedata.normalize("NFC", text or ""))
    return " ".join(_NON_WORD.sub(" ", folded).split())


_TRACKING_EXACT = {"fbclid", "gclid", "igshid", "si", "mibextid", "ref", "__tn__"}
_TRACKING_PREFIXES = ("utm_", "__cft__")
_HOST_ALIASES = {
    "m.facebook.com": "facebook.com",
    "mbasic.facebook.com": "facebook.com",
    "web.facebook.com": "facebook.com",
    "m.youtube.com": "youtube.com",
}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


def canonical_link(url: str) -> str:
    """A canonical form of a link, so that shares of the same post compare equal."""
    raw = (url or "").strip()
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        return raw
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return raw
    host = parts.hostname.lower().removeprefix("www.")
    host = _HOST_ALIASES.get(host, host)
    path = parts.path.rstrip("/")
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in pairs if not _is_tracking(k)]
    if host == "youtu.be" and path.strip("/"):
        host, query = "youtube.com", [*query, ("v", path.strip("/"))]
        path = "/watch"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


_LINK = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"']+")


def links_in(text: str) -> list[str]:
    """The http(s) links written inside a text (trailing punctuation left out)."""
    found = []
    for match in _LINK.finditer(text or ""):
        url = match.group(0).rstrip(".,;:!?)]}»”’")
        found.append(url if url.lower().startswith("http") else f"https://{url}")
    return found


# ---------------------------------------------------------------------------------------------
# Details
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Number:
    value: float
    percent: bool = False
    money: bool = False
    label: str = ""

    @property
    def key(self) -> tuple[float, bool]:
        return (round(self.value, 6), self.percent)


@dataclass(frozen=True)
class Date:
    day: int | None
    month: int | None
    year: int | None
    label: str = ""

    def compatible(self, other: Date) -> bool:
        pairs = ((self.day, other.day), (self.month, other.month), (self.year, other.year))
        return all(a is None or b is None or a == b for a, b in pairs)


@dataclass(frozen=True)
class Place:
    key: str
    label: str


@dataclass(frozen=True)
class Details:
    numbers: tuple[Number, ...] = ()
    dates: tuple[Date, ...] = ()
    places: tuple[Place, ...] = ()
    negated: bool = False
    # The predicates a negation stands in front of, and the words the text asserts (folded).
    negations: frozenset[str] = field(default=frozenset(), compare=False)
    asserted: frozenset[str] = field(default=frozenset(), compare=False)
    debunks: bool = False


_MULTIPLIERS = {
    "nghin": 1e3,
    "ngan": 1e3,
    "k": 1e3,
    "tram": 1e2,
    "trieu": 1e6,
    "tr": 1e6,
    "ty": 1e9,
    "ti": 1e9,
}
_MONEY_WORDS = re.compile(r"^\s*(?:đồng|dong|đ|vnd|vnđ|usd|\$)(?!\w)", re.IGNORECASE)
_NUMBER = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)*)"
    r"(?:\s*(%|phần trăm|phan tram|nghìn|nghin|ngàn|ngan|triệu|trieu|tỷ|tỉ|ty|ti|trăm|tram|tr|k)"
    r"(?!\w))?",
    re.IGNORECASE,
)
_DATE_PATTERNS = (
    # ngày 12 tháng 3 (năm 2026)
    re.compile(
        r"ng[àa]y\s+(?P<d>\d{1,2})\s+th[áa]ng\s+(?P<m>\d{1,2})(?:\s+n[ăa]m\s+(?P<y>\d{4}))?",
        re.IGNORECASE,
    ),
    # tháng 3/2026, tháng 3 năm 2026, tháng 3
    re.compile(
        r"th[áa]ng\s+(?P<m>\d{1,2})(?:(?:\s*[/-]\s*|\s+n[ăa]m\s+)(?P<y>\d{4}))?(?![\d/])",
        re.IGNORECASE,
    ),
    # 12/3/2026, 12-3-2026, 12/3
    re.compile(r"(?<![\d/])(?P<d>\d{1,2})[/-](?P<m>\d{1,2})(?:[/-](?P<y>\d{4}|\d{2}))?(?![\d/])"),
    # năm 2026
    re.compile(r"n[ăa]m\s+(?P<y>(?:19|20)\d{2})(?!\d)", re.IGNORECASE),
)
_PLACE_KEYWORD = (
    r"thôn|thon|xã|xa|huyện|huyen|tỉnh|tinh|phường|phuong|bản|xóm|xom|làng|"
    r"thành phố|thanh pho|thị trấn|thi tran|quận|ấp|tp"
)
_PLACE = re.compile(rf"(?<!\w)(?:tp\.|(?:{_PLACE_KEYWORD})(?!\w))", re.IGNORECASE)
_NAME_WORD = re.compile(r"[ \t]*([^\W_]\w*)")


def _parse_number(digits: str, unit: str) -> float:
    """Vietnamese style first: "." groups thousands ("1.500.000"), "," is the decimal mark
    ("1,5 tỷ"); "1.5 tỷ" (one "." and one or two decimals) is read as a decimal too."""
    unit_key = fold_key(unit)
    if re.fullmatch(r"\d+\.\d{1,2}", digits) or re.fullmatch(r"\d+,\d+", digits):
        base = float(digits.replace(",", "."))
    elif re.fullmatch(r"\d+(?:,\d{3})+", digits):
        base = float(digits.replace(",", ""))  # "1,500,000" written the English way
    else:
        base = float(re.sub(r"[.,]", "", digits))  # "1.500.000", and malformed groupings
    return base * _MULTIPLIERS.get(unit_key, 1.0)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    token: str


def _extract_dates(text: str) -> tuple[list[Date], list[_Span], str]:
    dates: list[Date] = []
    spans: list[_Span] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            day, month, year = (_int_or_none(groups.get(k)) for k in ("d", "m", "y"))
            if year is not None and year < 100:
                year += 2000
            bare = year is None and pattern is _DATE_PATTERNS[2]  # "3/4" may be a fraction
            if bare and not (1 <= (day or 0) <= 31 and 1 <= (month or 0) <= 12):
                continue
            date = Date(day, month, year, match.group(0).strip())
            dates.append(date)
            parts = "-".join(str(p) for p in (day, month, year) if p is not None)
            spans.append(_Span(match.start(), match.end(), f"d:{parts}"))
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return dates, spans, text


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value else None


def _number_token(number: Number) -> str:
    value = number.value
    text = str(int(value)) if value == int(value) else f"{value:.6f}".rstrip("0")
    return f"n:{text}{'%' if number.percent else ''}"


def _extract_numbers(text: str) -> tuple[tuple[Number, ...], list[_Span]]:
    found: list[Number] = []
    spans: list[_Span] = []
    for match in _NUMBER.finditer(text):
        unit = match.group(2) or ""
        unit_key = fold_key(unit)
        value = _parse_number(match.group(1), unit)
        percent = unit_key in ("%", "phan tram")
        money_word = _MONEY_WORDS.match(text[match.end() :])
        money = unit_key in _MULTIPLIERS or bool(money_word)
        end = match.end() + (money_word.end() if money_word else 0)
        if found and _continues_amount(found[-1], value, unit_key, text, match.start()):
            previous = found.pop()
            label = f"{previous.label} {match.group(0).strip()}"
            number = Number(previous.value + value, False, True, label)
            found.append(number)
            spans[-1] = _Span(spans[-1].start, end, _number_token(number))
            continue
        number = Number(value, percent, money, match.group(0).strip())
        found.append(number)
        spans.append(_Span(match.start(), end, _number_token(number)))
    unique = {n.key: n for n in found}
    return tuple(sorted(unique.values())), spans


def _continues_amount(previous: Number, value: float, unit_key: str, text: str, at: int) -> bool:
    """ "1 tỷ 500 triệu" is one amount, not two numbers."""
    if not previous.money or previous.percent or unit_key in ("%", "phan tram"):
        return False
    between = text[:at].rstrip()
    return between.endswith(previous.label.split()[-1]) and value < previous.value


def _shouting(text: str) -> bool:
    """Mostly capitals: capitals then say nothing about names."""
    letters = sum(map(str.isalpha, text))
    return letters >= 8 and sum(map(str.isupper, text)) > 0.6 * letters


def _extract_places(text: str, shouting: bool = False) -> tuple[Place, ...]:
    if shouting:
        return ()
    places: dict[str, Place] = {}
    for match in _PLACE.finditer(text):
        keyword = match.group(0)
        words = _name_after(text, match.end())
        if not words:
            continue
        key = fold_key(" ".join(words))
        places.setdefault(key, Place(key, f"{keyword} {' '.join(words)}"))
    return tuple(places.values())


def _name_after(text: str, position: int, max_words: int = 4) -> list[str]:
    """The capitalised words (or a number) that follow a place keyword: "thôn Đông Hòa",
    "thôn 5"."""
    words: list[str] = []
    while len(words) < max_words:
        match = _NAME_WORD.match(text, position)
        if not match:
            break
        word = match.group(1)
        if word.isdigit():
            if words:
                break
            words.append(word)
            break
        if not word[0].isupper():
            break
        words.append(word)
        position = match.end()
    return words


# Polarity -------------------------------------------------------------------------------------

# Negations, by their folded words. "chua" and "chang" fold from other words too ("chữa",
# "chùa", "chàng", "chằng"): with marks present only "chưa"/"chẳng" count; without, a few
# telling next words rule the other readings out ("chua khoi" = "chữa khỏi").
_NEGATION_WORDS = {"khong", "chua", "chang", "ko", "khg", "kg", "cha"}
_NEGATION_ACCENTED = {"không", "chưa", "chẳng", "chả", "ko", "khg", "kg"}
_NEGATION_PHRASES = (("dau", "co"), ("lam", "gi", "co"), ("tu", "choi"), ("khuoc", "tu"))
_NEGATION_STARTS = {phrase[0] for phrase in _NEGATION_PHRASES}
_NOT_AFTER_CHUA = {"khoi", "benh", "chay", "tri", "lanh", "xe", "may", "nha"}
_NOT_NEGATION_NEXT = {
    "gian", "khi", "quan", "phan", "anh", "luu", "trung", "ngung", "chi", "nhung", "it", "kem",
    "han", "may", "tung",
}
_NEGATION_SKIP = {
    "he", "phai", "co", "bi", "duoc", "the", "con", "nao", "ai", "gi", "tung", "bao", "gio",
    "dang", "se", "da", "van", "lam", "cho", "mot", "nguoi", "cung", "ca",
}
_DEBUNK = (
    ("sai", "su", "that"),
    ("tin", "gia"),
    ("bia", "dat"),
    ("bac", "bo"),
    ("khong", "dung", "su", "that"),
    ("that", "thiet"),
    ("phu", "nhan", "thong", "tin"),
    ("cai", "chinh", "thong", "tin"),
)


def _negation_at(words: list[_Word], i: int) -> int:
    """How many words the negation starting at ``words[i]`` takes (0: none starts there)."""
    word = words[i]
    nxt = words[i + 1].key if i + 1 < len(words) else ""
    if word.key not in _NEGATION_WORDS:
        if word.key not in _NEGATION_STARTS:
            return 0
        for phrase in _NEGATION_PHRASES:
            if tuple(w.key for w in words[i : i + len(phrase)]) == phrase:
                return len(phrase)
        return 0
    if word.accented and word.lower not in _NEGATION_ACCENTED:
        return 0  # "chữa", "chùa", "chàng", "cha"
    if word.key == "cha" and not word.accented:
        return 0  # "cha" (father) far more often than an unmarked "chả"
    if nxt in _NOT_NEGATION_NEXT or word.question_after:
        return 0  # "không gian", "không chỉ", "có … không?"
    if word.key == "chua" and not word.accented and nxt in _NOT_AFTER_CHUA:
        return 0
    if word.key == "chang" and nxt in {"chong", "han", "may", "trai"}:
        return 0
    return 0 if i > 0 and words[i - 1].key in {"hay", "hoac"} else 1  # "… hay không"


def _polarity(words: list[_Word]) -> tuple[frozenset[str], frozenset[str], bool]:
    negated: set[str] = set()
    covered: set[int] = set()
    keys = [w.key for w in words]
    for i in range(len(words)):
        length = _negation_at(words, i)
        if not length:
            continue
        j = i + length
        while j < len(words) and (keys[j] in _NEGATION_SKIP or keys[j] in _NEGATION_WORDS):
            j += 1
        if j < len(words) and not keys[j].startswith(("n:", "d:")):
            negated.add(keys[j])
            covered.add(j)
    asserted = {k for j, k in enumerate(keys) if j not in covered}
    text = " " + " ".join(keys) + " "
    debunks = any(f" {' '.join(phrase)} " in text for phrase in _DEBUNK)
    return frozenset(negated), frozenset(asserted), debunks


def details(text: str) -> Details:
    """The details that carry a claim's meaning: numbers, dates, places and polarity."""
    return _analyse(text).details


# ---------------------------------------------------------------------------------------------
# Analysis: the words of a text, folded, with amounts and dates as one token each
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Word:
    key: str  # folded, lower case; "n:…" for an amount, "d:…" for a date
    text: str  # as written
    accented: bool = False  # has marks: "chưa" is told from "chua"
    question_after: bool = False  # followed by punctuation or the end: "… có thật không:"
    name: bool = False  # capitalised inside a sentence (not in a text in capitals)

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class _Analysis:
    words: tuple[_Word, ...]  # every word
    content: tuple[_Word, ...]  # without filler
    details: Details
    shouting: bool = False

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(w.key for w in self.content)


_CLAUSE_END = "?:!.,;…)\"”"
_SENTENCE_END = ".!?:;…\"“”'‘’(-–—*•>"
_DROP = re.compile(r"(?i)(?:\b(?:https?://|www\.)[^\s<>\"']+|[#@][^\W_][\w]*)")
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=50_000)
def _fold_word(word: str) -> str:
    return fold_key(word)


_FILLER_PHRASES = (
    "nghe nói",
    "nghe đâu",
    "nghe bảo",
    "mọi người chia sẻ gấp",
    "chia sẻ gấp",
    "share gấp",
    "chia sẻ ngay",
    "chia sẻ cho mọi người",
    "mọi người ơi",
    "bà con ơi",
    "cả nhà ơi",
    "khẩn cấp",
    "khẩn",
    "tin nóng",
    "nóng",
    "cảnh báo",
    "cảnh giác",
    "mọi người",
    "bà con",
    "cho mọi người biết",
    "để biết",
    "thật không",
    "có ai biết",
    "xin chia sẻ",
    "inbox ngay",
    "hot",
    "thực hư",
    "là",
    "thì",
    "mà",
    "đã",
    "rồi",
    "nhé",
    "nha",
    "ạ",
    "ơi",
    "bị",
    "được",
    "của",
    "các",
    "những",
    "một",
    "này",
    "đó",
    "ấy",
    "về",
    "cho",
    "với",
    "có",
    "và",
)
_FILLERS = {}
for _phrase in _FILLER_PHRASES:
    _key = tuple(fold_key(_phrase).split())
    _FILLERS.setdefault(_key[0], []).append(_key)
for _options in _FILLERS.values():
    _options.sort(key=len, reverse=True)


def _without_filler(words: list[_Word]) -> list[_Word]:
    kept: list[_Word] = []
    i = 0
    while i < len(words):
        for phrase in _FILLERS.get(words[i].key, ()):
            if tuple(w.key for w in words[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            kept.append(words[i])
            i += 1
    return kept


def _next_mark(text: str, position: int, step: int) -> str:
    """The first character that is not a space from ``position`` on (``step`` -1: backwards);
    "" at either end of the text."""
    while 0 <= position < len(text):
        if not text[position].isspace():
            return text[position]
        position += step
    return ""


@lru_cache(maxsize=8192)
def _analyse(text: str) -> _Analysis:
    text = unicodedata.normalize("NFC", text or "")
    text = _DROP.sub(lambda m: " " * len(m.group(0)), text)
    shouting = _shouting(text)
    dates, date_spans, rest = _extract_dates(text)
    numbers, number_spans = _extract_numbers(rest)
    places = _extract_places(rest, shouting)
    spans = sorted(date_spans + number_spans, key=lambda s: s.start)
    words: list[_Word] = []
    position = 0
    for span in [*spans, _Span(len(text), len(text), "")]:
        for match in _WORD.finditer(text, position, span.start):
            word = match.group(0)
            key = _fold_word(word)
            after = _next_mark(text, match.end(), 1)
            ends = after == "" or after in _CLAUSE_END
            before = _next_mark(text, match.start() - 1, -1)
            name = (not shouting and word[0].isupper() and before != ""
                    and before not in _SENTENCE_END)
            words.append(_Word(key, word, key != word.lower(), ends, name))
        if span.token:
            words.append(_Word(span.token, text[span.start : span.end].strip()))
        position = max(position, span.end)
    negations, asserted, debunks = _polarity(words)
    info = Details(
        numbers=numbers,
        dates=tuple(dict.fromkeys(dates)),
        places=places,
        negated=bool(negations) or debunks,
        negations=negations,
        asserted=asserted,
        debunks=debunks,
    )
    return _Analysis(tuple(words), tuple(_without_filler(words)), info, shouting)


def tokens(text: str) -> list[str]:
    """The content words of a text as compared: folded, amounts and dates canonical, filler,
    links, hashtags and emoji left out."""
    return list(_analyse(text).keys)


def terms(text: str) -> set[str]:
    """What the candidate index stores for a text: adjacent pairs of its content words, and the
    words that are amounts or dates; a one-word text is its word."""
    keys = _analyse(text).keys
    found = {f"{a} {b}" for a, b in pairwise(keys)}
    found |= {k for k in keys if k.startswith(("n:", "d:"))}
    if len(keys) == 1:
        found.add(keys[0])
    return found


# ---------------------------------------------------------------------------------------------
# Similarity
# ---------------------------------------------------------------------------------------------


def _shingles(keys: tuple[str, ...]) -> set[str]:
    return set(keys) | {f"{a} {b}" for a, b in pairwise(keys)}


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _containment(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


PARTIAL_MIN_WORDS = 6
PARTIAL_MIN_COVERAGE = 0.4


def _partial(ta: tuple[str, ...], tb: tuple[str, ...]) -> float:
    """How well the shorter text reads as a quote from the longer one (0 if it is too short)."""
    ua, ub = set(ta), set(tb)
    short = min(len(ua), len(ub))
    if short < PARTIAL_MIN_WORDS or short / max(len(ua), len(ub)) < PARTIAL_MIN_COVERAGE:
        return 0.0
    pairs_a, pairs_b = set(pairwise(ta)), set(pairwise(tb))
    words = _containment(ua, ub)
    pairs = _containment(pairs_a, pairs_b) if pairs_a and pairs_b else words
    coverage = short / max(len(ua), len(ub))
    return (0.5 * words + 0.5 * pairs) * (0.88 + 0.12 * coverage)


def _dice(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


# The raw mix is stretched so that the settings' thresholds fall where the labelled corpus puts
# them: rewordings score at least 0.78 raw, unrelated and near-topic claims at most about 0.6.
_CALIBRATION = ((0.0, 0.0), (0.5, 0.5), (0.75, 0.85), (1.0, 1.0))


def _calibrate(raw: float) -> float:
    for (x0, y0), (x1, y1) in pairwise(_CALIBRATION):
        if raw <= x1:
            return y0 + (raw - x0) * (y1 - y0) / (x1 - x0)
    return 1.0


def _similarity(ta: tuple[str, ...], tb: tuple[str, ...]) -> float:
    if not ta or not tb:
        return 0.0
    if ta == tb:
        return 1.0
    jaccard = _jaccard(_shingles(ta), _shingles(tb))
    raw = 0.3 * jaccard + 0.6 * _dice(set(ta), set(tb)) + 0.1 * _dice(_grams(ta), _grams(tb))
    return round(min(1.0, _calibrate(max(raw, _partial(ta, tb)))), 4)


@lru_cache(maxsize=8192)
def _grams(keys: tuple[str, ...]) -> frozenset[str]:
    """Character trigrams of the distinct words, in order: forgiving to a typo."""
    text = " ".join(sorted(set(keys)))
    return frozenset(text[i : i + 3] for i in range(len(text) - 2))


def similarity(a: str, b: str) -> float:
    """Lexical similarity in 0..1 of two texts after normalisation and filler removal."""
    return _similarity(_analyse(a).keys, _analyse(b).keys)


@lru_cache(maxsize=8192)
def _quick_words(text: str) -> frozenset[str]:
    """The folded words of a text, nothing more: enough to rank candidates cheaply."""
    return frozenset(fold_key(text).split()) if text else frozenset()


_QUICK_SPLIT = re.compile(r"[^\w]+|_")


def _cheap_similarity(words_a: frozenset[str], b: str) -> float:
    return _containment(words_a, _quick_words(_QUICK_SPLIT.sub(" ", b)))


# ---------------------------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    text: str
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    score: float
    reasons: tuple[str, ...] = ()


def _number_label(numbers: tuple[Number, ...], others: tuple[Number, ...]) -> str:
    other_keys = {n.key for n in others}
    return ", ".join(n.label for n in numbers if n.key not in other_keys)


def _number_conflict(a: tuple[Number, ...], b: tuple[Number, ...]) -> str | None:
    keys_a, keys_b = {n.key for n in a}, {n.key for n in b}
    if not keys_a or not keys_b or keys_a <= keys_b or keys_b <= keys_a:
        return None
    left, right = _number_label(a, b), _number_label(b, a)
    if any(n.money for n in (*a, *b) if n.key not in keys_a & keys_b):
        return gettext("khác số tiền: %(a)s / %(b)s") % {"a": left, "b": right}
    if any(n.percent for n in (*a, *b)):
        return gettext("khác tỷ lệ: %(a)s / %(b)s") % {"a": left, "b": right}
    return gettext("khác con số: %(a)s / %(b)s") % {"a": left, "b": right}


def _dates_covered(a: tuple[Date, ...], b: tuple[Date, ...]) -> bool:
    return all(any(x.compatible(y) for y in b) for x in a)


def _date_conflict(a: tuple[Date, ...], b: tuple[Date, ...]) -> str | None:
    if not a or not b or _dates_covered(a, b) or _dates_covered(b, a):
        return None
    left = ", ".join(d.label for d in a)
    right = ", ".join(d.label for d in b)
    return gettext("khác thời gian: %(a)s / %(b)s") % {"a": left, "b": right}


def _place_conflict(a: tuple[Place, ...], b: tuple[Place, ...]) -> str | None:
    keys_a, keys_b = {p.key for p in a}, {p.key for p in b}
    if not keys_a or not keys_b or keys_a <= keys_b or keys_b <= keys_a:
        return None
    left = ", ".join(p.label for p in a if p.key not in keys_b)
    right = ", ".join(p.label for p in b if p.key not in keys_a)
    return gettext("khác địa danh: %(a)s / %(b)s") % {"a": left, "b": right}


def _polarity_conflict(a: Details, b: Details) -> bool:
    """One text negates a predicate the other asserts (and does not negate anywhere)."""
    if a.debunks != b.debunks:
        return True
    return bool((a.negations - b.negations) & b.asserted) or bool(
        (b.negations - a.negations) & a.asserted
    )


def conflicts(a: Details, b: Details) -> tuple[str, ...]:
    """Reasons why two claims with these details cannot be the same claim."""
    found = [
        _number_conflict(a.numbers, b.numbers),
        _date_conflict(a.dates, b.dates),
        _place_conflict(a.places, b.places),
    ]
    if _polarity_conflict(a, b):
        found.append(gettext("một bên phủ định"))
    return tuple(reason for reason in found if reason)


# Substitutions inside aligned text -------------------------------------------------------------

# Word pairs that say the same thing (folded; either order). A replacement between them is a
# rewording, not a changed detail.
_SYNONYMS = {
    frozenset(pair)
    for pair in (
        ("se", "sap"),
        ("se", "chuan bi"),
        ("sap", "chuan bi"),
        ("nguoi dan", "ba con"),
        ("dan", "ba con"),
        ("dan", "nguoi dan"),
        ("nguoi dan", "nhan dan"),
        ("boi thuong", "den bu"),
        ("moi", "mot"),
        ("ngan", "nghin"),
        ("lon", "heo"),
        ("chet", "tu vong"),
        ("bat", "buoc"),
        ("nop", "dong"),
        ("o", "tai"),
        ("tai", "o"),
        ("cuu tro", "ho tro"),
        ("tien", "khoan"),
        ("tre", "chau"),
        ("tre", "tre em"),
        ("hoc sinh", "hs"),
        ("cong an", "ca"),
        ("uy ban", "ubnd"),
        ("gap", "ngay"),
        ("vo", "sap"),
        ("bo tron", "tron"),
        ("ke gian", "nguoi"),
        ("ke gian", "co nguoi"),
        ("doi", "yeu cau"),
        ("bat", "yeu cau"),
        ("bat", "doi"),
        ("khoi", "chua khoi"),
        ("den", "toi"),
        ("tu", "ke tu"),
        ("lay", "thu"),
        ("h", "gio"),
        ("p", "phut"),
        ("tr", "trieu"),
        ("k", "nghin"),
        ("ty", "ti"),
        ("tieng", "gio"),
        ("toi", "dem"),
        ("toi qua", "dem qua"),
    )
}
# Function words: a replacement between two of them changes no detail. Told by their marks
# when the text has them ("vẫn" is weak, "Vân" is a name).
_WEAK_WORDS = (
    "ở", "tại", "từ", "đến", "để", "và", "vì", "nên", "mà", "thì", "là", "rằng", "này", "kia",
    "đây", "đó", "hay", "hoặc", "còn", "cũng", "vẫn", "lại", "ra", "vào", "lên", "xuống", "qua",
    "sau", "khi", "lúc", "trong", "ngoài", "trên", "dưới", "như", "theo", "bằng", "bởi", "sẽ",
    "đang", "vừa", "mới", "chỉ", "ngay", "luôn", "nhất", "rất", "quá", "lắm", "thật", "cả", "tới",
    "đi",
)
_WEAK_ACCENTED = set(_WEAK_WORDS)
_WEAK = {fold_key(word) for word in _WEAK_WORDS}
_ANTONYMS = {
    frozenset(pair)
    for pair in (
        ("tang", "giam"),
        ("tang", "ha"),
        ("len", "xuong"),
        ("mo", "dong"),
        ("dung", "sai"),
        ("that", "gia"),
        ("thang", "thua"),
        ("cao", "thap"),
        ("nhieu", "it"),
        ("truoc", "sau"),
        ("them", "bot"),
        ("cho phep", "cam"),
        ("mien phi", "thu phi"),
        ("dong", "mo cua"),
        ("tang", "ngung"),
        ("tiep tuc", "ngung"),
        ("bat dau", "ngung"),
        ("mo", "ngung"),
        ("dong y", "tu choi"),
        ("dat", "truot"),
        ("co", "mat"),
        ("vao", "ra"),
        ("nhan", "tra"),
        ("thu", "chi"),
        ("phat", "ban"),
        ("tang", "ban"),
    )
}
# Words whose replacement changes the claim: units of time and measure, counts in words, what
# happened to people.
_DETAIL_WORDS = {
    "giay", "phut", "gio", "ngay", "dem", "tuan", "thang", "quy", "nam", "sang", "chieu", "toi",
    "ha", "km", "met", "tan", "ta", "kg", "can", "lit", "hop", "suat", "ho", "nguoi", "con",
    "hai", "ba", "bon", "tu", "lam", "sau", "bay", "tam", "chin", "muoi", "chuc", "tram",
    "nghin", "van", "trieu", "ty",
    "chet", "vong", "vien", "thuong", "tich", "doc", "cuu", "nan",
}
# Words after which a replaced word names something: a place, a person, an organisation. A
# word with marks is only a key as written here ("xả thải" is not "xã Thải").
_NAME_KEYS_ACCENTED = {
    "thôn", "xã", "huyện", "tỉnh", "phường", "bản", "xóm", "làng", "ấp", "tp", "phố", "trấn",
    "khu", "quận", "tổ", "đội", "sông", "suối", "dốc", "đèo", "núi", "hồ", "đập", "cầu",
    "ông", "bà", "anh", "chị", "cháu", "bác", "cụ", "em",
    "ty", "trường", "viện", "trạm", "máy", "hãng", "chợ", "chùa", "đền",
}
_PLACE_KEYS_ACCENTED = {
    "thôn", "xã", "huyện", "tỉnh", "phường", "bản", "xóm", "làng", "ấp", "tp", "phố", "trấn",
    "khu", "quận", "tổ",
}
# … and folded, for texts written without marks.
_NAME_KEYS = {fold_key(word) for word in _NAME_KEYS_ACCENTED}
_PLACE_KEYS = {fold_key(word) for word in _PLACE_KEYS_ACCENTED}
# Words in front of a title that change who is meant: "Phó chủ tịch" is not "Chủ tịch".
_REFERENT_MODIFIERS = {"phó", "nguyên", "cựu"}
_REFERENT_MODIFIERS_FOLDED = {"pho", "nguyen", "cuu"}
SUBSTITUTION_MAX_WORDS = 3
SINGLE_CHANGE_MAX_WORDS = 5  # when it is the only difference between the two texts


def _keys_of(words, folded: set, accented: set) -> set[str]:
    """The folded keys of ``words`` that are keys of the set: by their marks when they have
    them, by their folded form when written without."""
    return {w.key for w in words
            if (w.lower in accented if w.accented else w.key in folded)}


def _modifier(word: _Word) -> bool:
    if word.accented:
        return word.lower in _REFERENT_MODIFIERS
    return word.key in _REFERENT_MODIFIERS_FOLDED


def _weak(word: _Word, shouting: bool) -> bool:
    if word.accented:
        return word.lower in _WEAK_ACCENTED
    return word.key in _WEAK and (shouting or not word.text[:1].isupper())


def _same_meaning(a: list[_Word], b: list[_Word], before: str, after: str,
                  shouting: bool) -> bool:
    if all(_weak(w, shouting) for w in a) and all(_weak(w, shouting) for w in b):
        return True
    left, right = " ".join(w.key for w in a), " ".join(w.key for w in b)
    options = (
        (left, right),
        (f"{before} {left}".strip(), f"{before} {right}".strip()),
        (f"{left} {after}".strip(), f"{right} {after}".strip()),
    )
    return any(frozenset((x, y)) in _SYNONYMS for x, y in options)


def _substitution_kind(a: _Analysis, b: _Analysis, i1: int, i2: int, j1: int, j2: int,
                       enclosed: bool) -> str | None:
    """What a replacement of ``a.content[i1:i2]`` by ``b.content[j1:j2]`` changes, if anything
    that matters: "place", "name", "opposite" or "detail"."""
    seg_a, seg_b = a.content[i1:i2], b.content[j1:j2]
    keys_a, keys_b = [w.key for w in seg_a], [w.key for w in seg_b]
    phrases_a = {" ".join(keys_a), *keys_a}
    phrases_b = {" ".join(keys_b), *keys_b}
    if any(frozenset((x, y)) in _ANTONYMS for x in phrases_a for y in phrases_b):
        return "opposite"
    lead_a = a.content[max(0, i1 - 2) : i1]
    lead_b = b.content[max(0, j1 - 2) : j1]
    if (_keys_of(lead_a, _PLACE_KEYS, _PLACE_KEYS_ACCENTED)
            & _keys_of(lead_b, _PLACE_KEYS, _PLACE_KEYS_ACCENTED)):
        return "place"
    if any(w.name for w in (*seg_a, *seg_b)):
        return "name"
    if set(keys_a) & _DETAIL_WORDS and set(keys_b) & _DETAIL_WORDS:
        return "detail"
    if (_keys_of(lead_a, _NAME_KEYS, _NAME_KEYS_ACCENTED)
            & _keys_of(lead_b, _NAME_KEYS, _NAME_KEYS_ACCENTED)):
        return "name"
    if enclosed and len(seg_a) == len(seg_b) == 1 and min(len(keys_a[0]), len(keys_b[0])) > 2:
        return "detail"  # one word swapped for another inside otherwise identical text
    return None


def _substitutions(a: _Analysis, b: _Analysis) -> tuple[str, ...]:
    """Short replacements between aligned stretches of two texts that change a detail: a
    place, a name, a unit, a count in words, an outcome, or the opposite word."""
    ka, kb = a.keys, b.keys
    codes = difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()
    reasons: list[str] = list(_modifier_changes(a, b, codes))
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in codes if tag != "equal")
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag != "replace":
            continue
        only_change = changed == max(i2 - i1, j2 - j1)
        longest = SINGLE_CHANGE_MAX_WORDS if only_change else SUBSTITUTION_MAX_WORDS
        if not (i2 - i1 <= longest and j2 - j1 <= longest):
            continue
        neighbours = (codes[index - 1] if index > 0 else None,
                      codes[index + 1] if index + 1 < len(codes) else None)
        context = [op[2] - op[1] for op in neighbours if op is not None and op[0] == "equal"]
        if not context or max(context) < 2:
            continue  # not inside aligned text: a rewording, not a substitution
        seg_a, seg_b = list(ka[i1:i2]), list(kb[j1:j2])
        if any(k[:1].isdigit() or k.startswith(("n:", "d:")) for k in seg_a + seg_b):
            continue  # amounts and dates are compared as details
        if any(k in _NEGATION_WORDS for k in seg_a + seg_b):
            continue  # polarity is compared as a detail
        if set(seg_a) <= set(kb) and set(seg_b) <= set(ka):
            continue  # the same words in another order
        prev_key = ka[i1 - 1] if i1 > 0 else ""
        next_key = ka[i2] if i2 < len(ka) else ""
        if _same_meaning(list(a.content[i1:i2]), list(b.content[j1:j2]), prev_key, next_key,
                         a.shouting or b.shouting):
            continue
        enclosed = len(context) == 2 and min(context) >= 2
        kind = _substitution_kind(a, b, i1, i2, j1, j2, enclosed)
        if kind is None and only_change and _new_content(
            a.content[i1:i2], kb, a.shouting or b.shouting
        ) and _new_content(b.content[j1:j2], ka, a.shouting or b.shouting):
            kind = "detail"  # the one change between two otherwise identical texts
        if kind is None:
            continue
        lead = 1 if i1 > 0 and j1 > 0 and ka[i1 - 1] == kb[j1 - 1] else 0
        left = " ".join(w.text for w in a.content[i1 - lead : i2])
        right = " ".join(w.text for w in b.content[j1 - lead : j2])
        label = {
            "place": gettext("khác địa danh: %(a)s / %(b)s"),
            "name": gettext("khác tên: %(a)s / %(b)s"),
            "opposite": gettext("ngược nghĩa: %(a)s / %(b)s"),
        }.get(kind) or gettext("khác chi tiết: %(a)s / %(b)s")
        reasons.append(label % {"a": left, "b": right})
    return tuple(dict.fromkeys(reasons))


def _new_content(segment, other_keys, shouting: bool) -> bool:
    """Whether ``segment`` has a word that is not a function word and that the other text
    does not have anywhere."""
    others = set(other_keys)
    return any(not _weak(w, shouting) and w.key not in others for w in segment)


def _modifier_changes(a: _Analysis, b: _Analysis, codes) -> list[str]:
    """A word such as "phó", "nguyên", "cựu" added in front of aligned text: another person."""
    reasons = []
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag not in ("insert", "delete", "replace"):
            continue
        following = codes[index + 1] if index + 1 < len(codes) else None
        if following is None or following[0] != "equal" or following[2] - following[1] < 2:
            continue
        added = [w for w in (*a.content[i1:i2], *b.content[j1:j2]) if _modifier(w)]
        kept_a = {w.key for w in a.content[i1:i2]}
        kept_b = {w.key for w in b.content[j1:j2]}
        if added and not any(w.key in kept_a and w.key in kept_b for w in added):
            head = [w.text for w in a.content[following[1]:following[1] + 2]]
            reasons.append(gettext("khác chức danh: %(a)s / %(b)s") % {
                "a": " ".join([*(w.text for w in a.content[i1:i2]), *head]),
                "b": " ".join([*(w.text for w in b.content[j1:j2]), *head])})
    return reasons


def _slots(analysis: _Analysis) -> dict[str, dict[str, str]]:
    """Amounts and dates by the word in front of them: {"so": {"n:11": "11"}} for "bão số 11"."""
    slots: dict[str, dict[str, str]] = {}
    content = analysis.content
    for i in range(1, len(content)):
        word, before = content[i], content[i - 1]
        if word.key.startswith(("n:", "d:")) and not before.key.startswith(("n:", "d:")):
            slots.setdefault(before.key, {})[word.key] = word.text
    return slots


def _slot_conflict(a: _Analysis, b: _Analysis) -> str | None:
    """The same word followed by another number: "bão số 11" / "bão số 10"."""
    slots_b = _slots(b)
    for slot, values_a in _slots(a).items():
        values_b = slots_b.get(slot)
        if values_b and not values_a.keys() & values_b.keys():
            return gettext("khác con số: %(a)s / %(b)s") % {
                "a": ", ".join(values_a.values()), "b": ", ".join(values_b.values())}
    return None


def _name_runs(analysis: _Analysis) -> list[tuple[str, ...]]:
    """Runs of capitalised words inside sentences: the names a text gives."""
    runs, run = [], []
    for word in analysis.words:
        if word.name and not word.key.startswith(("n:", "d:")):
            run.append(word)
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    return [tuple(w.key for w in run) for run in runs]


def _contains(keys: tuple[str, ...], run: tuple[str, ...]) -> bool:
    size = len(run)
    return any(keys[i : i + size] == run for i in range(len(keys) - size + 1))


def _name_conflict(a: _Analysis, b: _Analysis) -> str | None:
    """Each text names something the other does not mention anywhere (in any case, with or
    without marks): "dốc An Lâm" / "dốc Hưng An"."""
    words_a = tuple(w.key for w in a.words)
    words_b = tuple(w.key for w in b.words)
    only_a = [run for run in _name_runs(a) if not _contains(words_b, run)]
    only_b = [run for run in _name_runs(b) if not _contains(words_a, run)]
    if not only_a or not only_b:
        return None
    return gettext("khác tên: %(a)s / %(b)s") % {
        "a": ", ".join(" ".join(_label(a, run)) for run in only_a),
        "b": ", ".join(" ".join(_label(b, run)) for run in only_b),
    }


def _label(analysis: _Analysis, run: tuple[str, ...]) -> list[str]:
    keys = [w.key for w in analysis.words]
    for i in range(len(keys) - len(run) + 1):
        if tuple(keys[i : i + len(run)]) == run:
            return [w.text for w in analysis.words[i : i + len(run)]]
    return list(run)


def _all_conflicts(a: _Analysis, b: _Analysis) -> tuple[str, ...]:
    """Every reason why two texts are not the same claim, the clearest first."""
    da, db = a.details, b.details
    found = [
        _number_conflict(da.numbers, db.numbers) or _slot_conflict(a, b),
        _date_conflict(da.dates, db.dates),
        _place_conflict(da.places, db.places) or _name_conflict(a, b),
        gettext("một bên phủ định") if _polarity_conflict(da, db) else None,
    ]
    return tuple(reason for reason in found if reason) or _substitutions(a, b)


def _shares_link(a: Claim, b: Claim) -> bool:
    links_a = {canonical_link(link) for link in a.links if link.strip()}
    return any(canonical_link(link) in links_a for link in b.links if link.strip())


def compare(
    new: Claim, existing: Claim, *, join_at: float = 0.85, suggest_at: float = 0.6
) -> Verdict:
    """Whether ``new`` joins ``existing``, is suggested for it, or is a new case."""
    if _shares_link(new, existing):
        return Verdict("join", 1.0, (gettext("cùng đường dẫn"),))
    a, b = _analyse(new.text), _analyse(existing.text)
    score = _similarity(a.keys, b.keys)
    if score < suggest_at:
        return Verdict("new", score)
    reasons = _all_conflicts(a, b)
    if score >= join_at and not reasons:
        return Verdict("join", score, (gettext("nội dung gần như trùng khớp"),))
    return Verdict("suggest", score, reasons or (gettext("nội dung tương tự"),))


_DECISION_ORDER = {"join": 0, "suggest": 1, "new": 2}
SHORTLIST = 12  # candidates compared in full, after a cheap ranking by shared words


def best_matches[K: Hashable](
    new: Claim,
    candidates: Iterable[tuple[K, Claim]],
    *,
    limit: int = 5,
    join_at: float = 0.85,
    suggest_at: float = 0.6,
    include_new: bool = False,
) -> list[tuple[K, Verdict]]:
    """The best existing claims for ``new``: joins first, then suggestions, by score.

    A key (a case) appears once, with its best verdict over its claims. With ``include_new``
    the closest claims below ``suggest_at`` follow (decision "new"), for a caller that shows
    what came nearest."""
    new_links = {canonical_link(link) for link in new.links if link.strip()}
    new_words = _quick_words(_QUICK_SPLIT.sub(" ", new.text))
    linked: list[tuple[K, Claim]] = []
    scored: list[tuple[float, int, K, Claim]] = []
    for index, (key, claim) in enumerate(candidates):
        if new_links and any(canonical_link(link) in new_links for link in claim.links):
            linked.append((key, claim))
        else:
            scored.append((_cheap_similarity(new_words, claim.text), -index, key, claim))
    shortlist = linked + [
        (k, c) for _, _, k, c in heapq.nlargest(max(limit * 4, SHORTLIST), scored)
    ]
    best: dict[K, Verdict] = {}
    for key, claim in shortlist:
        verdict = compare(new, claim, join_at=join_at, suggest_at=suggest_at)
        current = best.get(key)
        if current is None or _rank(verdict) < _rank(current):
            best[key] = verdict
    _demote_ambiguous_joins(best)
    results = [
        (key, verdict) for key, verdict in best.items()
        if include_new or verdict.decision != "new"
    ]
    results.sort(key=lambda item: _rank(item[1]))
    return results[:limit]


AMBIGUITY_MARGIN = 0.02


def _demote_ambiguous_joins(best: dict) -> None:
    """Two cases that ``new`` would join about equally well (a short quote both contain): which
    one it belongs to is for staff to say, so both become suggestions."""
    joins = sorted((v.score for v in best.values() if v.decision == "join"), reverse=True)
    if len(joins) < 2 or joins[0] - joins[1] > AMBIGUITY_MARGIN:
        return
    reason = gettext("giống nhiều vụ việc như nhau")
    for key, verdict in best.items():
        if verdict.decision == "join" and joins[0] - verdict.score <= AMBIGUITY_MARGIN:
            best[key] = Verdict("suggest", verdict.score, (reason, *verdict.reasons))


def _rank(verdict: Verdict) -> tuple[int, float]:
    return (_DECISION_ORDER[verdict.decision], -verdict.score)
