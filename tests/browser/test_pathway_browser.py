"""Pathways in real Chromium. In every pathway: every question on every route and every route's
result, opened by its address. In the sample pathways: by mouse, the routes that between them give
every answer and reach every result (with Change between them); a route by keyboard alone, walks
with JavaScript off, and Back, Change, Start again, reload, shared links and broken links."""

from __future__ import annotations

import pytest

from pathway_helpers import (
    IDS, SAMPLE_IDS, SITE_NAME, answer_by_mouse, answers_in, branch_switch, click, expected_result,
    guarded_page, longest_route, open_states, page_url, result, route_words, routes,
    routes_covering_every_answer, snapshot, snapshot_and_answer, snapshot_and_result,
    state_fragment, state_url, title_for_question, title_for_result, wait_for_announcement, words,
)

pytestmark = pytest.mark.browser


def address(page) -> str:
    """The address bar now (page.url can lag behind history.pushState)."""
    return page.evaluate("location.href")


def check_result(page, pathway, route) -> None:
    assert_shows_result(pathway, route, *snapshot_and_result(page, route.outcome.id))


def assert_shows_result(pathway, route, seen: dict, shown: dict) -> None:
    """What the page showed (snapshot_and_result) is the engine's result for the route."""
    assert seen["visible"] == [route.outcome.id], f"{route_words(route)}: the result is not shown"
    assert seen["focused"] == f"{route.outcome.id}-title", "focus moves to the result's heading"
    assert seen["title"] == title_for_result(pathway)
    expected = expected_result(route)
    assert shown["actions"] == expected["actions"], f"{route_words(route)}: the actions differ from the engine's"
    assert shown["answers"] == expected["answers"], f"{route_words(route)}: the answers differ from the engine's"


def common_start(one, other) -> int:
    """How many answers two routes share before they part."""
    count = 0
    for a, b in zip(one.choices, other.choices):
        if (a.question.id, a.answer.index) != (b.question.id, b.answer.index):
            break
        count += 1
    return count


def test_the_sample_is_the_first_pathway_and_the_one_with_the_most_routes(compiled_pathways):
    biggest = max(compiled_pathways, key=lambda p: len(routes(p)))
    expected = list(dict.fromkeys([compiled_pathways[0].id, biggest.id]))
    assert SAMPLE_IDS == expected, f"set SAMPLE_IDS in tests/browser/pathway_helpers.py to {expected}"


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_routes_giving_every_answer_by_mouse_reach_the_engines_outcome(page, site_url, pathway):
    """The routes that between them give every answer to every question and reach every result,
    clicked through; between routes, "Change" on the answer where the next route parts from the
    last one (so one page walks them all, and every Change is checked to bring back its question
    with the old answer selected). Clicking is the same markup and script on every pathway, so it
    is checked on the sample; every pathway's words are checked by address, below."""
    walked = routes_covering_every_answer(pathway)
    given = {(c.question.id, c.answer.index) for route in walked for c in route.choices}
    assert given == {(q.id, a.index) for q in pathway.questions for a in q.answers}, "every answer is given"
    assert {r.outcome.id for r in walked} == {o.id for o in pathway.outcomes}, "every result is reached"
    page.goto(page_url(site_url, pathway))
    previous = None
    for route in walked:
        start = 0
        if previous is not None:
            start = common_start(previous, route)
            click(page, f"#{previous.outcome.id} .ctg-change a", start)
        for position, choice in enumerate(route.choices[start:], start):
            seen = snapshot_and_answer(page, choice)  # what showed before the answer was given
            assert seen["visible"] == [choice.question.id], f"{route_words(route)}: {choice.question.id} is not shown"
            if previous is not None and position == start:
                assert seen["checked"] == [previous.choices[start].answer.index], \
                    f"{route_words(previous)}: Change on {choice.question.id} does not keep the old answer selected"
            if previous is not None or position > 0:
                assert seen["focused"] == f"{choice.question.id}-title"
                assert seen["title"] == title_for_question(pathway, position, choice.question.id)
        check_result(page, pathway, route)
        previous = route


