"""Every route of every shipped pathway, enumerated and checked, and the route tables kept in the repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from caretech.pathways import compile_folder, enumerate_routes, route_table
from helpers import ROOT, known_pages, pathway_ids, shipped_pathways

IDS = pathway_ids()
ROUTE_TABLES = Path(__file__).parent / "routes"


def test_pathways_are_shipped(compiled_pathways):
    pathways, indexes = compile_folder(ROOT / "pathways", known_pages=known_pages(), display_root=ROOT)
    assert {"staff-own-phones", "breach-or-scam", "attack-or-system-down"} <= {p.id for p in compiled_pathways}
    assert [i.id for i in indexes] == ["something-gone-wrong"]
    assert len(pathways) + len(indexes) == len(list((ROOT / "pathways").glob("*.yml")))
    assert {f.stem for f in ROUTE_TABLES.glob("*.txt")} == {p.id for p in compiled_pathways}, "a route table with no pathway"


def test_something_gone_wrong_sends_each_answer_to_its_pathway():
    index = compile_folder(ROOT / "pathways", known_pages=known_pages(), display_root=ROOT)[1][0]
    assert [p.id for p in index.choose_from] == ["attack-or-system-down", "breach-or-scam"]
    assert all(p.urgent for p in index.choose_from)


def route_to(pathway_id: str, *answers: str):
    """The first route whose answers start with these labels."""
    pathway = next(p for p in shipped_pathways() if p.id == pathway_id)
    return pathway, next(r for r in enumerate_routes(pathway)
                         if [c.answer.label for c in r.choices][:len(answers)] == list(answers))


def test_urgent_results_list_containment_first():
    # issue 22: on an email sent to the wrong person, asking for it back came 7th, after "learn from it".
    pathway, route = route_to("breach-or-scam", "An email or letter went to the wrong person",
                              "Yes, including health or care details", "Yes, or we are not sure")
    groups = route.action_groups(pathway)
    assert [heading for heading, _ in groups][0] == "Do this now"
    assert [heading for heading, _ in groups][-1] == "Afterwards: learn from it"
    now = groups[0][1]
    assert now[0].startswith("Ask the person who got it to delete or return it")
    assert now[1].startswith("Keep working to contain it. This comes first.")
    assert [a.order for a in route.actions] == sorted(a.order for a in route.actions)


def test_an_answer_that_asks_for_an_action_sooner_moves_it_to_that_group():
    # The scam answer says call the insurer now; the result lists the same call for today.
    pathway, route = route_to("breach-or-scam", "Someone clicked a scam link or typed a password into a fake page")
    insurer = [a for a in route.actions if a.startswith("If you have cyber insurance, call its incident line.")]
    assert len(insurer) == 1 and insurer[0].when == "now"


def test_possible_harm_and_not_knowing_lead_to_the_icos_self_assessment_not_straight_to_a_report(compiled_pathways):
    breach = next(p for p in compiled_pathways if p.id == "breach-or-scam")
    harm = breach.step("harm")
    leads = {a.label: a.next for a in harm.answers}
    assert leads["Some harm is possible"] == leads["I don't know"] == "check-with-ico"
    assert "self-assessment" in breach.step("check-with-ico").body


def test_fraud_and_theft_routes_prompt_for_cqcs_police_involvement_notification():
    for first in ("Money was sent to a fraudster", "A phone, tablet or laptop was lost or stolen",
                  "Paper records were lost or stolen, such as a handover sheet or care plan"):
        _, route = route_to("breach-or-scam", first)
        # One line for each nation, each naming that nation's regulator.
        told = {a.nation: a for a in route.actions if "police" in a and a.nation}
        assert set(told) == {"england", "wales", "scotland", "northern-ireland"}, first
        assert "police involvement notification" in told["england"] and "Care Quality Commission" in told["england"]
        for nation, regulator in (("wales", "Care Inspectorate Wales"), ("scotland", "Care Inspectorate"),
                                  ("northern-ireland", "Regulation and Quality Improvement Authority")):
            assert regulator in told[nation] and "Care Quality Commission" not in told[nation], (first, nation)


@pytest.mark.parametrize("pathway", IDS, indirect=True)
def test_route_table_matches_the_reviewed_copy(pathway):
    """tests/routes/<id>.txt is the reviewed routing; a change to routing shows up as a diff.

    After an intended change, refresh with: UPDATE_ROUTES=1 pytest tests/test_routes.py
    """
    expected_file = ROUTE_TABLES / f"{pathway.id}.txt"
    actual = route_table(pathway)
    if os.environ.get("UPDATE_ROUTES"):
        ROUTE_TABLES.mkdir(exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"run UPDATE_ROUTES=1 pytest to create {expected_file.name}"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_answers_add_tailored_actions(compiled_pathways):
    phones = next(p for p in compiled_pathways if p.id == "staff-own-phones")
    routes = [r for r in enumerate_routes(phones) if r.outcome.id == "own-phones-with-safeguards"]
    action_lists = {r.actions for r in routes}
    assert len(action_lists) > 1, "different routes to one outcome give different action lists"
    no_policy = [r for r in routes if any(c.question.id == "policy" and c.answer.label == "No" for c in r.choices)]
    assert all(any("staff phones policy" in a for a in r.actions) for r in no_policy)
