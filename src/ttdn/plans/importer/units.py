"""Unit names as a plan writes them, matched against the commune's units.

Three things happen here:

* ``UnitMatcher.match`` compares one name ("Công chức Văn Hóa – Xã hội", "Đòi truyền thanh xã")
  with the commune's units: an exact match after folding (case, tone marks, đ, dash variants)
  gives confidence 1.0; otherwise a fuzzy score mixes ``difflib`` similarity of the folded
  strings with weighted token overlap (rare tokens such as "truyền", "kế toán" weigh more than
  "xã" or "công chức"). Below ``MATCH_THRESHOLD`` — or when two units score nearly the same —
  the name stays unmatched (``unit=None``).
* ``find_collectives`` recognises plural phrases that stand for many units ("các ban, ngành",
  "các thôn", "các cơ quan, đơn vị") and the kinds of units they cover; ``UnitMatcher.group``
  expands them to every unit of those kinds.
* ``UnitMatcher.scan`` reads a list of units written in running text ("phối hợp với Công an
  xã, Ban CHQS xã và các đoàn thể tổ chức …") and says where the list ends.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ttdn.core.text import fold, nfc
from ttdn.plans.document import UnitMatch, UnitRef

MATCH_THRESHOLD = 0.75
EXPANDED_CONFIDENCE = 0.9  # a unit reached through "các ban, ngành", "các thôn", …
ABBREVIATED_CONFIDENCE = 0.97  # equal once abbreviations or a parenthesis are taken out
_AMBIGUITY_MARGIN = 0.04
_MAX_NAME_CHARS = 160  # a "name" longer than this is running text, not a unit
_PRUNE = (MATCH_THRESHOLD - _AMBIGUITY_MARGIN - 0.02) / 0.9

# What the collective nouns stand for (values of ttdn.org.models.UnitKind).
DEPARTMENT_KINDS = (
    "officer_post", "office", "police", "military", "radio_station", "mass_organisation",
)
MASS_KINDS = ("mass_organisation",)
VILLAGE_KINDS = ("village",)
AGENCY_KINDS = ("agency",)

# Folded abbreviations officers use in unit names, expanded before comparing.
_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "mttq": "mat tran to quoc",
    "bchqs": "ban chi huy quan su",
    "chqs": "chi huy quan su",
    "vh-xh": "van hoa-xa hoi",
    "vhxh": "van hoa-xa hoi",
    "ctxh": "chinh tri-xa hoi",
    "dtn": "doan thanh nien",
    "tncs": "thanh nien cong san",
    "hcm": "ho chi minh",
    "ccb": "cuu chien binh",
    "hlhpn": "hoi lien hiep phu nu",
    "lhpn": "lien hiep phu nu",
    "hnd": "hoi nong dan",
    "vp": "van phong",
    "tdp": "to dan pho",
}
_DASH_RE = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_PAREN_RE = re.compile(r"\([^)]*\)")
_NON_WORD_RE = re.compile(r"[^\w\s-]")
_DASH_TABLE = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_TOKEN_RE = re.compile(r"\w+")


def _fold_table() -> dict[int, str | None]:
    """Every precomposed letter up to U+1FFF (Vietnamese ạ … ỹ included) → its folded form;
    stray combining marks → nothing."""
    table: dict[int, str | None] = {}
    for code in range(0xC0, 0x2000):
        char = chr(code)
        if unicodedata.combining(char):
            table[code] = None
        elif unicodedata.decomposition(char) or char in "đĐ":
            folded = fold(char)
            if folded != char:
                table[code] = folded
    return table


_FOLD_TABLE = _fold_table()


def fold_key(text: str) -> str:
    """``ttdn.core.text.fold_key`` for NFC text, by table lookup: the same key, many times
    faster on long paragraphs."""
    return " ".join(nfc(text).translate(_FOLD_TABLE).casefold().split())


word_key = lru_cache(maxsize=65536)(fold_key)  # for single words, which repeat a lot


def name_key(text: str, *, expand: bool = False, drop_parentheses: bool = False) -> str:
    """The comparison key of a unit name: folded, lower-case, one dash style, no punctuation;
    with ``expand``, abbreviations ("UBND", "CHQS", "VH-XH") written out."""
    text = nfc(text)
    if drop_parentheses:
        text = _PAREN_RE.sub(" ", text)
    key = fold_key(_NON_WORD_RE.sub(" ", _DASH_RE.sub("-", text)))
    key = _DASH_RE.sub("-", key).strip("-")
    if expand:
        key = " ".join(_expand_token(token) for token in key.split())
    return key


def _expand_token(token: str) -> str:
    if token in _ABBREVIATIONS:
        return _ABBREVIATIONS[token]
    if "-" in token:
        return "-".join(_ABBREVIATIONS.get(part, part) for part in token.split("-"))
    return token


def _tokens(key: str) -> list[str]:
    return _TOKEN_RE.findall(key)


# ---------------------------------------------------------------------------------------------
# Collective phrases: "các ban, ngành", "các thôn, bản", "các cơ quan, đơn vị có liên quan"
# ---------------------------------------------------------------------------------------------

_NOUN_KINDS: list[tuple[str, tuple[str, ...]]] = [
    (r"ban,?\s+ngành", DEPARTMENT_KINDS),
    (r"phòng,?\s+ban", DEPARTMENT_KINDS),
    (r"ban(?!\s+(?:hành|đầu|ngày|đêm))", DEPARTMENT_KINDS),
    (r"ngành(?!\s+nghề)", DEPARTMENT_KINDS),
    (r"tổ chức chính trị\s*-\s*xã hội", MASS_KINDS),
    (r"đoàn thể(?:\s+chính trị\s*-\s*xã hội)?", MASS_KINDS),
    (r"tổ chức đoàn thể", MASS_KINDS),
    (r"hội(?!\s+(?:viên|nghị|thảo|thi|diễn|đồng|chợ))", MASS_KINDS),
    (r"tổ dân phố", VILLAGE_KINDS),
    (r"khu dân cư", VILLAGE_KINDS),
    (r"khu phố", VILLAGE_KINDS),
    (r"thôn", VILLAGE_KINDS),
    (r"bản(?!\s+(?:tin|sao|đồ|thảo|án|cam kết|chất|sắc|lĩnh|quyền))", VILLAGE_KINDS),
    (r"xóm", VILLAGE_KINDS),
    (r"làng", VILLAGE_KINDS),
    (r"ấp", VILLAGE_KINDS),
    (r"cơ quan,?\s+đơn vị", AGENCY_KINDS),
    (r"cơ quan", AGENCY_KINDS),
    (r"đơn vị", AGENCY_KINDS),
    (r"trường học", AGENCY_KINDS),
    (r"nhà trường", AGENCY_KINDS),
    (r"trường(?!\s+hợp)", AGENCY_KINDS),
    (r"doanh nghiệp", AGENCY_KINDS),
]
_NOUN = "(?:" + "|".join(pattern for pattern, _kinds in _NOUN_KINDS) + r")(?!\w)"
_QUALIFIER = (
    r"(?:\s+(?:cấp xã|cấp phường|cấp huyện|có liên quan|liên quan|chức năng|"
    r"(?:đóng\s+)?trên địa bàn(?:\s+(?:xã|phường|thị trấn))?|của xã|thuộc xã|trực thuộc|"
    r"xã|phường|thị trấn)(?!\w)){0,3}"
)
_COLLECTIVE_RE = re.compile(
    rf"(?<!\w)(?:(?:tất cả|toàn bộ|toàn thể)\s+)?(?:các|những)\s+{_NOUN}{_QUALIFIER}"
    rf"(?:\s*(?:,|;|/|và)\s*(?:các\s+|những\s+)?{_NOUN}{_QUALIFIER}){{0,6}}"
    rf"|(?<!\w)ban,?\s+ngành{_QUALIFIER}"
    rf"(?:\s*(?:,|;|/|và)\s*(?:các\s+)?{_NOUN}{_QUALIFIER}){{0,6}}"
)
_NOUN_RES = [(re.compile(rf"(?<!\w){pattern}(?!\w)"), kinds) for pattern, kinds in _NOUN_KINDS]


@dataclass(frozen=True)
class Collective:
    text: str  # as written: "các ban, ngành cấp xã"
    kinds: tuple[str, ...]
    start: int
    end: int


def find_collectives(text: str) -> list[Collective]:
    """Plural phrases naming many units at once, with the unit kinds they cover."""
    text = nfc(text)
    lowered = text.lower()
    found = []
    for match in _COLLECTIVE_RE.finditer(lowered.translate(_DASH_TABLE)):
        phrase = match.group(0)
        kinds: list[str] = []
        rest = phrase
        for noun_re, noun_kinds in _NOUN_RES:
            if noun_re.search(rest):
                rest = noun_re.sub(" ", rest)
                kinds.extend(k for k in noun_kinds if k not in kinds)
        found.append(Collective(text[match.start():match.end()].strip(" ,;"), tuple(kinds),
                                match.start(), match.end()))
    return found


# ---------------------------------------------------------------------------------------------
# The matcher
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Candidate:
    unit: UnitRef
    key: str
    expanded: str
    bare: str  # expanded, parentheses dropped
    tokens: frozenset[str]
    first: str  # first word of ``expanded``
    numbers: frozenset[str]  # "Thôn 2", "Thôn Mẫu Ba": what tells apart units of one kind


@dataclass(frozen=True)
class ScannedName:
    """One name read from a list in running text."""

    text: str  # as written
    match: UnitMatch | None  # for a single name; None for a collective phrase
    collective: Collective | None = None


# Words that start what a unit does rather than who it is: a list of units ends before them.
_PREDICATE_STARTS = frozenset(
    """tham muu|thuc hien|to chuc|trien khai|tiep tuc|can cu|xay dung|tuyen truyen|kiem tra|
    ra soat|huong dan|don doc|theo doi|tong hop|de xuat|chi dao|bo tri|dang tai|cung cap|
    nam bat|xu ly|day manh|tang cuong|nang cao|trong viec|ve viec|giai quyet|quan ly|
    phat hien|ngan chan|van dong|dam bao|bao dam|thuong xuyen|kip thoi|chu dong|tap trung|
    pho bien|quan triet|bien tap|duy tri|phat huy|lap|trinh|bao cao|tham gia|giam sat|
    danh gia|khao sat|thong ke|ho tro|ban hanh|sua doi|cap nhat|phoi hop|de|nham|
    gop phan|xac minh|dieu tra|dau tranh|phan bac|phong ngua|tiep nhan|huy dong|
    boi duong|tap huan|quang ba|gioi thieu|bien soan|phat song|phat thanh|tiep can|
    thong tin tuyen truyen|lam tot|lam ro|dinh huong|rut kinh nghiem|so ket|tong ket""".replace(
        "\n", "").split("|")
)
_PREDICATE_STARTS = frozenset(word.strip() for word in _PREDICATE_STARTS)
# A name not in the commune's list must still look like one.
_NAME_STARTS = frozenset(
    """cac|nhung|co quan|don vi|luc luong|nganh|ban|hoi|doan|to|thon|ban|xom|truong|tram|
    phong|uy ban|ubnd|chinh quyen|cap uy|dang uy|chi bo|mat tran|cong an|quan su|dai|
    van phong|cong chuc|can bo|bi thu|chu tich|nha truong|doanh nghiep|hop tac xa|
    trung tam|so|cuc|bo""".replace("\n", "").split("|")
)
_NAME_STARTS = frozenset(word.strip() for word in _NAME_STARTS)
_SEPARATORS = frozenset({",", ";", "và", "cùng", "với", "cùng với", "/"})
_MAX_NAME_TOKENS = 14


class UnitMatcher:
    """The commune's units, ready to be compared with names as written. Results are cached per
    name, so matching stays linear in the length of the plan."""

    def __init__(self, units: Sequence[UnitRef]):
        self.units = list(units)
        candidates = []
        for unit in self.units:
            expanded = name_key(unit.name, expand=True)
            candidates.append(_Candidate(
                unit=unit,
                key=name_key(unit.name),
                expanded=expanded,
                bare=name_key(unit.name, expand=True, drop_parentheses=True),
                tokens=frozenset(_tokens(expanded)),
                first=(expanded.split() or [""])[0],
                numbers=_numbers(expanded),
            ))
        self._candidates = candidates
        self._exact = {c.key: c for c in candidates}
        self._expanded = {}
        for c in candidates:
            self._expanded.setdefault(c.expanded, c)
            self._expanded.setdefault(c.bare, c)
        document_frequency: dict[str, int] = {}
        for c in candidates:
            for token in c.tokens:
                document_frequency[token] = document_frequency.get(token, 0) + 1
        total = max(len(candidates), 1)
        self._weight_unknown = math.log(1 + total)
        self._weights = {t: math.log(1 + total / df) for t, df in document_frequency.items()}
        # a word in a quarter of the names or more ("xã", "công chức") says little on its own
        self._weight_common = math.log(1 + 4)
        self._max_tokens = max((len(c.expanded.split()) for c in candidates), default=0)
        self._cache: dict[str, UnitMatch] = {}
        self._scan_cache: dict[str, UnitMatch] = {}
        self._start_cache: dict[str, list[int]] = {}

    # -- one name ---------------------------------------------------------------------------

    def match(self, text: str) -> UnitMatch:
        """The unit ``text`` names, with a confidence; ``unit=None`` when none is close enough
        or when two units are equally close."""
        return self._match(text, scan=False)

    def _match(self, text: str, *, scan: bool) -> UnitMatch:
        text = " ".join(nfc(text).split()).strip(" :;,.")
        if len(text) > _MAX_NAME_CHARS:
            return UnitMatch(text=text, unit=None, confidence=0.0)
        key = name_key(text)
        cache = self._scan_cache if scan else self._cache
        cached = cache.get(key)
        if cached is None:
            cached = cache[key] = self._match_key(text, key, scan=scan)
        return UnitMatch(text=text, unit=cached.unit, confidence=cached.confidence)

    def _match_key(self, text: str, key: str, *, scan: bool) -> UnitMatch:
        if not self._candidates or not key:
            return UnitMatch(text=text, unit=None, confidence=0.0)
        if key in self._exact:
            return UnitMatch(text=text, unit=self._exact[key].unit.name, confidence=1.0)
        expanded = name_key(text, expand=True)
        for variant in (expanded, name_key(text, expand=True, drop_parentheses=True)):
            if variant in self._expanded:
                return UnitMatch(text=text, unit=self._expanded[variant].unit.name,
                                 confidence=ABBREVIATED_CONFIDENCE)
        tokens = set(_tokens(expanded))
        if scan:
            # In running text only units that start alike are tried: the scan tries every
            # prefix of the sentence, and most prefixes are no unit at all.
            first = expanded.split()[0] if expanded.split() else ""
            indices = self._similar_start(first)
        else:
            indices = range(len(self._candidates))
        if not indices:
            return UnitMatch(text=text, unit=None, confidence=0.0)
        scored = sorted(
            ((self._score(expanded, tokens, self._candidates[i], len(key.split())), i)
             for i in indices),
            reverse=True,
        )
        best_score, best_index = scored[0]
        best_score = round(best_score, 2)
        if best_score < MATCH_THRESHOLD:
            return UnitMatch(text=text, unit=None, confidence=best_score)
        if len(scored) > 1 and scored[1][0] > best_score - _AMBIGUITY_MARGIN:
            return UnitMatch(text=text, unit=None, confidence=best_score)
        return UnitMatch(text=text, unit=self._candidates[best_index].unit.name,
                         confidence=min(best_score, 0.99))

    def _similar_start(self, first: str) -> list[int]:
        found = self._start_cache.get(first)
        if found is None:
            found = [
                index for index, c in enumerate(self._candidates)
                if c.first == first or (len(first) >= 3 and len(c.first) >= 3 and SequenceMatcher(
                    None, first, c.first, autojunk=False).ratio() >= 0.6)
            ]
            self._start_cache[first] = found
        return found

    def _score(self, expanded: str, tokens: set[str], candidate: _Candidate,
               written_words: int) -> float:
        """Similarity of two expanded keys: the better of the plain string ratio and a blend
        of ratio, containment (how much of the text is in the name) and coverage (how much
        of the name is in the text), tokens weighted by rarity among the commune's units."""
        if not tokens:
            return 0.0
        numbers = _numbers(expanded)
        if numbers != candidate.numbers and (numbers or candidate.numbers):
            return 0.0  # "Thôn 3" is never "Thôn 2", however alike the strings
        matcher = SequenceMatcher(None, expanded, candidate.expanded, autojunk=False)
        shared_tokens = tokens & candidate.tokens
        if not shared_tokens:
            # Only a typo-level likeness can match: skip the full ratio when it cannot.
            if matcher.real_quick_ratio() < _PRUNE or matcher.quick_ratio() < _PRUNE:
                return 0.0
            return matcher.ratio() * 0.9
        weight = self._weights.get
        unknown = self._weight_unknown
        shared = sum(weight(t, unknown) for t in shared_tokens)
        own = sum(weight(t, unknown) for t in tokens)
        theirs = sum(weight(t, unknown) for t in candidate.tokens)
        ratio = matcher.ratio()
        containment, coverage = shared / own, shared / theirs
        score = max(ratio, 0.4 * ratio + 0.35 * containment + 0.25 * coverage)
        if (containment >= 0.999 and written_words >= 2
                and own > self._weight_common * len(tokens)):
            # Every word of a short form is in the name ("Đoàn Thanh niên"): a match unless
            # another unit contains it too, which the ambiguity check catches.
            score = max(score, 0.8 + 0.15 * coverage)
        return score

    # -- a group heading ----------------------------------------------------------------------

    def group(self, text: str) -> list[UnitMatch]:
        """The units a group heading names ("Công an xã", "Các ban, ngành cấp xã, các thôn …").
        Collective phrases expand to every unit of their kinds; each other name is matched on
        its own. Unit names repeat at most once."""
        text = " ".join(nfc(text).split()).strip(" :;,.")
        if not text:
            return []
        whole = self.match(text)
        parts = _parts(text)
        if whole.unit is not None and (whole.confidence >= 0.999 or len(parts) < 2):
            return [whole]
        # "Công an xã và Ban Chỉ huy Quân sự xã" resembles one unit as a whole: read the list.
        matches: list[UnitMatch] = []
        collectives = find_collectives(text)
        for collective in collectives:
            matches.extend(self.expand(collective))
        for start, end in parts:
            if any(c.start < end and start < c.end for c in collectives):
                continue  # inside a collective phrase, or a word qualifying it ("UBND các thôn")
            part = text[start:end].strip(" -–.:")
            if len(part) < 2 or not any(ch.isalpha() for ch in part):
                continue
            matches.append(self.match(part))
        if whole.unit is not None and not any(m.unit for m in matches):
            return [whole]
        if not matches:
            matches.append(whole)
        return _unique(matches)

    def expand(self, collective: Collective) -> list[UnitMatch]:
        """Every unit of the kinds a collective phrase covers (never the leadership)."""
        units = [u for u in self.units if u.kind in collective.kinds and u.kind != "leadership"]
        if not units:
            return [UnitMatch(text=collective.text, unit=None, confidence=0.0)]
        return [UnitMatch(text=collective.text, unit=u.name, confidence=EXPANDED_CONFIDENCE)
                for u in units]

    # -- a list in running text ----------------------------------------------------------------

    def scan(self, text: str) -> list[ScannedName]:
        """Read the names at the start of ``text`` ("Công an xã, các đoàn thể tổ chức …") and
        stop where what the units do begins."""
        tokens = _Tokens(text)
        names: list[ScannedName] = []
        position = 0
        while position < len(tokens) and len(names) < 12:
            found = self._scan_one(tokens, position)
            if found is None:
                break
            name, position = found
            names.append(name)
            if position < len(tokens) and tokens.word(position).lower() in _SEPARATORS:
                while position < len(tokens) and tokens.word(position).lower() in _SEPARATORS:
                    position += 1
                continue
            break
        return names

    def _scan_one(self, tokens: _Tokens, start: int):
        remaining = tokens.text_from(start, 40)
        collective = next((c for c in find_collectives(remaining) if c.start == 0), None)
        if collective is not None:
            end = tokens.index_after(start, collective.end)
            return ScannedName(text=tokens.text(start, end), match=None,
                               collective=collective), end
        return self._longest_unit(tokens, start) or self._unmatched_name(tokens, start)

    def _longest_unit(self, tokens: _Tokens, start: int):
        if not self._candidates:
            return None
        limit = min(len(tokens) - start, self._max_tokens + 3, _MAX_NAME_TOKENS)
        best: tuple[float, int, UnitMatch] | None = None
        for length in range(1, limit + 1):
            if tokens.word(start + length - 1) in _SEPARATOR_PUNCT:
                break
            match = self._match(tokens.text(start, start + length), scan=True)
            if match.unit is not None and (best is None or match.confidence >= best[0]):
                best = (match.confidence, length, match)
        if best is None:
            return None
        _score, length, match = best
        return ScannedName(text=match.text, match=match), start + length

    def _unmatched_name(self, tokens: _Tokens, start: int):
        end = min(len(tokens), start + _MAX_NAME_TOKENS)
        folded = [word_key(tokens.word(i)) for i in range(start, end)]
        if not folded or not _starts_like_name(folded, tokens.word(start)):
            return None
        length = 0
        while length < len(folded):
            word = folded[length]
            pair = f"{word} {folded[length + 1]}" if length + 1 < len(folded) else ""
            if word in _PREDICATE_STARTS or pair in _PREDICATE_STARTS:
                break
            if tokens.word(start + length) in _SEPARATOR_PUNCT or word == "cung":
                break
            if word == "va" and not _joins_name(tokens, start + length + 1, folded, length + 1):
                break
            length += 1
        if length == 0 or length >= 9:
            return None
        text = tokens.text(start, start + length)
        return ScannedName(text=text, match=UnitMatch(text=text, unit=None, confidence=0.0)), \
            start + length


