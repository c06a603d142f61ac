// One request in flight, as the JS side holds it: the number of the engine's exchange (a slot
// in the program's `Routing`, see crates/runtime/src/exchange.rs) and what JS caches of it.
// A request costs one such object and no wasm wrapper; a router step is one call, whose
// other results (flags, route, error) are read from the engine's mailbox, and the URL and
// params cross only when they changed. `req` and `res` (request.mjs, response.mjs) call the
// engine through the methods here.

import { emitFinished } from "./streams.mjs";

/** Mailbox slots and step flags, as `exchange.rs` numbers them. */
const SLOT_CODE = 0;
const SLOT_FLAGS = 1;
const SLOT_ROUTE = 2;
const SLOT_ERROR = 3;
const SLOT_COUNT = 4;
const SLOT_STATUS = 5;
const SLOT_PLAIN_HEADERS = 6;
const SLOTS = 7;
const FLAG_URL = 1;
const FLAG_BASE_URL = 2;
const FLAG_PARAMS = 4;
const FLAG_PARAM_CALL = 8;
const FLAG_PLAIN_PARAMS = 16;
const NO_ERROR = -1;
const DECODE_ERROR = -2;

/** Step codes besides a handler id. */
export const STEP_OPTIONS = -1;
export const STEP_DONE = -2;
export const STEP_RETURN = -3;

/** The engine's mailbox as an `Int32Array`, made again when the wasm memory grows. */
export class Mailbox {
  constructor(wasm) {
    this.wasm = wasm;
    this.ptr = wasm.mailbox();
    this.view = new Int32Array(0);
  }

  get slots() {
    if (this.view.length === 0) this.view = new Int32Array(this.wasm.wasmMemory().buffer, this.ptr, SLOTS);
    return this.view;
  }
}

const encoder = new TextEncoder();

/** One per wasm instance: the buffer is the instance's, shared by all its programs. */
const scratches = new WeakMap();

/**
 * Strings for the engine's hot calls, encoded straight into its scratch buffer
 * (crates/runtime/src/scratch.rs): wasm-bindgen's own passing allocates and copies
 * character by character, which cost more than the calls themselves.
 */
export class Scratch {
  static of(wasm) {
    let scratch = scratches.get(wasm);
    if (!scratch) scratches.set(wasm, (scratch = new Scratch(wasm)));
    return scratch;
  }

  constructor(wasm) {
    this.wasm = wasm;
    this.ptr = 0;
    this.size = 0;
    this.view = new Uint8Array(0);
    /** The byte length of the second string `put2` wrote. */
    this.second = 0;
  }

  /** The buffer, with room for at least `n` bytes. */
  room(n) {
    if (n > this.size) {
      this.size = Math.max(n, 4096);
      this.ptr = this.wasm.scratch(this.size);
      this.view = new Uint8Array(0);
    }
    if (this.view.length === 0) this.view = new Uint8Array(this.wasm.wasmMemory().buffer, this.ptr, this.size);
    return this.view;
  }

  /** Writes `text`; returns its length in bytes. */
  put(text) {
    return encoder.encodeInto(text, this.room(text.length * 3)).written;
  }

  /** Writes `a` then `b`; returns the length of `a` (that of `b` is `this.second`). */
  put2(a, b) {
    const view = this.room((a.length + b.length) * 3);
    const first = encoder.encodeInto(a, view).written;
    this.second = encoder.encodeInto(b, view.subarray(first)).written;
    return first;
  }
}

/** Requests per finalizer registration: registering each request cost as much as serving it. */
const BATCH = 32;

/**
 * Frees engine exchanges once no JS can reach their requests (a late `next()` or
 * `res.headersSent` still needs its exchange): every request's context holds its batch's
 * token, and the batch is released when the token is collected.
 */
export class Reaper {
  constructor(routing) {
    this.registry = new FinalizationRegistry((ids) => routing.release(Uint32Array.from(ids)));
    this.ids = [];
    this.token = null;
  }

  /** Tracks exchange `id`; returns the token its context must keep. */
  track(id) {
    if (this.token === null || this.ids.length === BATCH) {
      this.ids = [];
      this.token = {};
      this.registry.register(this.token, this.ids);
    }
    this.ids.push(id);
    return this.token;
  }
}

