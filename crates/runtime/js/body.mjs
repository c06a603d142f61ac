// Body parsers (`express.json()`, `.text()`, `.urlencoded()`, `.raw()`). Whether a parser
// applies, the size limit and the decoding are decided by the engine (`readBody`); JSON text
// is parsed by the JS engine's own JSON.parse, whose SyntaxError message Express forwards.

import { parseQuerySimple } from "./request.mjs";

function bytes(limit, fallback) {
  if (limit === undefined) return fallback;
  if (typeof limit === "number") return limit;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(String(limit));
  if (!m) return fallback;
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] || "b").toLowerCase()];
  return Math.floor(Number(m[1]) * unit);
}

function httpError(status, message, type, extra = {}) {
  const e = new Error(message);
  e.status = e.statusCode = status;
  e.expose = status < 500;
  e.type = type;
  Object.assign(e, extra);
  return e;
}

function parser(program, defaults, types, parse) {
  return (options = {}) => {
    const type = options.type ?? defaults.type;
    const list = typeof type === "function" ? null : [].concat(type);
    const limit = bytes(options.limit, 100 * 1024);
    return function (req, res, next) {
      const read = req.__readBody(list ?? ["*/*"], limit);
      if (!read.applies || (typeof type === "function" && !type(req))) return next();
      if (read.status) return next(httpError(read.status, read.message, read.kind, { expected: undefined, length: undefined, limit }));
      try {
        req.body = parse(read.text, options, req);
      } catch (err) {
        return next(err);
      }
      next();
    };
  };
}

export function bodyParsers(program) {
  return {
    json: parser(program, { type: "application/json" }, null, (text, options) => {
      if (text.length === 0) return {};
      if (options.strict !== false) {
        const first = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d])/.exec(text)?.[1];
        if (first !== "{" && first !== "[") throw strictSyntaxError(text, first);
      }
      try {
        return JSON.parse(text, options.reviver);
      } catch (e) {
        throw parseFailed(e, e.message);
      }
    }),
    text: parser(program, { type: "text/plain" }, null, (text) => text),
    raw: parser(program, { type: "application/octet-stream" }, null, (text) => new TextEncoder().encode(text)),
    urlencoded: parser(program, { type: "application/x-www-form-urlencoded" }, null, (text) => parseQuerySimple(text)),
  };
}

/** body-parser's `createStrictSyntaxError`: JSON.parse's own message for the first char. */
function strictSyntaxError(text, char) {
  const index = text.indexOf(char);
  let partial = "";
  if (index !== -1) partial = text.substring(0, index) + "#".repeat(text.length - index);
  try {
    JSON.parse(partial);
    return parseFailed(new SyntaxError("strict violation"), "strict violation");
  } catch (e) {
    const message = e.message.replace(/#+/g, (p) => text.substring(index, index + p.length));
    return parseFailed(e, message);
  }
}

function parseFailed(e, message) {
  const err = new SyntaxError(message);
  err.status = err.statusCode = 400;
  err.expose = true;
  err.type = "entity.parse.failed";
  err.stack = (e.stack || "").replace(e.message, message);
  return err;
}
