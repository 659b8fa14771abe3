"""Filters for the project's log handlers."""

import logging

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404

# Answers the application gives on purpose: the visitor asked for something missing, refused
# or malformed. Their traceback says nothing about a fault and buries the real ones.
EXPECTED_REFUSALS = (PermissionDenied, Http404, SuspiciousOperation, BadRequest)


class ExpectedRefusalsOnOneLine(logging.Filter):
    """Keep a 4xx refusal's one-line record (status, path or reason) and drop its traceback;
    server errors keep theirs."""

    def filter(self, record):
        exception = record.exc_info[1] if record.exc_info else None
        if isinstance(exception, EXPECTED_REFUSALS):
            record.exc_info = None
            record.exc_text = None
        return True
