"""Secrets a page shows once after a form made them (a concern's receipt, an API token).

The form's post stores the secret in the session and redirects; the page that follows takes it
out as it shows it. A refresh then shows nothing and makes nothing again (post, redirect, get),
and the secret stays in the session only between the two requests.
"""

PREFIX = "shown-once:"


def shown_once_keep(request, *, key, value):
    """Hold `value` (JSON-serialisable) for the next page to show once."""
    request.session[PREFIX + key] = value


def shown_once_take(request, *, key):
    """The value held under `key`, removed from the session; None when already shown."""
    return request.session.pop(PREFIX + key, None)