const utf8 = new TextDecoder();

/** The context of one request: what `req`, `res` and the router loop share. */
export class Exchange {
  constructor(program, app, method, url) {
    this.program = program;
    this.routing = program.routing;
    this.app = app;
    this.id = -1;
    this.batch = null;
    this.method = method;
    this.originalUrl = url;
    /** `req.url`, `req.baseUrl`, `req.params`, `req.route` for the handler about to run. */
    this.url = url;
    this.baseUrl = "";
    this.params = null;
    this.route = undefined;
    /** The step's pending error (`undefined` for none) and `app.param` arguments. */
    this.error = undefined;
    this.param = undefined;
    /** Errors passed to `next(err)`, by the id the engine carries. */
    this.errors = [];
    /** `done` callbacks of routers entered with `router.handle(req, res, done)`. */
    this.returns = [];
    /** The handler id that ran last, for the message about a request that got no answer. */
    this.lastLayer = -1;
    this.done = false;
    /** The response once finished; `resolve` hands it to a caller that had to wait. */
    this.response = null;
    this.resolve = null;
    /** The `next` every handler of this request gets (express.mjs). */
    this.nextFn = undefined;
    this.req = null;
    this.res = null;
    /** The headers as sent, `[name, value, ...]`, and whether `req.headers` is just those
     * with lower-case names (the engine says so at `start`). */
    this.sent = null;
    this.plainHeaders = false;
    /** `req.headers` / `req.rawHeaders` / `req.socket`, built when first read. */
    this.headers = undefined;
    this.rawHeaders = undefined;
    this.socket = undefined;
    this.bodyRead = false;
    this.requestBody = undefined;
    /** What `req.headers` first showed of the headers body-parser reads (see `readBody`). */
    this.bodyHeaders = undefined;
    /** Whether the response went out chunked (`res.chunkedEncoding`). */
    this.chunked = false;
  }

  /**
   * Begins the request through `routerId`; returns the first step. `headers` is a list of
   * `[name, value]`; `body` a string or bytes.
   */
  start(routerId, headers, body, poweredBy) {
    let head = this.method + "\0" + this.originalUrl;
    const sent = new Array(headers.length * 2);
    for (let i = 0; i < headers.length; i++) {
      const name = String(headers[i][0]);
      const value = String(headers[i][1]);
      sent[2 * i] = name;
      sent[2 * i + 1] = value;
      head += "\0" + name + "\0" + value;
    }
    this.sent = sent;
    /** The body as sent, for a handler that reads `req` as a stream. */
    this.requestBody = body;
    const bytes = body === undefined || body === null || typeof body === "string" ? undefined : body;
    const scratch = this.program.scratch;
    const headLength = scratch.put2(head, typeof body === "string" ? body : "");
    const id = this.routing.start(routerId, headLength, headers.length, scratch.second, bytes, poweredBy);
    if (id < 0) {
      const e = new TypeError("Invalid character in header content");
      e.code = "ERR_INVALID_CHAR";
      throw e;
    }
    const slots = this.program.mailbox.slots;
    this.plainHeaders = slots[SLOT_PLAIN_HEADERS] === 1;
    this.id = id;
    this.batch = this.program.reaper.track(id);
    return slots[SLOT_CODE];
  }

  /** The router's `next(arg)`; returns the next step. */
  next(arg) {
    const routing = this.routing;
    this.syncRequest();
    if (!arg) return routing.next(this.id, 0, 0);
    if (arg === "route") return routing.next(this.id, 1, 0);
    if (arg === "router") return routing.next(this.id, 2, 0);
    this.errors.push(arg);
    return routing.next(this.id, 3, this.errors.length - 1);
  }

  /** `router.handle(req, res, done)` for `routerId`; returns the first step. */
  enter(routerId) {
    this.syncRequest();
    return this.routing.enter(this.id, routerId);
  }

