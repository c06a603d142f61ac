// `req`: the request object handlers see, as Express's `request.js` defines it over Node's
// `IncomingMessage`. Router-owned fields (url, baseUrl, params, route) are written by the
// dispatcher before each handler. Like Express, every getter reads `req.headers` (so a
// middleware that edits a header is seen downstream); the rules themselves — negotiation,
// type-is, range-parser, qs, forwarded, fresh — are the engine's.

import { chunks, ended, flow, flowing, pipe as pipeBody, read, readable, setEncoding as setReadEncoding, withEvents } from "./streams.mjs";

/** The client address every playground request comes from: `curl localhost` over IPv6. */
const REMOTE_ADDRESS = "::1";

const utf8 = new TextDecoder();

/** `querystring.unescape`: `decodeURIComponent`, else byte-wise `%XX` decoding as UTF-8. */
function unescape(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    const bytes = [];
    for (let i = 0; i < s.length; i++) {
      if (s[i] === "%" && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.push(s.charCodeAt(i) & 0xff);
      }
    }
    return utf8.decode(new Uint8Array(bytes));
  }
}

/** Node's `querystring.parse` (Express 5's "simple" query parser): up to 1000 pairs. */
export function parseQuerySimple(qs) {
  const out = Object.create(null);
  if (typeof qs !== "string" || qs.length === 0) return out;
  let keys = 0;
  for (const part of qs.split("&")) {
    if (!part) continue;
    if (++keys > 1000) break;
    const eq = part.indexOf("=");
    const rawK = (eq === -1 ? part : part.slice(0, eq)).replace(/\+/g, " ");
    const rawV = (eq === -1 ? "" : part.slice(eq + 1)).replace(/\+/g, " ");
    const k = rawK.includes("%") ? unescape(rawK) : rawK;
    const v = rawV.includes("%") ? unescape(rawV) : rawV;
    if (k in out) out[k] = Array.isArray(out[k]) ? [...out[k], v] : [out[k], v];
    else out[k] = v;
  }
  return out;
}

/** The extended query parser (`qs`), bound to the engine. */
export function extendedQueryParser(wasm) {
  return function parseExtendedQueryString(str) {
    return typeof str === "string" && str.length > 0 ? wasm.qsParse(str) : {};
  };
}

/** `parseurl(req)`: pathname and raw query (`null` without a `?`), as Express reads them. */
export function parseUrl(url) {
  let end = url.length;
  for (let i = 0; i < url.length; i++) {
    if (url[i] === "#") {
      end = i;
      break;
    }
  }
  const path = url.slice(0, end);
  const q = path.indexOf("?");
  const parsed = q === -1 ? { pathname: path, query: null } : { pathname: path.slice(0, q), query: path.slice(q + 1) };
  if (parsed.pathname[0] !== "/") parsed.pathname = absolutePath(parsed.pathname);
  return parsed;
}

/** `url.parse(target).pathname` of an absolute-form target (`http://host/path`): the path. */
function absolutePath(target) {
  const scheme = target.indexOf("://");
  if (scheme === -1) return target;
  const slash = target.indexOf("/", scheme + 3);
  return slash === -1 ? "/" : target.slice(slash);
}

const CTX = Symbol("exchange");

/** The context (`exchange.mjs`) of a request the playground is handling, else undefined. */
export function contextOf(req) {
  return req !== null && typeof req === "object" ? req[CTX] : undefined;
}

/** Accepts' "support flattened arguments": an array as first argument, or the arguments. */
function list(args) {
  if (args.length === 0 || !args[0]) return [];
  return Array.isArray(args[0]) ? args[0] : [...args];
}

const strings = (values) => values.map((v) => String(v));

/** `proxyaddr.all(req, trust)`: the socket address, then each trusted hop's client. */
function allAddrs(req, trust) {
  const xff = req.headers["x-forwarded-for"];
  const addrs = [REMOTE_ADDRESS, ...req[CTX].program.wasm.parseForwarded(typeof xff === "string" ? xff : "")];
  for (let i = 0; i < addrs.length - 1; i++) {
    if (trust(addrs[i], i)) continue;
    addrs.length = i + 1;
  }
  return addrs;
}

const header = (h) => (typeof h === "string" ? h : h === undefined ? undefined : String(h));

/**
 * type-is's `hasBody(req)` on `req.headers`. `isNaN(x)` is `Number.isNaN(Number(x))`; said
 * so, because V8 optimizes `isNaN` for numbers and throws the code away on the first
 * string, which left body-parser unoptimized for thousands of requests.
 */
export function hasBody(headers) {
  return headers["transfer-encoding"] !== undefined || !Number.isNaN(Number(headers["content-length"]));
}

