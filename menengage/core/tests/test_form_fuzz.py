"""Form fuzz: every form of every app, posted hostile values field by field as each persona.

The forms are found, not listed. Each persona starts from every page the URL resolver can build
without arguments and follows the site's own links (a few pages per URL pattern); every
`<form method="post">` met on the way is read with its fields and their rendered values. A new
form on a reachable page is therefore covered without a new test.

Each field then gets hostile values (oversized, out of range, wrong type, NUL, odd Unicode), the
other fields keeping what the page rendered, posted to the page's Spanish address. Every answer
must be: no server error; no database write unless the form was accepted (a redirect); and a
refusal shown in Spanish. Personas who never saw a form post it too, and must be refused without
a write.

`make test` runs it (`-m fuzz`) in the session of the suite's SQLite part; its figures are
printed under pytest's summary. `MENENGAGE_FUZZ_SEED` picks another sample of
values; `MENENGAGE_FUZZ_ALL=1` posts every value to every field (slow).
"""

import os
import random
import re
import time
import traceback
from collections import defaultdict
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RoutePattern
from django.utils import translation

from menengage.accounts import twofactor
from menengage.accounts.models import RoleAssignment, User
from menengage.conftest import PASSWORD
from menengage.core.demodata import DEMO_STAFF_EMAIL, demo_load

pytestmark = pytest.mark.fuzz

SEED = int(os.environ.get("MENENGAGE_FUZZ_SEED", "2014"))
EVERY_VALUE = os.environ.get("MENENGAGE_FUZZ_ALL") == "1"
VALUES_PER_FIELD = 1
FIELDS = 8  # fields per form posted one at a time
PAGES_PER_ROUTE = 2
PAGES_PER_PERSONA = 150

HOSTILE = {
    "huge id": "99999999999999999999999",
    # Past every length limit (documents allow 200,000 characters), in one line.
    "oversized": "A" * 250_000,
    "oversized words": "partner, " * 28_000,
    "negative": "-1",
    "not a number": "NaN",
    "overflowing float": "1e309",
    "wrong type": "[object Object]",
    "NUL": "before\x00after",
    "odd Unicode": "Z\u0338\u0354a\u202e\ufeff\U0001d54f \U0001f600 \ufdfd \u0663\u0661",
    "Arabic digits": "\u0661\u0662\u0663",
}
# The first value a field of each kind always gets; the rest are sampled.
FIRST_BY_KIND = {
    "select": "huge id",
    "radio": "huge id",
    "checkbox": "huge id",
    "hidden": "huge id",
    "number": "huge id",
    "text": "oversized",
    "textarea": "oversized words",
}
# Pages that are files, or that end the persona's session, are not crawled or posted.
SKIPPED_PATHS = re.compile(
    r"(\.(csv|json|ics|ris|bib|xml|pdf|docx|xlsx|zip|txt)$|/download/|/sign-out/|/file/)"
)
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/api/", "/health", "/static/")
WRITES = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
# A refusal may touch the session (a message, the language) or an attempt counter: counting
# refused attempts is what the limits against guessing are for (core.throttle). SQLite reports
# no row for the counter's INSERT ... RETURNING until its row is read, PostgreSQL reports one.
WRITABLE_ON_REFUSAL = {"django_session", "core_cache", "core_attemptcount"}
# Words of an English error message that Spanish does not use.
ENGLISH = re.compile(
    r"\b(this field|is required|enter a|ensure|select a valid|must|please|characters|"
    r"the|not|you|only|cannot|can't|already|invalid)\b",
    re.IGNORECASE,
)
ERRORS_XPATH = (
    '//*[contains(concat(" ", normalize-space(@class), " "), " error ")]'
    '|//*[contains(concat(" ", normalize-space(@class), " "), " errors ")]//p'
    '|//*[contains(concat(" ", normalize-space(@class), " "), " errorlist ")]//li'
    '|//*[contains(concat(" ", normalize-space(@class), " "), " messages ")]//li'
)


