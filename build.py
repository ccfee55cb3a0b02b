"""Build the site: `python build.py` is the same command line as `mythos-site build`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from mythos_site.cli import run  # noqa: E402

if __name__ == "__main__":
    run()
