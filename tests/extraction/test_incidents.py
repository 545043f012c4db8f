"""Incident typing from trigger words and the parse: what is an event and what is only its target,
its toll, a name or a month. Sentences are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest


def _types(ann: dict[str, Any]) -> list[str]:
    return sorted(i["type"] for i in ann["incidents"])


def test_an_attacked_convoy_is_the_target_not_an_aid_delivery(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Four drivers were killed when gunmen ambushed a fuel convoy near Tessit on Sunday.")
    assert _types(ann) == ["armed_clash"]
    assert ann["incidents"][0]["killed"] == 4


def test_an_attack_on_a_convoy_or_checkpoint_is_an_armed_clash(run) -> None:  # type: ignore[no-untyped-def]
    army = run("Suspected jihadists attacked an army convoy near Ansongo on Tuesday, killing five soldiers.")
    assert _types(army) == ["armed_clash"]
    assert army["incidents"][0]["killed"] == 5
    post = run("Gunmen attacked a police checkpoint outside Zaria on Friday night, the police said.")
    assert _types(post) == ["armed_clash"]
    # What was fired still decides the type.
    fired = run("Coast guard ships fired water cannon at two fishing boats near Thitu Island on Monday.")
    assert _types(fired) == ["other"]


def test_an_attacked_aid_convoy_is_the_aid_delivery(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Gunmen attacked a humanitarian convoy near Geneina on Tuesday, wounding three drivers.")
    assert _types(ann) == ["aid_delivery"]
    assert ann["incidents"][0]["injured"] == 3
    passive = run("A food convoy of the World Food Programme was attacked near Mopti on Saturday.")
    assert _types(passive) == ["aid_delivery"]


def test_a_convoy_that_arrives_is_an_aid_delivery(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("An aid convoy of 30 trucks reached the besieged town on Monday, the agency said.")
    assert "aid_delivery" in _types(ann)


def test_killing_after_the_event_is_its_toll_not_a_second_incident(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Artillery shelled the village of Dovhenke on Sunday evening, killing three civilians.")
    assert _types(ann) == ["shelling"]
    assert ann["incidents"][0]["killed"] == 3
    assert ann["incidents"][0]["date"] == "2025-05-18"


def test_a_month_in_a_dateline_is_not_a_protest_march(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("KHERSON, Ukraine, March 3 (Wire) - A drone struck a bus on Sunday, killing two people.")
    assert "protest" not in _types(ann)
    assert "airstrike" in _types(ann)


def test_dropped_bombs_are_air_strikes_and_roadside_bombs_are_mines(run) -> None:  # type: ignore[no-untyped-def]
    aerial = run("Children were in class when the first bomb fell on the school on Friday.")
    assert _types(aerial) == ["airstrike"]
    planted = run("A roadside bomb hit an army truck near the bridge on Friday.")
    assert _types(planted) == ["landmine_explosion"]


def test_civilian_evacuation_is_other_and_wounded_transfer_is_medical(run) -> None:  # type: ignore[no-untyped-def]
    civil = run("Rescuers said 40 residents of the damaged building were evacuated to a school on Monday.")
    assert _types(civil) == ["other"]
    medical = run("The Red Cross evacuated nine wounded patients to the city hospital on Monday.")
    assert _types(medical) == ["medical_evacuation"]


def _victims(ann: dict[str, Any]) -> list[list[str]]:
    names = {a["id"]: a["name"] for a in ann["actors"]}
    return [[names[v] for v in i["victims"]] for i in ann["incidents"]]


def test_the_killed_are_victims_of_the_incident(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Two civilians were killed when shells hit the village of Dovhenke on Sunday.")
    assert _victims(ann) == [["two civilians"]]
    edges = [e for e in ann["graph"].edges if e.type.value == "INVOLVES" and e.props.get("role") == "victim"]
    assert len(edges) == 1


def test_an_attacked_unit_is_a_victim_and_a_bare_toll_is_not_an_actor(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Gunmen ambushed five soldiers near Tessit on Monday. At least 12 people were killed.")
    victims = [v for vs in _victims(ann) for v in vs]
    assert any("soldiers" in v.lower() for v in victims), victims
    assert not any("people" in a["name"] for a in ann["actors"])


def test_a_day_after_the_attack_counts_from_the_attack_dated_to_the_day(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "A roadside bomb struck a convoy near Afgooye on Wednesday. Such ambushes have hit the road "
        "since 2019. A day after the attack, troops launched an operation in villages west of Afgooye."
    )
    operation = [i for i in ann["incidents"] if i["type"] == "military_operation"]
    assert operation and operation[0]["date"] == "2025-05-15"  # Wednesday 14 May + 1


def test_an_event_inside_a_week_after_phrase_lies_before_the_main_event(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Artillery shelled the market in Bunagana on Sunday. The attack came a week after talks between "
        "the two sides ended without a deal in Nairobi."
    )
    talks = [i for i in ann["incidents"] if i["type"] == "negotiations"]
    assert talks and talks[0]["date"] == "2025-05-11"  # Sunday 18 May − 7


def test_a_week_after_with_a_present_main_clause_counts_back_from_publication(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("A week after shells hit a camp near Bunagana, families are still searching for relatives.")
    shelling = [i for i in ann["incidents"] if i["type"] == "shelling"]
    assert shelling and shelling[0]["date"] == "2025-05-13"  # published Tuesday 20 May − 7


def test_a_duration_dates_an_incident_that_has_no_other_date(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Access to the town of Walikale has been restricted for weeks by a blockade of the road.")
    blockade = [i for i in ann["incidents"] if i["type"] == "blockade"]
    assert blockade and (blockade[0]["date"], blockade[0]["date_precision"]) == ("2025/2025-05-20", "range")


def test_words_that_only_describe_a_thing_or_a_title_are_not_incidents(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "The directors general of military operations spoke by telephone on Friday. The opposition called "
        "the killings a war crime."
    )
    assert "military_operation" not in _types(ann)
    assert "war" not in _types(ann)


def test_drones_and_missiles_in_one_attack_are_one_incident(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "The air force said Russia launched 40 attack drones and two ballistic missiles at Odesa overnight."
    )
    assert _types(ann) == ["airstrike"]


def test_a_country_beside_a_town_is_not_where_the_incident_happened(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Shells hit the town of Kotli in Pakistan on Thursday, killing two civilians.")
    places = {loc["id"]: loc["name"] for loc in ann["locations"]}
    near = {places[e["to"]] for e in ann["edges"] if e["type"] == "OCCURRED_NEAR"}
    assert near == {"Kotli"}


def test_other_incidents_from_the_lexicon_stay_apart(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Coast guard vessels fired water cannon at a supply boat near the reef on Sunday. "
        "A grenade was thrown at a police post in Sopore on Monday."
    )
    assert [(i["type"], i["date"]) for i in ann["incidents"]] == [
        ("other", "2025-05-18"),
        ("other", "2025-05-19"),
    ]


def test_what_was_fired_decides_the_type(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Militants fired rockets at the army base in Tessit on Friday.")
    assert [(i["type"], i["date"]) for i in ann["incidents"]] == [("shelling", "2025-05-16")]


def test_a_convoy_that_is_only_a_vehicle_is_no_delivery(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Aid workers said the convoy carrying the wounded had been stopped at four checkpoints.")
    assert "aid_delivery" not in _types(ann)


def test_drones_shot_down_in_an_attack_are_no_shootdown(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Russia launched 30 drones at Kharkiv overnight; air defences shot down 25 of them, it said.")
    assert "aircraft_shootdown" not in _types(ann)
    jet = run("Rebels said on Monday they had shot down a military jet near Hpakant.")
    assert _types(jet) == ["aircraft_shootdown"]


def test_a_guided_bomb_that_hits_is_an_air_strike(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("A guided bomb hit a warehouse on the edge of Kherson on Monday, killing two workers.")
    assert _types(ann) == ["airstrike"]


def test_closures_and_sieges_are_blockades(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("The border crossing at Torkham was closed to trucks on Monday, traders said.")
    assert _types(ann) == ["blockade"]
    siege = run("Fighters have besieged the town of Kadugli since August.")
    assert [(i["type"], i["date"]) for i in siege["incidents"]] == [("blockade", "2024-08/2025-05-20")]


def test_an_event_said_not_to_have_happened_is_no_incident(run) -> None:  # type: ignore[no-untyped-def]
    ann = run('"Our air force did not carry out any operation in Bunagana," the spokesman said on Monday.')
    assert "military_operation" not in _types(ann)
    blamed = run("The ministry did not accuse any group of blocking the road to Walikale, it said on Monday.")
    assert "blockade" not in _types(blamed)


def test_same_type_with_other_own_dates_are_separate_incidents(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "A drone strike killed two fighters near Amuda on Sunday. Monitors recorded 14 drone strikes in "
        "Hasakah province in March. The army said on Monday that the drone strike had hit a car."
    )
    strikes = sorted((i["date"], i["date_precision"]) for i in ann["incidents"] if i["type"] == "airstrike")
    # The statement date ("said on Monday") does not split the Sunday strike in two.
    assert strikes == [("2025-03", "month"), ("2025-05-18", "day")]


def test_the_attack_refers_back_to_a_grenade_thrown(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "A grenade was thrown at a market in Sopore on Monday, wounding six people. No group has claimed the "
        "attack."
    )
    assert [(i["type"], i["date"]) for i in ann["incidents"]] == [("other", "2025-05-19")]


def test_moving_the_wounded_is_a_medical_evacuation(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Volunteers drove nine critically wounded patients from Kadugli to El Obeid on Monday.")
    assert [(i["type"], i["date"]) for i in ann["incidents"]] == [("medical_evacuation", "2025-05-19")]
    unhurt = run("Volunteers drove nine journalists from Kadugli to El Obeid on Monday.")
    assert unhurt["incidents"] == []


def test_the_subject_of_an_active_killing_is_the_cause_not_the_toll(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("A missile strike on the port killed four people and injured 17 on Sunday, officials said.")
    assert [(i["killed"], i["injured"]) for i in ann["incidents"]] == [(4, 17)]
    agent_only = run("A roadside bomb killed a soldier near the bridge on Sunday.")
    assert [i["killed"] for i in agent_only["incidents"]] == [1]


def test_a_statements_date_does_not_date_the_incident(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "The market in Kourao was crowded on Saturday afternoon when, witnesses said on Monday, a drone "
        "struck it."
    )
    assert [(i["type"], i["date"]) for i in ann["incidents"]] == [("airstrike", "2025-05-17")]
    # "said on Thursday" dates the statement; the ambush itself stays undated (never guessed).
    only = run("Police said on Thursday that gunmen had ambushed a convoy near Cabaret.")
    assert [(i["type"], i["date"]) for i in only["incidents"]] == [("armed_clash", None)]
    statement = run(
        "A fighter jet dropped two bombs on a school in Kyauk Kan village, killing 22 people, the group said "
        "in a statement on Monday."
    )
    assert [(i["type"], i["date"], i["killed"]) for i in statement["incidents"]] == [("airstrike", None, 22)]
    # The statement date still lets a later sentence with the event's own date join the same strike.
    told = run(
        "Police said on Thursday that gunmen had ambushed a convoy near Cabaret. The ambush took place on "
        "Wednesday."
    )
    assert [(i["type"], i["date"]) for i in told["incidents"]] == [("armed_clash", "2025-05-14")]


def test_a_date_before_a_trailing_speaker_dates_the_report_not_the_telling(run) -> None:  # type: ignore[no-untyped-def]
    # The small model hangs "on Monday" on "told"; it sits inside the report, before the speaker.
    ann = run(
        "Nine traders were killed when rockets hit a depot in Kadugli, 40 kilometres south of the lake, "
        "on Monday, a local aid worker told reporters."
    )
    assert [(i["type"], i["date"], i["killed"]) for i in ann["incidents"]] == [("shelling", "2025-05-19", 9)]
    # Fronted, the date still belongs to the statement and the event stays undated.
    fronted = run("On Monday, a local aid worker told reporters that rockets had hit a depot in Kadugli.")
    assert [(i["type"], i["date"]) for i in fronted["incidents"]] == [("shelling", None)]


def test_a_coup_and_a_summoned_envoy_are_other_incidents(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("The army seized power in a coup in February 2021. The ministry summoned an envoy on Monday.")
    assert sorted((i["type"], i["date"]) for i in ann["incidents"]) == [
        ("other", "2021-02"),
        ("other", "2025-05-19"),
    ]


def test_a_gerund_subject_is_the_event_with_its_date_and_both_tolls(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Bombing by the militia killed at least nine villagers and wounded 14 others in Kutum on Saturday, "
        "a medical group said. The United Nations said on Monday it was worried about the fighting."
    )
    bombing = [i for i in ann["incidents"] if i["killed"] == 9]
    assert len(bombing) == 1
    assert (bombing[0]["injured"], bombing[0]["date"]) == (14, "2025-05-17")  # Saturday before Tue 20 May


def test_a_violated_law_is_no_incident_but_a_violated_truce_is(run) -> None:  # type: ignore[no-untyped-def]
    law = run('"The raid was a gross violation of international law," the minister said.')
    assert "other" not in _types(law)
    truce = run("Monitors recorded a violation of the truce near Kadugli on Sunday.")
    assert "other" in _types(truce)


def test_an_accused_killing_is_an_incident_dated_by_its_own_words_when_told(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "The army on Monday accused the rebels of killing at least 18 farmers near Bunia, a charge the "
        "group denied. Witnesses said the gunmen shot the farmers near Bunia on Saturday."
    )
    assert len(ann["incidents"]) == 1
    killing = ann["incidents"][0]
    # the charge's Monday dates the killing only until the witnesses' Saturday is told
    assert (killing["type"], killing["killed"], killing["date"]) == ("armed_clash", 18, "2025-05-17")
    assert ann["locations"][0]["name"] == "Bunia" and killing["location"] == ann["locations"][0]["id"]
    denied = run("The army denied killing civilians near Bunia.")
    assert denied["incidents"] == []


def test_a_strike_retold_at_a_nearby_place_is_the_same_incident(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "A missile strike on the port of Odesa killed three people overnight, officials said.\n\n"
        "The governor of the Odesa region said two missiles hit a warehouse. The attack came two days after "
        "drones struck a depot in Russia's Krasnodar region."
    )
    missiles = [i for i in ann["incidents"] if i["type"] == "missile_strike"]
    assert len(missiles) == 1
    names = {loc["id"]: loc["name"] for loc in ann["locations"]}
    near = {
        names[e["to"]]
        for e in ann["edges"]
        if e["type"] == "OCCURRED_NEAR" and e["from"] == missiles[0]["id"]
    }
    assert "port of Odesa" in near and "Krasnodar region" not in near
    depot = [i for i in ann["incidents"] if i["type"] == "airstrike"]
    assert depot and names[depot[0]["location"]] == "Krasnodar region"
    # two days before the night of 19-20 May (published Tuesday 20 May)
    assert (depot[0]["date"], depot[0]["date_precision"]) == ("2025-05-17/2025-05-18", "range")


def test_a_date_in_a_relative_clause_does_not_split_the_event(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Artillery shelled the market in Kadugli on Sunday, killing 14 people. The army said the next day "
        "that the rebels, who have besieged Kadugli since August, had fired the shells from the hills."
    )
    shelling = [i for i in ann["incidents"] if i["type"] == "shelling"]
    assert [(i["killed"], i["date"]) for i in shelling] == [(14, "2025-05-18")]


def test_a_headline_event_is_the_leads_event_at_its_narrower_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Gunmen kill 9 soldiers in attack on army post in northern Mali\n\n"
        "Gunmen killed nine soldiers in an attack on an army post near the village of Dioura on Monday, the "
        "army said."
    )
    places = {loc["id"]: loc["name"] for loc in ann["locations"]}
    assert [(i["type"], i["date"], i["killed"], places[i["location"]]) for i in ann["incidents"]] == [
        ("armed_clash", "2025-05-19", 9, "army post near the village of Dioura")
    ]


def test_the_toll_goes_to_the_sentences_own_event_not_the_one_it_is_dated_by(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Gunmen attacked an army post near Dioura on Monday, killing nine soldiers. Militants have carried "
        "out several attacks in the area since January. A day after the attack, a roadside bomb hit a truck "
        "on the road to Dioura, killing two soldiers."
    )
    by_type = {i["type"]: i for i in ann["incidents"]}
    assert (by_type["landmine_explosion"]["date"], by_type["landmine_explosion"]["killed"]) == (
        "2025-05-20",
        2,
    )
    # "the attack" is Monday's attack, not the series since January, which has no toll of its own.
    series = [i for i in ann["incidents"] if i["date_precision"] == "range"]
    assert [i["killed"] for i in series] == [None]
    clashes = sorted(
        (i["date_precision"], i["killed"]) for i in ann["incidents"] if i["type"] == "armed_clash"
    )
    assert clashes == [("day", 9), ("range", None)]


def test_torching_and_expulsion_are_other_incidents(run) -> None:  # type: ignore[no-untyped-def]
    torched = run("Militiamen torched dozens of houses in the village of Tarbu on Sunday.")
    assert [(i["type"], i["date"]) for i in torched["incidents"]] == [("other", "2025-05-18")]
    expelled = run("Fighters expelled about 200 families from the village of Tarbu on Sunday.")
    assert [i["type"] for i in expelled["incidents"]] == ["other"]


def test_a_killing_by_people_is_an_attack_unless_the_sentence_names_the_event(run) -> None:  # type: ignore[no-untyped-def]
    passive = run("Eleven herders were killed by suspected jihadists near the town of Tarbu on Saturday.")
    assert [(i["type"], i["date"], i["killed"]) for i in passive["incidents"]] == [
        ("armed_clash", "2025-05-17", 11)
    ]
    active = run("Bandits killed six traders on the road to Tarbu on Sunday, police said.")
    assert [(i["type"], i["killed"]) for i in active["incidents"]] == [("armed_clash", 6)]
    # The toll of a named event is not a second incident, and a weapon is no killer.
    toll = run("A drone strike killed four people in Tarbu on Sunday.")
    assert [(i["type"], i["killed"]) for i in toll["incidents"]] == [("airstrike", 4)]
    denied = run("The army said its soldiers did not kill any civilians in Tarbu.")
    assert denied["incidents"] == []


def test_groups_that_fought_are_an_armed_clash_with_its_date(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Two militias fought for several hours in the port district of Tarbu on May 3, police said.")
    assert [(i["type"], i["date"]) for i in ann["incidents"]] == [("armed_clash", "2025-05-03")]


def test_a_headlines_loose_word_takes_the_bodys_type(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Israeli strikes kill 12 in Tarbu as talks stall\n\n"
        "Air strikes killed at least 12 people in the town of Tarbu overnight, health officials said."
    )
    assert sorted((i["type"], i["killed"] or 0) for i in ann["incidents"]) == [
        ("airstrike", 12),
        ("negotiations", 0),
    ]


def test_a_blast_the_sentence_does_not_name_is_a_bomb(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "A truck packed with explosives blew up outside a police station in Tarbu on Sunday, wounding six."
    )
    assert [(i["type"], i["date"], i["injured"]) for i in ann["incidents"]] == [
        ("landmine_explosion", "2025-05-18", 6)
    ]
    shell = run("A mortar shell exploded in the market of Tarbu on Sunday.")
    assert [i["type"] for i in shell["incidents"]] == ["shelling"]


def test_a_strike_is_an_air_strike_unless_workers_or_prisoners_hold_it(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("A strike on a fuel depot in Tarbu killed three workers on Sunday, officials said.")
    assert [(i["type"], i["date"], i["killed"]) for i in ann["incidents"]] == [("airstrike", "2025-05-18", 3)]
    hunger = run("Detainees in Tarbu prison began a hunger strike on Sunday.")
    assert [i["type"] for i in hunger["incidents"]] == ["protest"]


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Gunmen killed twenty-three villagers near Maru on Sunday evening.", 23, None),
        ("Thirty-one people were killed and forty-four wounded when shells hit Avdiivka on Monday.", 31, 44),
        ("Two hundred people were killed in the attack on the camp near Tawila on Friday.", 200, None),
    ],
)
def test_tolls_in_words_split_by_the_tokenizer(run, text: str, killed: int, injured: int | None) -> None:  # type: ignore[no-untyped-def]
    incidents = run(text)["incidents"]
    assert [(i["killed"], i["injured"]) for i in incidents] == [(killed, injured)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels captured the town of Walikale on Sunday, residents said.", ["military_operation"]),
        ("Government troops retook the village of Ban Hong on Tuesday.", ["military_operation"]),
        ("Jihadists overran an army outpost near Diapaga on Thursday.", ["military_operation"]),
        ("Police captured three suspects in Beledweyne on Wednesday.", ["other"]),
        ("The fighters said they had captured two pickup trucks.", []),
    ],
)
def test_taking_ground_is_an_operation_and_taking_people_a_detention(
    run, text: str, expected: list[str]
) -> None:  # type: ignore[no-untyped-def]
    assert _types(run(text)) == expected


def test_the_country_a_weapon_came_from_is_not_where_the_event_happened(run: Any) -> None:
    lead = (
        "A drone struck a crowded livestock market in the eastern Chadian town of Adre on Tuesday, "
        "killing at least nine people, local officials said.\n\n"
    )
    for follow in (
        "The governor said the drone had come from across the border with Sudan.",
        "The governor said the drone had been launched from Sudan.",
    ):
        ann = run(lead + follow)
        places = {loc["id"]: loc["name"] for loc in ann["locations"]}
        assert [(i["type"], i["killed"], places[i["location"]]) for i in ann["incidents"]] == [
            ("airstrike", 9, "crowded livestock market in the eastern Chadian town of Adre")
        ], follow


def test_a_place_named_for_an_event_is_no_event(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Seven people were killed when militiamen shelled the Kalma displacement camp near Nyala on Sunday, "
        "aid workers said."
    )
    assert [(i["type"], i["killed"]) for i in ann["incidents"]] == [("shelling", 7)]
    held = run("Two journalists were freed from a detention facility in Goma on Friday.")
    assert [i["type"] for i in held["incidents"]] == []
    # The event word itself is still an event.
    fled = run("The displacement of 3,000 families from Kalma began on Sunday.")
    assert [i["type"] for i in fled["incidents"]] == ["other"]


def test_a_headline_label_before_a_colon_is_no_event(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Sahel war: drone strike on Gao market kills nine\n\n"
        "A drone strike on a market in Gao killed nine people on Sunday, the army said."
    )
    assert [(i["type"], i["killed"]) for i in ann["incidents"]] == [("airstrike", 9)]
    # A headline that is a sentence before its colon is no label.
    told = run(
        "Army says: rebels shelled Gao market\n\nRebels shelled a market in Gao on Sunday, the army said."
    )
    assert [i["type"] for i in told["incidents"]] == ["shelling"]


def test_an_armed_force_destroying_a_target_is_an_attack_typed_by_the_doer(run) -> None:  # type: ignore[no-untyped-def]
    air = run("The army said its aircraft had destroyed a rebel convoy near Dilling on Tuesday.")
    assert _types(air) == ["airstrike"]
    ground = run(
        "Mortar shells hit the market in Kitshanga on Sunday. "
        "A day after the attack, the army said it had destroyed a rebel mortar position on the hills."
    )
    assert _types(ground) == ["military_operation", "shelling"]
    operation = next(i for i in ground["incidents"] if i["type"] == "military_operation")
    assert operation["date"] == "2025-05-19"
    assert _types(run("The flood destroyed three bridges near Dilling on Tuesday.")) == []


def test_a_vague_attack_told_again_with_its_weapon_is_one_incident(run) -> None:  # type: ignore[no-untyped-def]
    one = run(
        "Three people were killed in the overnight attack on Vinnytsia, officials said. "
        "Russian drones struck an apartment block in Vinnytsia overnight, the air force said."
    )
    assert _types(one) == ["airstrike"]
    assert one["incidents"][0]["killed"] == 3
    two = run(
        "Gunmen attacked a checkpoint near Vinnytsia on Sunday. "
        "A drone struck a market in Vinnytsia on Monday."
    )
    assert _types(two) == ["airstrike", "armed_clash"]


def test_an_event_only_imagined_is_no_incident(run: Any) -> None:
    # A condition, a possible future and an intent tell no event; "may have killed" tells one, and an
    # event that is the subject of "would continue" is real.
    assert _types(run("If a convoy is ambushed on the road again, the agency could halt deliveries.")) == []
    assert _types(run("A mediator warned that the fragile truce might collapse into open fighting.")) == [
        "ceasefire"
    ]
    assert _types(run("The rebels threatened on Monday to shell the airport.")) == []
    assert _types(run("The strike may have killed 20 people, a doctor said.")) == ["airstrike"]
    assert _types(run("The ministry said military operations in the province would continue.")) == [
        "military_operation"
    ]


def test_a_checkpoint_is_a_blockade_only_when_set_up_or_still_obstructing(run) -> None:  # type: ignore[no-untyped-def]
    # A single trip stopped or slowed at checkpoints tells of a place on the way, not of a closure.
    slowed = run("A lorry carrying seed to Tawila was slowed by checkpoints near Korma on Thursday.")
    assert "blockade" not in _types(slowed)
    stopped = run("Drivers said their bus had been stopped at three checkpoints outside Baidoa on Friday.")
    assert "blockade" not in _types(stopped)
    # Putting checkpoints up, or an obstruction still going on, is the closure itself.
    set_up = run("Militiamen set up checkpoints on the road to Kalehe on Monday, traders said.")
    assert "blockade" in _types(set_up)
    ongoing = run("Fuel deliveries to Uvira have been held up at checkpoints on the lake road for weeks.")
    assert "blockade" in _types(ongoing)


def _dated(ann: dict[str, Any], itype: str) -> list[tuple[str, str]]:
    return [(i["date"], i["date_precision"]) for i in ann["incidents"] if i["type"] == itype]


def test_a_truce_held_since_a_day_is_dated_to_that_day(run) -> None:  # type: ignore[no-untyped-def]
    # Published Tuesday 20 May 2025: the truce took effect on Saturday, not over the days it has held.
    ann = run("A truce between the two clans has held since Saturday night, elders in Galkayo said.")
    assert _dated(ann, "ceasefire") == [("2025-05-17", "day")]
    month = run("The ceasefire, in place since March, was broken near Dilling on Monday, residents said.")
    assert ("2025-03", "month") in _dated(month, "ceasefire")


def test_a_month_when_a_lasting_event_began_opens_a_span_to_publication(run) -> None:  # type: ignore[no-untyped-def]
    war = run("The war in the Kivus began in January 2022.")
    assert _dated(war, "war") == [("2022-01/2025-05-20", "range")]
    siege = run("Traders say the blockade of Uvira, which started in March, has doubled the price of fuel.")
    assert _dated(siege, "blockade") == [("2025-03/2025-05-20", "range")]
    # The clause the incident is counted from gives the start; an event inside that clause keeps its date.
    since = run("Raids on herders near Djibo have grown since the harvest ended in October, officials say.")
    assert _dated(since, "armed_clash") == [("2024-10/2025-05-20", "range")]
    coup = run("The country has been in turmoil since the army seized power in a coup in April 2024.")
    assert _dated(coup, "other") == [("2024-04", "month")]


def test_relative_words_on_a_reporting_verb_date_the_statement_not_the_reported_event(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Gunmen attacked a bus near Gao on Sunday. Officials said the next day that the rebels, who have "
        "besieged the town of Menaka since March, had carried out the attack."
    )
    # Published Tuesday 20 May 2025: "the next day" is Monday's statement, the siege runs from March.
    assert _dated(ann, "blockade") == [("2025-03/2025-05-20", "range")]


def test_an_event_word_inside_a_title_cased_name_is_no_incident(run) -> None:  # type: ignore[no-untyped-def]
    monitor = run("Shelling killed two herders near Ber, according to the Sahel Conflict Monitor.")
    assert _types(monitor) == ["shelling"]
    office = run("The Office for Prisoners of War said 40 soldiers had returned home to Lviv on Monday.")
    assert "war" not in _types(office)
    # A name the event word opens, or heads, is the event's own name.
    named = run("The Second Karabakh War ended in November 2020.")
    assert "war" in _types(named)


def test_a_building_block_or_a_closed_school_is_no_blockade(run) -> None:  # type: ignore[no-untyped-def]
    tower = run("Rescuers searched the ruins of a tower block in Kharkiv on Monday.")
    assert "blockade" not in _types(tower)
    schools = run("Hundreds of schools have been closed in Oudalan province since January, officials said.")
    assert "blockade" not in _types(schools)
    # Closing or blocking a way in or out is the blockade.
    road = run("Soldiers closed the road to Djibo on Monday, and militants blocked the highway near Gao.")
    assert "blockade" in _types(road)


def test_a_mined_road_is_a_danger_not_a_blast(run) -> None:  # type: ignore[no-untyped-def]
    mined = run("Herders avoid the track to Kaya because it has been mined, a local official said.")
    assert "landmine_explosion" not in _types(mined)
    blast = run("A landmine exploded under a truck on the track to Kaya on Sunday, killing two herders.")
    assert _types(blast) == ["landmine_explosion"]


def test_an_event_named_inside_an_accused_act_is_not_dated_by_the_accusation(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("The rebels accused the army on Monday of killing four herders in an air strike near Kidal.")
    assert _dated(ann, "airstrike") == [(None, None)]  # Monday is when the charge was made
    told = run(
        "The rebels accused the army on Monday of killing four herders in an air strike near Kidal. "
        "The air strike hit a well near Kidal on Saturday, residents said."
    )
    assert _dated(told, "airstrike") == [("2025-05-17", "day")]


def test_a_phrase_that_takes_in_an_event_word_is_that_one_event(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Grenade attacks on buses were common in Quetta in the late 1990s, police records show.")
    assert _types(ann) == ["other"]


def test_a_verb_in_the_simple_present_in_a_relative_clause_is_a_habit(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Gunmen killed six villagers near Dori on Monday, the governor said. "
        "He blamed a militia that recruits among young herders in the province."
    )
    assert _types(ann) == ["armed_clash"]


def test_a_strike_by_a_doer_already_named_tells_the_event_again(run) -> None:  # type: ignore[no-untyped-def]
    drone = run(
        "Nine people were killed by a drone strike on a market in Kadugli on Sunday, officials said.\n\n"
        "The drone hit the fish market shortly after noon as traders were loading lorries for Dilling."
    )
    assert _types(drone) == ["airstrike"]
    quoted = run(
        "Artillery shelled the village of Hrakove on Sunday evening, killing one man, the governor said.\n\n"
        '"The enemy deliberately struck houses. There is no army here," he wrote.'
    )
    assert _types(quoted) == ["shelling"]
    # Its own date makes it another strike.
    again = run("A drone hit a fuel depot in Kosti on Friday. The drone hit a school in Kosti on Sunday.")
    assert _types(again) == ["airstrike", "airstrike"]


def test_a_definite_event_noun_tells_again_the_event_told_before(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Armed groups have blocked the main road into Djibo since March, aid agencies said.\n\n"
        "They warned that the blockade could push parts of the Sahel region towards famine."
    )
    assert _types(ann) == ["blockade"]


def test_what_is_feared_or_warned_of_has_not_happened(run) -> None:  # type: ignore[no-untyped-def]
    fled = run("Hundreds of families fled towards Bunia on Sunday, fearing new fighting, residents said.")
    assert _types(fled) == ["other"]
    warned = run("The United Nations warned of renewed clashes around Kidal, citing troop movements.")
    assert _types(warned) == []


def test_a_target_already_named_and_ambushed_tells_the_attack_again(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Four soldiers were killed in a clash in the Mopti region on Tuesday, the army said.\n\n"
        '"The troops were ambushed while escorting engineers who were repairing a bridge outside Konna," '
        "a spokesman said."
    )
    assert _types(ann) == ["armed_clash"]


def test_a_flight_that_names_no_place_left_the_place_of_the_violence(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Gunmen killed five farmers in a clash in Borno state on Monday, the police said.\n\n"
        "At least 300 families have fled their homes since the shooting, a local official said."
    )
    places = {p["id"]: p["name"] for p in ann["locations"]}
    flight = next(i for i in ann["incidents"] if i["type"] == "other")
    assert "Borno" in places.get(flight["location"], "")


def test_an_event_shortly_after_another_is_dated_to_its_day(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "A drone strike hit a market in Bati on Sunday, killing six people, residents said.\n\n"
        "They said the strike came shortly after clashes between troops and militia fighters near the town."
    )
    clash = next(i for i in ann["incidents"] if i["type"] == "armed_clash")
    assert (clash["date"], clash["date_precision"]) == ("2025-05-18", "day")


def test_wounded_brought_somewhere_is_an_evacuation_dated_by_its_own_words(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Our reporter spoke on Tuesday to wounded patients brought to Kosti from Rabak by the Red Crescent "
        "on Monday."
    )
    evacuation = next(i for i in ann["incidents"] if i["type"] == "medical_evacuation")
    assert evacuation["date"] == "2025-05-19"


def test_halted_traffic_is_a_closure_and_halted_flights_another_event(run) -> None:  # type: ignore[no-untyped-def]
    road = run("Traffic on the Garowe highway was suspended for five hours on Friday after a bombing.")
    assert "blockade" in _types(road)
    flights = run("Fighting near Benina airport on Monday forced the suspension of flights for the day.")
    assert "other" in _types(flights)
    # Halted pay or licences are no event.
    pay = run("The government suspended the salaries of civil servants in the region, officials said.")
    assert _types(pay) == []


def test_a_swap_or_exchange_of_captives_is_an_event(run) -> None:  # type: ignore[no-untyped-def]
    swap = run("Armenia and Azerbaijan swapped 12 prisoners each on Friday, officials said.")
    assert _types(swap) == ["other"]
    returned = run(
        "Forty detainees returned home on Friday in an exchange mediated by Qatar, officials said."
    )
    assert _types(returned) == ["other"]
    # Fire and views are exchanged too, without captives.
    fire = run("Troops exchanged fire with rebels near Goma on Friday, the army said.")
    assert "other" not in _types(fire)


def test_a_retelling_with_a_finer_date_narrows_the_incident_date(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "The two armies blamed each other for breaking the 2019 truce along the river. The truce, reached "
        "in March 2019, has mostly held."
    )
    truce = [i for i in ann["incidents"] if i["type"] == "ceasefire"]
    assert len(truce) == 1 and (truce[0]["date"], truce[0]["date_precision"]) == ("2019-03", "month")


def test_a_retelling_in_another_year_does_not_redate_the_incident(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "Both sides accused each other of violating the 2019 truce along the river. The truce was broken "
        "in March 2021 by heavy shelling."
    )
    truce = [i for i in ann["incidents"] if i["type"] == "ceasefire"]
    assert truce and (truce[0]["date"], truce[0]["date_precision"]) == ("2019", "year")
