"""Render a pathway as Markdown pages that work with no JavaScript.

Structure is raw HTML inside `md_in_html` blocks: escaped text in `markdown="0"`
parts, so nothing a contributor types in a label can become markup, while outcome
bodies and guide links stay Markdown and go through the same pipeline (and link
checks) as the guides. Classes and data attributes are the hooks the pathway
script (overrides/assets/javascripts/pathway.js) uses to show one step at a time;
the empty `.ctg-live` region is there from the start so screen readers follow it,
and step numbers let a page printed without the script say where each answer leads.
"""

from __future__ import annotations

import html
import re
from typing import Mapping

import yaml

from caretech.text.markdown_text import escape_markdown
from caretech.pathways.flowchart import (
    ANY_ANSWER, added_steps_note, answer_groups, chart_description, question_numbers, render_flowchart,
)
from caretech.pathways.model import Action, Outcome, Pathway, PathwayIndex, Question
from caretech.pathways.routes import Route, enumerate_routes
from caretech.readers.dates import format_date

INDEX_PAGE = "pathways/index.md"


def page_path(pathway: Pathway) -> str:
    return f"pathways/{pathway.id}/index.md"


def routes_page_path(pathway: Pathway) -> str:
    return f"pathways/{pathway.id}/all-routes.md"


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _front_matter(**fields) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True) + "---\n\n"


def _guide_links(guides: tuple[str, ...], titles: Mapping[str, str], prefix: str) -> list[str]:
    return [f"- [{escape_markdown(titles.get(g, g))}]({prefix}{g})" for g in guides]


def render_pathway_page(
    pathway: Pathway, guide_titles: Mapping[str, str], free_help_page: str | None = None
) -> str:
    """The pathway page: intro, then every step as a section with its own anchor."""
    routes = enumerate_routes(pathway)
    longest = max(len(r.choices) for r in routes)
    audience = ", ".join(pathway.audience)
    parts = [
        _front_matter(
            title=pathway.title,
            description=pathway.summary,
            pathway=pathway.id,
            next_review=pathway.next_review,  # for the overdue notice (partials/content.html)
            hide=["toc"],
        ),
        f"# {escape_markdown(pathway.title)}\n",
        f'<p class="ctg-pathway-summary" markdown="1">{escape_markdown(pathway.summary)}</p>\n',
        f'<p class="ctg-pathway-meta">For {_h(audience)}. Up to {longest} questions. '
        f"Version {pathway.version}, last reviewed {format_date(pathway.last_reviewed)}.</p>\n",
        f'<div class="ctg-pathway" id="pathway" data-pathway-id="{_h(pathway.id)}" '
        f'data-pathway-title="{_h(pathway.title)}" data-version="{pathway.version}" '
        f'data-last-reviewed="{_h(pathway.last_reviewed)}" data-start="{_h(pathway.start)}" '
        f'data-max-questions="{longest}" markdown>\n',
        # Filled by the pathway script; present from the start so screen readers track it.
        '<div class="ctg-live" role="status" aria-live="polite" markdown="0"></div>\n',
        '<p class="ctg-no-script-note" markdown="0">Choose an answer to go to the next question. '
        "Every question and result is on this page, one after another.</p>\n",
    ]
    # Step numbers let a printed copy say where each answer leads ("go to step 4").
    numbers = {step.id: n for n, step in enumerate((*pathway.questions, *pathway.outcomes), 1)}
    for question in pathway.questions:
        parts.append(_render_question(question, numbers))
    for outcome in pathway.outcomes:
        parts.append(_render_outcome(pathway, outcome, routes, guide_titles, free_help_page, numbers))
    parts.append("</div>\n")
    # Below the questions, where advisers look: staff in a hurry see the first answers first.
    parts.append(
        '<p class="ctg-privacy" markdown="1">Your answers stay on this device: nothing is sent anywhere. '
        "[See every route on one page](all-routes.md). "
        "[See the whole pathway as a chart](all-routes.md#chart).</p>\n"
    )
    return "\n".join(parts)


