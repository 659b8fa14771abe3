"""Event pages and API measured by bench/run.py (no Django imports here)."""

PAGES = [
    "/en/events/",
    "/en/events/?when=past",
    "/en/events/delhi-2014/",
    "/en/events/delhi-2014/programme/",
    "/en/events/ubuntu-2020/programme/",
    "/api/v1/events",
    "/api/v1/events/delhi-2014/sessions",
]
