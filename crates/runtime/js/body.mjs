// Body parsers (`express.json()`, `.text()`, `.urlencoded()`, `.raw()`), as body-parser 2
// runs them. Whether a parser applies, charset and Content-Encoding checks (gzip and deflate
// are inflated), the size limit, decoding and urlencoded parsing are the engine's (`readBody`,
// `decodeBody`, `parseUrlencoded`); JSON text is parsed by the JS engine's own JSON.parse, and
// when it throws, the engine words the SyntaxError as V8 does (`jsonParseError`), so learners
// read Node's message in every browser.

import { createError } from "./http-errors.mjs";
import { contextOf, hasBody } from "./request.mjs";
import { asNodeError } from "./stack.mjs";
import { consumed } from "./streams.mjs";

// Where body-parser 2.2 and raw-body 3 raise each error, as Node prints the frames (the paths as
// the playground names the learner's directory, /app). A parse runs once the body has arrived,
// so its frames are fixed; an error raised before reading is followed by the layer that ran the
// parser, and the router frames under it, which depend on the app, are left out.
const LIB = "/app/node_modules/body-parser/lib";
const RAW = "/app/node_modules/raw-body/index.js";
const AFTER_READ = [
  `${LIB}/read.js:194:18`, "AsyncResource.runInAsyncScope (node:async_hooks:206:9)", `invokeCallback (${RAW}:238:16)`, `done (${RAW}:227:7)`,
  `IncomingMessage.onEnd (${RAW}:287:7)`, "IncomingMessage.emit (node:events:524:28)", "endReadableNT (node:internal/streams/readable:1698:12)",
  "process.processTicksAndRejections (node:internal/process/task_queues:82:21)",
];
/** Each parser's call of `read` (types/<name>.js), and the layer under it. */
const PARSER_FRAME = { json: "jsonParser (LIB/types/json.js:60:5)", urlencoded: "urlencodedParser (LIB/types/urlencoded.js:51:5)", text: "textParser (LIB/types/text.js:34:5)", raw: "rawParser (LIB/types/raw.js:40:5)" };
const LAYER = ["Layer.handleRequest (/app/node_modules/router/lib/layer.js:169:33)", "trimPrefix (/app/node_modules/router/index.js:356:13)"];
/** The frames of an error raised before the body is read, by what raised it. */
const BEFORE_READ = {
  "entity.too.large": [`readStream (${RAW}:163:17)`, `getRawBody (${RAW}:116:12)`, `read (${LIB}/read.js:134:3)`],
  "charset.unsupported": [`read (${LIB}/read.js:79:12)`],
  "encoding.unsupported": [`createDecompressionStream (${LIB}/read.js:231:9)`, `read (${LIB}/read.js:118:16)`],
};

/** Marks a body error with Node's frames, when they are known. */
function framed(err, frames) {
  return frames ? asNodeError(err, { frames }) : err;
}

/** The `bytes` package's `parse`: `100kb`, `1mb`, a number, or a bare integer string. */
function parseBytes(val) {
  if (typeof val === "number" && !isNaN(val)) return val;
  if (typeof val !== "string") return null;
  const m = /^((-|\+)?(\d+(?:\.\d+)?)) *(kb|mb|gb|tb|pb)$/i.exec(val);
  const units = { b: 1, kb: 1 << 10, mb: 1 << 20, gb: 1 << 30, tb: 1024 ** 4, pb: 1024 ** 5 };
  const value = m ? parseFloat(m[1]) : parseInt(val, 10);
  if (isNaN(value)) return null;
  return Math.floor(units[m ? m[4].toLowerCase() : "b"] * value);
}

/** body-parser's `normalizeOptions`, with its TypeErrors. */
function normalizeOptions(options, defaultType) {
  const inflate = options?.inflate !== false;
  const limit = options?.limit === undefined || options?.limit === null ? 102400 : parseBytes(options.limit);
  const type = options?.type || defaultType;
  const verify = options?.verify || false;
  const defaultCharset = options?.defaultCharset || "utf-8";
  if (limit === null) throw new TypeError(`option limit "${String(options.limit)}" is invalid`);
  if (verify !== false && typeof verify !== "function") throw new TypeError("option verify must be function");
  return { inflate, limit, type, verify, defaultCharset };
}

/** A Buffer in Node, a Uint8Array where there is no Buffer. */
function buffer(bytes) {
  return typeof Buffer === "function" ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
}

/** The charset rules of `readBody`: which charsets each parser accepts. */
const RULE = { json: 0, urlencoded: 1, text: 2, raw: 3 };

/** What `readBody` answers (see `Exchange.readBody`). */
const SKIP = 0;
const FAIL = 1;
const READ_UTF8 = 2;
const READ_OTHER = 3;

