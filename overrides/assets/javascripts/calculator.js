/* Worksheets that work themselves out: the business case calculator and any like it.

   Without this script a worksheet is a table of lines to fill in by hand, each result
   with the sum to do (caretech/templates/page.py writes that markup). This script turns
   the lines people fill in into boxes, and works out every result as they type, from
   the formula in its `data-formula`: the same formula text the spreadsheet download is
   built from (caretech/templates/formula.py reads the same small language). A test
   checks that this page and the spreadsheet give the same answers.
   A wrong figure gets a message beside its box; results that need it say which line to
   fix. The main results are read out politely, once typing pauses. Nothing is sent or
   stored anywhere. On pages without a worksheet it does nothing. */
(() => {
  "use strict";

  const MESSAGES = {
    empty: "Enter a number. Use 0 if this does not apply.",
    negative: "Enter 0 or more. This figure cannot be below 0.",
    letters: "Enter numbers only, like 12 or 12.50.",
  };
  // The unit's own name follows a figure ("12 people"); pounds take a £ before, and a plain
  // number has no word. The units themselves are listed once, in template.schema.json.
  function unitWord(unit) {
    return unit === "pounds" || unit === "number" ? "" : unit;
  }
  // Number formats are made on first use: making them is slow, and most pages have no worksheet.
  let formats = null;
  function numberFormats() {
    if (!formats) formats = {
      pounds: new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 }),
      whole: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 }),
      oneDecimal: new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      upToOneDecimal: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }),
    };
    return formats;
  }
  const SPEAK_AFTER_MS = 700;

  // --- The formula language (see caretech/templates/formula.py) -----------------------------
  // The build parses each formula and writes it into `data-formula` as JSON: nested lists
  // such as ["op", "*", ["name", "staff"], ["num", 52]]. This script only evaluates them,
  // with the same rules as formula.py's `evaluate`; tests/fixtures/formula_cases.yml holds
  // the cases both must answer alike. A spreadsheet error throws a CellError with its code.

  class CellError extends Error {
    constructor(code) {
      super(code);
      this.code = code;
    }
  }

  function asNumber(value) {
    if (typeof value === "boolean") return Number(value);
    if (value === null || value === undefined || value === "") return 0;
    if (typeof value === "string") throw new CellError("#VALUE!");
    return value;
  }

  const truthy = (value) => (typeof value === "string" ? value !== "" : Boolean(value));

  function compare(op, left, right) {
    if (left === null || left === undefined) left = typeof right === "string" ? "" : 0;
    if (right === null || right === undefined) right = typeof left === "string" ? "" : 0;
    const leftText = typeof left === "string";
    const rightText = typeof right === "string";
    let a;
    let b;
    if (leftText && rightText) [a, b] = [left.toLowerCase(), right.toLowerCase()];
    else if (leftText || rightText) [a, b] = [Number(leftText), Number(rightText)]; // numbers sort before text
    else [a, b] = [asNumber(left), asNumber(right)];
    return { "=": a === b, "<>": a !== b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b }[op];
  }

  function evaluate(node, lookup) {
    const [kind] = node;
    if (kind === "num" || kind === "str") return node[1];
    if (kind === "name") return lookup(node[1]);
    if (kind === "neg") return -asNumber(evaluate(node[1], lookup));
    if (kind === "call") {
      const [, name, args] = node;
      if (name === "IF") return evaluate(truthy(evaluate(args[0], lookup)) ? args[1] : args[2], lookup);
      const values = args.map((arg) => asNumber(evaluate(arg, lookup)));
      if (name === "MIN") return Math.min(...values);
      if (name === "MAX") return Math.max(...values);
      const factor = 10 ** Math.trunc(values[1]); // ROUND: halves away from zero
      const rounded = Math.trunc(Math.abs(values[0]) * factor + 0.5) / factor;
      return values[0] >= 0 ? rounded : -rounded;
    }
    const [, op, leftNode, rightNode] = node;
    const left = evaluate(leftNode, lookup);
    const right = evaluate(rightNode, lookup);
    if (["=", "<>", "<", ">", "<=", ">="].includes(op)) return compare(op, left, right);
    const a = asNumber(left);
    const b = asNumber(right);
    if (op === "+") return a + b;
    if (op === "-") return a - b;
    if (op === "*") return a * b;
    if (b === 0) throw new CellError("#DIV/0!");
    return a / b;
  }

  // For the shared test cases: the browser test evaluates them here, as the page does.
  window.CareTechFormula = Object.freeze({ evaluate, CellError });

  // --- Reading and showing figures ----------------------------------------------------------

  /* "£1,200.50", " 12 " and "1,200" are fine; "", "-3" and "twelve" are not. */
  function readFigure(text) {
    const cleaned = text.trim().replace(/^£\s*/, "").replace(/(\d),(?=\d{3}\b)/g, "$1");
    if (cleaned === "") return { error: "empty" };
    if (/^-\s*£?\s*(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return { error: "negative" };
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return { error: "letters" };
    return { value: Number(cleaned) };
  }

  function show(value, unit) {
    if (typeof value === "string") return value;
    const { pounds, whole, oneDecimal, upToOneDecimal } = numberFormats();
    if (unit === "pounds") return pounds.format(value).replace(/^-/, "−");
    if (unit === "months") return `${oneDecimal.format(value)} months`;
    const number = unit === "hours" || unit === "minutes" ? whole.format(value) : upToOneDecimal.format(value);
    return unitWord(unit) ? `${number} ${unitWord(unit)}` : number;
  }

  function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.append(...children);
    return element;
  }

  // --- One worksheet --------------------------------------------------------------------

  function enhance(root) {
    const lines = [];
    for (const row of root.querySelectorAll("tr[data-line]")) {
      const box = row.querySelector("th").textContent.trim();
      const line = { id: row.dataset.line, unit: row.dataset.unit, box, row, cell: row.querySelector(".ctg-calc-value") };
      const label = row.querySelector(".ctg-calc-label");
      line.name = label.textContent.trim();
      if (row.dataset.formula !== undefined) {
        line.formula = JSON.parse(row.dataset.formula);
        line.headline = row.hasAttribute("data-headline");
        line.output = el("span", { class: "ctg-calc-output" });
        line.cell.replaceChildren(line.output);
      } else {
        buildInput(line, label, row.dataset.example);
      }
      lines.push(line);
    }
    const inputs = lines.filter((line) => !line.formula);
    const results = lines.filter((line) => line.formula);
    const how = root.querySelector(".ctg-calc-how");
    how.textContent = `Type your own figures in boxes ${inputs[0].box} to ${inputs[inputs.length - 1].box}. ` +
      `Boxes ${results[0].box} to ${results[results.length - 1].box} are worked out as you type.`;
    addWorkedExamples(root, how, inputs, () => update(false));
    const summary = root.querySelector(".ctg-calc-summary");
    root.classList.add("ctg-calc-live");

    let speakTimer = 0;
    function update(speak) {
      const values = new Map();
      const problems = new Map(); // line id -> the boxes to fix first
      for (const line of inputs) {
        const figure = readFigure(line.input.value);
        showError(line, figure.error);
        if (figure.error) problems.set(line.id, [line.box]);
        else values.set(line.id, figure.value);
      }
      for (const line of results) {
        const needs = [];
        let value;
        try {
          value = evaluate(line.formula, (name) => {
            if (problems.has(name)) needs.push(...problems.get(name));
            if (!values.has(name)) throw new Error("missing");
            return values.get(name);
          });
        } catch (error) {
          value = undefined;
        }
        if (typeof value === "number" && !Number.isFinite(value)) value = undefined;
        if (value === undefined) {
          const boxes = [...new Set(needs)];
          problems.set(line.id, boxes);
          line.output.textContent = boxes.length ? `Fix ${boxName(boxes)} first` : "Cannot work this out";
          line.output.removeAttribute("data-value");
          line.output.classList.add("ctg-calc-waiting");
        } else {
          values.set(line.id, value);
          line.output.textContent = show(value, line.unit);
          line.output.dataset.value = String(value);
          line.output.classList.remove("ctg-calc-waiting");
        }
      }
      const text = summaryText(values, problems);
      clearTimeout(speakTimer);
      if (speak) speakTimer = setTimeout(() => (summary.textContent = text), SPEAK_AFTER_MS);
      else summary.textContent = text;
    }

    function summaryText(values, problems) {
      const bad = inputs.filter((line) => problems.has(line.id)).map((line) => line.box);
      if (bad.length) return `To see the results, fix ${boxName(bad)}.`;
      return "Your results: " + results.filter((line) => line.headline)
        .map((line) => `${line.name.replace(/\s*\(.*\)$/, "")}: ${show(values.get(line.id), line.unit)}.`).join(" ");
    }

    root.addEventListener("input", () => update(true));
    update(false);
  }

  const boxName = (boxes) => (boxes.length > 1 ? "boxes " : "box ") + boxes.join(" and ");

  /* A button for each of the guide's worked examples (`data-worked-examples`, written by the
     build from the template): it puts the example's figures in the boxes, so the results can
     be checked against the guide's sums. */
  function addWorkedExamples(root, before, inputs, update) {
    const examples = JSON.parse(root.dataset.workedExamples || "[]");
    if (!examples.length) return;
    const group = el("p", { class: "ctg-calc-examples" });
    for (const example of examples) {
      const button = el("button", { type: "button", class: "md-button ctg-calc-example" }, `Try the ${example.name}`);
      button.addEventListener("click", () => {
        for (const line of inputs) {
          if (line.id in example.figures) line.input.value = String(example.figures[line.id]);
        }
        update();
      });
      group.append(button);
    }
    before.after(group);
  }

  function buildInput(line, label, example) {
    const base = label.id.replace(/-label$/, "");
    const hint = line.row.querySelector(".ctg-calc-hint");
    line.error = el("p", { class: "ctg-calc-error", id: `${base}-error` });
    line.error.hidden = true;
    line.input = el("input", {
      type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false",
      id: `${base}-input`, class: "ctg-calc-input-box", value: example,
    });
    line.describedBy = hint ? hint.id : "";
    if (line.describedBy) line.input.setAttribute("aria-describedby", line.describedBy);
    const labelElement = el("label", { for: line.input.id, class: label.className, id: label.id }, ...label.childNodes);
    label.replaceWith(labelElement);
    const box = el("span", { class: "ctg-calc-box" });
    if (line.unit === "pounds") box.append(el("span", { class: "ctg-calc-unit", "aria-hidden": "true" }, "£"));
    box.append(line.input);
    if (unitWord(line.unit)) box.append(el("span", { class: "ctg-calc-unit" }, unitWord(line.unit)));
    line.cell.replaceChildren(box, line.error);
  }

  function showError(line, kind) {
    const bad = Boolean(kind);
    line.error.hidden = !bad;
    line.input.toggleAttribute("aria-invalid", bad);
    if (bad) {
      line.input.setAttribute("aria-invalid", "true");
      line.error.replaceChildren(el("span", { class: "ctg-visually-hidden" }, "Error: "), MESSAGES[kind]);
    }
    const ids = [line.describedBy, bad ? line.error.id : ""].filter(Boolean).join(" ");
    if (ids) line.input.setAttribute("aria-describedby", ids);
    else line.input.removeAttribute("aria-describedby");
  }

  function start() {
    for (const root of document.querySelectorAll(".ctg-calculator")) enhance(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
