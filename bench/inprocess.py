"""One page timed in process, with its queries: where a page's milliseconds go.

    DATABASE_URL=sqlite:////work/main/var/bench-scale10.sqlite3 \
        .venv/bin/python bench/inprocess.py /en/networks/ /en/members/?q=fathers [--profile]

Serves each path through Django's test client (every middleware and the template, no network,
no gunicorn) on the database DATABASE_URL names (build one with `menengage demo --scale 10`, or
reuse `make bench`'s var/bench-scale10.sqlite3), warmed up, then timed REPEATS times. Prints the
median, the 95th percentile and the CPU time in milliseconds, the number of queries, and the
slowest queries of one request; with --profile, the functions where the time goes. Pages are
drawn each time, not served from the copies kept for anonymous visitors (--kept serves those).
`make bench` says which page is slow; this says why.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DEBUG", "false")


def p95(samples):
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument(
        "--all", action="store_true", help="every page `make bench` measures, by CPU ratio"
    )
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--queries", type=int, default=5, help="slowest queries to show")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--kept", action="store_true", help="serve the copies kept for anonymous visitors"
    )
    args = parser.parse_args()

    import django
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if not args.kept:
        settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # each page drawn: where its time goes
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from menengage.core.warmup import warm

    warm()  # as a gunicorn worker does before its first visitor (config.wsgi)

    client = Client()
    print(f"{connection.vendor}, {args.repeats} repeats, milliseconds")
    if args.all:
        return rank_every_page(client, args.repeats)
    for path in args.paths:
        for _warm in range(3):
            response = client.get(path)
        walls, cpus = [], []
        for _repeat in range(args.repeats):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            cpus.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        print(
            f"\n{path}  status {response.status_code}  p50 {statistics.median(walls):.1f}  "
            f"p95 {p95(walls):.1f}  cpu p50 {statistics.median(cpus):.1f}  "
            f"queries {len(captured.captured_queries)} "
            f"({sum(float(query['time']) for query in captured.captured_queries) * 1000:.1f})"
        )
        slowest = sorted(captured.captured_queries, key=lambda query: -float(query["time"]))
        for query in slowest[: args.queries]:
            print(f"  {float(query['time']) * 1000:7.1f}  {query['sql'][:300]}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _repeat in range(5):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    return 0


def cpu_ms(client, path, repeats):
    for _warm in range(2):
        client.get(path)
    cpus = []
    for _repeat in range(repeats):
        cpu = time.process_time()
        client.get(path)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(cpus)


def rank_every_page(client, repeats):
    """Every page of `make bench`, its CPU milliseconds next to the floor's, highest first."""
    import json

    from bench import run

    def get_json(path):
        return json.loads(client.get(path).content)

    paths = run.all_pages() + run.samples(get_json)
    rows = []
    for path in paths:
        floor = cpu_ms(client, run.FLOOR, repeats)
        rows.append((cpu_ms(client, path, repeats) / floor, path, floor))
    for ratio, path, floor in sorted(rows, reverse=True):
        print(f"  x{ratio:5.1f}  {ratio * floor:6.1f} ms  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
