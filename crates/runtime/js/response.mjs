// `res`: the response object handlers see, as Express's `response.js` defines it over Node's
// `ServerResponse`. Header rules, `res.send`'s body rules, ETag and freshness, chunked
// writes, Vary and Content-Disposition live in the engine; this file maps JS values onto
// those calls and keeps Express's own control flow (format, redirect, jsonp, ...).

import { expressCookie } from "./modules/cookie.mjs";
import { withEvents } from "./streams.mjs";
import { createError } from "./http-errors.mjs";
import { inspect } from "./inspect.mjs";
import { sendStream } from "./disk.mjs";

/** A Node error with its `code`, printed as `Name [CODE]: message` like Node's own. */
function nodeError(Ctor, code, message) {
  const e = new Ctor(message);
  e.code = code;
  Object.defineProperty(e, "stack", { value: `${e.name} [${code}]: ${message}${String(e.stack ?? "").slice(String(e.stack ?? "").indexOf("\n"))}`, configurable: true, writable: true });
  return e;
}

const headersSentError = (action = "set") =>
  nodeError(Error, "ERR_HTTP_HEADERS_SENT", `Cannot ${action} headers after they are sent to the client`);

/** Node's `determineSpecificType`: how ERR_INVALID_ARG_TYPE names the value it got. */
function specificType(value) {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "function" && value.name) return `function ${value.name}`;
  const shown = inspect(value, { colors: false });
  return `type ${typeof value} (${shown.length > 28 ? `${shown.slice(0, 25)}...` : shown})`;
}

/** What `Buffer.from(chunk)` throws inside Express's `res.send` for a value it cannot send. */
const notSendable = (value) =>
  nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received ${specificType(value)}`);

const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

/** Node's checks on `setHeader(name, value)`. */
function validateHeader(name, value) {
  if (typeof name !== "string" || !name || !TOKEN.test(name)) {
    throw nodeError(TypeError, "ERR_INVALID_HTTP_TOKEN", `Header name must be a valid HTTP token ["${name}"]`);
  }
  if (value === undefined) {
    throw nodeError(TypeError, "ERR_HTTP_INVALID_HEADER_VALUE", `Invalid value "${value}" for header "${name}"`);
  }
  for (const v of Array.isArray(value) ? value : [value]) {
    if (INVALID_HEADER_CHAR.test(String(v))) throw nodeError(TypeError, "ERR_INVALID_CHAR", `Invalid character in header content ["${name}"]`);
  }
}

const utf8 = new TextEncoder();

/** A write/end chunk as bytes (strings in `encoding`, default UTF-8). */
function chunkBytes(chunk, encoding) {
  if (typeof chunk === "string") {
    if (encoding && !/^utf-?8$/i.test(encoding) && typeof Buffer === "function") return new Uint8Array(Buffer.from(chunk, encoding));
    return utf8.encode(chunk);
  }
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. ${received(chunk)}`);
}

/** The end of Node's ERR_INVALID_ARG_TYPE messages: what was passed instead. */
function received(value) {
  if (value === null || value === undefined) return `Received ${value}`;
  if (typeof value === "function") return `Received function ${value.name}`;
  if (typeof value === "object") return `Received an instance of ${value.constructor?.name ?? "Object"}`;
  const shown = typeof value === "bigint" ? `${value}n` : Object.is(value, -0) ? "-0" : String(value);
  return `Received type ${typeof value} (${shown})`;
}

/** A Buffer in Node, a Uint8Array where there is no Buffer. */
function buffer(bytes) {
  return typeof Buffer === "function" ? Buffer.from(bytes) : bytes;
}


const CTX = Symbol("exchange");

/** The engine's `mime.contentType` answers, kept: a program sets the same few types again and again. */
const contentTypes = new Map();

function contentType(wasm, value) {
  let type = contentTypes.get(value);
  if (type === undefined && !contentTypes.has(value)) {
    type = wasm.contentType(value);
    if (contentTypes.size >= 256) contentTypes.clear();
    contentTypes.set(value, type);
  }
  return type;
}

/** `statuses.message[code]` (undefined for an unknown code, as in Express's texts). */
function statusMessage(res, code) {
  return res[CTX].program.wasm.statusText(code) || undefined;
}

/** The ETag mode for the engine from the app's `etag fn` (see settings.mjs). */
function etagMode(fn) {
  if (typeof fn !== "function") return 2;
  if (fn.kind === "weak") return 0;
  if (fn.kind === "strong") return 1;
  return 3;
}

