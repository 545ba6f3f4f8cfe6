"""The bytes of a text file as Vietnamese text, and how they were read.

Plans reach us as UTF-8 (with or without a BOM), as Notepad's "Unicode" (UTF-16 with a BOM),
as Windows-1258 (which writes most tone marks as combining characters), and from old machines
in TCVN3 (ABC), the 8-bit encoding of the ".VnTime" fonts. Valid UTF-8 and BOMs are taken at
their word; otherwise every 8-bit candidate is decoded and scored by the share of its words that
are well-formed Vietnamese syllables, and the file is refused when no candidate is clearly
ahead: guessing wrong would put a garbled plan in front of the commune.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ttdn.core.text import nfc
from ttdn.plans.errors import PlanImportError

# ---------------------------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993, "ABC"): lower-case letters with tone marks, and the seven upper-case
# letters with a vowel mark but no tone. Upper-case letters with a tone have no code: they were
# typed with the lower-case codes in the ".VnTimeH" font, which draws every letter upper-case.
# ---------------------------------------------------------------------------------------------

_TCVN3_LOWER = bytes.fromhex(
    "b8 b5 b6 b7 b9  a8 be bb bc bd c6  a9 ca c7 c8 c9 cb"  # á à ả ã ạ; ă ắ ằ ẳ ẵ ặ; â ấ ầ ẩ ẫ ậ
    "d0 cc ce cf d1  aa d5 d2 d3 d4 d6"  # é è ẻ ẽ ẹ; ê ế ề ể ễ ệ
    "dd d7 d8 dc de"  # í ì ỉ ĩ ị
    "e3 df e1 e2 e4  ab e8 e5 e6 e7 e9  ac ed ea eb ec ee"  # ó ò ỏ õ ọ; ô ố ồ ổ ỗ ộ; ơ ớ ờ ở ỡ ợ
    "f3 ef f1 f2 f4  ad f8 f5 f6 f7 f9"  # ú ù ủ ũ ụ; ư ứ ừ ử ữ ự
    "fd fa fb fc fe"  # ý ỳ ỷ ỹ ỵ
    "ae"  # đ
    "a1 a2 a3 a4 a5 a6 a7"  # Ă Â Ê Ô Ơ Ư Đ
)
_UNICODE_LETTERS = (
    "áàảãạ" "ăắằẳẵặ" "âấầẩẫậ"
    "éèẻẽẹ" "êếềểễệ"
    "íìỉĩị"
    "óòỏõọ" "ôốồổỗộ" "ơớờởỡợ"
    "úùủũụ" "ưứừửữự"
    "ýỳỷỹỵ"
    "đ"
    "ĂÂÊÔƠƯĐ"
)
assert len(_TCVN3_LOWER) == len(_UNICODE_LETTERS) == 74

# byte → letter; every other byte ≥ 0x80 is what Word wrote for it in Windows-1252 (curly
# quotes, dashes, "…"), and the rest of Latin-1 as a last resort.
TCVN3_DECODE: dict[int, str] = {
    code: letter for code, letter in zip(_TCVN3_LOWER, _UNICODE_LETTERS, strict=True)
}
TCVN3_ENCODE: dict[str, int] = {letter: byte for byte, letter in TCVN3_DECODE.items()}


def _tcvn3_fallback(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_TCVN3_TABLE = [
    TCVN3_DECODE.get(byte) or (chr(byte) if byte < 0x80 else _tcvn3_fallback(byte))
    for byte in range(256)
]


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 bytes as text (letters that had no upper-case code come out lower-case)."""
    table = _TCVN3_TABLE
    return "".join(table[byte] for byte in data)


