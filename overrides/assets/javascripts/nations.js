/* "Where is your service?": England, Wales, Scotland or Northern Ireland, chosen once.
   Pages mark advice that differs by nation (`/// nation | Wales` boxes, pathway actions given
   for each nation: data-nation="…"). Without a choice, or without JavaScript, every version
   shows, each labelled. With a choice, site.css shows only that nation's (the choice is on
   <html data-ctg-nation="…">), and each page that has such advice says, on screen and on
   paper, which nation it is showing. The choice stays in this browser's localStorage:
   nothing is sent anywhere. */
(function () {
  "use strict";

  var STORE = "ctg-nation";
  var NATIONS = { england: "England", wales: "Wales", scotland: "Scotland", "northern-ireland": "Northern Ireland" };
  var root = document.documentElement;

  function saved() {
    try {
      var value = localStorage.getItem(STORE);
      return NATIONS[value] ? value : "";
    } catch (error) {
      return ""; // storage blocked: every nation's advice stays on show
    }
  }

  function remember(nation) {
    try {
      if (nation) localStorage.setItem(STORE, nation);
      else localStorage.removeItem(STORE);
    } catch (error) { /* the choice lasts for this page only */ }
  }

  function apply(nation) {
    if (nation) root.setAttribute("data-ctg-nation", nation);
    else root.removeAttribute("data-ctg-nation");
  }

  apply(saved());

  function button(text, onPress, pressed) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button ctg-nation-choice";
    b.textContent = text;
    if (pressed !== undefined) b.setAttribute("aria-pressed", pressed ? "true" : "false");
    b.addEventListener("click", onPress);
    return b;
  }

  /* A bar that asks, or says which nation's advice shows. A guide gets one under its title; a
     pathway gets one in each result that has lines for each nation, above the first part that
     differs (a nation box, or "What to do"), so the question comes when the answer changes the
     result, after what to do first, and the pathway's first question stays on the first screen
     of a phone. Every bar shows the same choice. */
  var redraws = [];

  function redrawAll() {
    redraws.forEach(function (redraw) { redraw(); });
  }

  function makeBar() {
    var bar = document.createElement("div");
    bar.className = "ctg-nation-bar";
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", "Where is your service?");
    var status = document.createElement("p");
    status.className = "ctg-nation-status";
    status.setAttribute("aria-live", "polite");
    var choices = document.createElement("div");
    choices.className = "ctg-nation-choices";
    bar.appendChild(status);
    bar.appendChild(choices);

    function choose(nation) {
      remember(nation);
      apply(nation);
      redrawAll();
      choices.querySelector("button").focus();
    }

    function offerAll() {
      var nation = saved();
      choices.textContent = "";
      Object.keys(NATIONS).forEach(function (key) {
        choices.appendChild(button(NATIONS[key], function () { choose(key); }, key === nation));
      });
      if (nation) choices.appendChild(button("Show every nation", function () { choose(""); }));
    }

    function draw() {
      var nation = saved();
      choices.textContent = "";
      if (nation) {
        status.textContent = "Showing the advice for " + NATIONS[nation] + ".";
        choices.appendChild(button("Change where your service is", function () {
          offerAll();
          choices.querySelector("button").focus();
        }));
      } else {
        status.textContent = "Where is your service? Some advice here differs in each UK nation.";
        offerAll();
      }
    }

    redraws.push(draw);
    draw();
    return bar;
  }

  function addBars() {
    var content = document.querySelector(".md-content__inner");
    if (!content || !content.querySelector("[data-nation]")) return;
    var results = content.querySelectorAll('#pathway [data-step-kind="outcome"]');
    if (results.length) {
      Array.prototype.forEach.call(results, function (result) {
        // Above the first part that differs: what to do first (containment) stays on top.
        var first = result.querySelector("[data-nation], .ctg-actions-title");
        if (!result.querySelector("[data-nation]") || !first) return;
        first.parentNode.insertBefore(makeBar(), first);
      });
      return;
    }
    var heading = content.querySelector("h1");
    var bar = makeBar();
    if (heading && heading.nextSibling) heading.parentNode.insertBefore(bar, heading.nextSibling);
    else content.insertBefore(bar, content.firstChild);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addBars);
  else addBars();
})();