/**
 * What every `req` inherits, as Express's `app.request` prototype: defined once, so a request
 * costs one small object, not a closure per property.
 */
const requestProto = {
  get headers() {
    const ctx = this[CTX];
    return ctx.headers === undefined ? (ctx.headers = ctx.headerObject()) : ctx.headers;
  },
  set headers(value) {
    this[CTX].headers = value;
  },
  get rawHeaders() {
    const ctx = this[CTX];
    return ctx.rawHeaders === undefined ? (ctx.rawHeaders = ctx.rawHeaderList()) : ctx.rawHeaders;
  },
  get socket() {
    return this[CTX].socket ??= { remoteAddress: REMOTE_ADDRESS, remoteFamily: "IPv6", remotePort: 52110, encrypted: undefined, readable: true, writable: true };
  },
  get connection() {
    return this.socket;
  },
  // Stream and message state, as Node's IncomingMessage shows it. The whole body is there
  // when the handlers run, so a message without one is complete at once.
  get complete() {
    return !hasBody(this.headers) || ended(this);
  },
  get readableEnded() {
    return ended(this);
  },
  get readable() {
    return !ended(this) && !this.destroyed;
  },
  get readableFlowing() {
    return flowing(this) ? true : null;
  },
  readableHighWaterMark: 16384,
  aborted: false,
  upgrade: false,
  statusCode: null,
  statusMessage: null,
  get trailers() {
    return {};
  },
  get rawTrailers() {
    return [];
  },
  /** Each header's values as sent, a list per lower-case name (Node 18.3+). */
  get headersDistinct() {
    const out = Object.create(null);
    const raw = this.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) (out[raw[i].toLowerCase()] ??= []).push(raw[i + 1]);
    return out;
  },
  get(name) {
    if (!name) throw new TypeError("name argument is required to req.get");
    if (typeof name !== "string") throw new TypeError("name must be a string to req.get");
    const lc = name.toLowerCase();
    switch (lc) {
      case "referer":
      case "referrer":
        return this.headers.referrer || this.headers.referer;
      default:
        return this.headers[lc];
    }
  },
  header(name) {
    return this.get(name);
  },
  accepts(...args) {
    const wasm = this[CTX].program.wasm;
    const types = list(args);
    if (types.length === 0) return wasm.acceptsAll(0, header(this.headers.accept));
    if (!this.headers.accept) return types[0];
    return wasm.acceptsType(header(this.headers.accept), strings(types)) ?? false;
  },
  acceptsEncodings(...args) {
    return negotiate(this, 3, "accept-encoding", args);
  },
  acceptsCharsets(...args) {
    return negotiate(this, 2, "accept-charset", args);
  },
  acceptsLanguages(...args) {
    return negotiate(this, 1, "accept-language", args);
  },
  range(size, options) {
    const range = this.get("Range");
    if (!range) return undefined;
    if (typeof range !== "string") throw new TypeError("argument str must be a string");
    return this[CTX].program.wasm.parseRange(Number(size), range, !!(options && options.combine));
  },
  get query() {
    const queryparse = this.app.get("query parser fn");
    if (!queryparse) return Object.create(null);
    return queryparse(parseUrl(this.url).query);
  },
  is(types, ...rest) {
    const arr = Array.isArray(types) ? types : [types, ...rest].slice(0, arguments.length);
    const h = this.headers;
    if (!hasBody(h)) return null;
    const value = header(h["content-type"]);
    if (!value) return false;
    const wanted = arr.filter((t) => typeof t === "string");
    if (wanted.length === 0 && arr.length > 0) return false;
    return this[CTX].program.wasm.typeIs(value, wanted) ?? false;
  },
  get protocol() {
    const proto = this.socket.encrypted ? "https" : "http";
    const trust = this.app.get("trust proxy fn");
    if (!trust(this.socket.remoteAddress, 0)) return proto;
    const value = this.get("X-Forwarded-Proto") || proto;
    const index = value.indexOf(",");
    return index !== -1 ? value.substring(0, index).trim() : value.trim();
  },
  get secure() {
    return this.protocol === "https";
  },
  get ip() {
    const addrs = allAddrs(this, this.app.get("trust proxy fn"));
    return addrs[addrs.length - 1];
  },
  get ips() {
    const addrs = allAddrs(this, this.app.get("trust proxy fn"));
    addrs.reverse().pop();
    return addrs;
  },
  get subdomains() {
    const hostname = this.hostname;
    if (!hostname) return [];
    const offset = this.app.get("subdomain offset");
    const subdomains = !this[CTX].program.wasm.isIP(hostname) ? hostname.split(".").reverse() : [hostname];
    return subdomains.slice(offset);
  },
  get path() {
    return parseUrl(this.url).pathname;
  },
  get host() {
    const trust = this.app.get("trust proxy fn");
    let val = this.get("X-Forwarded-Host");
    if (!val || !trust(this.socket.remoteAddress, 0)) {
      val = this.get("Host");
    } else if (val.indexOf(",") !== -1) {
      val = val.substring(0, val.indexOf(",")).trimEnd();
    }
    return val || undefined;
  },
  get hostname() {
    const host = this.host;
    if (!host) return undefined;
    const offset = host[0] === "[" ? host.indexOf("]") + 1 : 0;
    const index = host.indexOf(":", offset);
    return index !== -1 ? host.substring(0, index) : host;
  },
  get fresh() {
    const method = this.method;
    const res = this.res;
    const status = res.statusCode;
    if (method !== "GET" && method !== "HEAD" && method !== "QUERY") return false;
    if ((status >= 200 && status < 300) || status === 304) {
      const h = this.headers;
      const etag = res.get("ETag");
      const lastModified = res.get("Last-Modified");
      return this[CTX].program.wasm.isFresh(
        header(h["if-modified-since"]) || undefined,
        header(h["if-none-match"]) || undefined,
        header(h["cache-control"]),
        etag === undefined ? undefined : String(etag),
        lastModified === undefined ? undefined : String(lastModified),
      );
    }
    return false;
  },
  get stale() {
    return !this.fresh;
  },
  get xhr() {
    const val = this.get("X-Requested-With") || "";
    return val.toLowerCase() === "xmlhttprequest";
  },
  /** Whether an earlier parser already read the body (on-finished's `isFinished(req)`). */
  get __bodyRead() {
    return !!this[CTX].bodyRead;
  },
  set __bodyRead(value) {
    this[CTX].bodyRead = !!value;
  },
};

