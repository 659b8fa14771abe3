import email
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
MENENGAGE = str(Path(sys.executable).parent / "menengage")

VISITOR = "camille.inventee@example.org"


def _manage(server, *args):
    """Run a command against the browser tests' server database (the worker, a shell)."""
    folder = server.mail.parent
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'e2e.sqlite3'}",
        "EMAIL_FILE_PATH": str(server.mail),
    }
    result = subprocess.run(
        [MENENGAGE, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def _mail(server, address):
    """The last message to `address` alone (the file backend writes a whole batch to one file,
    messages separated by a line of dashes)."""
    batch = server.last_mail_to(address)
    raw = [part for part in re.split(r"\n-{79}\n", batch) if f"To: {address}" in part][-1]
    message = email.message_from_bytes(raw.lstrip().encode())
    headers = "\n".join(f"{name}: {value}" for name, value in message.items())
    texts = [
        part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    ]
    return headers + "\n\n" + "\n".join(texts)


SEND_ISSUE = """
from menengage.accounts.models import User
from menengage.communications.models import NewsletterIssue
from menengage.communications.services import newsletter_issue_send
staff = User.objects.get(email="staff@menengage.example")
issue = NewsletterIssue.objects.create(author=staff, topic="news", original_language="en",
    subject={"en": "Meet a member", "fr": "Rencontre avec un membre"},
    text={"en": "Stories.", "fr": "Des histoires de nos membres."})
newsletter_issue_send(issue=issue, actor=staff)
"""

STATUS = """
from menengage.communications.models import Subscriber
print(Subscriber.objects.get(email="%s").status)
"""


def test_visitor_subscribes_in_french_confirms_receives_and_unsubscribes(server, page):
    page.goto(f"{server}/fr/")
    page.locator("#newsletter-email").fill(VISITOR)
    page.locator("footer form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/fr/communications/newsletter/\?email="))
    expect(page.locator("#id_email")).to_have_value(VISITOR)
    expect(page.locator("input[name=languages][value=fr]")).to_be_checked()
    page.locator("#id_consent").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_be_visible()

    # The server's own worker sends it (`_mail` waits for its queue to empty), as in production.
    confirm = re.search(
        r"https?://[^/\s]+(/fr/communications/newsletter/confirm/\S+/)", _mail(server, VISITOR)
    )
    page.goto(f"{server}{confirm.group(1)}")
    page.locator("main form button").click()
    expect(page).to_have_url(re.compile(r"/fr/communications/newsletter/preferences/"))

    _manage(server, "shell", "-c", SEND_ISSUE)
    message = _mail(server, VISITOR)
    assert "Des histoires de nos membres." in message
    assert re.search(r"List-Unsubscribe-Post:\s*List-Unsubscribe=One-Click", message)
    unsubscribe = re.search(r"List-Unsubscribe:\s*<https?://[^/]+(/[^>]+)>", message).group(1)

    # What a mail client does for its "Unsubscribe" button (RFC 8058): one POST, no cookies.
    request = urllib.request.Request(  # noqa: S310 - the test server's own address
        f"{server}{unsubscribe}", data=b"List-Unsubscribe=One-Click", method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200
    assert _manage(server, "shell", "-c", STATUS % VISITOR).split()[-1] == "unsubscribed"