def _seed_paths():
    """Every page the resolver can build without arguments, in English."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                pattern = entry.pattern
                if isinstance(pattern, RoutePattern) and pattern.converters:
                    continue
                walk(entry.url_patterns, prefix + str(pattern))
            elif (
                isinstance(entry, URLPattern)
                and isinstance(entry.pattern, RoutePattern)
                and not entry.pattern.converters
            ):
                found.append("/" + prefix + str(entry.pattern))

    with translation.override("en"):
        walk(get_resolver().url_patterns, "")
    return [path for path in found if not path.startswith(SKIPPED_PREFIXES)] + ["/en/"]


def _route(path):
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.route or match.view_name


def _internal(base, href):
    """The site path `href` points to from `base`, or None when it leaves the site's pages."""
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    parts = urlsplit(urljoin("http://testserver" + base, href))
    if parts.netloc != "testserver" or not parts.path.startswith("/en/"):
        return None
    if SKIPPED_PATHS.search(parts.path):
        return None
    return parts.path


def _read_form(form):
    """A form's fields: name -> (kind, rendered value or values, every offered value)."""
    fields = {}
    for element in form.xpath(".//input|.//select|.//textarea|.//button"):
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        tag = element.tag
        kind = element.get("type", "text").lower() if tag in ("input", "button") else tag
        if tag == "button" or kind in ("submit", "image", "button"):
            fields.setdefault(name, ("submit", [element.get("value", "")], []))
        elif kind in ("checkbox", "radio"):
            _kind, chosen, offered = fields.setdefault(name, (kind, [], []))
            value = element.get("value", "on")
            offered.append(value)
            if element.get("checked") is not None or (
                kind == "checkbox" and element.get("required") is not None
            ):
                chosen.append(value)
        elif tag == "select":
            offered = [option.get("value", option.text or "") for option in element.iter("option")]
            chosen = [
                option.get("value", option.text or "")
                for option in element.iter("option")
                if option.get("selected") is not None
            ]
            if not chosen and element.get("multiple") is None:
                chosen = [value for value in offered if value][:1]
            fields[name] = ("select", chosen, offered)
        elif tag == "textarea":
            fields[name] = ("textarea", [element.text or "Fuzz text."], [])
        else:
            fields[name] = (kind, [element.get("value") or _plausible(kind)], [])
    for kind, chosen, offered in fields.values():
        if kind == "radio" and not chosen and offered:
            chosen.append(offered[0])
    return fields


def _plausible(kind):
    return {
        "email": "fuzz@example.org",
        "url": "https://example.org/",
        "date": "2031-03-01",
        "datetime-local": "2031-03-01T10:00",
        "time": "10:00",
        "number": "1",
        "file": "",
        "password": "not-the-password",
    }.get(kind, "Fuzz")


class Persona:
    def __init__(self, label, user):
        self.label = label
        self.client = Client()
        if user is not None:
            self.client.force_login(user)
            session = self.client.session
            twofactor.session_mark_verified(session)
            session.save()