def answer_anchor(question: Question, index: int) -> str:
    """The id of an answer's link, e.g. `what-happened--2`. A link to it gives that answer: the
    pathway script goes on to the next step, and without the script the answer is in view.
    Step ids cannot hold `--`, so the two never clash."""
    return f"{question.id}--{index}"


def _render_question(question: Question, numbers: Mapping[str, int]) -> str:
    q = _h(question.id)
    hint = f'<p class="ctg-hint" id="{q}-hint">{_h(question.hint)}</p>\n' if question.hint else ""
    answers = "".join(
        f'<li><a class="ctg-answer" id="{_h(answer_anchor(question, a.index))}" data-next-number="{numbers[a.next]}" href="#{_h(a.next)}" '
        f'data-answer-index="{a.index}" data-next="{_h(a.next)}">{_h(a.label)}</a></li>\n'
        for a in question.answers
    )
    return (
        f'<section class="ctg-step ctg-question" id="{q}" data-step-id="{q}" data-step-kind="question" '
        f'data-step-number="{numbers[question.id]}" aria-labelledby="{q}-title" markdown="0">\n'
        f'<h2 class="ctg-step-title" id="{q}-title">{_h(question.question)}</h2>\n'
        f"{hint}"
        f'<ul class="ctg-answers">\n{answers}</ul>\n'
        f"</section>\n"
    )


def _conditional_actions(outcome: Outcome, routes) -> list[tuple[Question, int, Action]]:
    """Actions that answers on the way to this outcome may add, in route order, once each.
    One the outcome already lists is left out, unless the answer asks for it sooner."""
    found: list[tuple[Question, int, Action]] = []
    own = {a: a.order for a in outcome.actions}
    for route in routes:
        if route.outcome.id != outcome.id:
            continue
        for choice in route.choices:
            for action in choice.answer.add_actions:
                item = (choice.question, choice.answer.index, action)
                if item not in found and (action not in own or action.order < own[action]):
                    found.append(item)
    return found


def _action_items(pathway: Pathway, outcome: Outcome, routes) -> list[tuple[Action, str]]:
    """Every action this result may show, as (action, list item), the outcome's own first."""
    items = [(a, f'<li class="ctg-action" data-order="{a.order}"{_nation(a)}>{_h(a)}</li>\n') for a in outcome.actions]
    for question, index, action in _conditional_actions(outcome, routes):
        label = question.answers[index].label
        items.append((action, (
            f'<li class="ctg-action ctg-action-conditional" data-order="{action.order}"{_nation(action)} '
            f'data-from-question="{_h(question.id)}" data-from-answer="{index}"><span class="ctg-condition">'
            f"If you answered “{_h(label)}” to “{_h(question.question)}”: </span>{_h(action)}</li>\n"
        )))
    return items


def _nation(action: Action) -> str:
    """The attribute that lets a reader who chose a nation see only its line (nations.js)."""
    return f' data-nation="{action.nation}"' if action.nation else ""


def _render_actions(pathway: Pathway, outcome: Outcome, routes) -> str:
    """"What to do": one list, or a list under each "when" heading in order, containment first.
    The pathway script hides what a route does not add, and any heading left with nothing under it."""
    items = _action_items(pathway, outcome, routes)
    title = '<h3 class="ctg-actions-title" markdown="0">What to do</h3>\n'
    if not pathway.action_headings:
        return title + f'<ul class="ctg-actions" markdown="0">\n{"".join(li for _, li in items)}</ul>\n'
    groups = []
    for when, heading in pathway.action_headings:
        lis = "".join(li for action, li in items if action.when == when)
        if lis:
            groups.append(f'<div class="ctg-action-group" data-when="{_h(when)}" markdown="0">\n'
                          f'<h4 class="ctg-when-title">{_h(heading)}</h4>\n<ul class="ctg-actions">\n{lis}</ul>\n</div>\n')
    return title + "".join(groups)


