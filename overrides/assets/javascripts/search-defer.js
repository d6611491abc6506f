/*
 * Care Tech Guide: load the search index only when someone starts to search.
 *
 * Material's script fetches search/search_index.json (about 100 KB gzip, the biggest file
 * on a first visit) and starts its search worker as soon as any page opens, over a care
 * home's weak Wi-Fi, although most visits never use search. This script runs before
 * Material's and holds both back until the reader shows they want to search: focus in the
 * search box (a tap on the search icon, a click, or the "/", "s" and "f" keys all focus it),
 * the search toggle opening, or an address with ?q= (a shared search) or ?h= (highlights
 * after following a search result). Then both load and search works as usual.
 *
 * Why it patches XMLHttpRequest and Worker (issue 17 looked for another way in Material 9.8.1):
 * - Material's bundle decides when to fetch the index, not a template: at start-up it sets
 *   `index$ = document.forms.namedItem("search") ? fetchSearchIndex() : NEVER`, and the
 *   search component subscribes to it at once unless location.protocol is "file:" (then it
 *   waits for the search toggle). `setupSearchWorker` runs `new Worker(config.search)` when
 *   the component mounts.
 * - The templates only choose whether search exists at all (the search form and
 *   `data-md-component="search"`) and the worker's address (the "search" key of the
 *   `__config` JSON in base.html's `config` block). Without the form, search never works;
 *   another worker address does not stop the page fetching the index itself.
 * - The Material search plugin has no setting to defer loading (its settings: enabled, lang,
 *   separator, pipeline, fields, boost and the jieba dictionaries).
 * So the patch stays, kept as small as it can be: it does nothing without a search form or
 * on file://, it touches only the index request and the search worker (everything else goes
 * straight to the browser's own), and the browser's own XMLHttpRequest and Worker are put
 * back as soon as search is wanted. tests/browser/test_search_browser.py checks the deferral,
 * the restore and search itself; tests/test_material_upstream.py fails when Material's
 * bundle changes, so this file is re-checked on every Material upgrade.
 *
 * Only for http(s): from file:// (the offline copy) Material already waits for the search
 * box to open. Without JavaScript there is no search box at all, and nothing changes.
 */
(function () {
  "use strict";
  if (!/^https?:$/.test(location.protocol) || !document.forms.namedItem("search")) return;

  var INDEX = /\/search\/search_index\.json(\?|$)/;
  var WORKER = /\/assets\/javascripts\/workers\/search\.[^/]*\.js(\?|$)/;
  var wanted = false;
  var waiting = [];

  function whenWanted(start) {
    if (wanted) start(); else waiting.push(start);
  }

  function release() {
    if (wanted) return;
    wanted = true;
    restore();
    waiting.splice(0).forEach(function (start) { start(); });
  }

  /* Hold back the request for the index (Material fetches it with XMLHttpRequest). */
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.ctgDeferred = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.ctgDeferred) return send.apply(request, args);
    whenWanted(function () { send.apply(request, args); });
  };

  /* Stand in for the search worker until it is wanted, keeping the messages it is sent. */
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (!WORKER.test(String(url))) return new RealWorker(url, options);
      var standIn = new EventTarget();
      var queued = [];
      var worker = null;
      standIn.postMessage = function (message) {
        if (worker) worker.postMessage(message); else queued.push(message);
      };
      standIn.terminate = function () { if (worker) worker.terminate(); };
      whenWanted(function () {
        worker = new RealWorker(url, options);
        worker.addEventListener("message", function (event) {
          standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
        });
        worker.addEventListener("error", function () {
          standIn.dispatchEvent(new Event("error"));
        });
        queued.splice(0).forEach(function (message) { worker.postMessage(message); });
      });
      return standIn;
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  /* Once search is wanted, nothing needs holding back: give the page the browser's own again. */
  function restore() {
    XMLHttpRequest.prototype.open = open;
    XMLHttpRequest.prototype.send = send;
    if (RealWorker) window.Worker = RealWorker;
  }

  /* Signs that the reader wants to search. */
  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) release();
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("form[name=search]")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") release();
  });
})();
