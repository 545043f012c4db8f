"""Helpers shared by the report tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from graph.model import ArticleGraph, Location
from loaders.annotations import load_annotation

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_d0a399db87bfc5a2.gold.json"
ARTIFACTS = ROOT / "artifacts" / "report"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# Real coordinates (WGS84) of the seed's places, added in the tests because the gold annotation has
# none: (lat, lon, precision radius in km). The tunnel excavation site is left without coordinates.
SEED_COORDS = {
    "Nagorno-Karabakh": (39.82, 46.76, 60.0),
    "Baku": (40.4093, 49.8671, 15.0),
    "Tbilisi": (41.7151, 44.8271, 15.0),
    "Georgia": (42.3, 43.4, 250.0),
    "Lachin corridor": (39.63, 46.55, 20.0),
}


def seed_graph(with_coords: bool = False) -> ArticleGraph:
    graph = load_annotation(SEED)
    if with_coords:
        for node in graph.nodes:
            if isinstance(node, Location) and node.name in SEED_COORDS:
                node.lat, node.lon, node.precision_km = SEED_COORDS[node.name]
    return graph


class Page:
    """A report loaded in the browser, with the console messages it logged."""

    def __init__(self, driver: Any, path: Path) -> None:
        self.driver = driver
        self.path = path
        driver.get_log("browser")  # drop whatever an earlier page logged
        driver.get(path.as_uri())
        deadline = time.monotonic() + 30
        while not driver.execute_script("return window.__reportReady === true"):
            if time.monotonic() > deadline:
                raise AssertionError(f"report never became ready; console: {driver.get_log('browser')}")
            time.sleep(0.05)
        self.console: list[dict[str, Any]] = list(driver.get_log("browser"))

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def logs(self) -> list[dict[str, Any]]:
        self.console.extend(self.driver.get_log("browser"))
        return self.console

    def errors(self) -> list[dict[str, Any]]:
        return [m for m in self.logs() if m["level"] == "SEVERE" or "Content Security Policy" in m["message"]]

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        out = ARTIFACTS / f"{name}.png"
        self.driver.save_screenshot(str(out))
        return out


def data_of(html: str) -> dict[str, Any]:
    """The JSON blob embedded in a report page, parsed the way the page parses it."""
    start = html.index('<script type="application/json" id="report-data">') + len(
        '<script type="application/json" id="report-data">'
    )
    end = html.index("</script>", start)
    result: dict[str, Any] = json.loads(html[start:end])
    return result
