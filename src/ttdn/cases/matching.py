"""Matching a new false-information tip against existing cases — a pure engine, no database.

Two thresholds, as in Meedan Check:

* ``join_at`` (default 0.85) — at or above it a new tip joins the existing case automatically;
* ``suggest_at`` (default 0.6) — between the two, staff are shown a suggestion to confirm or
  reject; below it the tip opens a new case.

The same canonical link is always the same case, whatever the text says.

Why the details are compared: lexical similarity cannot tell a near-miss from a rewording. "Xã
cấp 2 tỷ cho thôn Đông" and "xã cấp 3 tỷ cho thôn Đông" share every word but one and score
higher than most honest rewordings, yet they are different claims. So :func:`compare` extracts
the details that carry the meaning — numbers and amounts, dates, places, negation — and when
they conflict the tip is never joined automatically: at most it is suggested, with the reason
spelled out for the officer ("khác số tiền: 2 tỷ / 3 tỷ").
"""

from __future__ import annotations

import difflib
import heapq
import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
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
    r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?|\d+(?:\.\d{1,2})?)"
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

_NEGATIONS = (
    "không hề",
    "không phải",
    "không có",
    "không",
    "chưa hề",
    "chưa",
    "chẳng",
    "chả",
    "đâu có",
    "làm gì có",
    "bác bỏ",
    "sai sự thật",
    "tin giả",
    "bịa đặt",
)
# Fixed phrases that contain a negation word but do not negate anything.
_NOT_NEGATIONS = (
    "không gian",
    "không khí",
    "không quân",
    "không phận",
    "không ảnh",
    "không lưu",
    "không trung",
    "không ngừng",
    "không chỉ",
    "không những",
    "không ít",
    "không kém",
    "chẳng hạn",
    "chưa từng có",
    "chẳng may",
    "hay không",
    "có phải",
    "hay chưa",
)
_QUESTION_TAIL = re.compile(r"\b(?:khong|chua)\s*(?:\?|$)")


