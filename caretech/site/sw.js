/* Care Tech Guide service worker: keeps the guide working on a phone with no signal.
   The build (caretech/site/offline_cache.py) copies this file to the site root as sw.js,
   so it controls every page under the site's address, and fills in VERSION: a hash of
   offline-manifest.json, the list of every file with its content hash and size.

   - Pages and other files: network first, so a reader online sees the current page; the
     kept copy if the network fails or takes more than WAIT ms (Wi-Fi connected but not
     working). Every file opened is kept. The network is asked to check with the server
     ("no-cache"), so the browser's own cache never shows an old page after an update.
   - When the kept copy was shown and the network then brings a different page, the page is
     told ({ newer: true }): keep-on-phone.js offers to show the newer version.
   - Files with a content hash in their name (Material's): kept copy first.
   - Only this site's own files, and only good answers (200 OK, not redirected), are kept.
   - "Keep this guide on this phone" posts "save": every file in the manifest is kept,
     reusing kept copies whose content hash still matches. The saved manifest marks a whole
     saved guide: then an address with no kept copy is not in the guide at all, so it gets
     the "page not found" page; otherwise the "No signal" page.
   - An address with no final slash ("/some/page") is sent to "/some/page/" when that is kept.
   - A new version keeps the unchanged files (by content hash), fetches changed ones if the
     whole guide was saved, and deletes the old version's cache.
   - "Remove the saved copy" (keep-on-phone-controls.js) deletes the caches and unregisters
     this worker, so nothing more is kept until the reader saves again.
   Comment lines are stripped at build, to keep the first visit small. */
const VERSION = "__VERSION__";
const SCOPE = self.registration.scope;
const PREFIX = "ctg:" + new URL(SCOPE).pathname;
const CACHE = PREFIX + VERSION;
const MANIFEST = SCOPE + "offline-manifest.json";
const OFFLINE = SCOPE + "offline/";
const NOT_FOUND = SCOPE + "offline-not-found/";
// An empty cache left by "Remove the saved copy": keep nothing while it is there.
const REMOVED = "ctg-removed:" + new URL(SCOPE).pathname;
const HASHED = /\.[0-9a-f]{8,}(\.min)?\.(js|css)$/;
// Long enough for a working connection to answer, short enough that a saved page shows
// within 2 seconds on Wi-Fi that is connected but not working.
const WAIT = 1000;

const good = (response) => response.ok && response.type === "basic" && !response.redirected;
const keep = async (key, response) => {
  if (!(await caches.has(REMOVED))) await (await caches.open(CACHE)).put(key, response);
};
// One key per file: an address ending in "/" is its index.html; no query string.
const keyFor = (address) => {
  const url = new URL(address);
  return url.origin + url.pathname + (url.pathname.endsWith("/") ? "index.html" : "");
};
// A page's address: a folder ("/a/b/" is kept as "/a/b/index.html") or an .html file.
const isPage = (key) => /\.html$|\/[^/.]+$/.test(key);

async function hashOf(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("").slice(0, 32);
}

// Put every file of `manifest` in this version's cache: a kept copy with the same content
// hash, or else (if `download`) a fresh copy. `progress(bytesDone, bytesTotal)`.
async function fill(manifest, download, progress) {
  const cache = await caches.open(CACHE);
  const files = manifest.files.slice();
  let done = 0;
  const next = async () => {
    for (let file; (file = files.shift()); ) {
      const [path, hash, size] = file;
      const key = SCOPE + path;
      let response = await caches.match(key);
      if (!response || (await hashOf(response.clone())) !== hash) {
        if (!download) continue;
        response = await fetch(key, { cache: "no-cache" });
        if (!good(response)) throw new Error(key + ": " + response.status);
      }
      await cache.put(key, response);
      progress((done += size), manifest.bytes);
    }
  };
  await Promise.all([next(), next(), next(), next()]);
  if (download) await cache.put(MANIFEST, new Response(JSON.stringify(manifest)));
}

async function manifestNow() {
  const response = await fetch(MANIFEST, { cache: "no-cache" });
  const manifest = await response.json();
  if (manifest.version !== VERSION) throw new Error("the site changed while saving");
  return manifest;
}

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil((async () => {
    const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
    if (!old.length) return;  // a first visit: fetch nothing more
    const wasSaved = await caches.match(MANIFEST);
    await fill(await manifestNow(), Boolean(wasSaved), () => {});
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data !== "save") return;
  const tell = (message) => event.source && event.source.postMessage(message);
  event.waitUntil(manifestNow()
    .then((manifest) => fill(manifest, true, (done, total) => tell({ done, total })))
    .then(() => tell({ saved: true }), (error) => tell({ error: String(error) })));
});

// No kept copy and no network: for a page, "page not found" if the whole guide is saved
// (so the guide has no such page), else "No signal". Served at the address asked for:
// <base> keeps the page's own links working.
async function missing(request, key) {
  if (request.mode !== "navigate" || !isPage(key)) return Response.error();
  const saved = Boolean(await caches.match(MANIFEST));
  const base = saved ? NOT_FOUND : OFFLINE;
  const page = await caches.match(base + "index.html");
  if (!page) return Response.error();
  const html = (await page.text()).replace("<head>", '<head><base href="' + base + '">');
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function fromNetwork(request, key) {
  return fetch(request, { cache: "no-cache" })
    .then((response) => (good(response) ? keep(key, response.clone()).then(() => response) : response));
}

// The network's answer, or the kept copy if the network fails or is slower than WAIT
// (whichever comes first: a promise settles once).
function networkOrKept(network, kept) {
  return new Promise((resolve) => {
    const useKept = () => resolve({ response: kept, fromKept: true });
    setTimeout(useKept, WAIT);
    network.then((response) => resolve({ response, fromKept: false }), useKept);
  });
}

// The kept copy was shown; if the network then brings a different page, tell that page.
async function tellIfNewer(clientId, kept, network) {
  const fresh = await network.catch(() => null);
  if (!fresh || !good(fresh) || (await fresh.text()) === (await kept.text())) return;
  // The page is open by now: it has shown the kept copy, at least WAIT ms ago.
  const client = await self.clients.get(clientId);
  if (client) client.postMessage({ newer: true });
}

async function answer(event, key) {
  const request = event.request;
  if (request.mode === "navigate" && /\/[^/.]+$/.test(key) && (await caches.match(key + "/index.html"))) {
    const url = new URL(request.url);
    url.pathname += "/";
    return Response.redirect(url.href, 301);
  }
  const kept = await caches.match(key);
  const network = fromNetwork(request, key);
  event.waitUntil(network.catch(() => {}));
  if (!kept) return network.catch(() => missing(request, key));
  const keptCopy = request.mode === "navigate" ? kept.clone() : null;
  const first = await networkOrKept(network, kept);
  if (first.fromKept && keptCopy) event.waitUntil(tellIfNewer(event.resultingClientId, keptCopy, network));
  return first.response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const key = keyFor(request.url);
  if (HASHED.test(key)) {
    event.respondWith(caches.match(key).then((kept) => kept || fromNetwork(request, key)));
    return;
  }
  // From a reader's second page on: keep the offline page (and the script that lists the
  // saved pages on it), for addresses never saved.
  if (request.mode === "navigate") {
    for (const key of [OFFLINE + "index.html", SCOPE + "assets/javascripts/keep-on-phone-controls.js"]) {
      event.waitUntil(caches.match(key).then((kept) => kept || fromNetwork(key, key)).catch(() => {}));
    }
  }
  event.respondWith(answer(event, key));
});