def encode_tcvn3(text: str) -> bytes:
    """The inverse of ``decode_tcvn3``, as the ".VnTimeH" typist did it: an upper-case letter
    with a tone is written with its lower-case code. Characters TCVN3 cannot hold become "?"."""
    out = bytearray()
    for char in nfc(text):
        if ord(char) < 0x80:
            out.append(ord(char))
        elif char in TCVN3_ENCODE:
            out.append(TCVN3_ENCODE[char])
        elif char.lower() in TCVN3_ENCODE:
            out.append(TCVN3_ENCODE[char.lower()])
        else:
            try:
                out.extend(char.encode("cp1252"))
            except UnicodeEncodeError:
                out.append(ord("?"))
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# Is this word a Vietnamese syllable?
# ---------------------------------------------------------------------------------------------

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_VOWEL_MARKS = {"\u0306": "a", "\u0302": "aeo", "\u031b": "ou"}  # ă; â ê ô; ơ ư
_LETTERS = set("abcdeghiklmnopqrstuvxy")
_VOWEL_CLUSTERS = (
    "a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia", "ie", "iu", "oa",
    "oe", "oi", "oo", "ua", "ue", "ui", "uo", "uu", "uy", "ye", "ieu", "yeu", "oai", "oao", "oay",
    "oeo", "uai", "uay", "uoi", "uou", "uya", "uye", "uyu", "ueu",
)
_SYLLABLE_RE = re.compile(
    r"^(?P<onset>ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?"
    rf"(?P<vowels>{'|'.join(sorted(_VOWEL_CLUSTERS, key=len, reverse=True))})"
    r"(?P<coda>ch|ng|nh|[cmnpt])?$"
)
_STOP_CODAS = {"c", "ch", "p", "t"}
_ALLOWED_STOP_TONES = {"\u0301", "\u0323"}


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` is spelled like one Vietnamese syllable: known onset, vowel cluster and
    coda, the spelling rules of c/k, g/gh, ng/ngh, at most one tone mark, vowel marks only where
    they belong (ă â ê ô ơ ư), and a stop coda (c, ch, p, t) only with the sắc or nặng tone."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    plain: list[str] = []
    tone = ""
    for char in decomposed:
        if char in _TONE_MARKS:
            if tone or not plain or plain[-1] not in "aeiouy":
                return False
            tone = char
        elif char in _VOWEL_MARKS:
            if not plain or plain[-1] not in _VOWEL_MARKS[char]:
                return False
        elif char == "đ":
            plain.append("d")
        elif char in _LETTERS:
            plain.append(char)
        else:
            return False
    match = _SYLLABLE_RE.match("".join(plain))
    if match is None:
        return False
    onset, first_vowel = match["onset"] or "", match["vowels"][0]
    if onset in ("k", "gh", "ngh") and first_vowel not in "eiy":
        return False  # "k", "gh", "ngh" only before e, ê, i, y
    if (onset in ("c", "ng") and first_vowel in "ei") or (onset == "g" and first_vowel == "e"):
        return False  # … and "c", "g", "ng" never before them
    return not (match["coda"] in _STOP_CODAS and tone not in _ALLOWED_STOP_TONES)


_WORD_STRIP = "\"'“”‘’«»()[]{}<>,.;:!?…-–—/\\*|+=_#%&@~`^"


def vietnamese_share(text: str, *, limit: int = 20000) -> tuple[float, int]:
    """The share of words with a non-ASCII letter that are Vietnamese syllables, and how many
    such words there were (only those tell encodings apart: ASCII reads the same in all)."""
    considered = plausible = 0
    for raw in text[:limit].split():
        word = raw.strip(_WORD_STRIP)
        if not word or word.isascii() or any(ch.isdigit() for ch in word):
            continue
        considered += 1
        plausible += is_vietnamese_syllable(word)
    return (plausible / considered if considered else 0.0), considered


# ---------------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------------

_MIN_SHARE = 0.7
_MIN_LEAD = 0.2
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    text: str  # NFC, "\n" line endings
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1258", "tcvn3"
    warning: str = ""  # how the file was read, when that is worth telling; "" for UTF-8


def decode_text(data: bytes) -> Decoded:
    """Read the bytes of a .txt plan. Raises ``PlanImportError`` for binary content and for an
    encoding that cannot be told with confidence."""
    decoded = (_by_bom(data) or _as_utf8(data) or _as_utf16_without_bom(data)
               or _as_mostly_utf8(data) or _guess(data))
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    text = nfc(text)
    if _looks_binary(text):
        raise PlanImportError(_(
            "Tệp không phải là văn bản thuần (có ký tự nhị phân); hãy chọn tệp .txt hoặc .docx "
            "của kế hoạch."
        ))
    return Decoded(text=text, encoding=decoded.encoding, warning=decoded.warning)


def _by_bom(data: bytes) -> Decoded | None:
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
        (codecs.BOM_UTF8, "utf-8-sig", ""),
        (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
    )
    for bom, encoding, label in boms:
        if data.startswith(bom):
            codec = "utf-8" if encoding == "utf-8-sig" else encoding
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise PlanImportError(
                    _("Tệp đánh dấu là %(encoding)s nhưng có byte không hợp lệ ở vị trí "
                      "%(position)s; hãy mở tệp và lưu lại dưới dạng UTF-8 (Unicode).")
                    % {"encoding": label or "UTF-8", "position": exc.start + len(bom)},
                    line=_line_of(data, exc.start + len(bom)),
                ) from exc
            warning = _("Tệp được đọc theo bảng mã %(encoding)s (Unicode).") % {
                "encoding": label} if label else ""
            return Decoded(text, encoding, warning)
    return None