def _render_outcome(pathway, outcome: Outcome, routes, guide_titles, free_help_page, numbers) -> str:
    o = _h(outcome.id)
    prefix = "../../"
    guides = "\n".join(_guide_links(outcome.guides, guide_titles, prefix))
    templates = ""
    if outcome.templates:
        links = "\n".join(_guide_links(outcome.templates, guide_titles, prefix))
        templates = (f'<h3 class="ctg-templates-title" markdown="0">Templates for this</h3>\n\n'
                     f'<div class="ctg-templates" markdown>\n\n{links}\n\n</div>\n')
    help_line = ""
    if free_help_page:
        help_line = (
            f'\n<p class="ctg-free-help" markdown="1">**Get free help:** '
            f"[{escape_markdown(guide_titles.get(free_help_page, 'free, impartial help'))}]({prefix}{free_help_page})</p>\n"
        )
    return (
        f'<section class="ctg-step ctg-outcome" id="{o}" data-step-id="{o}" data-step-kind="outcome" '
        f'data-step-number="{numbers[outcome.id]}" aria-labelledby="{o}-title" markdown>\n'
        f'<h2 class="ctg-step-title" id="{o}-title" markdown="0">'
        f'<span class="ctg-result-label">Result: </span>{_h(outcome.title)}</h2>\n\n'
        f"{outcome.body}\n\n"
        f"{_render_actions(pathway, outcome, routes)}\n"
        f'<h3 class="ctg-guides-title" markdown="0">Read next</h3>\n\n'
        f'<div class="ctg-guides" markdown>\n\n{guides}\n\n</div>\n'
        f"{templates}"
        f"{help_line}\n"
        f'<p class="ctg-restart" markdown="0"><a href="#{_h(pathway.start)}">Start again</a></p>\n'
        f"</section>\n"
    )


def render_routes_page(pathway: Pathway, address: str = "") -> str:
    """Every route from the first question to its outcome, grouped by result, for reading and
    printing. `address` is where the page lives online; printed on every sheet of the chart."""
    routes = enumerate_routes(pathway)
    by_result = {o.id: [r for r in routes if r.outcome.id == o.id] for o in pathway.outcomes}
    contents = "\n".join(
        f"- [Result: {escape_markdown(o.title)}](#result-{o.id}): "
        f"{len(by_result[o.id])} route{'s' if len(by_result[o.id]) != 1 else ''}"
        for o in pathway.outcomes if by_result[o.id]
    )
    parts = [
        _front_matter(
            title=f"All routes: {pathway.title}",
            description=f"Every way through the pathway “{pathway.title}”, with the result each leads to.",
            pathway=pathway.id,
            hide=["navigation", "toc"],  # a wide chart gets the page's whole width
            search={"exclude": True},
        ),
        f"# All routes: {escape_markdown(pathway.title)}\n",
        f"This page lists every way through [the pathway]({'index.md'}) on one page, "
        f"for advisers, trustees and printing. There are {len(routes)} routes. "
        f"Version {pathway.version}, last reviewed {format_date(pathway.last_reviewed)}.\n",
        f"The routes are grouped by their result. To print one group, open its link and then print the page.\n\n"
        f'<div class="ctg-route-contents" markdown>\n\n{contents}\n\n</div>\n',
        _chart_figure(pathway, address),
    ]
    number = 0
    for outcome in pathway.outcomes:
        group = by_result[outcome.id]
        if not group:
            continue
        parts.append(
            f'<section class="ctg-route-group" id="result-{outcome.id}" aria-labelledby="result-{outcome.id}-title" markdown>\n\n'
            f'<h2 id="result-{outcome.id}-title" markdown="0">Routes to the result “{_h(outcome.title)}”</h2>\n\n'
            f'<p class="ctg-route-group-note" markdown="0">{len(group)} route{"s" if len(group) != 1 else ""} lead here. '
            f'<span class="ctg-print-part-note"><a class="ctg-print-part" href="#result-{outcome.id}">Print only this group</a>: '
            f"open this link, then print the page.</span></p>\n"
        )
        for route in group:
            number += 1
            steps = "\n".join(
                f"{i}. {escape_markdown(c.question.question)} **{escape_markdown(c.answer.label)}**"
                for i, c in enumerate(route.choices, 1)
            )
            parts.append(
                f"### Route {number}: {escape_markdown(route.outcome.title)} {{ #route-{number} }}\n\n"
                f"{steps}\n\n"
                f"**Result:** [{escape_markdown(route.outcome.title)}](index.md#{route.outcome.id})\n\n"
                f"{route_actions_markdown(pathway, route)}\n"
            )
        parts.append("</section>\n")
    return "\n".join(parts)


