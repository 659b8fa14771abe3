"""Browser tests: the real server (gunicorn, whitenoise) on the demo alliance, in Debian's Chromium.

The server runs from a temporary SQLite database built with the same commands as `make run`.
The demo is built once per run (menengage.testing.demo_site) and each xdist worker serves a
copy of its own: the tests write to it.
"""

import contextlib
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from menengage.testing.browser import chromium_path
from menengage.testing.demo_site import build, built_for_run, environment

ROOT = Path(__file__).resolve().parent.parent
# The site's languages, as settings lists them (settings import without Django set up).
sys.path.insert(0, str(ROOT))
from config.settings import LANGUAGES as _LANGUAGES  # noqa: E402

SITE_LANGUAGES = [code for code, _name in _LANGUAGES]
MENENGAGE = str(Path(sys.executable).parent / "menengage")
CHROMIUM = chromium_path()
# Without these, Chromium reaches for Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Server(str):
    """The server's base URL, which also knows where its outgoing mail lands."""

    def __new__(cls, base, mail, database):
        server = super().__new__(cls, base)
        server.mail = mail
        server.database = database
        return server

    def drain(self, timeout=20):
        """Wait until the worker has run every waiting task and sent every queued message."""
        deadline = time.monotonic() + timeout
        while True:
            with sqlite3.connect(self.database, timeout=10) as db:
                waiting = db.execute(
                    "SELECT (SELECT count(*) FROM django_tasks_database_dbtaskresult"
                    " WHERE status IN ('READY', 'RUNNING'))"
                    " + (SELECT count(*) FROM core_outgoingmail"
                    " WHERE status IN ('queued', 'sending'))"
                ).fetchone()[0]
            if not waiting:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{waiting} tasks or messages still waiting")
            time.sleep(0.2)

    def last_mail_to(self, address):
        self.drain()
        messages = sorted(self.mail.glob("*.log"), key=lambda path: path.stat().st_mtime)
        for message in reversed(messages):
            text = message.read_text()
            if f"To: {address}" in text:
                return text
        raise AssertionError(f"no mail to {address}")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def demo_server():
    """The demo alliance served by gunicorn with a worker, from a temporary SQLite database
    built with the same commands as `make run` (or a copy of the one built for this run);
    yields its `Server`. Also used by scripts/screenshots.py."""
    folder = Path(tempfile.mkdtemp(prefix="menengage-e2e-"))
    port = _free_port()
    env = environment(folder)
    built = built_for_run()
    if built:
        shutil.copytree(built, folder, dirs_exist_ok=True)
    else:
        build(folder, env)
    process = subprocess.Popen(
        [MENENGAGE, "serve", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Mail and file text extraction leave through the queue, as in production.
    worker = subprocess.Popen(
        [MENENGAGE, "worker", "--interval", "0.5"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Two processes start on a shared, busy machine.
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield Server(base, folder / "mail", folder / "e2e.sqlite3")
    finally:
        for child in (process, worker):
            child.terminate()
        for child in (process, worker):
            # A busy machine can keep gunicorn's graceful shutdown past a few seconds.
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(timeout=10)


@pytest.fixture(scope="session")
def server():
    with demo_server() as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


DEMO_PASSWORD = "menengage-demo"  # the published password of every demo account
# The published TOTP secret of demo accounts that need two-factor sign-in
# (menengage.core.demodata.DEMO_TOTP_SECRET; not imported: these tests run without Django).
DEMO_TOTP_SECRET = "MENENGAGEDEMOTOTPSECRETFORTRYING"  # noqa: S105
_last_totp_step = {}  # a code is accepted once: the next sign-in of an account uses a later one


def next_totp_code(email):
    import pyotp

    totp = pyotp.TOTP(DEMO_TOTP_SECRET)
    current = int(time.time() // totp.interval)
    # The server accepts one step ahead; beyond that, wait for the clock.
    step = max(current, _last_totp_step.get(email, current - 1) + 1)
    while step > int(time.time() // totp.interval) + 1:
        time.sleep(1)
    _last_totp_step[email] = step
    return totp.at(step * totp.interval)


def sign_in_through_form(page, base, email, password=DEMO_PASSWORD):
    """Sign a demo account in through the real form, as a person does, giving the two-factor
    code when the site asks for one; leaves the page where sign-in lands."""
    page.goto(f"{base}/en/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/two-factor/" in page.url:
        page.get_by_label("Code").fill(next_totp_code(email))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(lambda url: "/accounts/" not in url)


@pytest.fixture
def sign_in(server):
    """`sign_in(page, email)` signs a demo account in through the real form.

    Every browser test signs in through here, so a change to the sign-in steps is made once.
    """

    def sign_in(page, email, password=DEMO_PASSWORD):
        sign_in_through_form(page, server, email, password)

    return sign_in
