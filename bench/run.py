"""`make bench`: latency, throughput and page weight of every public page at --scale 10, each
measured against the floor, and the library search and the directory against their peers.

Set BENCH_DATABASES (sqlite,postgresql), BENCH_ONLY (substrings of the paths, comma-separated)
and BENCH_SCALE (1 for a quick look) to measure less; BENCH_REUSE=1 measures the last SQLite
database again rather than building it, and BENCH_POSTGRES (a database URL) measures an
existing PostgreSQL demo instead of building one in a throwaway cluster. Builds a demo database
ten times the real Alliance, serves it with gunicorn as production does (with the bench-only
settings, bench/settings.py, which add the floor and the peers), and measures each page with a
small keep-alive load generator on loopback.

Absolute milliseconds on a shared machine vary by a third from run to run, so each page's
requests are interleaved with requests for the floor (/_floor/: the base template through the
same middleware, no query of its own), and the page is judged by its ratio to the floor as well
as by its p95. Each page is weighed with its stylesheets, scripts and images, compressed as
served. Then the library search is timed against Wagtail's database search backend
(bench/search_peer.py) and the directory against a plain `ListView` (bench.peers.views).

Pages are served as visitors get them: a page drawn for an anonymous visitor is kept by each
server until a write changes the content (menengage.core.page_cache). Each page is also measured
drawn afresh, as the first visitor after a change gets it (its `drawn` figures), against the same
floor, which is always drawn; the directory's peer is set against ours drawn afresh.

Prints a table per database and a short summary, and writes bench/results/latest.json. Exits 1
when a page breaks a budget or the library search is not ahead of Wagtail's.
"""

import contextlib
import gzip
import http.client
import importlib
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MENENGAGE = str(Path(sys.executable).parent / "menengage")
# BENCH_SQLITE lets two benches run side by side without removing each other's database.
SCALE = int(os.environ.get("BENCH_SCALE", "10"))
DATABASE = Path(os.environ.get("BENCH_SQLITE", ROOT / "var" / f"bench-scale{SCALE}.sqlite3"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))
BUDGET_P95_MS = 50
# A page may cost at most this many floors (at p95, measured in the same window).
BUDGET_FLOOR_RATIO = 4
BUDGET_WEIGHT_BYTES = 50 * 1024
FLOOR = "/_floor/"
# A page as the first visitor after a change gets it: drawn, not the copy a server kept
# (core.page_cache). A session cookie (naming no session: the visitor is still anonymous) is
# what makes a server draw the page; such requests are "drawn " + the path here.
DRAWN = "drawn "
DRAWN_COOKIE = "sessionid=bench-no-such-session"
# The directory's searches, each next to the same query in a plain ListView (bench.peers).
DIRECTORY_PEERS = {
    f"/en/members/{query}": f"/_peer/members/{query}"
    for query in ("?q=fathers", "?region=africa&kind=ngo&theme=hiv")
}

PAGES = [
    "/en/",
    "/es/",
    "/fr/",
    "/pt/",
    "/en/about/",
    "/en/what-we-believe/",
    "/en/core-principles/",
    "/en/stories/",
    "/en/stories/fathers-groups-in-the-highlands/",
    "/en/networks/",
    "/es/networks/",
    "/en/networks/africa/",
    "/en/networks/kenya/",
    "/en/accounts/sign-in/",
    "/api/v1/networks",
    "/api/v1/networks?kind=country&region=africa&sort=-members",
    "/api/v1/networks/africa",
    "/en/accountability/",
    "/en/join/",
    "/en/members/",
    "/en/members/?q=fathers",
    "/en/members/?region=africa&kind=ngo&theme=hiv",
    "/fr/members/?language=fr&sort=-name&page=3",
    "/api/v1/organisations",
    "/api/v1/organisations?q=juventud&region=latin-america",
    "/en/transparency/",
    "/en/transparency/2024/",
    "/pt/transparency/2023/",
    "/en/transparency/2024/data.csv",
    "/api/v1/transparency/years",
    "/api/v1/transparency/iati/organisation.xml",
    "/api/v1/transparency/iati/activities.xml",
]


