/**
 * The exact header list a scenario request goes out with.
 *
 * Both sides must receive byte-for-byte the same request, otherwise a
 * difference in the response could come from the client instead of the
 * server. Real Express is driven with Node's `http.request()`, which adds
 * headers of its own, so this module spells out the final list up front
 * and the real side sends it with the raw array form (Node then adds
 * nothing, because every header it would add is already present):
 *
 *   - no `headers` in the scenario → what `curl` sends:
 *       Host: localhost:3000, User-Agent: curl/8.7.1, Accept: *\/*
 *     plus, when there is a body, Content-Type (if the scenario gave
 *     `type`, default application/x-www-form-urlencoded like `curl -d`)
 *     and Content-Length.
 *   - a scenario with `headers` gets exactly those (plus Content-Type
 *     only when it gave `type`, and Content-Length for a body when
 *     missing). `curl(...)` below builds "curl's headers but with these".
 *   - Node's client always adds `Connection: keep-alive` (its default
 *     agent keeps sockets alive); we append it when absent.
 *   - Node's client sends `Transfer-Encoding: chunked` for a body-less
 *     POST/PUT/PATCH (any method other than GET, HEAD, DELETE, OPTIONS,
 *     TRACE, CONNECT); we send `Content-Length: 0` instead, which is also
 *     what a browser's fetch() sends for a POST without a body.
 */

export const CURL_HEADERS = [
  ["Host", "localhost:3000"],
  ["User-Agent", "curl/8.7.1"],
  ["Accept", "*/*"],
];

const NO_DEFAULT_BODY = new Set(["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"]);

const has = (headers, name) => headers.some(([n]) => n.toLowerCase() === name);

/**
 * curl's default headers with some replaced or added:
 * `curl(["Accept", "text/html"], ["Cookie", "a=1"])`. A pair named like one
 * of curl's own headers (any case) replaces it, a null value drops it;
 * every other pair is appended, so repeating a name sends it twice.
 */
export function curl(...pairs) {
  const out = CURL_HEADERS.map(([n, v]) => [n, v]);
  const defaults = new Set(CURL_HEADERS.map(([n]) => n.toLowerCase()));
  for (const [n, v] of pairs) {
    const lower = n.toLowerCase();
    const i = defaults.has(lower) ? out.findIndex(([m]) => m.toLowerCase() === lower) : -1;
    if (defaults.has(lower)) defaults.delete(lower);
    if (v === null) { if (i >= 0) out.splice(i, 1); }
    else if (i >= 0) out[i] = [n, v];
    else out.push([n, v]);
  }
  return out;
}

/**
 * @param {{method?: string, url: string, headers?: [string,string][], body?: string|Uint8Array, type?: string}} r
 *   `body` is text (sent as UTF-8) or bytes (a Buffer, e.g. `gzip(...)` from the kit).
 * @returns {{method: string, url: string, headers: [string,string][], body: string|Uint8Array|undefined}}
 */
export function effectiveRequest(r) {
  const method = (r.method ?? "GET").toUpperCase();
  const headers = (r.headers ?? CURL_HEADERS).map(([n, v]) => [n, String(v)]);
  const body = r.body;
  if (body !== undefined) {
    const type = r.type !== undefined ? r.type : r.headers ? null : "application/x-www-form-urlencoded";
    if (type !== null && !has(headers, "content-type")) headers.push(["Content-Type", type]);
    if (!has(headers, "content-length") && !has(headers, "transfer-encoding")) {
      headers.push(["Content-Length", String(Buffer.byteLength(body))]);
    }
  } else if (!NO_DEFAULT_BODY.has(method) && !has(headers, "content-length") && !has(headers, "transfer-encoding")) {
    headers.push(["Content-Length", "0"]);
  }
  if (!has(headers, "connection")) headers.push(["Connection", "keep-alive"]);
  return { method, url: r.url, headers, body };
}
