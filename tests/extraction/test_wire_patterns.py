"""Reporting patterns of wire copy, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Run = Callable[..., dict[str, Any]]


def _claims(ann: dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    return [(c["stance"], c["claimant_name"], c["target_name"]) for c in ann["claims"]]


def _edges(ann: dict[str, Any], etype: str) -> list[tuple[str, str]]:
    names = ann["names"]
    return sorted((names[e["from"]], names.get(e["to"], e["to"])) for e in ann["edges"] if e["type"] == etype)


def test_affirm_reports_its_clause(run: Run) -> None:
    for text in (
        "The Defence Ministry affirmed that its forces had retaken the town of Molbara.",
        "The Health Ministry reaffirmed on Monday that 28 people had died in the shelling.",
    ):
        ann = run(text)
        assert [(s, c) for s, c, _t in _claims(ann)] == [("assert", ann["claims"][0]["claimant_name"])]
        assert ann["claims"][0]["claimant_name"] in ("Ministry of Defence", "Ministry of Health")


def test_denounce_reports_its_object_as_condemn_does(run: Run) -> None:
    for verb in ("denounced", "decried", "condemned"):
        ann = run(f"Amnesty International {verb} the killing of three journalists in Tarvo.")
        assert _claims(ann) == [("assert", "Amnesty International", None)], verb
        assert ann["claims"][0]["quote"].startswith(f"Amnesty International {verb} the killing")


def test_statement_the_article_calls_an_accusation(run: Run) -> None:
    ann = run(
        "The farmers' union of Tarvo had denounced the burning of crops near the river, accusations that "
        "the governor denied."
    )
    stances = sorted(c["stance"] for c in ann["claims"])
    assert stances == ["accuse", "deny"]
    accusation = next(c for c in ann["claims"] if c["stance"] == "accuse")
    assert _edges(ann, "DENIES") == [("governor", accusation["id"])]


def test_blame_on_hung_on_the_object(run: Run) -> None:
    for text in (
        "Police blamed the explosion on the Northern Liberation Front.",
        "The army blamed the attack on Monday on the Northern Liberation Front.",
    ):
        ann = run(text)
        assert [t for _s, _c, t in _claims(ann)] == ["Northern Liberation Front"], text
        assert len(_edges(ann, "ACCUSES")) == 1
    # A place after the object is where the act was, not whom the blame is on.
    ann = run("The governor blamed the rebels for the attack on the market.")
    assert [t for _s, _c, t in _claims(ann)] == ["rebels"]


def test_the_same_names_the_earlier_actor(run: Run) -> None:
    ann = run(
        "The Kourao Farmers Collective said on Sunday that nine herders had been killed. Last year, the same "
        "collective had said that soldiers burned a village."
    )
    assert {c["claimant_name"] for c in ann["claims"]} == {"Kourao Farmers Collective"}


def test_a_denial_runs_on_over_its_grounds(run: Run) -> None:
    ann = run(
        "The rebels accused the army of abandoning the camp at Sorvi. A military spokesman, Captain Idris "
        "Mavali, rejected the accusation, saying troops had reached the camp within an hour."
    )
    denial = next(c for c in ann["claims"] if c["stance"] == "deny")
    assert denial["quote"].endswith("saying troops had reached the camp within an hour")
    assert denial["claimant_name"] == "Idris Mavali"
    assert len(_edges(ann, "DENIES")) == 1


def test_traded_blame_is_an_accusation_each_way(run: Run) -> None:
    ann = run("The Kelvani army and the Northern Liberation Front traded blame for the attack on Tarvo.")
    assert _edges(ann, "ACCUSES") == [
        ("Kelvani army", "Northern Liberation Front"),
        ("Northern Liberation Front", "Kelvani army"),
    ]
    # Trading fire is fighting, not blame.
    assert run("Soldiers and rebels traded fire near the border on Sunday.")["claims"] == []


def test_staged_attack_accuses_its_subject(run: Run) -> None:
    ann = run('"The army staged this attack to justify its offensive," rebel commander Yusuf Barran said.')
    assert _edges(ann, "ACCUSES") == [("Yusuf Barran", "army")]


def test_not_behind_the_attack_is_a_denial(run: Run) -> None:
    for text in (
        "The Northern Liberation Front said it was not behind the bombing of the bridge.",
        "Police said they were not involved in the raid on the village.",
    ):
        assert [c["stance"] for c in run(text)["claims"]] == ["deny"], text


def test_act_branded_a_wrongdoing_accuses_its_owner(run: Run) -> None:
    for text, edge in (
        (
            "Armenia's foreign ministry condemned the Azerbaijani attack on Sotk as a gross violation of "
            "the truce.",
            ("Ministry of Foreign Affairs of Armenia", "Azerbaijan"),
        ),
        (
            "Iraq's government described Iranian drone flights over Erbil as an aggression against its "
            "sovereignty.",
            ("Iraq", "Iran"),
        ),
    ):
        ann = run(text)
        assert _edges(ann, "ACCUSES") == [edge], ann["claims"]
    # Branded with no wrongdoing, or with no owner named, the act accuses no one.
    assert _edges(run("The ministry described the Azerbaijani proposal as constructive."), "ACCUSES") == []
    assert _edges(run("The ministry condemned the shelling as a violation of the truce."), "ACCUSES") == []


def test_a_condemnation_in_the_passive_is_its_agents_claim(run: Run) -> None:
    ann = run("The attack on the market was condemned by the United Nations.")
    assert _claims(ann) == [("assert", "United Nations", None)], ann["claims"]
    # With the act's doer named, the condemnation accuses it, as the active form does.
    ann = run("The shelling of the hospital by the army was condemned by the World Health Organization.")
    assert _edges(ann, "ACCUSES") == [("World Health Organization", "army")], ann["claims"]


def test_every_form_of_an_act_verb_or_denial_counts(run: Run) -> None:
    # The small model lemmatises "staging" and "stages" as "stag", as it does "staged".
    for text in (
        "The rebels said the army was staging attacks on villages near Dorvasi.",
        "The governor says the militia stages raids on farms every week.",
    ):
        ann = run(text)
        assert [(s, t) for s, _c, t in _claims(ann)] == [("accuse", ann["claims"][0]["target_name"])], text
        assert ann["claims"][0]["target_name"] in ("army", "militia"), text
    # "dismisses" after "an accusation" is tagged as a noun, with itself as lemma.
    ann = run(
        "The Northern Liberation Front said the army killed 12 civilians, an accusation the army dismisses."
    )
    assert sorted(s for s, _c, _t in _claims(ann)) == ["accuse", "deny"]
    assert len(_edges(ann, "DENIES")) == 1


def test_wire_credit_and_republication_lines_name_no_actors(run: Run) -> None:
    ann = run(
        "Shells hit the market in Dorvasi on Monday, the Kelvani army said.\n\n"
        "(Reporting by Jane Doe in Tarkesh; Editing by John Roe)\n\n"
        "This story was republished from Meridian Wire. Some edits were made for length and style."
    )
    names = set(ann["names"].values())
    assert not names & {"Jane Doe", "John Roe", "Meridian Wire"}, names
    assert not {loc["name"] for loc in ann["locations"]} & {"Tarkesh", "Meridian Wire"}


def test_a_pronoun_speaking_in_a_joined_clause_is_the_first_clause_subject(run: Run) -> None:
    for text, speaker in (
        (
            "Amnesty International did not blame the Northern Liberation Front, but it said that the "
            "killings must be investigated.",
            "Amnesty International",
        ),
        (
            "The Kelvani army accused the Northern Liberation Front of the attack, and it said that 12 "
            "soldiers had died.",
            "Kelvani army",
        ),
        (
            "The rebels blamed the army for the shelling, but they said they would respect the truce.",
            "rebels",
        ),
    ):
        ann = run(text)
        said = [c for c in ann["claims"] if c["quote"].startswith("said")]
        assert [c["claimant_name"] for c in said] == [speaker], text


def test_a_capitalised_head_word_is_the_short_form_of_the_name_met_before(run: Run) -> None:
    ann = run(
        "The Syrian Observatory for Human Rights said 12 people died in the strike.\n\n"
        "The Observatory said the strike hit a school in Dorvasi."
    )
    assert [c for _s, c, _t in _claims(ann)] == ["Syrian Observatory for Human Rights"] * 2
    # "the Army" inside a unit's name is a word of that name; alone it is the army named before.
    ann = run(
        "The National Army said four soldiers were kidnapped near Tibú on Monday.\n\n"
        "The Second Division of the Army had said that five soldiers were kidnapped.\n\n"
        "According to the Army, the soldiers were intercepted by armed men."
    )
    assert [c for _s, c, _t in _claims(ann)] == [
        "National Army",
        "Second Division of the Army",
        "National Army",
    ]


def test_fire_by_a_named_side_in_a_passive_accuses_that_side(run: Run) -> None:
    ann = run(
        "Fighting between the army and the rebels of the Northern Liberation Front continued on Monday. "
        "The ministry said that two soldiers had been killed by rebel sniper fire."
    )
    assert _edges(ann, "ACCUSES") == [("Ministry", "Northern Liberation Front")]
    ann = run("The governor said three civilians were wounded by militia mortar fire.")
    assert _edges(ann, "ACCUSES") == [("governor", "militia")]
    # Fire that no side's word modifies names no one.
    for kind in ("sniper", "heavy", "friendly"):
        ann = run(f"The ministry said that two soldiers had been killed by {kind} fire.")
        assert _edges(ann, "ACCUSES") == [], kind
