import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand

MENENGAGE = str(Path(sys.executable).parent / "menengage")


class Command(BaseCommand):
    help = (
        "Serve the site (gunicorn) and run one background worker together, for one machine or "
        "a laptop; Ctrl-C (or SIGTERM) stops both, and either stopping stops the other."
    )

    def handle(self, *args, **options):
        children = [
            subprocess.Popen([MENENGAGE, "worker"]),
            subprocess.Popen([MENENGAGE, "serve"]),
        ]
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
        if stopping:
            # Ctrl-C in a terminal reaches the children too; a second signal would make the
            # worker abandon the task under way, so give them a moment to stop on their own.
            grace = time.monotonic() + 10
            while time.monotonic() < grace and any(c.poll() is None for c in children):
                time.sleep(0.2)
        for child in children:
            if child.poll() is None:
                child.terminate()
        deadline = time.monotonic() + 15
        for child in children:
            try:
                child.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        failed = [child.returncode for child in children if child.returncode not in (0, -15)]
        sys.exit(1 if failed and not stopping else 0)