_SEPARATOR_PUNCT = frozenset({",", ";", ".", ":", "(", ")", "“", "”", '"'})
_TOKEN_SPLIT_RE = re.compile(r"[,;:.()“”\"]|[^\s,;:.()“”\"]+")


class _Tokens:
    """The words of a text (punctuation that separates names counts as a word), with where
    each sits in the text, so a phrase can be cut out exactly as written."""

    def __init__(self, text: str):
        self.source = text
        self.spans = [(m.start(), m.end()) for m in _TOKEN_SPLIT_RE.finditer(text)]

    def __len__(self) -> int:
        return len(self.spans)

    def word(self, index: int) -> str:
        start, end = self.spans[index]
        return self.source[start:end]

    def text(self, start: int, end: int) -> str:
        """The text from word ``start`` to before word ``end``, as written."""
        return self.source[self.spans[start][0]:self.spans[end - 1][1]]

    def text_from(self, start: int, count: int) -> str:
        end = min(len(self.spans), start + count)
        return self.text(start, end) if end > start else ""

    def index_after(self, start: int, length: int) -> int:
        """The first word at or after ``length`` characters from word ``start``."""
        limit = self.spans[start][0] + length
        index = start
        while index < len(self.spans) and self.spans[index][0] < limit:
            index += 1
        return index


