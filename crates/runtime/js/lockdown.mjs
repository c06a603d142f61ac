// Closes the doors a Web Worker opens onto the page's origin, before any learner code runs.
//
// A dedicated worker shares the page's origin: without this, learner code could read and
// write the site's IndexedDB, Cache Storage and origin-private file system, send the page's
// cookies with fetch/XHR/WebSocket/EventSource, talk to the site's other tabs over
// BroadcastChannel or Web Locks, start workers of its own, or post fake protocol messages to
// the page. Each door below is a property of the worker's global object (or of its
// navigator); deleting it from the object and its prototype chain leaves nothing in the
// worker's realm to reach it by, since a worker has no other realm (no iframes) to borrow a
// fresh copy from, and `Worker`/`SharedWorker` are among the doors.
//
// `fetch` stays, because learner code may call other sites, but always without credentials:
// see `credentialless`.

/** Globals deleted outright: storage, credentialed network, other contexts, page messaging. */
export const CLOSED_GLOBALS = [
  // Storage shared with the page.
  "indexedDB", "caches", "localStorage", "sessionStorage", "cookieStore",
  "webkitRequestFileSystem", "webkitRequestFileSystemSync", "webkitResolveLocalFileSystemURL",
  "webkitResolveLocalFileSystemSyncURL", "requestFileSystem", "requestFileSystemSync",
  // Network APIs that send the origin's cookies and cannot be told not to.
  "XMLHttpRequest", "WebSocket", "WebSocketStream", "EventSource", "WebTransport", "importScripts",
  // Other contexts of the origin.
  "Worker", "SharedWorker", "BroadcastChannel", "ServiceWorker", "ServiceWorkerContainer",
  // Permission-gated, but a site that holds the permission would lend it to learner code.
  "Notification",
  // The worker's own line to the page (the runtime keeps a private copy) and its off switch.
  "postMessage", "onmessage", "onmessageerror", "close",
];

/** Navigator members deleted: storage, locks, service workers and devices. */
export const CLOSED_NAVIGATOR = [
  "storage", "locks", "serviceWorker", "permissions", "usb", "hid", "serial", "bluetooth",
  "gpu", "mediaCapabilities", "storageBuckets", "ml",
];

/**
 * Deletes `name` wherever it lives on `object`'s prototype chain (up to, not including,
 * Object.prototype). Returns false when some copy could not be deleted (non-configurable).
 */
function deleteEverywhere(object, name) {
  let ok = true;
  for (let o = object; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    if (Object.prototype.hasOwnProperty.call(o, name) && !Reflect.deleteProperty(o, name)) ok = false;
  }
  return ok && !(name in object);
}

/**
 * `fetch` that never sends the origin's credentials (cookies, HTTP auth), whatever the
 * caller asks for; everything else about the request is the caller's.
 */
export function credentialless(fetch) {
  return function fetchWithoutCredentials(input, init) {
    return fetch(new Request(input, { ...init, credentials: "omit" }));
  };
}

/**
 * Locks down `scope` (the worker's global). Returns `{ postMessage, addEventListener,
 * fetch, open }`: the runtime's private copies taken before the doors closed, and the
 * names that could not be closed (expected empty; the worker reports any).
 */
export function lockdown(scope) {
  const kept = {
    postMessage: scope.postMessage.bind(scope),
    addEventListener: scope.addEventListener.bind(scope),
    fetch: scope.fetch.bind(scope),
  };
  const open = [];
  for (const name of CLOSED_GLOBALS) if (!deleteEverywhere(scope, name)) open.push(name);
  const navigator = scope.navigator;
  if (navigator) {
    for (const name of CLOSED_NAVIGATOR) if (!deleteEverywhere(navigator, name)) open.push(`navigator.${name}`);
  }
  const fetch = credentialless(kept.fetch);
  if (!deleteEverywhere(scope, "fetch")) open.push("fetch");
  Object.defineProperty(scope, "fetch", { value: fetch, writable: true, configurable: true, enumerable: true });
  return { ...kept, fetch, open };
}
