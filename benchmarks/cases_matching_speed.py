"""Speed of matching a new tip against 100,000 stored claims, on an SQLite file.

    python3 -m uv run python benchmarks/cases_matching_speed.py [--tips 100000] [--queries 240]

A fresh SQLite *file* database in a temporary directory is migrated and given the demo
(Thanh Hóa's areas, Cẩm Tân and Cẩm Thạch). Synthetic Vietnamese claims — 30 templates ×
1,600 invented place names × 3,000 invented people × amounts × dates — are stored as cases and
tips with ``bulk_create``, one case in five closed (not matchable), and indexed with
``index.add_tips``, which writes the rows ``index.add_tip`` writes for a tip filed through the
desk. The store grows to 5,000, 20,000 and 100,000 tips; at each size the same kinds of new tips
go through ``services.match_text`` — the desk's whole matching path: link lookup, candidate
retrieval from the index, precise comparison of the candidates:

* rewordings of a stored claim of an open case (filler, no diacritics, capitals, emoji and
  hashtags, partial quote) — they should join that case;
* near-misses of one (another amount) — they must not join it;
* new claims about places and people the store has never seen.

Prints per size: p50/p95/p99 of the time of one ``_match`` call, the candidates compared, how
the three kinds were decided, and the process's peak memory (``ru_maxrss``). At 5,000 tips it
also times the old way (comparing every tip of every matchable case) for contrast. Exits 1 if
the 95th percentile at the largest size is 50 ms or more, or the peak memory 500 MB or more.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import _setup  # noqa: F401 — first: Django on the test settings, a throw-away data directory
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

SEED = 20261127
P95_LIMIT_MS = 50.0
PEAK_LIMIT_MB = 500.0

FIRST = (
    "Đông", "Tây", "Nam", "Bắc", "Tân", "Phú", "Hòa", "An", "Bình", "Xuân", "Thanh", "Yên", "Minh",
    "Quang", "Hưng", "Phúc", "Lộc", "Thọ", "Vĩnh", "Hợp", "Thành", "Lương", "Long", "Sơn", "Lâm",
    "Hải", "Trung", "Đức", "Thịnh", "Mỹ", "Vân", "Châu", "Ngọc", "Quý", "Tú", "Giang", "Phong",
    "Liên", "Khánh", "Hà"
)
FAMILY = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Trịnh", "Đinh", "Mai", "Lương",
    "Hà", "Cao", "Tạ"
)
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Ngọc", "Hữu"]
GIVEN = (
    "Lan", "Hoa", "Hùng", "Dũng", "Tuấn", "Hải", "Hương", "Mai", "Nam", "Bình", "Cường", "Thảo",
    "Hạnh", "Long", "Sơn", "Trang", "Tâm", "Hà", "Phương", "Quân", "Vinh", "Thắng", "Toàn", "Nga",
    "Yến", "Oanh", "Lực", "Khoa", "Duy", "Hiền"
)
COMPANIES = ("Hòa Phát", "Đại Dương", "Minh Long", "Thành Công", "Phú Gia", "Sao Mai",
             "Hưng Thịnh", "An Khang", "Kim Long", "Trường Sơn")
RIVERS = ("Mã", "Bưởi", "Chu", "Âm", "Lò", "Cầu Chày")

TEMPLATES = (
    "Cán bộ {xa} ăn chặn {tien} tiền hỗ trợ lũ lụt của bà con {thon}.",
    "Cầu treo {ban} bị sập lúc {gio} giờ sáng ngày {ngay}, cuốn trôi {so} người.",
    "{Xa} sẽ thu hồi {so} ha đất ruộng của {thon} để làm khu công nghiệp.",
    "Trường tiểu học {ten} bắt mỗi học sinh nộp {tien} tiền xây tường rào.",
    "{Nguoi} ở {thon} bị lừa mất {tien} qua một cuộc gọi giả danh công an.",
    "Nước giếng ở {thon} bị nhiễm thạch tín, đã có {so} người phải nhập viện.",
    "Từ tháng {thang}/2027 giá điện sinh hoạt ở {xa} sẽ tăng {pct}% cho mọi hộ.",
    "Công ty {cty} tuyển {so} lao động đi Nhật Bản, mỗi người nộp trước {tien} tiền cọc.",
    "Chủ tịch {xa} bị công an bắt ngày {ngay} vì nhận hối lộ {tien}.",
    "Dịch sốt xuất huyết bùng phát ở {thon}, {so} ca phải đi cấp cứu trong đêm.",
    "Trạm y tế {xa} bán thuốc hết hạn cho người già với giá {tien} một hộp.",
    "Đường liên thôn từ {thon} đi {thon2} bị sạt lở ngày {ngay}, ô tô không đi qua được.",
    "{Nguoi}, trưởng {thon}, bỏ trốn sau khi thu {tien} tiền làm đường của dân.",
    "Bão số {so1} sẽ đổ bộ vào {xa} đêm {ngay} với sức gió giật cấp {cap}.",
    "Ngân hàng chính sách {xa} xóa nợ {tien} cho mọi hộ vay vốn trước năm {nam}.",
    "{Xa} thu mỗi hộ {tien} phí vệ sinh môi trường mỗi tháng.",
    "Lợn chết hàng loạt ở {thon} vì dịch tả châu Phi, {so} con đã bị tiêu hủy.",
    "Tin nhắn gửi người dân {xa} báo trúng thưởng {tien}, yêu cầu chuyển {tien2} phí nhận "
    "thưởng.",
    "Nhà máy {cty} ở {xa} xả thải ra sông {song} làm cá chết trắng {so} km.",
    "Người dân {thon} phải nộp {tien} mới được cấp giấy chứng nhận quyền sử dụng đất.",
    "Mỗi hộ nghèo ở {xa} chỉ nhận được {tien} trong số tiền hỗ trợ Tết.",
    "Một người ở {thon} tử vong sau khi ăn nấm rừng ngày {ngay}.",
    "Đập thủy lợi {ten} sắp vỡ, người dân {xa} phải sơ tán ngay trong đêm.",
    "{Nguoi} ở {thon} chữa khỏi bệnh ung thư bằng lá cây rừng sau {so} ngày.",
    "Phường {ten} sẽ cắt nước toàn bộ từ ngày {ngay} để sửa đường ống.",
    "Có người giả danh cán bộ {xa} đến từng nhà thu {tien} tiền bảo hiểm y tế.",
    "Xe khách chở {so} người lật xuống vực ở dốc {ten}, nhiều người bị thương nặng.",
    "Giá lúa ở {xa} giảm còn {tien} một cân vì thương lái ngừng thu mua.",
    "{Xa} cấm người dân thả trâu bò từ ngày {ngay}, ai vi phạm bị phạt {tien}.",
    "Quân lạ vượt biên vào {ban}, huyện Mường Lát đêm {ngay}.",
)
PREFIXES = ("", "", "", "Nghe nói ", "Mọi người chia sẻ gấp: ", "Khẩn cấp: ", "Bà con ơi, ")


def names(rng, pool):
    a, b = rng.sample(pool, 2)
    return f"{a} {b}"


class Generator:
    """Synthetic claims; ``fresh`` draws names from a pool the stored claims never use."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        places = sorted({f"{a} {b}" for a in FIRST for b in FIRST if a != b})
        rng.shuffle(places)
        cut = len(places) // 10
        self.places, self.fresh_places = places[cut:], places[:cut]
        people = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
        rng.shuffle(people)
        cut = len(people) // 10
        self.people, self.fresh_people = people[cut:], people[:cut]

    def amount(self) -> str:
        rng = self.rng
        kind = rng.random()
        if kind < 0.3:
            return f"{rng.randint(1, 999)} triệu"
        if kind < 0.45:
            return f"{rng.randint(1, 9)} tỷ"
        if kind < 0.7:
            return f"{rng.randint(1, 99) * 10} nghìn"
        return f"{rng.randint(1, 99) * 100_000:,} đồng".replace(",", ".")

    def claim(self, fresh: bool = False) -> str:
        rng = self.rng
        places = self.fresh_places if fresh else self.places
        people = self.fresh_people if fresh else self.people
        place = rng.choice(places)
        slots = {
            "xa": f"xã {place}", "Xa": f"Xã {place}", "thon": f"thôn {rng.choice(places)}",
            "thon2": f"thôn {rng.choice(places)}", "ban": f"bản {place}", "ten": place,
            "Nguoi": f"{rng.choice(('Ông', 'Bà', 'Anh', 'Chị'))} {rng.choice(people)}",
            "tien": self.amount(), "tien2": self.amount(), "so": rng.randint(2, 400),
            "so1": rng.randint(1, 12), "gio": rng.randint(1, 23), "cap": rng.randint(8, 17),
            "ngay": f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2026",
            "thang": rng.randint(1, 12), "pct": rng.randint(5, 60), "nam": rng.randint(2010, 2024),
            "cty": rng.choice(COMPANIES), "song": rng.choice(RIVERS),
        }
        return rng.choice(PREFIXES) + rng.choice(TEMPLATES).format(**slots)


