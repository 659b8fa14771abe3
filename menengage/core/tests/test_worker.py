"""`menengage worker` as a real process against the database: it finds the queued delivery,
sends the message and records it sent."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse_lazy

from menengage.core.mail import mail_queue
from menengage.core.models import OutgoingMail

MENENGAGE = str(Path(sys.executable).parent / "menengage")
ROOT = Path(__file__).resolve().parents[3]


def worker_database_url(folder):
    """An address the worker process can reach holding what this test committed: the
    PostgreSQL test database itself, or a copy of SQLite's in-memory one."""
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        return f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{params['NAME']}"
    copy = Path(folder) / "worker.sqlite3"
    target = sqlite3.connect(copy)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{copy}"


def read_status(url, key):
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(
                "SELECT status FROM core_outgoingmail WHERE key = ?", [key]
            ).fetchone()[0]
    return OutgoingMail.objects.get(key=key).status


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_process_sends_what_the_site_queued(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    mail_queue(
        kind="test.worker",
        key="test.worker:1",
        to="reader@example.org",
        language="fr",
        subject="Bonjour",
        template="members/email/framework_new_version.txt",
        context={"document": None, "link": reverse_lazy("members:portal")},
    )
    assert DBTaskResult.objects.ready().filter(task_path="menengage.core.mail.mail_deliver").count()
    url = worker_database_url(tmp_path)
    mailbox = tmp_path / "mail"
    finished = subprocess.run(
        [MENENGAGE, "worker", "--batch"],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": url,
            "TASKS_BACKEND": "database",
            "EMAIL_HOST": "",
            "EMAIL_FILE_PATH": str(mailbox),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    messages = [path.read_text() for path in mailbox.glob("*")]
    assert len(messages) == 1
    assert "To: reader@example.org" in messages[0]
    assert "/fr/portal/" in messages[0]
    assert read_status(url, "test.worker:1") == "sent"


def test_the_worker_refuses_a_queue_it_cannot_run(settings):
    from django.core.management import CommandError, call_command

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with pytest.raises(CommandError, match="not the database queue"):
        call_command("worker", batch=True)


@pytest.mark.django_db
def test_a_pages_search_indexing_waits_for_the_worker_which_can_run_it(settings):
    """Wagtail's and modelsearch's tasks are Django's own: they share the queue."""
    from django_tasks_db.models import DBTaskResult
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.models import Page

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    insert_or_update_object_task.enqueue("wagtailcore", "page", Page.objects.first().pk)
    queued = DBTaskResult.objects.get()
    assert queued.task.func is insert_or_update_object_task.func
