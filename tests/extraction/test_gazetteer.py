"""Gazetteer: curated places, disputed name pairs, and the ruler that overrides the small model's NER."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.model import Actor, ActorKind, Article, Claim, Location, LocationKind, article_id
from loaders.extract import Extractor
from loaders.gazetteer import default_gazetteer, distance_km


def test_curated_regions_routes_and_disputed_pairs() -> None:
    gaz = default_gazetteer()
    nk = gaz.lookup("Nagorno-Karabakh")[0]
    assert (nk.kind, nk.country) == ("region", "AZE")
    assert gaz.lookup("Lachin corridor")[0].kind == "route"
    assert gaz.lookup("Khankendi")[0].key == gaz.lookup("Stepanakert")[0].key
    # Each side's name of a disputed South China Sea feature is the same place.
    assert gaz.lookup("Ren’ai Jiao")[0].key == gaz.lookup("Ayungin Shoal")[0].key
    assert gaz.lookup("Huangyan Island")[0].name == "Scarborough Shoal"


def test_an_arabic_town_name_without_its_article() -> None:
    gaz = default_gazetteer()
    # English copy drops the article geonames keeps: "Hodeidah" is El-Hodeidah, "Fasher" El Fasher.
    assert [(p.country, p.kind) for p in gaz.lookup("Hodeidah")][:1] == [("YEM", "city")]
    assert gaz.lookup("Fasher")[0].key == gaz.lookup("El Fasher")[0].key
    # Only where Arabic is spoken: Spanish "El Paso" gives no "Paso".
    assert gaz.lookup("El Paso") and not gaz.lookup("Paso")


def test_geonames_cities_and_countries() -> None:
    gaz = default_gazetteer()
    goma = gaz.lookup("Goma")[0]
    assert (goma.kind, goma.country) == ("city", "COD")
    assert gaz.lookup("Azerbaijan")[0].kind == "country"
    # A homonym in a country the article mentions comes first.
    assert gaz.lookup("Odesa", frozenset({"UKR"}))[0].country == "UKR"


def test_distance() -> None:
    gaz = default_gazetteer()
    baku, yerevan = gaz.lookup("Baku")[0], gaz.lookup("Yerevan")[0]
    assert 440 < distance_km(baku, yerevan) < 470


def test_nagorno_karabakh_and_lachin_are_places_not_actors(run) -> None:  # type: ignore[no-untyped-def]
    text = "Residents of Lachin said fighting in Nagorno-Karabakh had stopped."
    ann = run(text)
    places = {loc["name"]: loc for loc in ann["locations"]}
    assert places["Nagorno-Karabakh"]["kind"] == "region"
    assert places["Lachin"]["kind"] == "city"
    assert places["Lachin"]["country"] == "AZE"
    actor_names = {a["name"] for a in ann["actors"]}
    assert "Nagorno-Karabakh" not in actor_names and "Lachin" not in actor_names
    loc = next(n for n in ann["graph"].nodes if isinstance(n, Location) and n.name == "Nagorno-Karabakh")
    assert loc.location_kind is LocationKind.REGION and loc.gazetteer_id == "cur:nagorno-karabakh"
    assert loc.lat is not None and loc.lon is not None


@pytest.mark.slow
def test_user_gazetteer_and_actor_files_extend_the_defaults(tmp_path: Path) -> None:
    places = tmp_path / "places.csv"
    places.write_text("name,aliases,kind,country,lat,lon\nKelvar Pass,Kelvar Gap,route,ARM,40.1,45.2\n")
    actors = tmp_path / "actors.yaml"
    actors.write_text("named:\n  - {name: Kelvar Watch, kind: organisation, aliases: [Kelvar Watch, KW]}\n")
    ex = Extractor(gazetteer_file=places, actors_file=actors)
    text = "Kelvar Watch said two trucks were stopped at the Kelvar Gap on Monday."
    graph = ex.extract(Article(id=article_id(text), text=text, published=date(2025, 5, 20)))
    locs = {n.name: n for n in graph.nodes if isinstance(n, Location)}
    assert locs["Kelvar Pass"].location_kind is LocationKind.ROUTE
    assert locs["Kelvar Pass"].aliases == ["Kelvar Gap"]
    claims = [n for n in graph.nodes if isinstance(n, Claim)]
    speaker = next(n for n in graph.nodes if isinstance(n, Actor) and n.id == claims[0].claimant_id)
    assert (speaker.name, speaker.actor_kind) == ("Kelvar Watch", ActorKind.ORGANISATION)


def test_a_foreign_towns_old_alternate_name_is_not_read_in_another_countrys_article() -> None:
    gaz = default_gazetteer()
    # "Boni" is also an alternate name of Bonn; in an article about Mali it is not Bonn.
    assert [p.name for p in gaz.lookup("Boni")][:1] == ["Bonn"]
    assert all(p.country != "DEU" for p in gaz.lookup("Boni", frozenset({"MLI"})))
    # The same name without its accents, and the name with "City", are still the town.
    assert [p.country for p in gaz.lookup("Kandahar", frozenset({"PAK"}))][:1] == ["AFG"]
    assert [p.country for p in gaz.lookup("Borno", frozenset({"NGA"}))][:1] != ["DEU"]


def test_no_distance_to_a_country_or_a_part_of_it_named_by_a_compass_word(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("A drone struck a car near Tyre in southern Lebanon on Monday. Lebanon condemned the strike.")
    names = {n.id: n.name for n in ann["graph"].nodes if isinstance(n, Location)}
    near = {
        names[e.target]: e.props["distance_km"]
        for e in ann["graph"].edges
        if e.type.value == "OCCURRED_NEAR" and e.target in names
    }
    # Lebanon's point is Beirut: "southern Lebanon" gets no point, so no made-up distance from Tyre.
    assert near == {"Tyre": 0.0, "southern Lebanon": None}