@pytest.mark.parametrize("pathway", IDS, indirect=True)
def test_every_step_of_every_route_by_its_address_shows_what_the_engine_says(page, site_url, pathway):
    """Every route from the engine's table, and every question on the way after the first, opened
    by its address in one page: only the part after the # changes, so pathway.js must follow the
    address each time (as for Back, Forward and links within the page). A question shows alone,
    with its heading focused and the page title saying which question of how many it is; a result
    shows the engine's actions and answers."""
    states: dict[str, tuple] = {}  # fragment -> (route, position of the question, or None for the result)
    for route in routes(pathway):
        for position in range(1, len(route.choices)):
            question = route.choices[position].question.id
            states.setdefault(state_fragment(pathway, route.choices[:position], question), (route, position))
        states[state_fragment(pathway, route.choices, route.outcome.id)] = (route, None)
    page.goto(page_url(site_url, pathway))
    opened = open_states(page, [(fragment, None if position else route.outcome.id)
                                for fragment, (route, position) in states.items()])
    for (fragment, (route, position)), (seen, shown) in zip(states.items(), opened, strict=True):
        assert seen["note"] == "", f"#{fragment}: a note shows for an address the page made itself"
        if position is None:
            assert_shows_result(pathway, route, seen, shown)
            continue
        question = route.choices[position].question.id
        assert seen["visible"] == [question], f"#{fragment}: {question} is not shown alone"
        assert seen["focused"] == f"{question}-title", f"#{fragment}: focus is not on the question"
        assert seen["title"] == title_for_question(pathway, position, question), f"#{fragment}"
    print(f"\n{pathway.id}: {len(routes(pathway))} routes, {len(states)} addresses")


def press_until(page, key: str, condition: str, limit: int = 120) -> None:
    for _ in range(limit):
        if page.evaluate(condition):
            return
        page.keyboard.press(key)
    raise AssertionError(f"pressing {key} {limit} times never reached: {condition}")


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_the_longest_route_by_keyboard_alone(page, site_url, pathway):
    route = longest_route(pathway)
    page.goto(page_url(site_url, pathway))
    # From the top of the page, as a keyboard user: Tab until the first answer has focus.
    press_until(page, "Tab", "document.activeElement.matches('.ctg-step input[type=radio]')")
    for position, choice in enumerate(route.choices):
        question = choice.question.id
        assert page.evaluate("document.activeElement.closest('.ctg-step').id") == question
        if choice.answer.index == 0:
            page.keyboard.press("Space")
        for _ in range(choice.answer.index):
            page.keyboard.press("ArrowDown")  # moves to the next radio button and selects it
        assert snapshot(page)["checked"] == [choice.answer.index]
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Continue"
        page.keyboard.press("Enter")
        target = choice.answer.next
        assert snapshot(page)["focused"] == f"{target}-title", "focus moves to the new step's heading"
        if position + 1 < len(route.choices):
            page.keyboard.press("Tab")  # from the heading straight to the answers
    check_result(page, pathway, route)

    # Change the first answer, by keyboard: the question comes back with that answer selected.
    press_until(page, "Tab", "document.activeElement.matches('.ctg-change a')")
    assert page.evaluate("document.activeElement.textContent").startswith("Change your answer to")
    page.keyboard.press("Enter")
    seen = snapshot(page)
    assert seen["visible"] == [pathway.start] and seen["focused"] == f"{pathway.start}-title"
    assert seen["checked"] == [route.choices[0].answer.index]


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_change_links_say_which_answer_they_change(page, site_url, pathway):
    route = longest_route(pathway)
    page.goto(state_url(site_url, pathway, route.choices, route.outcome.id))
    links = page.locator(f"#{route.outcome.id} .ctg-change a")
    assert links.count() == len(route.choices)
    for number, choice in enumerate(route.choices):
        name = words(f"Change your answer to the question “{choice.question.question}”")
        link = page.get_by_role("link", name=name, exact=True)
        assert link.count() >= 1, name  # two routes can ask the same question text only once each
        hidden = links.nth(number).locator(".ctg-visually-hidden").bounding_box()
        assert hidden["width"] <= 1 and hidden["height"] <= 1, "only “Change” shows; the rest is for screen readers"


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_focus_title_and_announcement_follow_every_step(page, site_url, pathway):
    route = longest_route(pathway)
    page.goto(page_url(site_url, pathway))
    first = snapshot(page)
    assert first["title"] == title_for_question(pathway, 0, pathway.start)
    assert first["live"] == ""
    assert page.locator(".ctg-live").get_attribute("aria-live") == "polite"
    announced = ""
    for position, choice in enumerate(route.choices):
        answer_by_mouse(page, choice)
        target = choice.answer.next
        announced = wait_for_announcement(page, announced)
        seen = snapshot(page)
        assert seen["focused"] == f"{target}-title"
        if position + 1 < len(route.choices):
            assert seen["title"] == title_for_question(pathway, position + 1, target)
            assert announced.startswith(f"Question {position + 2} of up to ")
            progress = page.locator(".ctg-progress")
            assert progress.is_visible() and progress.inner_text().startswith(f"Question {position + 2} of up to")
        else:
            assert seen["title"] == title_for_result(pathway)
            assert announced == f"Your result: {route.outcome.title}."
    # Back is announced too, even when it returns to words said before.
    page.locator(".ctg-back").click()
    announced = wait_for_announcement(page, announced)
    assert announced.startswith(f"Question {len(route.choices)} of up to ")


