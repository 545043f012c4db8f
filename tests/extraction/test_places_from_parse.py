"""Places the small model mislabels as persons or organisations, recovered from the parse.

Sentences are written for these tests; the town names are invented so no gazetteer entry helps.
"""

from __future__ import annotations

from typing import Any

import pytest


def _names(items: list[dict[str, Any]]) -> set[str]:
    return {n for item in items for n in (item["name"], *item["aliases"])}


def test_object_of_a_settlement_noun_is_a_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("A drone hit a car on the road between Nabatieh and the village of Kfar Roummane on Monday.")
    places = _names(ann["locations"])
    assert "Kfar Roummane" in places
    assert "Kfar Roummane" not in _names(ann["actors"])


def test_object_of_a_site_noun_is_a_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Two shells fell on the weekly market of Toroumbi on Saturday, residents said.")
    assert "Toroumbi" in _names(ann["locations"])
    assert "Toroumbi" not in _names(ann["actors"])


def test_apposition_to_a_settlement_noun_is_a_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Soldiers later shelled Ywa Kyaung, a village about five kilometres to the east.")
    assert "Ywa Kyaung" in _names(ann["locations"])
    assert "Ywa Kyaung" not in _names(ann["actors"])


def test_dateline_in_capitals_is_a_place_not_an_organisation(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("GAROWE — Two soldiers were killed on Wednesday, officials said.")
    assert "GAROWE" in _names(ann["locations"])
    assert "GAROWE" not in _names(ann["actors"])


@pytest.mark.parametrize("dateline", ["NAIROBI — ", "QAMISHLI, Syria — "])
def test_a_dateline_without_date_or_agency_is_split_off(run, dateline: str) -> None:  # type: ignore[no-untyped-def]
    ann = run(dateline + "A roadside bomb killed three soldiers near the market on Monday, police said.")
    assert [c["quote"] for c in ann["claims"]] == [
        "A roadside bomb killed three soldiers near the market on Monday, police said"
    ]
    assert dateline.split(",")[0].split()[0] in _names(ann["locations"])
    assert not any(a["kind"] == "state" for a in ann["actors"]), ann["actors"]


@pytest.mark.parametrize(
    "dateline",
    ["KHARTOUM, June 3 (Reuters) - ", "KYIV, Ukraine (AP) — ", "BEIRUT (AFP) - "],
)
def test_the_agency_of_a_dateline_is_not_an_actor(run, dateline: str) -> None:  # type: ignore[no-untyped-def]
    ann = run(dateline + "Shelling killed four people in a market on Sunday, the health ministry said.")
    assert [a["name"] for a in ann["actors"]] == ["Ministry of Health"]
    assert [c["claimant_name"] for c in ann["claims"]] == ["Ministry of Health"]
    # The agency's own reporting in the body is still a source ("Reuters reported") — only the dateline
    # is furniture.
    body = run("BEIRUT (AFP) - Two soldiers were killed, Reuters reported, citing a security source.")
    assert "Reuters" in _names(body["actors"])


def test_named_groups_and_acronyms_stay_actors(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "The army blamed the Kivu Renewal Front for the attack near the market. "
        "Talks between the government and the KRF collapsed in Luanda."
    )
    actors = _names(ann["actors"])
    assert "Kivu Renewal Front" in actors or "the Kivu Renewal Front" in actors
    assert "KRF" not in _names(ann["locations"])
    assert "Kivu Renewal Front" not in _names(ann["locations"])


def _location(ann: dict[str, Any], alias: str) -> dict[str, Any]:
    found = [loc for loc in ann["locations"] if alias in loc["aliases"]]
    assert found, f"{alias!r} not among {[loc['aliases'] for loc in ann['locations']]}"
    return found[0]


def test_a_site_in_a_named_town_is_its_own_place_and_the_incident_is_there(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Two shells struck a crowded market in the town of Masisi on Sunday, killing five people. "
        "Witnesses said the market had been full of traders."
    )
    site = _location(ann, "a crowded market in the town of Masisi")
    assert site["kind"] == "site" and site["country"] == "COD"
    assert "the market" in site["aliases"]
    shelling = [i for i in ann["incidents"] if i["type"] == "shelling"]
    assert shelling and shelling[0]["location"] == site["id"]


def test_a_road_between_two_places_is_a_route(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("A roadside bomb hit a bus on the road between Mogadishu and Afgooye on Tuesday.")
    route = _location(ann, "the road between Mogadishu and Afgooye")
    assert route["kind"] == "route" and route["country"] == "SOM"


def test_a_place_name_compounded_with_a_site_noun(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("A drone struck a motorcycle near the Qamishli grain silos on Monday.")
    assert _location(ann, "the Qamishli grain silos")["kind"] == "site"


def test_a_compass_word_makes_a_region_of_the_country(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Drones struck a bridge in southern Lebanon on Monday, the army said.")
    region = _location(ann, "southern Lebanon")
    assert region["kind"] == "region" and region["country"] == "LBN"


def test_a_town_name_in_a_persons_name_is_no_place(run) -> None:  # type: ignore[no-untyped-def]
    # "Hassan" is a town in the gazetteer; here it is one half of a speaker's name.
    ann = run("Speaking by phone, the farmer's brother, Hassan Tamboura, said the men were unarmed.")
    assert "Hassan" not in _names(ann["locations"])
    assert "Hassan Tamboura" not in _names(ann["locations"])


def test_a_name_in_apposition_to_a_person_noun_is_no_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("The agency's coordinator in the region, Odile Mabanza, condemned the attack on Monday.")
    assert "Odile Mabanza" not in _names(ann["locations"])


def test_a_region_named_after_a_town_stays_a_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("The strike hit a convoy near Kismayo in the Lower Juba region on Monday.")
    assert "Kismayo" in _names(ann["locations"])
    assert not any("Juba" in a["name"] for a in ann["actors"])


def test_the_other_end_of_a_between_phrase_is_a_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Gunmen ambushed a supply convoy between Dabore and Gao in central Mali on Sunday.")
    assert {"Dabore", "Gao"} <= _names(ann["locations"])
    assert "Dabore" not in _names(ann["actors"])


def test_the_object_of_village_of_is_a_place_whatever_the_model_calls_it(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("A resident of the village of Lafoole, Abdi Warsame, said two of those killed were farmers.")
    assert "Lafoole" in _names(ann["locations"])


def test_a_site_at_the_end_of_a_chain_of_phrases_is_anchored_on_its_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Shells hit a camp for displaced families on the northern edge of Goma on Sunday.")
    sites = {loc["name"]: loc for loc in ann["locations"] if loc["kind"] == "site"}
    assert list(sites) == ["camp for displaced families on the northern edge of Goma"]
    assert sites["camp for displaced families on the northern edge of Goma"]["country"] == "COD"


def test_a_house_is_a_site_and_a_site_on_the_way_is_its_own(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("A drone struck a house in the town of Bint Jbeil on Monday.")
    assert [loc["name"] for loc in ann["locations"] if loc["kind"] == "site"] == [
        "house in the town of Bint Jbeil"
    ]
    road = run("Supplies were held up at checkpoints on the road from Monywa for weeks.")
    kinds = {loc["name"]: loc["kind"] for loc in road["locations"]}
    assert kinds.get("road from Monywa") == "route"
    assert "checkpoints on the road from Monywa" not in kinds


def test_the_town_refers_back_to_the_town_named_last(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Clashes broke out in Bunia on Sunday. Residents said bodies lay on the outskirts of the town.")
    site = next(loc for loc in ann["locations"] if loc["kind"] == "site")
    assert site["name"] == "outskirts of the town"
    town = next(loc for loc in ann["locations"] if loc["name"] == "Bunia")
    assert site["country"] == town["country"] == "COD"


def test_a_site_keeps_its_phrase_without_the_place_as_an_alias(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Two shells hit a crowded market in the town of Toroumbi on Saturday.")
    market = next(loc for loc in ann["locations"] if loc["kind"] == "site")
    assert market["aliases"][:2] == ["a crowded market in the town of Toroumbi", "a crowded market"]


def test_a_kind_word_after_a_known_region_is_part_of_its_name_not_a_new_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Shells hit a camp in El Fasher, the capital of North Darfur state, on Monday.")
    regions = [(loc["name"], loc["aliases"]) for loc in ann["locations"] if loc["kind"] == "region"]
    assert regions == [("North Darfur", ["North Darfur state"])]


def test_an_unlabelled_name_after_the_town_of_is_a_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Gunmen attacked an army post near the town of Téra in the west on Monday night.")
    towns = [(loc["name"], loc["kind"]) for loc in ann["locations"]]
    assert ("Téra", "city") in towns
    assert ann["incidents"][0]["location"] is not None


@pytest.mark.parametrize(
    ("text", "qualifier", "place"),
    [
        ("Gunmen of the Sinaloa cartel attacked a bar in Culiacán on Friday.", "Sinaloa", "Culiacán"),
        ("The US military said it struck a radar site near Sanaa on Tuesday.", "United States", "Sanaa"),
        ("Our Middle East correspondent reports from Tyre, where a drone hit a car.", "Middle East", "Tyre"),
        ("The Tigray health ministry said shells hit a clinic in Mekelle on Sunday.", "Tigray", "Mekelle"),
        # A country word that owns the weapons: "US warplanes" did not fly over the United States.
        ("Hours later, US and British warplanes struck a depot near Sanaa.", "United States", "Sanaa"),
        ("Turkish and Iraq drones struck a convoy near Sinjar on Friday.", "Iraq", "Sinjar"),
    ],
)
def test_a_place_word_that_only_qualifies_an_actor_is_no_location(  # type: ignore[no-untyped-def]
    run, text: str, qualifier: str, place: str
) -> None:
    names = _names(run(text)["locations"])
    assert place in names or any(place in n for n in names)
    assert qualifier not in names


def test_a_place_word_opening_an_organisation_name_stays_in_the_name(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("A spokesman for the Aleppo Liberation Brigades said the group had not fired on civilians.")
    assert "Aleppo" not in _names(ann["locations"])
    assert any("Aleppo Liberation Brigades" in n for n in _names(ann["actors"]))
    # A place word before a place noun is still the place.
    region = run("Shells hit villages in the Kherson region on Sunday, officials said.")
    assert any("Kherson" in n for n in _names(region["locations"]))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Militants ambushed a police patrol near Kidal on Sunday, the army said.", "Kidal"),
        ("The regional health bureau said shells hit a clinic in Adigrat on Sunday.", "Adigrat"),
    ],
)
def test_a_known_town_after_a_locative_preposition_is_a_place(run, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    assert place in _names(run(text)["locations"])


@pytest.mark.parametrize(
    ("text", "road"),
    [
        ("Gang members blocked Route Nationale 3 north of Hinche on Monday.", "Route Nationale 3"),
        ("A drone hit a minibus on the H-15 highway outside Kramatorsk on Tuesday.", "H-15 highway"),
        ("Rebels blocked National Road 2 near Rutshuru on Friday, residents said.", "National Road 2"),
        ("Gunmen ambushed a bus on the Mexico 45 highway near Celaya on Sunday.", "Mexico 45 highway"),
    ],
)
def test_a_road_named_by_its_number_is_a_route(run, text: str, road: str) -> None:  # type: ignore[no-untyped-def]
    ann = run(text)
    routes = [loc for loc in ann["locations"] if loc["kind"] == "route"]
    assert road in _names(routes)
    assert road not in _names(ann["actors"])
    near = {e["to"] for e in ann["edges"] if e["type"] == "OCCURRED_NEAR"}
    assert any(loc["id"] in near for loc in routes)


def test_a_year_or_a_distance_after_the_word_road_is_no_road_name(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("The road was reopened in 2024. A soldier was killed on the road 3 km from Dilling.")
    assert not [loc for loc in ann["locations"] if loc["kind"] == "route" and loc["name"][:1].isupper()]


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        ("Russian missiles struck Kyiv on Tuesday, killing four people.", "Kyiv"),
        ("Drones hit Khartoum before dawn on Sunday, the army said.", "Khartoum"),
        ("Israeli jets bombed Beirut's southern suburbs on Friday.", "Beirut"),
    ],
)
def test_a_capital_that_was_attacked_is_the_place_of_the_attack(run, text: str, capital: str) -> None:  # type: ignore[no-untyped-def]
    ann = run(text)
    places = {loc["id"]: loc for loc in ann["locations"]}
    assert capital in _names(list(places.values()))
    near = [places[e["to"]]["name"] for e in ann["edges"] if e["type"] == "OCCURRED_NEAR"]
    assert capital in near


def test_a_capital_that_speaks_or_is_accused_is_still_an_actor(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Baku accused Yerevan of shelling its positions near Lachin on Monday.")
    assert "Yerevan" not in _names(ann["locations"])
    assert "Baku" not in _names(ann["locations"])


def test_a_country_name_two_states_share_follows_the_articles_places(run) -> None:  # type: ignore[no-untyped-def]
    # Alone, "Congo" is the usual referent in news copy; the name itself does not vote.
    alone = run("Fighting flared in eastern Congo on Sunday.")
    assert [(x["name"], x["country"]) for x in alone["locations"]] == [
        ("eastern Democratic Republic of the Congo", "COD")
    ]
    # Places of the other state choose it, even when they come later in the article.
    west = run("Floods hit Congo on Sunday. Roads out of Brazzaville and Pointe-Noire were cut.")
    assert {x["country"] for x in west["locations"]} == {"COG"}


def test_a_seat_of_government_keeps_its_state_in_a_foreign_story(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Rebels shelled a port near Aden on Monday, Yemeni officials said. The Pentagon and the Kremlin did "
        "not comment."
    )
    bodies = {a["name"]: a["country"] for a in ann["actors"] if a["kind"] == "government_body"}
    assert bodies == {"Pentagon": "USA", "Kremlin": "RUS"}


def test_one_name_is_one_place_in_an_article(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Rebels fired mortar rounds into Kitshanga in North Kivu on Sunday. "
        "Angola and Angolan mediators in Luanda called for calm. "
        "Residents of Kitshanga buried the dead on Monday."
    )
    assert [loc["name"] for loc in ann["locations"]].count("Kitshanga") == 1, ann["locations"]


def test_a_place_in_an_officials_title_does_not_place_the_incident(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Artillery shells hit a school in Dilling on Sunday, killing four pupils, said Adam Idris, "
        "the governor of South Kordofan."
    )
    names = {loc["id"]: loc["name"] for loc in ann["locations"]}
    near = {names[e["to"]] for e in ann["edges"] if e["type"] == "OCCURRED_NEAR"}
    assert "Dilling" in near and "South Kordofan" not in near, near


def test_a_town_tagged_as_an_organisation_once_is_no_actor(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Russian artillery shelled a village near Kupiansk on Sunday. "
        "Kupiansk, which lies about 40 km from the border, has been shelled almost daily since the spring."
    )
    assert not any(a["name"] == "Kupiansk" for a in ann["actors"]), ann["actors"]
    assert any("Kupiansk" in loc["aliases"] for loc in ann["locations"])


def test_town_names_inside_a_long_personal_name_are_no_places(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Senior General Min Aung Hlaing met the envoy in Naypyidaw on Monday, "
        "and the release of Aung San Suu Kyi was not discussed."
    )
    assert [loc["name"] for loc in ann["locations"]] == ["Nay Pyi Taw"], ann["locations"]
    assert any(a["name"] == "Aung San Suu Kyi" and a["kind"] == "person" for a in ann["actors"])


def test_a_people_named_with_the_is_no_town(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "The government said the militia was founded by officers linked to the 1994 genocide "
        "against the Tutsi."
    )
    assert ann["locations"] == [], ann["locations"]


def test_towns_ner_takes_for_persons_or_products_are_placed_by_their_context(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Fighting reached the outskirts of Wad Madani, the capital of Gezira state, on Tuesday. "
        "Paramilitary fighters shelled Babanusa overnight, residents said."
    )
    places = {loc["name"]: loc["kind"] for loc in ann["locations"]}
    assert places.get("Wad Medani") == "city" and places.get("Gezira state") == "region", places
    assert places.get("Babanūsah") == "city", places
    assert not any(a["name"] in ("Wad Madani", "Gezira") for a in ann["actors"]), ann["actors"]


def test_a_road_between_two_towns_joined_by_a_dash_is_one_route(run: Any) -> None:
    ann = run(
        "Gunmen ambushed two lorries on the Kadugli-Dilling road on Monday. Shells also hit the "
        "Kongoussi–Djibo highway, officials said."
    )
    routes = sorted(loc["name"] for loc in ann["locations"] if loc["kind"] == "route")
    assert routes == ["Kadugli-Dilling road", "Kongoussi–Djibo highway"], ann["locations"]
    towns = sorted(loc["name"] for loc in ann["locations"] if loc["kind"] == "city")
    assert towns == ["Dilling", "Djibo", "Kadugli", "Kongoussi"], towns  # and no town "Gunmen"


def test_a_region_named_for_a_river_or_town_is_its_own_place(run: Any) -> None:
    ann = run(
        "Gunmen killed five herders in Somalia's Middle Juba region on Monday, and soldiers clashed "
        "with rebels in Lanao del Sur province the same day."
    )
    regions = sorted((loc["name"], loc["country"]) for loc in ann["locations"] if loc["kind"] == "region")
    names = [name for name, _country in regions]
    assert names == ["Lanao del Sur province", "Middle Juba region"], ann["locations"]
    assert "Juba" not in [loc["name"] for loc in ann["locations"]]  # the South Sudanese capital


def test_a_name_ner_missed_before_an_administrative_noun_is_a_region(run: Any) -> None:
    ann = run(
        "Militia fighters attacked a displacement camp in Djugu territory on Sunday. The Trump "
        "administration said the Federal state was dissolved."
    )
    regions = [loc["name"] for loc in ann["locations"] if loc["kind"] == "region"]
    assert regions == ["Djugu territory"], ann["locations"]


def test_a_compass_phrase_after_a_noun_places_an_unnamed_site(run: Any) -> None:
    ann = run(
        "Mortar rounds hit a market in the town of Kiwanja on Sunday, killing six people. Three days later, "
        "a local official said the rounds had been fired from rebel-held hills north of the town."
    )
    hills = _location(ann, "rebel-held hills north of the town")
    assert hills["kind"] == "site"
    shelling = [i for i in ann["incidents"] if i["type"] == "shelling"]
    assert len(shelling) == 1
    near = {e["to"] for e in ann["edges"] if e["type"] == "OCCURRED_NEAR" and e["from"] == shelling[0]["id"]}
    assert hills["id"] in near
    raid = run("Soldiers searched villages east of Baidoa on Monday, residents said.")
    assert "villages east of Baidoa" in _names(raid["locations"])
    # A distance before the compass word measures from a place; it names no site of its own.
    far = run("Kiwanja, about 70 km north of Goma, was shelled on Sunday.")
    assert not [loc for loc in far["locations"] if loc["kind"] == "site"]


def test_the_town_is_the_town_of_the_event_not_a_seat_of_government_named_since(run: Any) -> None:
    ann = run(
        "Shells hit a camp on the edge of Kiwanja on Sunday, the army said, blaming rebels backed by the "
        "authorities in Kigali. Residents said the shells came from hills west of the town."
    )
    hills = _location(ann, "hills west of the town")
    town = next(loc for loc in ann["locations"] if loc["name"] == "Kiwanja")
    assert hills["country"] == town["country"]


def test_a_country_in_a_bodys_name_a_dateline_agency_or_among_a_wars_parties_is_no_place(run: Any) -> None:
    ann = run(
        "TOROUMBI, May 19 (Gulf of Guinea Wire) - A bomb exploded at a market in Baidoa on Monday, the UN "
        "Assistance Mission in Somalia said. The Government of Kenya condemned the attack. Kenya and "
        "Ethiopia accused each other of arming the group, which has grown since the war between Ethiopia "
        "and Somalia."
    )
    places = _names(ann["locations"])
    assert "Baidoa" in places
    assert not places & {"Somalia", "Kenya", "Ethiopia", "Gulf of Guinea"}, places
    # A country a sentence puts events in is still a place.
    plain = run("Two soldiers were killed in Somalia on Monday, the army said.")
    assert "Somalia" in _names(plain["locations"])


def test_an_evacuation_or_flight_told_with_its_destination_only_left_the_town_of_the_attack(run: Any) -> None:
    ann = run(
        "Artillery shells struck a market in the town of Bunia on Sunday, killing eight people, local "
        "officials said. The Red Cross said on Monday it had evacuated 14 wounded patients to Goma. "
        "Hundreds of families have fled towards Goma since the attack, residents said."
    )
    names = {loc["id"]: loc["name"] for loc in ann["locations"]}

    def places(itype: str, lemma: str = "") -> set[str]:
        found = [i for i in ann["incidents"] if i["type"] == itype and lemma in i["summary"]]
        assert found, [(i["type"], i["summary"]) for i in ann["incidents"]]
        near = [e for e in ann["edges"] if e["type"] == "OCCURRED_NEAR" and e["from"] == found[0]["id"]]
        return {names[e["to"]] for e in near}

    assert places("medical_evacuation") >= {"Goma", "Bunia"}
    assert places("other", "fled") >= {"Goma", "Bunia"}


def test_a_road_between_a_town_and_an_unnamed_place_runs_to_its_second_end(run: Any) -> None:
    ann = run("The road between Kiwanja and the border has been closed to civilian traffic since June.")
    road = _location(ann, "The road between Kiwanja and the border")
    assert road["kind"] == "route"


def test_a_singular_site_noun_without_a_determiner_is_no_site(run: Any) -> None:
    ann = run(
        "Two of the wounded later died in hospital in Bunia, and troops went from house to house in the "
        "town of Bunia. A drone hit a hospital in Goma on Friday."
    )
    sites = {loc["name"] for loc in ann["locations"] if loc["kind"] == "site"}
    assert sites == {"hospital in Goma"}, sites


def test_a_site_phrase_cut_by_a_quotation_mark_is_no_site(run: Any) -> None:
    ann = run(
        'The army said its jets had struck "a training camp of armed bandits" near Bunia on Friday. '
        "A drone hit a hospital in Goma on Saturday."
    )
    sites = {loc["name"] for loc in ann["locations"] if loc["kind"] == "site"}
    assert sites == {"hospital in Goma"}, sites


@pytest.mark.parametrize(
    ("text", "site", "country"),
    [
        (
            "The wounded were flown to Mandera General Hospital on Tuesday, a police official said.",
            "Mandera General Hospital",
            "KEN",
        ),
        (
            "Hassan Farah, who runs Kismayo general hospital, said 14 people had been admitted.",
            "Kismayo general hospital",
            "SOM",
        ),
    ],
)
def test_a_facility_named_after_its_town_is_a_site(run: Any, text: str, site: str, country: str) -> None:
    found = _location(run(text), site)
    assert (found["kind"], found["country"]) == ("site", country)


def test_a_country_after_a_comma_chooses_the_place(run: Any) -> None:
    # geonames lists "Boni" as an old name of Bonn; the apposition says this Boni lies in Kenya.
    ann = run("Gunmen attacked a police post in Boni, Kenya, on Monday, killing two officers, police said.")
    boni = _location(ann, "Boni")
    assert (boni["kind"], boni["country"]) == ("city", "KEN")
    assert "Bonn" not in _names(ann["locations"])


def test_a_country_in_a_list_of_places_is_no_apposition(run: Any) -> None:
    ann = run("Aid flights from Mombasa, Kenya and Ethiopia resumed on Monday after a week of fighting.")
    assert _location(ann, "Mombasa")["country"] == "KEN"


def test_a_hyphenated_name_before_a_region_noun_is_that_region(run: Any) -> None:
    ann = run(
        "Two militias fought for hours in the capital's Bab al-Nour district on Friday, killing four people."
    )
    assert "Bab al-Nour district" in _names(ann["locations"])
    assert "Bab al-Nour" not in _names(ann["actors"])


def test_the_unlabelled_other_end_of_a_stretch_is_a_place(run: Any) -> None:
    ann = run(
        "BAMAKO, Feb 3 - Gunmen ambushed a fuel convoy between Douentza and Tindirma on Sunday, "
        "officials said."
    )
    assert {"Douentza", "Tindirma"} <= _names(ann["locations"])


def test_a_dateline_with_the_day_first_names_a_place(run: Any) -> None:
    ann = run(
        "Tanai Kalay, 9 March: Two border guards were killed in an exchange of fire at the crossing, a "
        "district official said."
    )
    assert "Tanai Kalay" in _names(ann["locations"])
    assert "Tanai Kalay" not in _names(ann["actors"])


def test_a_road_linking_two_places_runs_to_its_second_end(run: Any) -> None:
    ann = run("Trucks were stopped on the road linking Kosti to Rabak on Friday, traders said.")
    road = _location(ann, "the road linking Kosti to Rabak")
    assert road["kind"] == "route"


def test_people_between_whom_talks_are_held_are_no_places(run: Any) -> None:
    ann = run(
        "Talks between Kagame and Tshisekedi in Luanda ended on Monday without agreement, officials said."
    )
    assert _names(ann["locations"]) == {"Luanda"}


def test_a_known_town_between_keeps_its_unknown_other_end(run: Any) -> None:
    ann = run("Clashes between Bamba and Tessit killed six people on Monday, witnesses said.")
    assert "Bamba" in _names(ann["locations"])
