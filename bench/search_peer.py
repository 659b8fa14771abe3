"""The library search against Wagtail's own database search backend, over the same resources.

Run by bench/run.py on each database it measures (`python bench/search_peer.py OUT.json`, with
DATABASE_URL set): indexes every resource into Wagtail's backend (the library's model seen
through the bench-only proxy bench.peers.BenchResource), then times the same queries through
the library's selector and through Wagtail, interleaved, in one process. Both sides do what
their page does: a page of 20 results and the number of hits (the library also counts facets),
over published resources only, and the library searches afresh each time (what it keeps of a
search for the next page is forgotten before each round). A search still running after
BENCH_SEARCH_CAP seconds is stopped and counted at the cap, so the ratio printed for it is a
lower bound.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = {
    "selective word": "mwangi",
    # In the text of every demo resource.
    "commonest word": "menengage",
    "three words": "positive parenting toolkit",
}
ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "20"))
# A slow side stops a query's rounds early (after at least MIN_ROUNDS): seconds per query.
SECONDS_PER_QUERY = float(os.environ.get("BENCH_SEARCH_SECONDS", "60"))
MIN_ROUNDS = 3
# One search that runs longer is stopped and counted as taking this long (a lower bound).
CAP_SECONDS = float(os.environ.get("BENCH_SEARCH_CAP", "20"))
PAGE = 20
CHUNK = 1000


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def index_into_wagtail(model, backend):
    """Every resource into Wagtail's index, as its `update_index` command does (in chunks)."""
    index = backend.get_index_for_model(model)
    pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    for start in range(0, len(pks), CHUNK):
        chunk = list(model.objects.filter(pk__in=pks[start : start + CHUNK]))
        index.add_items(model, chunk)
    return len(pks), time.perf_counter() - started


def statement_cap(connection, seconds):
    """Stop any one statement after `seconds`; returns the function that starts its clock."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
        return lambda: None
    deadline = [float("inf")]
    # SQLite calls this every 100,000 virtual machine steps; a true answer interrupts.
    connection.connection.set_progress_handler(lambda: time.perf_counter() > deadline[0], 100_000)

    def start():
        deadline[0] = time.perf_counter() + seconds

    return start


def main(out):
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.db import OperationalError, connection
    from django.utils import translation
    from wagtail.search.backends import get_search_backend

    from bench.peers.models import BenchResource
    from menengage.core import versions
    from menengage.library import search
    from menengage.library.models import Resource
    from menengage.library.selectors import resource_search

    translation.activate("en")
    backend = get_search_backend()
    count, took = index_into_wagtail(BenchResource, backend)
    print(f"wagtail: indexed {count} resources in {took:.0f} s ({connection.vendor})", flush=True)
    published = BenchResource.objects.filter(status=Resource.Status.PUBLISHED)

    def ours(q):
        found = resource_search(q=q, limit=PAGE)
        return found.total, [resource.pk for resource in found.resources]

    def forget_kept_searches():
        # The library keeps a search's ranked candidates for the next page of the same words
        # (library.selectors); Wagtail keeps nothing. Each round of ours searches afresh, as
        # the first visitor to ask for these words after a change to the library does.
        versions.replace(search.INDEX_VERSION)

    def wagtails(q):
        results = backend.search(q, published)
        return results.count(), [resource.pk for resource in results[:PAGE]]

    start_clock = statement_cap(connection, CAP_SECONDS)
    rows = []
    for name, q in QUERIES.items():
        timings = {"ours": [], "wagtail": []}
        hits, capped = {}, set()
        began = time.perf_counter()
        for round_number in range(ROUNDS + 1):
            for side, searching in (("ours", ours), ("wagtail", wagtails)):
                if side == "ours":
                    forget_kept_searches()
                start_clock()
                started = time.perf_counter()
                try:
                    hits[side], _page = searching(q)
                    elapsed = (time.perf_counter() - started) * 1000
                except OperationalError:
                    # Stopped at the cap: counted as the cap, so the ratio is a lower bound.
                    capped.add(side)
                    hits.setdefault(side, None)
                    elapsed = CAP_SECONDS * 1000
                timings[side].append(elapsed)
            spent = time.perf_counter() - began
            if round_number >= MIN_ROUNDS and spent > SECONDS_PER_QUERY or capped:
                break
        if len(timings["ours"]) > 1:
            # The first round warmed the caches of both.
            timings = {side: values[1:] for side, values in timings.items()}
        row = {"query": name, "q": q, "hits": hits, "rounds": len(timings["ours"])}
        row["stopped_at_cap"] = sorted(capped)
        for side, values in timings.items():
            row[f"{side}_p50_ms"] = round(statistics.median(values), 1)
            row[f"{side}_p95_ms"] = round(percentile(values, 0.95), 1)
        # How many times longer Wagtail takes than the library (above 1: the library is ahead).
        row["ratio"] = round(row["wagtail_p50_ms"] / max(row["ours_p50_ms"], 0.01), 2)
        rows.append(row)
        print(
            f"  {name:<16} {q!r:<30} ours {row['ours_p50_ms']:>7} ms  wagtail "
            f"{row['wagtail_p50_ms']:>7} ms{' (cap)' if capped else ''}  x{row['ratio']}  "
            f"hits {hits}",
            flush=True,
        )
    result = {"indexed": count, "index_seconds": round(took, 1), "queries": rows}
    Path(out).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
