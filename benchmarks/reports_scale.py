"""Periodic reports at the scale of a province: 166 communes, two half-years, sent reports.

    python3 -m uv run python benchmarks/reports_scale.py [--communes 166] [--repeat 11]
                                                         [--databases sqlite,postgresql]

For each database — an SQLite *file* (WAL, the project's ``sqlite_options``) in a temporary data
directory, then PostgreSQL in a throw-away cluster started by ``scripts/postgres.sh`` (if it
cannot start, the reason is printed and the run goes on with SQLite only) — a *build* process
migrates a fresh database and runs ``ttdn demo-scale --communes N`` (default 166 × 25 units ×
20 tasks, two completed half-years, every commune report sent; on PostgreSQL followed by
``VACUUM ANALYZE``, as autovacuum would do; SQLite gets no ``ANALYZE``, as the application
never runs one). Then each operation is measured in a process of its own (so that its peak
memory is neither the generator's nor another operation's): after one warm-up run,
``--repeat`` timed runs of

(a) ``commune_report_draft`` of one commune's latest round (the report is set back to draft
    first, so this is a redraft of a 500-task report; put back to "sent" afterwards);
(b) ``build_rollup`` of the province for the latest period, as the upper-level account
    ``tinh.quymo`` (fetched again before every run, untimed, as a request would: its scope is
    computed inside the run);
(c) ``rollup_file(fmt="docx")`` of that roll-up (built before, untimed);
(floor) the one SQL statement the roll-up's figures cannot beat: ``SUM``/``MAX``/``COUNT
    (DISTINCT)`` of the communes' figure rows for the period, sent reports only, through
    ``connection.cursor()``.

For each: median and minimum wall time, the number of queries (``CaptureQueriesContext``, in a
separate run) and the time of its SELECTs replayed through ``connection.cursor()`` with
``fetchall`` (on SQLite ``execute`` alone would miss the stepping through the rows), the
tracemalloc peak of one more run (traced apart, since tracing slows Python down) and the
process's RSS before the operation and its peak over the runs (VmHWM, reset through
``/proc/self/clear_refs`` where the kernel allows it; python-docx's lxml memory shows only
there).
Prints the build's row counts, the queries of one roll-up, a table per database, and PASS/MISS
for the targets: roll-up within 5× the floor, one commune report under 1 s, memory under
300 MB (tracemalloc peak and peak RSS). Timings are figures, not tests: the exit status is 0
unless a stage failed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROLLUP_FLOOR_LIMIT = 5.0
COMMUNE_LIMIT_MS = 1000.0
MEMORY_LIMIT_MB = 300.0


# ------------------------------------------------------------------------------ Django setup


def _django(db: str) -> None:
    """Test settings; the SQLite file of TTDN_DATA_DIR, or DATABASE_URL for PostgreSQL."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "ttdn.config.settings.test"
    if db == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("PostgreSQL stage without a postgres:// DATABASE_URL")
    import django

    django.setup()


def vm_hwm_mb() -> float:
    """This process's peak resident memory (VmHWM); ru_maxrss where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vm_rss_mb() -> float:
    """This process's resident memory now (0 where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def reset_hwm() -> bool:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0); False if not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


# ------------------------------------------------------------------------------ build stage


def build(args) -> int:
    _django(args.db)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"[{args.db}] engine {engine}, database {settings.DATABASES['default']['NAME']}",
          flush=True)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"[{args.db}] migrated in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    call_command("demo_scale", communes=args.communes, units=args.units, tasks=args.tasks)
    build_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    size = ""
    if connection.vendor == "sqlite":
        path = Path(settings.DATABASES["default"]["NAME"])
        size = f", database file {path.stat().st_size / 1e6:.0f} MB"
    print(f"[{args.db}] ttdn demo-scale --communes {args.communes}: {build_seconds:.1f} s "
          f"(process peak {vm_hwm_mb():.0f} MB){size}", flush=True)
    connection.close()
    Path(args.result).write_text(json.dumps({"build_seconds": build_seconds}))
    for op in OPS:
        command = [sys.executable, __file__, "--stage", "measure", "--op", op, "--db", args.db,
                   "--repeat", str(args.repeat), "--result", str(args.result)]
        done = subprocess.run(command, check=False, env=os.environ.copy())  # noqa: S603
        if done.returncode:
            return done.returncode
    check(json.loads(Path(args.result).read_text()))
    return 0