def route_actions_markdown(pathway: Pathway, route: Route) -> str:
    """A route's "What to do", in Markdown: under each "when" heading, in order, if the pathway has them."""
    parts = []
    for heading, actions in route.action_groups(pathway):
        items = "\n".join(f"- {escape_markdown(a)}" for a in actions)
        parts.append(f"**{escape_markdown(heading)}**\n\n{items}\n" if heading else f"What to do:\n\n{items}\n")
    return "\n".join(parts)


def _chart_outline(pathway: Pathway) -> str:
    """The chart in words: one numbered item per question (the chart's numbers), each answer
    with where it leads and the steps it adds. Plain HTML, so it needs no script; it is what
    narrow screens show first and what prints, in boxes that each fit a sheet."""
    numbers = question_numbers(pathway)
    ordered = sorted(pathway.questions, key=lambda q: numbers[q.id])

    def leads_to(step_id: str) -> str:
        step = pathway.step(step_id)
        if isinstance(step, Question):
            return (f'<a href="#chart-{_h(step.id)}">go to {numbers[step.id]}</a>'
                    f' <span class="ctg-outline-target">({_h(step.question)})</span>')
        return f'<a href="#result-{_h(step.id)}">Result: {_h(step.title)}</a>'

    items = []
    for question in ordered:
        answers = []
        if len(answer_groups(question)) == 1 and not any(a.add_actions for a in question.answers):
            answers.append(f"<li><strong>{ANY_ANSWER}</strong>: {leads_to(question.answers[0].next)}</li>")
        else:
            for answer in question.answers:  # in the question's order
                adds = " ".join(added_steps_note(answer.add_actions))
                adds_html = f' <span class="ctg-outline-adds">{_h(adds)}</span>' if adds else ""
                answers.append(f"<li><strong>{_h(answer.label)}</strong>{adds_html}: {leads_to(answer.next)}</li>")
        items.append(
            f'<li class="ctg-outline-question" id="chart-{_h(question.id)}" value="{numbers[question.id]}">'
            f'<p class="ctg-outline-asks">{_h(question.question)}</p>'
            f'<ul class="ctg-outline-answers">{"".join(answers)}</ul></li>'
        )
    return f'<ol class="ctg-outline">{"".join(items)}</ol>'


