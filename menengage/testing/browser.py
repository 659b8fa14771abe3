"""Which of Debian's Chromium builds the browser tests drive (e2e/, scripts/test_all.py).

Debian's `chromium-headless-shell` first: the same Blink as `chromium`, without the desktop
browser around it, which is what Playwright itself runs for headless tests. The browser tests
took a third less CPU with it (e2e/test_accessibility.py, two of its axe runs: 49 CPU seconds
against 32), and the suite's processes share two cores. `/usr/bin/chromium` otherwise, and
the CHROMIUM environment variable over both.
"""

import os

HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
DESKTOP = "/usr/bin/chromium"


def chromium_path():
    """The path of the Chromium to drive (it may not exist: the callers check)."""
    chosen = os.environ.get("CHROMIUM")
    if chosen:
        return chosen
    return HEADLESS_SHELL if os.access(HEADLESS_SHELL, os.X_OK) else DESKTOP