class Fuzz:
    """The crawl, the posts and what went wrong."""

    def __init__(self, personas):
        self.personas = personas
        self.forms = {}  # (route, field names) -> {persona label: (action, fields)}
        self.pages = 0
        self.requests = 0
        self.server_errors = []
        self.writes = []
        self.english = []
        self.timings = []  # (seconds, requests, route) per form

    def crawl(self, persona):
        queue = list(_seed_paths())
        seen, per_route, pages = set(), defaultdict(int), 0
        while queue and pages < PAGES_PER_PERSONA:
            path = queue.pop(0)
            route = _route(path)
            if path in seen or route is None or per_route[route] >= PAGES_PER_ROUTE:
                continue
            seen.add(path)
            per_route[route] += 1
            response = self._send(persona, "get", path)
            pages += 1
            if response is None or response.status_code != 200:
                continue
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            document = lxml.html.fromstring(response.content)
            for link in document.xpath("//a[@href]"):
                target = _internal(path, link.get("href"))
                if target and target not in seen:
                    queue.append(target)
            for form in document.xpath("//form"):
                if (form.get("method") or "get").lower() != "post":
                    continue
                action = _internal(path, form.get("action") or path)
                if action is None:
                    continue
                fields = _read_form(form)
                key = (_route(action), tuple(sorted(fields)))
                self.forms.setdefault(key, {}).setdefault(persona.label, (action, fields))
        self.pages += pages

    def _send(self, persona, method, path, data=None, persona_label=None):
        self.requests += 1
        label = persona_label or persona.label
        written = set()

        def count_writes(execute, sql, params, many, context):
            result = execute(sql, params, many, context)
            match = WRITES.match(sql)
            # An UPDATE or DELETE of no row writes nothing. An INSERT always counts: SQLite
            # reports no row for an INSERT ... RETURNING (every save of a new row) until its
            # row is read, after this wrapper has returned.
            inserts = match and match.group(1).upper().startswith("INSERT")
            if match and (inserts or context["cursor"].rowcount):
                written.add(match.group(2))
            return result

        try:
            with connection.execute_wrapper(count_writes):
                if method == "get":
                    response = persona.client.get(path)
                else:
                    response = persona.client.post(path, data)
        except Exception:  # noqa: BLE001 - every crash is a finding, reported with its place
            self.server_errors.append(
                (label, method, path, _summary(data), traceback.format_exc(limit=-3))
            )
            return None
        if response.status_code >= 500:
            self.server_errors.append(
                (label, method, path, _summary(data), f"status {response.status_code}")
            )
        written -= WRITABLE_ON_REFUSAL
        if method == "post" and response.status_code not in (301, 302, 303) and written:
            self.writes.append((label, path, response.status_code, _summary(data), sorted(written)))
        return response

    def post(self, persona, action, data):
        path = "/es/" + action.removeprefix("/en/")
        response = self._send(persona, "post", path, data)
        if response is None or response.status_code != 200:
            return
        if not response.get("Content-Type", "").startswith("text/html"):
            return
        content = response.content.decode()
        if '<html lang="es"' not in content:
            self.english.append((persona.label, path, _summary(data), "page not in Spanish"))
            return
        for element in lxml.html.fromstring(content).xpath(ERRORS_XPATH):
            text = element.text_content().strip()
            if text and ENGLISH.search(text):
                self.english.append((persona.label, path, _summary(data), text[:120]))

    def attack(self, rng):
        labels = list(self.personas)
        for (route_name, names), found_by in sorted(self.forms.items(), key=str):
            started, requests = time.monotonic(), self.requests
            finders = [label for label in labels if label in found_by]
            # Every hostile value in every field at once: what a field's own cleaning does.
            for number, value_name in enumerate(sorted(HOSTILE)):
                label = finders[number % len(finders)]
                action, fields = found_by[label]
                data = _payload(fields)
                data.update(dict.fromkeys(fields, HOSTILE[value_name]))
                self.post(self.personas[label], action, data)
            # One hostile value in one field, the others as rendered: what the service does
            # with the one bad value that passes the form.
            sampled = names if EVERY_VALUE else rng.sample(names, min(len(names), FIELDS))
            for index, name in enumerate(sampled):
                label = finders[index % len(finders)]
                action, fields = found_by[label]
                for value_name in _values_for(fields[name][0], rng):
                    data = _payload(fields)
                    data[name] = HOSTILE[value_name]
                    self.post(self.personas[label], action, data)
            # Everyone who never saw the form posts it too, as rendered for someone else.
            action, fields = found_by[finders[0]]
            for label in labels:
                if label not in found_by:
                    self.post(self.personas[label], action, _payload(fields))
            self.timings.append((time.monotonic() - started, self.requests - requests, route_name))

    def report(self):
        lines = []
        for label, method, path, data, detail in self.server_errors:
            lines.append(f"SERVER ERROR {label} {method.upper()} {path} {data}\n{detail}")
        for label, path, status, data, tables in self.writes:
            lines.append(f"WRITE ON REFUSAL {label} POST {path} -> {status} {data}: {tables}")
        for label, path, data, text in self.english:
            lines.append(f"NOT SPANISH {label} POST {path} {data}: {text}")
        return "\n".join(lines)