/** What every `res` inherits, as Express's `app.response` prototype. */
const responseProto = {
    get statusCode() { return this[CTX].status; },
    set statusCode(code) { this[CTX].status = code; },
    get statusMessage() { return this[CTX].statusMessage; },
    set statusMessage(message) { this[CTX].statusMessage = message === undefined || message === null || message === "" ? undefined : String(message); },
    get headersSent() { return this[CTX].headersSent; },
    get finished() { return this[CTX].finished; },
    get writableEnded() { return this[CTX].finished; },
    get writableFinished() { return this[CTX].finished; },
    // Node's OutgoingMessage state: one socket per request, shared with `req`.
    get socket() { return this.req?.socket ?? null; },
    get connection() { return this.socket; },
    get chunkedEncoding() { return this[CTX].headersSent && this[CTX].chunked; },
    writable: true,
    sendDate: true,
    writableHighWaterMark: 16384,
    writableLength: 0,
    writableCorked: 0,
    writableObjectMode: false,
    strictContentLength: false,
    useChunkedEncodingByDefault: true,
    setHeader(name, value) {
      if (this[CTX].headersSent) throw headersSentError("set");
      validateHeader(name, value);
      const ctx = this[CTX];
      const sent = Array.isArray(value) ? value.map(String) : String(value);
      ctx.setHeader(name, sent);
      // Node keeps the value as given (a number, a list of numbers) until it is sent.
      const key = name.toLowerCase();
      if (sent !== value && !(Array.isArray(value) && value.every((v) => typeof v === "string"))) (ctx.givenHeaders ??= new Map()).set(key, { value, sent });
      else ctx.givenHeaders?.delete(key);
      return this;
    },
    appendHeader(name, value) {
      if (this[CTX].headersSent) throw headersSentError("append");
      validateHeader(name, value);
      for (const v of Array.isArray(value) ? value : [value]) this[CTX].appendHeader(name, String(v));
      return this;
    },
    getHeader(name) {
      const ctx = this[CTX];
      const now = ctx.getHeader(String(name));
      const given = ctx.givenHeaders?.get(String(name).toLowerCase());
      // The value as given, unless the header changed since (Express and the engine set strings).
      if (given !== undefined && String(given.sent) === String(now) && Array.isArray(given.sent) === Array.isArray(now)) return given.value;
      return now;
    },
    getHeaderNames() {
      return Object.keys(this.getHeaders());
    },
    getHeaders() {
      const out = Object.create(null);
      for (const n of this[CTX].headerNames()) out[n.toLowerCase()] ??= this.getHeader(n);
      return out;
    },
    hasHeader(name) {
      return this[CTX].hasHeader(String(name));
    },
    removeHeader(name) {
      if (this[CTX].headersSent) throw headersSentError("remove");
      this[CTX].givenHeaders?.delete(String(name).toLowerCase());
      this[CTX].removeHeader(name);
    },
    status(code) {
      if (!Number.isInteger(code)) throw new TypeError(`Invalid status code: ${JSON.stringify(code)}. Status code must be an integer.`);
      if (code < 100 || code > 999) throw new RangeError(`Invalid status code: ${JSON.stringify(code)}. Status code must be greater than 99 and less than 1000.`);
      this.statusCode = code;
      return this;
    },
    links(links) {
      let link = this.get("Link") || "";
      if (link) link += ", ";
      return this.set("Link", link + Object.keys(links).map((rel) => Array.isArray(links[rel])
        ? links[rel].map((one) => `<${one}>; rel="${rel}"`).join(", ")
        : `<${links[rel]}>; rel="${rel}"`).join(", "));
    },
    set(field, val) {
      if (arguments.length === 2) {
        let value = Array.isArray(val) ? val.map(String) : String(val);
        if (field.toLowerCase() === "content-type") {
          if (Array.isArray(value)) throw new TypeError("Content-Type cannot be set to an Array");
          value = String(contentType(this[CTX].program.wasm, value) ?? false);
        }
        this.setHeader(field, value);
      } else {
        for (const key in field) this.set(key, field[key]);
      }
      return this;
    },
    header(field, val) {
      return arguments.length === 2 ? this.set(field, val) : this.set(field);
    },
    get(field) {
      return this.getHeader(field);
    },
    /** Express's `res.cookie`; the Set-Cookie line is added as its own header line. */
    cookie(name, value, options) {
      const line = expressCookie(this[CTX].program.wasm, this.req.secret, name, value, options);
      if (this[CTX].headersSent) throw headersSentError();
      this[CTX].appendHeader("Set-Cookie", line);
      return this;
    },
    /** Express 5's `res.clearCookie`: expires the cookie; a `maxAge` option is ignored. */
    clearCookie(name, options) {
      const opts = { path: "/", ...options, expires: new Date(1) };
      delete opts.maxAge;
      return this.cookie(name, "", opts);
    },
    append(field, val) {
      const prev = this.get(field);
      let value = val;
      if (prev) {
        value = Array.isArray(prev) ? prev.concat(val) : Array.isArray(val) ? [prev].concat(val) : [prev, val];
      }
      return this.set(field, value);
    },
    type(type) {
      const ct = type.indexOf("/") === -1 ? (contentType(this[CTX].program.wasm, type) || "application/octet-stream") : type;
      return this.set("Content-Type", ct);
    },
    contentType(type) {
      return this.type(type);
    },
    attachment(filename) {
      const wasm = this[CTX].program.wasm;
      if (filename !== undefined && typeof filename !== "string") {
        throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "path" argument must be of type string. ${received(filename)}`);
      }
      const name = filename !== undefined ? wasm.pathBasename(filename) : undefined;
      if (name) this.type(wasm.pathExtname(name));
      this.set("Content-Disposition", wasm.contentDisposition(name));
      return this;
    },
    vary(field) {
      if (!field) throw new TypeError("field argument is required");
      const list = Array.isArray(field);
      this[CTX].vary(list ? field.map(String) : [String(field)], list);
      return this;
    },
    send(body) {
      const ctx = this[CTX];
      let kind;
      switch (typeof body) {
        case "string":
          kind = 0;
          break;
        case "boolean":
        case "number":
        case "object":
          if (body === null) kind = 2;
          else if (ArrayBuffer.isView(body)) kind = 1;
          else return this.json(body);
          break;
        case "undefined":
          kind = 3;
          break;
        default:
          // A bigint, symbol or function: Express hands it to Buffer.from, which throws.
          throw notSendable(body);
      }
      if (kind !== 3 && ctx.headersSent) throw headersSentError("set");
      const etagFn = this.app.get("etag fn");
      const bytes = kind === 1 ? viewBytes(body, !this.get("ETag") && typeof etagFn === "function") : undefined;
      let mode = etagMode(etagFn);
      let etag;
      if (mode === 3) {
        mode = 2;
        if (kind !== 3 && !this.get("ETag")) {
          const chunk = kind === 1 ? body : buffer(utf8.encode(kind === 0 ? body : ""));
          const tag = etagFn(chunk, undefined);
          if (tag) {
            mode = 3;
            etag = String(tag);
          }
        }
      }
      if (ctx.sendBody(kind, kind === 0 ? body : undefined, bytes, mode, etag)) ctx.finish();
      return this;
    },
    json(obj) {
      const app = this.app;
      const body = stringify(obj, app.get("json replacer"), app.get("json spaces"), app.get("json escape"));
      if (!this.get("Content-Type")) this.set("Content-Type", "application/json");
      return this.send(body);
    },
    jsonp(obj) {
      const app = this.app;
      let body = stringify(obj, app.get("json replacer"), app.get("json spaces"), app.get("json escape"));
      let callback = this.req.query[app.get("jsonp callback name")];
      if (!this.get("Content-Type")) {
        this.set("X-Content-Type-Options", "nosniff");
        this.set("Content-Type", "application/json");
      }
      if (Array.isArray(callback)) callback = callback[0];
      if (typeof callback === "string" && callback.length !== 0) {
        this.set("X-Content-Type-Options", "nosniff");
        this.set("Content-Type", "text/javascript");
        callback = callback.replace(/[^[\]\w$.]/g, "");
        if (body === undefined) body = "";
        else if (typeof body === "string") body = body.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
        body = "/**/ typeof " + callback + " === 'function' && " + callback + "(" + body + ");";
      }
      return this.send(body);
    },
    sendStatus(statusCode) {
      const body = statusMessage(this, statusCode) || String(statusCode);
      this.status(statusCode);
      this.type("txt");
      return this.send(body);
    },
    format(obj) {
      const req = this.req;
      const next = req.next;
      const keys = Object.keys(obj).filter((v) => v !== "default");
      const key = keys.length > 0 ? req.accepts(keys) : false;
      this.vary("Accept");
      if (key) {
        this.set("Content-Type", normalizeType(this, key));
        obj[key](req, this, next);
      } else if (obj.default) {
        obj.default(req, this, next);
      } else {
        next(createError(this[CTX].program.wasm, 406, undefined, { types: keys.map((k) => normalizeType(this, k)) }));
      }
      return this;
    },
    writeHead(statusCode, reason, obj) {
      const ex = this[CTX];
      if (ex.headersSent) throw headersSentError("write");
      const code = statusCode | 0;
      if (code < 100 || code > 999) throw nodeError(RangeError, "ERR_HTTP_INVALID_STATUS_CODE", `Invalid status code: ${statusCode}`);
      if (typeof reason === "string") this.statusMessage = reason;
      else obj ??= reason;
      if (/[^\t\x20-\x7e\x80-\xff]/.test(this.statusMessage ?? "")) throw nodeError(TypeError, "ERR_INVALID_CHAR", "Invalid character in statusMessage");
      this.statusCode = code;
      if (Array.isArray(obj)) {
        if (obj.length % 2 !== 0) throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument 'headers' is invalid. Received [ ${obj.map((v) => JSON.stringify(v).replace(/"/g, "'")).join(", ")} ]`);
        for (let n = 0; n < obj.length; n += 2) if (obj[n]) this.setHeader(obj[n], obj[n + 1]);
      } else if (obj) {
        for (const k of Object.keys(obj)) if (k) this.setHeader(k, obj[k]);
      }
      ex.writeHead();
      return this;
    },
    /** Node's `flushHeaders`: the head goes out now (a server-sent event stream starts so). */
    flushHeaders() {
      if (!this[CTX].headersSent) this[CTX].writeHead();
    },
    write(chunk, encoding, callback) {
      if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
      if (chunk === null) throw nodeError(TypeError, "ERR_STREAM_NULL_VALUES", "May not write null values to stream");
      const bytes = chunkBytes(chunk, encoding);
      const ctx = this[CTX];
      if (ctx.finished) return writeAfterEnd(this, callback);
      ctx.write(bytes);
      // Called once the socket took the bytes: on a tick, before a later end's 'finish'.
      if (typeof callback === "function") ctx.program.scheduler.nextTick(callback);
      return true;
    },
    end(chunk, encoding, callback) {
      if (typeof chunk === "function") [callback, chunk] = [chunk, undefined];
      else if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
      const ctx = this[CTX];
      if (ctx.finished) {
        // Node's OutgoingMessage.end on a finished response.
        if (chunk) writeAfterEnd(this, callback);
        else if (typeof callback === "function") callback(nodeError(Error, "ERR_STREAM_ALREADY_FINISHED", "Cannot call end after a stream was finished"));
        return this;
      }
      const bytes = chunk === undefined || chunk === null ? new Uint8Array() : chunkBytes(chunk, encoding);
      ctx.end(bytes);
      if (typeof callback === "function") this.once("finish", callback);
      ctx.finish();
      return this;
    },
    location(url) {
      return this.set("Location", encodeUrl(url));
    },
    /** Express's `res.sendFile`: its checks, then `send`, which finds no file here (disk.mjs). */
    sendFile(path, options, callback) {
      let done = callback;
      const req = this.req;
      const next = req.next;
      let opts = options || {};
      if (!path) throw new TypeError("path argument is required to res.sendFile");
      if (typeof path !== "string") throw new TypeError("path must be a string to res.sendFile");
      if (typeof options === "function") {
        done = options;
        opts = {};
      }
      if (!opts.root && !path.startsWith("/")) throw new TypeError("path must be absolute or specify root to res.sendFile");
      opts.etag = this.app.enabled("etag");
      sendStream(this[CTX].program, encodeURI(path), opts, (err) => {
        if (done) return done(err);
        if (err && err.code === "EISDIR") return next();
        if (err && err.code !== "ECONNABORTED" && err.syscall !== "write") next(err);
      });
    },
    /** Express's `res.download`: `res.sendFile` of the full path (headers only if it is sent). */
    download(path, filename, options, callback) {
      let done = callback;
      let name = filename;
      let opts = options || null;
      if (typeof filename === "function") {
        done = filename;
        name = null;
        opts = null;
      } else if (typeof options === "function") {
        done = options;
        opts = null;
      }
      if (typeof filename === "object" && (typeof options === "function" || options === undefined)) {
        name = null;
        opts = filename;
      }
      opts = Object.create(opts);
      const fullPath = !opts.root ? this[CTX].program.path.resolve(path) : path;
      return this.sendFile(fullPath, opts, done);
    },
    /** Express's `res.render`: `app.render` with `res.locals`, sending what it renders. */
    render(view, options, callback) {
      const app = this.req.app;
      let done = callback;
      let opts = options || {};
      const req = this.req;
      const self = this;
      if (typeof options === "function") {
        done = options;
        opts = {};
      }
      opts._locals = self.locals;
      done ||= (err, str) => {
        if (err) return req.next(err);
        self.send(str);
      };
      app.render(view, opts, done);
    },
    redirect(url) {
      let address = url;
      let body;
      let status = 302;
      if (arguments.length === 2) {
        status = arguments[0];
        address = arguments[1];
      }
      address = this.location(address).get("Location");
      const message = statusMessage(this, status);
      this.format({
        text() {
          body = message + ". Redirecting to " + address;
        },
        html() {
          const u = escapeHtml(address);
          body = "<!DOCTYPE html><head><title>" + message + "</title></head>" + "<body><p>" + message + ". Redirecting to " + u + "</p></body>";
        },
        default() {
          body = "";
        },
      });
      this.status(status);
      this.set("Content-Length", utf8.encode(body).length);
      if (this.req.method === "HEAD") this.end();
      else this.end(body);
    },
};

