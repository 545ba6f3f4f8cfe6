"""The lines of a plan → ``PlanDocument``.

The reading goes in passes, each small enough to check on its own:

1. clean every line (NFC, one space, no Markdown emphasis, no page numbers or rules);
2. join words a page break split ("xã Cẩm" / "Tân", "thi" / "đưa"): a line that ends without
   final punctuation and a next line that starts lower-case, or that continues a proper name
   the document writes elsewhere on one line;
3. correct rare misspellings of a place name the document names with its level ("xã …",
   "huyện …"), e.g. "Chăm Tân" for "Cẩm Tân";
4. find the header (issuing body, number, place and date), the type line and summary, the end
   of the body ("Nơi nhận:" or the signing authority);
5. build the section tree: the marker styles present (Phần/Chương, Điều, I., A., 1., 1.1., a))
   are ranked and the strongest becomes the top level, so plans numbered "Phần I", "Điều 1" or
   only "1." read as well as "I."; unnumbered all-capital lines are top-level parts too;
6. read the assignments (the implementation part), the closing paragraph and reporting, the
   recipients and signature, and every directive document the text cites.

Every repair and every doubt becomes a Vietnamese warning, with the line where it happened.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.translation import gettext as _

from ttdn.core.text import nfc
from ttdn.plans import symbols
from ttdn.plans.document import (
    Assignment,
    Frequency,
    Header,
    Item,
    LegalBasis,
    PlanDocument,
    Reporting,
    Section,
    SectionRole,
    Signature,
    TaskSpec,
    UnitMatch,
    UnitRef,
)
from ttdn.plans.errors import PlanImportError
from ttdn.plans.importer.units import EXPANDED_CONFIDENCE as _EXPANDED
from ttdn.plans.importer.units import UnitMatcher, find_collectives, fold_key


@dataclass
class SourceLine:
    """A line as a reader gives it to the parser."""

    text: str
    number: int = 0  # 1-based line (text) or paragraph (Word) number
    barrier: bool = False  # first paragraph of a table cell or after a table: never joined back
    soft: bool = False  # follows a manual line break inside the same paragraph


@dataclass
class _Line:
    text: str
    first: int
    last: int
    columns: list[str] = field(default_factory=list)  # pieces laid out side by side (tabs, gaps)
    barrier: bool = False
    soft: bool = False


# ---------------------------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------------------------

_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES_RE = re.compile(r"[\s\u00a0\u2007\u202f\u3000]+")
_COLUMN_GAP_RE = re.compile(r"\t+|[ \u00a0]{3,}")
_MARKDOWN_RE = re.compile(r"\*\*|(?<!_)__(?=[^\W_])|(?<=[^\W_])__(?!_)|^#{1,6}\s+")
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$|^trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?$", re.IGNORECASE)
_LINE_BREAKS_RE = re.compile("\r\n|[\n\r\v\f\u2028\u2029\x85]")
_FINAL_PUNCTUATION = set(".:;!?…")
_CLOSERS = ")]”’\"»*"

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_VIETNAMESE_ALPHABET = "abcdđeghiklmnopqrstuvxy"

_PART_RE = re.compile(
    r"^(?P<word>phần|chương|mục)\s+(?P<num>[IVXLC]{1,6}|\d{1,2}|thứ\s+\w+)\b\s*[.:)\-–]?\s*"
    r"(?P<title>.*)$", re.IGNORECASE)
_ARTICLE_RE = re.compile(r"^(?P<word>điều)\s+(?P<num>\d{1,3})\s*[.:)\-–]\s*(?P<title>.*)$",
                         re.IGNORECASE)
_ROMAN_RE = re.compile(r"^(?P<num>[IVXL]{1,6})\s*[.):/\-–]\s*(?P<title>[^\W\d_].*|[“\"(].*)$")
_MULTI_RE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<title>[^\W\d_].*|[“\"(].*)$")
_ARABIC_RE = re.compile(
    r"^(?P<num>\d{1,3})\s*(?:[.):/]|[-–](?=\s))\s*(?P<title>[^\W\d_].*|[“\"(].*)$")
_LETTER_RE = re.compile(r"^(?P<num>[a-zđ])\s*[.):/]\s*(?P<title>[^\W\d_].*|[“\"(].*)$")
_UPPER_LETTER_RE = re.compile(r"^(?P<num>[A-ZĐ])\s*[.):/]\s*(?P<title>[^\W\d_].*)$")
_BULLET_RE = re.compile(r"^(?P<mark>[-–—−‐+•●○■□◦▪·➢►❖✓*])\s*(?P<text>.*)$")

def _type_key(text: str) -> str:
    """"KẾ HOẠCH", "Kế hoạch", "K Ế  H O Ạ C H" → "kehoach"."""
    return fold_key(text).replace(" ", "").strip(".:")


_DOC_TYPES = {
    _type_key(name): name
    for name in ("KẾ HOẠCH", "BÁO CÁO", "CHƯƠNG TRÌNH", "QUYẾT ĐỊNH", "THÔNG BÁO", "HƯỚNG DẪN",
                 "ĐỀ ÁN", "PHƯƠNG ÁN", "TỜ TRÌNH", "NGHỊ QUYẾT", "CHỈ THỊ", "KẾT LUẬN",
                 "QUY CHẾ", "QUY ĐỊNH", "CÔNG VĂN", "KẾ HOẠCH LIÊN TỊCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG")
}
_MOTTO_KEYS = ("cong hoa xa hoi chu nghia", "doc lap - tu do", "doc lap tu do",
               "dang cong san viet nam")
_NUMBER_LINE_RE = re.compile(r"^số\s*[:.]?\s*(?P<rest>[\d\s.…_]*[/-].*)$", re.IGNORECASE)
_PLACE_DATE_RE = re.compile(
    r"^(?P<place>[^,0-9]{2,60}),\s*ngày\s+(?P<d>\d{1,2}|[.…_ ]+)\s+tháng\s+(?P<m>\d{1,2}|[.…_ ]+)"
    r"\s+năm\s+(?P<y>\d{4})", re.IGNORECASE)
_AUTHORITY_RE = re.compile(
    r"^(?P<kind>KT|TM|TL|TUQ|Q|T/M|T\.M|K/T)\s*[./]?\s*(?P<rest>[^\W\d_].*)$")
_SIGNER_TITLES = ("chu tich", "pho chu tich", "bi thu", "pho bi thu", "truong ban",
                  "pho truong ban", "giam doc", "pho giam doc", "truong phong", "pho truong phong",
                  "chanh van phong", "truong thon", "thu truong")
_SIGNED_RE = re.compile(r"^[(\[]?\s*(?:đã ký|da ky|ký|ky tên|ký tên|ký, ghi rõ|chữ ký|daky)",
                        re.IGNORECASE)
_RECIPIENTS_RE = re.compile(r"^nơi\s+nhận\s*[:.]?\s*(?P<rest>.*)$", re.IGNORECASE)
_ISSUER_IN_TEXT_RE = re.compile(
    r"(?P<body>(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN|Đảng ủy|Đảng uỷ|HĐND)"
    r"\s+(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)"
    r"(?:\s+[^\W\d_][\w]*){1,4}?)\s+(?:ban hành|xây dựng|triển khai)\s+(?:kế hoạch|chương trình)",
    re.IGNORECASE)

_ROLE_KEYWORDS: list[tuple[SectionRole, tuple[str, ...]]] = [
    (SectionRole.IMPLEMENTATION, ("to chuc thuc hien", "trach nhiem thuc hien", "phan cong",
                                  "to chuc trien khai", "trach nhiem cua")),
    (SectionRole.BUDGET, ("kinh phi", "nguon kinh phi", "du toan")),
    (SectionRole.PURPOSES, ("muc dich", "yeu cau")),
    (SectionRole.CONTENT, ("noi dung", "nhiem vu", "giai phap", "cac hoat dong", "hoat dong")),
    (SectionRole.PURPOSES, ("muc tieu", "quan diem")),
]

_DATE_AFTER_RE = re.compile(
    r"\s*,?\s*(?:ban hành\s+)?ngày\s+(?:(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*"
    r"(?P<y>\d{4})|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))",
    re.IGNORECASE)
_ISSUER_AFTER_RE = re.compile(
    r"\s*,?\s*của\s+(?P<issuer>[^(“\",;.:]{2,90}?)"
    r"(?=\s*(?:[(“\",;.:]|$)|\s+(?:về|ngày|nhằm|để|thực hiện|triển khai|quy định|hướng dẫn|và|"
    r"với|tại|trong|theo)\s)", re.IGNORECASE)
_TITLE_STOP_RE = re.compile(
    r";|:(?:\s|$)|\.(?:\s|$)|,\s+(?:để|nhằm|góp phần|đồng thời|trong đó|theo đó)\s"
    r"|,\s+(?=(?:UBND|Ủy ban|Uỷ ban|ỦY BAN|Đảng ủy|Đảng uỷ|HĐND|Ban Chỉ đạo|Ban Thường vụ)\s)")

_COORDINATION_RE = re.compile(r"phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+(?:với|cùng))?\s+",
                              re.IGNORECASE)
_GROUP_PREFIX_RE = re.compile(r"^(?:đề nghị|giao|trách nhiệm của|đối với)\s+", re.IGNORECASE)
_CLOSING_START_RE = re.compile(
    r"^(?:UBND|Ủy ban|Uỷ ban|ủy ban|Trên đây|Trong quá trình|Yêu cầu|Đề nghị|Căn cứ (?:nội dung )?"
    r"kế hoạch|Quá trình)", re.IGNORECASE)
_REPORT_VERB_RE = re.compile(r"báo\s+cáo|gửi", re.IGNORECASE)
_VIA_RE = re.compile(r"\(?\s*(?:thông\s+)?qua\s+(?P<via>[^()]+?)\s*\)?$", re.IGNORECASE)
_RECIPIENT_END_RE = re.compile(
    r"[,;.]|\s(?:để|trước|theo|trong|chậm nhất|vào|định kỳ|khi|và đề xuất)(?!\w)", re.IGNORECASE)
_FREQUENCY_RES: list[tuple[Frequency, re.Pattern]] = [
    (Frequency.HALF_YEAR, re.compile(
        r"(?<!\w)(?:6|06|sáu)\s+tháng(?:\s+(?:đầu|cuối)\s+năm)?|nửa\s+năm|bán\s+niên",
        re.IGNORECASE)),
    (Frequency.QUARTER, re.compile(r"(?:hàng|hằng|mỗi|từng)\s+quý|(?<!\w)quý(?!\w)",
                                   re.IGNORECASE)),
    (Frequency.MONTH, re.compile(r"(?:hàng|hằng|mỗi|từng)\s+tháng", re.IGNORECASE)),
    (Frequency.YEAR, re.compile(r"(?:hàng|hằng|mỗi|từng|cuối|cả)\s+năm", re.IGNORECASE)),
]
_PERIODIC_RE = re.compile(r"định\s+kỳ", re.IGNORECASE)
_BARE_YEAR_RE = re.compile(r"(?<!\w)năm(?!\s*\d)(?!\s+(?:học|nay|tới|sau|trước|đó))",
                           re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

def _roman_value(text: str) -> int | None:
    """The value of a Roman numeral up to 39, or None when ``text`` is not a well-formed one."""
    total = 0
    previous = 0
    for char in reversed(text):
        value = _ROMAN_VALUES.get(char)
        if value is None:
            return None
        if value < previous:
            total -= value
        else:
            total += value
            previous = value
    if not 0 < total < 40:
        return None
    return total if _to_roman(total) == text else None


def _to_roman(value: int) -> str:
    out = []
    for number, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def _is_caps(text: str) -> bool:
    """All letters capital, and at least four of them ("KINH PHÍ", not "I." or "UB")."""
    if text.upper() != text:
        return False
    return sum(1 for ch in text if ch.isalpha()) >= 4


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _runs(numbers: list[int]) -> list[str]:
    """[142, 143, 150] → ["142–143", "150"]."""
    spans: list[list[int]] = []
    for number in sorted(set(numbers)):
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return [_span(first, last) for first, last in spans]


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _FINAL_PUNCTUATION


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?…()[]“”\"'’‘") for w in text.split()]


def _is_capitalised(word: str) -> bool:
    """"Tân", "Cẩm": a capital then lower-case letters (not "UBND", not "xã")."""
    return (len(word) >= 2 and word[0].isupper() and word[1:].isalpha()
            and word[1:].islower())


def _clean_text(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip()


def _strip_end(text: str) -> str:
    return text.strip().rstrip(" ,;:")


@dataclass
class _Heading:
    style: str  # part, article, roman, upper, arabic, multi, letter, caps
    number: str
    title: str


@dataclass
class _Marker:
    mark: str  # "-", "+", "•", "a)", "1)" …
    style: str  # the nesting key: "-", "+", "•", "letter", "arabic"
    text: str


def _heading(text: str) -> _Heading | None:
    """The numbered-heading reading of a line, before levels are known."""
    if match := _PART_RE.match(text):
        return _Heading("part", match["num"], match["title"].strip())
    if match := _ARTICLE_RE.match(text):
        return _Heading("article", match["num"], match["title"].strip())
    if (match := _ROMAN_RE.match(text)) and _roman_value(match["num"]) is not None:
        return _Heading("roman", match["num"], match["title"].strip())
    if match := _MULTI_RE.match(text):
        return _Heading("multi", match["num"], match["title"].strip())
    if match := _ARABIC_RE.match(text):
        return _Heading("arabic", match["num"], match["title"].strip())
    if match := _LETTER_RE.match(text):
        return _Heading("letter", match["num"], match["title"].strip())
    if match := _UPPER_LETTER_RE.match(text):
        return _Heading("upper", match["num"], match["title"].strip())
    return None


def _bullet(text: str) -> _Marker | None:
    match = _BULLET_RE.match(text)
    if match is None or not match["text"]:
        return None
    mark = match["mark"]
    if mark in "-–—−‐":
        mark = "-"
    elif mark != "+":
        mark = "•"
    return _Marker(mark, mark, match["text"].strip())


def _has_marker(text: str) -> bool:
    return _heading(text) is not None or _bullet(text) is not None


def _role(title: str) -> SectionRole:
    words = fold_key(title).replace(",", " ").split()
    if not words or len(words) > 14:
        return SectionRole.OTHER
    head = " ".join(words[:6])
    for role, keywords in _ROLE_KEYWORDS:
        if any(f" {keyword} " in f" {head} " for keyword in keywords):
            return role
    return SectionRole.OTHER


def _sequence_value(style: str, number: str) -> int | None:
    if style in ("roman", "part") and (value := _roman_value(number.upper())) is not None:
        return value
    if number.isdigit():
        return int(number)
    if style in ("letter", "upper") and number.lower() in _VIETNAMESE_ALPHABET:
        return _VIETNAMESE_ALPHABET.index(number.lower()) + 1
    return None


def _sequence_label(style: str, value: int) -> str:
    if style in ("roman", "part"):
        return _to_roman(value)
    if style == "letter":
        return _VIETNAMESE_ALPHABET[value - 1] if 0 < value <= len(_VIETNAMESE_ALPHABET) else ""
    if style == "upper":
        return _VIETNAMESE_ALPHABET[value - 1].upper() if 0 < value <= 23 else ""
    return str(value)


_STYLE_RANK = ["part", "article", "roman", "upper", "arabic_caps", "arabic", "multi", "letter"]


# ---------------------------------------------------------------------------------------------
# The parser
# ---------------------------------------------------------------------------------------------

class _Parser:
    def __init__(self, units: Sequence[UnitRef], *, paragraphs: bool):
        self.matcher = UnitMatcher(units)
        self.has_units = bool(units)
        self.paragraphs = paragraphs
        self.doc = PlanDocument()
        self.warnings = self.doc.warnings
        self.section_lines: dict[int, int] = {}  # id(Section) → line
        self.item_lines: dict[int, int] = {}  # id(Item) → line
        self._section_styles: dict[int, str] = {}  # id(Section) → marker style
        self._warned: set[str] = set()

    # -- where -------------------------------------------------------------------------------

    def where(self, first: int, last: int | None = None) -> str:
        span = _span(first, first if last is None else last)
        if self.paragraphs:
            return _("Đoạn %(n)s") % {"n": span}
        return _("Dòng %(n)s") % {"n": span}

    def where_many(self, numbers: list[str]) -> str:
        joined = ", ".join(numbers)
        return _("Đoạn %(n)s") % {"n": joined} if self.paragraphs else _("Dòng %(n)s") % {
            "n": joined}

    def warn(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            self.warnings.append(message)

    # -- pass 1: clean ---------------------------------------------------------------------------

    def clean(self, source: Sequence[str | SourceLine]) -> list[_Line]:
        lines: list[_Line] = []
        markdown: list[int] = []
        page_numbers: list[int] = []
        pending_barrier = False
        for index, item in enumerate(source):
            if isinstance(item, str):
                item = SourceLine(text=item, number=index + 1)
            pending_barrier = pending_barrier or item.barrier
            for part, piece in enumerate(_LINE_BREAKS_RE.split(item.text or "")):
                piece = _ZERO_WIDTH_RE.sub("", nfc(piece))
                if _MARKDOWN_RE.search(piece):
                    piece = _MARKDOWN_RE.sub("", piece)
                    markdown.append(item.number)
                columns = [c for c in (_clean_text(p) for p in _COLUMN_GAP_RE.split(piece)) if c]
                text = _clean_text(piece)
                if not any(ch.isalnum() for ch in text):
                    continue
                if _PAGE_NUMBER_RE.match(text):
                    page_numbers.append(item.number)
                    continue
                lines.append(_Line(text=text, first=item.number, last=item.number,
                                   columns=columns, barrier=pending_barrier,
                                   soft=item.soft or part > 0))
                pending_barrier = False
        if markdown:
            self.warn(_("%(where)s: đã bỏ ký hiệu in đậm kiểu Markdown (**).")
                      % {"where": self.where_many(_runs(markdown))})
        if page_numbers:
            self.warn(_("%(where)s: đã bỏ dòng chỉ có số trang.")
                      % {"where": self.where_many(_runs(page_numbers))})
        return lines

    # -- pass 2: page breaks ---------------------------------------------------------------------

    def join_breaks(self, lines: list[_Line]) -> list[_Line]:
        names = _name_pairs(line.text for line in lines)
        out: list[_Line] = []
        for line in lines:
            previous = out[-1] if out else None
            reason = self._continues(previous, line, names) if previous else None
            if previous is None or reason is None:
                out.append(line)
                continue
            before = _words(previous.text)[-1]
            after = _words(line.text)[0]
            corrected = _known_term(before, after)
            text = line.text
            if corrected:
                text = corrected + text[len(after):] if text.startswith(after) else text
            if not line.soft:
                where = self.where(previous.first, line.last)
                if corrected:
                    self.warn(_("%(where)s: đã nối từ bị ngắt trang “%(before)s” / “%(after)s” "
                                "và sửa thành “%(term)s”.")
                              % {"where": where, "before": before, "after": after,
                                 "term": f"{before} {corrected}"})
                else:
                    self.warn(_("%(where)s: đã nối từ bị ngắt trang “%(before)s” / “%(after)s”.")
                              % {"where": where, "before": before, "after": after})
            previous.text = f"{previous.text} {text}"
            previous.columns = [previous.text]
            previous.last = line.last
        return out

    def _continues(self, previous: _Line, line: _Line, names: Counter) -> str | None:
        """Why ``line`` continues ``previous`` across a break, or None when it does not."""
        if line.barrier or _ends_sentence(previous.text) or _has_marker(line.text):
            return None
        if _is_caps(previous.text) or _RECIPIENTS_RE.match(previous.text):
            return None
        first = line.text[0]
        if first.isalpha() and first.islower():
            return "lower-case"
        last_word = _words(previous.text)[-1] if previous.text.split() else ""
        first_word = _words(line.text)[0] if line.text.split() else ""
        if not (_is_capitalised(last_word) and _is_capitalised(first_word)):
            return None
        heading = _heading(previous.text)
        if heading is not None and len(previous.text.split()) < 15:
            return None
        if names[fold_key(f"{last_word} {first_word}")] > 0:
            return "name"
        return None

    # -- pass 3: misspelt place names ----------------------------------------------------------

    def fix_place_names(self, lines: list[_Line]) -> None:
        """A two-word name written rarely, one letter or mark away from a place the text names
        with its level ("xã Cẩm Tân", "huyện Cẩm Thủy"), is taken for a typo of it."""
        counts: Counter = Counter()
        places: dict[str, str] = {}
        spelled: dict[str, str] = {}
        lines_of: dict[str, list[str]] = {}
        for line in lines:
            words = line.text.split()
            for i in range(len(words) - 1):
                a, b = words[i], words[i + 1].rstrip(".,;:)”\"")
                if a[-1:] in ",;:.)" or not (_is_capitalised(a) and _is_capitalised(b)):
                    continue
                key = fold_key(f"{a} {b}")
                counts[key] += 1
                spelled.setdefault(key, f"{a} {b}")
                lines_of.setdefault(key, []).append(_span(line.first, line.last))
                if i > 0 and fold_key(words[i - 1]) in ("xa", "phuong", "huyen", "tinh",
                                                        "quan", "thon"):
                    places.setdefault(key, f"{a} {b}")
                if i > 1 and fold_key(" ".join(words[i - 2:i])) in ("thi tran", "thanh pho",
                                                                    "thi xa"):
                    places.setdefault(key, f"{a} {b}")
        for key, written in list(spelled.items()):
            if key in places or counts[key] > 2:
                continue
            target = self._nearest_place(key, places, counts)
            if target is None:
                continue
            right = places[target]
            for line in lines:
                line.text = re.sub(rf"(?<!\w){re.escape(written)}(?!\w)", right, line.text)
                line.columns = [re.sub(rf"(?<!\w){re.escape(written)}(?!\w)", right, c)
                                for c in line.columns]
            self.warn(_("%(where)s: đã sửa “%(wrong)s” thành “%(right)s” (tên địa danh gần "
                        "giống, có thể gõ nhầm).")
                      % {"where": self.where_many(list(dict.fromkeys(lines_of[key]))),
                         "wrong": written, "right": right})

    @staticmethod
    def _nearest_place(key: str, places: dict[str, str], counts: Counter) -> str | None:
        first, _sep, second = key.partition(" ")
        for place in places:
            p_first, _sep, p_second = place.partition(" ")
            if p_second != second or p_first == first or counts[place] < 3:
                continue
            if counts[key] * 2 > counts[place]:
                continue
            if SequenceMatcher(None, first, p_first).ratio() >= 0.6:
                return place
        return None

    # -- pass 4: layout ----------------------------------------------------------------------

    def find_type_line(self, lines: list[_Line]) -> tuple[int | None, str]:
        """Index of the type line ("KẾ HOẠCH") and the summary when it shares the line."""
        for index, line in enumerate(lines[:40]):
            if _type_key(line.text) in _DOC_TYPES:
                return index, ""
            if _heading(line.text) is not None and index > 0:
                heading = _heading(line.text)
                if heading.style in ("roman", "part", "article"):
                    break
            words = line.text.split()
            for size in (3, 2):
                head = _type_key(" ".join(words[:size]))
                if (head in _DOC_TYPES and len(words) > size and _is_caps(" ".join(words[:size]))
                        and not _is_caps(" ".join(words[size:]))):
                    return index, " ".join(words[size:])
        return None, ""

    def find_body_end(self, lines: list[_Line], start: int) -> int:
        for index in range(start, len(lines)):
            text = lines[index].text
            if _RECIPIENTS_RE.match(text):
                return index
            columns = lines[index].columns
            if any(_RECIPIENTS_RE.match(c) for c in columns[1:]):
                return index
            if _is_authority(text) or any(_is_authority(c) for c in columns):
                return index
            if _is_caps(text) and fold_key(text) in _SIGNER_TITLES:
                return index
        return len(lines)

    # -- header ------------------------------------------------------------------------------

    def read_header(self, lines: list[_Line]) -> list[_Line]:
        """Fill the header from layout lines; return the lines that were not header lines."""
        header = self.doc.header
        bodies: list[str] = []
        rest: list[_Line] = []
        for line in lines:
            used = False
            for column in (line.columns if len(line.columns) > 1 else [line.text]):
                used = self._header_column(column, header, bodies) or used
            if not used:
                rest.append(line)
        if bodies:
            if len(bodies) >= 2:
                header.parent_body = bodies[0]
                header.issuing_body = " ".join(bodies[1:])
            else:
                header.issuing_body = bodies[0]
        return rest

    def _header_column(self, text: str, header: Header, bodies: list[str]) -> bool:
        key = fold_key(text)
        if any(key.startswith(motto) for motto in _MOTTO_KEYS):
            return True
        if match := _NUMBER_LINE_RE.match(text):
            rest = match["rest"].strip()
            parsed = symbols.parse(rest)
            if parsed is not None:
                header.symbol = str(parsed)
            return True
        if self._place_date(text, header):
            return True
        if _is_caps(text) and not _heading(text) and _type_key(text) not in _DOC_TYPES:
            bodies.append(text)
            return True
        return False

    def _place_date(self, text: str, header: Header) -> bool:
        match = _PLACE_DATE_RE.match(text)
        if match is None:
            return False
        if not header.place:
            header.place = match["place"].strip()
        if header.date is None and match["d"].isdigit() and match["m"].isdigit():
            try:
                header.date = datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                self.warn(_("Ngày ban hành “%(text)s” không hợp lệ.") % {"text": text})
        return True

    # -- pass 5: sections ----------------------------------------------------------------------

    def build_sections(self, lines: list[_Line]) -> list[_Line]:
        """Build ``doc.sections`` from the body; return the lines before the first section
        (the preamble)."""
        headings = [self._classify(i, lines) for i in range(len(lines))]
        depth_of = self._depths(headings)
        numbered_top = any(h is not None and h.style != "caps" and depth_of(h) == 0
                           for h in headings)
        stack: list[Section] = []
        levels: dict[int, list[str]] = {}  # id(Section) → bullet styles in order of appearance
        last_at: dict[int, list[Item]] = {}  # id(Section) → last item at each nesting level
        preamble: list[_Line] = []
        previous_heading: Section | None = None
        for index, line in enumerate(lines):
            heading = headings[index]
            if (previous_heading is not None and _is_caps(line.text)
                    and (heading is None or heading.style == "caps")):
                # A capital title running over two lines, or a title under "PHẦN I" alone.
                previous_heading.title = f"{previous_heading.title} {line.text}".strip()
                if stack and stack[0] is previous_heading:
                    previous_heading.role = _role(previous_heading.title)
                continue
            depth = depth_of(heading) if heading is not None else None
            if depth is not None and not stack and (
                    depth > 0 or (heading.style == "caps" and numbered_top)):
                depth = None  # before the first part: numbered points, capitals of the preamble
            if depth is not None:
                section = self._open_section(heading, depth, stack, line)
                numbered = heading.style != "caps"
                open_title = not section.title or (
                    _is_caps(section.title) and not _ends_sentence(section.title))
                previous_heading = section if numbered and open_title else None
                continue
            previous_heading = None
            if not stack:
                preamble.append(line)
                continue
            self._add_item(stack[-1], line, levels, last_at)
        return preamble

    def _classify(self, index: int, lines: list[_Line]) -> _Heading | None:
        text = lines[index].text
        heading = _heading(text)
        if heading is None:
            if _is_caps(text) and 2 <= len(text.split()) <= 20 and not text.endswith("."):
                return _Heading("caps", "", text)
            return None
        if heading.style == "letter":
            following = lines[index + 1].text if index + 1 < len(lines) else ""
            if _bullet(following) is None or len(heading.title.split()) > 40:
                return None  # a lettered point, read as an item
        if heading.style == "arabic" and _is_caps(heading.title):
            heading.style = "arabic_caps"
        return heading

    def _depths(self, headings: list[_Heading | None]):
        """The depth of each heading style present: the strongest style is the top level."""
        counts = Counter(h.style for h in headings if h is not None)
        if counts["upper"] < 2:
            counts["upper"] = 0
        if counts["arabic_caps"] < 2 or counts["roman"] or counts["part"] or counts["upper"]:
            counts["arabic"] += counts.pop("arabic_caps", 0)
            for heading in headings:
                if heading is not None and heading.style == "arabic_caps":
                    heading.style = "arabic"
        ranked = [style for style in _STYLE_RANK if counts[style] > 0]
        depth = {style: index for index, style in enumerate(ranked)}
        caps_depth = 1 if ranked and ranked[0] == "part" and len(ranked) > 1 else 0

        def depth_of(heading: _Heading) -> int | None:
            if heading.style == "caps":
                return caps_depth
            return depth.get(heading.style)

        return depth_of

    def _open_section(self, heading: _Heading, depth: int, stack: list[Section],
                      line: _Line) -> Section:
        section = Section(number=heading.number, title=_strip_end(heading.title))
        if heading.title.endswith(":"):
            section.title = heading.title.rstrip(" :")
        del stack[depth:]
        if not stack:
            section.role = _role(section.title)
            self.doc.sections.append(section)
            stack[:] = [section]
        else:
            stack[-1].children.append(section)
            stack.append(section)
        self.section_lines[id(section)] = line.first
        self._section_styles[id(section)] = heading.style
        return section

    def _add_item(self, section: Section, line: _Line, levels: dict[int, list[str]],
                  last_at: dict[int, list[Item]]) -> Item:
        marker = _bullet(line.text)
        if marker is None:
            heading = _heading(line.text)
            if heading is not None and heading.style in ("letter", "arabic", "multi"):
                style = "letter" if heading.style == "letter" else "arabic"
                marker = _Marker(f"{heading.number})", style, heading.title)
        if marker is None:
            item = Item(text=line.text)
            section.items.append(item)
            last_at[id(section)] = []
            self.item_lines[id(item)] = line.first
            return item
        item = Item(text=marker.text, marker=marker.mark)
        styles = levels.setdefault(id(section), [])
        if marker.style not in styles:
            styles.append(marker.style)
        level = styles.index(marker.style)
        chain = last_at.setdefault(id(section), [])
        if level == 0 or not chain:
            section.items.append(item)
            chain[:] = [item]
        else:
            depth = min(level, len(chain))
            chain[depth - 1].children.append(item)
            del chain[depth:]
            chain.append(item)
        self.item_lines[id(item)] = line.first
        return item

    def check_numbering(self) -> None:
        self._check_siblings(self.doc.sections, None)

    def _check_siblings(self, sections: list[Section], parent: Section | None) -> None:
        by_style: dict[str, list[Section]] = {}
        for section in sections:
            style = self._section_styles.get(id(section), "")
            if section.number:
                by_style.setdefault(style, []).append(section)
        for style, group in by_style.items():
            values = [_sequence_value(style, s.number) for s in group]
            if any(v is None for v in values):
                continue
            self._report_gaps(style, group, values, parent)
        for section in sections:
            self._check_siblings(section.children, section)

    def _report_gaps(self, style: str, group: list[Section], values: list[int],
                     parent: Section | None) -> None:
        written = ", ".join(s.number for s in group)
        where_parent = _("các mục lớn") if parent is None else _("các mục trong mục %(n)s") % {
            "n": parent.number}
        expected = 1
        for section, value in zip(group, values, strict=True):
            line = self.section_lines.get(id(section), 0)
            if value > expected:
                missing = ", ".join(_sequence_label(style, v) for v in range(expected, value))
                self.warn(_("%(where)s: %(which)s đánh số %(written)s — không có mục "
                            "%(missing)s (giữ nguyên số như văn bản, không đánh lại).")
                          % {"where": self.where(line), "which": where_parent,
                             "written": written, "missing": missing})
            elif value < expected:
                self.warn(_("%(where)s: %(which)s đánh số %(written)s — số %(number)s bị lặp "
                            "hoặc lùi (giữ nguyên như văn bản).")
                          % {"where": self.where(line), "which": where_parent,
                             "written": written, "number": section.number})
            expected = max(expected, value + 1)

    # -- pass 6: assignments, closing, reporting -----------------------------------------------

    def read_assignments(self) -> list[str]:
        """Fill ``doc.assignments`` and ``doc.closing``; return the texts that may state the
        reporting duty (the closing, and parts titled "… báo cáo")."""
        implementation = self.doc.section(SectionRole.IMPLEMENTATION)
        if implementation is None:
            self.warn(_("Không tìm thấy phần “Tổ chức thực hiện”: kế hoạch chưa có nhiệm vụ nào "
                        "được giao cho đơn vị."))
            return []
        report_texts: list[str] = []
        groups = self._groups(implementation, "", report_texts)
        closing = self._take_closing(implementation, [g for _n, g in groups])
        if closing:
            self.doc.closing = "\n".join(closing)
            report_texts.insert(0, self.doc.closing)
        for number, group in groups:
            if self._is_container(group):
                self._assignments_from_items(group, f"{number}.")
            else:
                self._assignment(number, group)
        if not groups:
            self._assignments_from_items(implementation, "")
        if not self.doc.assignments:
            self.warn(_("%(where)s: phần “%(title)s” không có nhóm đơn vị nào (“1. Công an xã:”, "
                        "…); chưa đọc được nhiệm vụ.")
                      % {"where": self.where(self.section_lines.get(id(implementation), 0)),
                         "title": implementation.title})
        if not self.has_units and self.doc.assignments:
            count = sum(1 for a in self.doc.assignments for m in a.units if m.unit is None)
            self.warn(_("Xã chưa có danh sách đơn vị: %(count)s tên đơn vị trong kế hoạch chưa "
                        "được khớp, cần tạo mới.") % {"count": count})
        return report_texts

    def _groups(self, section: Section, prefix: str,
                report_texts: list[str]) -> list[tuple[str, Section]]:
        groups = []
        for child in section.children:
            number = f"{prefix}{child.number}"
            if _NOT_GROUP_RE.match(fold_key(child.title)):
                if "bao cao" in fold_key(child.title):
                    report_texts.extend(_item_text(item) for item in child.items)
                continue
            if not child.items and child.children:
                groups.extend(self._groups(child, f"{number}.", report_texts))
            else:
                groups.append((number, child))
        return groups

    def _take_closing(self, implementation: Section, groups: list[Section]) -> list[str]:
        """Trailing unmarked paragraphs after the last group are the closing, not tasks."""
        last = groups[-1] if groups else implementation
        while last.children:
            last = last.children[-1]
        items = last.items
        marked_before = False
        start = len(items)
        for index in range(len(items) - 1, -1, -1):
            if items[index].marker:
                marked_before = True
                break
            start = index
        if start >= len(items):
            return []
        if not marked_before or last is implementation:
            starts = [i for i in range(start, len(items)) if _CLOSING_START_RE.match(items[i].text)
                      or _mentions_report(items[i].text)]
            if not starts:
                return []
            start = starts[0]
        closing = [item.text for item in items[start:]]
        del items[start:]
        return closing

    def _assignment(self, number: str, group: Section) -> None:
        line = self.section_lines.get(id(group), 0)
        unit_text, inline = _split_group_title(group.title)
        units = self._group_units(unit_text, line)
        assignment = Assignment(number=number, unit_text=unit_text, units=units)
        lead = [m.unit or m.text for m in units]
        texts = ([inline] if inline else []) + _task_texts(group)
        for text in texts:
            coordinators, written = self._coordinators(text, lead)
            assignment.tasks.append(TaskSpec(text=text, lead=list(lead),
                                             coordinators=coordinators,
                                             coordinator_texts=written))
        if not assignment.tasks:
            self.warn(_("%(where)s: nhóm “%(group)s” không có nhiệm vụ nào.")
                      % {"where": self.where(line), "group": unit_text})
        self.doc.assignments.append(assignment)

    def _is_container(self, group: Section) -> bool:
        """A part such as "1. Cấp xã" that names no unit itself but lists "a) Công an xã: …"."""
        if self._names_units(group.title):
            return False
        return any(self._unit_item(item) for item in group.items)

    def _names_units(self, text: str) -> bool:
        text = _GROUP_PREFIX_RE.sub("", _split_group_title(text)[0])
        if any(m.unit for m in self.matcher.group(text)) or find_collectives(text):
            return True
        return not self.has_units and _looks_like_unit(text)

    def _unit_item(self, item: Item) -> tuple[str, str] | None:
        """("Công an xã", "chủ trì …") for an item written "Công an xã: chủ trì …", and
        ("Công an xã", "") for a heading item "Công an xã:" whose tasks follow it."""
        unit_text, inline = _split_group_title(item.text)
        heading = not inline and item.text.rstrip().endswith(":")
        if (inline or heading) and self._names_units(unit_text):
            return unit_text, inline
        return None

    def _assignments_from_items(self, section: Section, prefix: str) -> None:
        """Groups written as items — "- Công an xã: chủ trì …", "a) Đài truyền thanh xã: …" —
        each with its inline task and the items under it."""
        items = section.items
        found = [self._unit_item(item) for item in items]
        number = 0
        for index, item in enumerate(items):
            if found[index] is None:
                continue
            number += 1
            unit_text, inline = found[index]
            line = self.item_lines.get(id(item), 0)
            units = self._group_units(unit_text, line)
            lead = [m.unit or m.text for m in units]
            label = item.marker.rstrip(").") if item.marker[:1].isalnum() else str(number)
            assignment = Assignment(number=f"{prefix}{label}", unit_text=unit_text, units=units)
            tasks = [_item_text(child) for child in item.children]
            if not inline and not tasks:
                # "• Công an xã:" with its tasks as the next items of the same list (a list
                # whose levels were flattened): they run to the next unit heading.
                following = next((i for i in range(index + 1, len(items)) if found[i]), None)
                tasks = [_item_text(other) for other in items[index + 1:following]]
            for text in ([inline] if inline else []) + tasks:
                coordinators, written = self._coordinators(text, lead)
                assignment.tasks.append(TaskSpec(text=text, lead=list(lead),
                                                 coordinators=coordinators,
                                                 coordinator_texts=written))
            self.doc.assignments.append(assignment)

    def _group_units(self, unit_text: str, line: int) -> list[UnitMatch]:
        units = self.matcher.group(_GROUP_PREFIX_RE.sub("", unit_text))
        if not self.has_units:
            return units
        expanded = [m for m in units if m.confidence == _EXPANDED and m.unit]
        if expanded:
            names = [m.unit for m in expanded]
            shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
            self.warn(_("%(where)s: “%(text)s” được hiểu là %(count)s đơn vị: %(names)s.")
                      % {"where": self.where(line), "text": expanded[0].text,
                         "count": len(names), "names": shown})
        for match in units:
            if match.unit is None:
                self.warn(_("%(where)s: không tìm thấy đơn vị “%(text)s” trong danh sách đơn vị "
                            "của xã; cần chọn hoặc tạo đơn vị.")
                          % {"where": self.where(line), "text": match.text})
            elif match.confidence < 1.0 and match.confidence != _EXPANDED:
                self.warn(_("%(where)s: “%(text)s” được hiểu là đơn vị “%(unit)s” (độ tin cậy "
                            "%(confidence)s%%); hãy kiểm tra lại.")
                          % {"where": self.where(line), "text": match.text, "unit": match.unit,
                             "confidence": round(match.confidence * 100)})
        return units

    def _coordinators(self, text: str, lead: list[str]) -> tuple[list[str], list[str]]:
        """Units named after "phối hợp với …": matched names (never the lead) and every
        name as written. Collective phrases ("các ban, ngành, đoàn thể") are kept as written
        only: which of those units take part is for the lead unit to decide."""
        coordinators: list[str] = []
        written: list[str] = []
        for match in _COORDINATION_RE.finditer(text):
            for name in self.matcher.scan(text[match.end():match.end() + 300]):
                if name.text not in written:
                    written.append(name.text)
                unit = name.match.unit if name.match is not None else None
                if unit and unit not in lead and unit not in coordinators:
                    coordinators.append(unit)
        return coordinators, written

    def read_reporting(self, texts: list[str]) -> None:
        implementation = self.doc.section(SectionRole.IMPLEMENTATION)
        found = self._reporting_in(texts)
        if not found and implementation is not None:
            found = self._reporting_in([t.text for a in self.doc.assignments for t in a.tasks])
        if not found and implementation is not None:
            self.warn(_("Không tìm thấy yêu cầu báo cáo định kỳ (6 tháng, hằng năm, …) trong kế "
                        "hoạch."))
        self.doc.reporting = found

    def _reporting_in(self, texts: list[str]) -> list[Reporting]:
        found: list[Reporting] = []
        seen: set[Frequency] = set()
        for text in texts:
            for clause in re.split(r";|\.(?:\s|$)", text):
                if not _REPORT_VERB_RE.search(clause):
                    continue
                frequencies = _frequencies(clause)
                if not frequencies:
                    continue
                to = _report_recipient(clause)
                to_unit = None
                if to:
                    via = _VIA_RE.search(to)
                    to_unit = self.matcher.match(via["via"] if via else to).unit
                for frequency in frequencies:
                    if frequency not in seen:
                        seen.add(frequency)
                        found.append(Reporting(frequency=frequency, to=to, to_unit=to_unit))
        return found

    # -- footer ----------------------------------------------------------------------------------

    def read_footer(self, lines: list[_Line]) -> None:
        """Recipients (the list under "Nơi nhận:") and the signature block, which a text
        export may interleave line by line when the two sat side by side."""
        recipients: list[str] = []
        signature: list[str] = []
        seen_recipients = in_recipients = False
        bulleted = True
        for text in _column_texts(lines):
            if match := _RECIPIENTS_RE.match(text):
                seen_recipients = in_recipients = True
                if match["rest"]:
                    recipients.append(_recipient(match["rest"]))
                continue
            if seen_recipients and _bullet(text) is not None:
                recipients.append(_recipient(text))
                in_recipients = True
                continue
            if in_recipients and not self._signature_like(text, bulleted):
                recipients.append(_recipient(text))
                bulleted = False
                continue
            in_recipients = False
            signature.append(text)
        self.doc.recipients = [r for r in recipients if r]
        self.doc.signature = self._signature(signature)
        if not self.doc.recipients:
            self.warn(_("Không tìm thấy phần “Nơi nhận”."))
        if not self.doc.signature.name and not self.doc.signature.title:
            self.warn(_("Không tìm thấy phần chữ ký (chức vụ, họ tên người ký)."))

    def _signature_like(self, text: str, bulleted: bool) -> bool:
        if _bullet(text) is not None:
            return False
        return bool(_is_authority(text) or _is_caps(text) or _SIGNED_RE.match(text)
                     or _PLACE_DATE_RE.match(text) or (bulleted and _looks_like_person(text)))

    def _signature(self, lines: list[str]) -> Signature:
        signature = Signature()
        for text in lines:
            if self._place_date(text, self.doc.header) or _SIGNED_RE.match(text):
                continue
            match = _AUTHORITY_RE.match(text)
            if match and _is_caps(match["rest"]) and not signature.authority:
                kind = {"T/M": "TM", "T.M": "TM", "K/T": "KT"}.get(match["kind"], match["kind"])
                signature.authority = f"{kind}. {match['rest'].strip()}"
                continue
            if _is_caps(text) and not signature.title:
                signature.title = text
                continue
            if _looks_like_person(text) or (_is_caps(text) and signature.title):
                signature.name = text
        return signature

    # -- directive documents ---------------------------------------------------------------------

    def read_legal_bases(self, lines: list[_Line]) -> None:
        by_symbol: dict[str, LegalBasis] = {}
        normalised: set[str] = set()
        for line in lines:
            text = line.text
            for match in symbols.SYMBOL_IN_TEXT_RE.finditer(text):
                raw = match.group(0).rstrip(".")
                parsed = symbols.parse(raw)
                if parsed is None:
                    continue
                symbol = str(parsed)
                if symbol == self.doc.header.symbol:
                    continue
                if raw != symbol and raw not in normalised:
                    normalised.add(raw)
                    self.warn(_("%(where)s: đã chuẩn hóa số, ký hiệu “%(raw)s” thành "
                                "“%(symbol)s”.")
                              % {"where": self.where(line.first, line.last), "raw": raw,
                                 "symbol": symbol})
                basis = by_symbol.get(symbol)
                if basis is None:
                    basis = by_symbol[symbol] = LegalBasis(symbol=symbol, kind=parsed.kind)
                self._describe(basis, text[match.start() + len(raw):], line)
        self.doc.legal_bases = list(by_symbol.values())

    def _describe(self, basis: LegalBasis, after: str, line: _Line) -> None:
        """Date, issuer and subject written after a symbol fill what is still unknown."""
        position = 0
        for _round in range(2):
            if match := _DATE_AFTER_RE.match(after, position):
                day, month, year = (match["d"] or match["d2"], match["m"] or match["m2"],
                                    match["y"] or match["y2"])
                try:
                    date = datetime.date(int(year), int(month), int(day))
                except ValueError:
                    self.warn(_("%(where)s: ngày của văn bản %(symbol)s không hợp lệ "
                                "(%(day)s/%(month)s/%(year)s).")
                              % {"where": self.where(line.first, line.last),
                                 "symbol": basis.symbol, "day": day, "month": month,
                                 "year": year})
                    date = None
                if basis.date is None:
                    basis.date = date
                position = match.end()
            if match := _ISSUER_AFTER_RE.match(after, position):
                if not basis.issuer:
                    basis.issuer = match["issuer"].strip()
                position = match.end()
        rest = after[position:].lstrip(" ,")
        rest = re.sub(r"^\([^)]{0,40}\)\s*", "", rest)
        title = ""
        if rest.startswith(("“", '"')):
            end = rest.find("”" if rest[0] == "“" else '"', 1)
            title = rest[1:end] if end > 0 else ""
        elif re.match(r"về\s", rest, re.IGNORECASE):
            body = rest[3:]
            stop = _TITLE_STOP_RE.search(body)
            title = body[:stop.start()] if stop else body
        title = title.strip().rstrip(" ,;.")
        if title and not basis.title and len(title) <= 300:
            basis.title = title

    # -- links between tasks and content -------------------------------------------------------

    def link_tasks(self) -> None:
        """Point a task at the content subsection it carries out, when their wording shares
        enough rare word pairs; otherwise leave it unknown."""
        content = self.doc.section(SectionRole.CONTENT)
        if content is None or len(content.children) < 2:
            return
        index: dict[tuple[str, str], set[str]] = {}
        for child in content.children:
            path = f"{content.number}.{child.number}" if content.number else child.number
            words = " ".join([child.title] + [_item_text(i) for i in child.items])
            for pair in _pairs(words):
                index.setdefault(pair, set()).add(path)
        for assignment in self.doc.assignments:
            for task in assignment.tasks:
                pairs = _pairs(task.text)
                hits = Counter(next(iter(index[p])) for p in pairs if len(index.get(p, ())) == 1)
                if not hits:
                    continue
                ranked = hits.most_common(2)
                best, count = ranked[0]
                second = ranked[1][1] if len(ranked) > 1 else 0
                if count >= 4 and count >= 2 * second and count / len(pairs) >= 0.25:
                    task.section = best

    # -- the whole document ----------------------------------------------------------------------

    def run(self, source: Sequence[str | SourceLine]) -> PlanDocument:
        doc = self.doc
        lines = self.clean(source)
        if not lines:
            raise PlanImportError(_("Tệp rỗng (trống): không có chữ nào để đọc."))
        lines = self.join_breaks(lines)
        self.fix_place_names(lines)
        type_index, inline_summary = self.find_type_line(lines)
        header_count, body_start = self._read_top(lines, type_index, inline_summary)
        body_end = self.find_body_end(lines, body_start)
        preamble = self.build_sections(lines[body_start:body_end])
        doc.preamble = [line.text for line in preamble]
        self._check_is_plan(type_index, lines)
        self.check_numbering()
        report_texts = self.read_assignments()
        self.read_reporting(report_texts)
        self.read_footer(lines[body_end:])
        self._issuer_from_text()
        self._header_warnings()
        self.read_legal_bases(lines[header_count:])
        self.link_tasks()
        return doc

    def _read_top(self, lines: list[_Line], type_index: int | None,
                  inline_summary: str) -> tuple[int, int]:
        """Header, type line and summary. Returns how many lines the header took and where the
        body starts."""
        doc = self.doc
        if type_index is None:
            self.warn(_("Không thấy dòng tên loại văn bản (KẾ HOẠCH, BÁO CÁO, …); coi là kế "
                        "hoạch."))
            count = _header_length(lines)
            for line in self.read_header(lines[:count]):
                self.warn(_("%(where)s: bỏ qua dòng “%(text)s” ở đầu văn bản.")
                          % {"where": self.where(line.first, line.last), "text": line.text[:80]})
            return count, count
        type_text = lines[type_index].text
        if inline_summary:
            type_text = type_text[: len(type_text) - len(inline_summary)].strip()
        doc.doc_type = _DOC_TYPES.get(_type_key(type_text), type_text.upper())
        for line in self.read_header(lines[:type_index]):
            self.warn(_("%(where)s: bỏ qua dòng “%(text)s” ở đầu văn bản.")
                      % {"where": self.where(line.first, line.last), "text": line.text[:80]})
        body_start = type_index + 1
        if inline_summary:
            doc.summary = inline_summary
        elif body_start < len(lines):
            candidate = lines[body_start].text
            if not _has_marker(candidate) and not fold_key(candidate).startswith("can cu") \
                    and not _RECIPIENTS_RE.match(candidate):
                doc.summary = candidate
                body_start += 1
        return type_index, body_start

    def _check_is_plan(self, type_index: int | None, lines: list[_Line]) -> None:
        tops = self.doc.sections
        has_parts = len(tops) >= 2 and any(
            s.role in (SectionRole.CONTENT, SectionRole.IMPLEMENTATION) for s in tops)
        if type_index is None and not has_parts:
            raise PlanImportError(_(
                "Tệp này không phải là một kế hoạch: không có dòng tên loại văn bản (KẾ HOẠCH, "
                "BÁO CÁO, …) và không có các phần đánh số (I, II, … hoặc 1, 2, …) gồm nội dung "
                "hay tổ chức thực hiện. Hãy kiểm tra lại tệp đã chọn."))
        if not tops and not self.doc.preamble:
            raise PlanImportError(
                _("Tệp chỉ có tên loại văn bản, không có nội dung kế hoạch."),
                line=lines[-1].last if lines else None)
        if not tops:
            self.warn(_("Không tìm thấy phần nào được đánh số (I, II, … hoặc 1, 2, …); toàn bộ "
                        "nội dung được để ở phần mở đầu."))
        for section in tops:
            if section.role == SectionRole.OTHER:
                self.warn(_("%(where)s: không nhận ra vai trò của phần “%(number)s %(title)s” "
                            "(mục đích, nội dung, kinh phí hay tổ chức thực hiện).")
                          % {"where": self.where(self.section_lines.get(id(section), 0)),
                             "number": section.number, "title": section.title})

    def _issuer_from_text(self) -> None:
        header = self.doc.header
        if header.issuing_body:
            return
        for text in [self.doc.summary, *self.doc.preamble]:
            if match := _ISSUER_IN_TEXT_RE.search(text):
                header.issuing_body = match["body"]
                return

    def _header_warnings(self) -> None:
        header = self.doc.header
        if not header.symbol:
            self.warn(_("Kế hoạch chưa có số, ký hiệu (dòng “Số: …/KH-UBND”)."))
        if header.date is None:
            self.warn(_("Không thấy địa danh, ngày tháng năm ban hành (“…, ngày … tháng … năm "
                        "…”)."))
        if not header.issuing_body:
            self.warn(_("Không thấy tên cơ quan ban hành."))


# ---------------------------------------------------------------------------------------------
# Module-level helpers used by the parser
# ---------------------------------------------------------------------------------------------

_NOT_GROUP_RE = re.compile(
    r"^(?:che do|thoi gian|tien do|kinh phi|bao cao|to chuc thuc hien|phan cong|dieu khoan|"
    r"hieu luc|thong tin bao cao|so ket|tong ket|kiem tra|khen thuong)")


# Two-syllable words of administrative plans. Where a page break split one of them and the
# retyped half lost or changed a mark ("thi" / "đưa"), the join restores the word ("thi đua").
_TERMS = """thi đua|khen thưởng|thông tin|đối ngoại|đối nội|tuyên truyền|chỉ đạo|triển khai|
thực hiện|kế hoạch|nhiệm vụ|giải pháp|phối hợp|tổ chức|báo cáo|định kỳ|tổng hợp|kinh phí|
ngân sách|đoàn thể|mặt trận|tổ quốc|nhân dân|cán bộ|đảng viên|công chức|viên chức|văn hóa|
xã hội|kinh tế|quốc phòng|an ninh|chính trị|tư tưởng|pháp luật|chính sách|chủ trương|đường lối|
quán triệt|nâng cao|hiệu quả|chất lượng|trách nhiệm|kiểm tra|giám sát|sơ kết|tổng kết|đánh giá|
xây dựng|phát triển|tăng cường|đẩy mạnh|không gian|truyền thanh|truyền thông|biên giới|hội nghị|
tập huấn|bồi dưỡng|quản lý|nhà nước|địa phương|địa bàn|cơ quan|đơn vị|hội viên|đoàn viên|
thanh niên|phụ nữ|nông dân|cựu chiến binh|quảng bá|giới thiệu|tiềm năng|thế mạnh|thành tựu|
đầu tư|lịch sử|truyền thống|kiều bào|nước ngoài|quốc tế|hợp tác|hữu nghị|hòa bình|chủ quyền|
lãnh thổ|biển đảo|phản bác|đấu tranh|ngăn chặn|xuyên tạc|kích động|sai trái|thù địch|dư luận|
phát ngôn|chuyển đổi|công nghệ|điện tử|mạng lưới|thời sự|chuyên mục|thời lượng|phát thanh|
tập thể|cá nhân|thành tích|xuất sắc|hướng dẫn|đôn đốc|tham mưu|đề xuất|kiến nghị|rà soát|
bổ sung|ban hành|sửa đổi|cơ chế|lĩnh vực|chức năng|phạm vi|nguồn lực|hợp pháp|quy định""".replace(
    "\n", "").split("|")
_TERMS_BY_FOLD = {fold_key(term): term for term in _TERMS if len(term.split()) == 2}


def _known_term(before: str, after: str) -> str:
    """The second half of a known two-syllable word when ``before after`` is that word with
    a mark lost or changed; "" otherwise (also when it is already spelled right)."""
    if not before or not after or not after.isalpha():
        return ""
    pair = f"{before} {after}"
    term = _TERMS_BY_FOLD.get(fold_key(pair))
    if term is None or term == pair.lower():
        return ""
    fixed = term.split()[1]
    if before.lower() != term.split()[0]:
        return ""  # only the half after the break is corrected
    return fixed.capitalize() if after[:1].isupper() else fixed


def _header_length(lines: list[_Line]) -> int:
    """Without a type line, the header is the first lines up to the last one that only a
    header has (the national motto, "Số: …", "…, ngày … tháng … năm …")."""
    end = 0
    for index, line in enumerate(lines[:15]):
        if _heading(line.text) is not None and not _NUMBER_LINE_RE.match(line.text):
            break
        for column in (line.columns if len(line.columns) > 1 else [line.text]):
            key = fold_key(column)
            if (any(key.startswith(motto) for motto in _MOTTO_KEYS)
                    or _NUMBER_LINE_RE.match(column) or _PLACE_DATE_RE.match(column)):
                end = index + 1
    return end


def _name_pairs(texts) -> Counter:
    """How often each pair of capitalised words ("Cẩm Tân") is written on one line."""
    counts: Counter = Counter()
    for text in texts:
        words = text.split()
        for first, second in itertools.pairwise(words):
            if first[-1:] in ",;:.)":
                continue
            a, b = first.strip("(“\"'"), second.rstrip(".,;:)”\"'")
            if _is_capitalised(a) and _is_capitalised(b):
                counts[fold_key(f"{a} {b}")] += 1
    return counts


def _is_authority(text: str) -> bool:
    match = _AUTHORITY_RE.match(text)
    return bool(match) and _is_caps(match["rest"])


def _looks_like_person(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(
        w[:1].isupper() and w.isalpha() and not w.isupper() for w in words)


def _looks_like_unit(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 15 or not words[0][:1].isupper():
        return False
    return fold_key(" ".join(words[:2])) not in _PREDICATES


_PREDICATES = {"chu tri", "phoi hop", "tham muu", "thuc hien", "trien khai", "to chuc",
               "tuyen truyen", "xay dung", "tiep tuc", "day manh", "tang cuong", "nang cao"}


def _recipient(text: str) -> str:
    bullet = _bullet(text)
    text = bullet.text if bullet else text
    return _strip_end(text).rstrip(".").strip()


def _column_texts(lines: list[_Line]) -> list[str]:
    out = []
    for line in lines:
        out.extend(line.columns if len(line.columns) > 1 else [line.text])
    return out


def _split_group_title(title: str) -> tuple[str, str]:
    """"Công an xã: chủ trì …" → ("Công an xã", "chủ trì …")."""
    head, colon, tail = title.partition(":")
    if colon and len(head.split()) <= 20:
        return _strip_end(head), tail.strip()
    return _strip_end(title), ""


def _item_text(item: Item) -> str:
    parts = [item.text]
    for child in item.children:
        parts.append(f"{child.marker} {_item_text(child)}".strip())
    return " ".join(parts)


def _task_texts(section: Section) -> list[str]:
    texts = [_item_text(item) for item in section.items]
    for child in section.children:
        if child.items or child.children:
            texts.extend(_task_texts(child))
        elif child.title:
            texts.append(child.title)
    return texts


def _mentions_report(text: str) -> bool:
    key = fold_key(text)
    return "bao cao" in key and ("dinh ky" in key or bool(_frequencies(text)))


def _frequencies(text: str) -> list[Frequency]:
    """The reporting periods a clause names: "định kỳ 6 tháng, hàng năm" → half-year, year.
    A bare "năm" counts only in the few words after "định kỳ" ("định kỳ 6 tháng, năm")."""
    found: list[Frequency] = []
    remaining = text
    for frequency, pattern in _FREQUENCY_RES:
        if pattern.search(remaining):
            found.append(frequency)
            remaining = pattern.sub(" ", remaining)
    periodic = _PERIODIC_RE.search(remaining)
    if (Frequency.YEAR not in found and periodic is not None
            and _BARE_YEAR_RE.search(remaining[periodic.start():periodic.start() + 60])):
        found.append(Frequency.YEAR)
    order = list(Frequency)
    return sorted(found, key=order.index)


def _report_recipient(clause: str) -> str:
    """Whom a reporting clause reports to, as written: "UBND xã (qua Công chức Văn hóa)"."""
    for verb in re.finditer(r"báo\s+cáo|gửi", clause, re.IGNORECASE):
        rest = clause[verb.end():]
        words = rest.split()
        start = 0
        for index, word in enumerate(words[:10]):
            if word.lower() in ("về", "gửi", "lên", "cho", "tới", "đến"):
                start = index + 1
                break
            if word.endswith((",", ";")):
                break
        candidate = " ".join(words[start:])
        if not candidate[:1].isupper():
            continue
        return _cut_recipient(candidate)
    return ""


def _cut_recipient(text: str) -> str:
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            match = _RECIPIENT_END_RE.match(text, index)
            if match:
                return text[:index].strip()
    return text.strip().rstrip("./")


_PAIR_STOP = {"va", "cua", "cac", "trong", "tren", "voi", "cho", "de", "la", "co", "nhung",
              "the", "hoac", "tai", "theo", "ve", "tu", "den", "mot", "duoc"}


def _pairs(text: str) -> list[tuple[str, str]]:
    words = [w for w in re.findall(r"\w+", fold_key(text)) if w not in _PAIR_STOP]
    return list(itertools.pairwise(words))


def parse_plan(lines: Sequence[str | SourceLine], units: Sequence[UnitRef], *,
               paragraphs: bool = False) -> PlanDocument:
    """Read a plan from its lines. ``paragraphs`` says the numbers are Word paragraphs, for the
    warnings ("Đoạn 12" rather than "Dòng 12"). Raises ``PlanImportError`` for a text that is
    not a plan."""
    return _Parser(units, paragraphs=paragraphs).run(lines)
