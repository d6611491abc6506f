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

import functools
import html
import re
from typing import Mapping

import yaml

from caretech.pathways.flowchart import render_flowchart
from caretech.pathways.model import Outcome, Pathway, Question
from caretech.pathways.routes import enumerate_routes
from caretech.readers.dates import format_date

INDEX_PAGE = "pathways/index.md"


def page_path(pathway: Pathway) -> str:
    return f"pathways/{pathway.id}/index.md"


def routes_page_path(pathway: Pathway) -> str:
    return f"pathways/{pathway.id}/all-routes.md"


def _h(text: str) -> str:
    return html.escape(text, quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


@functools.lru_cache(maxsize=4096)  # an "All routes" page repeats each question many times
def escape_markdown(text: str) -> str:
    """Text to show as-is inside Markdown: HTML-escaped, Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


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


def _render_question(question: Question, numbers: Mapping[str, int]) -> str:
    q = _h(question.id)
    hint = f'<p class="ctg-hint" id="{q}-hint">{_h(question.hint)}</p>\n' if question.hint else ""
    answers = "".join(
        f'<li><a class="ctg-answer" data-next-number="{numbers[a.next]}" href="#{_h(a.next)}" '
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


def _conditional_actions(outcome: Outcome, routes) -> list[tuple[Question, int, str]]:
    """Actions that answers on the way to this outcome may add, in route order, once each."""
    found: list[tuple[Question, int, str]] = []
    for route in routes:
        if route.outcome.id != outcome.id:
            continue
        for choice in route.choices:
            for action in choice.answer.add_actions:
                item = (choice.question, choice.answer.index, action)
                if item not in found and action not in outcome.actions:
                    found.append(item)
    return found


def _render_outcome(pathway, outcome: Outcome, routes, guide_titles, free_help_page, numbers) -> str:
    o = _h(outcome.id)
    actions = "".join(f'<li class="ctg-action">{_h(a)}</li>\n' for a in outcome.actions)
    for question, index, action in _conditional_actions(outcome, routes):
        label = question.answers[index].label
        actions += (
            f'<li class="ctg-action ctg-action-conditional" data-from-question="{_h(question.id)}" '
            f'data-from-answer="{index}"><span class="ctg-condition">If you answered '
            f"“{_h(label)}” to “{_h(question.question)}”: </span>{_h(action)}</li>\n"
        )
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
        f'<h3 class="ctg-actions-title" markdown="0">What to do</h3>\n'
        f'<ul class="ctg-actions" markdown="0">\n{actions}</ul>\n\n'
        f'<h3 class="ctg-guides-title" markdown="0">Read next</h3>\n\n'
        f'<div class="ctg-guides" markdown>\n\n{guides}\n\n</div>\n'
        f"{templates}"
        f"{help_line}\n"
        f'<p class="ctg-restart" markdown="0"><a href="#{_h(pathway.start)}">Start again</a></p>\n'
        f"</section>\n"
    )


def render_routes_page(pathway: Pathway) -> str:
    """Every route from the first question to its outcome, for reading and printing."""
    routes = enumerate_routes(pathway)
    parts = [
        _front_matter(
            title=f"All routes: {pathway.title}",
            description=f"Every way through the pathway “{pathway.title}”, with the result each leads to.",
            pathway=pathway.id,
            hide=["toc"],
            search={"exclude": True},
        ),
        f"# All routes: {escape_markdown(pathway.title)}\n",
        f"This page lists every way through [the pathway]({'index.md'}) on one page, "
        f"for advisers, trustees and printing. There are {len(routes)} routes. "
        f"Version {pathway.version}, last reviewed {format_date(pathway.last_reviewed)}.\n",
        _chart_figure(pathway),
    ]
    for number, route in enumerate(routes, 1):
        steps = "\n".join(
            f"{i}. {escape_markdown(c.question.question)} **{escape_markdown(c.answer.label)}**" for i, c in enumerate(route.choices, 1)
        )
        actions = "\n".join(f"- {escape_markdown(a)}" for a in route.actions)
        parts.append(
            f"## Route {number}: {escape_markdown(route.outcome.title)} {{ #route-{number} }}\n\n"
            f"{steps}\n\n"
            f"**Result:** [{escape_markdown(route.outcome.title)}](index.md#{route.outcome.id})\n\n"
            f"What to do:\n\n{actions}\n"
        )
    return "\n".join(parts)


def _chart_figure(pathway: Pathway) -> str:
    """The flowchart, inline so it takes the site's colours. It scrolls sideways on a narrow
    screen (the wrapper is focusable so keyboard users can scroll it too) and prints on a
    page of its own, turned sideways when the chart is wider than tall (diagrams.css)."""
    chart = render_flowchart(pathway)
    shape = "ctg-chart-wide" if chart.width > chart.height else "ctg-chart-tall"
    return (
        f'<figure class="ctg-chart {shape}" id="chart">\n'
        f'<figcaption id="ctg-chart-caption">The whole pathway as a chart. Start at the top and follow the arrows. '
        f"The words on each arrow are the answers. Every route is also written out in words below the chart.</figcaption>\n"
        f'<div class="ctg-chart-scroll" tabindex="0" role="group" aria-labelledby="ctg-chart-caption">{chart.svg}</div>\n'
        f"</figure>\n"
    )


def render_index_page(pathways: list[Pathway]) -> str:
    """The Pathways page: every pathway with its summary."""
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
    for pathway in sorted(pathways, key=lambda p: p.title):
        parts.append(
            f"## [{escape_markdown(pathway.title)}]({pathway.id}/index.md)\n\n{escape_markdown(pathway.summary)}\n\n"
            f"[All routes for “{escape_markdown(pathway.title)}”]({pathway.id}/all-routes.md)\n"
        )
    return "\n".join(parts)