withEvents(responseProto);

/** What `express.response` inherits from: every method of `res`. */
export const baseResponse = responseProto;

/** A response whose prototype is `proto` (the app's `app.response`). */
export function createResponse(ctx, req, proto = responseProto) {
  const res = Object.create(proto);
  res[CTX] = ctx;
  res.locals = Object.create(null);
  res.app = ctx.app;
  res.req = req;
  return res;
}

/** Express's `normalizeType(type).value`: a media type from a `res.format` key. */
function normalizeType(res, type) {
  if (type.indexOf("/") !== -1) {
    const i = type.indexOf(";");
    return (i === -1 ? type : type.slice(0, i)).trim();
  }
  return res[CTX].program.wasm.mimeLookup(type) || "application/octet-stream";
}

/** Express's `stringify`: JSON with the app's replacer and spaces, optional escaping. */
function stringify(value, replacer, spaces, escape) {
  let json = replacer || spaces ? JSON.stringify(value, replacer, spaces) : JSON.stringify(value);
  if (escape && typeof json === "string") {
    json = json.replace(/[<>&]/g, (c) => (c === "<" ? "\\u003c" : c === ">" ? "\\u003e" : "\\u0026"));
  }
  return json;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** The `encodeurl` package. */
function encodeUrl(url) {
  return String(url)
    .replace(/([\uD800-\uDBFF][\uDC00-\uDFFF])|[\uD800-\uDFFF]/g, (_, pair) => pair || "\uFFFD")
    .replace(/(?:[^\x21\x23-\x3B\x3D\x3F-\x5F\x61-\x7A\x7C\x7E]+|%+(?![0-9A-Fa-f]{2})){1,1024}/g, encodeURI);
}

/**
 * A write after the end, as Node's OutgoingMessage answers it: on a tick, the callback gets
 * ERR_STREAM_WRITE_AFTER_END and so does an 'error' event (none once the response closed).
 */
function writeAfterEnd(res, callback) {
  const err = nodeError(Error, "ERR_STREAM_WRITE_AFTER_END", "write after end");
  res[CTX].program.scheduler.nextTick(() => {
    if (typeof callback === "function") callback(err);
    if (!res.destroyed) res.emit("error", err);
  });
  return false;
}

/**
 * The bytes Express sends for an ArrayBuffer view: a Uint8Array's own; another view, when an
 * ETag is to be made, as `Buffer.from` copies it, element by element (a Float32Array [1.5]
 * is one byte, 1), and a DataView, which has no length, as nothing.
 */
function viewBytes(view, makesETag) {
  if (view instanceof Uint8Array || !makesETag) return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  return typeof view.length === "number" ? Uint8Array.from(view) : new Uint8Array(0);
}

