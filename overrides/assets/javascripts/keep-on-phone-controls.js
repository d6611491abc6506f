/* Keep the guide on this phone: the controls, loaded by keep-on-phone.js only on the pages
   that have them.
   - The "Use it offline" page ([data-ctg-keep], partials/keep-on-phone.html): the save
     button, a progress bar, and a status line (role="status") that announces the start, each
     quarter and the end, not every percent. The worker does the saving. Below them, once the
     guide is saved, "Remove the saved copy", which asks first; removing deletes every copy,
     unregisters the worker and leaves a marker (an empty cache) so that no page registers it
     again until the reader saves again.
   - The offline page ([data-ctg-saved], docs/offline.md): lists the pages saved here, by
     title (not the maintainers' pages).
   - Pages with download links (a[download]): checks a download before the browser follows
     it. A file that is not kept and cannot be fetched gets a note beside its link, not a
     silent failed download.
   Not listed in mkdocs.yml: every other page would pay for it on a first visit. */
(function () {
  "use strict";
  var shared = window.ctgKeepOnPhone;
  var container = navigator.serviceWorker;
  if (!shared || !container) return;
  var root = shared.root;
  var ourCaches = shared.ourCaches;
  var removeCopies = shared.removeCopies;
  var register = shared.register;
  var saved = root + "offline-manifest.json";  // kept by the worker once the whole guide is saved

  function keepControl(box) {
    var controls = box.querySelector("[data-ctg-keep-controls]");
    if (!controls) return;
    var save = box.querySelector("[data-ctg-keep-save]");
    var removeBox = box.querySelector("[data-ctg-keep-remove-box]");
    var remove = box.querySelector("[data-ctg-keep-remove]");
    var confirmBox = box.querySelector("[data-ctg-keep-confirm]");
    var progress = box.querySelector("[data-ctg-keep-progress]");
    var bar = progress.querySelector("progress");
    var amount = box.querySelector("[data-ctg-keep-amount]");
    var status = box.querySelector("[data-ctg-keep-status]");
    var busy = false;
    var quarter = 0;

    function say(text, focus) {
      status.textContent = text;
      if (focus) status.focus();
    }
    function showSaved(isSaved) {
      removeBox.hidden = !isSaved;
      remove.hidden = false;
      confirmBox.hidden = true;
    }
    function megabytes(bytes) {
      return (bytes / 1e6).toFixed(1) + " MB";
    }
    function finish(text, isSaved) {
      busy = false;
      progress.hidden = true;
      showSaved(isSaved);
      say(text, true);
    }

    box.querySelector("[data-ctg-keep-needs]").hidden = true;
    controls.hidden = false;
    caches.match(saved).then(function (found) {
      showSaved(Boolean(found));
      if (found) say("The whole guide is saved on this phone. It works with no signal.");
    });

    save.addEventListener("click", function () {
      if (busy) return;
      busy = true;
      quarter = 0;
      bar.value = 0;
      amount.textContent = "";
      progress.hidden = false;
      say("Saving the guide. Keep this page open.");
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
      register().then(function () { return container.ready; }).then(function (registration) {
        registration.active.postMessage("save");
      }).catch(function () { finish("Saving stopped. Check your signal, then try again.", false); });
    });

    container.addEventListener("message", function (event) {
      var message = event.data || {};
      if (!busy) return;
      if (message.total) {
        var percent = Math.floor((100 * message.done) / message.total);
        bar.value = percent;
        amount.textContent = megabytes(message.done) + " of " + megabytes(message.total);
        if (Math.floor(percent / 25) > quarter && percent < 100) {
          quarter = Math.floor(percent / 25);
          say("Saving: " + quarter * 25 + "% done.");
        }
      } else if (message.saved) {
        finish("Done. The whole guide is saved on this phone. It works with no signal.", true);
      } else if (message.error) {
        finish("Saving stopped. Check your signal, then try again.", false);
      }
    });
    container.startMessages();

    remove.addEventListener("click", function () {
      remove.hidden = true;
      confirmBox.hidden = false;
      box.querySelector("#ctg-keep-confirm-question").focus();
    });
    box.querySelector("[data-ctg-keep-cancel]").addEventListener("click", function () {
      showSaved(true);
      remove.focus();
    });
    box.querySelector("[data-ctg-keep-confirm-yes]").addEventListener("click", function () {
      // The marker first: the worker keeps nothing more once it is there.
      caches.open(shared.removedMarker).then(function () {
        return container.getRegistration(root);
      }).then(function (registration) {
        return registration && registration.unregister();
      }).then(removeCopies).then(function () {
        finish("The saved copy is removed from this phone. Nothing more is kept until you save the guide again.", false);
      });
    });
  }

  function listSaved(list) {
    var decode = document.createElement("textarea");
    ourCaches().then(function (names) {
      return Promise.all(names.map(function (name) {
        return caches.open(name).then(function (cache) { return cache.keys(); });
      }));
    }).then(function (lists) {
      var pages = {};
      lists.forEach(function (requests) {
        requests.forEach(function (request) {
          var url = request.url;
          var path = url.slice(root.length);
          if (/(^|\/)index\.html$/.test(path) && !/^(offline|offline-not-found|maintainers)\//.test(path)) pages[url] = true;
        });
      });
      return Promise.all(Object.keys(pages).sort().map(function (url) {
        return caches.match(url).then(function (response) { return response.text(); }).then(function (html) {
          var title = /<title>([^<]*)<\/title>/.exec(html);
          decode.innerHTML = title ? title[1] : url;
          return { url: url.replace(/index\.html$/, ""), title: decode.value };
        });
      }));
    }).then(function (pages) {
      pages.sort(function (a, b) { return a.title.localeCompare(b.title); });
      pages.forEach(function (page) {
        var item = document.createElement("li");
        var anchor = document.createElement("a");
        anchor.href = page.url;
        anchor.textContent = page.title;
        item.appendChild(anchor);
        list.appendChild(item);
      });
      list.hidden = pages.length === 0;
    });
  }

  // A download link: go ahead if the file is kept or the server answers; else say so.
  function cannotDownload(anchor) {
    var note = anchor.nextElementSibling;
    if (!note || note.className !== "ctg-download-problem") {
      note = document.createElement("span");
      note.className = "ctg-download-problem";
      note.setAttribute("role", "alert");
      anchor.parentNode.insertBefore(note, anchor.nextSibling);
    }
    note.textContent = "This file is not saved on this phone, and the internet is not working. " +
      "Try again when you have a signal.";
    // The templates are part of the saved guide (the offline zip, for computers, is not).
    if (anchor.href.indexOf(root + "downloads/templates/") !== 0) return;
    note.appendChild(document.createTextNode(" To have every template with no signal, "));
    var help = document.createElement("a");
    help.textContent = "save the whole guide on this phone";
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

  var box = document.querySelector("[data-ctg-keep]");
  if (box) keepControl(box);
  var list = document.querySelector("[data-ctg-saved]");
  if (list) listSaved(list);
})();
