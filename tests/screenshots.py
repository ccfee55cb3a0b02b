"""Refresh the README's screenshots (docs/screenshots/*.png) from the real site: the tests never
write them.

    python tests/screenshots.py

Builds content/ into a temporary folder, serves it on 127.0.0.1 and photographs the home page,
an article and the timeline at a phone's width (390 px) and a laptop's (1280 px) with Debian's
Chromium (the same browser the tests drive)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
PAGES = (("home", ""), ("article", "articles/claude-mythos-preview-and-project-glasswing/"), ("timeline", "timeline/"))
SIZES = ((390, 844), (1280, 900))


def main() -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]
    from playwright.sync_api import sync_playwright
    from tools import CHROMIUM_ARGS, chromium_path, serve_folder

    from mythos_site.build.incremental import build
    from mythos_site.build.options import Options

    with tempfile.TemporaryDirectory(prefix="screenshots-") as work:
        site = Path(work) / "site"
        build(ROOT / "content", ROOT / "templates", site, Options(search=True))
        server, url = serve_folder(site)
        SHOTS.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
                for name, path in PAGES:
                    for width, height in SIZES:
                        context = browser.new_context(viewport={"width": width, "height": height},
                                                      device_scale_factor=1)
                        page = context.new_page()
                        page.goto(url + path)
                        page.wait_for_load_state("networkidle")
                        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"))
                        context.close()
                        print(f"docs/screenshots/{name}-{width}.png")
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
