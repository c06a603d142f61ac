// The `cookie` and `cookie-signature` packages as Express and cookie-parser call them. The
// rules (name/value/attribute checks, encoding, HMAC signatures) are the engine's
// (`engine::cookie`); this file only turns JS values into what those rules take, with the
// same coercions the packages apply.

const utf8 = new TextEncoder();

/** A signing secret as bytes: a string is UTF-8, a Buffer or typed array is used as is. */
export function secretBytes(secret) {
  if (ArrayBuffer.isView(secret)) return new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength);
  return utf8.encode(String(secret));
}

/** `cookie.parse(str, options)`: a plain object, as the package returns. */
export function parseCookies(wasm, str, options) {
  if (typeof str !== "string") throw new TypeError("argument str must be a string");
  const decode = options && options.decode;
  const pairs = wasm.cookieParse(str, !decode);
  const obj = {};
  for (let i = 0; i < pairs.length; i += 2) {
    let value = pairs[i + 1];
    if (decode) {
      try {
        value = decode(value);
      } catch {
        // `tryDecode`: a value that does not decode stays as sent.
      }
    }
    obj[pairs[i]] = value;
  }
  return obj;
}

/** `cookie.serialize(name, val, opt)`, throwing the package's TypeErrors. */
export function serializeCookie(wasm, name, val, opt) {
  const custom = opt && opt.encode;
  if (custom && typeof custom !== "function") throw new TypeError("option encode is invalid");
  name = String(name);
  let value = val;
  if (custom) {
    // The name is checked before a custom encode runs, as in `cookie`.
    if (!wasm.cookieNameValid(name)) throw new TypeError("argument name is invalid");
    value = custom(val);
  }
  if (!opt) return wasm.cookieSerialize(name, String(value), { encoded: !!custom });
  const text = (v) => (v ? String(v) : undefined);
  const expires = opt.expires
    ? Object.prototype.toString.call(opt.expires) === "[object Date]" ? opt.expires.valueOf() : NaN
    : undefined;
  const sameSite = opt.sameSite === true ? "strict" : opt.sameSite ? (typeof opt.sameSite === "string" ? opt.sameSite : "") : undefined;
  return wasm.cookieSerialize(name, String(value), {
    encoded: !!custom,
    maxAge: opt.maxAge != null ? +opt.maxAge : undefined,
    domain: text(opt.domain),
    path: text(opt.path),
    expires,
    httpOnly: !!opt.httpOnly,
    secure: !!opt.secure,
    partitioned: !!opt.partitioned,
    priority: opt.priority ? (typeof opt.priority === "string" ? opt.priority : "") : undefined,
    sameSite,
  });
}

/** cookie-signature 1.2's `sign(val, secret)` (Express's). */
export function signCookie(wasm, val, secret) {
  if (typeof val !== "string") throw new TypeError("Cookie value must be provided as a string.");
  if (secret == null) throw new TypeError("Secret key must be provided.");
  return wasm.cookieSign(val, secretBytes(secret));
}

/**
 * Express's `res.cookie(name, value, options)`: JSON for objects, the cookie-parser secret
 * for `signed`, `maxAge` in milliseconds turned into `Max-Age` (seconds) and `Expires`.
 * Returns the `Set-Cookie` line.
 */
export function expressCookie(wasm, secret, name, value, options) {
  const opts = { ...options };
  const signed = opts.signed;
  if (signed && !secret) throw new Error('cookieParser("secret") required for signed cookies');
  let val = typeof value === "object" ? "j:" + JSON.stringify(value) : String(value);
  if (signed) val = "s:" + signCookie(wasm, val, secret);
  if (opts.maxAge != null) {
    const maxAge = opts.maxAge - 0;
    if (!isNaN(maxAge)) {
      opts.expires = new Date(Date.now() + maxAge);
      opts.maxAge = Math.floor(maxAge / 1000);
    }
  }
  if (opts.path == null) opts.path = "/";
  return serializeCookie(wasm, name, String(val), opts);
}
