"""Queries and time of "Nhiệm vụ của đơn vị tôi" (/admin/tasks/mine/) as a unit's tasks grow.

    python3 -m uv run python benchmarks/my_tasks_queries.py

An in-memory SQLite test database gets the demo (Cẩm Tân, its units and accounts, the seed
plan, in which "Thôn Mẫu Một" leads 4 tasks). More tasks led by that village are then added
with ``bulk_create`` — each with two coordinating units, a third of them with progress recorded
for the current period — until it leads 4, 40, 400 and 2000. At each size the village head
(``camtan.thon1``, signed in with ``force_login``) opens the screen through django.test.Client:
one request counts the queries, then the median of N requests gives the time.

The query count must not depend on the number of tasks; the script says so and exits 1 if it
does.
"""

from __future__ import annotations

import statistics
import sys
import time

from _setup import demo_database  # first: sets Django up
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

SIZES = (4, 40, 400, 2000)
RUNS = {4: 20, 40: 20, 400: 10, 2000: 5}
VILLAGE = "Thôn Mẫu Một"
URL = "/admin/tasks/mine/"


def grow_to(size, *, plan, village, helpers, today):
    """Add tasks led by the village until it leads ``size`` of them."""
    from ttdn.plans.models import Task, TaskOccurrence, TaskStatus

    have = Task.objects.filter(lead_unit=village).count()
    if size <= have:
        return
    start = Task.objects.filter(plan=plan).count()
    tasks = Task.objects.bulk_create([
        Task(plan=plan, commune_id=plan.commune_id, lead_unit=village, position=start + n,
             text=f"Nhiệm vụ bổ sung số {start + n}: tuyên truyền, vận động Nhân dân thôn "
                  f"thực hiện nội dung thông tin đối ngoại năm {today.year}")
        for n in range(size - have)
    ])
    through = Task.coordinating_units.through
    through.objects.bulk_create([
        through(task_id=task.pk, unit_id=helpers[(i + k) % len(helpers)].pk)
        for i, task in enumerate(tasks) for k in range(2)
    ])
    TaskOccurrence.objects.bulk_create([
        TaskOccurrence(task=task, period=task.period_key(today),
                       status=TaskStatus.IN_PROGRESS, progress=10 * (i % 10))
        for i, task in enumerate(tasks) if i % 3 == 0
    ])


def main() -> int:
    wall = time.perf_counter()
    print("Preparing the test database (migrate, Thanh Hóa's areas, demo)…", flush=True)
    started = time.perf_counter()
    demo_database()
    print(f"  ready in {time.perf_counter() - started:.1f} s", flush=True)

    from ttdn.org.models import Unit, User
    from ttdn.plans.models import Plan, Task

    head = User.objects.get(username="camtan.thon1")
    village = Unit.objects.get(commune__area__code=15178, name=VILLAGE)
    plan = Plan.objects.filter(commune=village.commune).earliest("created_at")
    helpers = list(Unit.objects.filter(commune=village.commune, kind="mass_organisation"))
    client = Client()
    client.force_login(head)
    today = timezone.localdate()

    rows = []
    for size in SIZES:
        grow_to(size, plan=plan, village=village, helpers=helpers, today=today)
        led = Task.objects.filter(lead_unit=village).count()
        client.get(URL)  # warm-up (template loading, caches)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL)
        # Read now: the next request's request_started signal empties the query log.
        queries = len(captured.captured_queries)
        if response.status_code != 200:
            print(f"{URL} answered {response.status_code} at {size} tasks", file=sys.stderr)
            return 1
        shown = response.content.decode().count("data-ttdn-task=")
        times = []
        for _ in range(RUNS[size]):
            started = time.perf_counter()
            client.get(URL)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        rows.append((led, shown, queries, RUNS[size], median))
        print(f"  {led} tasks: {queries} queries, "
              f"{median * 1000:.1f} ms", flush=True)

    header = f"{'tasks led':>9} {'rows shown':>10} {'queries':>7} {'runs':>4} " \
             f"{'median ms':>10} {'ms/task':>8}"
    print("\n" + header)
    print("-" * len(header))
    for led, shown, queries, runs, median in rows:
        print(f"{led:>9} {shown:>10} {queries:>7} {runs:>4} {median * 1000:>10.1f} "
              f"{median * 1000 / shown:>8.3f}")
    counts = {queries for _led, _shown, queries, _runs, _median in rows}
    (led_small, shown_small, *_rest, t_small), (led_big, shown_big, *_rest2, t_big) = (
        rows[0], rows[-1])
    print(f"\nTime ratio {led_big}/{led_small} tasks: ×{t_big / t_small:.1f} for ×"
          f"{shown_big / shown_small:.1f} rows; each extra row costs "
          f"{(t_big - t_small) * 1000 / (shown_big - shown_small):.3f} ms")
    print(f"Total wall time: {time.perf_counter() - wall:.0f} s")
    if len(counts) == 1:
        print(f"Query count constant: {counts.pop()} queries at every size.")
        return 0
    print(f"Query count NOT constant: {sorted(counts)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
