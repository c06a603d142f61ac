// `jsonwebtoken` 9: `sign`, `verify` and `decode` for HMAC tokens (HS256/384/512), with the
// real package's option checks, claims (`iat`, `exp`, `nbf`, `aud`, `iss`, `sub`, `jti`), error
// classes and messages. Signatures are real HMACs (`crypto.rs`) over base64url, so tokens are
// interchangeable with the ones the real package makes and checks.

import { Buffer } from "./buffer.mjs";
import { bytesOf } from "./crypto.mjs";

// The real package's error classes: plain constructors with own `name` and `message`, so
// `res.json(err)` shows the same fields.
function JsonWebTokenError(message, error) {
  Error.call(this, message);
  if (Error.captureStackTrace) Error.captureStackTrace(this, this.constructor);
  this.name = "JsonWebTokenError";
  this.message = message;
  if (error) this.inner = error;
}
JsonWebTokenError.prototype = Object.create(Error.prototype);
JsonWebTokenError.prototype.constructor = JsonWebTokenError;

function TokenExpiredError(message, expiredAt) {
  JsonWebTokenError.call(this, message);
  this.name = "TokenExpiredError";
  this.expiredAt = expiredAt;
}
TokenExpiredError.prototype = Object.create(JsonWebTokenError.prototype);
TokenExpiredError.prototype.constructor = TokenExpiredError;

function NotBeforeError(message, date) {
  JsonWebTokenError.call(this, message);
  this.name = "NotBeforeError";
  this.date = date;
}
NotBeforeError.prototype = Object.create(JsonWebTokenError.prototype);
NotBeforeError.prototype.constructor = NotBeforeError;

const HS_ALGS = ["HS256", "HS384", "HS512"];
const SUPPORTED_ALGS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", ...HS_ALGS, "none"];
const TIMESPAN_HINT = 'should be a number of seconds or string representing a timespan eg: "1d", "20h", 60';

/** The `ms` package (2.1) that `jsonwebtoken` reads `expiresIn: "1h"` with; undefined if invalid. */
export function ms(str) {
  if (str.length > 100) return undefined;
  const m = /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i.exec(str);
  if (!m) return undefined;
  const n = parseFloat(m[1]);
  const unit = (m[2] || "ms").toLowerCase();
  const scale = { y: 365.25 * 864e5, w: 7 * 864e5, d: 864e5, h: 36e5, m: 6e4, s: 1000, ms: 1 };
  return n * scale[/^(ms|msecs?|milliseconds?)$/.test(unit) ? "ms" : unit[0]];
}

/** `lib/timespan.js`: seconds since the epoch, `iat`-relative. */
function timespan(time, iat) {
  const timestamp = iat || Math.floor(Date.now() / 1000);
  if (typeof time === "string") {
    const milliseconds = ms(time);
    if (milliseconds === undefined) return undefined;
    return Math.floor(timestamp + milliseconds / 1000);
  }
  if (typeof time === "number") return timestamp + time;
  return undefined;
}

const isPlainObject = (v) => v !== null && typeof v === "object" && [Object.prototype, null].includes(Object.getPrototypeOf(v));
const isString = (v) => typeof v === "string";
const isInteger = (v) => Number.isInteger(v);
const isNumber = (v) => typeof v === "number";
const isBoolean = (v) => typeof v === "boolean";
const spanOrString = (v) => isInteger(v) || (isString(v) && v);

const SIGN_OPTIONS = {
  expiresIn: [spanOrString, '"expiresIn" should be a number of seconds or string representing a timespan'],
  notBefore: [spanOrString, '"notBefore" should be a number of seconds or string representing a timespan'],
  audience: [(v) => isString(v) || Array.isArray(v), '"audience" must be a string or array'],
  algorithm: [(v) => SUPPORTED_ALGS.includes(v), '"algorithm" must be a valid string enum value'],
  header: [isPlainObject, '"header" must be an object'],
  encoding: [isString, '"encoding" must be a string'],
  issuer: [isString, '"issuer" must be a string'],
  subject: [isString, '"subject" must be a string'],
  jwtid: [isString, '"jwtid" must be a string'],
  noTimestamp: [isBoolean, '"noTimestamp" must be a boolean'],
  keyid: [isString, '"keyid" must be a string'],
  mutatePayload: [isBoolean, '"mutatePayload" must be a boolean'],
  allowInsecureKeySizes: [isBoolean, '"allowInsecureKeySizes" must be a boolean'],
  allowInvalidAsymmetricKeyTypes: [isBoolean, '"allowInvalidAsymmetricKeyTypes" must be a boolean'],
};
const CLAIMS = {
  iat: [isNumber, '"iat" should be a number of seconds'],
  exp: [isNumber, '"exp" should be a number of seconds'],
  nbf: [isNumber, '"nbf" should be a number of seconds'],
};

