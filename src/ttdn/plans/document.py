"""A plan as an official document: the structure the importer reads, the exporter writes and
the models are built from. Plain data, no database, so the three can be tested apart.

``PlanDocument.as_json()`` is the shape ``ttdn plan import --format json`` prints; other tools
rely on its keys (see the importer's tests).
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from enum import StrEnum


class SectionRole(StrEnum):
    """What a top-level part of a plan is for, recognised from its title."""

    PURPOSES = "purposes"  # MỤC ĐÍCH, YÊU CẦU
    CONTENT = "content"  # NỘI DUNG, NHIỆM VỤ
    BUDGET = "budget"  # KINH PHÍ
    IMPLEMENTATION = "implementation"  # TỔ CHỨC THỰC HIỆN
    OTHER = "other"


class Frequency(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


@dataclass
class Item:
    """A paragraph of a section: a bullet ("-", "+", "•"), a lettered point ("a)") or plain text."""

    text: str
    marker: str = ""  # "-", "+", "a)", "" for a plain paragraph
    children: list[Item] = field(default_factory=list)


@dataclass
class Table:
    """A table of figures in a section (a report's "Số tin, bài" by unit): header cells, then
    rows of text as they are printed. The exporter adds no column of its own: a "TT" column is
    there only when the caller puts it in ``columns``."""

    columns: list[str]  # header cells
    rows: list[list[str]]  # body cells, as printed ("1.250"); a short row is padded with ""
    widths_mm: list[float] | None = None  # relative widths, scaled to the text width; None: fitted
    numeric: list[bool] | None = None  # right-aligned columns; None: none
    caption: str = ""  # an italic line above the table


@dataclass
class Section:
    number: str  # "I", "1", "a" — as the document numbers it, never renumbered
    title: str
    role: SectionRole = SectionRole.OTHER  # top-level sections only
    children: list[Section] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    table: Table | None = None  # written after the items, before the children


@dataclass
class LegalBasis:
    symbol: str  # normalised: "216/KH-UBND"
    date: datetime.date | None = None
    kind: str = ""  # "KH", "KL", …
    issuer: str = ""  # the issuing body as written, when the text names it
    title: str = ""  # what the document is about, when the text says it


@dataclass
class UnitMatch:
    """A unit named in the text, matched against the commune's units."""

    text: str  # as written
    unit: str | None  # the commune's unit name, or None when nothing matched well enough
    confidence: float  # 0..1


@dataclass
class TaskSpec:
    text: str
    lead: list[str]  # unit names (the group's units)
    coordinators: list[str]  # unit names found in "phối hợp với …"
    coordinator_texts: list[str] = field(default_factory=list)  # as written, matched or not
    section: str = ""  # number path of the content section it carries out ("II.2"), if known


@dataclass
class Assignment:
    number: str  # "1"
    unit_text: str  # as written: "Công chức Văn Hóa – Xã hội"
    units: list[UnitMatch]
    tasks: list[TaskSpec] = field(default_factory=list)


@dataclass
class Reporting:
    frequency: Frequency
    to: str  # as written: "UBND xã (qua Công chức Văn hóa)"
    to_unit: str | None = None  # matched unit name


@dataclass
class Signature:
    authority: str = ""  # "KT. CHỦ TỊCH"
    title: str = ""  # "PHÓ CHỦ TỊCH"
    name: str = ""  # "Hoàng Thị Hợp"


@dataclass
class Header:
    parent_body: str = ""  # "ỦY BAN NHÂN DÂN" / "UBND HUYỆN CẨM THỦY"
    issuing_body: str = ""  # "XÃ CẨM TÂN" or "UBND xã Cẩm Tân" when only the text names it
    symbol: str = ""  # the plan's own number/symbol, normalised; "" when not numbered yet
    place: str = ""  # "Cẩm Tân"
    date: datetime.date | None = None


@dataclass
class PlanDocument:
    header: Header = field(default_factory=Header)
    doc_type: str = "KẾ HOẠCH"
    summary: str = ""  # the line under the type: "Thực hiện Kết luận số 57-KL/TW …"
    preamble: list[str] = field(default_factory=list)  # paragraphs before section I
    legal_bases: list[LegalBasis] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    closing: str = ""  # the paragraph after the assignments (reporting requirement)
    reporting: list[Reporting] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    warnings: list[str] = field(default_factory=list)

    def section(self, role: SectionRole) -> Section | None:
        return next((s for s in self.sections if s.role == role), None)

    def as_json(self) -> dict:
        data = asdict(self)
        data["assignments"] = [
            {
                "number": a.number,
                "unit_text": a.unit_text,
                "units": [m.unit for m in a.units if m.unit],
                "unit_matches": [asdict(m) for m in a.units],
                "tasks": [asdict(t) for t in a.tasks],
            }
            for a in self.assignments
        ]
        return _jsonable(data)


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class UnitRef:
    """A unit of the commune as the importer sees it: its name and its kind
    (``ttdn.org.models.UnitKind`` values: "village", "mass_organisation", "agency", …)."""

    name: str
    kind: str