  /**
   * Hands the engine what a handler did to `req.url` or `req.method`: Express's router reads
   * both again at every `next()` (URL rewrites, method override).
   */
  syncRequest() {
    const req = this.req;
    if (req === null || (req.url === this.url && req.method === this.method)) return;
    const url = req.url === this.url ? undefined : String(req.url);
    const method = req.method === this.method ? undefined : String(req.method);
    this.routing.setRequest(this.id, url, method);
    this.url = url ?? this.url;
    this.method = method ?? this.method;
  }

  /** Reads the step just taken: `url`, `baseUrl`, `params`, `route`, `error`, `param`. */
  take() {
    const slots = this.program.mailbox.slots;
    const flags = slots[SLOT_FLAGS];
    const route = slots[SLOT_ROUTE];
    this.error = this.errorOf(slots[SLOT_ERROR]);
    if (flags & FLAG_URL) this.url = this.routing.reqUrl(this.id);
    if (flags & FLAG_BASE_URL) this.baseUrl = this.routing.reqBaseUrl(this.id);
    // A string path's params have no prototype, as path-to-regexp makes them.
    const params = flags & FLAG_PLAIN_PARAMS ? {} : Object.create(null);
    this.params = flags & FLAG_PARAMS ? this.readParams(params) : params;
    this.route = route >= 0 ? this.program.routes[route] : undefined;
    this.param = flags & FLAG_PARAM_CALL ? this.routing.stepParam(this.id) : undefined;
  }

  /** The error a finished walk (step -2 or -3) carries. */
  takeError() {
    return this.errorOf(this.program.mailbox.slots[SLOT_ERROR]);
  }

  errorOf(slot) {
    if (slot === NO_ERROR) return undefined;
    if (slot === DECODE_ERROR) {
      const e = new URIError(this.routing.decodeError(this.id));
      e.status = e.statusCode = 400;
      return e;
    }
    return this.errors[slot];
  }

  /** `req.params` as Express builds it: a fresh object per layer, filled into `params`. */
  readParams(params) {
    const flat = this.routing.stepParams(this.id);
    if (flat === undefined) return Object.assign(params, this.routing.stepParamsObject(this.id));
    const parts = flat.split("\0");
    for (let i = 0; i < parts.length; i += 2) params[parts[i]] = parts[i + 1];
    return params;
  }

  // ---- the request ----

  /** `req.headers` as Node builds it. */
  headerObject() {
    const headers = {};
    if (this.plainHeaders) {
      const sent = this.sent;
      for (let i = 0; i < sent.length; i += 2) headers[sent[i].toLowerCase()] = sent[i + 1];
    } else {
      const flat = this.routing.reqHeaderObject(this.id);
      const list = flat === undefined ? this.routing.reqHeaderList(this.id) : flat === "" ? [] : flat.split("\0");
      for (let i = 0; i < list.length; i += 2) headers[list[i]] = list[i + 1];
    }
    this.bodyHeaders = [headers["content-type"], headers["content-length"], headers["transfer-encoding"], headers["content-encoding"]];
    return headers;
  }

  /** `req.rawHeaders`. */
  rawHeaderList() {
    return this.plainHeaders ? this.sent.slice() : this.routing.reqRawHeaders(this.id);
  }

  /**
   * body-parser's read with `parser` (an id from `addBodyParser`) on `headers` as they are
   * now: 0 skip, 1 error (`bodyError`), 2 read as UTF-8, 3 read in `bodyCharset()`, 4 raw.
   */
  readBody(parser, headers) {
    const type = headers["content-type"];
    const length = headers["content-length"];
    const transfer = headers["transfer-encoding"];
    const encoding = headers["content-encoding"];
    const first = this.bodyHeaders;
    if (first !== undefined && type === first[0] && length === first[1] && transfer === first[2] && encoding === first[3]) {
      // As received: the engine reads its own copy, nothing crosses.
      return this.routing.readBody(this.id, parser, true);
    }
    if (Array.isArray(type) || Array.isArray(length) || Array.isArray(transfer) || Array.isArray(encoding)) {
      const flat = [];
      for (const [k, v] of Object.entries(headers)) {
        if (typeof v === "string") flat.push(k, v);
        else if (Array.isArray(v)) for (const one of v) flat.push(k, String(one));
      }
      return this.routing.readBodyList(this.id, parser, flat);
    }
    return this.routing.readBody(this.id, parser, false, text(type), text(length), text(transfer), text(encoding));
  }

