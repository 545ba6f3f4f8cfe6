"""A registry of the figures the system already knows, for the periodic reports.

An indicator of the report catalogue (``reports.Indicator``) may name a *source*: a function an
app registers here in its ``AppConfig.ready`` under a key such as ``"cases.detected"``. When a
unit or commune report is drafted, the value of every sourced indicator is computed and
pre-filled, with a sentence and a link that say where it came from. Core never imports an app;
apps never import the reports app to add a source.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class SourceValue:
    value: Decimal
    detail: str  # "12 tin báo, 3 vụ việc đã có kết luận (Bàn xử lý thông tin sai lệch)"
    url: str = ""  # where to see the rows behind the figure


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    # fn(commune_id=…, unit_id=… or None for the whole commune, starts_on=…, ends_on=…)
    compute: Callable[..., SourceValue | None]
    per_unit: bool = True  # False: the figure exists only for the whole commune


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    _sources[source.key] = source


def get(key: str) -> Source | None:
    return _sources.get(key)


def choices() -> list[tuple[str, str]]:
    return sorted(((s.key, s.label) for s in _sources.values()), key=lambda c: c[0])
