"""Settings of the server `make bench` measures: the site's own, plus what only the bench serves.

The bench-only app (bench.peers) holds the floor endpoint and the peers the site is measured
against; it is never installed in production, and adds no table (its one model is a proxy).
"""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.peers"]
ROOT_URLCONF = "bench.urls"
