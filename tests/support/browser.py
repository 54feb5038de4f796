"""The Chromium that the tests and the benchmarks drive: one rule for finding it.

Debian's Chromium (`make browser` installs it), else one of the usual names on PATH.
$KOMMUNBUDGET_BROWSER names another executable, or "" for none (what needs a browser then skips).
"""

from __future__ import annotations

import os
import shutil

DEBIAN_CHROMIUM = "/usr/bin/chromium"
ON_PATH = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
NO_BROWSER = (
    "no Chromium found (/usr/bin/chromium, or chromium, chromium-browser or google-chrome on PATH): "
    "install it with `make browser` (as root; it runs `apt-get install -y chromium`)"
)


def find_browser(path: str | None = None, debian: str = DEBIAN_CHROMIUM) -> str | None:
    """$KOMMUNBUDGET_BROWSER if set, else Debian's Chromium, else one on PATH (or on ``path``)."""
    if "KOMMUNBUDGET_BROWSER" in os.environ:
        chosen = os.environ["KOMMUNBUDGET_BROWSER"]
        return shutil.which(chosen, path=path) if chosen else None
    if os.access(debian, os.X_OK):
        return debian
    return next(filter(None, (shutil.which(name, path=path) for name in ON_PATH)), None)