def back_to(page, step_id: str) -> dict:
    """Click the page's own Back and wait for the step (Back may go through the browser's history,
    which finishes a moment later, or, after a reload, loads the page again)."""
    page.locator(".ctg-back").click()
    page.wait_for_function("(id) => document.getElementById(id)?.checkVisibility()", arg=step_id)
    return snapshot(page)


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_the_pages_back_and_the_browsers_back_agree(page, site_url, pathway):
    """The page's Back goes back in the browser's history (it adds no entry), so the browser's Back
    never moves forward through the pathway, and Forward walks the same steps again."""
    route = longest_route(pathway)
    assert len(route.choices) >= 2, f"{pathway.id} has no route with two questions: choose another sample pathway"
    first, second = route.choices[0], route.choices[1]
    page.goto(site_url)  # came from the home page
    page.goto(page_url(site_url, pathway))
    assert snapshot(page)["back"] is None, "no Back on the first question"
    answer_by_mouse(page, first)
    answer_by_mouse(page, second)
    entries = page.evaluate("history.length")

    seen = back_to(page, second.question.id)
    assert seen["checked"] == [second.answer.index] and seen["focused"] == f"{second.question.id}-title"
    seen = back_to(page, first.question.id)
    assert seen["checked"] == [first.answer.index] and seen["back"] is None
    assert page.evaluate("history.length") == entries, "the page's Back adds no history entry"

    page.go_forward()
    seen = snapshot(page)
    assert seen["visible"] == [second.question.id] and seen["checked"] == [second.answer.index]
    page.go_forward()
    assert snapshot(page)["visible"] == [second.answer.next]
    page.go_back()
    seen = snapshot(page)
    assert seen["visible"] == [second.question.id] and seen["checked"] == [second.answer.index]
    assert seen["focused"] == f"{second.question.id}-title"
    page.go_back()
    seen = snapshot(page)
    assert seen["visible"] == [first.question.id] and seen["checked"] == [first.answer.index]
    page.go_back()
    assert page.evaluate("location.href") == site_url, "from the first question, Back leaves the pathway"