def check(result: dict) -> None:
    """The roll-up's figures must be what the floor's SQL says."""
    from decimal import Decimal

    floor = result["floor_figures"]
    for indicator, (value, aggregation) in result["rollup_figures"].items():
        if indicator not in floor:
            assert value == "None", (indicator, value)
            continue
        expected = floor[indicator][1 if aggregation == "max" else 0]
        assert abs(Decimal(value) - Decimal(expected)) < Decimal("0.01"), (indicator, value,
                                                                          expected)


# ---------------------------------------------------------------------------- measure stage


class QueryLog:
    """An execute wrapper that keeps each statement with its parameters, to replay it."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def replay(statements, runs=5) -> list[dict]:
    """Each statement again through ``connection.cursor()`` with ``fetchall()``: its time in
    the database and the driver, without the ORM (on SQLite the rows are stepped through while
    they are fetched, so timing ``execute`` alone would miss most of it)."""
    from django.db import connection

    timings = []
    for sql, params in statements:
        if not sql.lstrip().upper().startswith("SELECT"):  # writes are not replayed
            timings.append({"ms": 0.0, "rows": 0, "sql": sql, "write": True})
            continue
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
        timings.append({"ms": statistics.median(times), "rows": len(rows), "sql": sql})
    return timings


def _timed(label, run, repeat, *, before=None):
    """Warm-up, ``repeat`` timed runs, one run under CaptureQueriesContext (and a wrapper
    that keeps the statements to replay them), one traced by tracemalloc."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def once():
        if before:
            before()
        started = time.perf_counter()
        value = run()
        return time.perf_counter() - started, value

    rss_start = vm_rss_mb()
    hwm_reset = reset_hwm()
    once()  # warm-up: caches, prepared statements, imports
    times, value = [], None
    for _ in range(repeat):
        seconds, value = once()
        times.append(seconds * 1000)
    rss = vm_hwm_mb()
    if before:
        before()
    log = QueryLog()
    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(log):
        run()
    queries = captured.captured_queries
    statements = replay(log.statements)
    if before:
        before()
    tracemalloc.start()
    tracemalloc.reset_peak()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return {"label": label, "median": statistics.median(times), "min": min(times),
            "runs": repeat, "queries": len(queries),
            "sql_ms": sum(q["ms"] for q in statements),
            "peak_mb": peak, "rss_mb": rss, "rss_start_mb": rss_start,
            "rss_reset": hwm_reset}, value, statements


OPS = ("a", "b", "c", "floor")
FLOOR_SQL = (
    "SELECT f.indicator_id, SUM(f.value), MAX(f.value), COUNT(DISTINCT f.report_id) "
    "FROM reports_communereportfigure f JOIN reports_communereport r ON r.id = f.report_id "
    "WHERE r.commune_id IN (MARKS) AND r.period = %s AND r.kind = %s AND r.status IN (%s, %s) "
    "AND f.value IS NOT NULL GROUP BY f.indicator_id"
)


