"""Forms of the report screens. They only read what was typed; the services decide.

The unit report and the commune report are not Django forms: their inputs are named by the
"flat keys" the services use for errors (``task.12.done``, ``figure.tin-bai-trang-tt.value``,
``difficulties``; ``block.summary``, ``figure.<code>`` on the commune report), so an error the
service returns lands next to its field, and the autosave script sends the same keys.

Every edit form also carries ``base``: for each field a short digest of the value the page was
rendered with. Only the fields whose value no longer matches their digest are sent to the
service, so saving never writes back a paragraph this person did not touch, and after a
conflict only the fields both people changed need a choice.
"""

import datetime
import json
import unicodedata
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.plans import periods

from .errors import ReportError
from .figures import parse_figure, show
from .models import CommuneReportKind, RoundKind

TASK_FIELDS = ("done", "status", "progress", "completed_on")
FIGURE_FIELDS = ("value", "note")
TEXT_FIELDS = ("difficulties", "proposals")
SIGNATURE_FIELDS = ("signer_authority", "signer_title", "signer_name")
MAX_VALUE_LENGTH = 20000


class DateInput(forms.DateInput):
    """A native date picker (no script, so the CSP stays strict); shows dd/mm/yyyy in a
    Vietnamese browser, sends yyyy-mm-dd."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _date_field(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(),
                           input_formats=["%Y-%m-%d", "%d/%m/%Y"], help_text=help_text,
                           error_messages={"invalid": _("Hãy nhập ngày theo dạng dd/mm/yyyy."),
                                           "required": _("Hãy nhập ngày.")})


# Comparing what was typed --------------------------------------------------------------------


def canon(value) -> str:
    """A typed value as the services store it: NFC, Unix line breaks, no trailing spaces."""
    text = unicodedata.normalize("NFC", str(value if value is not None else ""))
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def digest(value) -> str:
    """FNV-1a (32 bits) of the canonical UTF-8 text, in hex: the same function runs in
    ``static/reports/autosave.js``, so the page can keep ``base`` current after an autosave."""
    h = 0x811C9DC5
    for byte in canon(value).encode("utf-8"):
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return f"{h:08x}"


def _number(text: str):
    try:
        return parse_figure(text, label="")
    except ReportError:
        return None


def same(key: str, left, right) -> bool:
    """Whether two values of one field say the same thing ("1.500" and "1500" do)."""
    a, b = canon(left), canon(right)
    if a == b:
        return True
    if key.startswith("figure.") and not key.endswith(".note") and a and b:
        x, y = _number(a), _number(b)
        return x is not None and x == y
    return False


def digests(values: dict) -> str:
    return json.dumps({key: digest(value) for key, value in values.items()},
                      separators=(",", ":"), sort_keys=True)


def read_base(raw) -> dict:
    try:
        base = json.loads(raw or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in base.items()} if isinstance(base, dict) else {}


def changed_only(values: dict, base: dict) -> dict:
    """The posted values that differ from what the page was rendered with (all of them when
    the page sent no ``base``)."""
    if not base:
        return dict(values)
    return {key: value for key, value in values.items() if base.get(key) != digest(value)}


# The unit report ---------------------------------------------------------------------------


def _figure_text(raw) -> str:
    if raw in (None, ""):
        return ""
    try:
        return show(Decimal(str(raw)))
    except InvalidOperation:
        return str(raw)


def unit_fields(content: dict) -> dict:
    """``unit_report_content`` as the form shows it: flat keys, figures written the Vietnamese
    way ("1.500.000", "96,5")."""
    flat = {field: content.get(field, "") for field in TEXT_FIELDS}
    for task_id, row in content.get("tasks", {}).items():
        for field in TASK_FIELDS:
            value = row.get(field)
            flat[f"task.{task_id}.{field}"] = "" if value is None else str(value)
    for code, row in content.get("figures", {}).items():
        flat[f"figure.{code}.value"] = _figure_text(row.get("value"))
        flat[f"figure.{code}.note"] = row.get("note", "")
    return flat


def unit_posted(post, keys) -> dict:
    """The values of the known fields in a POST (a field left out is not changed)."""
    return {key: str(post.get(key))[:MAX_VALUE_LENGTH] for key in keys if key in post}


def nest(flat: dict) -> dict:
    """Flat keys back into the shape ``unit_report_save`` takes."""
    data: dict = {}
    for key, value in flat.items():
        parts = key.split(".")
        if len(parts) == 1 and key in TEXT_FIELDS:
            data[key] = value
        elif len(parts) == 3 and parts[0] == "task" and parts[2] in TASK_FIELDS:
            data.setdefault("tasks", {}).setdefault(parts[1], {})[parts[2]] = value
        elif len(parts) == 3 and parts[0] == "figure" and parts[2] in FIGURE_FIELDS:
            data.setdefault("figures", {}).setdefault(parts[1], {})[parts[2]] = value
    return data


def _scalar(value) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)[:MAX_VALUE_LENGTH]


def clean_unit_data(raw) -> dict:
    """What the autosave script sent, reduced to the shape the service takes: unknown keys
    and values that are not text or numbers are dropped (never a server error)."""
    if not isinstance(raw, dict):
        return {}
    data: dict = {}
    for field in TEXT_FIELDS:
        if field in raw and (value := _scalar(raw[field])) is not None:
            data[field] = value
    for group, fields in (("tasks", TASK_FIELDS), ("figures", FIGURE_FIELDS)):
        rows = raw.get(group)
        if not isinstance(rows, dict):
            continue
        for name, values in list(rows.items())[:500]:
            if not isinstance(values, dict):
                continue
            kept = {f: v for f in fields if f in values
                    and (v := _scalar(values[f])) is not None}
            if kept:
                data.setdefault(group, {})[str(name)[:80]] = kept
    return data


def conflicts(mine: dict, theirs: dict, base: dict) -> tuple[dict, list[str]]:
    """Three-way merge of a refused save: ``mine`` holds the fields this person changed,
    ``theirs`` what is stored now, ``base`` the digests of what this person started from.

    Returns the values the form shows (stored ones, with this person's changes on top) and
    the keys both people changed differently, which need a choice."""
    shown = dict(theirs)
    clashes = []
    for key, value in mine.items():
        if key not in theirs:
            continue
        shown[key] = value
        if same(key, value, theirs[key]):
            continue
        if base and base.get(key) == digest(theirs[key]):
            continue  # only this person changed it
        clashes.append(key)
    return shown, clashes


# The commune report ------------------------------------------------------------------------


def commune_fields(report, rows) -> dict:
    """The editable values of a commune report as the form shows them."""
    flat = {"title": report.title, "recipients": "\n".join(report.recipients or [])}
    for name in SIGNATURE_FIELDS:
        flat[name] = getattr(report, name)
    for block in report.body:
        if block.get("kind") == "paragraph":
            flat[f"block.{block['id']}"] = block.get("text", "")
    for row in rows:
        flat[f"figure.{row['indicator'].code}"] = "" if row["value"] is None else row["shown"]
    return flat


def commune_fields_of_content(content: dict) -> dict:
    """The same from ``commune_report_content`` (the stored version a conflict returns)."""
    signature = [*(content.get("signature") or []), "", "", ""]
    flat = {"title": content.get("title", ""),
            "recipients": "\n".join(content.get("recipients") or [])}
    for name, value in zip(SIGNATURE_FIELDS, signature, strict=False):
        flat[name] = value or ""
    for block in content.get("body") or []:
        if block.get("kind") == "paragraph":
            flat[f"block.{block['id']}"] = block.get("text", "")
    for code, row in (content.get("figures") or {}).items():
        flat[f"figure.{code}"] = _figure_text(row.get("value"))
    return flat


def commune_save_arguments(changed: dict) -> dict:
    """The keyword arguments of ``commune_report_save`` for the changed fields."""
    arguments: dict = {}
    blocks = {k.removeprefix("block."): v for k, v in changed.items() if k.startswith("block.")}
    figures = {k.removeprefix("figure."): v for k, v in changed.items()
               if k.startswith("figure.")}
    if blocks:
        arguments["blocks"] = blocks
    if figures:
        arguments["figures"] = figures
    if "title" in changed:
        arguments["title"] = changed["title"]
    if "recipients" in changed:
        arguments["recipients"] = changed["recipients"].splitlines()
    return arguments


# Rounds --------------------------------------------------------------------------------------


class RoundCreateForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Kế hoạch"), queryset=None, empty_label=_("— Chọn —"),
                                  error_messages={"required": _("Hãy chọn kế hoạch.")})
    kind = forms.ChoiceField(label=_("Loại báo cáo"),
                             choices=[(RoundKind.AD_HOC, RoundKind.AD_HOC.label),
                                      (RoundKind.THEMATIC, RoundKind.THEMATIC.label)])
    title = forms.CharField(label=_("Tên kỳ báo cáo"), max_length=200,
                            help_text=_("Ví dụ: Báo cáo chuyên đề về thông tin đối ngoại dịp "
                                        "Tết Nguyên đán 2027."),
                            error_messages={"required": _("Hãy nhập tên kỳ báo cáo.")})
    starts_on = _date_field(_("Số liệu từ ngày"))
    ends_on = _date_field(_("Số liệu đến ngày"))
    deadline = _date_field(_("Hạn đơn vị nộp báo cáo"))
    commune_deadline = _date_field(
        _("Hạn xã gửi cấp trên"), required=False,
        help_text=_("Để trống: 5 ngày làm việc sau hạn đơn vị nộp."))

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans


class DeadlinesForm(forms.Form):
    deadline = _date_field(_("Hạn đơn vị nộp báo cáo"))
    commune_deadline = _date_field(_("Hạn xã gửi cấp trên"))


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy ghi ý kiến để người nhận biết cần sửa gì.")})


# Reviews (sơ kết, tổng kết) ---------------------------------------------------------------------


def _period_key(value: str) -> str:
    key = value.strip().upper()
    try:
        return periods.by_key(key).key
    except ValueError:
        raise forms.ValidationError(
            _("“%(key)s” không phải là một kỳ; hãy ghi như 2024-H1, 2025-H2 hoặc 2025."),
            params={"key": value}) from None


class ReviewForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Kế hoạch"), queryset=None, empty_label=_("— Chọn —"),
                                  error_messages={"required": _("Hãy chọn kế hoạch.")})
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=[
        (CommuneReportKind.INTERIM_REVIEW, CommuneReportKind.INTERIM_REVIEW.label),
        (CommuneReportKind.FINAL_REVIEW, CommuneReportKind.FINAL_REVIEW.label)])
    first = forms.CharField(label=_("Từ kỳ"), max_length=10,
                            help_text=_("Mã kỳ: 2024-H1 (6 tháng đầu năm), 2024-H2, 2024 (năm)."),
                            error_messages={"required": _("Hãy nhập kỳ đầu.")},
                            widget=forms.TextInput(attrs={"placeholder": "2024-H1"}))
    last = forms.CharField(label=_("Đến kỳ"), max_length=10,
                           error_messages={"required": _("Hãy nhập kỳ cuối.")},
                           widget=forms.TextInput(attrs={"placeholder": "2026-H1"}))

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans

    def clean_first(self):
        return _period_key(self.cleaned_data["first"])

    def clean_last(self):
        return _period_key(self.cleaned_data["last"])


# The upper level -----------------------------------------------------------------------------


def latest_half_year(today: datetime.date) -> str:
    """The last half-year whose data is cut off: the one the communes report now."""
    current = periods.period_of(today, "half_year")
    return periods.period_of(current.starts_on - datetime.timedelta(days=1), "half_year").key


def period_choices(today: datetime.date, chosen: str | None = None) -> list[tuple[str, str]]:
    """Recent half-years and years, newest first (and the chosen key if older)."""
    keys = []
    day = today
    for _i in range(6):
        period = periods.period_of(day, "half_year")
        keys.append(period.key)
        day = period.starts_on - datetime.timedelta(days=1)
    year = periods.period_of(today, "year")
    for offset in (0, 1, 2):
        keys.append(str(int(year.key) - offset))
    if chosen and chosen not in keys:
        keys.append(chosen)
    return [(key, periods.label_of(key)) for key in keys]


class UpperForm(forms.Form):
    area = forms.TypedChoiceField(label=_("Địa bàn"), coerce=int)
    period = forms.ChoiceField(label=_("Kỳ báo cáo"))

    def __init__(self, *args, areas, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a.pk, str(a.name)) for a in areas]
        chosen = (self.data.get("period") or "").strip().upper() or None
        if chosen:
            try:
                chosen = periods.by_key(chosen).key
            except ValueError:
                chosen = None
        self.fields["period"].choices = period_choices(today, chosen)
