"""The README's screenshots: the workspace (My MenEngage) and an organisation page, each at
360 px and 1280 px wide, taken in Debian's Chromium and saved under docs/screenshots/ as
palette PNGs (a few tens of kilobytes each).

    .venv/bin/python scripts/screenshots.py                # builds and serves the demo itself
    .venv/bin/python scripts/screenshots.py --base http://127.0.0.1:8000   # a demo already served

The workspace is a demo member representative's (signing in as a person who needs a second
factor works too: the code comes from the published demo secret, as in the browser tests).
"""

import argparse
import contextlib
import io
import re
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from e2e.conftest import CHROMIUM, CHROMIUM_ARGS, demo_server, sign_in_through_form  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WIDTHS = {"phone": 360, "desktop": 1280}
# A member representative whose organisation has a framework version and declarations to sign
# and a working group.
PERSONA = "activities.lead@menengage.example"
# Long pages are cut here: the top of a page is what a reader looks at.
MAX_HEIGHT = 2200


def _save(png, path):
    """Quantised to 256 colours (flat page colours survive; the file shrinks several times)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.crop((0, 0, image.width, min(image.height, MAX_HEIGHT)))
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


def _organisation_address(page, base):
    """The first organisation the directory lists."""
    page.goto(f"{base}/en/members/")
    hrefs = page.locator("main a[href^='/en/members/']").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    return next(href for href in hrefs if re.fullmatch(r"/en/members/[\w-]+/", href))


def take(base):
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, width in WIDTHS.items():
            context = browser.new_context(
                locale="en-GB", viewport={"width": width, "height": 800}, device_scale_factor=1
            )
            page = context.new_page()
            organisation = _organisation_address(page, base)
            page.goto(f"{base}{organisation}")
            _save(page.screenshot(full_page=True), OUT / f"organisation-{label}.png")
            sign_in_through_form(page, base, PERSONA)
            page.goto(f"{base}/en/me/")
            _save(page.screenshot(full_page=True), OUT / f"workspace-{label}.png")
            context.close()
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="a running demo site; without it, one is built")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        base = args.base or stack.enter_context(demo_server())
        take(str(base))


if __name__ == "__main__":
    main()
