"""Number and symbol of an official document ("số, ký hiệu"), parsed into its parts.

Two conventions live side by side (Decree 30/2020 for the State, Regulation 66-QĐ/TW for the
Party): ``216/KH-UBND`` is number / kind - issuer, ``57-KL/TW`` is number - kind / issuer. Officers
type them with stray spaces and dashes ("216/KH – UBND", "57- KL/TW"); ``parse`` accepts those
and ``str()`` gives the normalised form.
"""

import re
from dataclasses import dataclass

from ttdn.core.text import nfc

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH_RE = re.compile(f"\\s*[-{_DASHES}]\\s*")
_SLASH_RE = re.compile(r"\s*/\s*")
_KIND = r"[A-ZĐ]{1,6}"
_ISSUER = r"[A-ZĐa-zđ][A-ZĐa-zđ0-9.&]*(?:-[A-ZĐa-zđ][A-ZĐa-zđ0-9.&]*)*"
# 216/KH-UBND, 1191/QĐ-TTg, 05/2020/NĐ-CP (year in the middle)
_STATE_RE = re.compile(
    rf"^(?P<number>\d{{1,6}})(?:/(?P<year>\d{{4}}))?/(?P<kind>{_KIND})-(?P<issuer>{_ISSUER})$"
)
# 57-KL/TW, 162-KH/TU
_PARTY_RE = re.compile(rf"^(?P<number>\d{{1,6}})-(?P<kind>{_KIND})/(?P<issuer>{_ISSUER})$")
# Where a symbol may sit inside running text ("... Kế hoạch 216/KH – UBND, ngày ...").
SYMBOL_IN_TEXT_RE = re.compile(
    rf"(?<![\w/])\d{{1,6}}(?:\s*/\s*\d{{4}})?\s*[-/{_DASHES}]\s*{_KIND}\s*[-/{_DASHES}]\s*{_ISSUER}"
)

KIND_NAMES = {
    "KL": "Kết luận",
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "CV": "Công văn",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
}


@dataclass(frozen=True)
class DocumentSymbol:
    number: str  # as written: "09" in 09/2019/NĐ-CP
    kind: str
    issuer: str
    year: int | None = None
    party_style: bool = False

    def __str__(self) -> str:
        if self.party_style:
            return f"{self.number}-{self.kind}/{self.issuer}"
        year = f"/{self.year}" if self.year else ""
        return f"{self.number}{year}/{self.kind}-{self.issuer}"


def compact(text: str) -> str:
    """Remove the spaces officers put around dashes and slashes; map every dash to '-'."""
    text = nfc(text).strip()
    text = _DASH_RE.sub("-", text)
    return _SLASH_RE.sub("/", text)


def parse(text: str) -> DocumentSymbol | None:
    """The parts of a number/symbol, or None when ``text`` is not one."""
    text = compact(text)
    if match := _STATE_RE.match(text):
        return DocumentSymbol(
            number=match["number"], kind=match["kind"], issuer=match["issuer"],
            year=int(match["year"]) if match["year"] else None,
        )
    if match := _PARTY_RE.match(text):
        return DocumentSymbol(
            number=match["number"], kind=match["kind"], issuer=match["issuer"],
            party_style=True,
        )
    return None