def _as_utf8(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return None


def _as_mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few stray bytes (a line pasted from an old file): read it, mark the bad
    bytes with "�" and say where they are."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if bad > 5 or bad * 20 > good:
        return None
    first = _first_non_utf8(data)
    return Decoded(text, "utf-8", _(
        "Tệp UTF-8 có %(count)s chỗ không đọc được (từ dòng %(line)s), đã thay bằng dấu “�”; "
        "hãy kiểm tra lại những chỗ đó.") % {"count": bad, "line": _line_of(data, first or 0)})


def _as_utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without a BOM: every other byte of ASCII text is a zero."""
    sample = data[:4000]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even_zeros = sample[0::2].count(0) / (len(sample) / 2)
    odd_zeros = sample[1::2].count(0) / (len(sample) / 2)
    for encoding, zeros, other in (("utf-16-le", odd_zeros, even_zeros),
                                   ("utf-16-be", even_zeros, odd_zeros)):
        if zeros > 0.4 and other < 0.05:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            label = "UTF-16 LE" if encoding.endswith("le") else "UTF-16 BE"
            return Decoded(text, encoding, _(
                "Tệp được đọc theo bảng mã %(encoding)s (Unicode, không có BOM).")
                % {"encoding": label})
    return None


def _decode_cp1258(data: bytes) -> str | None:
    try:
        return nfc(data.decode("cp1258"))
    except UnicodeDecodeError:
        return None


_CANDIDATES = (
    ("cp1258", "Windows-1258", _decode_cp1258),
    ("tcvn3", "TCVN3 (ABC)", decode_tcvn3),
)


def _guess(data: bytes) -> Decoded:
    scores = []
    for encoding, label, decode in _CANDIDATES:
        text = decode(data)
        if text is None:
            scores.append((0.0, encoding, label, ""))
            continue
        share, _count = vietnamese_share(text)
        scores.append((share, encoding, label, text))
    scores.sort(key=lambda item: item[0], reverse=True)
    best, second = scores[0], scores[1]
    if best[0] < _MIN_SHARE or best[0] - second[0] < _MIN_LEAD:
        considered = ", ".join(
            _("%(label)s (%(share)d%% từ đọc được)") % {"label": label,
                                                        "share": round(share * 100)}
            for share, _enc, label, _text in scores
        )
        first_bad = _first_non_utf8(data)
        raise PlanImportError(
            _("Không nhận ra bảng mã của tệp: không phải UTF-8; đã thử %(considered)s nhưng "
              "không bảng mã nào cho văn bản tiếng Việt đáng tin. Hãy mở tệp và lưu lại dưới "
              "dạng UTF-8 (Unicode).") % {"considered": considered},
            line=_line_of(data, first_bad) if first_bad is not None else None,
        )
    _share, encoding, label, text = best
    if encoding == "tcvn3":
        text = restore_tcvn3_capitals(text)
        warning = _(
            "Tệp được đọc theo bảng mã TCVN3 (ABC); hãy kiểm tra lại dấu tiếng Việt. Bảng mã "
            "này không có chữ hoa mang dấu thanh (phông .VnTimeH), nên một số chữ hoa có thể "
            "đã thành chữ thường."
        )
    else:
        warning = _("Tệp được đọc theo bảng mã %(encoding)s; hãy kiểm tra lại dấu tiếng Việt.") \
            % {"encoding": label}
    return Decoded(text, encoding, warning)


_LINE_START_RE = re.compile(
    r"^(\s*(?:[-+•*]\s*|\d{1,3}[.)]\s*|[IVXLC]{1,6}[.)]\s*|[a-zđ][)]\s*)?)(\w)", re.MULTILINE
)
_WORD_RE = re.compile(r"\w+")


def restore_tcvn3_capitals(text: str) -> str:
    """Undo the most visible case losses of TCVN3: a line whose ASCII letters are all capitals
    was typed in ".VnTimeH" and is upper-cased whole ("KÕ HO¹CH" → "KẾ HOẠCH"); a line that
    starts with a lower-case toned vowel gets its capital back ("ñy ban" → "Ủy ban")."""
    lines = []
    for line in text.split("\n"):
        ascii_letters = [ch for ch in line if ch.isascii() and ch.isalpha()]
        if (len(ascii_letters) >= 3 and all(ch.isupper() for ch in ascii_letters)
                and any(not ch.isascii() and ch.islower() for ch in line)):
            line = line.upper()
        else:
            line = _LINE_START_RE.sub(_capitalise_toned, line, count=1)
        lines.append(line)
    return "\n".join(lines)


def _capitalise_toned(match: re.Match) -> str:
    letter = match.group(2)
    if letter.isascii() or not letter.islower() or letter == "đ":
        return match.group(0)
    return match.group(1) + letter.upper()


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if "\x00" in sample:
        return True
    return len(_CONTROL_RE.findall(sample)) > max(3, len(sample) // 100)


def _first_non_utf8(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return None


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1
