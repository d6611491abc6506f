/* Registers the service worker (caretech/site/sw.js) named by the manifest link's
   data-ctg-worker (main.html); data-ctg-retire is the kill switch. Loads
   keep-on-phone-controls.js only on pages with controls. ES5: old browsers read it too. */
(function () {
  "use strict";
  var container = navigator.serviceWorker;
  var link = document.querySelector("link[rel=manifest]");
  if (!/^https?:$/.test(location.protocol) || !container || !window.caches || !link) return;
  var worker = link.getAttribute("data-ctg-worker");
  if (!worker) return;
  var root = new URL(".", link.href).href;
  var prefix = "ctg:" + new URL(root).pathname;

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
  container.register(new URL(worker, document.baseURI).href).catch(function () {});

  if (document.querySelector("[data-ctg-keep-controls], [data-ctg-saved]")) {
    window.ctgKeepOnPhone = { root: root, ourCaches: ourCaches, removeCopies: removeCopies };
    var script = document.createElement("script");
    script.src = root + "assets/javascripts/keep-on-phone-controls.js";
    document.body.appendChild(script);
  }
})();
