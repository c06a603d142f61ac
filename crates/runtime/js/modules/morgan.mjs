// `morgan` 1.12: logs one line per request to the server log (stdout), when the response has
// been sent (or at once with `immediate`). Format compilation, the named formats, the `dev`
// colours, log escaping, dates and Basic-auth user names are the engine's (`engine::morgan`);
// token functions stay JS because learners add and replace them with `morgan.token`.

import { onFinished } from "./on-finished.mjs";
import { learnerFrames } from "../stack.mjs";

/** `process.hrtime([previous])` from the JS engine's monotonic clock. */
function hrtime(previous) {
  const now = performance.now();
  let sec = Math.floor(now / 1000);
  let ns = Math.round((now - sec * 1000) * 1e6);
  if (previous) {
    sec -= previous[0];
    ns -= previous[1];
    if (ns < 0) {
      sec -= 1;
      ns += 1e9;
    }
  }
  return [sec, ns];
}

function recordStartTime() {
  this._startAt = hrtime();
  this._startTime = new Date();
}

function getip(req) {
  return req.ip || req._remoteAddress || (req.connection && req.connection.remoteAddress) || undefined;
}

function headersSent(res) {
  return typeof res.headersSent !== "boolean" ? Boolean(res._header) : res.headersSent;
}

/**
 * The `morgan` module for one program. `write(stream, text)` appends a line to the server
 * log; `env` is the program's `process.env` (morgan reads `NO_COLOR` when it loads);
 * `filename` is the learner's file, named by deprecation warnings.
 */