REWORDINGS = ("filler", "no marks", "capitals", "emoji", "partial")


def reword(rng: random.Random, text: str) -> tuple[str, str]:
    from ttdn.core.text import fold

    kind = rng.choice(REWORDINGS)
    if kind == "filler":
        return kind, f"Nghe nói {text[0].lower()}{text[1:].rstrip('.')}, mọi người chia sẻ gấp!"
    if kind == "no marks":
        return kind, fold(text)
    if kind == "capitals":
        return kind, fold(text).upper()
    if kind == "emoji":
        return kind, f"🔥🔥 {text} 😡 #tinnóng #cảnhgiác"
    words = text.rstrip(".").split()
    return kind, " ".join(words[: max(8, len(words) * 2 // 3)])  # a partial quote


def near_miss(rng: random.Random, text: str) -> str | None:
    """The claim with one detail changed: another day, or another amount or count."""
    dates = list(re.finditer(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text))
    numbers = [m for m in re.finditer(r"(?<![\d/.])\d+(?:\.\d{3})*(?![\d/.])", text)
               if not any(d.start() <= m.start() < d.end() for d in dates)]
    if dates and (not numbers or rng.random() < 0.3):
        match = rng.choice(dates)
        day = int(match.group(1)) % 28 + rng.randint(1, 27)
        day = day if day != int(match.group(1)) else day % 28 + 1
        changed = f"{day}/{match.group(2)}/{match.group(3)}"
    elif numbers:
        match = rng.choice(numbers)
        value = int(match.group(0).replace(".", ""))
        step = 10 ** max(0, len(str(value)) - 2)
        new = value + step * rng.randint(1, 9)
        changed = f"{new:,}".replace(",", ".") if "." in match.group(0) else str(new)
    else:
        return None
    return text[: match.start()] + changed + text[match.end() :]


def peak_mb() -> float:
    """This process's peak resident memory. ``ru_maxrss`` survives ``exec`` on Linux (a child
    would report its parent's peak), so the kernel's own high-water mark of this process's
    memory, VmHWM, is read where there is one."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def grow(generator: Generator, target: int, commune, stored: list, seen: set) -> float:
    """Store and index claims until there are ``target`` tips; returns the seconds it took."""
    from ttdn.cases import index, matching
    from ttdn.cases.models import Case, CaseStatus, Channel, Tip

    started = time.perf_counter()
    now = timezone.now()
    while len(stored) < target:
        batch = []
        while len(batch) < min(5000, target - len(stored)):
            text = generator.claim()
            key = matching.normalise(text)
            if key not in seen:
                seen.add(key)
                batch.append(text)
        with transaction.atomic():
            cases = Case.objects.bulk_create([
                Case(commune=commune, claim=text, opened_at=now - timedelta(minutes=len(stored)),
                     status=CaseStatus.CLOSED if i % 5 == 4 else CaseStatus.NEW,
                     closed_at=now if i % 5 == 4 else None)
                for i, text in enumerate(batch)
            ], batch_size=1000)
            tips = Tip.objects.bulk_create([
                Tip(case=case, commune=commune, channel=Channel.STAFF, text=case.claim,
                    normalised=matching.normalise(case.claim), created_at=case.opened_at)
                for case in cases
            ], batch_size=1000)
            index.add_tips((tip.pk, tip.text) for tip in tips)
        stored.extend((tip.case_id, tip.text, case.status != CaseStatus.CLOSED)
                      for tip, case in zip(tips, cases, strict=True))
    return time.perf_counter() - started


def make_queries(rng: random.Random, generator: Generator, stored: list, seen: set, count: int):
    from ttdn.cases import matching

    open_claims = [(case_id, text) for case_id, text, is_open in stored if is_open]
    queries = []
    per_kind = count // 3
    for case_id, text in rng.sample(open_claims, per_kind):
        how, reworded = reword(rng, text)
        queries.append((f"rewording ({how})", reworded, case_id))
    while sum(kind == "near-miss" for kind, *_ in queries) < per_kind:
        case_id, text = rng.choice(open_claims)
        changed = near_miss(rng, text)
        if changed and matching.normalise(changed) not in seen:
            queries.append(("near-miss", changed, case_id))
    for _ in range(count - 2 * per_kind):
        queries.append(("new", generator.claim(fresh=True), None))
    return queries


def run_queries(queries, *, scan: bool = False):
    from ttdn.cases import index, matching, services
    from ttdn.cases.models import Case

    join_at, suggest_at = services.thresholds()
    times, cpu, compared = [], [], []
    outcomes: dict[str, Counter] = {
        kind: Counter() for kind in (*(f"rewording ({how})" for how in REWORDINGS), "near-miss",
                                     "new")
    }
    shown = 0
    for kind, text, source in queries:
        if scan:
            started, cpu_started = time.perf_counter(), time.process_time()
            pool = index.scan_candidates(text)
            found = matching.best_matches(matching.Claim(text), pool, limit=3,
                                          join_at=join_at, suggest_at=suggest_at)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            compared.append(len(pool))
            case = found[0][0] if found and found[0][1].decision == "join" else None
            suggested = [key for key, verdict in found if verdict.decision == "suggest"]
        else:
            started, cpu_started = time.perf_counter(), time.process_time()
            found = services.match_text(text)
            joined, suggestions = found.case, found.suggestions
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            compared.append(len(index.candidates(text)))
            case = joined.pk if joined is not None else None
            suggested = [case_id for case_id, _verdict in suggestions]
        if case is not None:
            outcomes[kind]["joined the source" if case == source else "joined another"] += 1
            if case != source and shown < 5:  # so that a reader can judge the join
                shown += 1
                print(f"    ({kind} joined another case — “{text}” → “"
                      f"{Case.objects.get(pk=case).claim}”)", flush=True)
        elif source in suggested:
            outcomes[kind]["source suggested"] += 1
        elif suggested:
            outcomes[kind]["other suggested"] += 1
        else:
            outcomes[kind]["new case"] += 1
    return times, cpu, compared, outcomes


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def report(label, times, cpu, compared, outcomes):
    ms = [t * 1000 for t in times]
    cpu_ms = [t * 1000 for t in cpu]
    print(f"  {label}: p50 {percentile(ms, 50):.1f} ms, p95 {percentile(ms, 95):.1f} ms, "
          f"p99 {percentile(ms, 99):.1f} ms, max {max(ms):.1f} ms (CPU time: p50 "
          f"{percentile(cpu_ms, 50):.1f}, p95 {percentile(cpu_ms, 95):.1f}, p99 "
          f"{percentile(cpu_ms, 99):.1f} ms); candidates compared: median "
          f"{statistics.median(compared):.0f}, max {max(compared)}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    for kind, counts in outcomes.items():
        total = sum(counts.values())
        parts = ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
        print(f"    {kind:22} ({total:>2}): {parts}")


def measure(path: Path) -> int:
    """The query phase, in a process of its own so that its peak memory is that of a worker
    matching tips, not of the one that generated 100,000 claims."""
    job = json.loads(path.read_text())
    queries = [tuple(query) for query in job["queries"]]
    run_queries(queries[:10])  # warm-up: caches, prepared statements
    if job["scan"]:
        scan = run_queries(queries[:: max(1, len(queries) // 30)], scan=True)
        report("old full scan (every tip of every matchable case)", *scan)
    times, cpu, compared, outcomes = run_queries(queries)
    report(f"index, {len(queries)} new tips", times, cpu, compared, outcomes)
    ms, cpu_ms = [t * 1000 for t in times], [t * 1000 for t in cpu]
    result = {"p50": percentile(ms, 50), "p95": percentile(ms, 95), "p99": percentile(ms, 99),
              "cpu_p95": percentile(cpu_ms, 95), "load": os.getloadavg()[0],
              "peak_mb": peak_mb()}
    print(f"  peak memory of the matching process: {result['peak_mb']:.0f} MB", flush=True)
    path.with_suffix(".out.json").write_text(json.dumps(result))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tips", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args.measure)
    sizes = [size for size in (5_000, 20_000) if size < args.tips] + [args.tips]

    wall = time.perf_counter()
    database = Path(settings.DATABASES["default"]["NAME"])
    print(f"SQLite file: {database} (engine {settings.DATABASES['default']['ENGINE']})")
    print("Migrating and loading the demo (areas, communes)…", flush=True)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    from ttdn.org.demo import load_demo
    from ttdn.org.models import Commune

    load_demo()
    print(f"  ready in {time.perf_counter() - started:.1f} s", flush=True)
    commune = Commune.objects.get(area__code=15178)

    rng = random.Random(SEED)  # noqa: S311 — reproducible test data, not secrets
    generator = Generator(rng)
    stored: list = []
    seen: set = set()
    result = {}
    for size in sizes:
        seconds = grow(generator, size, commune, stored, seen)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")
            cursor.execute("SELECT count(*) FROM cases_matchterm")
            postings = cursor.fetchone()[0]
        megabytes = database.stat().st_size / 1e6
        print(f"\n{size:,} tips stored ({sum(s[2] for s in stored):,} in open cases), indexed "
              f"in {seconds:.1f} s; {postings:,} index rows ({postings / size:.1f} a tip), "
              f"database file {megabytes:.0f} MB", flush=True)
        job = database.parent / f"queries-{size}.json"
        job.write_text(json.dumps({
            "queries": make_queries(rng, generator, stored, seen, args.queries),
            "scan": size == sizes[0],
        }, ensure_ascii=False))
        connection.close()  # the measuring process has the database to itself
        subprocess.run([sys.executable, __file__, "--measure", str(job)],  # noqa: S603
                       check=True, env=os.environ.copy())
        result = json.loads(job.with_suffix(".out.json").read_text())
    print(f"\nAt {sizes[-1]:,} stored claims: p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f}"
          f" ms (target < {P95_LIMIT_MS:.0f} ms), p99 {result['p99']:.1f} ms, CPU time p95 "
          f"{result['cpu_p95']:.1f} ms (load average {result['load']:.1f}); peak memory of the "
          f"matching process {result['peak_mb']:.0f} MB (target < {PEAK_LIMIT_MB:.0f} MB; the "
          f"process that generated the claims peaked at {peak_mb():.0f} MB). "
          f"Total wall time {time.perf_counter() - wall:.0f} s.")
    ok = result["p95"] < P95_LIMIT_MS and result["peak_mb"] < PEAK_LIMIT_MB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