function validate(schema, allowUnknown, object, parameterName) {
  if (!isPlainObject(object)) throw new Error(`Expected "${parameterName}" to be a plain object.`);
  for (const key of Object.keys(object)) {
    if (object[key] === undefined) continue;
    const rule = schema[key];
    if (!rule) {
      if (!allowUnknown) throw new Error(`"${key}" is not allowed in "${parameterName}"`);
      continue;
    }
    if (!rule[0](object[key])) throw new Error(rule[1]);
  }
}

const OPTIONS_TO_CLAIMS = { audience: "aud", issuer: "iss", subject: "sub", jwtid: "jti" };
const OBJECT_ONLY_OPTIONS = ["expiresIn", "notBefore", "noTimestamp", "audience", "issuer", "subject", "jwtid"];
const PEM = /-----BEGIN [A-Z ]*KEY-----/;

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const b64urlJson = (value) => b64url(Buffer.from(typeof value === "string" ? value : JSON.stringify(value), "utf8"));

/** The `jsonwebtoken` module for one program. */
export function createJsonwebtoken(wasm) {
  const hmac = (alg, secret, input) => {
    const hash = { HS256: "sha256", HS384: "sha384", HS512: "sha512" }[alg];
    return b64url(wasm.cryptoHmac(hash, Uint8Array.from(bytesOf(secret, "utf8", "secret")), Buffer.from(input, "utf8")));
  };
  const signature = (alg, secret, input) => (alg === "none" ? "" : hmac(alg, secret, input));

  function sign(payload, secretOrPrivateKey, options, callback) {
    if (typeof options === "function") [callback, options] = [options, {}];
    else options = options || {};
    const isObjectPayload = typeof payload === "object" && !Buffer.isBuffer(payload);
    const header = Object.assign({ alg: options.algorithm || "HS256", typ: isObjectPayload ? "JWT" : undefined, kid: options.keyid }, options.header);
    const failure = (err) => {
      if (callback) return callback(err);
      throw err;
    };
    if (!secretOrPrivateKey && options.algorithm !== "none") return failure(new Error("secretOrPrivateKey must have a value"));
    const pem = typeof secretOrPrivateKey === "string" && PEM.test(secretOrPrivateKey);
    if (pem || (secretOrPrivateKey != null && typeof secretOrPrivateKey === "object" && !ArrayBuffer.isView(secretOrPrivateKey))) {
      return failure(new Error("The playground's jsonwebtoken signs with HMAC secrets only (HS256, HS384, HS512): pass a string secret."));
    }
    if (header.alg.startsWith("HS") === false && /^(?:RS|PS|ES)/.test(header.alg)) {
      return failure(new Error(`secretOrPrivateKey must be an asymmetric key when using ${header.alg}`));
    }
    if (typeof payload === "undefined") return failure(new Error("payload is required"));
    if (isObjectPayload) {
      try {
        validate(CLAIMS, true, payload, "payload");
      } catch (error) {
        return failure(error);
      }
      if (!options.mutatePayload) payload = Object.assign({}, payload);
    } else {
      const invalid = OBJECT_ONLY_OPTIONS.filter((opt) => typeof options[opt] !== "undefined");
      if (invalid.length > 0) return failure(new Error(`invalid ${invalid.join(",")} option for ${typeof payload} payload`));
    }
    if (typeof payload.exp !== "undefined" && typeof options.expiresIn !== "undefined") {
      return failure(new Error('Bad "options.expiresIn" option the payload already has an "exp" property.'));
    }
    if (typeof payload.nbf !== "undefined" && typeof options.notBefore !== "undefined") {
      return failure(new Error('Bad "options.notBefore" option the payload already has an "nbf" property.'));
    }
    try {
      validate(SIGN_OPTIONS, false, options, "options");
    } catch (error) {
      return failure(error);
    }
    const timestamp = payload.iat || Math.floor(Date.now() / 1000);
    if (options.noTimestamp) delete payload.iat;
    else if (isObjectPayload) payload.iat = timestamp;
    if (typeof options.notBefore !== "undefined") {
      payload.nbf = timespan(options.notBefore, timestamp);
      if (typeof payload.nbf === "undefined") return failure(new Error(`"notBefore" ${TIMESPAN_HINT}`));
    }
    if (typeof options.expiresIn !== "undefined" && typeof payload === "object") {
      payload.exp = timespan(options.expiresIn, timestamp);
      if (typeof payload.exp === "undefined") return failure(new Error(`"expiresIn" ${TIMESPAN_HINT}`));
    }
    for (const [key, claim] of Object.entries(OPTIONS_TO_CLAIMS)) {
      if (typeof options[key] === "undefined") continue;
      if (typeof payload[claim] !== "undefined") return failure(new Error(`Bad "options.${key}" option. The payload already has an "${claim}" property.`));
      payload[claim] = options[key];
    }
    const input = `${b64urlJson(header)}.${b64urlJson(Buffer.isBuffer(payload) ? payload.toString() : payload)}`;
    const token = `${input}.${signature(header.alg, secretOrPrivateKey, input)}`;
    if (typeof callback === "function") {
      queueMicrotask(() => callback(null, token));
      return undefined;
    }
    return token;
  }

  /** `jws.decode`: null unless the token has the shape and a JSON header. */
  function decodeParts(jwt) {
    if (typeof jwt !== "string" || !/^[a-zA-Z0-9\-_]+?\.[a-zA-Z0-9\-_]+?\.([a-zA-Z0-9\-_]+)?$/.test(jwt)) return null;
    const [h, p, signature] = jwt.split(".");
    let header;
    try {
      header = JSON.parse(Buffer.from(h, "base64").toString("utf8"));
    } catch {
      return null;
    }
    if (!header || typeof header !== "object") return null;
    let payload = Buffer.from(p, "base64").toString("utf8");
    if (header.typ === "JWT") payload = JSON.parse(payload);
    return { header, payload, signature };
  }

  function decode(jwt, options = {}) {
    const decoded = decodeParts(jwt);
    if (!decoded) return null;
    let { payload } = decoded;
    if (typeof payload === "string") {
      try {
        const obj = JSON.parse(payload);
        if (obj !== null && typeof obj === "object") payload = obj;
      } catch {
        // not JSON: the payload stays a string, as in the real package
      }
    }
    if (options.complete === true) return { header: decoded.header, payload, signature: decoded.signature };
    return payload;
  }

  function verify(jwtString, secretOrPublicKey, options, callback) {
    if (typeof options === "function" && !callback) [callback, options] = [options, {}];
    options = Object.assign({}, options || {});
    const done = callback || ((err, data) => {
      if (err) throw err;
      return data;
    });
    if (options.clockTimestamp && typeof options.clockTimestamp !== "number") return done(new JsonWebTokenError("clockTimestamp must be a number"));
    if (options.nonce !== undefined && (typeof options.nonce !== "string" || options.nonce.trim() === "")) return done(new JsonWebTokenError("nonce must be a non-empty string"));
    const clockTimestamp = options.clockTimestamp || Math.floor(Date.now() / 1000);
    if (!jwtString) return done(new JsonWebTokenError("jwt must be provided"));
    if (typeof jwtString !== "string") return done(new JsonWebTokenError("jwt must be a string"));
    const parts = jwtString.split(".");
    if (parts.length !== 3) return done(new JsonWebTokenError("jwt malformed"));
    let decoded;
    try {
      decoded = decode(jwtString, { complete: true });
    } catch (err) {
      return done(err);
    }
    if (!decoded) return done(new JsonWebTokenError("invalid token"));
    const { header } = decoded;
    let getSecret = (_header, cb) => cb(null, secretOrPublicKey);
    if (typeof secretOrPublicKey === "function") {
      if (!callback) return done(new JsonWebTokenError("verify must be called asynchronous if secret or public key is provided as a callback"));
      getSecret = secretOrPublicKey;
    }
    return getSecret(header, (err, secret) => {
      if (err) return done(new JsonWebTokenError("error in secret or public key callback: " + err.message));
      const hasSignature = parts[2].trim() !== "";
      if (!hasSignature && secret) return done(new JsonWebTokenError("jwt signature is required"));
      if (hasSignature && !secret) return done(new JsonWebTokenError("secret or public key must be provided"));
      if (!hasSignature && !options.algorithms) return done(new JsonWebTokenError('please specify "none" in "algorithms" to verify unsigned tokens'));
      if (!options.algorithms) options.algorithms = HS_ALGS;
      if (options.algorithms.indexOf(header.alg) === -1) return done(new JsonWebTokenError("invalid algorithm"));
      if (/^(?:RS|PS|ES)/.test(header.alg)) return done(new JsonWebTokenError(`secretOrPublicKey must be an asymmetric key when using ${header.alg}`));
      const input = `${parts[0]}.${parts[1]}`;
      if (signature(header.alg, secret, input) !== parts[2]) return done(new JsonWebTokenError("invalid signature"));
      const { payload } = decoded;
      if (typeof payload.nbf !== "undefined" && !options.ignoreNotBefore) {
        if (typeof payload.nbf !== "number") return done(new JsonWebTokenError("invalid nbf value"));
        if (payload.nbf > clockTimestamp + (options.clockTolerance || 0)) return done(new NotBeforeError("jwt not active", new Date(payload.nbf * 1000)));
      }
      if (typeof payload.exp !== "undefined" && !options.ignoreExpiration) {
        if (typeof payload.exp !== "number") return done(new JsonWebTokenError("invalid exp value"));
        if (clockTimestamp >= payload.exp + (options.clockTolerance || 0)) return done(new TokenExpiredError("jwt expired", new Date(payload.exp * 1000)));
      }
      if (options.audience) {
        const audiences = Array.isArray(options.audience) ? options.audience : [options.audience];
        const target = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
        const match = target.some((aud) => audiences.some((a) => (a instanceof RegExp ? a.test(aud) : a === aud)));
        if (!match) return done(new JsonWebTokenError("jwt audience invalid. expected: " + audiences.join(" or ")));
      }
      if (options.issuer) {
        const invalid = (typeof options.issuer === "string" && payload.iss !== options.issuer) || (Array.isArray(options.issuer) && options.issuer.indexOf(payload.iss) === -1);
        if (invalid) return done(new JsonWebTokenError("jwt issuer invalid. expected: " + options.issuer));
      }
      if (options.subject && payload.sub !== options.subject) return done(new JsonWebTokenError("jwt subject invalid. expected: " + options.subject));
      if (options.jwtid && payload.jti !== options.jwtid) return done(new JsonWebTokenError("jwt jwtid invalid. expected: " + options.jwtid));
      if (options.nonce && payload.nonce !== options.nonce) return done(new JsonWebTokenError("jwt nonce invalid. expected: " + options.nonce));
      if (options.maxAge) {
        if (typeof payload.iat !== "number") return done(new JsonWebTokenError("iat required when maxAge is specified"));
        const maxAgeTimestamp = timespan(options.maxAge, payload.iat);
        if (typeof maxAgeTimestamp === "undefined") return done(new JsonWebTokenError(`"maxAge" ${TIMESPAN_HINT}`));
        if (clockTimestamp >= maxAgeTimestamp + (options.clockTolerance || 0)) return done(new TokenExpiredError("maxAge exceeded", new Date(maxAgeTimestamp * 1000)));
      }
      if (options.complete === true) return done(null, { header, payload, signature: decoded.signature });
      return done(null, payload);
    });
  }

  const jwt = { sign, verify, decode, JsonWebTokenError, NotBeforeError, TokenExpiredError };
  return { default: jwt, ...jwt };
}
