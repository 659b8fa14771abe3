"""Pages of the concerns app measured by bench/run.py (no Django imports here)."""

import datetime

LAST_YEAR = datetime.date.today().year - 1

PAGES = [
    "/en/concerns/",
    "/fr/concerns/",
    "/en/concerns/follow-up/",
    f"/en/concerns/statistics/{LAST_YEAR}/",
]
