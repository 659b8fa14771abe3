"""Governance pages measured by `make bench`."""

PAGES = [
    "/en/governance/",
    "/en/governance/global-board/",
    "/en/governance/north-america-steering-committee/",
    "/en/governance/decisions/",
    "/en/governance/decisions/?page=3",
    "/api/v1/bodies",
    "/api/v1/bodies/global-board",
    "/api/v1/decisions",
]
