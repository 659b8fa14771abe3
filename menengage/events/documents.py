"""Files made from events: iCalendar (icalendar), the check-in QR code (segno), attendance
certificates (reportlab) and the registration list as CSV."""

import csv
import io

import icalendar
import segno
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from menengage.core.pdf_text import draw_centred, font_name, register_fonts
from menengage.core.spreadsheets import cell_text


def _translated(entry, name, text, *, before=""):
    """`name` (SUMMARY, DESCRIPTION) in the active language, marked with the language it is
    really in, and the text in every other language written as `X-<NAME>;LANGUAGE=xx`
    (the standard allows one SUMMARY per event; calendars ignore what they do not know).
    `before` (a participant's join link) leads the main text only."""
    if not text:
        if before:
            entry.add(name, before)
        return
    main = "\n\n".join(filter(None, [before, str(text)]))
    entry.add(name, main, parameters={"LANGUAGE": text.language})
    for code, other in text.items():
        if code != text.language:
            entry.add(f"X-MENENGAGE-{name.upper()}", other, parameters={"LANGUAGE": code})


def _vevent(event, join_url=""):
    """One event's calendar entry; `join_url` only in a confirmed participant's own entry."""
    entry = icalendar.Event()
    entry.add("uid", f"event-{event.pk}@menengage")
    _translated(entry, "summary", event.title)
    # UTC instants: every calendar shows them in its owner's zone.
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("dtstamp", timezone.now())
    entry.add("url", f"{settings.BASE_URL}{event.get_absolute_url()}")
    place = ", ".join(filter(None, [event.venue, event.city]))
    if place:
        entry.add("location", place)
    elif join_url:
        entry.add("location", join_url)
    _translated(entry, "description", event.description, before=join_url)
    if join_url:
        # RFC 7986: calendars that know it show a "join" button.
        entry.add("conference", join_url, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
    return entry


def _calendar(events, name, join_url=""):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//MenEngage Alliance//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event, join_url))
    return calendar.to_ical()


def event_ics(event, *, join_url=""):
    return _calendar([event], str(event.title), join_url)


def feed_ics(events):
    return _calendar(events, "MenEngage Alliance events")


def qr_svg(url):
    """An SVG QR code of `url`, scaled for a phone screen or a printout."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=6, border=2, xmldecl=False)
    return out.getvalue()


def certificate_pdf(registration):
    """A one-page landscape certificate of attendance, in the language the person registered
    in; every name prints in its own script (`core.pdf_text`)."""
    event = registration.event
    out = io.BytesIO()
    register_fonts()
    page = canvas.Canvas(out, pagesize=landscape(A4), initialFontName=font_name("latin"))
    width, height = landscape(A4)
    languages = {code for code, _name in settings.LANGUAGES}
    language = registration.language if registration.language in languages else "en"
    with translation.override(language):
        local = event.starts_at.astimezone(event.zone)
        place = ", ".join(filter(None, [event.city, event.venue])) or event.get_mode_display()
        lines = [
            (150, 28, True, _("Certificate of attendance")),
            (210, 16, False, _("This certifies that")),
            (250, 24, True, registration.name),
            (290, 16, False, _("took part in")),
            (330, 20, True, event.title),
            (370, 14, False, f"{date_format(local, 'DATE_FORMAT')} · {place}"),
        ]
        page.setTitle(f"{_('Certificate of attendance')} — {event.title}")
        for below_top, size, bold, text in lines:
            draw_centred(page, width / 2, height - below_top, str(text), size=size, bold=bold)
        draw_centred(page, width / 2, 80, _("MenEngage Alliance"), size=14)
    page.showPage()
    page.save()
    return out.getvalue()


REGISTRATION_COLUMNS = (
    "name",
    "email",
    "organisation",
    "country",
    "language",
    "status",
    "accessibility_needs",
    "dietary_needs",
    "gender",
    "registered_at",
    "email_confirmed_at",
    "checked_in_at",
)


def registrations_csv(registrations):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REGISTRATION_COLUMNS)
    for registration in registrations:
        row = []
        for column in REGISTRATION_COLUMNS:
            value = getattr(registration, column)
            if column == "country":
                value = registration.country.code if registration.country else ""
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            row.append(cell_text(value))
        writer.writerow(row)
    return out.getvalue()