def _word_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    keys = sorted({fold_key(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b")


_NEGATION_RE = _word_pattern(_NEGATIONS)
_NOT_NEGATION_RE = _word_pattern(_NOT_NEGATIONS)


def _parse_number(digits: str, unit: str) -> float:
    unit_key = fold_key(unit)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        base = float(digits.replace(".", ""))
    else:
        base = float(digits.replace(",", "."))
    return base * _MULTIPLIERS.get(unit_key, 1.0)


def _extract_dates(text: str) -> tuple[list[Date], str]:
    dates: list[Date] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            day, month, year = (_int_or_none(groups.get(k)) for k in ("d", "m", "y"))
            if year is not None and year < 100:
                year += 2000
            if (day is not None and not 1 <= day <= 31) or (
                month is not None and not 1 <= month <= 12
            ):
                continue
            dates.append(Date(day, month, year, match.group(0).strip()))
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return dates, text


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value else None


def _extract_numbers(text: str) -> tuple[Number, ...]:
    found: list[Number] = []
    for match in _NUMBER.finditer(text):
        unit = match.group(2) or ""
        unit_key = fold_key(unit)
        value = _parse_number(match.group(1), unit)
        percent = unit_key in ("%", "phan tram")
        money = unit_key in _MULTIPLIERS or bool(_MONEY_WORDS.match(text[match.end() :]))
        if found and _continues_amount(found[-1], value, unit_key, text, match.start()):
            previous = found.pop()
            label = f"{previous.label} {match.group(0).strip()}"
            found.append(Number(previous.value + value, False, True, label))
            continue
        found.append(Number(value, percent, money, match.group(0).strip()))
    unique = {n.key: n for n in found}
    return tuple(sorted(unique.values()))


def _continues_amount(previous: Number, value: float, unit_key: str, text: str, at: int) -> bool:
    """ "1 tỷ 500 triệu" is one amount, not two numbers."""
    if not previous.money or previous.percent or unit_key in ("%", "phan tram"):
        return False
    between = text[:at].rstrip()
    return between.endswith(previous.label.split()[-1]) and value < previous.value


def _extract_places(text: str) -> tuple[Place, ...]:
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
    """The capitalised words (or a number) that follow a place keyword: "thôn Đông Hòa"."""
    words: list[str] = []
    while len(words) < max_words:
        match = _NAME_WORD.match(text, position)
        if not match or not (match.group(1)[0].isupper() or match.group(1).isdigit()):
            break
        words.append(match.group(1))
        position = match.end()
    return words


def _is_negated(text: str) -> bool:
    folded = fold_key(text)
    folded = _QUESTION_TAIL.sub(" ", re.sub(r"[^\w?]+", " ", folded))
    folded = _NOT_NEGATION_RE.sub(" ", folded)
    return bool(_NEGATION_RE.search(folded))


def details(text: str) -> Details:
    """The details that carry a claim's meaning: numbers, dates, places and polarity."""
    text = unicodedata.normalize("NFC", text or "")
    dates, rest = _extract_dates(text)
    places = _extract_places(rest)
    unique_dates = tuple(dict.fromkeys(dates))
    return Details(
        numbers=_extract_numbers(rest),
        dates=unique_dates,
        places=places,
        negated=_is_negated(text),
    )


# ---------------------------------------------------------------------------------------------
# Similarity
# ---------------------------------------------------------------------------------------------

_FILLERS = _word_pattern(
    (
        "nghe nói",
        "nghe đâu",
        "mọi người chia sẻ gấp",
        "chia sẻ gấp",
        "share gấp",
        "chia sẻ ngay",
        "mọi người ơi",
        "bà con ơi",
        "cả nhà ơi",
        "khẩn cấp",
        "tin nóng",
        "nóng",
        "cảnh báo",
        "mọi người",
        "bà con",
        "cho mọi người biết",
        "để biết",
        "thật không",
        "có ai biết",
        "xin chia sẻ",
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
    )
)


def _tokens(text: str) -> list[str]:
    return _FILLERS.sub(" ", normalise(text)).split()


def _shingles(tokens: list[str]) -> set[str]:
    return set(tokens) | {f"{a} {b}" for a, b in pairwise(tokens)}


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _containment(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def similarity(a: str, b: str) -> float:
    """Lexical similarity in 0..1 of two texts after normalisation and filler removal."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    if ta == tb:
        return 1.0
    sa, sb = _shingles(ta), _shingles(tb)
    jaccard = _jaccard(sa, sb)
    overlap = _containment(set(ta), set(tb))
    sequence = difflib.SequenceMatcher(None, " ".join(sorted(set(ta))), " ".join(sorted(set(tb))))
    return round(0.3 * jaccard + 0.35 * overlap + 0.35 * sequence.ratio(), 4)


def _cheap_similarity(tokens_a: set[str], b: str) -> float:
    return _containment(tokens_a, set(_tokens(b)))


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


def conflicts(a: Details, b: Details) -> tuple[str, ...]:
    """Reasons why two claims with these details cannot be the same claim."""
    found = [
        _number_conflict(a.numbers, b.numbers),
        _date_conflict(a.dates, b.dates),
        _place_conflict(a.places, b.places),
    ]
    if a.negated != b.negated:
        found.append(gettext("một bên phủ định"))
    return tuple(reason for reason in found if reason)


def _shares_link(a: Claim, b: Claim) -> bool:
    links_a = {canonical_link(link) for link in a.links if link.strip()}
    return any(canonical_link(link) in links_a for link in b.links if link.strip())


def compare(
    new: Claim, existing: Claim, *, join_at: float = 0.85, suggest_at: float = 0.6
) -> Verdict:
    """Whether ``new`` joins ``existing``, is suggested for it, or is a new case."""
    if _shares_link(new, existing):
        return Verdict("join", 1.0, (gettext("cùng đường dẫn"),))
    score = similarity(new.text, existing.text)
    if score < suggest_at:
        return Verdict("new", score)
    reasons = conflicts(details(new.text), details(existing.text))
    if score >= join_at and not reasons:
        return Verdict("join", score, (gettext("nội dung gần như trùng khớp"),))
    return Verdict("suggest", score, reasons or (gettext("nội dung tương tự"),))


_DECISION_ORDER = {"join": 0, "suggest": 1, "new": 2}


def best_matches[K: Hashable](
    new: Claim,
    candidates: Iterable[tuple[K, Claim]],
    *,
    limit: int = 5,
    join_at: float = 0.85,
    suggest_at: float = 0.6,
) -> list[tuple[K, Verdict]]:
    """The best existing claims for ``new``: joins first, then suggestions, by score."""
    new_links = {canonical_link(link) for link in new.links if link.strip()}
    new_tokens = set(_tokens(new.text))
    linked: list[tuple[K, Claim]] = []
    scored: list[tuple[float, int, K, Claim]] = []
    for index, (key, claim) in enumerate(candidates):
        if new_links and any(canonical_link(link) in new_links for link in claim.links):
            linked.append((key, claim))
        else:
            scored.append((_cheap_similarity(new_tokens, claim.text), -index, key, claim))
    shortlist = linked + [(k, c) for _, _, k, c in heapq.nlargest(limit * 4, scored)]
    results = [
        (key, compare(new, claim, join_at=join_at, suggest_at=suggest_at))
        for key, claim in shortlist
    ]
    results = [(key, verdict) for key, verdict in results if verdict.decision != "new"]
    results.sort(key=lambda item: (_DECISION_ORDER[item[1].decision], -item[1].score))
    return results[:limit]
