/* Pathway pages: one question at a time, answers kept in the address, a printable result.

   Without this script a pathway page still works: every step is a section with its own
   anchor and every answer is a plain link (caretech/pathways/render.py writes that markup).
   This script only enhances it. On pages without a pathway it does nothing.

   The address holds all the state, so Back/Forward, reload, bookmarks and shared links work.
   It lives after the #, which browsers never send to a server (not even in Referer headers):
       #step=<step shown>&v=<version>&a=<question>:<answer>,<question>:<answer>
   `a` lists the answers in the order given (answer numbers count from 0). The step shown is
   on the route those answers make; answers after it are remembered, so going back keeps
   them selected. A plain #<step-id>, as used without JavaScript, works too.
   Nothing is stored anywhere else and nothing is sent anywhere. */
(() => {
  "use strict";

  const NOTES = {
    someAnswers: "Some answers in the link you followed do not fit this pathway. We kept the answers that do.",
    noAnswers: "The answers in the link you followed do not fit this pathway, so you are at the first question.",
    wrongStep: "The link you followed did not match its answers, so you are at the last step those answers reach.",
    partWay: "The link you followed went to a question part-way through. Start here: your answers decide which questions come next.",
    oldVersion: "The link you followed was made for an earlier version of this pathway. Check your answers before you rely on the result.",
    otherVersion: "The link you followed was made for a different version of this pathway. Check your answers before you rely on the result.",
    outcomeOnly: "This result is shown on its own, so it lists every action that might apply. Answer the questions to get a result that fits your service.",
  };
  // "29 November 2026", as the site writes dates (caretech/readers/dates.py). Written out here:
  // making an Intl.DateTimeFormat takes longer than all the rest of the pathway's set-up.
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  const longDate = (date) => `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;

  function start() {
    const root = document.querySelector(".ctg-pathway");
    if (root) enhance(root);
  }

  function decoded(text) {
    try {
      return decodeURIComponent(text);
    } catch (error) {
      return text; // a mangled link: treated like any other unknown step
    }
  }

  function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.append(...children);
    return element;
  }

  function readSteps(root) {
    const steps = new Map();
    for (const section of root.querySelectorAll(".ctg-step")) {
      const heading = section.querySelector(".ctg-step-title");
      const step = { id: section.dataset.stepId, kind: section.dataset.stepKind, section, heading };
      if (step.kind === "question") {
        step.text = heading.textContent.trim();
        step.answers = [];
        for (const link of section.querySelectorAll(".ctg-answer")) {
          step.answers[Number(link.dataset.answerIndex)] = { label: link.textContent.trim(), next: link.dataset.next };
        }
      } else {
        const label = heading.querySelector(".ctg-result-label");
        step.text = heading.textContent.slice(label ? label.textContent.length : 0).trim();
        // One list, or one per "when" group (Do this now, Today...), each under its heading.
        step.actionLists = [...section.querySelectorAll(".ctg-actions")];
        step.actionGroups = [...section.querySelectorAll(".ctg-action-group")];
        step.actionItems = [...section.querySelectorAll(".ctg-action")];
      }
      steps.set(step.id, step);
    }
    return steps;
  }

  function enhance(root) {
    const steps = readSteps(root);
    const first = root.dataset.start;
    const version = root.dataset.version;
    const pathwayTitle = root.dataset.pathwayTitle;
    const siteName = document.title.split(" - ").pop();
    const canonical = document.querySelector('link[rel="canonical"]');
    const pageAddress = canonical ? canonical.href.split("#")[0] : location.href.split(/[?#]/)[0];
    const questionsLeft = new Map();

    // --- The address: read it into a state, and write a state back -------------------------

    function readAddress(url) {
      const hash = url.hash.slice(1);
      const params = new URLSearchParams(hash.includes("=") ? hash : "");
      let wanted = hash.includes("=") ? params.get("step") : decoded(hash);
      const given = (params.get("a") || "").split(",").filter(Boolean);
      // A link to an answer of the first question (#<question>--<answer>, as an index page
      // makes) gives that answer and goes on to the step it leads to.
      const answerLink = hash.includes("=") ? null : /^(.+)--(\d+)$/.exec(wanted || "");
      if (answerLink && answerLink[1] === first && steps.get(first).answers[Number(answerLink[2])]) {
        given.push(`${first}:${answerLink[2]}`);
        wanted = steps.get(first).answers[Number(answerLink[2])].next;
      }
      const answers = [];
      const path = [first]; // path[i] is where answers[i] was given; the last is where they lead
      const notes = [];
      for (const pair of given) {
        const [id, index] = pair.split(":");
        const step = steps.get(path[path.length - 1]);
        const answer = step.kind === "question" && id === step.id && /^\d+$/.test(index) ? step.answers[Number(index)] : null;
        if (!answer || !steps.has(answer.next)) {
          notes.push(answers.length ? NOTES.someAnswers : NOTES.noAnswers);
          break;
        }
        answers.push({ question: id, index: Number(index) });
        path.push(answer.next);
      }
      const state = { answers, path, position: path.length - 1, outcomeOnly: null, notes };
      if (steps.has(wanted)) {
        const at = path.indexOf(wanted);
        if (at >= 0) state.position = at;
        else if (!given.length && steps.get(wanted).kind === "outcome") state.outcomeOnly = wanted;
        else if (!notes.length) notes.push(given.length ? NOTES.wrongStep : NOTES.partWay);
      }
      const linkVersion = params.get("v");
      if (given.length && linkVersion !== null && linkVersion !== version) {
        notes.push(Number(linkVersion) < Number(version) ? NOTES.oldVersion : NOTES.otherVersion);
      }
      if (state.outcomeOnly) notes.push(NOTES.outcomeOnly);
      return state;
    }

    function addressFor(answers, position) {
      let step = first;
      const path = [first];
      for (const { index } of answers) path.push((step = steps.get(step).answers[index].next));
      const here = location.pathname + location.search;
      if (!answers.length) return `${here}#${path[position]}`;
      return `${here}#step=${path[position]}&v=${version}&a=${answers.map((a) => `${a.question}:${a.index}`).join(",")}`;
    }

    function mostQuestionsFrom(id) {
      const step = steps.get(id);
      if (!step || step.kind !== "question") return 0;
      if (!questionsLeft.has(id)) {
        questionsLeft.set(id, 1 + Math.max(...step.answers.map((a) => mostQuestionsFrom(a.next))));
      }
      return questionsLeft.get(id);
    }

    // --- The page furniture the script adds -----------------------------------------------

    const live = root.querySelector(".ctg-live"); // in the page from the start, so screen readers follow it
    const back = el("a", { class: "ctg-back", "data-ctg-go": "" }, "Back");
    const note = el("div", { class: "ctg-note" });
    const printInfo = el("div", { class: "ctg-print-info" });
    const progress = el("p", { class: "ctg-progress" });
    live.after(back, note, printInfo, progress);

    const printButton = el("button", { type: "button", class: "ctg-button" }, "Print your result");
    const restart = el("a", { class: "ctg-restart-link", href: `#${first}`, "data-ctg-go": "" }, "Start again");
    root.append(el("div", { class: "ctg-controls" }, printButton, restart));

    const summaryList = el("dl", { class: "ctg-summary-list" });
    const summary = el("div", { class: "ctg-your-answers" },
      el("h3", { class: "ctg-your-answers-title" }, "Your answers"), summaryList);

    // Questions become forms when first shown (in show()): less work while the page loads.
    for (const step of steps.values()) {
      step.heading.setAttribute("tabindex", "-1"); // focus moves here when the step is shown
      for (const old of step.section.querySelectorAll(".ctg-restart")) old.hidden = true;
    }
    // Printed results show full addresses after links; work them out once.
    for (const link of root.querySelectorAll(".ctg-outcome a[href]")) {
      const href = link.getAttribute("href");
      if (!href.startsWith("#")) link.dataset.ctgUrl = new URL(href, pageAddress).href;
    }
    const noScriptNote = root.querySelector(".ctg-no-script-note");
    if (noScriptNote) noScriptNote.remove();
    root.classList.add("ctg-enhanced");
    document.body.classList.add("ctg-pathway-page");

    // A question becomes a form: the heading is the legend, the answers are radio buttons.
    function buildForm(step) {
      const hint = step.section.querySelector(".ctg-hint");
      const error = el("p", { class: "ctg-error", id: `${step.id}-error` },
        el("span", { class: "ctg-visually-hidden" }, "Error: "), "Select an answer.");
      error.hidden = true;
      const choices = el("div", { class: "ctg-choices" });
      step.answers.forEach((answer, index) => {
        choices.append(el("label", { class: "ctg-choice" },
          el("input", { type: "radio", name: `ctg-${step.id}`, value: String(index) }),
          el("span", { class: "ctg-choice-label" }, answer.label)));
      });
      const fieldset = el("fieldset", { class: "ctg-fieldset" }, el("legend", { class: "ctg-legend" }, step.heading));
      if (hint) {
        fieldset.append(hint);
        fieldset.setAttribute("aria-describedby", hint.id);
      }
      fieldset.append(error, choices);
      const form = el("form", { class: "ctg-form", novalidate: "" }, fieldset,
        el("button", { type: "submit", class: "ctg-button" }, "Continue"));
      step.section.replaceChildren(form);
      Object.assign(step, { form, fieldset, error, hintId: hint ? hint.id : "" });
    }

    // --- Showing a state ------------------------------------------------------------------

    let current = null;
    let announcement = 0;

    function show(state, moved) {
      current = state;
      const id = state.outcomeOnly || state.path[state.position];
      const step = steps.get(id);
      for (const other of steps.values()) other.section.hidden = other !== step;
      root.dataset.ctgView = step.kind;
      // Once someone has started, the introduction above the pathway gives way to the questions.
      document.body.classList.toggle("ctg-started", state.answers.length > 0 || Boolean(state.outcomeOnly));

      back.hidden = Boolean(state.outcomeOnly) || state.position === 0;
      if (!back.hidden) back.href = addressFor(state.answers, state.position - 1);
      note.hidden = !state.notes.length;
      note.replaceChildren(...state.notes.map((text) => el("p", {}, text)));
      printButton.hidden = step.kind !== "outcome";
      restart.hidden = step.kind === "question" && !state.answers.length;
      restart.textContent = state.outcomeOnly ? "Answer the questions" : "Start again";

      let title;
      let spoken;
      if (step.kind === "question") {
        if (!step.form) buildForm(step);
        const number = state.position + 1;
        const words = `Question ${number} of up to ${state.position + mostQuestionsFrom(id)}`;
        progress.textContent = words;
        progress.hidden = false;
        hideError(step);
        const remembered = state.answers[state.position];
        for (const radio of step.form.querySelectorAll("input")) {
          radio.checked = Boolean(remembered) && radio.value === String(remembered.index);
        }
        title = `${words} – ${pathwayTitle}`;
        spoken = `${words}.`;
      } else {
        progress.hidden = true;
        const given = state.outcomeOnly ? null : state.answers.slice(0, state.position);
        showActions(step, given);
        showSummary(step, given);
        title = given ? `Your result – ${pathwayTitle}` : `Result: ${step.text} – ${pathwayTitle}`;
        spoken = given ? `Your result: ${step.text}.` : `Result: ${step.text}.`;
      }
      document.title = `${title} – ${siteName}`;
      updatePrintInfo();
      if (moved) {
        announce([spoken, ...state.notes].join(" "));
        bringIntoView(step.heading);
      } else if (state.notes.length) {
        announce(state.notes.join(" ")); // on arrival: the note says why this is not the step the link named
      }
    }

    // Only the actions this route adds, each once: the outcome's own, then those the answers add
    // in the order given. An action listed twice stays in its earliest "when" group, the way
    // caretech/pathways/routes.py orders a route. Each stays in its group's list; a group with
    // nothing left to show is hidden with its heading.
    function showActions(outcome, answers) {
      const items = outcome.actionItems;
      for (const list of outcome.actionLists) list.classList.toggle("ctg-tailored", Boolean(answers));
      if (!answers) {
        for (const item of items) item.hidden = false;
        for (const item of items) item.parentElement.append(item);
        for (const group of outcome.actionGroups) group.hidden = false;
        return;
      }
      const candidates = items.filter((item) => !item.classList.contains("ctg-action-conditional"));
      for (const answer of answers) {
        candidates.push(...items.filter((item) =>
          item.dataset.fromQuestion === answer.question && Number(item.dataset.fromAnswer) === answer.index));
      }
      const best = new Map(); // action text -> the item that shows it
      for (const item of candidates) {
        const kept = best.get(actionText(item));
        if (!kept || Number(item.dataset.order) < Number(kept.dataset.order)) best.set(actionText(item), item);
      }
      const shown = candidates.filter((item) => best.get(actionText(item)) === item);
      for (const item of items) item.hidden = !shown.includes(item);
      for (const item of [...shown, ...items.filter((item) => item.hidden)]) item.parentElement.append(item);
      for (const group of outcome.actionGroups) group.hidden = !group.querySelector(".ctg-action:not([hidden])");
    }

    function actionText(item) {
      const condition = item.querySelector(".ctg-condition");
      return item.textContent.slice(condition ? condition.textContent.length : 0).trim();
    }

    function showSummary(outcome, answers) {
      summary.hidden = !answers || !answers.length;
      if (summary.hidden) return;
      summaryList.replaceChildren(...answers.map((answer, position) => {
        const question = steps.get(answer.question);
        const change = el("a", { href: addressFor(answers, position), "data-ctg-go": "" }, "Change",
          el("span", { class: "ctg-visually-hidden" }, ` your answer to the question “${question.text}”`));
        return el("div", { class: "ctg-summary-row" },
          el("dt", {}, question.text),
          el("dd", { class: "ctg-summary-answer" }, question.answers[answer.index].label),
          el("dd", { class: "ctg-change" }, change));
      }));
      outcome.section.append(summary);
    }

    function updatePrintInfo() {
      const reviewed = root.dataset.lastReviewed.split("-").map(Number);
      printInfo.replaceChildren(
        el("p", {}, `Printed on ${longDate(new Date())} from ${siteName}. ` +
          `Pathway version ${version}, last reviewed ${longDate(new Date(reviewed[0], reviewed[1] - 1, reviewed[2]))}.`),
        el("p", {}, "To see this result again or change your answers, go to: ",
          el("span", { class: "ctg-address" }, pageAddress + location.hash)));
    }

    function announce(text) {
      // Emptied first, then filled a moment later, so the same words are still read out.
      live.textContent = "";
      const mine = ++announcement;
      setTimeout(() => {
        if (mine === announcement) live.textContent = text;
      }, 150);
    }

    // Like a new page: back to the top, with focus on the step's heading (scrolled to if needed).
    function bringIntoView(heading) {
      window.scrollTo(0, 0);
      heading.focus();
    }

    function showError(step) {
      step.error.hidden = false;
      step.fieldset.classList.add("ctg-fieldset-error");
      step.fieldset.setAttribute("aria-describedby", `${step.hintId} ${step.error.id}`.trim());
      if (!document.title.startsWith("Error: ")) document.title = `Error: ${document.title}`;
      step.form.querySelector("input").focus();
      announce("Error: Select an answer.");
    }

    function hideError(step) {
      step.error.hidden = true;
      step.fieldset.classList.remove("ctg-fieldset-error");
      if (step.hintId) step.fieldset.setAttribute("aria-describedby", step.hintId);
      else step.fieldset.removeAttribute("aria-describedby");
    }

    // --- Moving between steps -------------------------------------------------------------

    // Each step is a history entry that remembers the address it was reached from, so that the
    // page's own Back can tell whether the browser's previous entry is the step before.
    function go(address) {
      history.pushState({ ctgFrom: location.href }, "", address);
      show(readAddress(location), true);
    }

    // The page's Back is the browser's Back when the entry before this one shows the step
    // before (the usual case, also after a reload), so the two never disagree: the browser's
    // Back then leaves the pathway from its first step, and Forward walks the steps again.
    // When this entry was opened some other way (a shared link, or "Change" on a result),
    // the step before takes this entry's place instead, so the browser's Back still goes to
    // where the reader was before, never forward through the pathway.
    let returning = null; // the address Back returns to: the entry's step with every answer kept

    function goBack() {
      const from = history.state && history.state.ctgFrom;
      if (from && stepShown(from) === stepShown(back.href)) {
        returning = back.href;
        return history.back();
      }
      history.replaceState(history.state, "", back.href);
      show(readAddress(location), true);
    }

    // A step and the answers that lead to it (answers remembered beyond it do not count).
    function stepShown(address) {
      const state = readAddress(new URL(address, location.href));
      return JSON.stringify([state.outcomeOnly || state.path[state.position], state.answers.slice(0, state.position)]);
    }

    root.addEventListener("submit", (event) => {
      event.preventDefault();
      const step = steps.get(event.target.closest(".ctg-step").dataset.stepId);
      const chosen = step.form.querySelector("input:checked");
      if (!chosen) return showError(step);
      const at = current.position;
      const answers = [...current.answers.slice(0, at), { question: step.id, index: Number(chosen.value) }];
      // Later answers stay only while they are still on the route; a new branch drops them.
      let next = step.answers[Number(chosen.value)].next;
      for (const later of current.answers.slice(at + 1)) {
        if (later.question !== next) break;
        answers.push(later);
        next = steps.get(next).answers[later.index].next;
      }
      history.replaceState(history.state, "", addressFor(answers, at)); // browser Back returns with this answer chosen
      go(addressFor(answers, at + 1));
    });

    root.addEventListener("click", (event) => {
      if (event.target.closest("button") === printButton) return window.print();
      const link = event.target.closest("a[data-ctg-go]");
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (link === back) goBack();
      else go(link.href);
    });

    const isState = (hash) => !hash || hash.includes("=") || steps.has(decoded(hash)) || /--\d+$/.test(hash);
    window.addEventListener("popstate", () => {
      // Ignore ordinary in-page links, such as "Skip to content".
      if (!isState(location.hash.slice(1))) return;
      if (returning) history.replaceState(history.state, "", returning); // keeps later answers too
      returning = null;
      show(readAddress(location), true);
    });
    window.addEventListener("beforeprint", updatePrintInfo);

    // Other in-page links ("Skip to content", footnotes, headings) jump as usual but keep the
    // answers in the address, so a reload, a bookmark or a shared link still has them: the
    // jump replaces this history entry, which then gets its address and state back.
    document.addEventListener("click", (event) => {
      const link = event.target.closest("a[href]");
      if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey ||
          event.shiftKey || event.altKey || (link.target && link.target !== "_self")) return;
      const target = new URL(link.href);
      const here = new URL(location.href);
      if (!target.hash || target.href.split("#")[0] !== here.href.split("#")[0] || isState(target.hash.slice(1))) return;
      event.preventDefault();
      const state = history.state;
      location.replace(target.href); // the browser's own jump: scroll, :target, and where Tab goes next
      history.replaceState(state, "", here.href);
    });

    history.scrollRestoration = "manual";
    const arrival = readAddress(location);
    // An answer link becomes the usual address, so Back, reload and sharing work the same way.
    if (/--\d+$/.test(location.hash)) history.replaceState(history.state, "", addressFor(arrival.answers, arrival.position));
    show(arrival, false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
