"""Citations of resources as RIS, BibTeX and CSL-JSON, for reference managers."""

import json
import re

RIS_TYPES = {
    "toolkit": "GEN",
    "training_manual": "BOOK",
    "report": "RPRT",
    "research_article": "JOUR",
    "policy_brief": "RPRT",
    "curriculum": "BOOK",
    "video": "VIDEO",
    "infographic": "FIGURE",
}
BIBTEX_TYPES = {
    "toolkit": "manual",
    "training_manual": "manual",
    "report": "techreport",
    "research_article": "article",
    "policy_brief": "techreport",
    "curriculum": "manual",
    "video": "misc",
    "infographic": "misc",
}
CSL_TYPES = {
    "toolkit": "document",
    "training_manual": "book",
    "report": "report",
    "research_article": "article-journal",
    "policy_brief": "report",
    "curriculum": "book",
    "video": "motion_picture",
    "infographic": "graphic",
}
FORMATS = {
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "bib": ("application/x-bibtex; charset=utf-8", "bib"),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}


def _one_line(text):
    return re.sub(r"\s+", " ", text or "").strip()


def ris(resources, url_for):
    """RIS records, one per resource, each ending with `ER  -`."""
    lines = []
    for resource in resources:
        lines.append(f"TY  - {RIS_TYPES.get(resource.kind, 'GEN')}")
        lines.append(f"ID  - menengage-{resource.pk}")
        lines.append(f"TI  - {_one_line(resource.title)}")
        lines.extend(f"AU  - {_one_line(author)}" for author in resource.author_list)
        if resource.published_on:
            lines.append(f"PY  - {resource.published_on.year}")
            lines.append(f"DA  - {resource.published_on:%Y/%m/%d}")
        if resource.publisher_label:
            lines.append(f"PB  - {_one_line(resource.publisher_label)}")
        if resource.summary:
            lines.append(f"AB  - {_one_line(resource.summary)}")
        lines.append(f"LA  - {resource.language}")
        lines.append(f"UR  - {url_for(resource)}")
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bib(text):
    escaped = _BIBTEX_SPECIAL.sub(
        lambda m: {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(
            m.group(1), "\\" + m.group(1)
        ),
        _one_line(text),
    )
    return "{" + escaped + "}"


def bibtex(resources, url_for):
    """BibTeX entries keyed `menengage<id>`."""
    entries = []
    for resource in resources:
        fields = [("title", _bib(resource.title))]
        if resource.author_list:
            fields.append(("author", _bib(" and ".join(resource.author_list))))
        if resource.published_on:
            fields.append(("year", str(resource.published_on.year)))
        if resource.publisher_label:
            key = "institution" if resource.kind in ("report", "policy_brief") else "publisher"
            fields.append((key, _bib(resource.publisher_label)))
        fields.append(("language", _bib(resource.language)))
        fields.append(("url", _bib(url_for(resource))))
        if resource.summary:
            fields.append(("abstract", _bib(resource.summary)))
        body = ",\n".join(f"  {name} = {value}" for name, value in fields)
        kind = BIBTEX_TYPES.get(resource.kind, "misc")
        entries.append(f"@{kind}{{menengage{resource.pk},\n{body}\n}}\n")
    return "\n".join(entries)


def csl_items(resources, url_for):
    """CSL-JSON items (a list of dicts) for citation processors."""
    items = []
    for resource in resources:
        item = {
            "id": f"menengage-{resource.pk}",
            "type": CSL_TYPES.get(resource.kind, "document"),
            "title": resource.title,
            "language": resource.language,
            "URL": url_for(resource),
        }
        if resource.author_list:
            item["author"] = [{"literal": author} for author in resource.author_list]
        if resource.published_on:
            date = resource.published_on
            item["issued"] = {"date-parts": [[date.year, date.month, date.day]]}
        if resource.publisher_label:
            item["publisher"] = resource.publisher_label
        if resource.summary:
            item["abstract"] = resource.summary
        items.append(item)
    return items


def csl_json(resources, url_for):
    return json.dumps(csl_items(resources, url_for), ensure_ascii=False, indent=1)


RENDERERS = {"ris": ris, "bib": bibtex, "json": csl_json}
