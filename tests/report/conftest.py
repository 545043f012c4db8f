"""Fixtures for the HTML report tests: the seed graph (plain and with real coordinates) and a headless
Debian Chromium driven by Selenium through /usr/bin/chromedriver.

Without /usr/bin/chromium the browser tests skip with the reason, except under CI=true, where they fail:
CI installs the Debian packages ``chromium`` and ``chromium-driver`` (test tools' own browser downloads do
not work here)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_support import CHROMEDRIVER, CHROMIUM, Page, seed_graph

from graph import open_store
from graph.store import GraphStore


@pytest.fixture
def seed_store() -> Iterator[GraphStore]:
    store = open_store("memory://")
    store.write_article(seed_graph())
    yield store
    store.close()


@pytest.fixture
def located_store() -> Iterator[GraphStore]:
    store = open_store("memory://")
    store.write_article(seed_graph(with_coords=True))
    yield store
    store.close()


def _browser_missing() -> str | None:
    for exe in (CHROMIUM, CHROMEDRIVER):
        if not Path(exe).exists():
            return f"{exe} not found (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests must run under CI: {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="cg-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1400,1000",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def open_page(browser: Any, tmp_path: Path) -> Any:
    def _open(html: str, name: str = "report") -> Page:
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        return Page(browser, path)

    return _open
