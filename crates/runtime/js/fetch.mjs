// `fetch` for learner code. `http://localhost:<port>/...` is answered by the learner's own
// server through the playground's network, as Node's fetch would reach `node server.js` on the
// same machine, with the headers Node's fetch (undici) sends and its errors when nothing
// listens. Any other address goes to the platform's fetch, never with the page's credentials.

import { asNodeError } from "./stack.mjs";
import { ioTurn } from "./scheduler.mjs";

/** Host names that reach this machine. */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "0.0.0.0"]);
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
/** Methods fetch upper-cases; any other is sent as written. */
const NORMALIZED_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
/** Headers undici adds when the request has none of that name, in its order. */
const DEFAULT_HEADERS = [["accept", "*/*"], ["accept-language", "*"], ["sec-fetch-mode", "cors"], ["user-agent", "node"], ["accept-encoding", "gzip, deflate"]];
/** Dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = new Set(["content-encoding", "content-language", "content-location", "content-type"]);
/** undici's headersTimeout: how long a request may wait for its answer. */
const HEADERS_TIMEOUT_MS = 300_000;
const UNDICI_FRAMES = ["node:internal/deps/undici/undici:14976:13", "process.processTicksAndRejections (node:internal/process/task_queues:95:5)"];
const UNDICI_ARROW = "node:internal/deps/undici/undici:14976\n      Error.captureStackTrace(err);\n            ^\n";

/** Node's `TypeError: fetch failed` (or another message) over `cause`. */
function fetchError(message, cause) {
  return asNodeError(new TypeError(message, { cause }), { frames: UNDICI_FRAMES, learner: true, arrow: UNDICI_ARROW });
}

/** The `cause` of a fetch to a port nobody listens on, as Node's net module reports it. */
function connectionRefused(hostname, port) {
  const address = hostname === "localhost" ? "127.0.0.1" : hostname.replace(/^\[(.*)\]$/, "$1");
  const e = Object.assign(new Error(`connect ECONNREFUSED ${address}:${port}`), { errno: -111, code: "ECONNREFUSED", syscall: "connect", address, port });
  return asNodeError(e, { frames: ["TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)"] });
}

/** Headers as `[name, value]` pairs, names as the learner wrote them. */
function headerPairs(headers) {
  if (headers === undefined || headers === null) return [];
  if (typeof headers[Symbol.iterator] === "function") return [...headers].map(([n, v]) => [String(n), String(v)]);
  return Object.entries(headers).map(([n, v]) => [n, String(v)]);
}

/** A `Response` as Node's fetch resolves with it, from the playground's answer. */
function toResponse(answer, url, redirected, method) {
  // A Headers object of its own: the Response constructor's would drop Set-Cookie in a browser.
  const headers = new Headers();
  for (const [name, value] of answer.rawHeaders) headers.append(name, value);
  const body = method === "HEAD" || NULL_BODY_STATUS.has(answer.status) ? null : answer.bodyBytes;
  let response;
  try {
    response = new Response(body, { status: answer.status, statusText: answer.statusText });
  } catch {
    // A status the constructor refuses (below 200): keep the body, say the real status.
    response = new Response(body);
    Object.defineProperties(response, { status: { value: answer.status }, ok: { value: false }, statusText: { value: answer.statusText } });
  }
  return Object.defineProperties(response, { headers: { value: headers }, url: { value: url }, redirected: { value: redirected }, type: { value: "basic" } });
}

/**
 * The learner's `fetch`. `request(options)` is the playground's, answered within the current
 * task (see Playground.answer); `platformFetch` is used for every other address.
 */
