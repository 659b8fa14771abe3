"""The declarations' public pages and API; the biggest declaration's signatories (some
50,000 at --scale 10) found through the API."""

PAGES = ["/en/declarations/", "/api/v1/declarations"]


def samples(get_json):
    declarations = get_json("/api/v1/declarations?limit=50")["items"]
    if not declarations:
        return []
    biggest = max(declarations, key=lambda row: row["counts"]["signatories"])["slug"]
    return [
        f"/en/declarations/{biggest}/signatories/",
        f"/en/declarations/{biggest}/signatories/?region=africa&kind=individual",
        f"/en/declarations/{biggest}/",
        f"/api/v1/declarations/{biggest}/signatories?country=KE",
    ]
