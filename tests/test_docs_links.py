"""Every internal link of the built site resolves: the target file exists and so does the anchor.

Runs on ``docs/_build/html`` as ``make docs`` (which ``make test`` runs first) left it; when the
site has not been built it skips, saying so.  External links (``http:``, ``https:``, ``mailto:``)
are not followed: CI has no network.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

SITE = Path(__file__).resolve().parent.parent / "docs" / "_build" / "html"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if value and ((tag == "a" and name == "href") or (tag in ("img", "script") and name == "src")):
                self.links.append(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def test_internal_links_resolve() -> None:
    if not (SITE / "index.html").exists():
        pytest.skip("the site is not built here (run `make docs`)")
    pages = {p: _parse(p) for p in SITE.rglob("*.html")}
    broken = []
    checked = 0
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "javascript:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{path.relative_to(SITE)}: {link} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(SITE)}: {link} (no anchor)")
    assert checked > 1000
    assert not broken, "\n".join(broken[:50])


def test_the_walkthrough_is_built_from_a_real_run() -> None:
    page = SITE / "ftrace.html"
    if not page.exists():
        pytest.skip("the site is not built here (run `make docs`)")
    text = page.read_text()
    assert "v6-race.svg" in text
    assert re.search(r"FAILED: design v6", text)
    assert text.count("verified") >= 6
