"""The evidence pages and API measured by bench/run.py (no Django imports here), and the
command that times scoring and analysing an evaluation of 100,000 responses."""

PAGES = [
    "/en/evidence/",
    "/en/evidence/?region=africa&design=pre_post",
    "/es/evidence/?age_group=youth&method=pm",
    "/en/evidence/instruments/",
    "/fr/evidence/instruments/gem/1/",
    "/api/v1/evidence/pooled",
    "/api/v1/evidence/evaluations",
    "/api/v1/evidence/instruments/gem/1",
]
# Run once against the bench database after the pages are measured; they print timings.
COMMANDS = [["evidence_bench", "--responses", "100000"]]


def samples(get_json):
    items = get_json("/api/v1/evidence/evaluations?limit=1")["items"]
    if not items:
        return []
    return [items[0]["url"], f"/api/v1/evidence/evaluations/{items[0]['id']}"]
