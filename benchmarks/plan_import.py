"""How fast a plan is read and imported, and whether the time grows linearly with its length.

    python3 -m uv run python benchmarks/plan_import.py

Cases (median of N runs, time.perf_counter):

* ``read_plan`` of the seed plan (.txt) and of its Decree-30 .docx (``plan_to_docx``);
* ``read_plan`` of a generated ~200-page plan, .txt and .docx — the page count is measured
  once, by converting the .docx to PDF with LibreOffice and asking ``pdfinfo``;
* ``services.plan_import`` of the seed and of the 200-page plan into an in-memory SQLite test
  database holding the demo (Thanh Hóa's areas, Cẩm Tân's units and accounts, the seed plan).

Needs LibreOffice (``soffice``) and poppler-utils (``pdfinfo``) for the page counts; without them
the pages column stays empty and the throughput column too.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

from _setup import demo_database  # first: sets Django up

from ttdn.org.demo import SEED_UNITS
from ttdn.plans.demo import SEED_FILE
from ttdn.plans.document import UnitRef
from ttdn.plans.errors import PlanError
from ttdn.plans.export import docx_to_pdf, plan_to_docx
from ttdn.plans.importer import read_plan

logging.getLogger("ttdn.plans.export.pdf").setLevel(logging.WARNING)

SMALL_RUNS = 20
BIG_RUNS = 3
TARGET_PAGES = (190, 230)
UNITS = [UnitRef(name, kind) for name, kind, _sample in SEED_UNITS]


# --------------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Size:
    """How big a plan file is: bytes of the file, its non-empty paragraphs and their
    characters (a .docx's bytes are compressed, so only paragraphs and characters compare)."""

    size: int
    paragraphs: int
    chars: int


@dataclass
class Row:
    case: str
    measure: Size
    pages: int | None
    runs: int
    median_s: float
    tasks: int | None = None

    @property
    def pages_per_s(self) -> float | None:
        return self.pages / self.median_s if self.pages and self.median_s else None


def median_time(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def pdf_pages(docx: bytes) -> int | None:
    """Pages of the .docx as LibreOffice lays it out (A4, Decree-30 margins and fonts)."""
    if shutil.which("pdfinfo") is None:
        return None
    try:
        pdf = docx_to_pdf(docx, timeout=600)
    except PlanError as exc:  # LibreOffice missing or failing: no page count
        print(f"  (no page count: {exc})", file=sys.stderr)
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run(  # noqa: S603 - fixed command, our own temporary file
            ["pdfinfo", handle.name], capture_output=True, text=True, check=True  # noqa: S607
        ).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return int(match.group(1)) if match else None


def text_size(data: bytes) -> Size:
    paragraphs = [line for line in data.decode("utf-8").splitlines() if line.strip()]
    return Size(len(data), len(paragraphs), sum(len(p.strip()) for p in paragraphs))


def docx_size(data: bytes) -> Size:
    import docx

    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(p.text for p in cell.paragraphs)
    paragraphs = [p.strip() for p in paragraphs if p.strip()]
    return Size(len(data), len(paragraphs), sum(len(p) for p in paragraphs))


# --------------------------------------------------------------------------- a long plan


def _seed_blocks(seed: str) -> dict[str, list[str]]:
    """The seed's bullets by part (purposes, content, implementation) and its ending."""
    lines = [line.strip() for line in seed.splitlines() if line.strip()]
    parts: dict[str, list[str]] = {"purposes": [], "content": [], "implementation": []}
    part = None
    for line in lines:
        if line.startswith("I. "):
            part = "purposes"
        elif line.startswith("II. "):
            part = "content"
        elif line.startswith("IV. "):
            part = None
        elif line.startswith("V. "):
            part = "implementation"
        elif line.startswith("UBND xã yêu cầu"):
            break
        elif part and line.startswith("- ") and len(line) > 60:
            parts[part].append(line[2:])
    ending = seed[seed.index("UBND xã yêu cầu"):]
    return {**parts, "ending": [ending]}


# Legal bases of a commune plan, as officers cite them (symbol, date, issuer, about).
_BASES = [
    ("Nghị quyết số {n}-NQ/TW", "Bộ Chính trị", "về công tác thông tin đối ngoại"),
    ("Kết luận số {n}-KL/TW", "Ban Bí thư", "về tiếp tục thực hiện công tác tuyên truyền"),
    ("Chỉ thị số {n}-CT/TW", "Ban Bí thư", "về tăng cường công tác văn hóa cơ sở"),
    ("Quyết định số {n}/QĐ-TTg", "Thủ tướng Chính phủ", "phê duyệt đề án thông tin đối ngoại"),
    ("Nghị định số {n}/2023/NĐ-CP", "Chính phủ", "về quản lý hoạt động thông tin đối ngoại"),
    ("Kế hoạch số {n}-KH/TU", "Ban Thường vụ Tỉnh ủy", "thực hiện các văn bản của Trung ương"),
    ("Kế hoạch số {n}/KH-UBND", "UBND tỉnh Thanh Hóa", "về công tác thông tin đối ngoại"),
    ("Kế hoạch số {n}/KH-UBND", "UBND huyện Cẩm Thủy", "triển khai nhiệm vụ năm 2024"),
    ("Công văn số {n}/UBND-VHTT", "UBND huyện Cẩm Thủy", "về việc hướng dẫn thực hiện"),
]
_GROUP_UNITS = [name for name, _kind, _sample in SEED_UNITS if name != "Lãnh đạo UBND xã"] + [
    "Các ban, ngành cấp xã, các thôn và các cơ quan đơn vị có liên quan",
    "Ủy ban MTTQ và các đoàn thể chính trị - xã hội xã",
    "Các thôn",
    "Công an xã và Ban Chỉ huy Quân sự xã",
]
_COORDINATORS = ["Công an xã", "Đài truyền thanh xã", "Ban Chỉ huy Quân sự xã",
                 "Công chức Văn hóa – Xã hội", "Văn phòng HĐND-UBND", "Hội Nông dân xã"]
_TOPICS = [
    "tuyên truyền về biển, đảo", "quảng bá du lịch cộng đồng", "chuyển đổi số", "an ninh mạng",
    "xây dựng nông thôn mới", "bảo tồn di sản văn hóa", "phòng, chống tin giả",
    "thu hút đầu tư", "cải cách hành chính", "giáo dục truyền thống", "người Việt ở nước ngoài",
    "hội nhập quốc tế",
]
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def long_plan(seed: str, *, sections: int = 40, bullets: int = 10, groups: int = 30,
              group_bullets: int = 10, bases: int = 36) -> str:
    """A plan shaped like the seed but far longer: a preamble rich in legal bases, ``sections``
    content sections (1–3 lettered subsections each, many bullets), ``groups`` implementation
    groups with ``group_bullets`` bullets each."""
    blocks = _seed_blocks(seed)
    content, duties = blocks["content"], blocks["implementation"]
    out = ["KẾ HOẠCH", "",
           "Thực hiện các nhiệm vụ thông tin đối ngoại, tuyên truyền và phát triển văn hóa "
           "xã Cẩm Tân giai đoạn 2024 - 2030", ""]
    for n in range(bases):
        symbol, issuer, about = _BASES[n % len(_BASES)]
        day, month, year = 1 + n % 27, 1 + n % 12, 2018 + n % 7
        out += [f"Căn cứ {symbol.format(n=100 + 7 * n)} ngày {day:02d}/{month:02d}/{year} "
                f"của {issuer} {about};", ""]
    out += ["UBND xã Cẩm Tân ban hành Kế hoạch thực hiện với các nội dung sau:", ""]
    roman = iter(_ROMAN)
    out += [f"{next(roman)}. MỤC ĐÍCH, YÊU CẦU", "", "1. Mục đích", ""]
    out += [f"- {text}" for text in blocks["purposes"][:4]] + [""]
    out += ["2. Yêu cầu", ""] + [f"- {text}" for text in blocks["purposes"][4:]] + [""]
    out += [f"{next(roman)}. NỘI DUNG, NHIỆM VỤ CHỦ YẾU", ""]
    k = 0
    for s in range(sections):
        topic = _TOPICS[s % len(_TOPICS)]
        out += [f"{s + 1}. Nhiệm vụ trọng tâm về {topic} (nhóm {s + 1})", ""]
        for sub in range(1 + s % 3):
            out += [f"{'abc'[sub]}) Nội dung {topic}, phần {sub + 1}", ""]
            for _ in range(bullets):
                out += [f"- {content[k % len(content)]}", ""]
                k += 1
    out += [f"{next(roman)}. KINH PHÍ", "", "- Phân bổ từ nguồn ngân sách xã theo quy định.", "",
            "- Huy động nguồn kinh phí hỗ trợ hợp pháp từ các tổ chức, cá nhân.", ""]
    out += [f"{next(roman)}. TỔ CHỨC THỰC HIỆN", ""]
    for g in range(groups):
        out += [f"{g + 1}. {_GROUP_UNITS[g % len(_GROUP_UNITS)]}:", ""]
        for b in range(group_bullets):
            duty = duties[(g * group_bullets + b) % len(duties)]
            if b % 3 == 0:
                duty = (f"Chủ trì, phối hợp với {_COORDINATORS[(g + b) % len(_COORDINATORS)]} "
                        f"{duty[0].lower()}{duty[1:]}")
            out += [f"- {duty}", ""]
    out += blocks["ending"]
    return "\n".join(out)


def sized_long_plan(seed: str) -> tuple[bytes, bytes, int | None]:
    """The long plan (.txt and .docx) and its page count; the content sections' bullets are
    rescaled (at most twice) if a try lands off the 190–230 page target."""
    scale = 1.0
    for _attempt in range(3):
        text = long_plan(seed, bullets=max(1, round(10 * scale)))
        data = text.encode("utf-8")
        docx = plan_to_docx(read_plan(data, "ke-hoach-dai.txt", UNITS))
        pages = pdf_pages(docx)
        print(f"  generated plan at scale {scale:.2f}: {len(data):,} bytes, {pages} pages",
              flush=True)
        if pages is None or TARGET_PAGES[0] <= pages <= TARGET_PAGES[1]:
            return data, docx, pages
        scale *= sum(TARGET_PAGES) / 2 / pages
    return data, docx, pages


# --------------------------------------------------------------------------- the database



# --------------------------------------------------------------------------- main


def main() -> None:
    wall = time.perf_counter()
    seed_txt = SEED_FILE.read_bytes()
    seed_docx = plan_to_docx(read_plan(seed_txt, SEED_FILE.name, UNITS))
    print("Measuring page counts with LibreOffice (seed, then the long plan)…", flush=True)
    seed_pages = pdf_pages(seed_docx)
    long_txt, long_docx, long_pages = sized_long_plan(seed_txt.decode("utf-8"))
    print(f"  seed plan: {seed_pages} pages; generated plan: {long_pages} pages "
          f"(target {TARGET_PAGES[0]}–{TARGET_PAGES[1]})", flush=True)

    rows: list[Row] = []

    def read_case(case, data, name, pages, measure, runs):
        read_plan(data, name, UNITS)  # warm-up: imports, regex compilation
        seconds = median_time(lambda: read_plan(data, name, UNITS), runs)
        rows.append(Row(case, measure, pages, runs, seconds))
        print(f"  {case}: {seconds * 1000:.1f} ms", flush=True)

    long = f"{long_pages or '~200'}-page"
    print("Reading (read_plan)…", flush=True)
    read_case("read_plan seed .txt", seed_txt, "seed.txt", seed_pages, text_size(seed_txt),
              SMALL_RUNS)
    read_case("read_plan seed .docx", seed_docx, "seed.docx", seed_pages,
              docx_size(seed_docx), SMALL_RUNS)
    read_case(f"read_plan {long} .txt", long_txt, "long.txt", long_pages, text_size(long_txt),
              BIG_RUNS)
    read_case(f"read_plan {long} .docx", long_docx, "long.docx", long_pages,
              docx_size(long_docx), BIG_RUNS)

    print("Preparing the test database (migrate, Thanh Hóa's areas, demo)…", flush=True)
    started = time.perf_counter()
    demo_database()
    print(f"  ready in {time.perf_counter() - started:.1f} s", flush=True)
    from ttdn.org.models import Commune, User
    from ttdn.plans import services
    from ttdn.plans.models import Task

    commune = Commune.objects.get(area__code=15178)
    officer = User.objects.get(username="camtan.vanhoa")

    def import_case(case, data, name, pages, runs):
        before = Task.objects.count()
        seconds = median_time(
            lambda: services.plan_import(commune=commune, data=data, filename=name,
                                         actor=officer), runs)
        tasks = (Task.objects.count() - before) // runs
        rows.append(Row(f"{case} ({tasks} tasks)", text_size(data), pages, runs, seconds,
                        tasks))
        print(f"  {case}: {seconds * 1000:.1f} ms, {tasks} tasks per plan", flush=True)

    print("Importing into the database (services.plan_import)…", flush=True)
    import_case("plan_import seed .txt", seed_txt, "seed.txt", seed_pages, SMALL_RUNS)
    import_case(f"plan_import {long} .txt", long_txt, "long.txt", long_pages, 1)

    print_table(rows)
    print_linearity(rows)
    print(f"\nTotal wall time: {time.perf_counter() - wall:.0f} s")


def print_table(rows: list[Row]) -> None:
    header = (f"{'case':<40} {'bytes':>9} {'paras':>6} {'chars':>9} {'pages':>5} {'runs':>4} "
              f"{'median ms':>10} {'pages/s':>8}")
    print("\n" + header)
    print("-" * len(header))
    for row in rows:
        m = row.measure
        pages = str(row.pages) if row.pages else "—"
        rate = f"{row.pages_per_s:.1f}" if row.pages_per_s else "—"
        print(f"{row.case:<40} {m.size:>9,} {m.paragraphs:>6} {m.chars:>9,} {pages:>5} "
              f"{row.runs:>4} {row.median_s * 1000:>10.1f} {rate:>8}")
    print("(bytes: of the file as read — a .docx is zip-compressed; pages: the .docx laid out "
          "by LibreOffice, the .txt counted as its .docx)")


def print_linearity(rows: list[Row]) -> None:
    """(time ratio) / (size ratio) between the long plan and the seed: ~1 is linear, well
    above 1 worse than linear, below 1 means fixed costs weigh on the small case."""
    print("\nLinearity, long plan vs seed: (time ratio) / (size ratio); ~1 means linear")
    pairs = [("read .txt", rows[0], rows[2]), ("read .docx", rows[1], rows[3])]
    if len(rows) >= 6:
        pairs.append(("plan_import .txt", rows[4], rows[5]))
    for label, small, big in pairs:
        time_ratio = big.median_s / small.median_s
        ratios = {
            "characters": big.measure.chars / small.measure.chars,
            "paragraphs": big.measure.paragraphs / small.measure.paragraphs,
        }
        if small.tasks and big.tasks:
            ratios["tasks"] = big.tasks / small.tasks
        parts = ", ".join(f"{time_ratio / ratio:.2f} by {name} (×{ratio:.1f})"
                          for name, ratio in ratios.items())
        print(f"  {label:<17} time ×{time_ratio:5.1f} → {parts}")


if __name__ == "__main__":
    main()
