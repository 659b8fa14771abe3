"""`make bench` (mass mail): one announcement to 10,000 members, through the database queue and
the worker, into a mail backend that accepts everything. Reports messages per second for
writing the outbox (rendering each message in its reader's language) and for delivering it.

    .venv/bin/python bench/mail.py            # 10,000 recipients
    BENCH_MAIL_RECIPIENTS=1000 .venv/bin/python bench/mail.py
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    recipients = int(os.environ.get("BENCH_MAIL_RECIPIENTS", "10000"))
    folder = Path(tempfile.mkdtemp(prefix="menengage-bench-mail-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'mail.sqlite3'}"
    os.environ["TASKS_BACKEND"] = "database"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings
    from django.utils import timezone

    from menengage.accounts.models import User
    from menengage.communications import services
    from menengage.core.demodata import SILENT_MAILERS
    from menengage.core.models import OutgoingMail
    from menengage.members.models import Membership
    from menengage.networks.models import Network

    call_command("migrate", verbosity=0)
    staff = User.objects.create_superuser("bench.staff@example.org", None)
    kenya = Network.objects.get(slug="kenya")
    languages = ["en", "es", "fr", "pt"]
    people = User.objects.bulk_create(
        User(email=f"member{n}@bench.example", language=languages[n % 4], password="!")  # noqa: S106 - unusable
        for n in range(recipients)
    )
    today = timezone.localdate()
    Membership.objects.bulk_create(
        Membership(person=person, network=kenya, status="active", applied_on=today)
        for person in people
    )
    words = "A short announcement.\n\nSecond paragraph."
    texts = {code: (f"Subject {code}", words) for code in ("en", "fr")}
    announcement = services.announcement_create(
        actor=staff,
        original_language="en",
        texts=texts,
        audience={"network": kenya, "roles": ["individuals"]},
    )
    with override_settings(MAILERS=SILENT_MAILERS):
        started = time.perf_counter()
        services.announcement_send(announcement=announcement, actor=staff)
        # The worker: first the task that writes the outbox, then the delivery batches.
        call_command("db_worker", batch=True, max_tasks=1, verbosity=0)
        queued = time.perf_counter()
        call_command("db_worker", batch=True, verbosity=0)
        done = time.perf_counter()
    sent = OutgoingMail.objects.filter(status="sent").count()
    written = queued - started
    delivered = done - queued
    print(f"recipients            {recipients}")
    print(f"outbox written        {written:.1f} s  {recipients / written:.0f} messages/s")
    print(f"delivered (worker)    {delivered:.1f} s  {sent / delivered:.0f} messages/s")
    print(f"end to end            {done - started:.1f} s  {sent / (done - started):.0f} messages/s")
    print(f"sent {sent}, not sent {OutgoingMail.objects.exclude(status='sent').count()}")
    return 0 if sent == recipients else 1


if __name__ == "__main__":
    sys.exit(main())