def _chart_figure(pathway: Pathway, address: str = "") -> str:
    """The flowchart, inline so it takes the site's colours, with its outline. The chart scrolls
    sideways (the wrapper is focusable so keyboard users can scroll it too); narrow screens show
    the outline first (diagrams.css). On paper the outline prints instead of the drawing, which
    would need text smaller than 12 pt to fit a sheet; the header row repeats on every sheet."""
    chart = render_flowchart(pathway)
    printed_on = f"Version {pathway.version}, last reviewed {format_date(pathway.last_reviewed)}"
    where = f' <span class="ctg-chart-sheet-address">{_h(address)}</span>' if address else ""
    return (
        f'<figure class="ctg-chart" id="chart" aria-labelledby="ctg-chart-caption">\n'
        f'<figcaption id="ctg-chart-caption"><strong>The pathway as a chart.</strong> {_h(chart_description(pathway))} '
        f'<span class="ctg-screen-only">Start at question 1 and follow the arrows. The words on each arrow are the answers; '
        f"a line starting with + is a step that answer adds. </span>"
        f'<span class="ctg-print-only-inline">On paper the chart is in numbered boxes. Each answer says which box to go to next. </span>'
        f"Every route is also written out in words below.</figcaption>\n"
        f'<table class="ctg-chart-sheet" role="presentation"><thead><tr><td class="ctg-chart-sheet-head">'
        f"{_h(pathway.title)} · chart · {printed_on}{where}</td></tr></thead><tbody><tr><td>"
        f'<div class="ctg-chart-views">'
        f'<div class="ctg-chart-outline"><p class="ctg-outline-title"><strong>The chart in words</strong></p>{_chart_outline(pathway)}</div>'
        f'<div class="ctg-chart-scroll" tabindex="0" role="group" aria-label="The chart (scrolls sideways)">{chart.svg}</div>'
        f"</div></td></tr></tbody></table>\n"
        f"</figure>\n"
    )


def index_page_path(index: PathwayIndex) -> str:
    return f"pathways/{index.id}/index.md"


def render_pathway_index_page(index: PathwayIndex) -> str:
    """An index: its question, and as answers the first answers of each pathway it sends
    people to. Each answer links to that answer in its pathway, which goes on from there."""
    parts = [
        _front_matter(title=index.title, description=index.summary, next_review=index.next_review, hide=["toc"]),
        f"# {escape_markdown(index.title)}\n",
        f'<p class="ctg-pathway-summary" markdown="1">{escape_markdown(index.summary)}</p>\n',
        f'<p class="ctg-pathway-meta">For {_h(", ".join(index.audience))}. '
        f"Last reviewed {format_date(index.last_reviewed)}.</p>\n",
        f'<div class="ctg-pathway-index" markdown>\n\n## {escape_markdown(index.question)} {{ #question }}\n',
    ]
    if index.hint:
        parts.append(f'<p class="ctg-hint" markdown="1">{escape_markdown(index.hint)}</p>\n')
    answers = []
    for pathway in index.choose_from:
        first = pathway.step(pathway.start)
        answers += [f"- [{escape_markdown(a.label)}](../{pathway.id}/index.md#{answer_anchor(first, a.index)})"
                    for a in first.answers]
    parts.append('<div class="ctg-index-answers" markdown>\n\n' + "\n".join(answers) + "\n\n</div>\n\n</div>\n")
    routes = "\n".join(f"- [{escape_markdown(p.title)}](../{p.id}/all-routes.md)" for p in index.choose_from)
    parts.append(f"## Every route, for advisers and printing\n\n{routes}\n")
    return "\n".join(parts)


def render_index_page(pathways: list[Pathway], indexes: list[PathwayIndex] = ()) -> str:
    """The Pathways page: every pathway with its summary, and each index first (they are where
    to start when something has gone wrong)."""
    parts = [
        _front_matter(
            title="Guided pathways",
            description="Answer a few questions and get advice that fits your service.",
        ),
        "# Guided pathways\n",
        "Each pathway asks a few questions, one at a time. "
        "At the end you get advice that fits your service, a list of things to do, and guides to read next. "
        "You can print your result. Your answers stay on this device.\n",
    ]
    for index in indexes:
        sends_to = ", ".join(f"[{escape_markdown(p.title)}]({p.id}/index.md)" for p in index.choose_from)
        parts.append(f"## [{escape_markdown(index.title)}]({index.id}/index.md)\n\n{escape_markdown(index.summary)}\n\n"
                     f"It sends you to one of these: {sends_to}.\n")
    for pathway in sorted(pathways, key=lambda p: p.title):
        parts.append(
            f"## [{escape_markdown(pathway.title)}]({pathway.id}/index.md)\n\n{escape_markdown(pathway.summary)}\n\n"
            f"[All routes for “{escape_markdown(pathway.title)}”]({pathway.id}/all-routes.md)\n"
        )
    return "\n".join(parts)