export function createMorgan({ wasm, write, env, filename }) {
  /** `process.stdout` as morgan writes to it: one log entry per line. */
  const stdout = { write: (text) => write("stdout", String(text).replace(/\n$/, "")) };

  /** `depd('morgan')`: a warning on stderr, once per message and learner call site. */
  const warned = new Set();
  function deprecate(message) {
    const site = learnerFrames(new Error(), filename)[0];
    const where = site ? ` at file:/app/${filename}:${site.line}:${site.column}` : "";
    if (warned.has(message + where)) return;
    warned.add(message + where);
    write("stderr", `${new Date().toUTCString()} morgan deprecated ${message}${where}`);
  }

  function morgan(format, options) {
    let fmt = format;
    let opts = options || {};
    if (format && typeof format === "object") {
      opts = format;
      fmt = opts.format || "default";
      deprecate(`morgan(options): use morgan(${typeof fmt === "string" ? JSON.stringify(fmt) : "format"}, options) instead`);
    }
    if (fmt === undefined) deprecate("undefined format: specify a format");
    const immediate = opts.immediate;
    const skip = opts.skip || false;
    const formatLine = typeof fmt !== "function" ? getFormatFunction(fmt) : fmt;
    let stream = opts.stream || stdout;
    if (opts.buffer) {
      deprecate("buffer option");
      stream = createBufferStream(stream, typeof opts.buffer !== "number" ? 1000 : opts.buffer);
    }

    return function logger(req, res, next) {
      req._startAt = undefined;
      req._startTime = undefined;
      req._remoteAddress = getip(req);
      res._startAt = undefined;
      res._startTime = undefined;
      recordStartTime.call(req);

      function logRequest() {
        if (skip !== false && skip(req, res)) return;
        const line = formatLine(morgan, req, res);
        if (line == null) return;
        if (stream.writableObjectMode && typeof line === "object") stream.write(line);
        else stream.write(line + "\n");
      }

      if (immediate) {
        logRequest();
      } else {
        // on-headers: the response's start time is when its head is written, which in the
        // playground is when it is sent.
        onFinished(res, () => {
          recordStartTime.call(res);
          logRequest();
        });
      }
      next();
    };
  }

  /** `morgan.compile(format)`: a `(tokens, req, res) => line` function. */
  function compile(format) {
    if (typeof format !== "string") throw new TypeError("argument format must be a string");
    const parts = wasm.morganCompile(format);
    return function (tokens, req, res) {
      let line = "";
      for (const p of parts) {
        if (typeof p === "string") line += p;
        else line += (p.length > 1 ? tokens[p[0]](req, res, p[1]) : tokens[p[0]](req, res)) || "-";
      }
      return line;
    };
  }

  /** `morgan.format(name, fmt)`: defines a named format. */
  function format(name, fmt) {
    morgan[name] = fmt;
    return this;
  }

  /** `morgan.token(name, fn)`: defines a token; its string values are escaped for the log. */
  function token(name, fn) {
    morgan[name] = function tokenValue(...args) {
      const value = fn.apply(this, args);
      return typeof value === "string" ? wasm.morganEscape(value) : value;
    };
    return this;
  }

  function getFormatFunction(name) {
    const fmt = morgan[name] || name || morgan.default;
    return typeof fmt !== "function" ? compile(fmt) : fmt;
  }

  function createBufferStream(stream, interval) {
    const buf = [];
    let timer = null;
    const flush = () => {
      timer = null;
      stream.write(buf.join(""));
      buf.length = 0;
    };
    return {
      write(str) {
        if (timer === null) timer = setTimeout(flush, interval);
        buf.push(str);
      },
    };
  }

  morgan.compile = compile;
  morgan.format = format;
  morgan.token = token;

  const named = wasm.morganFormats();
  for (let i = 0; i < named.length; i += 2) morgan.format(named[i], named[i + 1]);
  // `deprecate.property(morgan, 'default', ...)`: reading or setting it warns.
  let defaultFormat = morgan.default;
  Object.defineProperty(morgan, "default", {
    configurable: true,
    enumerable: true,
    get() {
      deprecate("default format: use combined format");
      return defaultFormat;
    },
    set(value) {
      deprecate("default format: use combined format");
      defaultFormat = value;
    },
  });

  const devCache = new Map();
  morgan.format("dev", function developmentFormatLine(tokens, req, res) {
    const status = headersSent(res) ? res.statusCode : undefined;
    const fmt = wasm.morganDevFormat(typeof status === "number" ? status : undefined, false);
    let fn = devCache.get(fmt);
    if (!fn) devCache.set(fmt, (fn = compile(fmt)));
    return fn(tokens, req, res);
  });
  if (env && env.NO_COLOR) morgan.format("dev", compile(wasm.morganDevFormat(undefined, true)));

  morgan.token("url", (req) => req.originalUrl || req.url);
  morgan.token("method", (req) => req.method);
  morgan.token("response-time", (req, res, digits) => {
    if (!req._startAt || !res._startAt) return undefined;
    const ms = (res._startAt[0] - req._startAt[0]) * 1e3 + (res._startAt[1] - req._startAt[1]) * 1e-6;
    return ms.toFixed(digits === undefined ? 3 : digits);
  });
  morgan.token("total-time", (req, res, digits) => {
    if (!req._startAt || !res._startAt) return undefined;
    const elapsed = hrtime(req._startAt);
    const ms = elapsed[0] * 1e3 + elapsed[1] * 1e-6;
    return ms.toFixed(digits === undefined ? 3 : digits);
  });
  morgan.token("date", (req, res, fmt) => wasm.morganDate(Date.now(), fmt ? String(fmt) : undefined));
  morgan.token("status", (req, res) => (headersSent(res) ? String(res.statusCode) : undefined));
  morgan.token("referrer", (req) => req.headers.referer || req.headers.referrer);
  morgan.token("remote-addr", getip);
  morgan.token("remote-user", (req) => {
    const header = req.headers.authorization;
    return typeof header === "string" ? wasm.morganRemoteUser(header) : undefined;
  });
  // The playground runs one program in one "process".
  morgan.token("pid", () => "1");
  morgan.token("http-version", (req) => req.httpVersionMajor + "." + req.httpVersionMinor);
  morgan.token("user-agent", (req) => req.headers["user-agent"]);
  morgan.token("req", (req, res, field) => {
    const header = req.headers[field.toLowerCase()];
    return Array.isArray(header) ? header.join(", ") : header;
  });
  morgan.token("res", (req, res, field) => {
    if (!headersSent(res)) return undefined;
    const header = res.getHeader(field);
    return Array.isArray(header) ? header.join(", ") : header;
  });

  return { default: morgan, compile, format, token };
}
