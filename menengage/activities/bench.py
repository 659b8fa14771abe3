"""Activity pages and API measured by bench/run.py (no Django imports here)."""

PAGES = [
    "/en/activities/",
    "/en/activities/?region=africa&year=2024&theme=care-fatherhood",
    "/es/activities/?kind=training&mandate=cedaw&page=2",
    "/en/activities/map/",
    "/fr/activities/map/?region=latin-america&status=completed",
    "/en/activities/working-groups/",
    "/en/activities/working-groups/care-and-fatherhood/",
    "/api/v1/activities",
    "/api/v1/activities?region=south-asia&age_group=youth",
    "/api/v1/working-groups",
]


def samples(get_json):
    """The pages of the newest activity and of one from the middle of the list."""
    first = get_json("/api/v1/activities?limit=1")
    paths = []
    for offset in (0, first["count"] // 2):
        items = get_json(f"/api/v1/activities?limit=1&offset={offset}")["items"]
        if items:
            paths += [f"/en/activities/{items[0]['id']}/", f"/api/v1/activities/{items[0]['id']}"]
    return paths
