"""Generate menengage/core/data/countries.csv, the offline country table.

Run once, by hand, in a throwaway virtual environment; the application never imports
these packages. The UN M49 region and sub-region come from `countryinfo` (MIT), the
country names in the four site languages from Babel's CLDR data (BSD). Each row ends
with the country's representative point for the member map (`lat`, `lng`, one decimal):
the country's own point from `countryinfo`, else its capital's, else empty:

    python -m venv /tmp/gen && /tmp/gen/bin/pip install countryinfo babel
    /tmp/gen/bin/python scripts/make_country_table.py
"""

import csv
from pathlib import Path

import countryinfo
from babel import Locale

# UN M49 codes for the regions and sub-regions named by the source data.
M49_REGIONS = {"Africa": "002", "Americas": "019", "Asia": "142", "Europe": "150", "Oceania": "009"}
M49_SUBREGIONS = {
    "Northern Africa": "015",
    "Sub-Saharan Africa": "202",
    "Latin America and the Caribbean": "419",
    "Northern America": "021",
    "Central Asia": "143",
    "Eastern Asia": "030",
    "South-eastern Asia": "035",
    "Southern Asia": "034",
    "Western Asia": "145",
    "Eastern Europe": "151",
    "Northern Europe": "154",
    "Southern Europe": "039",
    "Western Europe": "155",
    "Australia and New Zealand": "053",
    "Melanesia": "054",
    "Micronesia": "057",
    "Polynesia": "061",
}
LANGUAGES = ("en", "es", "fr", "pt")
# CLDR's short forms read oddly in a directory; these are the names the UN uses.
NAME_OVERRIDES = {
    "CD": {
        "en": "Democratic Republic of the Congo",
        "fr": "République démocratique du Congo",
        "pt": "República Democrática do Congo",
    },
    "CG": {"en": "Republic of the Congo", "fr": "République du Congo", "pt": "República do Congo"},
}
OUT = Path(__file__).resolve().parent.parent / "menengage" / "core" / "data" / "countries.csv"


def position(info):
    """(lat, lng) rounded to one decimal, or ("", "") when the source has no point."""
    point = info.get("latlng") or info.get("capital_latlng")
    if point and isinstance(point[0], list):
        # A country with several capitals lists them all; the first is the seat of government.
        point = point[0]
    if not point or len(point) != 2:
        return "", ""
    return tuple(f"{round(float(value), 1):g}" for value in point)


def rows():
    locales = {code: Locale(code) for code in LANGUAGES}
    for country in countryinfo.all_countries():
        info = country.info()
        iso = info.get("ISO") or {}
        code = iso.get("alpha2")
        region = info.get("region") or ""
        subregion = (info.get("subregion") or "").replace("South-Eastern", "South-eastern")
        if not code or region not in M49_REGIONS or subregion not in M49_SUBREGIONS:
            continue
        names = {lang: locales[lang].territories.get(code, info["name"]) for lang in LANGUAGES}
        names.update(NAME_OVERRIDES.get(code, {}))
        yield {
            "iso2": code,
            "iso3": iso.get("alpha3", ""),
            "m49": iso.get("numeric", "").zfill(3),
            "region": M49_REGIONS[region],
            "subregion": M49_SUBREGIONS[subregion],
            **{f"name_{lang}": names[lang] for lang in LANGUAGES},
            **dict(zip(("lat", "lng"), position(info), strict=True)),
        }


def main():
    # The source lists a few territories twice; the first entry is kept.
    unique = {}
    for row in rows():
        unique.setdefault(row["iso2"], row)
    table = sorted(unique.values(), key=lambda row: row["iso2"])
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    print(f"wrote {len(table)} countries to {OUT}")


if __name__ == "__main__":
    main()