/** Registers a parser's options with the engine once; requests then name it by id. */
function addParser(program, opts, rule) {
  const types = typeof opts.type === "function" ? undefined : [].concat(opts.type).map(String);
  return program.routing.addBodyParser(types, opts.limit, opts.inflate, rule, opts.defaultCharset);
}

/**
 * body-parser's `read(req, res, next, parse, options)`. `parse(text | buffer, charset)`
 * returns the body or throws (a SyntaxError, or an HttpError with its own status).
 */
function read(wasm, req, res, next, parse, opts, parser, kind) {
  if (req.__bodyRead) return next();
  if (!("body" in req)) req.body = undefined;
  const h = req.headers;
  if (!hasBody(h)) return next();
  const typeFn = typeof opts.type === "function" ? opts.type : null;
  if (typeFn && !typeFn(req)) return next();
  const ctx = contextOf(req);
  const outcome = ctx.readBody(parser, h);
  if (outcome === SKIP) return next();
  if (outcome === FAIL) {
    const r = ctx.bodyError();
    if (r.code !== undefined) {
      // A corrupt compressed body: Node's zlib error, a plain Error read (and dumped) whole.
      req.__bodyRead = true;
      return next(createError(wasm, 400, Object.assign(new Error(r.message), { errno: r.errno, code: r.code })));
    }
    // raw-body read (and dumped) the body before these errors; the others come first.
    if (r.kind === "entity.too.large" || r.kind === "request.size.invalid") req.__bodyRead = true;
    // In the order raw-body and body-parser pass them (`Object.keys(err)` shows it).
    const props = {};
    if (r.charset !== undefined) props.charset = r.charset;
    if (r.encoding !== undefined) props.encoding = r.encoding;
    if (r.length !== undefined) Object.assign(props, { expected: r.length, length: r.length });
    if (r.limit !== undefined) props.limit = r.limit;
    if (r.received !== undefined) props.received = r.received;
    props.type = r.kind;
    const before = BEFORE_READ[r.kind] && r.received === undefined ? [...BEFORE_READ[r.kind], PARSER_FRAME[kind].replace("LIB", LIB), ...LAYER] : undefined;
    return next(framed(createError(wasm, r.status, r.message, props), before));
  }
  req.__bodyRead = true;
  // raw-body read the stream to its end: listeners already on `req` saw its 'data' and 'end'.
  if (req._events) consumed(req, req._events.data ? ctx.bodyBytes() : undefined);
  const encoding = outcome === READ_UTF8 ? "utf-8" : outcome === READ_OTHER ? ctx.bodyCharset() : null;
  // The bytes cross only when `verify` or a raw parser needs them as a Buffer.
  const body = opts.verify || encoding === null ? buffer(ctx.bodyBytes()) : undefined;
  if (opts.verify) {
    try {
      opts.verify(req, res, body, encoding);
    } catch (err) {
      return next(createError(wasm, 403, err, { body, type: err?.type || "entity.verify.failed" }));
    }
  }
  let str = body;
  try {
    str = encoding === null ? body : encoding === "utf-8" || utf16Order(encoding) === undefined ? ctx.bodyText() : utf16(ctx.bodyBytes(), encoding);
    req.body = parse(str, encoding);
  } catch (err) {
    return next(createError(wasm, 400, err, { body: str, type: err?.type || "entity.parse.failed" }));
  }
  next();
}

/**
 * For a UTF-16 charset (iconv-lite's names), "le", "be" or "guess" (`utf16`: a BOM, else the
 * order that reads more ASCII); else undefined.
 */
function utf16Order(charset) {
  const name = String(charset).toLowerCase().replace(/:\d{4}$|[^0-9a-z]/g, "");
  return name === "utf16le" || name === "ucs2" ? "le" : name === "utf16be" ? "be" : name === "utf16" ? "guess" : undefined;
}

/**
 * iconv-lite's UTF-16 decoding, done here rather than in the engine: a JS string keeps a lone
 * surrogate, as Node's does. An odd last byte is dropped and a leading BOM removed.
 */
function utf16(bytes, charset) {
  let order = utf16Order(charset);
  if (order === "guess") {
    let le = 0;
    let be = 0;
    for (let i = 0; i + 1 < bytes.length && i < 200; i += 2) {
      if (bytes[i] === 0 && bytes[i + 1] !== 0) be++;
      if (bytes[i] !== 0 && bytes[i + 1] === 0) le++;
    }
    order = bytes[0] === 0xff && bytes[1] === 0xfe ? "le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "be" : be > le ? "be" : "le";
  }
  const units = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < units.length; i++) {
    const a = bytes[2 * i];
    const b = bytes[2 * i + 1];
    units[i] = order === "le" ? a | (b << 8) : (a << 8) | b;
  }
  let text = "";
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

/** `normalizeJsonSyntaxError`: only `message` and `stack` survive, with the new message. */
function jsonSyntaxError(error, message, stack) {
  for (const key of Object.getOwnPropertyNames(error)) {
    if (key !== "stack" && key !== "message") delete error[key];
  }
  error.stack = String(stack ?? "").replace(error.message, message);
  error.message = message;
  return error;
}

