/* Site-wide progressive enhancement. Every page works without this file; it adds:
   - keyboard access to Material's menu, section panels and search, which are <label>s
     for hidden checkboxes (a label cannot take focus or be pressed with a key): each
     becomes a <button>;
   - focus management: into the menu when it opens, back to the button when it closes,
     and the menu or search closes when focus leaves it;
   - search results in the Tab order, and no focus on the search box while it is
     off-screen on a phone;
   - a colour switch that Tab, Enter and Space work on;
   - a "Print this page" button, and <details> opened while printing.
   The hiding itself is in site.css. Nothing is stored and nothing is sent anywhere. */
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  var sidebar = document.querySelector(".md-sidebar--primary");
  // Material's breakpoints: the menu is a drawer below 1220 px; search is a
  // full-screen panel below 960 px.
  var drawerMode = window.matchMedia("(max-width: 76.234375em)");
  var phoneMode = window.matchMedia("(max-width: 59.984375em)");

  /* Material's menu, section and search toggles are <label>s for hidden checkboxes. A label
     cannot take focus or be pressed with a key, and ARIA allows no role on a label, so each
     becomes a real <button>: same class, id, `for` and content (Material's CSS and script
     find them by those; site.css makes it look the same), ticking its checkbox as the label
     did. Enter and Space press a button by themselves. Without JavaScript the labels stay. */
  function makeButton(label, name) {
    var button = document.createElement("button");
    button.type = "button";
    Array.prototype.forEach.call(label.attributes, function (attribute) {
      button.setAttribute(attribute.name, attribute.value);
    });
    button.classList.add("ctg-toggle");
    while (label.firstChild) button.appendChild(label.firstChild);
    if (name) button.setAttribute("aria-label", name);
    button.addEventListener("click", function () {
      var checkbox = document.getElementById(button.getAttribute("for"));
      if (checkbox) checkbox.click();
    });
    label.replaceWith(button);
    return button;
  }

  function setToggle(checkbox, value) {
    if (checkbox.checked !== value) checkbox.click();
  }

  function isShown(element) {
    return element.checkVisibility
      ? element.checkVisibility({ visibilityProperty: true, opacityProperty: false })
      : element.offsetParent !== null;
  }

  function firstFocusable(container) {
    var items = container.querySelectorAll("a[href], button, input, [tabindex='0']");
    for (var i = 0; i < items.length; i++) {
      if (isShown(items[i])) return items[i];
    }
    return null;
  }

  /* ---------- The menu drawer ---------- */

  var menuButton = document.querySelector(".md-header label[for='__drawer']");
  if (drawer && sidebar && menuButton) {
    sidebar.id = sidebar.id || "ctg-menu";
    menuButton = makeButton(menuButton, "Menu");
    menuButton.setAttribute("aria-controls", sidebar.id);
    menuButton.setAttribute("aria-expanded", "false");

    drawer.addEventListener("change", function () {
      menuButton.setAttribute("aria-expanded", String(drawer.checked));
      if (!drawerMode.matches) return;
      if (drawer.checked) {
        var target = firstFocusable(sidebar);
        if (target) target.focus();
      } else if (sidebar.contains(document.activeElement)) {
        menuButton.focus();
      }
    });

    // Escape closes the menu; leaving it with Tab closes it too, so focus never sits
    // behind the dimmed overlay.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked && drawerMode.matches) {
        setToggle(drawer, false);
        menuButton.focus();
      }
    });
    document.addEventListener("focusin", function (event) {
      if (drawer.checked && drawerMode.matches &&
          !sidebar.contains(event.target) && event.target !== menuButton) {
        setToggle(drawer, false);
      }
    });

    // Section panels inside the drawer: the arrow that opens a panel, and the panel's
    // title that goes back.
    var toggles = sidebar.querySelectorAll("input.md-nav__toggle");
    Array.prototype.forEach.call(toggles, function (toggle) {
      var opener = sidebar.querySelector("label.md-nav__link[for='" + toggle.id + "']");
      var panel = toggle.parentElement.querySelector(":scope > nav.md-nav");
      var back = panel && panel.querySelector(":scope > label.md-nav__title");
      if (!opener || !back) return;
      var title = back.textContent.trim();
      opener = makeButton(opener, opener.textContent.trim() ? null : "Pages in " + title);
      if (toggle.id === "__toc") opener.setAttribute("aria-label", "Contents of this page");
      opener.setAttribute("aria-expanded", String(toggle.checked));
      back = makeButton(back, title + ": back to the menu");
      toggle.addEventListener("change", function () {
        opener.setAttribute("aria-expanded", String(toggle.checked));
        if (!drawerMode.matches) return;
        // Wait a frame so the panel is visible before it takes focus.
        requestAnimationFrame(function () {
          (toggle.checked ? back : opener).focus();
        });
      });
    });
  }

  /* ---------- Search ---------- */

  var searchButton = document.querySelector(".md-header label.md-header__button[for='__search']");
  var searchInput = document.querySelector(".md-search__input");
  var searchClose = document.querySelector(".md-search__form label[for='__search']");
  if (search && searchInput) {
    if (searchButton) searchButton = makeButton(searchButton, "Search");
    if (searchClose) searchClose = makeButton(searchClose, "Close search");

    // On a phone the closed search box is off-screen: keep Tab away from it (Material
    // still focuses it when the Search button or the "/" key opens search).
    var updateSearch = function () {
      var hidden = phoneMode.matches && !search.checked;
      searchInput.tabIndex = hidden ? -1 : 0;
      if (searchClose) searchClose.tabIndex = phoneMode.matches && search.checked ? 0 : -1;
    };
    updateSearch();
    phoneMode.addEventListener("change", updateSearch);
    // Material closes search on any Tab and takes its results out of the Tab order
    // (they are reached with the arrow keys). Put them back: inside the dialog, Tab moves
    // through the box and the results (arrow keys still work), and search closes when
    // focus leaves it.
    var dialog = document.querySelector(".md-search");
    var results = document.querySelector(".md-search-result__list");
    if (results) {
      new MutationObserver(function () {
        // Result links, and the "N more on this page" toggles.
        Array.prototype.forEach.call(results.querySelectorAll("[tabindex='-1']"), function (item) {
          item.tabIndex = 0;
        });
      }).observe(results, { childList: true, subtree: true });
    }
    if (dialog) {
      dialog.addEventListener("keydown", function (event) {
        // Material also sends focus back to the box on any other key, Shift included,
        // which would break Shift+Tab.
        if ((event.key === "Tab" || event.key === "Shift") && search.checked) event.stopPropagation();
      });
      document.addEventListener("focusin", function (event) {
        if (search.checked && !dialog.contains(event.target)) {
          setToggle(search, false);
        }
      });
    }
    search.addEventListener("change", function () {
      updateSearch();
      // Closing search on a phone hides the box: give focus back to the Search button.
      var active = document.activeElement;
      if (!search.checked && phoneMode.matches && searchButton &&
          (active === document.body || active === searchInput || (active && active.closest(".md-search")))) {
        searchButton.focus();
      }
    });
  }

  /* ---------- Colour scheme switch ---------- */

  // Material's switch is two radio buttons, each showing the label of the other, and
  // neither is checked until first used: Shift+Tab then lands on the one whose label is
  // hidden. Send focus to the one that is shown, and check it so Tab always goes there.
  document.addEventListener("focusin", function (event) {
    var option = event.target;
    if (!option.matches || !option.matches(".md-option")) return;
    // Arrow keys move between the two: that is a real switch, leave it to Material.
    if (event.relatedTarget && option.form && option.form.contains(event.relatedTarget)) return;
    var label = option.nextElementSibling;
    if (label && label.hidden) {
      var shown = option.form && Array.prototype.filter.call(option.form.querySelectorAll(".md-option"), function (other) {
        return other.nextElementSibling && !other.nextElementSibling.hidden;
      })[0];
      if (shown) {
        shown.checked = true;
        shown.focus();
      }
    } else {
      option.checked = true;
    }
  });

  // Each option is named after what it does ("Switch to dark mode"), so Enter and Space
  // do it too, not only the arrow keys.
  document.addEventListener("keydown", function (event) {
    var option = event.target;
    if ((event.key !== "Enter" && event.key !== " ") || !option.matches || !option.matches(".md-option")) return;
    var label = option.nextElementSibling;
    var other = label && document.getElementById(label.htmlFor);
    if (!other || other === option) return;
    event.preventDefault();
    event.stopPropagation();
    other.click();
    other.focus();
  }, true);

  /* ---------- Printing ---------- */

  Array.prototype.forEach.call(document.querySelectorAll("[data-ctg-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // Closed <details> print open; they close again afterwards.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      openedForPrint.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) {
      details.open = false;
    });
    openedForPrint = [];
  });

  /* ---------- Wide tables ---------- */

  // Material wraps each table in a box that scrolls sideways when the table is too wide
  // (a template's sheet with many columns, or any table on a phone). A box that scrolls must
  // take keyboard focus, or keyboard users cannot read all of it (WCAG 2.1.1). Material wraps
  // tables when the page is ready, so look once the page has loaded, and again on resize.
  function nameOf(wrap) {
    for (var element = wrap.previousElementSibling; element; element = element.previousElementSibling) {
      if (/^H[2-4]$/.test(element.tagName)) {
        return "Table: " + element.textContent.trim() + " (scroll sideways to see all of it)";
      }
    }
    return "Table (scroll sideways to see all of it)";
  }
  function letWideTablesTakeFocus() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", nameOf(wrap));
      } else if (!scrolls && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  window.addEventListener("load", letWideTablesTakeFocus);
  window.addEventListener("resize", letWideTablesTakeFocus);
})();
