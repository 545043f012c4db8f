"""Claims from the dependency parse, one construction per test, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph.model import Claim, EdgeType

Run = Callable[..., dict[str, Any]]


def _only(ann: dict[str, Any]) -> dict[str, Any]:
    assert len(ann["claims"]) == 1, ann["claims"]
    return ann["claims"][0]


def _edges(ann: dict[str, Any], etype: str) -> list[tuple[str, str]]:
    names = ann["names"]
    return sorted((names[e["from"]], names.get(e["to"], e["to"])) for e in ann["edges"] if e["type"] == etype)


def test_subject_of_accuse_with_of_content(run: Run) -> None:
    c = _only(run("Azerbaijan's Defence Ministry accused Armenian armed forces on Monday of shelling Sotk."))
    assert (c["stance"], c["claimant_name"], c["target_name"]) == (
        "accuse",
        "Ministry of Defence of Azerbaijan",
        "Armed Forces of Armenia",
    )
    assert (
        c["quote"] == "Azerbaijan's Defence Ministry accused Armenian armed forces on Monday of shelling Sotk"
    )
    assert (c["date"], c["date_text"]) == ("2025-05-19", "on Monday")


def test_government_body_is_part_of_its_state(run: Run) -> None:
    ann = run("The Azerbaijani Ministry of Defense said two soldiers were wounded.")
    body = next(a for a in ann["actors"] if a["kind"] == "government_body")
    assert body["name"] == "Ministry of Defence of Azerbaijan"
    graph = ann["graph"]
    part_of = [
        e
        for e in graph.edges
        if (e.type is EdgeType.PART_OF and e.source == graph.nodes[0].id) or e.type is EdgeType.PART_OF
    ]
    states = {n.id: n.name for n in graph.nodes if n.kind.value == "Actor" and n.actor_kind.value == "state"}
    assert [states[e.target] for e in part_of] == ["Azerbaijan"]


def test_participle_takes_the_main_clause_subject(run: Run) -> None:
    ann = run(
        "The rebel Kivu Liberation Front issued a statement on Tuesday, accusing the Congolese army "
        "of burning homes near Goma."
    )
    c = _only(ann)
    assert (c["stance"], c["claimant_name"], c["target_name"]) == (
        "accuse",
        "Kivu Liberation Front",
        "Armed Forces of Democratic Republic of Congo",
    )
    assert c["quote"].startswith("accusing the Congolese army of burning homes")


def test_according_to(run: Run) -> None:
    c = _only(run("More than 2,000 people fled the district last week, according to the United Nations."))
    assert (c["stance"], c["claimant_name"]) == ("assert", "United Nations")
    assert c["date"] is None  # "according to" gives no statement date


def test_passive_with_by_agent(run: Run) -> None:
    c = _only(run("The ambush was blamed by the Somali government on al-Shabaab."))
    assert (c["stance"], c["claimant_name"], c["target_name"]) == ("accuse", "Somalia", "al-Shabaab")


def test_capital_metonym_speaks_for_the_state(run: Run) -> None:
    c = _only(run("Baku said Yerevan was responsible for the blast."))
    assert (c["stance"], c["claimant_name"], c["target_name"]) == ("accuse", "Azerbaijan", "Armenia")


def test_reported_violence_by_another_side_is_an_accusation(run: Run) -> None:
    c = _only(
        run(
            "A police spokesman, Ahmed Noor, said gunmen from the Red Dune militia had attacked the "
            "market in Baidoa."
        )
    )
    assert c["stance"] == "accuse"
    assert c["claimant_name"] == "Ahmed Noor"
    assert c["target_name"] == "Red Dune militia"


def test_own_side_operation_is_an_assertion(run: Run) -> None:
    c = _only(run("Turkey's defence ministry said its forces had struck nine targets in northern Syria."))
    assert (c["stance"], c["claimant_name"], c["target"]) == ("assert", "Ministry of Defence of Turkey", None)


def test_a_rebel_group_accuses_its_countrys_army(run: Run) -> None:
    # The group's country is where it fights; it does not speak for that state's army.
    c = _only(run("The Houthis said the Yemeni army had bombed a school in Hodeidah on Sunday."))
    assert (c["stance"], c["claimant_name"], c["target_name"]) == (
        "accuse",
        "Houthis",
        "Armed Forces of Yemen",
    )


def test_a_people_accuses_its_countrys_army(run: Run) -> None:
    # "Syrian" gives the residents a country; they do not speak for its state.
    c = _only(run("Syrian residents said government forces had shelled the village on Monday."))
    assert (c["stance"], c["target_name"]) == ("accuse", "Armed Forces of Syria")


def test_an_official_reporting_its_countrys_army_asserts(run: Run) -> None:
    c = _only(run("A Sudanese general said the army had killed 20 fighters near Nyala."))
    assert (c["stance"], c["target"]) == ("assert", None)


def test_a_ministry_reporting_its_countrys_army_asserts(run: Run) -> None:
    c = _only(
        run("Sudan's Foreign Ministry said the army had struck Rapid Support Forces positions on Sunday.")
    )
    assert (c["stance"], c["target"]) == ("assert", None)


def test_quote_with_said_after(run: Run) -> None:
    c = _only(run('"We will respond to any attack on our villages," Defence Minister Zakir Hasanov said.'))
    assert (c["stance"], c["claimant_name"]) == ("assert", "Zakir Hasanov")
    assert c["quote"].startswith("We will respond to any attack on our villages")


def test_report_before_said_that_the_parser_hangs_on_a_noun(run: Run) -> None:
    # The small model reads "strike … killed" as a reduced relative, so the reported clause is a noun.
    for text, speaker in [
        (
            "An air strike on a school sheltering displaced families in the town killed at least 14 people "
            "on Monday, the health ministry said.",
            "Ministry of Health",
        ),
        (
            "A drone strike on a crowded market killed nine traders, the regional governor said.",
            "regional governor",
        ),
    ]:
        c = _only(run(text))
        assert (c["stance"], c["claimant_name"]) == ("assert", speaker), text
        assert text.startswith(c["quote"]) and c["quote"].endswith(" said"), c["quote"]


def test_report_before_a_named_speaker_at_the_end_of_the_sentence(run: Run) -> None:
    # "people" is parsed as the subject of "said" with the governor in apposition; "told" is parsed as a
    # second clause joined to "killed", and "reporters" is who was told, not what.
    cases = [
        (
            "Missile strikes on the port overnight injured at least 11 people, regional governor "
            "Ivan Petrenko said on Monday.",
            "Ivan Petrenko",
        ),
        (
            "Gunmen killed six miners near the town, local official Amadou Diallo told reporters.",
            "Amadou Diallo",
        ),
    ]
    for (text, speaker), end in zip(
        cases, ["Ivan Petrenko said", "Amadou Diallo told reporters"], strict=True
    ):
        c = _only(run(text))
        assert (c["stance"], c["claimant_name"]) == ("assert", speaker), text
        assert c["quote"] == text[: text.index(end) + len(end)], c["quote"]
    assert run("The minister told reporters in the capital.")["claims"] == []


def test_multi_sentence_quotation_is_one_claim(run: Run) -> None:
    ann = run('"The militia fired on the market. Nobody will forget it," the governor, Amina Yusuf, said.')
    c = _only(ann)
    assert (c["stance"], c["claimant_name"]) == ("accuse", "Amina Yusuf")
    assert c["quote"].startswith("The militia fired on the market")


def test_denial_predicate_and_denies_edge(run: Run) -> None:
    ann = run(
        "Azerbaijan accused Armenia on Monday of planting mines near Lachin. "
        "Armenia's Foreign Ministry dismissed the accusation as baseless."
    )
    stances = [c["stance"] for c in ann["claims"]]
    assert stances == ["accuse", "deny"]
    accusation, denial = ann["claims"]
    assert denial["about"] == accusation["id"]
    assert _edges(ann, "DENIES") == [("Ministry of Foreign Affairs of Armenia", accusation["id"])]
    assert _edges(ann, "ACCUSES") == [("Azerbaijan", "Armenia")]


def test_denial_of_an_accusation_it_only_describes(run: Run) -> None:
    ann = run("Yerevan said the accusations that its soldiers had planted mines near Lachin were fabricated.")
    by_stance = {c["stance"]: c for c in ann["claims"]}
    assert set(by_stance) == {"deny", "accuse"}
    described = by_stance["accuse"]
    assert described["quote"] == "its soldiers had planted mines near Lachin"
    assert by_stance["deny"]["about"] == described["id"]
    assert _edges(ann, "DENIES") == [("Armenia", described["id"])]


def test_nothing_denied_gives_no_denies_edge(run: Run) -> None:
    ann = run("The group said it has no fighters in the province.")
    assert _edges(ann, "DENIES") == []


def test_did_not_accuse_is_no_claim(run: Run) -> None:
    ann = run(
        "The ministry did not accuse anyone of the attack, and the army neither confirmed nor denied "
        "the report."
    )
    assert ann["claims"] == []


def test_each_other_gives_one_claim_per_side(run: Run) -> None:
    ann = run("India and Pakistan accused each other on Friday of violating the ceasefire.")
    assert sorted((c["claimant_name"], c["target_name"]) for c in ann["claims"]) == [
        ("India", "Pakistan"),
        ("Pakistan", "India"),
    ]
    assert _edges(ann, "ACCUSES") == [("India", "Pakistan"), ("Pakistan", "India")]


def test_both_sides_claimed(run: Run) -> None:
    ann = run("Ethiopian troops and Eritrean troops clashed near Zalambessa. Both sides claimed victory.")
    claimants = sorted(c["claimant_name"] for c in ann["claims"])
    assert claimants == ["Armed Forces of Eritrea", "Armed Forces of Ethiopia"]


def test_hypothetical_and_negated_flags(run: Run) -> None:
    ann = run("UN envoy Hans Grundberg warned that the fighting could escalate into a regional war.")
    claim = next(n for n in ann["graph"].nodes if isinstance(n, Claim))
    assert claim.hypothetical is True
    assert claim.negated is False


def test_pronoun_speaker_resolves_to_last_person(run: Run) -> None:
    ann = run("The mayor of Kharkiv, Ihor Terekhov, visited the site. He said four people had died.")
    c = _only(ann)
    assert c["claimant_name"] == "Ihor Terekhov"
    assert "The mayor of Kharkiv" in next(a for a in ann["actors"] if a["name"] == "Ihor Terekhov")["aliases"]


def test_dateline_dates_past_tense_statements(run: Run) -> None:
    ann = run("KYIV, May 18 (Wire) - The air force said it shot down 41 drones.")
    c = _only(ann)
    assert (c["date"], c["date_text"]) == ("2025-05-18", "KYIV, May 18")
    present = _only(run("KYIV, May 18 (Wire) - The air force says it shot down 41 drones."))
    assert present["date"] is None


def test_extraction_is_deterministic(run: Run) -> None:
    text = (
        "Azerbaijan accused Armenia on Monday of planting mines near Lachin. "
        "Armenia's Foreign Ministry dismissed the accusation as baseless."
    )
    first, second = run(text)["graph"], run(text)["graph"]
    assert first.model_dump_json() == second.model_dump_json()


def test_role_with_mislabelled_name_in_apposition_is_the_person(run: Run) -> None:
    ann = run(
        "An adviser to the rebel commander, Tomasz Wielgosz, said the convoy had turned back. "
        "A shopkeeper, Nadira Okonjo, said the market had been closed since Friday."
    )
    assert sorted(c["claimant_name"] for c in ann["claims"]) == ["Nadira Okonjo", "Tomasz Wielgosz"]


def test_conjoined_wrongdoing_verb_shares_the_named_subject(run: Run) -> None:
    ann = run("Armenia said the Azerbaijani army had ignored the ceasefire and shelled Sotk.")
    c = _only(ann)
    assert (c["stance"], c["claimant_name"], c["target_name"]) == (
        "accuse",
        "Armenia",
        "Armed Forces of Azerbaijan",
    )


def test_denial_naming_the_owner_links_to_that_claimants_claim(run: Run) -> None:
    ann = run(
        "Armenia's Defence Ministry said Azerbaijani troops had fired on Sotk. "
        "The Russian Defence Ministry said Azerbaijani troops had shelled a checkpoint near Lachin. "
        "Baku rejected the Armenian account as a provocation."
    )
    armenian = next(c for c in ann["claims"] if "Sotk" in c["quote"])
    denial = next(c for c in ann["claims"] if c["stance"] == "deny")
    assert denial["about"] == armenian["id"]


def test_passive_blame_keeps_its_whole_frame(run: Run) -> None:
    ann = run("The ambush was blamed by the governor, Tomas Okello, on the Lakeside Liberation Army.")
    c = _only(ann)
    assert (c["stance"], c["claimant_name"], c["target_name"]) == (
        "accuse",
        "Tomas Okello",
        "Lakeside Liberation Army",
    )
    assert (
        c["quote"] == "The ambush was blamed by the governor, Tomas Okello, on the Lakeside Liberation Army"
    )


def test_denial_appended_to_the_accusation(run: Run) -> None:
    ann = run("Kinshasa accuses Rwanda of arming the rebels, a charge Kigali rejects.")
    acc = next(c for c in ann["claims"] if c["stance"] == "accuse")
    deny = next(c for c in ann["claims"] if c["stance"] == "deny")
    assert acc["quote"] == "Kinshasa accuses Rwanda of arming the rebels"
    assert (deny["quote"], deny["claimant_name"], deny["about"]) == (
        "a charge Kigali rejects",
        "Rwanda",
        acc["id"],
    )
    assert _edges(ann, "DENIES") == [("Rwanda", acc["id"])]


def test_appended_denial_by_a_pronoun_is_the_accused(run: Run) -> None:
    ann = run("The army accused the rebels of shelling the market, an accusation they deny.")
    deny = next(c for c in ann["claims"] if c["stance"] == "deny")
    assert (deny["quote"], deny["claimant_name"]) == ("an accusation they deny", "rebels")


def test_figure_given_by_an_actor_inside_a_noun_phrase(run: Run) -> None:
    ann = run(
        "The number of dead has risen to 19, officials said, up from the toll of 12 given by the "
        "local administration on Monday."
    )
    quotes = sorted(c["quote"] for c in ann["claims"])
    assert quotes == [
        "The number of dead has risen to 19, officials said",
        "the toll of 12 given by the local administration on Monday",
    ]


def test_retraction_of_a_claim_described_only_inside_it(run: Run) -> None:
    ann = run("The regional administration withdrew its earlier report that a school had been damaged.")
    deny = next(c for c in ann["claims"] if c["stance"] == "deny")
    withdrawn = next(c for c in ann["claims"] if c["id"] == deny["about"])
    assert withdrawn["stance"] == "assert"
    assert withdrawn["claimant"] == deny["claimant"]
    assert "a school had been damaged" in withdrawn["quote"]
    no_claim = run("Troops withdrew from the town on Monday.")
    assert no_claim["claims"] == []


def test_weapon_of_a_state_accuses_its_armed_forces(run: Run) -> None:
    ann = run("Ukraine's air force said a Russian guided bomb hit a factory in Zaporizhzhia.")
    c = _only(ann)
    assert (c["stance"], c["target_name"]) == ("accuse", "Armed Forces of Russia")


def test_coordinated_clauses_with_different_stances_are_separate_claims(run: Run) -> None:
    ann = run(
        "Colonel Amara Diallo said no villager had been hurt in the raid and that the huts had been "
        "burnt by fighters of the Sahel Unity Front."
    )
    by_stance = {c["stance"]: c for c in ann["claims"]}
    assert set(by_stance) == {"assert", "accuse"}
    assert by_stance["assert"]["quote"] == "Colonel Amara Diallo said no villager had been hurt in the raid"
    accuse = by_stance["accuse"]
    assert accuse["quote"] == "the huts had been burnt by fighters of the Sahel Unity Front"
    assert (accuse["claimant_name"], accuse["target_name"]) == ("Amara Diallo", "Sahel Unity Front")
    same = run("The mayor said the road had reopened and that the market would open on Monday.")
    assert len(same["claims"]) == 1


def test_a_denial_answers_every_accusation_of_the_same_charge(run: Run) -> None:
    ann = run(
        "Ethiopia accused Eritrea of shelling Zalambessa. "
        "Ethiopia's defence ministry accused Eritrea of firing rockets at the town. "
        "Eritrea rejected the accusations as lies."
    )
    denied = {e[1] for e in _edges(ann, "DENIES")}
    accusations = {c["id"] for c in ann["claims"] if c["stance"] == "accuse"}
    assert len(accusations) == 2
    assert denied == accusations


def test_named_group_in_apposition_speaks(run: Run) -> None:
    ann = run(
        "Soldiers of the Ruritanian army entered the valley. The local militia, the Valley Guard "
        "Movement, confirmed that it operates in the district."
    )
    c = _only(ann)
    assert c["claimant_name"] == "Valley Guard Movement"


def test_demonstrative_denial_points_to_the_claim_just_reported(run: Run) -> None:
    ann = run(
        "The Ruritanian army accused the Valley Guard Movement of shelling Ostrava. "
        "The army said the shelling had killed four people. "
        "The army also said it had struck a depot of the Valley Guard Movement. "
        "The movement rejected that claim."
    )
    depot = next(c for c in ann["claims"] if "depot" in c["quote"])
    deny = next(c for c in ann["claims"] if c["stance"] == "deny")
    assert deny["about"] == depot["id"]


def test_reporting_verb_inside_the_same_speakers_content_is_one_claim(run: Run) -> None:
    ann = run(
        "The Red Crescent said it could not tell how many of the wounded had been hurt by the shelling."
    )
    c = _only(ann)
    assert c["quote"].startswith("The Red Crescent said it could not tell")


def test_unnamed_gunmen_are_no_accused(run: Run) -> None:
    c = _only(
        run("Gunmen stormed a police post near Kayes overnight, killing three officers, the ministry said.")
    )
    assert (c["stance"], c["target"]) == ("assert", None)
    named = _only(
        run("The ministry said fighters of the Sahel Unity Front stormed a police post near Kayes.")
    )
    assert (named["stance"], named["target_name"]) == ("accuse", "Sahel Unity Front")


def test_a_denial_in_the_lead_links_to_the_accusation_reported_further_down(run: Run) -> None:
    ann = run(
        "The Lowland Front rejected the accusations on Tuesday. "
        "On Monday the army had accused the Lowland Front of shelling the market in Kadu."
    )
    denies = {c["id"]: c for c in ann["claims"]}
    (edge,) = [e for e in ann["edges"] if e["type"] == "DENIES"]
    assert ann["names"][edge["from"]] == "Lowland Front"
    assert denies[edge["to"]]["quote"].startswith("On Monday the army had accused the Lowland Front")


def test_a_negated_quote_next_to_the_sides_denial_denies_the_same_claim(run: Run) -> None:
    ann = run(
        "The Lowland Front denied on Tuesday that its fighters had shelled the market. "
        '"We have never targeted civilians," the group\'s spokesman, Idris Kalo, said. '
        "The army had accused the Lowland Front of shelling the market in Kadu."
    )
    quotes = {c["id"]: c["quote"] for c in ann["claims"]}
    denials = sorted(
        (ann["names"][e["from"]], quotes[e["to"]][:30]) for e in ann["edges"] if e["type"] == "DENIES"
    )
    assert denials == [
        ("Idris Kalo", "The army had accused the Lowla"),
        ("Lowland Front", "The army had accused the Lowla"),
    ]


def test_a_spokeswoman_named_with_her_body_in_front_speaks_for_it(run: Run) -> None:
    ann = run(
        "The gang accused the police of killing 15 civilians. "
        "Police spokeswoman Inspector Anne-Marie Tshala said no civilian had been killed."
    )
    assert _edges(ann, "DENIES") == [
        ("Anne-Marie Tshala", next(c["id"] for c in ann["claims"] if c["stance"] == "accuse"))
    ]
    person = next(a for a in ann["actors"] if a["kind"] == "person")
    assert person["name"] == "Anne-Marie Tshala"


def test_a_passive_blame_names_the_governor_met_before_and_stops_before_the_description(run: Run) -> None:
    ann = run(
        "Gunmen attacked a camp near Bunia overnight, the provincial governor said. "
        "The attack was blamed by the governor, General Joseph Kanza, on the Ridge Defenders Union, "
        "a militia that recruits among herders."
    )
    people = [a for a in ann["actors"] if a["kind"] == "person"]
    assert [p["name"] for p in people] == ["Joseph Kanza"]  # "the provincial governor" is the same man
    assert "the provincial governor" in people[0]["aliases"]
    accusation = next(c for c in ann["claims"] if c["stance"] == "accuse")
    assert accusation["quote"] == (
        "The attack was blamed by the governor, General Joseph Kanza, on the Ridge Defenders Union"
    )
    union = next(a for a in ann["actors"] if "Ridge Defenders Union" in a["name"])
    assert accusation["target"] == union["id"] and "a militia" in union["aliases"]
    gunmen = next(a for a in ann["actors"] if a["name"] == "gunmen")
    assert gunmen["aliases"] == ["Gunmen"]  # "a militia" is a new actor, not the gunmen again


def test_a_ministry_named_again_by_its_country_alone_is_the_same_ministry(run: Run) -> None:
    ann = run(
        "Azerbaijan's Defence Ministry said Armenian forces fired on Sotk. "
        "The Azerbaijani ministry later withdrew that claim."
    )
    ministry = next(a for a in ann["actors"] if a["kind"] == "government_body")
    assert ministry["name"] == "Ministry of Defence of Azerbaijan"
    assert "The Azerbaijani ministry" in ministry["aliases"]
    quotes = {c["id"]: c["quote"] for c in ann["claims"]}
    assert [(ann["names"][e["from"]], quotes[e["to"]]) for e in ann["edges"] if e["type"] == "DENIES"] == [
        (
            "Ministry of Defence of Azerbaijan",
            "Azerbaijan's Defence Ministry said Armenian forces fired on Sotk",
        )
    ]


def test_blame_on_a_day_is_not_blame_on_someone_and_a_named_group_noun_is_the_group(run: Run) -> None:
    ann = run(
        "On Sunday the army blamed the Hill Forces Alliance (HFA) rebel group for the attack on the camp."
    )
    c = _only(ann)
    assert (c["stance"], c["claimant_name"], c["target_name"]) == ("accuse", "army", "Hill Forces Alliance")
    assert _edges(ann, "ACCUSES") == [("army", "Hill Forces Alliance")]


def test_both_sides_are_the_two_states_not_a_state_and_its_own_coast_guard(run: Run) -> None:
    ann = run(
        "The Philippines protested to China on Monday. The Philippine Coast Guard said a Chinese cutter had "
        "rammed its supply boat. The coast guard said two sailors were hurt. China said the boats intruded. "
        "Both sides have accused each other of violating the 2024 deal."
    )
    each_other = [c for c in ann["claims"] if c["quote"].startswith("Both sides")]
    assert sorted((c["claimant_name"], c["target_name"]) for c in each_other) == [
        ("China", "Philippines"),
        ("Philippines", "China"),
    ]
    guard = next(a for a in ann["actors"] if a["name"] == "Philippine Coast Guard")
    assert "The coast guard" in guard["aliases"]


def test_a_blame_with_a_casualty_participle_is_two_claims(run: Run) -> None:
    ann = run(
        "The army said on Monday that the rebels had fired the shells from hills south of the town, "
        "killing at least 14 people."
    )
    got = sorted((c["stance"], c["claimant_name"], c["target_name"], c["quote"]) for c in ann["claims"])
    assert got == [
        (
            "accuse",
            "army",
            "rebels",
            "The army said on Monday that the rebels had fired the shells from hills south of the town",
        ),
        ("assert", "army", None, "killing at least 14 people"),
    ]


def test_a_relative_clause_rejecting_a_thing_describes_the_group_and_is_no_denial(run: Run) -> None:
    ann = run(
        "Police blamed the Hill Front, a dissident faction that rejected the 2016 peace agreement, "
        "for the bombing."
    )
    c = _only(ann)
    assert (c["stance"], c["claimant_name"], c["target_name"]) == ("accuse", "police", "Hill Front")
    assert _edges(ann, "DENIES") == []


def test_two_of_charges_are_two_accusations(run: Run) -> None:
    ann = run(
        'The spokesman accused the Hill Front of being "an extension of a terrorist organisation" '
        "and of firing two rockets at a border post on Saturday."
    )
    got = sorted((c["stance"], c["target_name"], c["quote"]) for c in ann["claims"])
    assert got == [
        (
            "accuse",
            "Hill Front",
            'The spokesman accused the Hill Front of being "an extension of a terrorist organisation"',
        ),
        ("accuse", "Hill Front", "of firing two rockets at a border post on Saturday"),
    ]
    assert len([e for e in ann["edges"] if e["type"] == "ACCUSES"]) == 2


def test_a_spokesmans_denial_answers_the_accusation_against_his_group_first(run: Run) -> None:
    ann = run(
        "The Congolese army accused the Kivu Liberation Front of burning homes near Goma on Monday. "
        "The governor blamed Uganda for arming the fighters. "
        'Kivu Liberation Front spokesman Joseph Mbeki said the accusations were "baseless".'
    )
    denial = next(c for c in ann["claims"] if c["stance"] == "deny")
    assert denial["claimant_name"] == "Joseph Mbeki"
    denied = {c["id"]: c for c in ann["claims"]}[denial["about"]]
    assert (denied["claimant_name"], denied["target_name"]) == (
        "Armed Forces of Democratic Republic of Congo",
        "Kivu Liberation Front",
    )
    assert _edges(ann, "DENIES") == [("Joseph Mbeki", denial["about"])]


def test_a_denial_appended_as_a_relative_clause_with_its_complement(run: Run) -> None:
    ann = run(
        "Ruritania's interior ministry on Monday accused the Valley Guard Movement of burning a school "
        "in Ostrava, a charge the movement dismissed as propaganda."
    )
    deny = next(c for c in ann["claims"] if c["stance"] == "deny")
    accuse = next(c for c in ann["claims"] if c["stance"] == "accuse")
    assert deny["quote"] == "a charge the movement dismissed as propaganda"
    assert (deny["claimant_name"], deny["about"]) == ("Valley Guard Movement", accuse["id"])
    assert accuse["quote"].endswith("burning a school in Ostrava")
    assert _edges(ann, "DENIES") == [("Valley Guard Movement", accuse["id"])]


def test_a_reporting_verb_joined_to_the_reported_clause_shares_the_reporters_subject(run: Run) -> None:
    ann = run(
        "Moldova's Defence Ministry said its forces had destroyed an ammunition depot near Tiraspol "
        "and denied hitting a hospital."
    )
    deny = next(c for c in ann["claims"] if c["stance"] == "deny")
    assert deny["claimant_name"] == "Ministry of Defence of Moldova"
    assert deny["quote"] == "denied hitting a hospital"


def test_a_wrongdoing_noun_naming_its_doer_is_an_accusation(run: Run) -> None:
    ann = run('Moldova\'s foreign minister, Ion Rusu, said the shelling was "a war crime by Russia".')
    c = _only(ann)
    assert (c["stance"], c["claimant_name"], c["target_name"]) == ("accuse", "Ion Rusu", "Russia")
    condemned = _only(run("The Red Cross condemned the attack by the Kivu Liberation Front."))
    assert (condemned["stance"], condemned["target_name"]) == ("accuse", "Kivu Liberation Front")
    plain = _only(run("The Red Cross condemned the attack."))
    assert (plain["stance"], plain["target"]) == ("assert", None)


def test_both_named_sides_accusing_each_other_are_the_named_actors(run: Any) -> None:
    ann = run(
        "Kinshasa accused Rwanda of arming the Kivu Liberation Front near Goma. "
        "Both the Congolese army and the Kivu Liberation Front have accused each other of breaking the truce."
    )
    pairs = sorted(
        (c["claimant_name"], c["target_name"]) for c in ann["claims"] if "each other" in c["quote"]
    )
    assert pairs == [
        ("Armed Forces of Democratic Republic of Congo", "Kivu Liberation Front"),
        ("Kivu Liberation Front", "Armed Forces of Democratic Republic of Congo"),
    ]


def test_an_appended_denial_by_a_countrys_body_keeps_its_quoted_complement(run: Run) -> None:
    ann = run(
        "Kinshasa accused Uganda of arming the Kivu Liberation Front, a charge Uganda’s foreign ministry "
        "rejected on Friday as “baseless and recycled”."
    )
    deny = next(c for c in ann["claims"] if c["stance"] == "deny")
    assert deny["quote"] == "a charge Uganda’s foreign ministry rejected on Friday as “baseless and recycled”"
    assert deny["claimant_name"] == "Ministry of Foreign Affairs of Uganda"
    accuse = next(c for c in ann["claims"] if c["stance"] == "accuse")
    assert deny["about"] == accuse["id"]


def test_both_sides_in_the_lead_are_the_parties_named_further_on(run: Run) -> None:
    ann = run(
        "Both of Somalia's warring parties have accused each other of a mortar attack on a market in "
        "Baidoa on Monday.\n\n"
        "The Somali National Army said the Jubba Liberation Front fired the mortars. "
        "The Jubba Liberation Front said the army had shelled the market itself. "
        "The Jubba Liberation Front also said its fighters had withdrawn from Baidoa in March."
    )
    lead = [c for c in ann["claims"] if c["quote"].startswith("Both of Somalia")]
    assert sorted((c["stance"], c["claimant_name"], c["target_name"]) for c in lead) == [
        ("accuse", "Jubba Liberation Front", "Somali National Army"),
        ("accuse", "Somali National Army", "Jubba Liberation Front"),
    ]


def test_both_sides_counts_a_state_with_its_forces_before_a_third_state(run: Run) -> None:
    ann = run(
        "Vietnam said on Monday that Chinese vessels had fired water cannon at its fishing boats. "
        "The United States urged calm. The United States has a defence treaty with Manila. "
        "The Chinese navy said the Vietnamese boats had entered its waters, and the Chinese coast guard "
        "said they refused to leave. Beijing protested. "
        "Both sides have accused each other of breaking a 2023 understanding."
    )
    each_other = [c for c in ann["claims"] if c["quote"].startswith("Both sides")]
    assert sorted((c["claimant_name"], c["target_name"]) for c in each_other) == [
        ("China", "Vietnam"),
        ("Vietnam", "China"),
    ]


def test_a_dictionary_armed_group_and_its_country_are_two_sides(run: Run) -> None:
    ann = run(
        "The Houthis said on Monday that government forces had shelled Taiz. Yemen's government said "
        "Houthi fighters fired first. Both sides have accused each other of breaking the truce."
    )
    each_other = [c for c in ann["claims"] if c["quote"].startswith("Both sides")]
    assert sorted((c["claimant_name"], c["target_name"]) for c in each_other) == [
        ("Houthis", "Yemen"),
        ("Yemen", "Houthis"),
    ]
    houthis = next(a for a in ann["actors"] if a["name"] == "Houthis")
    assert "Houthi fighters" in houthis["aliases"]


def test_attributing_an_act_to_an_actor_accuses_it(run: Run) -> None:
    ann = run(
        "The Tana Rights Observatory said on Friday it had documented six arson attacks since January, "
        "four of which it attributed to the Jubba Liberation Front."
    )
    acc = [c for c in ann["claims"] if c["stance"] == "accuse"]
    assert len(acc) == 1, ann["claims"]
    assert "Tana Rights Observatory" in acc[0]["claimant_name"]
    assert acc[0]["target_name"] == "Jubba Liberation Front"
    assert acc[0]["quote"].endswith("attributed to the Jubba Liberation Front")


def test_attributing_to_a_non_actor_accuses_no_one(run: Run) -> None:
    ann = run("The ministry attributed the delay to heavy rain.")
    assert [c["stance"] for c in ann["claims"]] == ["assert"]
    assert _edges(ann, "ACCUSES") == []


def test_hold_responsible_small_clause_names_the_accused(run: Run) -> None:
    ann = run("The Jubba Liberation Front holds the Somali government fully responsible for the killings.")
    c = _only(ann)
    assert (c["stance"], c["claimant_name"], c["target_name"]) == (
        "accuse",
        "Jubba Liberation Front",
        "Somalia",
    )


def test_bearing_responsibility_in_the_content_accuses_the_bearer(run: Run) -> None:
    c = _only(
        run(
            "The Chinese foreign ministry said on Sunday that Manila bore full responsibility "
            "for the collision."
        )
    )
    assert (c["stance"], c["claimant_name"], c["target_name"]) == (
        "accuse",
        "Ministry of Foreign Affairs of China",
        "Philippines",
    )


def test_the_object_of_accused_is_never_its_speaker(run: Run) -> None:
    ann = run(
        "The Israeli military said it had carried out a precise strike on a Hamas command centre, and "
        "accused Hamas of using civilian buildings as shields."
    )
    assert _edges(ann, "ACCUSES") == [("Armed Forces of Israel", "Hamas")]


def test_a_blaming_participle_makes_the_statement_one_accusation(run: Run) -> None:
    ann = run(
        '"The militia targeted a crowded station," the ministry of health said in a statement, blaming the '
        "Northern Shield Forces."
    )
    c = _only(ann)
    assert (c["stance"], c["target_name"]) == ("accuse", "Northern Shield Forces")
    assert c["quote"].endswith("blaming the Northern Shield Forces")


def test_starting_a_violent_act_accuses_the_subject(run: Run) -> None:
    c = _only(
        run("A police spokesman, Abdul Haq, said on Monday that Pakistani forces had started the firing.")
    )
    assert (c["stance"], c["claimant_name"], c["target_name"]) == (
        "accuse",
        "Abdul Haq",
        "Armed Forces of Pakistan",
    )


def test_starting_a_harmless_act_accuses_no_one(run: Run) -> None:
    c = _only(
        run("A police spokesman, Abdul Haq, said on Monday that Pakistani forces had started the talks.")
    )
    assert (c["stance"], c["target_name"]) == ("assert", None)


def test_quotation_after_a_statement_goes_on_with_it(run: Run) -> None:
    # A quotation whose speaker is only "he"/"she"/"it" right after that speaker's statement is the same
    # statement; a denial in it makes the statement a denial.
    for text, name, stance in [
        (
            "A village elder, Tun Aung, said the soldiers had left before dawn. "
            '"Nobody here knows where they went," he said.',
            "Tun Aung",
            "assert",
        ),
        (
            "A rebel commander, Jean-Pierre Kabila, said his fighters were 40 km from the town. "
            '"We have never fired on that market. It is a lie," he said.',
            "Jean-Pierre Kabila",
            "deny",
        ),
        (
            "The World Health Organization said it was alarmed by the attack.\n\n"
            '"We call on all parties to protect health care," it said.',
            "World Health Organization",
            "assert",
        ),
    ]:
        c = _only(run(text))
        assert (c["claimant_name"], c["stance"]) == (name, stance), text
        assert text.startswith(c["quote"]), c["quote"]


def test_quotation_is_its_own_claim_when_it_turns_or_comes_later(run: Run) -> None:
    for text in [
        # An accusation, then a quotation that says something else: two claims.
        "Kyiv accused Moscow of shelling the power plant. "
        '"The station is safe and working normally," it said.',
        # A sentence by the narrator between the statement and the quotation.
        "A fisherman, Tomas Reyes, said the coast guard had sprayed his boat. The boat sank an hour later. "
        '"I lost everything," he said.',
    ]:
        assert len(run(text)["claims"]) == 2, text


def test_denial_of_these_claims_answers_every_charge_just_made(run: Run) -> None:
    ann = run(
        "Israel's military accused Hamas of firing rockets from a school compound. It also accused the "
        "group of using an ambulance to move fighters.\n\n"
        'Hamas rejected these claims as "lies".'
    )
    denied = {e["to"] for e in ann["edges"] if e["type"] == "DENIES"}
    accusations = {c["id"] for c in ann["claims"] if c["stance"] == "accuse"}
    assert len(accusations) == 2 and denied == accusations
    # One charge against the denier among others' claims: only the charges against it are denied.
    ann = run(
        "The army accused the rebels of attacking an aid convoy on Monday. Residents said soldiers had "
        "burned houses the same day. The rebels denied the allegations."
    )
    (denied,) = [e["to"] for e in ann["edges"] if e["type"] == "DENIES"]
    c = next(c for c in ann["claims"] if c["id"] == denied)
    assert c["claimant_name"] == "army" or "Armed Forces" in c["claimant_name"], c
    # A singular "the accusation" still denies one claim.
    ann = run(
        "The army accused the rebels of attacking an aid convoy. It also accused them of looting a clinic. "
        "The rebels rejected that accusation."
    )
    assert len([e for e in ann["edges"] if e["type"] == "DENIES"]) == 1


def test_a_single_denied_charge_leaves_a_charge_about_another_incident(run: Run) -> None:
    ann = run(
        "The army accused the rebels of ambushing an aid convoy near the river on Monday. The army also "
        "accused the rebels of looting a clinic in the town last week. The rebels rejected that accusation."
    )
    (denied,) = [e["to"] for e in ann["edges"] if e["type"] == "DENIES"]
    claim = next(c for c in ann["claims"] if c["id"] == denied)
    assert "looting a clinic" in claim["quote"], claim


def test_a_statement_without_a_speaker_is_not_a_claim(run: Run) -> None:
    # Every claim has a claimant (shared ANNOTATION.md); the parse finds none for "one of them".
    ann = run(
        "Two residents said a drone had hit the bus station. One of them said the drone appeared to "
        "target a minibus."
    )
    assert [c["claimant_name"] for c in ann["claims"]] == ["two residents"]
    # An accusation reported only inside a denial, by an accuser the text does not name, is kept:
    # the denial denies it.
    ann = run("The militia rejected accusations that its fighters had shelled the market in Kalemie.")
    claims = {c["id"]: c for c in ann["claims"]}
    (denied,) = [e["to"] for e in ann["edges"] if e["type"] == "DENIES"]
    assert claims[denied]["stance"] == "accuse" and claims[denied]["claimant"] is None


def test_reporting_verbs_joined_by_and_are_one_statement(run: Run) -> None:
    ann = run(
        "The World Food Programme said it was alarmed by the fighting in Malakal and urged "
        "both forces to pull back from the camp."
    )
    c = _only(ann)
    assert (c["stance"], c["claimant_name"]) == ("assert", "World Food Programme")
    assert c["quote"].endswith("urged both forces to pull back from the camp")
    ann = run("Yemen's health ministry condemned the shelling of Taiz and said it would send doctors there.")
    assert _only(ann)["quote"].endswith("said it would send doctors there")


def test_contrasted_or_repeated_reporting_verbs_stay_two_claims(run: Run) -> None:
    ann = run(
        "The Colombian ombudsman condemned the bombing of the police post in Jamundí, but said "
        "it could not yet say who was responsible."
    )
    assert len(ann["claims"]) == 2, ann["claims"]
    ann = run("Kyiv says the drones came from Belarus, and says it has asked Minsk for an explanation.")
    assert len(ann["claims"]) == 2, ann["claims"]


def test_lie_as_a_verb_of_place_is_no_denial(run: Run) -> None:
    ann = run(
        "Kadoma lies on the only road linking the camp to the border, a route that armed men have "
        "closed since March, the World Food Programme says."
    )
    assert [c["stance"] for c in ann["claims"]] == ["assert"]
    ann = run('"We spent two nights lying on the floor of the church," said Amina Yusuf, a mother of four.')
    assert [c["stance"] for c in ann["claims"]] == ["assert"]


def test_lying_about_a_claim_is_a_denial(run: Run) -> None:
    ann = run("A Hamas official said the Israeli army was lying about the strike on the school.")
    assert [c["stance"] for c in ann["claims"]] == ["deny"]


def test_according_to_a_sources_figures_is_the_sources_claim(run: Run) -> None:
    c = _only(run("About 9,000 people have fled Sittwe since June, according to UNHCR estimates."))
    assert (c["stance"], c["claimant_name"]) == ("assert", "UNHCR")
    c = _only(
        run(
            "At least 40 fighters died in the clashes near Goma, according to figures from the "
            "Congolese health ministry."
        )
    )
    assert c["claimant_name"] == "Ministry of Health of Democratic Republic of Congo"
    c = _only(run("According to information gathered by the ICRC, the convoy was hit twice near Marib."))
    assert c["claimant_name"] == "International Committee of the Red Cross"


def test_a_clause_only_verb_with_a_quoted_object_inside_a_claim_is_part_of_it(run: Run) -> None:
    ann = run(
        'The ICRC said its teams had recorded "dozens of impacts" on the hospital in Khan Younis overnight.'
    )
    c = _only(ann)
    assert (c["stance"], c["claimant_name"]) == ("assert", "International Committee of the Red Cross")
    assert c["quote"].endswith("on the hospital in Khan Younis overnight")


def test_a_reporting_verb_joined_deep_in_the_reported_clause_keeps_the_reporters_subject(run: Run) -> None:
    ann = run(
        "The Chinese embassy in Manila said the vessels were fishing boats sheltering from a storm "
        'and called the Philippine reports "malicious hype".'
    )
    assert {c["claimant_name"] for c in ann["claims"]} == {"Embassy of China in Manila"}


def test_a_speaker_reporting_what_its_own_forces_did_asserts(run: Run) -> None:
    c = _only(run("Russia's defence ministry said its forces had struck a fuel depot near Dnipro overnight."))
    assert (c["stance"], c["target"]) == ("assert", None)
    c = _only(run('"Our fighters destroyed two army trucks near Bossangoa," the rebel spokesman said.'))
    assert c["stance"] == "assert"
    # Another side's forces are still accused.
    c = _only(run("The Malian army said the rebels' fighters had burned the market in Ber."))
    assert c["stance"] == "accuse"


def test_according_to_two_sources_gives_one_claim_each(run: Run) -> None:
    ann = run("Twelve herders died on Sunday near Zurmi, according to the ICRC and the United Nations.")
    assert sorted(c["claimant_name"] for c in ann["claims"]) == [
        "International Committee of the Red Cross",
        "United Nations",
    ]
    assert len({c["quote"] for c in ann["claims"]}) == 1


def test_no_such_thing_denies_the_claim_that_spoke_of_it(run: Run) -> None:
    ann = run(
        "The Malian army accused the rebels of shelling the airport in Kidal on Sunday. On Monday the army "
        "said it had destroyed a rebel drone workshop near the town. The rebels said no such workshop had "
        "ever existed."
    )
    (denied,) = [e["to"] for e in ann["edges"] if e["type"] == "DENIES"]
    c = next(c for c in ann["claims"] if c["id"] == denied)
    assert "drone workshop" in c["quote"], c
    ann = run(
        "Residents of Sinjar told reporters that militiamen had set up a checkpoint on the road to the "
        "town. The Iraqi interior ministry said no such checkpoint existed."
    )
    (denied,) = [e["to"] for e in ann["edges"] if e["type"] == "DENIES"]
    assert "set up a checkpoint" in next(c["quote"] for c in ann["claims"] if c["id"] == denied)


def test_the_addressee_of_a_conjoined_appeal_is_not_its_speaker(run: Run) -> None:
    ann = run(
        "The Yemeni government said it was horrified by the attack and urged the United Nations to send "
        "monitors to Taiz."
    )
    c = _only(ann)
    assert (c["stance"], c["claimant_name"]) == ("assert", "Yemen")
    assert c["quote"].endswith("to send monitors to Taiz")


def test_a_denial_answers_the_claim_that_spoke_of_what_it_names(run: Run) -> None:
    # The nearer claim of another side says nothing of the denied thing; the earlier one names it.
    for text, denied_words in (
        (
            "The regional governor of Kherson said a power substation was damaged in overnight shelling. "
            "The city's mayor said water supplies would be restored by Friday. Russia's defence ministry "
            "denied striking the substation.",
            "power substation",
        ),
        (
            "Doctors in Taiz said a shell had struck a crowded market in the old city. Local officials "
            "said the main road to Aden remained closed to trucks. The Houthis denied firing at the market.",
            "crowded market",
        ),
    ):
        ann = run(text)
        (denied,) = [e["to"] for e in ann["edges"] if e["type"] == "DENIES"]
        assert denied_words in next(c["quote"] for c in ann["claims"] if c["id"] == denied), ann["claims"]


def test_a_denial_answers_the_claim_that_speaks_of_the_denier(run: Run) -> None:
    # Neither claim is an accusation; the earlier one names the group that denies, the nearer one does not.
    for text, denied_words in (
        (
            "The Malian army said two of its officers were being held by the Katiba Macina in the forest "
            "near Djenne. According to the army, the officers were stopped by armed men on the road to "
            "Mopti on Sunday. The Katiba Macina denied holding anyone.",
            "being held by",
        ),
        (
            "Sudanese officials said the Rapid Support Forces were holding 40 villagers in a school in "
            "Bara. According to the officials, the villagers were rounded up at dawn after a night of "
            "heavy fighting. The Rapid Support Forces denied detaining civilians.",
            "holding 40 villagers",
        ),
    ):
        ann = run(text)
        (denied,) = [e["to"] for e in ann["edges"] if e["type"] == "DENIES"]
        assert denied_words in next(c["quote"] for c in ann["claims"] if c["id"] == denied), ann["claims"]


def test_that_clause_hung_on_the_statement_noun_is_the_content(run: Run) -> None:
    # The small model parses "said in a statement that …" with the that-clause as a clause of the noun
    # "statement"; it is still what the army said, and its "on Sunday" dates the raid, not the statement.
    said = "The Sudanese army said in a statement that RSF fighters stormed the village on Sunday"
    c = _only(run(said + "."))
    assert (c["stance"], c["claimant_name"], c["quote"]) == ("accuse", "Armed Forces of Sudan", said)
    assert (c["date"], c["date_text"]) == (None, "")
    # A relative clause ("a statement that was read out") is no content.
    assert run("The army said in a statement that was read out on state radio on Sunday.")["claims"] == []


def test_a_statement_printed_over_paragraphs_is_its_issuer(run: Run) -> None:
    ann = run(
        "The Sahel Liberation Movement's general command released the following statement on Friday.\n\n"
        '"To the people of Gao\n\n'
        "This morning a Malian helicopter fired on a wedding party near Tessit. We reject the "
        "accusations that our fighters mined the road to Ansongo.\n\n"
        'General Command\n12 March 2025"'
    )
    by_quote = {c["quote"]: c for c in ann["claims"]}
    strike = next(c for q, c in by_quote.items() if "fired on a wedding party" in q)
    assert (strike["stance"], strike["claimant_name"]) == ("accuse", "Sahel Liberation Movement")
    denial = next(c for c in ann["claims"] if c["stance"] == "deny")
    assert denial["claimant_name"] == "Sahel Liberation Movement"
    (denied,) = [e["to"] for e in ann["edges"] if e["type"] == "DENIES"]
    assert "mined the road to Ansongo" in next(c["quote"] for c in ann["claims"] if c["id"] == denied)
    # The heading and the signature state nothing.
    assert not [q for q in by_quote if "To the people" in q or "12 March" in q]


def test_a_described_charge_is_not_an_unrelated_earlier_claim(run: Run) -> None:
    ann = run(
        "Niger's army said on Monday that its aircraft had destroyed two boats on the river. The Azawad "
        "Front rejected the allegations that its men were smuggling fuel across the border."
    )
    (denied,) = [e["to"] for e in ann["edges"] if e["type"] == "DENIES"]
    assert "smuggling fuel" in next(c["quote"] for c in ann["claims"] if c["id"] == denied)


def test_no_losses_of_ones_own_side_denies_nothing(run: Run) -> None:
    ann = run(
        "The Kivu Liberation Front accused Rwandan troops of shelling Sake. Rwanda's defence ministry said "
        "its forces had returned fire. No Rwandan soldiers were killed, the ministry said."
    )
    assert [e for e in ann["edges"] if e["type"] == "DENIES"] == []
    last = next(c for c in ann["claims"] if "No Rwandan soldiers" in c["quote"])
    assert last["stance"] == "assert"


def test_a_reply_naming_the_statement_does_not_change_its_stance(run: Run) -> None:
    ann = run(
        "The Transnistrian interior ministry said on Friday that the three fishermen had crossed the "
        "river illegally, a statement the Moldovan government dismissed as fiction."
    )
    first = next(c for c in ann["claims"] if c["quote"].startswith("The Transnistrian"))
    assert first["stance"] == "assert"
    (denied,) = [e["to"] for e in ann["edges"] if e["type"] == "DENIES"]
    assert denied == first["id"]


def test_carrying_and_opening_are_no_wrongdoing_without_their_object(run: Run) -> None:
    for text in (
        "Witnesses said the Red Crescent was carrying wounded villagers to Goma when the shelling began.",
        "The governor said the Red Cross had opened a clinic in Sake on Sunday.",
    ):
        assert [c["stance"] for c in run(text)["claims"]] == ["assert"], text
    c = _only(
        run("The Congolese army said the Kivu Liberation Front had opened fire on its posts near Goma.")
    )
    assert (c["stance"], c["target_name"]) == ("accuse", "Kivu Liberation Front")


def test_it_in_the_reported_clause_is_the_speaker(run: Run) -> None:
    ann = run(
        "A Turkish drone strike on a farm near Zakho killed three shepherds, Iraq's health ministry said, "
        "while the Turkish military said it had killed four fighters of an armed group hiding there."
    )
    assert [e for e in ann["edges"] if e["type"] == "ACCUSES"] == []


def test_the_subject_the_parser_gives_to_told_is_the_reported_clauses(run: Run) -> None:
    # "told us the militia …": the small model makes "the militia" the object of "told".
    ann = run(
        "Malian officials blamed the Katiba Macina militia for the attack on the cattle market. A local "
        'elder, Hamadoun Diallo, told us the militia "does not attack markets".'
    )
    denial = next(c for c in ann["claims"] if c["stance"] == "deny")
    assert denial["claimant_name"] == "Hamadoun Diallo"
    (denied,) = [e["to"] for e in ann["edges"] if e["type"] == "DENIES"]
    assert "blamed the Katiba Macina" in next(c["quote"] for c in ann["claims"] if c["id"] == denied)


def test_claims_called_exaggerated_are_denied(run: Run) -> None:
    ann = run(
        "The Free Sinai Brigade said its fighters had destroyed four army vehicles near Rafah. The "
        "brigade's claims are usually exaggerated, Egyptian officials say."
    )
    denial = next(c for c in ann["claims"] if "exaggerated" in c["quote"])
    assert denial["stance"] == "deny"
    (denied,) = [e["to"] for e in ann["edges"] if e["type"] == "DENIES"]
    assert "four army vehicles" in next(c["quote"] for c in ann["claims"] if c["id"] == denied)


def test_a_forecast_of_an_attack_accuses_no_one(run: Run) -> None:
    c = _only(
        run("Moldova's interior ministry warned that Russia could launch drones at the power grid in winter.")
    )
    assert (c["stance"], c["target"]) == ("assert", None)
    c = _only(run("Moldova's interior ministry said Russia may have launched drones at the power grid."))
    assert (c["stance"], c["target_name"]) == ("accuse", "Russia")


def test_a_spokesman_of_a_named_group_speaks_for_it_and_claims_its_attack(run: Run) -> None:
    # "Houthi" modifies the role: the spokesman speaks for the Houthis, so the group's own strike he
    # reports is a claim of responsibility (assert), not an accusation of his own side.
    ann = run(
        "The Houthis said on Monday they had attacked a tanker in the Red Sea.\n\n"
        "Houthi military spokesman Yahya Saree said the group had struck the tanker with two missiles."
    )
    saree = [c for c in ann["claims"] if c["claimant_name"] == "Yahya Saree"]
    assert [(c["stance"], c["target_name"]) for c in saree] == [("assert", None)]
    assert _edges(ann, "ACCUSES") == []


def test_a_denial_answers_a_charge_split_by_target_as_a_whole(run: Run) -> None:
    ann = run(
        "The Coastal Front accused the Ruritanian navy and the Harbour Guard of shelling the port of "
        "Marsa. The navy rejected the accusation."
    )
    accusations = {c["id"] for c in ann["claims"] if c["stance"] == "accuse"}
    assert len(accusations) == 2
    assert {e[1] for e in _edges(ann, "DENIES")} == accusations


def test_a_denial_in_the_lead_answers_the_charge_told_below_with_its_spokesman(run: Run) -> None:
    ann = run(
        "The Coastal Front on Thursday denied that its fighters had shelled a clinic in Marsa. "
        "The navy said on Wednesday that the Coastal Front had fired the shells from a ridge above the "
        "port. Navy spokesman Captain Idris Maro accused the Coastal Front of a crime against the sick. "
        "Doctors in Marsa said the clinic had no power."
    )
    quotes = {c["id"]: c["quote"] for c in ann["claims"]}
    assert sorted(quotes[to][:20] for _, to in _edges(ann, "DENIES")) == [
        "Navy spokesman Capta",
        "The navy said on Wed",
    ]


def test_naming_whose_the_attackers_were_accuses_that_group(run: Run) -> None:
    # The reported clause identifies the unnamed doers: as fighters or members of a group, as belonging
    # to it, as sent by it, or by the marks the attack bore.
    sentences = [
        "The governor said the gunmen were members of the Northern Liberation Army.",
        "A police spokesman said the attackers belonged to the Red Valley Brigade.",
        "The minister said the bomber had been sent by the Eastern Front from its camps in the hills.",
        "A senior officer said the ambush bore the hallmarks of the Northern Liberation Army.",
        "The mayor said the attackers arrived at dawn and were fighters of the Red Valley Brigade.",
    ]
    accused = []
    for sentence in sentences:
        c = _only(run(sentence))
        accused.append((c["stance"], c["target_name"]))
    assert accused == [
        ("accuse", "Northern Liberation Army"),
        ("accuse", "Red Valley Brigade"),
        ("accuse", "Eastern Front"),
        ("accuse", "Northern Liberation Army"),
        ("accuse", "Red Valley Brigade"),
    ]
    # Doers described without a group, or a passive whose agent acted against them, accuse no one.
    c = _only(run("The mayor said the attackers were young men from the district."))
    assert (c["stance"], c["target"]) == ("assert", None)
    c = _only(run("The mayor said the attackers had been driven off by the police."))
    assert (c["stance"], c["target"]) == ("assert", None)


def test_a_name_a_group_gives_itself_is_no_claim(run: Run) -> None:
    ann = run("The police said a militia that calls itself the Sons of the Valley had burned the depot.")
    assert [c["quote"] for c in ann["claims"]] == [
        "The police said a militia that calls itself the Sons of the Valley had burned the depot"
    ]
    c = _only(run("A group calling itself the Free Hills Movement claimed the bombing."))
    assert c["quote"] == "A group calling itself the Free Hills Movement claimed the bombing"


def test_an_aim_to_blame_someone_is_no_claim_of_its_own(run: Run) -> None:
    for sentence in (
        "The rebels said the army had shelled its own barracks in order to blame them.",
        "The rebels said the army had shelled its own barracks so as to accuse the rebels.",
    ):
        c = _only(run(sentence))
        assert (c["stance"], c["claimant_name"], c["target_name"]) == ("accuse", "rebels", "army")


def test_a_closing_according_to_after_a_participle_sources_the_whole_sentence(run: Run) -> None:
    # The small model hangs the closing "according to" on the participle "setting".
    c = _only(
        run(
            "On Sunday Burmese troops shelled Kyauk Sin, a hamlet near the river, setting fire to dozens "
            "of houses, according to villagers who fled to the town."
        )
    )
    assert c["quote"].startswith("On Sunday Burmese troops shelled Kyauk Sin")
    assert (c["stance"], c["claimant_name"], c["target_name"]) == (
        "accuse",
        "villagers",
        "Armed Forces of Myanmar",
    )


def test_a_clause_on_what_befell_the_subject_does_not_accuse_it(run: Run) -> None:
    # "when it was shelled" has its own subject: it is no purpose clause of "treating".
    c = _only(
        run(
            "The ministry said a Red Crescent team was treating the wounded in the square when it was "
            "shelled."
        )
    )
    assert (c["stance"], c["target"]) == ("assert", None)
    c = _only(run("The rebels said the army sent a drone to bomb the market."))
    assert (c["stance"], c["target_name"]) == ("accuse", "army")


def test_repeating_the_accusation_charges_the_same_side_again(run: Run) -> None:
    ann = run(
        "The army accused the Northern Front on Monday of shelling a camp near Gulu. Its spokesman, "
        "Colonel James Oketch, has repeated the accusation daily since."
    )
    assert _edges(ann, "ACCUSES") == [("James Oketch", "Northern Front"), ("army", "Northern Front")]


def test_a_charge_made_again_later_is_one_claim(run: Run) -> None:
    # Lead and body restatement, active then passive; and a relative clause read with its main clause.
    for text in (
        "Rockets hit a market in Kadugli on Sunday, killing five people. The army blamed the Jebel Forces "
        "Alliance for the attack.\n\nThe attack was blamed by the army on the Jebel Forces Alliance, which "
        "denies it.",
        "A mortar attack killed three farmers near Damboa on Monday. The Nigerian army accused Boko Haram "
        "of the attack. Later on Tuesday the Nigerian army again accused Boko Haram of the attack.",
        "The army, which blames the Jebel Forces Alliance for the shelling of the camp, repeated its "
        "accusation on Thursday.",
    ):
        ann = run(text)
        accusations = [c for c in ann["claims"] if c["stance"] == "accuse"]
        assert len(accusations) == 1, accusations
        assert len(_edges(ann, "ACCUSES")) == 1
    # A later accusation that tells what was done is a claim of its own.
    ann = run(
        "A drone struck a market in Um Dorein on Friday. The Jebel Forces Alliance blamed the army for "
        "the strike. The group said the army had bombed the market to cover up its defeats."
    )
    assert len([c for c in ann["claims"] if c["stance"] == "accuse"]) == 2, ann["claims"]


def test_a_group_named_legion_or_corps_is_an_armed_group_that_can_be_accused(run: Run) -> None:
    for text, target in (
        (
            "A police spokesman, Colonel Amadou Traore, said the bombing bore the hallmarks of the Sahel "
            "Liberation Legion.",
            "Sahel Liberation Legion",
        ),
        (
            "The governor of Kivu blamed the Ituri Defence Corps for the ambush on the convoy.",
            "Ituri Defence Corps",
        ),
    ):
        ann = run(text)
        assert [(c["stance"], c["target_name"]) for c in ann["claims"]] == [("accuse", target)]
        assert any(a["name"] == target and a["kind"] == "armed_group" for a in ann["actors"])


def test_a_military_unit_or_weapon_is_the_military_named_before(run: Run) -> None:
    ann = run(
        "The military seized power in 2021. A military column shelled the village of Ywa Thit on Monday, "
        "according to residents who fled."
    )
    assert [(c["stance"], c["target_name"]) for c in ann["claims"]] == [("accuse", "military")]
    ann = run(
        "The Ethiopian military said it had retaken the town. A local official said military drones had "
        "struck a bus on Sunday."
    )
    assert _edges(ann, "ACCUSES") == [("local official", "Armed Forces of Ethiopia")]
    # Before the article names any military, the words name no one.
    ann = run("Villagers said a military jet bombed the school on Friday. The military did not comment.")
    assert _edges(ann, "ACCUSES") == []


def test_a_claim_ends_before_a_closing_relative_clause_of_background(run: Run) -> None:
    ann = run(
        "The Northern Front and the Kivu Renewal Alliance accused each other of starting the clashes, "
        "which broke out near the airport on Monday and forced flights to stop."
    )
    assert {c["quote"] for c in ann["claims"]} == {
        "The Northern Front and the Kivu Renewal Alliance accused each other of starting the clashes"
    }
    ann = run(
        "Two residents blamed the federal army, which has used drones against the militia since last year."
    )
    assert [c["quote"] for c in ann["claims"]] == ["Two residents blamed the federal army"]
    # In a quotation the relative clause is the speaker's own words.
    ann = run('"The rebels shelled the market, which was full of children," the governor of Kivu said.')
    assert [c["quote"] for c in ann["claims"]] == [
        'The rebels shelled the market, which was full of children," the governor of Kivu said'
    ]


def test_deaths_in_a_fight_between_sides_accuse_neither(run: Run) -> None:
    for text in (
        "Two armed groups fought for several hours in the district on Monday, killing at least six people, "
        "the health ministry said.",
        "The army and the Northern Front clashed near Gulu on Monday, killing five civilians, local "
        "officials said.",
        "Police said the rebels clashed with soldiers near the market, killing two traders.",
    ):
        ann = run(text)
        assert _edges(ann, "ACCUSES") == [], ann["claims"]
    # One side's attack, or its fight into a town, still accuses it.
    ann = run("Residents said the rebels fought their way into the town on Sunday, killing 12 civilians.")
    assert _edges(ann, "ACCUSES") == [("residents", "rebels")]


def test_a_cleft_names_the_doer(run: Run) -> None:
    for text, edge in (
        ("Residents said it was the army that shelled the camp on Sunday.", ("residents", "army")),
        (
            '"It is the Northern Front who burned our houses," a farmer told reporters.',
            ("farmer", "Northern Front"),
        ),
    ):
        assert _edges(run(text), "ACCUSES") == [edge]
    # A weapon "of X" is X's; unnamed doers and clefts with no wrongdoing name no one.
    ann = run(
        "According to a farmers' union, it was a drone of the Air Force which struck the market on Saturday."
    )
    assert [c["target_name"] for c in ann["claims"]] == ["Air Force"]
    assert _edges(run("Witnesses said it was gunmen who attacked the bus."), "ACCUSES") == []
    assert _edges(run("The ministry said it was a day that shocked the nation."), "ACCUSES") == []


def test_a_spokesman_does_not_accuse_his_own_group_through_a_pronoun(run: Run) -> None:
    lead = (
        "According to a union of farmers of Kora, it was a helicopter of the Air Force that struck the "
        "village on Sunday. The union says that 12 people died. "
    )
    for quote in (
        '"They burned the village as if it were a bandit camp," said Ali Bello, a spokesman for the union.',
        '"They burned the village as if it were a bandit camp," has declared Mr. Ali Bello, spokesman of '
        "the union, reached by telephone.",
    ):
        ann = run(lead + quote)
        bello = [(c["stance"], c["target_name"]) for c in ann["claims"] if c["claimant_name"] == "Ali Bello"]
        # "They" is the side the union blamed, not the union its spokesman speaks for.
        assert bello == [("accuse", "Air Force")], ann["claims"]


def test_a_present_tense_report_after_a_collective_noun_is_a_verb(run: Run) -> None:
    # The parser reads "the collective affirms" as one noun phrase; the statement still has its speaker.
    for text in (
        "The collective affirms that 40 families have lost their homes.",
        "The collective denounces the arrest of three of its members.",
    ):
        c = _only(run(text))
        assert (c["claimant_name"], c["quote"]) == ("collective", text.rstrip(".")), c
