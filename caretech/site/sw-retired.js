/* Care Tech Guide: the retired service worker (the kill switch).
   Published as sw.js when mkdocs.yml sets `extra: keep_on_phone: false`. Phones that saved
   the guide fetch it on their next visit online; it deletes everything the old worker kept,
   removes itself, and reloads open pages so they come straight from the network again.
   See docs/maintainers/phone-offline/index.md. */
const PATH = new URL(self.registration.scope).pathname;
// The kept copies, and the marker "Remove the saved copy" leaves (an empty cache).
const OURS = ["ctg:" + PATH, "ctg-removed:" + PATH];

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (OURS.some((prefix) => name.startsWith(prefix))) await caches.delete(name);
    }
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url);
  })());
});