def _values_for(kind, rng):
    if EVERY_VALUE:
        return sorted(HOSTILE)
    first = FIRST_BY_KIND.get(kind, "oversized")
    others = sorted(set(HOSTILE) - {first})
    return [first, *rng.sample(others, VALUES_PER_FIELD - 1)]


def _payload(fields):
    return {name: list(chosen) for name, (kind, chosen, _offered) in fields.items() if chosen}


def _summary(data):
    if not data:
        return ""
    shown = {}
    for name, value in data.items():
        value = value[0] if isinstance(value, list) and value else value
        if isinstance(value, str) and len(value) > 40:
            value = f"{value[:12]}...({len(value)} chars)"
        shown[name] = value
    return repr(shown)[:300]


def _person(role, **scope):
    assignment = (
        RoleAssignment.objects.filter(role=role, ends_on__isnull=True, **scope)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user


@pytest.mark.slow(60)
@pytest.mark.django_db
def test_no_form_answers_a_server_error_writes_on_refusal_or_refuses_in_english(
    settings, print_in_summary
):
    started = time.monotonic()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    demo_load(scale=0.05, report=lambda message: None, without=("content",))
    outsider = User.objects.create_user("fuzz.outsider@example.org", PASSWORD, name="Olu")
    personas = {
        "anonymous": Persona("anonymous", None),
        "outsider": Persona("outsider", outsider),
        "member representative": Persona(
            "member representative", _person(RoleAssignment.Role.REPRESENTATIVE)
        ),
        "body member": Persona(
            "body member", User.objects.get(email="board.chair@menengage.example")
        ),
        "coordinator": Persona("coordinator", _person(RoleAssignment.Role.COORDINATOR)),
        "focal point": Persona("focal point", _person(RoleAssignment.Role.FOCAL_POINT)),
        "staff": Persona("staff", User.objects.get(email=DEMO_STAFF_EMAIL)),
    }
    loaded = time.monotonic()
    fuzz = Fuzz(personas)
    for persona in personas.values():
        fuzz.crawl(persona)
    crawled, crawl_requests = time.monotonic(), fuzz.requests
    print(f"\nform fuzz: {len(fuzz.forms)} forms on {crawl_requests} pages", flush=True)
    fuzz.attack(random.Random(SEED))
    took = time.monotonic() - started
    lines = [
        f"form fuzz: {len(fuzz.forms)} forms found on {fuzz.pages} pages by "
        f"{len(personas)} personas; {fuzz.requests} requests; "
        f"{len(fuzz.server_errors)} server errors, {len(fuzz.writes)} writes on refusal, "
        f"{len(fuzz.english)} refusals not in Spanish; {took:.0f} s (seed {SEED}: demo "
        f"{loaded - started:.0f} s, crawl {crawl_requests} pages {crawled - loaded:.0f} s, "
        f"posts {time.monotonic() - crawled:.0f} s)"
    ]
    forms = sorted(fuzz.forms, key=str)
    lines += [f"  form: /{route} ({len(names)} fields)" for route, names in forms]
    lines += [
        f"  slowest: {route} {requests} requests {seconds:.1f} s"
        for seconds, requests, route in sorted(fuzz.timings, reverse=True)[:5]
    ]
    print_in_summary("\n".join(lines))
    assert len(fuzz.forms) >= 30, sorted(fuzz.forms)
    assert not fuzz.report(), fuzz.report()
