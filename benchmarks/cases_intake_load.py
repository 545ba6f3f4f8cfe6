"""Load and crash benchmark of tip intake (QUALITY.md rows 16–17), against a real server.

    python3 -m uv run python benchmarks/cases_intake_load.py [--workers 4] [--clients 200]
                                                             [--tips 2000]

Prepares a throw-away data directory (SQLite with WAL and ``transaction_mode: IMMEDIATE``, the
database cache table as the shared cache, Thanh Hóa's areas and one commune, Cẩm Tân), then
serves it with gunicorn (``ttdn.config.wsgi``, gthread workers) on 127.0.0.1 with the settings
of ``benchmarks/cases_load_settings.py`` (the demo settings with the per-address limits raised:
every client here is 127.0.0.1; production's database task queue), and runs one ``db_worker``
beside it at ``nice 10``, as docs/operations.md deploys it: the server stores each tip and its
matching task and answers; the worker matches.

Run 1 — load: ``--clients`` concurrent clients (asyncio, one keep-alive connection each)
send ``--tips`` POST /api/v1/tips, each with its own ``Idempotency-Key``, plus 10% replays with
the same key and body: half sent at the same moment as the original (a double click), half after
it was acknowledged (a retry). Counted: acknowledged receipts missing from the database (lost),
idempotency keys stored more than once (duplicates), replays answered with another receipt,
5xx answers, connection errors; latency p50/p95/p99 of every submission, from its first attempt
to its answer (retries included). Then: how long after the last answer the worker had matched
every tip.

Run 2 — crash: the same load while a killer task ``kill -9``s one gunicorn worker every ~2 s (the
master starts a new one), and the task worker once, halfway (a new one is started). Clients retry
on a connection error with the same key and body. Afterwards the server is stopped and every
acknowledged receipt must be in the database, and ``PRAGMA integrity_check`` must say ``ok``;
the tip the killed task worker was matching is left waiting, and ``ttdn cases match-pending``
(the sweep cron runs) must leave no tip unmatched.

Before run 1, 50 requests from a single client give the service time without queueing.

Bounded: each run stops issuing requests after ``--run-seconds`` (default 75), shortened so that
the whole script ends within ``--budget`` seconds (default 240); requests not sent in time are
reported ("not sent"). Exits 1 if a run lost a receipt, stored a duplicate, answered a 5xx
(run 1), left a tip unmatched or the database is not intact.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
COMMUNE_CODE = 15178  # Cẩm Tân
# Tips are made of two-syllable words drawn from ~2,000 combinations, so that tips share words
# about as much as unrelated reports do (the matcher compares each new tip with its candidates).
SYLLABLES = (  # noqa: SIM905 - a sentence is easier to read than 80 quoted words
    "cán bộ xã thôn tiền cứu trợ lũ lụt bà con ăn chặn giả danh thu phí điện nước học vắc xin "
    "đất đai giải phóng mặt bằng đền bù trường trạm y tế cầu đường kênh mương lúa giống phân bón "
    "người cao tuổi hộ nghèo bảo hiểm căn cước định danh chuyển khoản tài khoản ngân hàng sập "
    "dịch bệnh cách ly mất ngập di dời công an triệu tập phạt mạng chia sẻ gấp nghe nói"
).split()


def _text(rng: random.Random) -> str:
    words = [rng.choice(SYLLABLES) + " " + rng.choice(SYLLABLES)
             for _ in range(rng.randint(6, 20))]
    return " ".join(words)


# ---------------------------------------------------------------------------- preparation


def prepare() -> None:
    """Run inside the benchmark's environment: migrate, cache table, areas, one commune."""
    import django

    django.setup()
    from django.core.management import call_command

    from ttdn.org.areas import load_areas
    from ttdn.org.models import AdministrativeArea, User
    from ttdn.org.services import commune_create

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    load_areas(province_codes=[38])
    admin = User.objects.create_superuser("bench.admin", "", "mật-khẩu-đo-tải-rất-dài-2026")
    area = AdministrativeArea.objects.get(scheme="current", level="commune", code=COMMUNE_CODE)
    commune_create(area=area, name="Cẩm Tân", actor=admin, hostname="camtan.localhost",
                   is_default_site=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    def workers(self) -> list[int]:
        """PIDs of the master's live worker processes."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == self.process.pid and fields[0] != "Z":
                found.append(int(entry.name))
        return found


def start_server(env: dict, workers: int, threads: int, data_dir: Path) -> Server:
    port = free_port()
    log = data_dir / f"gunicorn-{port}.log"
    process = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
        [sys.executable, "-m", "gunicorn", "ttdn.config.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
         "--worker-class", "gthread", "--timeout", "60", "--graceful-timeout", "5",
         "--backlog", "2048", "--keep-alive", "5", "--preload"],
        env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(process, port, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/openapi.json")
            if connection.getresponse().status == 200 and len(server.workers()) == workers:
                connection.close()
                return server
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer within 60 s:\n{log.read_text()[-3000:]}")


def stop_server(server: Server) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=10)


def start_worker(env: dict, data_dir: Path, name: str) -> subprocess.Popen:
    """``db_worker`` at nice 10, polling the queue every 0.1 s."""
    log = data_dir / f"worker-{name}.log"
    return subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
        [shutil.which("nice") or "/usr/bin/nice", "-n", "10", sys.executable, "-m", "django",
         "db_worker", "--interval", "0.1", "--no-startup-delay", "--worker-id", name],
        env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_worker(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def connect(database: Path | str):
    """A DB-API connection to the benchmark's database: the SQLite file, or a postgres:// URL."""
    if isinstance(database, str):
        import psycopg

        return psycopg.connect(database, autocommit=True)
    return sqlite3.connect(database, timeout=30)


def waiting(database: Path | str) -> int:
    connection = connect(database)
    try:
        return connection.execute(
            "SELECT COUNT(*) FROM cases_tip WHERE case_id IS NULL").fetchone()[0]
    finally:
        connection.close()


def wait_matched(database: Path | str, seconds: float) -> tuple[int, float]:
    """(tips still waiting, seconds waited) once none waits or ``seconds`` have passed."""
    started = time.perf_counter()
    while True:
        left = waiting(database)
        elapsed = time.perf_counter() - started
        if not left or elapsed > seconds:
            return left, elapsed
        time.sleep(0.25)


# ---------------------------------------------------------------------------- load


@dataclass
class Job:
    key: str
    body: bytes
    replay_of: str | None = None  # the key of the original, for a replay

    @property
    def request(self) -> bytes:
        return (f"POST /api/v1/tips HTTP/1.1\r\nHost: camtan.localhost\r\n"
                f"Content-Type: application/json\r\nIdempotency-Key: {self.key}\r\n"
                f"Content-Length: {len(self.body)}\r\n\r\n").encode() + self.body


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    receipts: dict[str, str] = field(default_factory=dict)  # key → receipt of the original
    replay_receipts: list[tuple[str, str]] = field(default_factory=list)  # (key, receipt)
    connection_errors: int = 0
    retries: int = 0
    gave_up: int = 0
    not_sent: int = 0
    kills: int = 0
    seconds: float = 0.0
    client_cpu: float = 0.0  # user + system seconds of this process (the load generator)


def make_jobs(count: int, rng: random.Random, run: str) -> tuple[list[Job], list[Job], list[Job]]:
    """(originals, replays sent with their original, replays sent after the acknowledgment)."""
    originals = []
    for n in range(count):
        text = f"Tin báo {run}-{n}: {_text(rng)}."
        payload = {"commune": str(COMMUNE_CODE), "text": text, "platform": "facebook",
                   "links": [f"https://www.facebook.com/bai-viet/{run}-{n}-{uuid.uuid4().hex}"]}
        originals.append(Job(str(uuid.uuid4()), json.dumps(payload).encode()))
    replays = [Job(job.key, job.body, replay_of=job.key) for job in originals[::10]]
    return originals, replays[::2], replays[1::2]


class Connection:
    """One keep-alive HTTP/1.1 connection on asyncio streams: one thread serves every client,
    so an answer is timed when it arrives (200 client threads took turns at the interpreter
    lock, and the wait for a turn was counted as the server's latency). Requests are written as
    prepared bytes; answers are read by their Content-Length, which Django's CommonMiddleware
    always sets."""

    def __init__(self, port: int):
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, job: Job) -> tuple[int, bytes]:
        try:
            return await asyncio.wait_for(self._post(job), timeout=60)
        except BaseException:
            self.close()
            raise

    async def _post(self, job: Job) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        self.writer.write(job.request)
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        status_line, *lines = head.split("\r\n")
        headers = {name.strip().lower(): value.strip()
                   for name, _, value in (line.partition(":") for line in lines if line)}
        if "content-length" not in headers:
            raise ProtocolError(f"no Content-Length: {status_line}")
        body = await self.reader.readexactly(int(headers["content-length"]))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return int(status_line.split()[1]), body

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class ProtocolError(ValueError):
    pass