/** `accepts(req).encodings|charsets|languages(...)`. */
function negotiate(req, kind, name, args) {
  const wasm = req[CTX].program.wasm;
  const offered = list(args);
  const value = header(req.headers[name]);
  if (offered.length === 0) return wasm.acceptsAll(kind, value);
  return wasm.acceptsOf(kind, value, strings(offered)) ?? false;
}

/** A request's own fields; the rest comes from `requestProto`. */
function Request(ctx) {
  this[CTX] = ctx;
  this.method = ctx.method;
  this.httpVersion = "1.1";
  this.httpVersionMajor = 1;
  this.httpVersionMinor = 1;
  this.originalUrl = ctx.originalUrl;
  this.url = ctx.url;
  this.baseUrl = "";
  this.params = {};
  this.app = ctx.app;
}
Request.prototype = requestProto;

/** Hands the body over once (text or bytes), or `undefined` when a parser already read it. */
const takeBody = (req) => {
  const ctx = req[CTX];
  if (ctx.bodyRead) return undefined;
  ctx.bodyRead = true;
  return ctx.requestBody ?? "";
};

/** The body flows when something reads it: a 'data' listener, or `resume()`. */
const flowBody = (req) => flow(req, () => takeBody(req), req[CTX].program.scheduler.nextTick);
withEvents(requestProto, (req, type) => {
  if (type === "data") flowBody(req);
  else if (type === "readable") readable(req, () => takeBody(req), req[CTX].program.scheduler.nextTick);
});
requestProto.read = function () {
  return read(this);
};
requestProto.resume = function resume() {
  flowBody(this);
  return this;
};
requestProto.pause = function pause() {
  return this;
};
requestProto.setEncoding = function setEncoding(encoding) {
  setReadEncoding(this, encoding);
  return this;
};
requestProto.pipe = function pipe(dest, options) {
  return pipeBody(this, dest, options);
};
requestProto[Symbol.asyncIterator] = function () {
  // A body a parser took has nothing left to give; one already flowing still does.
  return chunks(this, this[CTX].bodyRead && !flowing(this));
};

/** What `express.request` inherits from: every getter and method of `req`. */
export const baseRequest = requestProto;

/** One constructor per app's `app.request`, so each app's requests share one shape. */
const constructors = new WeakMap();

/** A request whose prototype is `proto` (the app's `app.request`). */
export function createRequest(ctx, proto = requestProto) {
  if (proto === requestProto) return new Request(ctx);
  let AppRequest = constructors.get(proto);
  if (!AppRequest) {
    AppRequest = function (c) {
      Request.call(this, c);
    };
    AppRequest.prototype = proto;
    constructors.set(proto, AppRequest);
  }
  return new AppRequest(ctx);
}