/** Node's message for a `JSON.parse(text)` that threw `err`; a reviver's own error keeps its. */
function nodeJsonMessage(wasm, text, err) {
  return wasm.jsonParseError(text) ?? err.message;
}

/** body-parser's `createStrictSyntaxError`: JSON.parse's own message for the first char. */
function strictSyntaxError(wasm, str, char) {
  const index = str.indexOf(char);
  const partial = index !== -1 ? str.substring(0, index) + "#".repeat(str.length - index) : "";
  try {
    JSON.parse(partial);
    throw new SyntaxError("strict violation");
  } catch (e) {
    const message = nodeJsonMessage(wasm, partial, e).replace(/#+/g, (p) => str.substring(index, index + p.length));
    const frames = ["JSON.parse (<anonymous>)", `createStrictSyntaxError (${LIB}/types/json.js:139:10)`, `parse (${LIB}/types/json.js:87:17)`, ...AFTER_READ];
    return framed(jsonSyntaxError(e, message, e.stack), frames);
  }
}

function createJsonParser(wasm, options) {
  const reviver = options?.reviver;
  const strict = options?.strict !== false;
  return function parse(body) {
    if (body.length === 0) return {};
    if (strict && body[0] !== "{" && body[0] !== "[") {
      const m = FIRST_NON_WHITESPACE.exec(body);
      const first = m && m[1] ? m[1] : undefined;
      if (first !== "{" && first !== "[") throw strictSyntaxError(wasm, body, first);
    }
    try {
      return JSON.parse(body, reviver);
    } catch (e) {
      // A reviver's own error keeps the learner's frames.
      if (!(e instanceof SyntaxError) || wasm.jsonParseError(body) === undefined) throw jsonSyntaxError(e, nodeJsonMessage(wasm, body, e), e.stack);
      throw framed(jsonSyntaxError(e, nodeJsonMessage(wasm, body, e), e.stack), ["JSON.parse (<anonymous>)", `parse (${LIB}/types/json.js:${strict ? "93:21" : "112:19"})`, ...AFTER_READ]);
    }
  };
}

function createUrlencodedParser(wasm, options) {
  const extended = Boolean(options?.extended);
  let parameterLimit = options?.parameterLimit !== undefined ? options?.parameterLimit : 1000;
  const depth = extended ? (options?.depth !== undefined ? options?.depth : 32) : 0;
  if (isNaN(parameterLimit) || parameterLimit < 1) throw new TypeError("option parameterLimit must be a positive number");
  if (isNaN(depth) || depth < 0) throw new TypeError("option depth must be a zero or a positive number");
  if (isFinite(parameterLimit)) parameterLimit = parameterLimit | 0;
  return function parse(body, encoding) {
    const [ok, a, b, c] = wasm.parseUrlencoded(body, encoding, extended, Number(parameterLimit), Number(depth), !!options?.charsetSentinel, !!options?.interpretNumericEntities);
    if (ok) return a;
    // `too many parameters` is raised in parse() itself; the depth error by qs, under it.
    const frames = b === "parameters.too.many" ? [`parse (${LIB}/types/urlencoded.js:90:13)`, ...AFTER_READ] : undefined;
    throw framed(createError(wasm, a, c, { type: b }), frames);
  };
}

export function bodyParsers(program) {
  const wasm = program.wasm;
  return {
    json(options) {
      const opts = normalizeOptions(options, "application/json");
      const parse = createJsonParser(wasm, options);
      const parser = addParser(program, opts, RULE.json);
      return function jsonParser(req, res, next) {
        read(wasm, req, res, next, parse, opts, parser, "json");
      };
    },
    urlencoded(options) {
      const opts = normalizeOptions(options, "application/x-www-form-urlencoded");
      if (opts.defaultCharset !== "utf-8" && opts.defaultCharset !== "iso-8859-1") {
        throw new TypeError("option defaultCharset must be either utf-8 or iso-8859-1");
      }
      const parse = createUrlencodedParser(wasm, options);
      const parser = addParser(program, opts, RULE.urlencoded);
      return function urlencodedParser(req, res, next) {
        read(wasm, req, res, next, parse, opts, parser, "urlencoded");
      };
    },
    text(options) {
      const opts = normalizeOptions(options, "text/plain");
      const parser = addParser(program, opts, RULE.text);
      return function textParser(req, res, next) {
        read(wasm, req, res, next, (body) => body, opts, parser, "text");
      };
    },
    raw(options) {
      const opts = normalizeOptions(options, "application/octet-stream");
      const parser = addParser(program, opts, RULE.raw);
      return function rawParser(req, res, next) {
        read(wasm, req, res, next, (body) => body, opts, parser, "raw");
      };
    },
  };
}