  bodyError() {
    return this.routing.bodyError(this.id);
  }

  bodyCharset() {
    return this.routing.bodyCharset(this.id);
  }

  bodyText() {
    return this.routing.bodyText(this.id);
  }

  bodyBytes() {
    return this.routing.bodyBytes(this.id);
  }

  // ---- the response ----

  get status() {
    return this.routing.status(this.id);
  }

  set status(code) {
    this.routing.setStatus(this.id, code);
  }

  get statusMessage() {
    return this.routing.statusMessage(this.id);
  }

  set statusMessage(message) {
    this.routing.setStatusMessage(this.id, message);
  }

  get headersSent() {
    return this.routing.headersSent(this.id);
  }

  get finished() {
    return this.routing.finished(this.id);
  }

  /** `res.setHeader` after validation: `value` a string or a list of strings. */
  setHeader(name, value) {
    if (typeof value !== "string") return this.routing.setHeaderValues(this.id, name, value);
    const scratch = this.program.scratch;
    const nameLength = scratch.put2(name, value);
    this.routing.setHeader(this.id, nameLength, scratch.second);
  }

  appendHeader(name, value) {
    this.routing.appendHeader(this.id, name, value);
  }

  /** `res.getHeader`: `undefined`, the value, or the values when there are several. */
  getHeader(name) {
    const first = this.routing.getHeader(this.id, this.program.scratch.put(name));
    if (first === undefined) return undefined;
    return this.program.mailbox.slots[SLOT_COUNT] === 1 ? first : this.routing.getHeaderValues(this.id, name);
  }

  hasHeader(name) {
    return this.routing.hasHeader(this.id, name);
  }

  headerNames() {
    return this.routing.responseHeaderNames(this.id);
  }

  removeHeader(name) {
    this.routing.removeHeader(this.id, name);
  }

  /** See `Routing.sendBody`; returns whether the response is finished. */
  sendBody(kind, text, bytes, etagMode, etag) {
    const length = kind === 0 ? this.program.scratch.put(text) : 0;
    return this.routing.sendBody(this.id, kind, length, bytes, etagMode, etag);
  }

  write(bytes) {
    // The first write sends the head: chunked unless a length was set.
    if (!this.chunked && !this.headersSent) this.chunked = !this.hasHeader("Content-Length");
    return this.routing.write(this.id, bytes);
  }

  end(bytes) {
    this.routing.end(this.id, bytes);
  }

  writeHead() {
    this.routing.writeHead(this.id);
  }

  vary(fields, list) {
    this.routing.vary(this.id, fields, list);
  }

  sendOptions() {
    this.routing.sendOptions(this.id);
  }

  /** finalhandler; returns whether the response is finished. */
  finalHandler(hasError, status, stack, production, headers) {
    return this.routing.finalHandler(this.id, hasError, status, stack, production, headers);
  }

  /**
   * The one place every response ends (res.send/end, finalhandler, the OPTIONS answer):
   * takes the finished response from the engine. on-finished.mjs wraps this method.
   */
  finish() {
    if (this.done) return;
    this.done = true;
    const head = this.routing.response(this.id, Date.now());
    const status = this.program.mailbox.slots[SLOT_STATUS];
    const parts = typeof head === "string" ? head.split("\0") : head;
    const rawHeaders = [];
    for (let i = 1; i < parts.length; i += 2) rawHeaders.push([parts[i], parts[i + 1]]);
    const bodyBytes = this.routing.responseBody(this.id);
    this.response = { status, statusText: parts[0], rawHeaders, bodyBytes, body: utf8.decode(bodyBytes) };
    if (this.resolve !== null) this.resolve(this.response);
    if (this.res?._events) this.res.emit("prefinish");
    if (this.res?._events || this.req?._events) emitFinished(this.res, this.req, this.program.scheduler.nextTick);
  }
}

/** A header value the engine reads: strings only, as body-parser's checks see them. */
function text(value) {
  return typeof value === "string" ? value : undefined;
}