def measure(args) -> int:
    """One operation, in a process of its own: its peak RSS is not another operation's."""
    _django(args.db)
    from django.db import connection

    from ttdn.org.models import AdministrativeArea, AreaLevel, AreaScheme, User
    from ttdn.org.scope import communes_under
    from ttdn.reports.drafting import commune_report_draft
    from ttdn.reports.exporting import rollup_file
    from ttdn.reports.models import CommuneReport, CommuneReportStatus, ReportRound
    from ttdn.reports.rollup import build_rollup
    from ttdn.reports.scale import UPPER_USERNAME, count_rows, generated_communes

    result = json.loads(Path(args.result).read_text())
    province = AdministrativeArea.objects.get(scheme=AreaScheme.CURRENT,
                                              level=AreaLevel.PROVINCE, code=38)
    period = (CommuneReport.objects.filter(commune__in=generated_communes())
              .order_by("-period").values_list("period", flat=True).first())
    upper_pk = User.objects.get(username=UPPER_USERNAME).pk
    communes = sorted(communes_under([province]))
    request = {}  # what a request would have loaded before the operation: its user

    def new_request():
        request["user"] = User.objects.get(pk=upper_pk)  # its scope is computed in the run

    def rollup():
        return build_rollup(user=request["user"], area=province, period=period)

    if args.op == "a":  # one commune report, redrafted
        actor = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        round_ = (ReportRound.objects.filter(commune__in=generated_communes(), period=period)
                  .order_by("commune__area__code")[len(communes) // 2])
        report = CommuneReport.objects.get(round=round_)

        def to_draft():
            CommuneReport.objects.filter(pk=report.pk).update(status=CommuneReportStatus.DRAFT)
            request["round"] = ReportRound.objects.select_related("plan", "commune").get(
                pk=round_.pk)

        def draft():
            return commune_report_draft(round_=request["round"], actor=actor)

        row, drafted, _statements = _timed("(a) one commune report", draft, args.repeat,
                                           before=to_draft)
        CommuneReport.objects.filter(pk=report.pk).update(status=CommuneReportStatus.SENT)
        row["note"] = (f"{round_.commune.name}: {len(drafted.body)} blocks, "
                       f"{len(json.dumps(drafted.body)) / 1e3:.0f} kB body")
    elif args.op == "b":  # the province roll-up, as the upper level
        row, built, result["rollup_queries"] = _timed("(b) province roll-up", rollup,
                                                      args.repeat, before=new_request)
        counts = built.counts
        row["note"] = (f"{len(built.statuses)} communes ({counts['sent']} sent), "
                       f"{len(built.figures)} figures, {len(built.narratives)} narratives")
        result["rollup_figures"] = {str(f.indicator.pk): [str(f.value), f.indicator.aggregation]
                                    for f in built.figures}
    elif args.op == "c":  # the roll-up's .docx (the roll-up is built first, untimed)
        new_request()
        built = rollup()

        def export():
            return rollup_file(rollup=built, actor=request["user"], fmt="docx")

        row, exported, _statements = _timed("(c) roll-up .docx", export,
                                            max(3, args.repeat // 2))
        row["note"] = f"{len(exported[0]) / 1e3:.0f} kB (roll-up built before, untimed)"
    else:  # the floor: one GROUP BY through the cursor
        sql = FLOOR_SQL.replace("MARKS", ", ".join(["%s"] * len(communes)))
        params = [*communes, period, "period", CommuneReportStatus.SENT,
                  CommuneReportStatus.RECEIVED]

        def floor():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        row, floor_rows, _statements = _timed("floor: one SQL GROUP BY", floor, args.repeat)
        row["note"] = f"{len(floor_rows)} indicator rows"
        result["floor_figures"] = {str(i): [str(total), str(largest)]
                                   for i, total, largest, _n in floor_rows}
        result["counts"] = count_rows(generated_communes())
    result.setdefault("ops", []).append(row)
    result.update({"db": args.db, "vendor": connection.vendor, "period": period})
    Path(args.result).write_text(json.dumps(result))
    return 0


# ----------------------------------------------------------------------------- orchestrator


def _run_stage(db, args, workdir: Path) -> dict | None:
    data_dir = workdir / db
    data_dir.mkdir()
    (data_dir / "static").mkdir()
    result = workdir / f"{db}.json"
    env = {**os.environ, "TTDN_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, __file__, "--stage", "build", "--db", db,
               "--communes", str(args.communes), "--units", str(args.units),
               "--tasks", str(args.tasks), "--repeat", str(args.repeat),
               "--result", str(result)]
    if db == "postgresql":
        command = [str(ROOT / "scripts" / "postgres.sh"), *command]
    print(f"\n=== {db} ===", flush=True)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, check=False,  # noqa: S603
                          stderr=subprocess.PIPE, text=True)
    if done.stderr:
        sys.stderr.write(done.stderr[-4000:])
    if done.returncode != 0 or not result.exists() or "ops" not in json.loads(result.read_text()):
        why = (done.stderr or "").strip().splitlines()[-3:]
        print(f"[{db}] FAILED (exit {done.returncode}) after {time.perf_counter() - started:.0f}"
              f" s: {' / '.join(why) or 'no message'} — carrying on without it.", flush=True)
        return None
    return json.loads(result.read_text())


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report(results: list[dict]) -> None:
    print("\n=== Row counts (generated province) ===")
    for result in results:
        c = result["counts"]
        print(f"  {result['db']:>10}: {c['communes']} communes, {c['units']:,} units, "
              f"{c['tasks']:,} tasks, {c['unit_reports']:,} unit reports, "
              f"{c['unit_report_tasks']:,} unit task results, {c['unit_figures']:,} unit figure "
              f"rows, {c['commune_reports']} commune reports ({c['commune_reports_sent']} sent), "
              f"{c['commune_figures']:,} commune figure rows; built in "
              f"{result['build_seconds']:.0f} s")
    print("\n=== Queries of one build_rollup (each replayed with fetchall: median ms, rows) ===")
    for result in results:
        total = sum(q["ms"] for q in result["rollup_queries"])
        print(f"  {result['db']}: {len(result['rollup_queries'])} queries, {total:.1f} ms in the "
              "database and driver")
        for query in result["rollup_queries"]:
            sql = " ".join(query["sql"].split())
            print(f"    {query['ms']:8.2f} ms {query['rows']:5d}  {sql[:140]}"
                  f"{'…' if len(sql) > 140 else ''}")
    print("\n=== Results (median and min of the timed runs; memory of a separate run) ===")
    header = (f"{'operation':28} {'db':10} {'median ms':>10} {'min ms':>9} {'queries':>7} "
              f"{'SELECT ms':>9} {'tracemalloc MB':>14} {'RSS MB':>13} {'ratio/floor':>11}  "
              "note")
    print(header)
    print("-" * len(header))
    for result in results:
        floor = next(op for op in result["ops"] if op["label"].startswith("floor"))
        for op in result["ops"]:
            ratio = op["median"] / floor["median"] if floor["median"] else float("nan")
            print(f"{op['label']:28} {result['db']:10} {op['median']:10.1f} {op['min']:9.1f} "
                  f"{op['queries']:7d} {op['sql_ms']:9.1f} {op['peak_mb']:14.1f} "
                  f"{op['rss_start_mb']:5.0f} → {op['rss_mb']:5.0f} {ratio:11.1f}  "
                  f"{op.get('note', '')}")
    print("\n(RSS: the measuring process's resident memory before the operation → its peak "
          "over the warm-up and timed runs; each operation runs in a process of its own"
          + ("" if all(op["rss_reset"] for r in results for op in r["ops"])
             else "; VmHWM could not be reset, so the peak includes the process's setup") + ")")
    print("\n=== Targets ===")
    for result in results:
        ops = {op["label"][:3]: op for op in result["ops"]}
        floor = next(op for op in result["ops"] if op["label"].startswith("floor"))
        ratio = ops["(b)"]["median"] / floor["median"]
        print(f"  {result['db']}: roll-up {ops['(b)']['median']:.1f} ms = {ratio:.1f}× the floor "
              f"({floor['median']:.2f} ms), target ≤ {ROLLUP_FLOOR_LIMIT:.0f}×: "
              f"{_verdict(ratio <= ROLLUP_FLOOR_LIMIT)}")
        print(f"  {result['db']}: one commune report {ops['(a)']['median']:.1f} ms, target < "
              f"{COMMUNE_LIMIT_MS:.0f} ms: {_verdict(ops['(a)']['median'] < COMMUNE_LIMIT_MS)}")
        for op in result["ops"]:
            if op["label"].startswith("floor"):
                continue
            ok = op["peak_mb"] < MEMORY_LIMIT_MB and op["rss_mb"] < MEMORY_LIMIT_MB
            print(f"  {result['db']}: memory of {op['label']}: tracemalloc peak "
                  f"{op['peak_mb']:.1f} MB, max RSS {op['rss_mb']:.0f} MB, target < "
                  f"{MEMORY_LIMIT_MB:.0f} MB: {_verdict(ok)}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=166)
    parser.add_argument("--units", type=int, default=25)
    parser.add_argument("--tasks", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--stage", choices=("build", "measure"), help=argparse.SUPPRESS)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--op", choices=OPS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage == "build":
        return build(args)
    if args.stage == "measure":
        return measure(args)

    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="ttdn-bench-reports-"))
    results = []
    try:
        for db in [d.strip() for d in args.databases.split(",") if d.strip()]:
            result = _run_stage(db, args, workdir)
            if result is not None:
                results.append(result)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if not results:
        print("No database could be measured.")
        return 1
    report(results)
    print(f"\nTotal wall time {time.perf_counter() - started:.0f} s on {os.cpu_count()} CPUs "
          f"(load average {os.getloadavg()[0]:.1f}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
