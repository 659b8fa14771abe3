"""Library pages and API measured by bench/run.py (no Django imports here).

`menengage` is in the text of every demo resource: the most common term of the corpus, whose
ranking is capped at the 1,000 best candidates.
"""

COMMON = "/en/library/?q=menengage"

PAGES = [
    "/en/library/",
    "/en/library/?q=mwangi",
    "/es/library/?q=paternidad+quispe",
    COMMON,
    "/en/library/?q=gender&type=report&theme=violence-prevention&region=africa",
    "/fr/library/?q=violences&sort=date&page=3",
    "/api/v1/resources?q=mwangi+library&language=en",
    "/api/v1/resources?type=policy_brief&year=2015",
]

BUDGETS = {COMMON: 200}


def samples(get_json):
    """One real resource's page and API entry."""
    first = get_json("/api/v1/resources?limit=1")["items"][0]
    return [first["url"], f"/api/v1/resources/{first['id']}"]