@pytest.mark.parametrize("pathway", SAMPLE_IDS[:1], indirect=True)
def test_back_on_a_shared_link_or_after_change_never_moves_forward(page, site_url, pathway):
    """Opened at a step part-way (a shared link), the step before is not in the browser's
    history: the page's Back takes this entry's place, so the browser's Back leaves."""
    route = longest_route(pathway)
    first, second = route.choices[0], route.choices[1]
    page.goto(site_url)
    page.goto(state_url(site_url, pathway, route.choices[:2], second.answer.next))
    entries = page.evaluate("history.length")
    seen = back_to(page, second.question.id)
    assert seen["checked"] == [second.answer.index]
    assert page.evaluate("history.length") == entries
    page.go_back()
    assert page.evaluate("location.href") == site_url

    # "Change" on a result, then Back: the browser's Back returns to the result.
    page.goto(state_url(site_url, pathway, route.choices, route.outcome.id))
    page.locator(f"#{route.outcome.id} .ctg-change a").nth(1).click()
    back_to(page, first.question.id)
    page.go_back()
    assert snapshot(page)["visible"] == [route.outcome.id]


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_change_to_another_branch_drops_the_answers_that_no_longer_apply(page, site_url, pathway):
    found = branch_switch(pathway)
    assert found, f"no answer in {pathway.id} switches branch: choose another sample pathway"
    old, new, k = found
    page.goto(page_url(site_url, pathway))
    for choice in old.choices:
        answer_by_mouse(page, choice)
    check_result(page, pathway, old)

    page.locator(f"#{old.outcome.id} .ctg-change a").nth(k).click()
    seen = snapshot(page)
    assert seen["visible"] == [old.choices[k].question.id]
    assert seen["checked"] == [old.choices[k].answer.index], "the answer being changed is selected"
    assert seen["focused"] == f"{old.choices[k].question.id}-title"

    answer_by_mouse(page, new.choices[k])
    seen = snapshot(page)
    assert answers_in(address(page)) == [f"{c.question.id}:{c.answer.index}" for c in new.choices[: k + 1]], "old branch answers dropped"
    for position, choice in enumerate(new.choices[k + 1:], k + 1):
        seen = snapshot(page)
        assert seen["visible"] == [choice.question.id]
        assert seen["checked"] == [], "nothing is carried over from the old branch"
        answer_by_mouse(page, choice)
    check_result(page, pathway, new)
    later_old = {c.question.question for c in old.choices[k + 1:]} - {c.question.question for c in new.choices}
    assert not later_old & {q for q, _ in result(page, new.outcome.id)["answers"]}


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_change_to_the_same_branch_keeps_later_answers_selected(page, site_url, pathway):
    """Answers that still apply are remembered (selected, not skipped), so changing one answer does
    not mean answering everything again from scratch."""
    route = longest_route(pathway)
    page.goto(state_url(site_url, pathway, route.choices, route.outcome.id))
    page.locator(f"#{route.outcome.id} .ctg-change a").nth(0).click()
    answer_by_mouse(page, route.choices[0])
    for choice in route.choices[1:]:
        seen = snapshot(page)
        assert seen["visible"] == [choice.question.id] and seen["checked"] == [choice.answer.index]
        page.locator(f"#{choice.question.id}").get_by_role("button", name="Continue").click()
    check_result(page, pathway, route)


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_start_again_clears_every_answer(page, site_url, pathway):
    route = longest_route(pathway)
    page.goto(page_url(site_url, pathway))
    for choice in route.choices:
        answer_by_mouse(page, choice)
    page.get_by_role("link", name="Start again").click()
    seen = snapshot(page)
    assert seen["visible"] == [pathway.start] and seen["checked"] == [] and seen["back"] is None
    assert seen["focused"] == f"{pathway.start}-title"
    assert seen["hash"] == f"#{pathway.start}" and answers_in(address(page)) == []
    assert seen["title"] == title_for_question(pathway, 0, pathway.start)
    assert not page.get_by_role("link", name="Start again").is_visible(), "nothing to clear yet"


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_reload_mid_way_and_at_the_result_keeps_the_step_and_answers(page, site_url, pathway):
    route = longest_route(pathway)
    page.goto(page_url(site_url, pathway))
    middle = max(1, len(route.choices) // 2)
    for choice in route.choices[:middle]:
        answer_by_mouse(page, choice)
    before = snapshot(page)
    page.reload()
    after = snapshot(page)
    assert after["visible"] == before["visible"] == [route.choices[middle - 1].answer.next]
    assert (after["hash"], after["title"]) == (before["hash"], before["title"])
    assert after["note"] == ""
    seen = back_to(page, route.choices[middle - 1].question.id)
    assert seen["checked"] == [route.choices[middle - 1].answer.index], "answers survive the reload"
    for choice in route.choices[middle - 1:]:
        answer_by_mouse(page, choice)
    page.reload()
    seen = snapshot(page)
    assert seen["visible"] == [route.outcome.id] and seen["title"] == title_for_result(pathway)
    assert result(page, route.outcome.id) == expected_result(route)


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_a_shared_link_opens_the_same_step_with_the_same_answers(page, browser, site_url, pathway):
    route = longest_route(pathway)
    page.goto(page_url(site_url, pathway))
    for choice in route.choices:
        answer_by_mouse(page, choice)
    result_link = address(page)
    page.locator(f"#{route.outcome.id} .ctg-change a").nth(len(route.choices) - 1).click()
    question_link = address(page)

    with guarded_page(browser) as other:  # someone else, on another device
        other.goto(result_link)
        seen = snapshot(other)
        assert seen["visible"] == [route.outcome.id] and seen["note"] == ""
        assert seen["title"] == title_for_result(pathway)
        assert result(other, route.outcome.id) == expected_result(route)
        other.goto(question_link)
        seen = snapshot(other)
        last = route.choices[-1]
        assert seen["visible"] == [last.question.id] and seen["checked"] == [last.answer.index]
        assert seen["title"] == title_for_question(pathway, len(route.choices) - 1, last.question.id)


def broken_links(site_url, pathway):
    """(description, address, step expected, words the note must contain)."""
    route = longest_route(pathway)
    c = route.choices
    first = f"{c[0].question.id}:{c[0].answer.index}"
    base = page_url(site_url, pathway)
    full = state_url(site_url, pathway, c, route.outcome.id)
    cases = [
        ("an answer number that does not exist", f"{base}#step={pathway.start}&v={pathway.version}&a={pathway.start}:99",
         pathway.start, "do not fit"),
        ("nonsense", f"{base}#v=x&a=%25%25,,:&step=nothing", pathway.start, "do not fit"),
        ("a question that is not next", f"{base}#v={pathway.version}&a={first},no-such-question:0",
         c[0].answer.next, "do not fit"),
        ("more answers than the route has", f"{full},extra:0", route.outcome.id, "do not fit"),
        ("an older version", f"{base}#step={c[0].answer.next}&v=0&a={first}", c[0].answer.next, "earlier version"),
    ]
    if len(c) > 1:
        cases.append(("a question part-way through, with no answers", f"{base}#{c[1].question.id}",
                      pathway.start, "part-way"))
    others = [o.id for o in pathway.outcomes if o.id not in (route.outcome.id, c[0].answer.next)]
    if others:
        cases.append(("a step that is not on the answers' route", f"{base}#step={others[0]}&v={pathway.version}&a={first}",
                      c[0].answer.next, "did not match"))
    return cases


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_broken_or_old_links_fall_back_with_a_short_note(page, site_url, pathway):
    # The first link opens the page afresh; the others change only what follows the #, which the
    # page handles without reloading (as when someone edits the address).
    for description, link, expected_step, note in broken_links(site_url, pathway):
        page.goto(link)
        seen = snapshot(page)
        assert seen["visible"] == [expected_step], description
        assert note in seen["note"], f"{description}: note was {seen['note']!r}"
        assert "Question" in seen["title"] or "result" in seen["title"], description
        # The page still works from there.
        step = pathway.step(expected_step)
        if hasattr(step, "answers"):
            page.locator(f"#{expected_step} .ctg-choice").first.click()
            page.locator(f"#{expected_step}").get_by_role("button", name="Continue").click()
            after = snapshot(page)
            assert after["visible"] == [step.answers[0].next] and after["note"] == "", description
    page.goto("about:blank")
    page.goto(f"{page_url(site_url, pathway)}#%E0%A4%A")  # a mangled address: the start, and no script error
    assert snapshot(page)["visible"] == [pathway.start]


@pytest.mark.parametrize("pathway", SAMPLE_IDS[:1], indirect=True)
def test_the_note_about_a_link_is_read_out_on_arrival(page, site_url, pathway):
    route = longest_route(pathway)
    first = route.choices[0]
    page.goto(f"{page_url(site_url, pathway)}#step={first.answer.next}&v=0&a={first.question.id}:{first.answer.index}")
    note = snapshot(page)["note"]
    assert "earlier version" in note
    assert wait_for_announcement(page, "") == note
    assert page.locator(".ctg-live").get_attribute("aria-live") == "polite"


# A footnote as Python-Markdown writes it (the footnotes extension is on for every page).
_ADD_FOOTNOTE = """(id) => {
  const section = document.getElementById(id);
  section.querySelector('p').insertAdjacentHTML('beforeend',
    '<sup id="fnref:t"><a class="footnote-ref" href="#fn:t">1</a></sup>');
  section.insertAdjacentHTML('beforeend',
    '<div class="footnote"><ol><li id="fn:t"><p>A note. <a class="footnote-backref" href="#fnref:t">↩</a></p></li></ol></div>');
}"""


@pytest.mark.parametrize("pathway", SAMPLE_IDS[:1], indirect=True)
def test_skip_links_and_footnotes_keep_the_answers_in_the_address(page, site_url, pathway):
    route = longest_route(pathway)
    page.goto(page_url(site_url, pathway))
    for choice in route.choices:
        answer_by_mouse(page, choice)
    kept, entries = address(page), page.evaluate("history.length")

    page.locator(".ctg-skip").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)"), "it still skips"
    assert (address(page), page.evaluate("history.length")) == (kept, entries)

    page.evaluate(_ADD_FOOTNOTE, route.outcome.id)
    page.set_viewport_size({"width": 1280, "height": 300})
    page.locator(".footnote-ref").click()
    assert page.evaluate("(() => { const r = document.getElementById('fn:t').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()"), \
        "the footnote is in view"
    assert (address(page), page.evaluate("history.length")) == (kept, entries)

    page.reload()
    seen = snapshot(page)
    assert seen["visible"] == [route.outcome.id] and result(page, route.outcome.id) == expected_result(route)


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_a_link_to_a_result_alone_lists_every_action_that_might_apply(page, site_url, pathway):
    """The "All routes" page links to results with a plain #anchor and no answers."""
    outcome = max(pathway.outcomes, key=lambda o: sum(1 for r in routes(pathway) if r.outcome == o))
    page.goto(f"{page_url(site_url, pathway)}#{outcome.id}")
    seen = snapshot(page)
    assert seen["visible"] == [outcome.id] and "every action that might apply" in seen["note"]
    assert seen["title"] == f"Result: {outcome.title} – {pathway.title} – {SITE_NAME}"
    shown = " ".join(result(page, outcome.id)["actions"])
    for route in routes(pathway):
        if route.outcome == outcome:
            for action in route.actions:
                assert words(action) in shown
    assert page.get_by_role("link", name="Answer the questions").is_visible()


