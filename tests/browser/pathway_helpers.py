"""Shared by the pathway browser tests: the engine's routes, page addresses, and what a person sees.

The expected results always come from the engine (`enumerate_routes`), never from the page,
so a script that shows the wrong outcome or a stale action fails the tests. Walking every route
by mouse would take minutes, so the tests split the work: on every pathway, every step of every
route is opened by its address in one page (`open_states`); on the sample pathways, routes that
between them give every answer are walked by mouse (`routes_covering_every_answer`).
"""

from __future__ import annotations

import re

from caretech.pathways import enumerate_routes
from caretech.pathways.model import Pathway
from caretech.pathways.routes import Choice, Route
from conftest import guarded_page  # noqa: F401  (re-exported for the pathway tests)
from helpers import SITE_ADDRESS, SITE_NAME, pathway_ids  # noqa: F401  (re-exported for the pathway tests)

# Tests take a pathway by its id (@pytest.mark.parametrize("pathway", IDS, indirect=True)): the
# `pathway` fixture compiles it, so a mistake in one fails those tests rather than their collection.
IDS = pathway_ids()
# Every pathway page is the same markup and script with its own words (caretech/pathways/render.py,
# pathway.js). So each pathway's content is checked everywhere: by address, every question on every
# route (shown alone, its heading focused, the page title saying which question it is) and every
# route's result (step, title, focus, actions and answers); by mouse, its longest route at phone
# size and at 400% zoom (test_pathway_a11y.py); axe-core on each page as it loads and with the
# whole tree shown without the script. The behaviour that does not depend on the words (clicking
# every answer and Change between routes, keyboard use, Back, the finer points of Change, reload,
# shared and broken links, printing, how questions are named, axe-core mid-way and at the result,
# JavaScript off) is checked on two pathways, to keep the suite quick: the first, and the one with
# the most routes (test_pathway_browser.py checks that these still are).
SAMPLE_IDS = ["attack-or-system-down", "breach-or-scam"]


def words(text: str) -> str:
    """Text with its white space made single spaces, as a reader sees it."""
    return " ".join(text.split())


def routes(pathway: Pathway) -> list[Route]:
    return enumerate_routes(pathway)


def routes_covering_every_answer(pathway: Pathway) -> list[Route]:
    """Few routes, in the engine's order, that between them give every answer to every question
    and reach every result: so a walk over them follows every link on the page. (Giving every
    answer reaches every result already; the outcome is counted too so that stays so.)"""
    chosen, given = [], set()
    for route in routes(pathway):
        reached = {(c.question.id, c.answer.index) for c in route.choices} | {route.outcome.id}
        if reached - given:
            chosen.append(route)
            given |= reached
    return chosen


def route_words(route: Route) -> str:
    """A route in a failure message, short enough to read: its answers and where they lead."""
    answers = ", ".join(f"{c.question.id}:{c.answer.index}" for c in route.choices)
    return f"the route {answers} -> {route.outcome.id}"


def longest_route(pathway: Pathway) -> Route:
    return max(routes(pathway), key=lambda r: (len(r.choices), len(r.actions)))


def most_questions_from(pathway: Pathway, step_id: str) -> int:
    """The most questions someone can still be asked, counting this one."""
    step = pathway.step(step_id)
    if not hasattr(step, "answers"):
        return 0
    return 1 + max(most_questions_from(pathway, a.next) for a in step.answers)


def page_url(site_url: str, pathway: Pathway) -> str:
    return f"{site_url}pathways/{pathway.id}/"


def state_url(site_url: str, pathway: Pathway, choices: tuple[Choice, ...] | list[Choice], step: str,
              version: int | None = None) -> str:
    """The address of a step with answers given, in the format pathway.js documents."""
    return f"{page_url(site_url, pathway)}#{state_fragment(pathway, choices, step, version)}"


def state_fragment(pathway: Pathway, choices: tuple[Choice, ...] | list[Choice], step: str,
                   version: int | None = None) -> str:
    """The part of state_url() after the #."""
    if not choices:
        return step
    answers = ",".join(f"{c.question.id}:{c.answer.index}" for c in choices)
    return f"step={step}&v={version or pathway.version}&a={answers}"


