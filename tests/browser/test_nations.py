"""'Where is your service?': for each UK nation, the urgent pathways' results and the data-breach
guide name that nation's regulator and reporting routes, and never another nation's regulator.
The choice is made once, on the page, and stays in this browser only."""

from __future__ import annotations

import pytest

from helpers import shipped_facts, shipped_pathways
from pathway_helpers import routes, state_url

pytestmark = pytest.mark.browser

NATIONS = ("england", "wales", "scotland", "northern-ireland")
BUTTON = {"england": "England", "wales": "Wales", "scotland": "Scotland", "northern-ireland": "Northern Ireland"}
# Words that name one regulator and no other ("Care Inspectorate" alone is in "Care Inspectorate Wales").
OWN_WORDS = {"england": "Care Quality Commission", "wales": "Care Inspectorate Wales",
             "scotland": "the Care Inspectorate", "northern-ireland": "Regulation and Quality Improvement Authority"}
FRAUD = {"england": "Report Fraud", "wales": "Report Fraud", "scotland": "Police Scotland",
         "northern-ireland": "Report Fraud"}

# (pathway, the first answer's words, the result): a live attack, a lost device, a data breach.
RESULTS = [
    ("attack-or-system-down", "ransom message", "live-attack"),
    ("breach-or-scam", "phone, tablet or laptop", "report-to-ico"),
    ("breach-or-scam", "went to the wrong person", "report-to-ico"),
]


def route_to(pathway_id: str, first_words: str, outcome: str):
    pathway = next(p for p in shipped_pathways() if p.id == pathway_id)
    found = [r for r in routes(pathway) if first_words in r.choices[0].answer.label and r.outcome.id == outcome]
    assert found, (pathway_id, first_words, outcome)
    return pathway, max(found, key=lambda r: len(r.actions))


def visible_text(page, selector: str) -> str:
    return " ".join(page.locator(selector).first.inner_text().split())


@pytest.mark.parametrize("nation", NATIONS)
def test_each_urgent_result_names_only_the_chosen_nations_regulator_and_routes(page, site_url, nation):
    for pathway_id, first_words, outcome in RESULTS:
        pathway, route = route_to(pathway_id, first_words, outcome)
        page.goto(state_url(site_url, pathway, route.choices, outcome))
        result = f"#{outcome}"
        page.locator(result).wait_for(state="visible")
        bar = page.locator(f"{result} .ctg-nation-bar")
        assert "Where is your service?" in bar.inner_text(), "with no choice made, the result asks"
        bar.get_by_role("button", name=BUTTON[nation], exact=True).click()
        assert f"Showing the advice for {BUTTON[nation]}" in bar.inner_text()
        text = visible_text(page, result)
        assert OWN_WORDS[nation] in text, (pathway_id, outcome, nation)
        for other in NATIONS:
            if other != nation:
                assert OWN_WORDS[other] not in text, (pathway_id, outcome, nation, other)
        if outcome == "live-attack":
            assert FRAUD[nation] in text and (nation == "scotland") == ("Report Fraud" not in text)
        if outcome == "report-to-ico":
            assert ("Data Security and Protection Toolkit" in text) == (nation == "england") or nation == "england"
            if nation != "england":
                assert "DSPT is for England only" in text
        page.evaluate("localStorage.clear()")
        page.goto("about:blank")  # the next result loads afresh, with no choice made


def test_the_choice_is_kept_and_the_guide_shows_only_that_nation(page, site_url):
    page.goto(site_url + "keeping-information-safe/data-breach/")
    bar = page.locator(".ctg-nation-bar")
    assert "Where is your service?" in bar.inner_text()
    everything = visible_text(page, ".md-content")
    regulator = shipped_facts().get("regulator")
    assert all(OWN_WORDS[n] in everything or regulator.part(n) in everything for n in NATIONS), "no choice: every nation"
    bar.get_by_role("button", name="Scotland", exact=True).click()
    page.reload()
    assert "Showing the advice for Scotland" in page.locator(".ctg-nation-bar").inner_text(), "kept on this device"
    text = visible_text(page, ".md-content")
    assert "Police Scotland" in text and "Care Inspectorate Wales" not in text
    assert page.locator('[data-nation="england"]').first.is_hidden()
    # Change it back: every nation's advice shows again.
    page.get_by_role("button", name="Change where your service is").click()
    page.get_by_role("button", name="Show every nation").click()
    assert page.locator('[data-nation="england"]').first.is_visible()
    assert page.evaluate("localStorage.getItem('ctg-nation')") is None


def test_without_javascript_every_nation_shows_labelled(page_without_script, site_url):
    page = page_without_script
    page.goto(site_url + "pathways/attack-or-system-down/")
    text = " ".join(page.locator("#live-attack").inner_text().split())
    for nation in NATIONS:
        assert f"In {BUTTON[nation]}:" in text and OWN_WORDS[nation] in text, nation