def app_benches():
    """The `bench` module of every app that has one: its PAGES, BUDGETS and samples()."""
    modules = []
    for folder in sorted((ROOT / "menengage").iterdir()):
        if (folder / "bench.py").exists():
            modules.append(importlib.import_module(f"menengage.{folder.name}.bench"))
    return modules


def all_pages():
    pages = list(PAGES)
    for module in app_benches():
        pages += getattr(module, "PAGES", [])
    return pages


def budget_for(path):
    """p95 budget of a page in ms: 50 unless an app's BUDGETS says otherwise for it."""
    for module in app_benches():
        if path in getattr(module, "BUDGETS", {}):
            return module.BUDGETS[path]
    return BUDGET_P95_MS


def ratio_budget_for(path):
    """How many floors a page may cost: 4, or as many more as an app's BUDGETS allows it."""
    return BUDGET_FLOOR_RATIO * budget_for(path) / BUDGET_P95_MS


def sample_paths(port):
    """Pages that need a real row of the demo, read from the server on `port`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def get_json(path):
        _status, body, _encoding = fetch(connection, path, gzip_ok=False)
        return json.loads(body)

    return samples(get_json)


def samples(get_json):
    """Pages that need a real row of the demo: one organisation's page and API entry, and
    whatever each app's `samples(get_json)` picks (`get_json(path)` reads the API)."""
    first = get_json("/api/v1/organisations?limit=1")["items"][0]
    paths = [first["url"], f"/api/v1/organisations/{first['id']}"]
    for module in app_benches():
        if hasattr(module, "samples"):
            paths += module.samples(get_json)
    return paths


def environment(database_url, bench_settings=False):
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "false"}
    if bench_settings:
        # The floor and the peers exist only for the bench's server (bench/settings.py).
        env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def postgres_database():
    """A throwaway PostgreSQL cluster with an empty database; (url, stop) or None."""
    from menengage.testing.postgres import server_binaries, start_cluster

    if server_binaries() is None:
        return None
    url, stop = start_cluster()
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute("CREATE DATABASE menengage")
    return url, stop


