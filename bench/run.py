"""`make bench`: latency, throughput and page weight of every public page at --scale 10.

Set BENCH_DATABASES (sqlite,postgresql) and BENCH_ONLY (substrings of the paths, comma-separated)
to measure less. Builds a demo database ten times the real Alliance, serves it with gunicorn as
production does, measures each page with a small keep-alive load generator on loopback, and
weighs each page with its stylesheets, scripts and images, compressed as served. Prints a
table and writes bench/results/latest.json. Exits 1 when a page breaks a budget.
"""

import gzip
import http.client
import importlib
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MENENGAGE = str(Path(sys.executable).parent / "menengage")
# BENCH_SQLITE lets two benches run side by side without removing each other's database.
DATABASE = Path(os.environ.get("BENCH_SQLITE", ROOT / "var" / "bench-scale10.sqlite3"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))
BUDGET_P95_MS = 50
BUDGET_WEIGHT_BYTES = 50 * 1024

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


def sample_paths(port):
    """Pages that need a real row of the demo: one organisation's page and API entry, and
    whatever each app's `samples(get_json)` picks."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def get_json(path):
        _status, body, _encoding = fetch(connection, path, gzip_ok=False)
        return json.loads(body)

    first = get_json("/api/v1/organisations?limit=1")["items"][0]
    paths = [first["url"], f"/api/v1/organisations/{first['id']}"]
    for module in app_benches():
        if hasattr(module, "samples"):
            paths += module.samples(get_json)
    return paths


def environment(database_url):
    return {**os.environ, "DATABASE_URL": database_url, "DEBUG": "false"}


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
    subprocess.run([MENENGAGE, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([MENENGAGE, "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [MENENGAGE, "demo", "--scale", "10"],
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
        env=environment(database_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
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


def fetch(connection, path, gzip_ok=True):
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    return response.status, body, response.getheader("Content-Encoding")


def load(port, path):
    """Latencies in ms for REQUESTS requests of `path`, CONCURRENCY at a time."""
    latencies, errors, lock = [], [], threading.Lock()
    per_worker = REQUESTS // CONCURRENCY

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for _warm in range(10):
            fetch(connection, path)
        for _request in range(per_worker):
            started = time.perf_counter()
            status, _body, _encoding = fetch(connection, path)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(status)

    threads = [threading.Thread(target=worker) for _thread in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return latencies, errors, len(latencies) / seconds


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


def measure(database_url):
    """Rows of figures for every page, and the paths over budget, on one database."""
    prepare(database_url)
    port = free_port()
    server = start_server(port, database_url)
    rows, broken = [], []
    try:
        only = os.environ.get("BENCH_ONLY", "").split(",")
        paths = all_pages() + sample_paths(port)
        for path in [path for path in paths if any(part in path for part in only)]:
            latencies, errors, throughput = load(port, path)
            row = {
                "path": path,
                "p50_ms": round(statistics.median(latencies), 1),
                "p95_ms": round(percentile(latencies, 0.95), 1),
                "p99_ms": round(percentile(latencies, 0.99), 1),
                "requests_per_second": round(throughput, 1),
                "errors": len(errors),
                "weight_bytes": weight(port, path),
            }
            rows.append(row)
            over_time = row["p95_ms"] > budget_for(path)
            if over_time or row["weight_bytes"] > BUDGET_WEIGHT_BYTES or errors:
                broken.append(path)
    finally:
        server.terminate()
        server.wait(timeout=10)
    for module in app_benches():
        for command in getattr(module, "COMMANDS", []):
            # Timings of work that is not a page (an app's `COMMANDS`), printed as they come.
            subprocess.run([MENENGAGE, *command], cwd=ROOT, env=environment(database_url))
    return rows, broken


def report(name, rows, broken):
    print(f"\n{name}\n{'page':<58} {'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>7} {'KB':>6}")
    for row in rows:
        flag = "  OVER BUDGET" if row["path"] in broken else ""
        print(
            f"{row['path']:<58} {row['p50_ms']:>6} {row['p95_ms']:>6} {row['p99_ms']:>6} "
            f"{row['requests_per_second']:>7} {row['weight_bytes'] / 1024:>6.1f}{flag}"
        )


def main():
    results = {}
    databases = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    if "sqlite" in databases:
        # Rebuilt every time, so the figures are of the demo as the code makes it now.
        for stale in DATABASE.parent.glob(f"{DATABASE.name}*"):
            stale.unlink()
        results["sqlite"] = measure(f"sqlite:///{DATABASE}")
    if "postgresql" in databases:
        cluster = postgres_database()
        if cluster is None:
            print("!! PostgreSQL is not installed: the PostgreSQL figures are skipped.")
        else:
            url, stop = cluster
            try:
                results["postgresql"] = measure(url)
            finally:
                stop()
    for name, (rows, broken) in results.items():
        report(name, rows, broken)
    print(
        f"\nbudgets: p95 <= {BUDGET_P95_MS} ms, "
        f"weight <= {BUDGET_WEIGHT_BYTES // 1024} KB compressed; {REQUESTS} requests per page, "
        f"{CONCURRENCY} at a time, 2 gunicorn workers, demo at --scale 10"
    )
    folder = ROOT / "bench" / "results"
    folder.mkdir(parents=True, exist_ok=True)
    summary = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": {"requests": REQUESTS, "concurrency": CONCURRENCY, "scale": 10},
        "databases": {
            name: {"pages": rows, "over_budget": broken} for name, (rows, broken) in results.items()
        },
    }
    (folder / "latest.json").write_text(json.dumps(summary, indent=2) + "\n")
    return 1 if any(broken for _rows, broken in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
