/* Registers the service worker (caretech/site/sw.js) named by the manifest link's
   data-ctg-worker (main.html); data-ctg-retire is the kill switch. Loads
   keep-on-phone-controls.js only on pages with controls. On every page it also:
   - offers to show a newer version when the worker showed the kept copy of a page and the
     network then brought a newer one ({ newer: true });
   - checks a download link before the browser follows it: a file that is not kept and cannot
     be fetched gets a note beside the link, not a silent failed download.
   After "Remove the saved copy" (a cache named MARKER) it registers nothing, until the
   reader saves again. ES5: old browsers read it too. */
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
    if (text) made.textContent = text;
    return made;
  }

  function offerNewer() {
    if (document.querySelector(".ctg-newer")) return;
    var notice = element("div", "ctg-newer");
    var button = element("button", "md-button md-button--primary", "Show the newer version");
    button.type = "button";
    button.addEventListener("click", function () { location.reload(); });
    notice.appendChild(element("p", "", "A newer version of this page is ready."));
    notice.appendChild(button);
    notice.setAttribute("role", "status");
    var content = document.querySelector(".md-content__inner") || document.body;
    content.insertBefore(notice, content.firstChild);
  }

  container.addEventListener("message", function (event) {
    if (event.data && event.data.newer) offerNewer();
  });
  container.startMessages();

  // A download link: go ahead if the file is kept or the server answers; else say so.
  function cannotDownload(anchor) {
    var note = anchor.nextElementSibling;
    if (!note || note.className !== "ctg-download-problem") {
      note = element("span", "ctg-download-problem");
      note.setAttribute("role", "alert");
      anchor.parentNode.insertBefore(note, anchor.nextSibling);
    }
    note.textContent = "This file is not saved on this phone, and the internet is not working. " +
      "Try again when you have a signal.";
    // The templates are part of the saved guide (the offline zip, for computers, is not).
    if (anchor.href.indexOf(root + "downloads/templates/") !== 0) return;
    note.appendChild(document.createTextNode(" To have every template with no signal, "));
    var help = element("a", "", "save the whole guide on this phone");
    help.href = root + "use-offline/";
    note.appendChild(help);
    note.appendChild(document.createTextNode(" next time you are online."));
  }

  // The server answers within 8 seconds (HEAD: the file itself is fetched once, by the download).
  function reachable(address) {
    if (navigator.onLine === false) return Promise.reject(new Error("offline"));
    return new Promise(function (resolve, reject) {
      setTimeout(reject, 8000);
      fetch(address, { method: "HEAD", cache: "no-cache" }).then(function (answer) {
        if (answer.ok) resolve(); else reject(new Error(answer.status));
      }, reject);
    });
  }

  document.addEventListener("click", function (event) {
    var anchor = event.target.closest && event.target.closest("a[download]");
    if (!anchor || anchor.href.indexOf(root) !== 0) return;
    if (anchor.hasAttribute("data-ctg-checked")) {
      anchor.removeAttribute("data-ctg-checked");
      return;
    }
    event.preventDefault();
    caches.match(anchor.href).then(function (kept) { return kept || reachable(anchor.href); }).then(function () {
      var note = anchor.nextElementSibling;
      if (note && note.className === "ctg-download-problem") note.parentNode.removeChild(note);
      anchor.setAttribute("data-ctg-checked", "");
      anchor.click();
    }, function () { cannotDownload(anchor); });
  });

  if (document.querySelector("[data-ctg-keep-controls], [data-ctg-saved]")) {
    window.ctgKeepOnPhone = { root: root, ourCaches: ourCaches, removeCopies: removeCopies,
                              register: register, removedMarker: removedMarker };
    var script = document.createElement("script");
    script.src = root + "assets/javascripts/keep-on-phone-controls.js";
    document.body.appendChild(script);
  }
})();