INTEGRITY_NA = "n/a (PostgreSQL)"  # PRAGMA integrity_check is SQLite's
# A reset or closed connection (a killed worker), a time-out, an answer cut short.
CONNECTION_ERRORS = (ConnectionError, EOFError, TimeoutError, OSError, ValueError)


async def send(connection: Connection, job: Job, results: Results, *, retry: bool) -> None:
    """One submission until it is answered; its latency runs from the first attempt to the
    answer, retries included."""
    attempts = 0
    started = time.perf_counter()
    while True:
        attempts += 1
        try:
            status, data = await connection.post(job)
        except CONNECTION_ERRORS:
            results.connection_errors += 1
            if retry and attempts < 20:
                results.retries += 1
                await asyncio.sleep(min(0.05 * attempts, 0.5))
                continue
            results.gave_up += 1
            return
        results.latencies.append(time.perf_counter() - started)
        results.statuses[status] = results.statuses.get(status, 0) + 1
        if status in (200, 201):
            receipt = json.loads(data)["receipt"]
            if job.replay_of:
                results.replay_receipts.append((job.key, receipt))
            else:
                results.receipts[job.key] = receipt
            return
        if status >= 500 and retry and attempts < 20:
            results.retries += 1
            await asyncio.sleep(0.1)
            continue
        return