@pytest.mark.parametrize("pathway", SAMPLE_IDS[:1], indirect=True)
def test_continue_without_an_answer_says_what_to_do(page, site_url, pathway):
    page.goto(page_url(site_url, pathway))
    page.get_by_role("button", name="Continue").click()
    error = page.locator(f"#{pathway.start} .ctg-error")
    assert error.is_visible() and words(error.text_content()) == "Error: Select an answer."
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.type") == "radio"
    fieldset = page.locator(f"#{pathway.start} fieldset")
    assert "error" in (fieldset.get_attribute("aria-describedby") or "")
    assert wait_for_announcement(page, "") == "Error: Select an answer."


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_answers_stay_in_the_address_only_and_nothing_is_requested(page, site_url, pathway):
    route = longest_route(pathway)
    page.goto(page_url(site_url, pathway))
    page.wait_for_load_state("networkidle")
    storage_before = page.evaluate("JSON.stringify([{...localStorage}, {...sessionStorage}])")
    requests: list[tuple[str, str]] = []
    page.on("request", lambda request: requests.append((request.url, request.headers.get("referer", ""))))
    for choice in route.choices:
        answer_by_mouse(page, choice)
    page.locator(f"#{route.outcome.id} .ctg-change a").first.click()
    page.go_back()
    # Chromium checks the page's icon again when the address changes; nothing else is fetched,
    # and the answers (after the #) are never part of a request or its Referer header.
    assert [url for url, _ in requests if not url.endswith("/favicon.png")] == []
    assert not [referer for _, referer in requests if "#" in referer or "a=" in referer]
    assert page.evaluate("JSON.stringify([{...localStorage}, {...sessionStorage}])") == storage_before