export function createFetch({ request, platformFetch }) {
  return async function fetch(input, init) {
    const req = input instanceof Request ? input : null;
    let url;
    try {
      url = new URL(req ? req.url : String(input));
    } catch {
      const cause = asNodeError(Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL", input: String(input) }), {
        frames: ["new URL (node:internal/url:806:29)", "new Request (node:internal/deps/undici/undici:9804:25)", "fetch (node:internal/deps/undici/undici:10533:25)", "fetch (node:internal/deps/undici/undici:14974:10)", "fetch (node:internal/bootstrap/web/exposed-window-or-worker:72:12)"],
        learner: true,
      });
      await undefined; // Node's error is made after its first `await`: the learner's frames are async ones.
      throw fetchError(`Failed to parse URL from ${input}`, cause);
    }
    if (url.protocol !== "http:" || !LOCAL_HOSTS.has(url.hostname)) {
      return platformFetch(input, { ...init, credentials: "omit" });
    }
    const signal = init?.signal ?? req?.signal;
    signal?.throwIfAborted();
    const redirect = init?.redirect ?? req?.redirect ?? "follow";
    let method = String(init?.method ?? req?.method ?? "GET");
    if (NORMALIZED_METHODS.has(method.toUpperCase())) method = method.toUpperCase();
    let headers = headerPairs(init && "headers" in init ? init.headers : req?.headers);
    let body = init?.body ?? null;
    if (body === null && req?.body) body = await req.arrayBuffer();
    if (body !== null && (method === "GET" || method === "HEAD")) throw new TypeError("Request with GET/HEAD method cannot have body.");
    let bytes = null;
    if (body !== null) {
      // The body rules of fetch itself: strings, URLSearchParams, Blobs, FormData, buffers.
      const extracted = new Response(body);
      const type = extracted.headers.get("content-type");
      if (type && !headers.some(([n]) => n.toLowerCase() === "content-type")) headers.push(["content-type", type]);
      bytes = new Uint8Array(await extracted.arrayBuffer());
    }
    for (let hops = 0; ; hops++) {
      const has = (name) => headers.some(([n]) => n.toLowerCase() === name);
      const wire = [["host", url.host], ["connection", method === "HEAD" ? "close" : "keep-alive"], ...headers, ...DEFAULT_HEADERS.filter(([n]) => !has(n))];
      if (bytes) wire.push(["content-length", String(bytes.length)]);
      else if (method === "POST" || method === "PUT" || method === "PATCH") wire.push(["content-length", "0"]);
      const port = Number(url.port || 80);
      // The request reaches the server as I/O does, in a task of its own: the handler runs
      // after the caller's own code, and its stack does not run through the caller's.
      const asked = ioTurn(() => request({ method, url: url.pathname + url.search, headers: wire, body: bytes ?? undefined, port, timeoutMs: HEADERS_TIMEOUT_MS }));
      const answer = await (signal ? Promise.race([asked, new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }))]) : asked);
      if (answer.error === "ECONNREFUSED") throw fetchError("fetch failed", connectionRefused(url.hostname, port));
      // The program ended (re-run, crash, exit) while waiting: like its process, it is gone, and
      // none of its code runs again, so the fetch never settles.
      if (answer.error === "EMPTY_REPLY") return new Promise(() => {});
      if (answer.error) throw fetchError("fetch failed", Object.assign(new Error("Headers Timeout Error"), { code: "UND_ERR_HEADERS_TIMEOUT" }));
      const location = answer.rawHeaders.find(([n]) => n.toLowerCase() === "location")?.[1];
      if (!REDIRECT_STATUS.has(answer.status) || redirect === "manual" || location === undefined) return toResponse(answer, url.href, hops > 0, method);
      if (redirect === "error") throw fetchError("fetch failed", new Error("unexpected redirect"));
      if (hops === 20) throw fetchError("fetch failed", new Error("redirect count exceeded"));
      if ((answer.status === 303 && method !== "HEAD") || ((answer.status === 301 || answer.status === 302) && method === "POST")) {
        method = "GET";
        bytes = null;
        headers = headers.filter(([n]) => !BODY_HEADERS.has(n.toLowerCase()));
      }
      url = new URL(location, url);
      if (url.protocol !== "http:" || !LOCAL_HOSTS.has(url.hostname)) {
        return platformFetch(url.href, { method, headers, body: bytes, redirect, signal, credentials: "omit" });
      }
    }
  };
}
