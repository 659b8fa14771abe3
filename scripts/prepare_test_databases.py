"""Build the cached test databases ahead of the suites that use them: `make test` starts this
in the background so the migrating overlaps the stages before (menengage.testing.database).

    prepare_test_databases.py sqlite      the migrated SQLite file, then a copy with the test
                                          site (menengage.testing.public_site), while ruff runs
    prepare_test_databases.py postgres    the PostgreSQL dump, beside the SQLite stages (a
                                          throwaway cluster of its own)
    prepare_test_databases.py demo        the demo alliance the browser tests and the API
                                          fuzzing serve, once the SQLite file is there

Each prints what it did and its seconds. A suite that starts before it is done waits on the
same lock (SQLite); `make test` waits for the others before the suite that needs them.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main(engine):
    from menengage.testing import database

    started = time.monotonic()
    if engine == "sqlite":
        database.sqlite_with_site_for_run()
        what = "SQLite test database (with the test site) ready"
    elif engine == "postgres":
        # At the stages' priority: with the demo's at low priority, the suite on PostgreSQL
        # waited 28 s for this dump.
        migrated = database.postgres_dump_for_run()
        what = "PostgreSQL test dump " + ("migrated and written" if migrated else "already cached")
    elif engine == "demo":
        # At the SQLite session's priority: its API fuzzing waits for this demo. At low
        # priority, beside the session's two workers, it was ready 90 s after the SQLite file.
        from menengage.testing import demo_site

        what = f"browser tests' demo ready in {demo_site.built_for_run()}"
    else:
        raise SystemExit(f"usage: {sys.argv[0]} sqlite|postgres|demo")
    print(f"[background] {what} in {time.monotonic() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