def test_the_script_leaves_other_pages_alone(page, site_url):
    page.goto(f"{site_url}pathways/")
    assert page.locator(".ctg-pathway").count() == 0
    assert page.evaluate("document.body.classList.contains('ctg-pathway-page')") is False
    assert page.evaluate("document.querySelector('script[src*=\"/care-tech-guide.\"]') !== null")


# --- With JavaScript off -----------------------------------------------------------------------

def target_step(page) -> str:
    return page.evaluate("(document.querySelector(':target') || {}).id || ''")


# Without JavaScript the page is the same markup for every pathway (caretech/pathways/render.py),
# and tests/test_pathway_pages.py follows every route's links in the built pages of all of them.
# So the browser walks it on the sample only, on the routes that between them follow every
# answer's link once and reach every result.
@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_routes_with_javascript_off_follow_every_link(page_without_script, site_url, pathway):
    page = page_without_script
    page.goto(page_url(site_url, pathway))
    steps = page.locator(".ctg-step")
    assert steps.count() == len(pathway.questions) + len(pathway.outcomes)
    assert page.locator(".ctg-step:visible").count() == steps.count(), "every step is on the page"
    assert page.locator(".ctg-no-script-note").is_visible()
    # Every step is on the page, so from one result a reader scrolls back to the question where
    # the next route parts from this one and picks the other answer there.
    previous = None
    walked = routes_covering_every_answer(pathway)
    assert {r.outcome.id for r in walked} == {o.id for o in pathway.outcomes}
    for route in walked:
        start = common_start(previous, route) if previous else 0
        for choice in route.choices[start:]:
            label = click(page, f"#{choice.question.id} a.ctg-answer", choice.answer.index)
            assert words(label) == words(choice.answer.label)
            assert target_step(page) == choice.answer.next
        items = [words(t) for t in page.locator(f"#{route.outcome.id} .ctg-actions li").all_inner_texts()]
        for action in route.actions:
            assert any(item.endswith(words(action)) for item in items), action
        previous = route
    click(page, f"#{previous.outcome.id} .ctg-restart a")
    assert target_step(page) == pathway.start


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_a_route_by_keyboard_with_javascript_off(page_without_script, site_url, pathway):
    route = longest_route(pathway)
    page = page_without_script
    page.goto(page_url(site_url, pathway))
    press_until(page, "Tab", "document.activeElement.matches('a.ctg-answer')")
    for choice in route.choices:
        # Following a link to a step moves the keyboard's starting point there.
        for _ in range(choice.answer.index):
            page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.closest('.ctg-step').id, document.activeElement.textContent]")
        assert focused[0] == choice.question.id and words(focused[1]) == words(choice.answer.label)
        page.keyboard.press("Enter")
        assert target_step(page) == choice.answer.next
        page.keyboard.press("Tab")
    assert target_step(page) == route.outcome.id


def test_an_answer_on_the_something_gone_wrong_index_goes_on_in_its_pathway(page, site_url, compiled_pathways):
    # The old address is the index: its answers link into the split pathways, answer given.
    breach = next(p for p in compiled_pathways if p.id == "breach-or-scam")
    page.goto(f"{site_url}pathways/something-gone-wrong/")
    page.get_by_role("link", name="An email or letter went to the wrong person").click()
    page.wait_for_function("() => !document.querySelector('#personal-information').hidden")
    assert snapshot(page)["visible"] == ["personal-information"]
    assert answers_in(address(page)) == ["what-happened:3"], "the address is the usual one, with the answer given"
    page.get_by_role("link", name="Back").click()
    page.wait_for_function("() => !document.querySelector('#what-happened').hidden")
    assert page.locator("#what-happened input:checked").get_attribute("value") == "3"
    assert breach.step("what-happened").answers[3].label == "An email or letter went to the wrong person"