def run_load(port: int, jobs: tuple[list[Job], list[Job], list[Job]], clients: int,
             seconds: float, server: Server | None = None,
             kill_task_worker=None) -> Results:
    """``clients`` concurrent clients take jobs in order until none is left or time is up.
    With ``server``, a killer SIGKILLs one worker every ~2 s and clients retry; it calls
    ``kill_task_worker`` once, after a third of the originals were acknowledged."""
    return asyncio.run(_run_load(port, jobs, clients, seconds, server, kill_task_worker))


async def _run_load(port, jobs, clients, seconds, server, kill_task_worker) -> Results:
    originals, together, after = jobs
    results = Results()
    work: collections.deque[Job] = collections.deque()
    with_original = {job.key: job for job in together}
    for job in originals:
        work.append(job)
        if job.key in with_original:
            work.append(with_original[job.key])  # taken by the next free client, at once
    later = {job.key: job for job in after}
    deadline = time.monotonic() + seconds
    crash = server is not None

    async def client_loop():
        connection = Connection(port)
        while work and time.monotonic() < deadline:
            job = work.popleft()
            await send(connection, job, results, retry=crash)
            replay = later.pop(job.key, None) if not job.replay_of else None
            if replay is not None and job.key in results.receipts:
                work.append(replay)
        connection.close()

    async def killer():
        rng = random.Random(7)  # noqa: S311 - not for security
        task_worker_killed = kill_task_worker is None
        while True:
            await asyncio.sleep(2.0)
            if not task_worker_killed and len(results.receipts) > len(originals) / 3:
                await asyncio.to_thread(kill_task_worker)
                task_worker_killed = True
            pids = server.workers()
            if pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(rng.choice(pids), signal.SIGKILL)
                    results.kills += 1

    started = time.perf_counter()
    cpu = os.times()
    killing = asyncio.create_task(killer()) if crash else None
    await asyncio.gather(*(client_loop() for _ in range(clients)))
    if killing:
        killing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await killing
    results.seconds = time.perf_counter() - started
    results.client_cpu = sum(os.times()[:2]) - sum(cpu[:2])
    results.not_sent = len(work) + len(later)
    return results


