/* Registers the service worker (caretech/site/sw.js) named by the manifest link's
   data-ctg-worker (main.html); data-ctg-retire is the kill switch. Loads
   keep-on-phone-controls.js only on pages with controls or download links. On every page it
   also offers to show a newer version when the worker showed the kept copy of a page and the
   network then brought a newer one ({ newer: true }). After "Remove the saved copy" (which
   leaves an empty cache named removedMarker) it registers nothing until the reader saves
   again. Like all our scripts, ES2017 syntax at most (tests/test_script_syntax.py): it is part
   of one bundle, which an older browser cannot read at all if any part is newer. */
(function () {
  "use strict";
  var container = navigator.serviceWorker;
  var link = document.querySelector("link[rel=manifest]");
  if (!/^https?:$/.test(location.protocol) || !container || !window.caches || !link) return;
  var worker = link.getAttribute("data-ctg-worker");
  if (!worker) return;
  var root = new URL(".", link.href).href;
  var prefix = "ctg:" + new URL(root).pathname;
  var removedMarker = "ctg-removed:" + new URL(root).pathname;
  var workerAddress = new URL(worker, document.baseURI).href;

  function ourCaches() {
    return caches.keys().then(function (names) {
      return names.filter(function (name) { return name.indexOf(prefix) === 0; });
    });
  }

  function removeCopies() {
    return ourCaches().then(function (names) {
      return Promise.all(names.map(function (name) { return caches.delete(name); }));
    });
  }

  if (link.hasAttribute("data-ctg-retire")) {
    // The retiring sw.js deletes the copies and itself; if it cannot be fetched, do it here.
    container.getRegistration(root).then(function (registration) {
      if (registration && registration.scope === root) {
        registration.update().catch(function () { return registration.unregister().then(removeCopies); });
      }
    });
    return;
  }
  // On failure the site is a plain website: nothing to report.
  function register() {
    return caches.delete(removedMarker).then(function () { return container.register(workerAddress); });
  }
  caches.has(removedMarker).then(function (removed) {
    if (!removed) return container.register(workerAddress);
  }).catch(function () {});

  function element(tag, className, text) {
    var made = document.createElement(tag);
    made.className = className;
    made.textContent = text;
    return made;
  }

  // Browsers that run service workers all know prepend().
  // The worker sends this at most once per page shown.
  function offerNewer() {
    var notice = element("div", "ctg-newer", "");
    var button = element("button", "md-button md-button--primary", "Show the newer version");
    button.type = "button";
    button.onclick = function () { location.reload(); };
    notice.setAttribute("role", "status");
    (document.querySelector(".md-content__inner") || document.body).prepend(notice);
    // Filled a moment after the empty status region is in place, so screen readers announce it.
    setTimeout(function () { notice.append(element("p", "", "A newer version of this page is ready."), button); }, 100);
  }

  container.addEventListener("message", function (event) {
    if (event.data && event.data.newer) offerNewer();
  });
  container.startMessages();

  if (document.querySelector("[data-ctg-keep-controls], [data-ctg-saved], a[download]")) {
    window.ctgKeepOnPhone = { root: root, ourCaches: ourCaches, removeCopies: removeCopies,
                              register: register, removedMarker: removedMarker };
    var script = document.createElement("script");
    script.src = root + "assets/javascripts/keep-on-phone-controls.js";
    document.body.appendChild(script);
  }
})();
