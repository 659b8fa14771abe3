"""Files made from events: iCalendar (icalendar), the check-in QR code (segno), attendance
certificates (reportlab) and the registration list as CSV."""

import csv
import io

import icalendar
import segno
from django.conf import settings
from django.utils import timezone
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from menengage.core.spreadsheets import cell_text


def _translated(entry, name, text):
    """`name` (SUMMARY, DESCRIPTION) in the active language, marked with the language it is
    really in, and the text in every other language written as `X-<NAME>;LANGUAGE=xx`
    (the standard allows one SUMMARY per event; calendars ignore what they do not know)."""
    if not text:
        return
    entry.add(name, str(text), parameters={"LANGUAGE": text.language})
    for code, other in text.items():
        if code != text.language:
            entry.add(f"X-MENENGAGE-{name.upper()}", other, parameters={"LANGUAGE": code})


def _vevent(event):
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
    _translated(entry, "description", event.description)
    return entry


def _calendar(events, name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//MenEngage Alliance//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event))
    return calendar.to_ical()


def event_ics(event):
    return _calendar([event], str(event.title))


def feed_ics(events):
    return _calendar(events, "MenEngage Alliance events")


def qr_svg(url):
    """An SVG QR code of `url`, scaled for a phone screen or a printout."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=6, border=2, xmldecl=False)
    return out.getvalue()


def certificate_pdf(registration):
    """A one-page landscape certificate of attendance."""
    event = registration.event
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=landscape(A4))
    width, height = landscape(A4)
    page.setTitle(f"Certificate of attendance — {event.title}")
    page.setFont("Helvetica-Bold", 28)
    page.drawCentredString(width / 2, height - 150, "Certificate of attendance")
    page.setFont("Helvetica", 16)
    page.drawCentredString(width / 2, height - 210, "This certifies that")
    page.setFont("Helvetica-Bold", 24)
    page.drawCentredString(width / 2, height - 250, registration.name)
    page.setFont("Helvetica", 16)
    page.drawCentredString(width / 2, height - 290, "took part in")
    page.setFont("Helvetica-Bold", 20)
    page.drawCentredString(width / 2, height - 330, str(event.title))
    local = event.starts_at.astimezone(event.zone)
    place = ", ".join(filter(None, [event.city, event.venue])) or event.get_mode_display()
    page.setFont("Helvetica", 14)
    page.drawCentredString(width / 2, height - 370, f"{local:%d %B %Y} · {place}")
    page.drawCentredString(width / 2, 80, "MenEngage Alliance")
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