# ---------------------------------------------------------------------------- checks


def database_checks(database: Path | str, results: Results) -> dict:
    connection = connect(database)
    try:
        stored = dict(connection.execute(
            "SELECT idempotency_key, receipt FROM cases_tip WHERE idempotency_key LIKE 'api:%'"
        ).fetchall())
        duplicates = connection.execute(
            "SELECT COUNT(*) FROM (SELECT idempotency_key FROM cases_tip "
            "WHERE idempotency_key != '' GROUP BY commune_id, idempotency_key "
            "HAVING COUNT(*) > 1) AS keys").fetchone()[0]
        integrity = (connection.execute("PRAGMA integrity_check").fetchone()[0]
                     if isinstance(connection, sqlite3.Connection) else INTEGRITY_NA)
    finally:
        connection.close()
    lost = [key for key, receipt in results.receipts.items()
            if stored.get(f"api:{key}") != receipt]
    mismatched = [key for key, receipt in results.replay_receipts
                  if stored.get(f"api:{key}") != receipt]
    return {"lost": len(lost), "duplicates": duplicates, "replay_mismatch": len(mismatched),
            "integrity": integrity, "stored": len(stored)}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def report(title: str, results: Results, checks: dict) -> list[str]:
    lat = results.latencies
    five = sum(count for status, count in results.statuses.items() if status >= 500)
    lines = [
        f"== {title}",
        f"  requests answered   {len(lat)} in {results.seconds:.1f} s "
        f"({len(lat) / results.seconds:.0f}/s); statuses {dict(sorted(results.statuses.items()))}",
        f"  acknowledged        {len(results.receipts)} originals, "
        f"{len(results.replay_receipts)} replays",
        f"  latency             p50 {percentile(lat, 50) * 1000:.0f} ms · "
        f"p95 {percentile(lat, 95) * 1000:.0f} ms · p99 {percentile(lat, 99) * 1000:.0f} ms · "
        f"max {max(lat, default=0) * 1000:.0f} ms · mean {statistics.fmean(lat) * 1000:.0f} ms"
        if lat else "  latency             (none)",
        f"  5xx                 {five}",
        f"  load generator CPU  {results.client_cpu:.1f} s "
        f"({results.client_cpu / results.seconds:.0%} of one core)",
        f"  connection errors   {results.connection_errors} (retried {results.retries}, "
        f"gave up {results.gave_up}); workers killed {results.kills}",
        f"  not sent (time up)  {results.not_sent}",
        f"  lost                {checks['lost']}",
        f"  duplicates          {checks['duplicates']} (keys stored twice); replays answered "
        f"with another receipt {checks['replay_mismatch']}",
        f"  tips stored         {checks['stored']} (API, cumulative)",
    ]
    if "integrity" in checks:
        lines.append(f"  integrity_check     {checks['integrity']}")
    return lines


