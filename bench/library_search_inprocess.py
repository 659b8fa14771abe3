"""Library search latency measured in process, on the demo database DATABASE_URL points at.

    DATABASE_URL=sqlite:////tmp/lib10.sqlite3 .venv/bin/python bench/library_search_inprocess.py
    DATABASE_URL=postgres://... .venv/bin/python bench/library_search_inprocess.py --repeats 30

Build the database with `menengage demo --scale 10` first. Each query is served by the library
page through Django's test client (every middleware, the template, no network), warmed up, then
timed REPEATS times; the search selector alone is timed too. Prints the median and the 95th
percentile in milliseconds, the number of hits, and whether the budget is kept.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

BUDGET_MS = 50
QUERIES = {
    # An author's surname: a few dozen resources.
    "selective word": "mwangi",
    # In the boilerplate of every demo resource's body.
    "commonest word": "menengage",
    # In the titles of thousands of resources in every language.
    "common title word": "gender",
    "three words": "gender violence schools",
    "no query (browse)": "",
    "arabic, marked": "الْمَدْرَسَةُ",
}


def p95(samples):
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def timed(call, repeats):
    """Wall-clock and this process's CPU milliseconds of each call. On a busy shared machine
    the CPU time (SQLite runs in this process) is the closer guess at an idle machine's."""
    for _ in range(3):
        call()
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return walls, cpus


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--language", default="en")
    args = parser.parse_args()

    import django
    from django.conf import settings

    # No collected static files needed: the page links to them, they are not served here.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    django.setup()
    from django.db import connection
    from django.test import Client

    from menengage.library import selectors

    client = Client()
    print(f"{connection.vendor}, {args.repeats} repeats, milliseconds")
    print(
        f"{'query':<20} {'hits':>6} {'page p50':>9} {'page p95':>9} {'cpu p95':>8} "
        f"{'select p95':>11}  budget"
    )
    failed = False
    for name, q in QUERIES.items():
        url = f"/{args.language}/library/"

        def page(q=q, url=url):
            response = client.get(url, {"q": q})
            assert response.status_code == 200, response.status_code

        def select(q=q):
            return selectors.resource_search(q=q)

        hits = select().total
        pages, page_cpus = timed(page, args.repeats)
        selects, _cpus = timed(select, args.repeats)
        ok = p95(pages) < BUDGET_MS
        failed |= not ok
        print(
            f"{name:<20} {hits:>6} {statistics.median(pages):>9.1f} {p95(pages):>9.1f} "
            f"{p95(page_cpus):>8.1f} {p95(selects):>11.1f}  {'ok' if ok else 'OVER'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
