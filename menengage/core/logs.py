"""Logs a machine can read: with LOG_FORMAT=json every record is one JSON object a line, with
one line per request (`menengage.request`: method, path, status, duration) and one per task
(`menengage.task`: task, id, status, duration), for a log collector to index. Server errors
are mailed to ADMINS through the outbox.
"""

import json
import logging
import time
import uuid

from django.utils import timezone
from django.utils.log import AdminEmailHandler

FIELDS = ("method", "path", "status", "duration_ms", "task", "task_id", "outcome")

request_logger = logging.getLogger("menengage.request")
task_logger = logging.getLogger("menengage.task")


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message and the fields above."""

    def format(self, record):
        entry = {
            "time": timezone.datetime.fromtimestamp(record.created, tz=timezone.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({name: getattr(record, name) for name in FIELDS if hasattr(record, name)})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def request_log_middleware(get_response):
    """One line per request (installed with LOG_FORMAT=json, in place of gunicorn's own)."""

    def middleware(request):
        started = time.monotonic()
        response = get_response(request)
        duration = round((time.monotonic() - started) * 1000, 1)
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration,
            },
        )
        return response

    return middleware


def task_log(sender, task_result, **kwargs):
    """One line per finished task (the `task_finished` signal)."""
    started, finished = task_result.started_at, task_result.finished_at
    duration = (
        round((finished - started).total_seconds() * 1000, 1) if started and finished else None
    )
    level = logging.ERROR if task_result.status == "FAILED" else logging.INFO
    path = getattr(task_result.task, "module_path", str(task_result.task))
    task_logger.log(
        level,
        "task %s %s",
        path,
        task_result.status,
        extra={
            "task": path,
            "task_id": str(task_result.id),
            "outcome": str(task_result.status),
            "duration_ms": duration,
        },
    )


class QueuedAdminEmailHandler(AdminEmailHandler):
    """Django's error mail to ADMINS, sent through the outbox like every other message, so a
    slow or failing mail server neither delays the error page nor loses the report."""

    def send_mail(self, subject, message, *args, **kwargs):
        from django.conf import settings

        from .mail import mail_key, mail_queue

        report = uuid.uuid4().hex
        for address in settings.ADMINS:
            mail_queue(
                kind="core.error",
                key=mail_key("core.error", report, address),
                to=address,
                language=settings.LANGUAGE_CODE,
                subject=subject,
                template="core/email/error.txt",
                context={"message": message},
            )
