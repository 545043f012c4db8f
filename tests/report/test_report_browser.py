"""The HTML report in a real headless Chromium: the seed's timeline, chains and map, keyboard, print and
the script-injection test. Screenshots of every view go to artifacts/report/."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from report_support import seed_graph

from graph import open_store
from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    Claim,
    Edge,
    EdgeType,
    Evidence,
    Incident,
    Stance,
    TimeSpan,
)
from graph.store import GraphStore
from graph.taxonomy import IncidentType
from queries.report import build_report

GENERATED = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC)
GROUP_BY_TYPE = (
    "var s = document.getElementById('group-by'); s.value = 'type'; s.dispatchEvent(new Event('change'));"
)
GRAPH_EDGES = (
    "return window.__report.cy.edges().map(function (e) {"
    " return [e.classes().join(' '), e.source().id(), e.target().id()]; });"
)
MAP_PINS = (
    "return Array.from(document.querySelectorAll('#map .map-pin'))"
    ".map(function (m) { return m.getAttribute('data-incident'); });"
)


def _ids(store: GraphStore) -> dict[str, str]:
    """Seed node ids by a short name (the summary or quote words that identify them)."""
    words = {
        "war90": "ethnic Armenian majority broke away",
        "war2020": "2020 war",
        "blockade": "restricted the Lachin corridor",
        "aid": "Food and medicine",
        "mine4": "tunnel excavation site, killing four",
        "mine2": "Another mine killed two",
        "gps": "GPS system of a passenger plane",
        "gps_claim": 'accused "illegal Armenian armed groups" of jamming',
        "lies": "absolute lies",
        "blockade_claim": "humanitarian disaster caused by Baku",
    }
    out: dict[str, str] = {}
    for n in store.iter_nodes():
        text = n.summary if isinstance(n, Incident) else n.quote if isinstance(n, Claim) else ""
        for key, w in words.items():
            if w in text:
                out[key] = n.id
    assert len(out) == len(words), out
    return out


def test_seed_report_loads_without_console_errors_and_shows_every_view(
    open_page: Any, located_store: GraphStore
) -> None:
    page = open_page(build_report(located_store, generated_at=GENERATED), "seed")
    page.screenshot("timeline")
    for view in ("claims", "map", "sources", "about"):
        page.driver.find_element("id", f"tab-{view}").click()
        assert page.js(f"return document.getElementById('view-{view}').hidden") is False
        assert page.js("return document.getElementById('view-timeline').hidden") is True
        page.screenshot(view)
    assert page.errors() == []
    # Only the page's own five script elements exist (the head switch, two data blocks, the libraries,
    # the page code).
    assert page.js("return document.scripts.length") == 5


def test_timeline_shows_the_seven_incidents_in_time_order(open_page: Any, seed_store: GraphStore) -> None:
    ids = _ids(seed_store)
    page = open_page(build_report(seed_store, generated_at=GENERATED), "order")
    # Grouped by type every incident is drawn exactly once.
    page.js(GROUP_BY_TYPE)
    items = page.js(
        """return Array.from(document.querySelectorAll('#timeline .vis-item .item-label[data-incident]'))
             .map(function (e) { var it = e.closest('.vis-item'), r = it.getBoundingClientRect();
               return [e.getAttribute('data-incident'), r.left, r.width, it.className]; });"""
    )
    assert len(items) == 7
    items.sort(key=lambda x: x[1])
    order = [x[0] for x in items]
    assert order[:4] == [ids["war90"], ids["war2020"], ids["blockade"], ids["aid"]]
    assert set(order[4:]) == {ids["mine4"], ids["mine2"], ids["gps"]}
    lefts = [x[1] for x in items]
    assert lefts[4] == lefts[5] == lefts[6]  # the three incidents of 2023-09-19 start on the same day
    by_id = {x[0]: x for x in items}
    # Uncertain dates are bands over their whole span: "early 1990s" is five years, 2020 one year.
    assert "prec-range" in by_id[ids["war90"]][3] and "prec-year" in by_id[ids["war2020"]][3]
    assert "prec-day" in by_id[ids["gps"]][3]
    assert by_id[ids["war90"]][2] > 4 * by_id[ids["war2020"]][2] > 4 * by_id[ids["aid"]][2]
    assert "disputed" in by_id[ids["gps"]][3] and "disputed" not in by_id[ids["aid"]][3]
    # Hover shows the summary, casualty range and sources.
    from selenium.webdriver.common.action_chains import ActionChains

    mine = page.driver.find_element("css selector", f'.item-label[data-incident="{ids["mine4"]}"]')
    ActionChains(page.driver).move_to_element(mine).perform()
    detail = page.driver.find_element("id", "incident-detail").text
    assert "killing four employees" in detail and "killed 4 (1 figure from 1 source)" in detail
    assert "1 article, 1 independent" in detail
    assert page.errors() == []


def test_selecting_the_gps_accusation_shows_its_quote_and_the_denial(
    open_page: Any, seed_store: GraphStore
) -> None:
    from selenium.webdriver.support.ui import Select

    ids = _ids(seed_store)
    page = open_page(build_report(seed_store, generated_at=GENERATED), "chains")
    page.driver.find_element("id", "tab-claims").click()
    Select(page.driver.find_element("id", "chain-select")).select_by_value(ids["gps_claim"])
    detail = page.driver.find_element("id", "claim-detail")
    quote = detail.find_element("css selector", "blockquote").text
    assert quote == (
        'the Azerbaijani Ministry of Defense accused "illegal Armenian armed groups" of jamming the GPS '
        "system of a passenger plane"
    )
    assert "2023-09-19" in detail.text and "On Tuesday" in detail.text
    replies = detail.find_element("css selector", ".replies").text
    assert "Karabakh Armenian authorities denies" in replies and "absolute lies" in replies
    # The graph links the denial to the accusation, and the counter-accusation to the denial.
    edges = page.js(GRAPH_EDGES)
    assert ["deny", ids["lies"], ids["gps_claim"]] in edges
    assert ["counter", ids["lies"], ids["blockade_claim"]] in edges
    # Following the chain: first accusation -> denial -> counter-accusation (last reply).
    page.driver.find_element("id", "chain-next").click()
    assert (
        'described this accusation as "absolute lies"' in page.driver.find_element("id", "claim-detail").text
    )
    assert "Replying to" in page.driver.find_element("id", "claim-detail").text
    page.driver.find_element("id", "chain-last").click()
    assert "humanitarian disaster caused by Baku" in page.driver.find_element("id", "claim-detail").text
    page.driver.find_element("id", "chain-first").click()
    assert (
        "of jamming the GPS system"
        in page.driver.find_element("css selector", "#claim-detail blockquote").text
    )
    # A tap on the graph node selects the claim too.
    page.js(f"window.__report.cy.$id('{ids['lies']}').emit('tap')")
    assert "absolute lies" in page.driver.find_element("css selector", "#claim-detail blockquote").text
    page.screenshot("claims-gps")
    assert page.errors() == []


def test_chain_search_finds_a_chain_by_any_of_its_claims(open_page: Any, seed_store: GraphStore) -> None:
    import time

    ids = _ids(seed_store)
    page = open_page(build_report(seed_store, generated_at=GENERATED), "chain-search")
    page.driver.find_element("id", "tab-claims").click()
    options = (
        "return Array.from(document.querySelectorAll('#chain-select option'))"
        ".map(function (o) { return o.value; });"
    )
    every = [v for v in page.js(options) if v != "__all"]
    assert ids["gps_claim"] in every and len(every) > 1

    def search(text: str) -> list[str]:
        from selenium.webdriver.common.keys import Keys

        box = page.driver.find_element("id", "chain-search")
        box.send_keys(Keys.CONTROL, "a")  # typed over, as a user would, so the page sees input events
        box.send_keys(Keys.BACKSPACE)
        box.send_keys(text)
        time.sleep(0.6)  # the list is refilled after a 150 ms pause in typing
        return list(page.js(options))

    # "absolute lies" is the denial's words: the search finds the chain of the accusation it denies.
    assert search("Absolute LIES") == [ids["gps_claim"]]
    count = page.driver.find_element("id", "chain-count").text
    assert count == f"1 of {len(every)} chains match"
    assert (
        "of jamming the GPS system"
        in page.driver.find_element("css selector", "#claim-detail blockquote").text
    )
    assert search("lies nowhere-in-the-seed") == []
    assert page.driver.find_element("id", "chain-count").text == f"0 of {len(every)} chains match"
    assert [v for v in search("") if v != "__all"] == every
    assert page.errors() == []


def test_map_has_a_marker_per_located_incident_and_selects_it_on_the_timeline(
    open_page: Any, located_store: GraphStore
) -> None:
    ids = _ids(located_store)
    page = open_page(build_report(located_store, generated_at=GENERATED), "map")
    page.driver.find_element("id", "tab-map").click()
    markers = page.js(MAP_PINS)
    # Every seed incident is at a place with coordinates once the test adds them (the mine near the
    # tunnel site, which has none, falls back to Nagorno-Karabakh it also occurred near).
    assert sorted(markers) == sorted(
        ids[k] for k in ("war90", "war2020", "blockade", "aid", "mine4", "mine2", "gps")
    )
    circles = page.js("return document.querySelectorAll('#map path.leaflet-interactive, #map canvas').length")
    assert circles >= 1
    assert "7 of 7 incidents have coordinates" in page.driver.find_element("id", "map-note").text
    page.driver.find_element("css selector", f'.map-pin[data-incident="{ids["gps"]}"]').click()
    selected = page.js("return window.__report.timeline.getSelection()")
    assert selected and all(s.startswith(ids["gps"] + "@@") for s in selected)
    detail = page.driver.find_element("id", "map-detail").text
    assert "GPS system of a passenger plane" in detail and "Baku" in detail
    page.driver.find_element("css selector", f'.map-pin[data-incident="{ids["mine4"]}"]').click()
    assert (
        "tunnel excavation site (no coordinates; mapped at Nagorno-Karabakh)"
        in page.driver.find_element("id", "map-detail").text
    )
    page.screenshot("map-selected")
    assert page.errors() == []


def test_compressed_data_gives_the_same_timeline(open_page: Any, seed_store: GraphStore) -> None:
    html = build_report(seed_store, generated_at=GENERATED, gzip_above=0)
    assert 'data-encoding="gzip+base64"' in html
    page = open_page(html, "gzip")
    page.js(GROUP_BY_TYPE)
    shown = page.js("return document.querySelectorAll('#timeline .item-label[data-incident]').length")
    assert shown == 7
    assert page.errors() == []


def test_map_without_coordinates_says_so(open_page: Any, seed_store: GraphStore) -> None:
    page = open_page(build_report(seed_store, generated_at=GENERATED), "nomap")
    page.driver.find_element("id", "tab-map").click()
    assert page.js("return document.querySelectorAll('#map .map-pin').length") == 0
    assert page.driver.find_element("id", "map-note").text.startswith("0 of 7 incidents have coordinates")
    assert page.errors() == []


def test_keyboard_moves_through_tabs_and_incidents(open_page: Any, seed_store: GraphStore) -> None:
    from selenium.webdriver.common.keys import Keys

    ids = _ids(seed_store)
    page = open_page(build_report(seed_store, generated_at=GENERATED), "keys")
    tl = page.driver.find_element("id", "timeline")
    tl.send_keys(Keys.ARROW_RIGHT)
    assert (
        "War after which the ethnic Armenian majority"
        in page.driver.find_element("id", "incident-detail").text
    )
    tl.send_keys(Keys.ARROW_RIGHT)
    assert "2020 war" in page.driver.find_element("id", "incident-detail").text
    assert all(
        s.startswith(ids["war2020"]) for s in page.js("return window.__report.timeline.getSelection()")
    )
    tab = page.driver.find_element("id", "tab-timeline")
    tab.send_keys(Keys.ARROW_RIGHT)
    assert page.js("return document.activeElement.id") == "tab-claims"
    assert page.js("return document.getElementById('view-claims').hidden") is False
    page.driver.switch_to.active_element.send_keys(Keys.END)
    assert page.js("return document.activeElement.id") == "tab-about"


def test_without_javascript_the_timeline_and_claims_are_tables(browser: Any, tmp_path: Any) -> None:
    store = open_store("memory://")
    store.write_article(seed_graph())
    page_file = tmp_path / "nojs.html"
    page_file.write_text(build_report(store, generated_at=GENERATED), encoding="utf-8")
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(page_file.as_uri())
        rows = browser.find_elements("css selector", "#timeline-table tbody tr")
        assert [r.is_displayed() for r in rows] == [True] * 7
        assert (
            "early 1990s" in rows[0].text
            and "GPS system" in browser.find_element("css selector", "#timeline-table tbody tr.disputed").text
        )
        claims = browser.find_element("id", "claims-table")
        assert claims.is_displayed() and "absolute lies" in claims.text
        for hidden in ("timeline", "tabs", "cy", "map"):
            assert not browser.find_element("id", hidden).is_displayed(), hidden
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_print_puts_the_timeline_and_chains_on_paper(open_page: Any, seed_store: GraphStore) -> None:
    page = open_page(build_report(seed_store, generated_at=GENERATED), "print")
    page.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        visible = page.js(
            """function shown(sel) { var e = document.querySelector(sel);
                 return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'; }
               return [shown('#timeline-table tbody tr'), shown('#claims-table tbody tr'), shown('#timeline'),
                       shown('#tabs'), shown('#view-claims')];"""
        )
        assert visible == [True, True, False, False, True]
    finally:
        page.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


EVIL_QUOTE = (
    "<script>window.__pwned=1</script> and </script><script>window.__pwned=2</script>"
    "<!-- <img src=x onerror=window.__pwned=3>"
)


def _evil_store() -> GraphStore:
    """The seed plus an article whose title, names, summary, quote and URL all carry markup."""
    store = open_store("memory://")
    store.write_article(seed_graph(with_coords=True))
    art = Article(
        id="art_evil",
        title='</script><script>window.__pwned=4</script><b onmouseover="window.__pwned=5">title</b>',
        url="javascript:window.__pwned=6",
        outlet="<svg onload=window.__pwned=7>",
        published=dt.date(2023, 9, 20),
    )
    accuser = Actor(id="act_evil", name="<img src=x onerror=window.__pwned=8>", actor_kind=ActorKind.PERSON)
    inc = Incident(
        id="inc_evil",
        incident_type=IncidentType.OTHER,
        summary="<iframe srcdoc='<script>parent.__pwned=9</script>'></iframe>",
        event_time=TimeSpan.day(dt.date(2023, 9, 20), raw="<script>window.__pwned=10</script>"),
    )
    claim = Claim(
        id="clm_evil",
        claimant_id=accuser.id,
        stance=Stance.ACCUSE,
        about_id=inc.id,
        quote=EVIL_QUOTE,
        claim_time=TimeSpan.day(dt.date(2023, 9, 20)),
        evidence=[Evidence(article_id=art.id, sentence=0, start=0, end=len(EVIL_QUOTE), quote=EVIL_QUOTE)],
    )
    store.write_article(
        ArticleGraph(
            article=art,
            nodes=[accuser, inc, claim],
            edges=[
                Edge(type=EdgeType.MADE, source=accuser.id, target=claim.id),
                Edge(type=EdgeType.ABOUT, source=claim.id, target=inc.id),
                Edge(type=EdgeType.REPORTED_IN, source=claim.id, target=art.id),
                Edge(type=EdgeType.REPORTED_IN, source=inc.id, target=art.id),
                Edge(type=EdgeType.INVOLVES, source=inc.id, target=accuser.id, props={"role": "party"}),
            ],
            source_key=art.id,
        )
    )
    return store


@pytest.mark.parametrize(
    ("csp", "gzip_above"),
    [(True, 10**9), (False, 10**9), (False, 0)],
    ids=["with-csp", "escaping-alone", "escaping-alone-gzip-data"],
)
def test_markup_in_quotes_and_names_shows_as_text_and_never_runs(
    open_page: Any, csp: bool, gzip_above: int
) -> None:
    html = build_report(_evil_store(), generated_at=GENERATED, gzip_above=gzip_above)
    if not csp:
        # The page's Content-Security-Policy would also block an injected script; take it out to prove
        # that the escaping alone keeps the markup inert.
        start = html.index('<meta http-equiv="Content-Security-Policy"')
        html = html[:start] + html[html.index(">", start) + 1 :]
    page = open_page(html, f"evil-{csp}-{gzip_above}")
    assert page.js("return document.scripts.length") == 5
    page.js("window.__report.selectIncident('inc_evil')")
    page.driver.find_element("id", "tab-claims").click()
    page.js("window.__report.selectClaim('clm_evil')")
    for view in ("map", "sources", "about", "timeline"):
        page.driver.find_element("id", f"tab-{view}").click()
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(page.driver).move_to_element(
        page.driver.find_element("css selector", "#incident-detail h3")
    ).perform()
    assert page.js("return window.__pwned === undefined && window.parent.__pwned === undefined") is True
    # The quote is shown verbatim, as text, in the chain detail and in the no-script table.
    assert page.js("return document.querySelector('#claim-detail blockquote').textContent") == EVIL_QUOTE
    # Its source: title (as text), outlet and the sentence offsets of the quote.
    source = page.js("return document.querySelector('#claim-detail dl').textContent")
    assert f"sentence 0, characters 0\u2013{len(EVIL_QUOTE)}" in source
    assert "window.__pwned=4" in source and "<svg onload=window.__pwned=7>" in source
    cell = page.js("return document.querySelector('tr[data-claim=\"clm_evil\"] td.quote').textContent")
    assert cell == EVIL_QUOTE
    live = "iframe, svg [onload], img[onerror], a[href^='javascript']"
    assert page.js(f'return document.querySelectorAll("{live}").length') == 0
    # The javascript: URL is shown as text, never as a link.
    assert "javascript:window.__pwned=6 (not a web link)" in page.js(
        "return document.getElementById('sources-table').textContent"
    )
    assert [m for m in page.logs() if m["level"] == "SEVERE"] == []
