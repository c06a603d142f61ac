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

export function createRequest(ctx) {
  const { ex } = ctx;
  const headerPairs = ex.reqHeaders();
  const headers = Object.create(null);
  const rawHeaders = [];
  for (let i = 0; i < headerPairs.length; i += 2) {
    const name = headerPairs[i].toLowerCase();
    rawHeaders.push(headerPairs[i], headerPairs[i + 1]);
    headers[name] = name in headers ? `${headers[name]}, ${headerPairs[i + 1]}` : headerPairs[i + 1];
  }
  const req = {
    method: ctx.method ?? undefined,
    headers,
    rawHeaders,
    httpVersion: "1.1",
    httpVersionMajor: 1,
    httpVersionMinor: 1,
    originalUrl: ex.originalUrl(),
    url: ex.originalUrl(),
    baseUrl: "",
    params: {},
    body: undefined,
    app: ctx.app,
    get(name) {
      if (!name) throw new TypeError("name argument is required to req.get");
      if (typeof name !== "string") throw new TypeError("name must be a string to req.get");
      return ex.reqHeader(name) ?? undefined;
    },
    header(name) {
      return this.get(name);
    },
    is(...types) {
      types = types.flat();
      const ct = headers["content-type"];
      if (!ct || !(("content-length" in headers && headers["content-length"] !== "0") || "transfer-encoding" in headers)) return types.length ? null : false;
      const media = ct.split(";")[0].trim().toLowerCase();
      if (types.length === 0) return media;
      for (const t of types) {
        const full = t.includes("/") ? t.toLowerCase() : (ctx.program.wasm.contentType(t) || "").split(";")[0];
        if (full === media) return t;
        const [pt, ps] = full.split("/");
        const [mt, ms] = media.split("/");
        if ((pt === "*" || pt === mt) && (ps === "*" || ps === ms)) return t;
        if (ps?.startsWith("*+") && ms?.endsWith("+" + ps.slice(2)) && pt === mt) return t;
        if (t.startsWith("+") && ms?.endsWith(t)) return t;
      }
      return false;
    },
    accepts(...types) {
      types = types.flat();
      const accept = headers["accept"] || "*/*";
      const ranges = accept.split(",").map((r) => {
        const [type, ...params] = r.trim().split(";");
        const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
        return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
      }).filter((r) => r.q > 0);
      if (types.length === 0) return ranges.sort((a, b) => b.q - a.q).map((r) => r.type);
      let best = false;
      let bestQ = 0;
      for (const t of types) {
        const full = t.includes("/") ? t : (ctx.program.wasm.contentType(t) || "").split(";")[0];
        const [ft, fs] = full.split("/");
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
  };
  Object.defineProperties(req, {
    __readBody: { value: (types, limit) => ex.readBody(types, limit) },
    path: { get() { return this.url.split("?")[0]; }, enumerable: true },
    query: {
      get() {
        const parser = ctx.app.get("query parser fn") ?? ctx.app.get("query parser");
        const i = this.url.indexOf("?");
        const qs = i === -1 ? "" : this.url.slice(i + 1);
        if (typeof parser === "function") return parser(qs);
        if (parser === false) return {};
        return parseQuerySimple(qs);
      },
      enumerable: true,
    },
    hostname: {
      get() {
        const host = headers["host"];
        if (!host) return undefined;
        const offset = host[0] === "[" ? host.indexOf("]") + 1 : 0;
        const i = host.indexOf(":", offset);
        return i !== -1 ? host.substring(0, i) : host;
      },
      enumerable: true,
    },
    host: { get() { return headers["host"]; }, enumerable: true },
    protocol: { get() { return "http"; }, enumerable: true },
    secure: { get() { return false; }, enumerable: true },
    ip: { get() { return "::1"; }, enumerable: true },
    ips: { get() { return []; }, enumerable: true },
    subdomains: { get() { return []; }, enumerable: true },
    xhr: { get() { return (headers["x-requested-with"] || "").toLowerCase() === "xmlhttprequest"; }, enumerable: true },
    fresh: {
      get() {
        const m = this.method;
        const s = ctx.ex.status;
        if (m !== "GET" && m !== "HEAD") return false;
        if ((s >= 200 && s < 300) || s === 304) return ctx.program.wasm.isFresh(headerPairs, ctx.ex.getHeader("etag") ?? "", ctx.ex.getHeader("last-modified") ?? "");
        return false;
      },
      enumerable: true,
    },
    stale: { get() { return !this.fresh; }, enumerable: true },
  });
  return req;
}