def prepare(database_url):
    env = environment(database_url)
    if database_url.startswith("sqlite:"):
        # The file the test suite migrated for this schema (menengage.testing.database).
        from menengage.testing.database import sqlite_migrated_for_run

        migrated = sqlite_migrated_for_run()
        if migrated:
            shutil.copyfile(migrated, DATABASE)
    subprocess.run([MENENGAGE, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([MENENGAGE, "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [MENENGAGE, "demo", "--scale", str(SCALE)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port, database_url):
    process = subprocess.Popen(
        [MENENGAGE, "serve", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environment(database_url, bench_settings=True),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Two workers start on a shared, busy machine.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def stop_server(process):
    """Stop gunicorn; a busy machine can keep its graceful shutdown past a few seconds, and a
    slow goodbye must not throw away the figures measured."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def fetch(connection, path, gzip_ok=True):
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    if path.startswith(DRAWN):
        path, headers["Cookie"] = path.removeprefix(DRAWN), DRAWN_COOKIE
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    return response.status, body, response.getheader("Content-Encoding")


def load(port, paths):
    """{path: (latencies in ms, errors)} for REQUESTS requests of each of `paths`, taken in
    turn (page, floor, page, floor...) by CONCURRENCY connections at a time, so every path is
    measured under the same load; and the requests per second of the first path."""
    found = {path: ([], []) for path in paths}
    lock = threading.Lock()
    per_worker = REQUESTS // CONCURRENCY
    busy = [0.0]

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for _warm in range(10):
            for path in paths:
                fetch(connection, path)
        for _request in range(per_worker):
            for path in paths:
                started = time.perf_counter()
                status, _body, _encoding = fetch(connection, path)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    found[path][0].append(elapsed)
                    if status != 200:
                        found[path][1].append(status)
                    if path == paths[0]:
                        busy[0] += elapsed / 1000

    threads = [threading.Thread(target=worker) for _thread in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Requests per second of the first path alone: its requests over the time spent on them.
    throughput = len(found[paths[0]][0]) / max(busy[0], 1e-9) * CONCURRENCY
    return found, throughput


def weight(port, path):
    """Compressed bytes of the page and every asset it loads."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    _status, body, encoding = fetch(connection, path)
    html = gzip.decompress(body).decode() if encoding == "gzip" else body.decode()
    total = len(body)
    if not path.startswith("/api/"):
        # A lazy image is not part of the first load: the browser fetches it when it nears
        # the screen, and a <picture>'s sources are alternatives to its <img>, not additions.
        eager = re.sub(r"<img\b[^>]*\bloading=\"lazy\"[^>]*>", "", html)
        assets = re.findall(
            r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"', eager
        )
        for asset in assets:
            _status, asset_body, _encoding = fetch(connection, asset)
            total += len(asset_body)
    return total


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def figures(latencies):
    return {
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
    }


def measure_page(port, path, peer=None):
    """One page's row: its figures, the floor's in the same window, the ratio, the page drawn
    afresh (`drawn`: what it costs the first visitor after a change, against the same floor)
    and the peer's, which is set against the page drawn afresh, as the peer is never kept."""
    paths = [path, FLOOR, DRAWN + path] + ([peer] if peer else [])
    found, throughput = load(port, paths)
    latencies, errors = found[path]
    row = {"path": path, **figures(latencies)}
    row["floor_p95_ms"] = figures(found[FLOOR][0])["p95_ms"]
    row["floor_ratio"] = round(row["p95_ms"] / max(row["floor_p95_ms"], 0.01), 2)
    row["requests_per_second"] = round(throughput, 1)
    row["errors"] = len(errors) + len(found[FLOOR][1]) + len(found[DRAWN + path][1])
    row["weight_bytes"] = weight(port, path)
    row["drawn"] = figures(found[DRAWN + path][0])
    row["drawn"]["floor_ratio"] = round(row["drawn"]["p95_ms"] / max(row["floor_p95_ms"], 0.01), 2)
    if peer:
        peer_latencies, peer_errors = found[peer]
        row["peer"] = {"path": peer, **figures(peer_latencies), "errors": len(peer_errors)}
        # Above 1: the plain ListView takes longer than the site's page drawn afresh.
        row["peer"]["ratio"] = round(row["peer"]["p95_ms"] / max(row["drawn"]["p95_ms"], 0.01), 2)
    return row


def over_budget(row):
    """What a row breaks: its p95, its ratio to the floor, its weight, or errors."""
    broken = []
    if row["p95_ms"] > budget_for(row["path"]):
        broken.append(f"p95 over {budget_for(row['path'])} ms")
    if row["floor_ratio"] > ratio_budget_for(row["path"]):
        broken.append(f"over {ratio_budget_for(row['path']):g}x the floor")
    if row["weight_bytes"] > BUDGET_WEIGHT_BYTES:
        broken.append(f"over {BUDGET_WEIGHT_BYTES // 1024} KB")
    if row["errors"]:
        broken.append(f"{row['errors']} errors")
    return broken


def search_peer(database_url):
    """The library search against Wagtail's (bench/search_peer.py), in its own process."""
    out = Path(tempfile.mkdtemp(prefix="menengage-bench-")) / "search.json"
    print("\nlibrary search against Wagtail's database search backend:", flush=True)
    completed = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "search_peer.py"), str(out)],
        cwd=ROOT,
        env=environment(database_url, bench_settings=True),
        check=False,
    )
    if completed.returncode or not out.exists():
        return {"error": f"bench/search_peer.py exited with {completed.returncode}"}
    return json.loads(out.read_text())


def measure(database_url, reuse=False):
    """Rows of figures for every page, the paths over budget and the search peer, on one
    database."""
    if not reuse:
        prepare(database_url)
    port = free_port()
    server = start_server(port, database_url)
    rows, broken = [], {}
    try:
        only = os.environ.get("BENCH_ONLY", "").split(",")
        paths = all_pages() + sample_paths(port)
        for path in [path for path in paths if any(part in path for part in only)]:
            row = measure_page(port, path, DIRECTORY_PEERS.get(path))
            rows.append(row)
            if problems := over_budget(row):
                broken[path] = problems
            print(
                f"  {path[:62]:<62} p95 {row['p95_ms']:>6} floor {row['floor_p95_ms']:>5} "
                f"x{row['floor_ratio']:<5} drawn {row['drawn']['p95_ms']:>6} "
                f"x{row['drawn']['floor_ratio']:<5}"
                f"{'  ' + '; '.join(problems) if problems else ''}",
                flush=True,
            )
    finally:
        stop_server(server)
    peer = search_peer(database_url)
    for module in app_benches():
        for command in getattr(module, "COMMANDS", []):
            # Timings of work that is not a page (an app's `COMMANDS`), printed as they come.
            subprocess.run([MENENGAGE, *command], cwd=ROOT, env=environment(database_url))
    return rows, broken, peer


def report(name, rows, broken):
    print(
        f"\n{name} (drawn: the page drawn afresh, as the first visitor after a change gets it)"
        f"\n{'page':<50} {'p50':>6} {'p95':>6} {'floor':>6} {'ratio':>6} {'drawn':>6} "
        f"{'ratio':>6} {'req/s':>7} {'KB':>6}"
    )
    for row in rows:
        flag = f"  OVER: {'; '.join(broken[row['path']])}" if row["path"] in broken else ""
        print(
            f"{row['path'][:50]:<50} {row['p50_ms']:>6} {row['p95_ms']:>6} "
            f"{row['floor_p95_ms']:>6} {row['floor_ratio']:>6} {row['drawn']['p95_ms']:>6} "
            f"{row['drawn']['floor_ratio']:>6} {row['requests_per_second']:>7} "
            f"{row['weight_bytes'] / 1024:>6.1f}{flag}"
        )


def search_behind(peer):
    """The queries on which the library search is not ahead of Wagtail's (or the failure)."""
    if "error" in peer:
        return [peer["error"]]
    return [row["query"] for row in peer["queries"] if row["ratio"] <= 1]


def summary_table(results):
    """The short table `make bench` ends with."""
    title = "make bench: p95 in ms; ratio = the page's p95 / the floor's, same window"
    lines = ["", "=" * 78, title]
    for name, (rows, broken, peer) in results.items():
        floors = [row["floor_p95_ms"] for row in rows]
        worst = max(rows, key=lambda row: row["floor_ratio"], default=None)
        slowest = max(rows, key=lambda row: row["p95_ms"], default=None)
        lines.append(f"\n{name}: {len(rows)} pages, {len(broken)} over budget")
        if rows:
            lines.append(
                f"  floor p95 {statistics.median(floors):.1f} ms (median over the pages' windows)"
            )
            lines.append(
                f"  highest ratio  x{worst['floor_ratio']:<6} {worst['path'][:52]} "
                f"({worst['p95_ms']} ms)"
            )
            lines.append(f"  slowest p95    {slowest['p95_ms']:<7} {slowest['path'][:52]}")
            drawn = sorted(rows, key=lambda row: -row["drawn"]["floor_ratio"])
            over = [row for row in drawn if row["drawn"]["floor_ratio"] > BUDGET_FLOOR_RATIO]
            lines.append(
                f"  drawn afresh   {len(over)} pages over {BUDGET_FLOOR_RATIO}x the floor, "
                f"{sum(row['drawn']['p95_ms'] > BUDGET_P95_MS for row in rows)} over "
                f"{BUDGET_P95_MS} ms; highest x{drawn[0]['drawn']['floor_ratio']} "
                f"{drawn[0]['path'][:40]}"
            )
        for path, problems in broken.items():
            lines.append(f"  OVER BUDGET    {path[:52]}: {'; '.join(problems)}")
        for row in rows:
            if "peer" in row:
                lines.append(
                    f"  directory      {row['path'][12:][:30]:<30} ours drawn "
                    f"{row['drawn']['p95_ms']:>6} ListView {row['peer']['p95_ms']:>6}  "
                    f"x{row['peer']['ratio']}"
                )
        if "error" in peer:
            lines.append(f"  search peer    FAILED: {peer['error']}")
        for query in peer.get("queries", []):
            lines.append(
                f"  search         {query['query']:<16} {query['q'][:13]:<13} ours "
                f"{query['ours_p50_ms']:>6} Wagtail {query['wagtail_p50_ms']:>7}  "
                f"{'>=' if 'wagtail' in query.get('stopped_at_cap', []) else ''}"
                f"x{query['ratio']}{'' if query['ratio'] > 1 else '  BEHIND'}"
            )
    lines.append(
        f"\nbudgets: p95 <= {BUDGET_P95_MS} ms (or an app's BUDGETS) and <= {BUDGET_FLOOR_RATIO}x "
        f"the floor, weight <= {BUDGET_WEIGHT_BYTES // 1024} KB compressed; search ahead of "
        f"Wagtail (ratio = Wagtail / ours, p50). {REQUESTS} requests per page, {CONCURRENCY} at "
        f"a time, 2 gunicorn workers, demo at --scale {SCALE}"
    )
    lines.append("=" * 78)
    return "\n".join(lines)


def machine():
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def commit():
    def git(*args):
        completed = subprocess.run(
            ["git", *args],  # noqa: S607 - git from PATH, as a person runs it
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return completed.stdout.strip()

    return {"sha": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}


def database_version(name, url):
    if name == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as connection:
        return connection.execute("SHOW server_version").fetchone()[0]


def write_results(results, versions, load_before):
    """bench/results/latest.json: what has been measured so far (written after each database,
    so a failure on the second keeps the first's figures)."""
    folder = ROOT / "bench" / "results"
    folder.mkdir(parents=True, exist_ok=True)
    summary = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "commit": commit(),
        "machine": {**machine(), "load_average_before": load_before},
        "settings": {
            "requests": REQUESTS,
            "concurrency": CONCURRENCY,
            "scale": SCALE,
            "budget_p95_ms": BUDGET_P95_MS,
            "budget_floor_ratio": BUDGET_FLOOR_RATIO,
            "budget_weight_bytes": BUDGET_WEIGHT_BYTES,
        },
        "databases": {
            name: {
                "database": versions.get(name, name),
                "floor_p95_ms": (
                    statistics.median(row["floor_p95_ms"] for row in rows) if rows else None
                ),
                "pages": rows,
                "over_budget": broken,
                "search_against_wagtail": peer,
                "directory_against_listview": [
                    {"path": row["path"], "p95_ms": row["drawn"]["p95_ms"], **row["peer"]}
                    for row in rows
                    if "peer" in row
                ],
            }
            for name, (rows, broken, peer) in results.items()
        },
    }
    (folder / "latest.json").write_text(json.dumps(summary, indent=2) + "\n")


def main():
    results, versions = {}, {}
    load_before = machine()["load_average"]
    databases = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    if "sqlite" in databases:
        # Rebuilt every time, so the figures are of the demo as the code makes it now (but for
        # BENCH_REUSE=1, which measures the last run's database again while working on a page).
        reuse = os.environ.get("BENCH_REUSE") == "1" and DATABASE.exists()
        for stale in [] if reuse else DATABASE.parent.glob(f"{DATABASE.name}*"):
            stale.unlink()
        results["sqlite"] = measure(f"sqlite:///{DATABASE}", reuse=reuse)
        versions["sqlite"] = database_version("sqlite", "")
        write_results(results, versions, load_before)
        print(summary_table(results), flush=True)
    if "postgresql" in databases and os.environ.get("BENCH_POSTGRES"):
        url = os.environ["BENCH_POSTGRES"]
        results["postgresql"] = measure(url, reuse=True)
        versions["postgresql"] = f"PostgreSQL {database_version('postgresql', url)}"
        write_results(results, versions, load_before)
    elif "postgresql" in databases:
        cluster = postgres_database()
        if cluster is None:
            print("!! PostgreSQL is not installed: the PostgreSQL figures are skipped.")
        else:
            url, stop = cluster
            try:
                results["postgresql"] = measure(url)
                versions["postgresql"] = f"PostgreSQL {database_version('postgresql', url)}"
            finally:
                stop()
            write_results(results, versions, load_before)
    for name, (rows, broken, _peer) in results.items():
        report(name, rows, broken)
    print(summary_table(results))
    failed = any(broken or search_behind(peer) for _rows, broken, peer in results.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