def answers_in(url: str) -> list[str]:
    """The answers an address holds, as `question:answer` items."""
    from urllib.parse import parse_qs, urlsplit

    found = parse_qs(urlsplit(url).fragment).get("a", [""])[0]
    return found.split(",") if found else []


def guide_address(guide: str) -> str:
    """The public address of a guide, as the built site (directory URLs) serves it."""
    path = guide.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return SITE_ADDRESS + path.removesuffix("index")
    return SITE_ADDRESS + path + "/"


def branch_switch(pathway: Pathway) -> tuple[Route, Route, int] | None:
    """Two routes that agree up to question k and then go to different places, the first one going on
    to more questions after k (answers that a change at k must drop)."""
    all_routes = routes(pathway)
    for a in all_routes:
        for b in all_routes:
            for k, (ca, cb) in enumerate(zip(a.choices, b.choices)):
                if ca.question.id != cb.question.id:
                    break
                if ca.answer.index != cb.answer.index:
                    if ca.answer.next != cb.answer.next and len(a.choices) > k + 1:
                        return a, b, k
                    break
    return None


# --- What the page shows -----------------------------------------------------------------------

# checkVisibility() needs styles only, not a layout, which keeps walking hundreds of routes quick.
_SNAPSHOT = """() => {
  const shown = (el) => Boolean(el && el.checkVisibility());
  const note = document.querySelector('.ctg-note');
  const back = document.querySelector('.ctg-back');
  return {
    visible: [...document.querySelectorAll('.ctg-step')].filter(shown).map((s) => s.dataset.stepId),
    focused: document.activeElement ? document.activeElement.id : null,
    title: document.title,
    live: document.querySelector('.ctg-live')?.textContent ?? null,
    note: shown(note) ? note.textContent.trim() : '',
    back: shown(back) ? back.getAttribute('href') : null,
    checked: [...document.querySelectorAll('.ctg-step input[type=radio]:checked')].filter(shown)
      .map((r) => Number(r.value)),
    hash: location.hash,
  };
}"""

_RESULT = """(id) => {
  const section = document.getElementById(id);
  const shown = (el) => el.getClientRects().length > 0;
  return {
    actions: [...section.querySelectorAll('.ctg-actions li')].filter(shown).map((li) => li.innerText),
    answers: [...section.querySelectorAll('.ctg-summary-row')].filter(shown)
      .map((row) => [row.querySelector('dt').innerText, row.querySelector('.ctg-summary-answer').innerText]),
  };
}"""


def snapshot(page) -> dict:
    return page.evaluate(_SNAPSHOT)


def result(page, outcome_id: str) -> dict:
    return _words_of(page.evaluate(_RESULT, outcome_id))


def snapshot_and_result(page, outcome_id: str) -> tuple[dict, dict]:
    """snapshot() and result(), in one round trip to the browser."""
    seen, found = page.evaluate(f"(id) => [({_SNAPSHOT})(), ({_RESULT})(id)]", outcome_id)
    return seen, _words_of(found)


# pathway.js follows a change of address in the page by its popstate listener. A new hash fires
# popstate (at once, in Chromium) and this listener, added after the script's, hears it after the
# script has shown the new state. (hashchange would come too, but a few milliseconds later.)
# Each address is opened in turn, all in one round trip to the browser: a pathway has hundreds.
_OPEN_STATES = f"""async (states) => {{
  const found = [];
  for (const [fragment, id] of states) {{
    const followed = new Promise((done) => addEventListener('popstate', () => done(true), {{ once: true }}));
    const gaveUp = new Promise((done) => setTimeout(() => done(false), 5000));
    location.hash = fragment;
    if (!(await Promise.race([followed, gaveUp]))) return {{gaveUpOn: fragment}};
    found.push([({_SNAPSHOT})(), id ? ({_RESULT})(id) : null]);
  }}
  return found;
}}"""


