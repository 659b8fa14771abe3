"""Machine-readable logs: one JSON object a line, one line per request and per task."""

import json
import logging

import pytest

from menengage.core.logs import JsonFormatter, request_log_middleware


def test_a_record_becomes_one_json_line_with_its_fields():
    record = logging.makeLogRecord(
        {"name": "menengage.request", "levelname": "INFO", "msg": "GET / 200", "status": 200}
    )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["logger"] == "menengage.request"
    assert entry["message"] == "GET / 200"
    assert entry["status"] == 200


@pytest.mark.django_db
def test_each_request_and_each_task_write_one_line(rf, caplog):
    from django.http import HttpResponse

    from menengage.core.mail import mail_deliver

    middleware = request_log_middleware(lambda request: HttpResponse(status=204))
    with caplog.at_level(logging.INFO), caplog.at_level(logging.INFO, "menengage.task"):
        middleware(rf.get("/en/library/"))
        mail_deliver.enqueue()
    requests = [r for r in caplog.records if r.name == "menengage.request"]
    tasks = [r for r in caplog.records if r.name == "menengage.task"]
    assert [(r.path, r.status) for r in requests] == [("/en/library/", 204)]
    assert [(r.task, r.outcome) for r in tasks] == [
        ("menengage.core.mail.mail_deliver", "SUCCESSFUL")
    ]


@pytest.mark.django_db
def test_a_server_error_is_reported_to_the_admins_through_the_outbox(settings):
    from menengage.core.models import OutgoingMail

    settings.ADMINS = ["ops@example.org"]
    settings.DEBUG = False
    logging.getLogger("django.request").error("Internal Server Error: /en/", exc_info=False)
    row = OutgoingMail.objects.get(kind="core.error")
    assert row.to == "ops@example.org"
    assert "Internal Server Error" in row.subject