# ---------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--tips", type=int, default=2000)
    parser.add_argument("--run-seconds", type=float, default=75)
    parser.add_argument("--budget", type=float, default=240,
                        help="seconds for the whole script; the runs are shortened to fit")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite",
                        help="postgresql: a throw-away cluster of scripts/postgres.sh "
                             "(fsync off: process crashes only)")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.prepare:
        prepare()
        return 0
    url = os.environ.get("DATABASE_URL", "")
    if options.database == "postgresql" and not url.startswith("postgres"):
        return subprocess.run(  # noqa: S603 - fixed argument list
            [str(ROOT / "scripts" / "postgres.sh"), sys.executable, __file__, *sys.argv[1:]],
            cwd=ROOT, check=False).returncode

    wall = time.perf_counter()
    data_dir = Path(tempfile.mkdtemp(prefix="ttdn-load-"))
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS")}
    if options.database == "postgresql":
        env["DATABASE_URL"] = url
    env.update(
        DJANGO_SETTINGS_MODULE="cases_load_settings",
        PYTHONPATH=os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")])),
        TTDN_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1",
    )
    (data_dir / "static").mkdir()
    try:
        print(f"Preparing {data_dir} (migrate, cache table, areas, Cẩm Tân)…", flush=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--prepare"], env=env, cwd=ROOT,  # noqa: S603
                       check=True)
        print(f"  ready in {time.perf_counter() - started:.1f} s", flush=True)
        database = url if options.database == "postgresql" else data_dir / "ttdn.sqlite3"
        rng = random.Random(2026)  # noqa: S311 - reproducible load
        engine = ("PostgreSQL" if options.database == "postgresql"
                  else "SQLite WAL, IMMEDIATE")
        lines = [f"gunicorn gthread: {options.workers} workers × {options.threads} threads; "
                 f"{options.clients} clients; {options.tips} tips + 10% replays per run; "
                 f"{engine}; {os.cpu_count()} CPU"]
        failed = False

        server = start_server(env, options.workers, options.threads, data_dir)
        worker = start_worker(env, data_dir, "load")
        single = run_load(server.port, make_jobs(50, rng, "single"), 1, 30)
        p50, p95 = (percentile(single.latencies, q) * 1000 for q in (50, 95))
        lines.append(f"== One client, 50 requests (service time): p50 {p50:.0f} ms · "
                     f"p95 {p95:.0f} ms")
        print(f"Run 1 — load ({options.clients} clients)…", flush=True)
        left = options.budget - (time.perf_counter() - wall)
        load = run_load(server.port, make_jobs(options.tips, rng, "load"), options.clients,
                        max(10.0, min(options.run_seconds, (left - 60) / 2)))
        behind = waiting(database)
        unmatched, drained = wait_matched(database, 60)
        stop_worker(worker)
        stop_server(server)
        checks = database_checks(database, load)
        lines += report("Run 1 — load", load, checks)
        lines.append(f"  matching (worker)   {behind} tips waiting at the last answer, "
                     f"{'all' if not unmatched else f'{unmatched} still not'} matched "
                     f"{drained:.1f} s later")
        five = sum(count for status, count in load.statuses.items() if status >= 500)
        failed |= bool(checks["lost"] or checks["duplicates"] or checks["replay_mismatch"]
                       or five or load.gave_up or unmatched
                       or checks["integrity"] not in ("ok", INTEGRITY_NA))

        server = start_server(env, options.workers, options.threads, data_dir)
        workers = [start_worker(env, data_dir, "crash-1")]

        def kill_task_worker():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(workers[-1].pid, signal.SIGKILL)
            workers[-1].wait(timeout=10)
            workers.append(start_worker(env, data_dir, "crash-2"))

        print("Run 2 — load while a worker is killed (SIGKILL) every ~2 s…", flush=True)
        left = options.budget - (time.perf_counter() - wall)
        crash = run_load(server.port, make_jobs(options.tips, rng, "crash"), options.clients,
                         max(10.0, min(options.run_seconds, left - 50)), server=server,
                         kill_task_worker=kill_task_worker)
        behind = waiting(database)
        after_worker, drained = wait_matched(database, 30)
        stop_worker(workers[-1])
        stop_server(server)
        # The sweep docs/operations.md runs from cron: tips a killed worker left waiting.
        sweep = subprocess.run(
            [sys.executable, "-m", "django", "cases", "match-pending", "--min-age", "0"],
            env=env, cwd=ROOT, capture_output=True, text=True, check=False)
        unmatched = waiting(database)
        checks = database_checks(database, crash)
        lines += report("Run 2 — kill -9 of workers", crash, checks)
        lines.append(f"  matching (worker)   task worker killed {len(workers) - 1}×; {behind} tips "
                     f"waiting at the last answer, {after_worker} still waiting {drained:.1f} s "
                     f"later; the sweep: {sweep.stdout.strip() or sweep.stderr.strip()[-300:]}; "
                     f"unmatched after it: {unmatched}")
        failed |= bool(checks["lost"] or checks["duplicates"] or checks["replay_mismatch"]
                       or checks["integrity"] not in ("ok", INTEGRITY_NA) or unmatched
                       or sweep.returncode)

        print("\n".join(lines))
        print(f"Total {time.perf_counter() - wall:.0f} s. Data directory and server logs: "
              f"{'kept in ' + str(data_dir) if failed else 'removed'}")
        if failed:
            print("FAILED: see the figures above.")
            return 1
        return 0
    finally:
        if not locals().get("failed", True):
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