def open_states(page, states: list[tuple[str, str | None]]) -> list[tuple[dict, dict | None]]:
    """For each (fragment, result id or None): change only the address's part after the # (no
    reload), as a reader following a link within the page does, then snapshot() and, for a
    result, result(). The fragments must differ one from the next (the same one twice is no change)."""
    found = page.evaluate(_OPEN_STATES, [list(state) for state in states])
    if isinstance(found, dict):
        raise AssertionError(f"the address #{found['gaveUpOn']} never took effect (no popstate event within 5 s)")
    return [(seen, _words_of(shown) if shown else None) for seen, shown in found]


def _words_of(found: dict) -> dict:
    return {
        "actions": [words(a) for a in found["actions"]],
        "answers": [(words(q), words(a)) for q, a in found["answers"]],
    }


def expected_result(route: Route) -> dict:
    return {
        "actions": [words(a) for a in route.actions],
        "answers": [(words(c.question.question), words(c.answer.label)) for c in route.choices],
    }


def title_for_question(pathway: Pathway, position: int, question_id: str) -> str:
    most = position + most_questions_from(pathway, question_id)
    return f"Question {position + 1} of up to {most} – {pathway.title} – {SITE_NAME}"


def title_for_result(pathway: Pathway) -> str:
    return f"Your result – {pathway.title} – {SITE_NAME}"


# --- Doing things as a person would ------------------------------------------------------------

_AIM = """([selector, index]) => {
  const element = document.querySelectorAll(selector)[index];
  if (!element) return null;
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  const x = box.left + Math.min(box.width / 2, 40), y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  return { x, y, text: element.innerText, onTop: Boolean(hit && element.contains(hit)) };
}"""


def click(page, selector: str, index: int = 0) -> str:
    """A real mouse click on the element (scrolled into view, and not covered by anything), returning
    its text. Quicker than locator.click(), which matters when walking hundreds of routes."""
    return click_at(page, page.evaluate(_AIM, [selector, index]), selector, index)


def click_at(page, aim: dict | None, selector: str, index: int) -> str:
    assert aim, f"nothing matches {selector} [{index}]"
    assert aim["onTop"], f"{selector} [{index}] is covered by something else"
    page.mouse.click(aim["x"], aim["y"])
    return aim["text"]


def snapshot_and_answer(page, choice: Choice) -> dict:
    """snapshot() as the question shows, then the answer clicked by mouse and sent (as
    answer_by_mouse), in one fewer round trip to the browser: walks click thousands of answers."""
    seen, aim = page.evaluate(f"([selector, index]) => [({_SNAPSHOT})(), ({_AIM})([selector, index])]",
                              [_answer_box(choice), choice.answer.index])
    if seen["visible"] == [choice.question.id]:  # else the caller's check on `seen` fails first
        answer_by_mouse(page, choice, aim)
    return seen


def answer_by_mouse(page, choice: Choice, aim: dict | None = None) -> None:
    """Click the answer's box (its radio button's label; `aim` if already found), then Continue."""
    box = _answer_box(choice)
    if aim is None:
        aim = page.evaluate(_AIM, [box, choice.answer.index])
    assert words(click_at(page, aim, box, choice.answer.index)) == words(choice.answer.label)
    click(page, f"#{choice.question.id} button[type=submit]")


def _answer_box(choice: Choice) -> str:
    return f"#{choice.question.id} .ctg-choice"


def wait_for_announcement(page, previous: str | None) -> str:
    """The live region's new words (it is emptied, then filled a moment later)."""
    page.wait_for_function(
        "(before) => { const t = document.querySelector('.ctg-live').textContent; return t && t !== before; }",
        arg=previous or "",
    )
    return page.locator(".ctg-live").text_content()


def pdf_text(page, tmp_path) -> str:
    """Print the page as Chromium does (print media, PDF) and return the PDF's text (poppler's pdftotext)."""
    import subprocess

    page.emulate_media(media="print")
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), print_background=False)
    result = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def no_spaces(text: str) -> str:
    """For finding addresses that the printed page wrapped over two lines."""
    return re.sub(r"\s+", "", text)
