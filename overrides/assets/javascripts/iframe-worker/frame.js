/*! iframe-worker 1.0.4 (npm): the script shim.js used to write inline into its hidden frame, as a file, so the
   site's Content-Security-Policy needs no inline script (Care Tech Guide). MIT licence, (c) 2020-2022 Martin
   Donath: see LICENSE beside this file. It gives the frame a worker's postMessage and importScripts, and passes
   errors to the page; shim.js names the worker's address in this script's data-worker attribute. */
"use strict";
(function () {
  var worker = document.currentScript.getAttribute("data-worker");
  window.postMessage = function (message, origin) { parent.postMessage(message, origin || "*"); };
  window.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error: event.error }));
  });
})();
