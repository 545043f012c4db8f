"""Denials and what they deny, one reporting pattern per test, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Run = Callable[..., dict[str, Any]]


def _edges(ann: dict[str, Any], etype: str) -> list[tuple[str, str]]:
    names = ann["names"]
    return sorted((names[e["from"]], names.get(e["to"], e["to"])) for e in ann["edges"] if e["type"] == etype)


def test_a_flat_negation_answers_what_another_side_just_said_of_the_speaker(run: Run) -> None:
    ann = run(
        "The navy said the strike destroyed a rocket store belonging to the Coastal Front. "
        "The Coastal Front said in a statement that none of its fighters had been at the warehouse."
    )
    quotes = {c["id"]: c["quote"] for c in ann["claims"]}
    assert [(who, quotes[to][:14]) for who, to in _edges(ann, "DENIES")] == [
        ("Coastal Front", "The navy said ")
    ]
    # A claim that does not speak of the speaker's side is not what it answers.
    other = run(
        "The navy said the strike destroyed a rocket store near the port. "
        "The Coastal Front said in a statement that none of its fighters had been at the warehouse."
    )
    assert _edges(other, "DENIES") == []


def test_a_denial_the_parser_hangs_on_a_long_subject_is_still_its_main_verb(run: Run) -> None:
    # The small model takes "rejected" after the relative clause for a participle of "founder" and
    # hangs the rest of the sentence on that noun.
    ann = run(
        "The police accused the gang of burning the market in Delmas. The founder of the gang, who goes "
        "by the name Bout Bwa, rejected on Sunday the accusation that his fighters had burned the market."
    )
    denial = next(c for c in ann["claims"] if c["stance"] == "deny")
    assert denial["quote"].endswith("the accusation that his fighters had burned the market")
    quotes = {c["id"]: c["quote"] for c in ann["claims"]}
    assert [quotes[to][:21] for _, to in _edges(ann, "DENIES")] == ["The police accused th"]


def test_a_denial_answers_the_accusation_before_it_not_a_later_one_on_the_same_charge(run: Run) -> None:
    ann = run(
        "The police accused the Red Valley Brigade of attacking a food convoy near Cabaret on Thursday. "
        "The Red Valley Brigade denied on Friday that its men had attacked the convoy. Police spokesman "
        "Jean Pierre said on Saturday that the Red Valley Brigade had set fire to two trucks of the convoy "
        "near Cabaret on Thursday."
    )
    quotes = {c["id"]: c["quote"] for c in ann["claims"]}
    assert [quotes[to][:21] for _, to in _edges(ann, "DENIES")] == ["The police accused th"]


def test_a_denied_charge_named_with_its_accuser_is_that_accusers_claim(run: Run) -> None:
    ann = run(
        "The interior minister blamed the Ridge Front for the bombing of a bus in Tamar. The Ridge Front "
        "denied on Friday that its fighters had planted the bomb. It also rejected accusations by the "
        "United Nations that it had forced children into its ranks, calling them lies."
    )
    quotes = {c["id"]: c for c in ann["claims"]}
    denied = [quotes[to] for _, to in _edges(ann, "DENIES")]
    assert {ann["names"][c["claimant"]] for c in denied} == {"United Nations", "interior minister"}
    charge = next(c for c in denied if c["claimant_name"] == "United Nations")
    assert (charge["stance"], charge["target_name"]) == ("accuse", "Ridge Front")
    assert "forced children" in charge["quote"] and "calling" not in charge["quote"]


def test_a_denial_of_the_groups_claims_answers_the_group_a_description_named(run: Run) -> None:
    ann = run(
        "The attack was blamed by the government on Harakat al-Wadi, an armed group that has attacked "
        "convoys since 2021. Harakat al-Wadi said in a message that its fighters had killed 12 soldiers. "
        "The group's claims of casualties are often exaggerated, officials say."
    )
    by_id = {c["id"]: c for c in ann["claims"]}
    denies = [by_id[e["to"]] for e in ann["edges"] if e["type"] == "DENIES"]
    assert [c["claimant_name"] for c in denies] == ["Harakat al-Wadi"], denies
    assert "killed 12 soldiers" in denies[0]["quote"]


def test_a_singular_denial_answers_one_of_the_charges_of_one_statement(run: Run) -> None:
    charges = (
        "The army accused the Free Hills Movement on Monday of shelling a market in Kato and of looting a "
        "clinic. "
    )
    flat = run(
        charges + "A spokesman for the movement, Ali Baro, said no shells had been fired at the market."
    )
    quotes = {c["id"]: c["quote"] for c in flat["claims"]}
    assert [quotes[to] for _, to in _edges(flat, "DENIES")] == [
        "The army accused the Free Hills Movement on Monday of shelling a market in Kato"
    ]
    # "those claims" answers every charge the statement made.
    plural = run(charges + "The movement rejected those claims as propaganda.")
    quotes = {c["id"]: c["quote"] for c in plural["claims"]}
    assert sorted(quotes[to][:20] for _, to in _edges(plural, "DENIES")) == [
        "The army accused the",
        "of looting a clinic",
    ]


def test_the_articles_own_narration_is_no_claim_a_denial_answers(run: Run) -> None:
    ann = run(
        "It is to be recalled that fighters of the Sira Militia burned three houses in Dalo last year. "
        "The militia rejected those accusations on Monday."
    )
    assert [c["claimant_name"] for c in ann["claims"]] == ["Sira Militia"]
    assert _edges(ann, "DENIES") == []


def test_an_accusation_told_twice_in_one_sentence_is_one_claim_and_denied_once(run: Run) -> None:
    ann = run(
        "The army, which blames the Sira Militia for the ambush, repeated its accusation on Friday. "
        "The militia denied on Saturday that its fighters had attacked the convoy."
    )
    accusations = [c for c in ann["claims"] if c["stance"] == "accuse"]
    assert [c["quote"] for c in accusations] == [
        "The army, which blames the Sira Militia for the ambush, repeated its accusation on Friday"
    ]
    assert [who for who, _ in _edges(ann, "DENIES")] == ["Sira Militia"]
    assert [(e["from"], e["to"]) for e in ann["edges"] if e["type"] == "ACCUSES"] == [
        (accusations[0]["claimant"], accusations[0]["target"])
    ]


def test_a_body_of_stateless_authorities_is_not_the_states_and_its_claim_can_be_denied(run: Run) -> None:
    ann = run(
        "Moldovan officials said a customs post near Varnita was closed on Friday. Moldova's reintegration "
        "bureau said the closure broke an earlier agreement. The separatist authorities in Tiraspol "
        "disagreed. Their foreign ministry said on Saturday that Moldovan police had provoked the incident, "
        "an account that Chisinau rejected as false."
    )
    by_id = {c["id"]: c for c in ann["claims"]}
    denied = [by_id[to] for _, to in _edges(ann, "DENIES")]
    assert [c["quote"][:22] for c in denied] == ["Their foreign ministry"]
    ministry = next(a for a in ann["actors"] if a["id"] == denied[0]["claimant"])
    assert ministry["country"] is None


def test_one_sides_denial_answers_the_others_own_account_not_the_summary_of_both(run: Run) -> None:
    lead = (
        "Chad and Sudan accused each other on Monday of shelling villages along their border. Sudan's "
        "defence ministry said Chadian troops had fired first near Adre. "
    )

    def quotes(ann: dict[str, Any]) -> list[str]:
        by_id = {c["id"]: c["quote"] for c in ann["claims"]}
        return sorted(by_id[to][:20] for _, to in _edges(ann, "DENIES"))

    account = run(lead + "Chad's defence ministry rejected the Sudanese account as lies.")
    assert quotes(account) == ["Sudan's defence mini"]
    # "the allegations" answers the summary too.
    allegations = run(lead + "Chad's defence ministry rejected the allegations as lies.")
    assert quotes(allegations) == ["Chad and Sudan accus", "Sudan's defence mini"]


def _denied_quotes(ann: dict[str, Any]) -> list[tuple[str, str]]:
    quotes = {c["id"]: c["quote"] for c in ann["claims"]}
    return [(who, quotes[to]) for who, to in _edges(ann, "DENIES")]


def test_saying_the_dead_were_civilians_denies_the_claim_that_called_them_combatants(run: Run) -> None:
    ann = run(
        "The army said its jets had killed 14 militants near Garo on Monday. A shepherd from Garo, "
        "Musa Dan, said three of the dead were herders, not fighters."
    )
    assert [(who, quote[:26]) for who, quote in _denied_quotes(ann)] == [
        ("Musa Dan", "The army said its jets had")
    ]
    # Telling who some of the dead were, with no contrast, answers nothing.
    other = run(
        "The army said its jets had killed 14 militants near Garo on Monday. A health official in Garo "
        "said one of the dead was a boy."
    )
    assert _edges(other, "DENIES") == []


def test_saying_no_combatants_were_there_denies_the_claim_of_a_military_target(run: Run) -> None:
    ann = run(
        "The air force said it had struck a rebel base near Kalo. A nurse in Kalo, Mary Tun, said she had "
        "not seen any armed men in the village."
    )
    assert [(who, quote[:22]) for who, quote in _denied_quotes(ann)] == [
        ("Mary Tun", "The air force said it ")
    ]
    # A negated statement that says nothing of who was there is no answer.
    other = run(
        "The air force said it had struck a rebel base near Kalo. A nurse in Kalo, Mary Tun, said the "
        "military government had not paid the clinic's staff."
    )
    assert _edges(other, "DENIES") == []


def test_the_answer_denies_the_statement_a_participle_goes_on_with(run: Run) -> None:
    ann = run(
        "The Northern Council claimed the attack in a statement on Sunday, saying its men had killed 20 "
        "members of a militia. Relatives of the dead insisted that the victims were farmers."
    )
    assert [(who, quote[:28]) for who, quote in _denied_quotes(ann)] == [
        ("relatives of the dead", "The Northern Council claimed")
    ]


def test_a_lead_that_sums_up_a_statement_is_the_statement_the_body_reports(run: Run) -> None:
    ann = run(
        "Two fishermen were killed when a shell hit their boat off the port of Marsa, the coast guard says. "
        "The navy of Kessaria says it fired at a smuggling vessel.\n\n"
        "The shell struck the boat at dawn on Monday.\n\n"
        'The navy of Kessaria said in a statement it had hit "a boat carrying weapons for the Red Tide '
        'militia".\n\n'
        "The men's village council rejects that."
    )
    navy = [c["quote"][:28] for c in ann["claims"] if c["claimant_name"] and "Kessaria" in c["claimant_name"]]
    assert navy == ["The navy of Kessaria said in"]
    quotes = {c["id"]: c["quote"] for c in ann["claims"]}
    assert [quotes[to][:28] for _, to in _edges(ann, "DENIES")] == ["The navy of Kessaria said in"]
    # A statement the body tells in the present tense too is no restatement of the lead's.
    still = run(
        "Two fishermen were killed when a shell hit their boat off the port of Marsa, the coast guard says. "
        "The navy of Kessaria says it fired at a smuggling vessel.\n\n"
        "The navy of Kessaria says it will keep patrolling the strait."
    )
    assert len([c for c in still["claims"] if c["claimant_name"] and "Kessaria" in c["claimant_name"]]) == 2


def test_a_courts_ruling_is_its_claim_and_what_a_ruling_noun_rejected_after_it_denies(run: Run) -> None:
    ann = run(
        "The interior ministry said the two reporters had entered a closed military zone. A court in Lemara "
        "ruled on Monday that the reporters had been detained unlawfully, a ruling the interior ministry "
        "rejects. The party that ruled the province until 2019 has not commented."
    )
    said = sorted((c["claimant_name"], c["stance"], c["quote"][:16]) for c in ann["claims"])
    assert ("Court in Lemara", "assert", "A court in Lemar") in said
    assert not any(q.startswith("The party") for _n, _s, q in said)
    quotes = {c["id"]: c["quote"] for c in ann["claims"]}
    assert [(who, quotes[to][:16]) for who, to in _edges(ann, "DENIES")] == [
        ("Ministry of Internal Affairs", "A court in Lemar")
    ]


def test_an_apology_for_an_error_takes_back_the_speakers_own_claim(run: Run) -> None:
    ann = run(
        'The port authority said a tanker had sunk near Sela. "We regret the mistake," the port '
        "authority said later, adding that the tanker had only run aground."
    )
    assert [(who, quote[:25]) for who, quote in _denied_quotes(ann)] == [
        ("Port authority", "The port authority said a")
    ]


def test_a_quoted_sentence_whose_verb_has_only_we_for_a_speaker_is_part_of_the_quotation(run: Run) -> None:
    ann = run(
        '"After checking with the hospital, we can confirm that nobody was killed in Dara. We apologise '
        'for the error," the governor of Dara, Ali Ran, said on Monday.'
    )
    assert [(c["claimant_name"], c["stance"], c["quote"][:22]) for c in ann["claims"]] == [
        ("Ali Ran", "deny", "After checking with th")
    ]


def test_a_denial_that_the_dead_were_civilians_answers_the_claim_that_called_them_fighters(run: Run) -> None:
    # The quotation after it makes the statement a denial before links are made; the health office's
    # claim shares a noun with it ("a man"), the army's claim is what it answers.
    ann = run(
        "Two men were killed when a drone hit their truck near Salma last night. In a statement, the "
        "regional health office said the dead were a man and his son. The army told us it had struck "
        '"two fighters of the Hill Front who were moving rockets". The family rejects that. The driver\'s '
        'brother, Omar Haddad, said the men were shepherds bringing their sheep home. "They had nothing '
        'to do with any armed group," he said.'
    )
    quotes = {c["id"]: c["quote"] for c in ann["claims"]}
    assert [(who, quotes[to][:13]) for who, to in _edges(ann, "DENIES")] == [
        ("Omar Haddad", "The army told"),
        ("family", "The army told"),
    ]


def test_a_quoted_answer_that_no_combatants_were_there_is_a_denial_of_its_own(run: Run) -> None:
    ann = run(
        "The air force said it had struck a command post of the Ridge Front in Tessa. Rescue worker Lena "
        'Moor said volunteers had pulled six bodies from the ruins. "There were only students in the hall. '
        'No fighters, no guns," she said.'
    )
    moor = [(c["stance"], c["quote"][:20]) for c in ann["claims"] if c["claimant_name"] == "Lena Moor"]
    assert moor == [("assert", "Rescue worker Lena M"), ("deny", "There were only stud")]
    assert [(who, quote[:21]) for who, quote in _denied_quotes(ann)] == [
        ("Lena Moor", "The air force said it")
    ]


def test_a_denial_appended_to_a_clause_denies_only_what_its_own_sentence_tells(run: Run) -> None:
    # The clause it is appended to reports old charges nobody is named as making: no claim of ours is
    # denied, not the statement before it.
    ann = run(
        "The Red Hill Militia said army drones had struck a cattle market in Doro on Sunday, killing 12 "
        "herders. The army said it had hit a rebel depot. Last year soldiers were also accused of killing "
        "herders near Doro, accusations that the army denied at the time."
    )
    assert [c["stance"] for c in ann["claims"] if c["claimant_name"] == "army"] == ["assert", "deny"]
    assert _edges(ann, "DENIES") == []
    told = run(
        "The army said it had hit a rebel depot. The UN accused the Red Hill Militia of recruiting "
        "children, accusations its leaders reject."
    )
    quotes = {c["id"]: c["quote"] for c in told["claims"]}
    assert [(who, quotes[to][:14]) for who, to in _edges(told, "DENIES")] == [
        ("Red Hill Militia", "The UN accused")
    ]


def test_the_victims_of_the_strike_are_all_of_them_not_a_part(run: Run) -> None:
    ann = run(
        "The army said its jets had killed 14 militants near Garo. Villagers said the victims of the strike "
        "were farmers."
    )
    assert [(who, quote[:13]) for who, quote in _denied_quotes(ann)] == [("villagers", "The army said")]


def test_civilians_killed_in_another_incident_deny_nothing(run: Run) -> None:
    ann = run(
        "The army said its jets had killed 14 militants in an air strike near Garo on Monday. On Tuesday, a "
        "roadside bomb hit a bus near Sela, 200 km to the south. Police in Sela said the dead in the "
        "bombing were passengers."
    )
    assert _edges(ann, "DENIES") == []
