// `req`: the request object handlers see. Router-owned fields (url, baseUrl, params, route)
// are written by the dispatcher before each handler; the rest read the engine's request.

/** Parses a query string as Node's `querystring.parse` (Express 5's "simple" parser). */
export function parseQuerySimple(qs) {
  const out = Object.create(null);
  if (!qs) return out;
  for (const part of qs.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const rawK = eq === -1 ? part : part.slice(0, eq);
    const rawV = eq === -1 ? "" : part.slice(eq + 1);
    const k = decode(rawK);
    const v = decode(rawV);
    if (k in out) out[k] = Array.isArray(out[k]) ? [...out[k], v] : [out[k], v];
    else out[k] = v;
  }
  return out;
}

function decode(s) {
  s = s.replace(/\+/g, " ");
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const CTX = Symbol("exchange");

function headerObject(ctx) {
  if (ctx.headers) return ctx.headers;
  const pairs = ctx.ex.reqHeaders();
  const headers = Object.create(null);
  const raw = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const name = pairs[i].toLowerCase();
    raw.push(pairs[i], pairs[i + 1]);
    headers[name] = name in headers ? `${headers[name]}, ${pairs[i + 1]}` : pairs[i + 1];
  }
  ctx.headers = headers;
  ctx.rawHeaders = raw;
  ctx.headerPairs = pairs;
  return headers;
}

/** Full media type for a short name (`json`) or the type itself. */
function fullType(wasm, t) {
  return t.includes("/") ? t.toLowerCase() : (wasm.contentType(t) || "").split(";")[0];
}

/**
 * What every `req` inherits, as Express's `app.request` prototype: defined once, so a request
 * costs one small object, not a closure per property.
 */
const requestProto = {
  get headers() { return headerObject(this[CTX]); },
  get rawHeaders() { headerObject(this[CTX]); return this[CTX].rawHeaders; },
  get(name) {
    if (!name) throw new TypeError("name argument is required to req.get");
    if (typeof name !== "string") throw new TypeError("name must be a string to req.get");
    return this[CTX].ex.reqHeader(name) ?? undefined;
  },
  header(name) {
    return this.get(name);
  },
  is(...types) {
    types = types.flat();
    const headers = this.headers;
    const ct = headers["content-type"];
    const hasBody = ("content-length" in headers && headers["content-length"] !== "0") || "transfer-encoding" in headers;
    if (!hasBody) return null;
    if (!ct) return false;
    const media = ct.split(";")[0].trim().toLowerCase();
    if (types.length === 0) return media;
    const wasm = this[CTX].program.wasm;
    for (const t of types) {
      if (t.startsWith("+")) {
        if (media.endsWith(t)) return t;
        continue;
      }
      const [pt, ps] = fullType(wasm, t).split("/");
      const [mt, ms] = media.split("/");
      if ((pt === "*" || pt === mt) && (ps === "*" || ps === ms)) return t;
      if (ps?.startsWith("*+") && pt === mt && ms?.endsWith("+" + ps.slice(2))) return t;
    }
    return false;
  },
  accepts(...types) {
    types = types.flat();
    const accept = this.headers["accept"] || "*/*";
    const ranges = accept.split(",").map((r, i) => {
      const [type, ...params] = r.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, i };
    }).filter((r) => r.q > 0);
    if (types.length === 0) return ranges.sort((a, b) => b.q - a.q || a.i - b.i).map((r) => r.type);
    const wasm = this[CTX].program.wasm;
    let best = false;
    let bestQ = 0;
    for (const t of types) {
      const [ft, fs] = fullType(wasm, t).split("/");
      for (const r of ranges) {
        const [rt, rs] = r.type.split("/");
        if ((rt === "*" || rt === ft) && (rs === "*" || rs === fs) && r.q > bestQ) {
          best = t;
          bestQ = r.q;
        }
      }
    }
    return best;
  },
  get path() {
    const i = this.url.indexOf("?");
    return i === -1 ? this.url : this.url.slice(0, i);
  },
  get query() {
    const app = this.app;
    const parser = app.get("query parser fn") ?? app.get("query parser");
    const i = this.url.indexOf("?");
    const qs = i === -1 ? "" : this.url.slice(i + 1);
    if (typeof parser === "function") return parser(qs);
    if (parser === false) return {};
    return parseQuerySimple(qs);
  },
  get hostname() {
    const host = this.headers["host"];
    if (!host) return undefined;
    const offset = host[0] === "[" ? host.indexOf("]") + 1 : 0;
    const i = host.indexOf(":", offset);
    return i !== -1 ? host.substring(0, i) : host;
  },
  get host() { return this.headers["host"]; },
  get protocol() { return "http"; },
  get secure() { return false; },
  get ip() { return "::1"; },
  get ips() { return []; },
  get subdomains() { return []; },
  get xhr() { return (this.headers["x-requested-with"] || "").toLowerCase() === "xmlhttprequest"; },
  get fresh() {
    const ctx = this[CTX];
    const m = this.method;
    const s = ctx.ex.status;
    if (m !== "GET" && m !== "HEAD") return false;
    if ((s >= 200 && s < 300) || s === 304) {
      headerObject(ctx);
      return ctx.program.wasm.isFresh(ctx.headerPairs, ctx.ex.getHeader("etag") ?? "", ctx.ex.getHeader("last-modified") ?? "");
    }
    return false;
  },
  get stale() { return !this.fresh; },
  __readBody(types, limit) {
    return this[CTX].ex.readBody(types, limit);
  },
};

export function createRequest(ctx) {
  const req = Object.create(requestProto);
  req[CTX] = ctx;
  req.method = ctx.method;
  req.httpVersion = "1.1";
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.originalUrl = ctx.url;
  req.url = ctx.url;
  req.baseUrl = "";
  req.params = {};
  req.body = undefined;
  req.app = ctx.app;
  return req;
}
