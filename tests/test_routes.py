"""Every route of every shipped pathway, enumerated and checked, and the route tables kept in the repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from caretech.pathways import enumerate_routes, route_table
from helpers import ROOT, shipped_pathways

PATHWAYS = shipped_pathways()
ROUTE_TABLES = Path(__file__).parent / "routes"


def test_pathways_are_shipped():
    assert {"staff-own-phones", "something-gone-wrong"} <= {p.id for p in PATHWAYS}
    assert len(PATHWAYS) == len(list((ROOT / "pathways").glob("*.yml")))


@pytest.mark.parametrize("pathway", PATHWAYS, ids=[p.id for p in PATHWAYS])
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


def test_answers_add_tailored_actions():
    phones = next(p for p in PATHWAYS if p.id == "staff-own-phones")
    routes = [r for r in enumerate_routes(phones) if r.outcome.id == "own-phones-with-safeguards"]
    action_lists = {r.actions for r in routes}
    assert len(action_lists) > 1, "different routes to one outcome give different action lists"
    no_policy = [r for r in routes if any(c.question.id == "policy" and c.answer.label == "No" for c in r.choices)]
    assert all(any("staff phones policy" in a for a in r.actions) for r in no_policy)