def _joins_name(tokens: _Tokens, index: int, folded: list[str], position: int) -> bool:
    """Whether "và" at ``position - 1`` is inside one name ("Phòng Văn hóa và Thông tin")
    rather than between two ("Công an xã và Đài truyền thanh xã")."""
    if index >= len(tokens) or position >= len(folded) or not tokens.word(index)[:1].isupper():
        return False
    pair = " ".join(folded[position:position + 2])
    return folded[position] not in _NAME_STARTS and pair not in _NAME_STARTS


def _starts_like_name(folded: list[str], original: str) -> bool:
    if original[:1].isupper():
        return True
    return folded[0] in _NAME_STARTS or " ".join(folded[:2]) in _NAME_STARTS


_NUMBER_WORDS = {
    "mot": "1", "hai": "2", "ba": "3", "bon": "4", "tu": "4", "nam": "5", "sau": "6",
    "bay": "7", "tam": "8", "chin": "9", "muoi": "10",
}


def _numbers(key: str) -> frozenset[str]:
    """Digits in a key, and a number word when it ends the name ("thon mau ba" → 3)."""
    tokens = _tokens(key)
    found = {t.lstrip("0") or "0" for t in tokens if t.isdigit()}
    if tokens and tokens[-1] in _NUMBER_WORDS and len(tokens) >= 2:
        found.add(_NUMBER_WORDS[tokens[-1]])
    return frozenset(found)


_PART_SEPARATOR_RE = re.compile(r"\s*(?:[,;]|(?<!\w)(?:và|cùng)(?!\w))\s*")


def _parts(text: str) -> list[tuple[int, int]]:
    """Spans of the names in a list "A, B và C"."""
    spans = []
    start = 0
    for separator in _PART_SEPARATOR_RE.finditer(text):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _unique(matches: list[UnitMatch]) -> list[UnitMatch]:
    seen: set[str] = set()
    unique = []
    for match in matches:
        key = match.unit if match.unit is not None else f"\0{fold_key(match.text)}"
        if key in seen:
            continue
        seen.add(key)
        unique.append(match)
    return unique
