// `cookie-parser` 1.4: fills `req.cookies` and `req.signedCookies` from the Cookie header.
// Parsing, decoding and signature checks are the engine's (`engine::cookie`); `j:` JSON
// cookies go through the JS engine's own JSON.parse, as in the real package.

import { parseCookies, secretBytes } from "./cookie.mjs";

/** The `cookie-parser` module for one program: default export plus its named helpers. */
export function createCookieParser(wasm) {
  const secretList = (secret) => (!secret || Array.isArray(secret) ? secret || [] : [secret]);

  function cookieParser(secret, options) {
    const secrets = secretList(secret);
    return function cookieParser(req, res, next) {
      if (req.cookies) return next();
      const cookies = req.headers.cookie;
      req.secret = secrets[0];
      req.cookies = Object.create(null);
      req.signedCookies = Object.create(null);
      if (!cookies) return next();
      req.cookies = parseCookies(wasm, cookies, options);
      if (secrets.length !== 0) {
        req.signedCookies = signedCookies(req.cookies, secrets);
        req.signedCookies = JSONCookies(req.signedCookies);
      }
      req.cookies = JSONCookies(req.cookies);
      next();
    };
  }

  /** The value of a `j:` cookie, or undefined when it is not one or is not valid JSON. */
  function JSONCookie(str) {
    if (typeof str !== "string" || str.substr(0, 2) !== "j:") return undefined;
    try {
      return JSON.parse(str.slice(2));
    } catch {
      return undefined;
    }
  }

  function JSONCookies(obj) {
    for (const key of Object.keys(obj)) {
      const val = JSONCookie(obj[key]);
      if (val) obj[key] = val;
    }
    return obj;
  }

  /** The value of an `s:` cookie whose signature matches a secret, `false` when none does. */
  function signedCookie(str, secret) {
    if (typeof str !== "string") return undefined;
    if (str.substr(0, 2) !== "s:") return str;
    for (const s of secretList(secret)) {
      // cookie-parser's own cookie-signature (1.0) takes string secrets only.
      if (typeof s !== "string") throw new TypeError("Secret string must be provided.");
      const val = wasm.cookieUnsign(str.slice(2), secretBytes(s));
      if (val !== undefined) return val;
    }
    return false;
  }

  function signedCookies(obj, secret) {
    const ret = Object.create(null);
    for (const key of Object.keys(obj)) {
      const val = obj[key];
      const dec = signedCookie(val, secret);
      if (val !== dec) {
        ret[key] = dec;
        delete obj[key];
      }
    }
    return ret;
  }

  const named = { JSONCookie, JSONCookies, signedCookie, signedCookies };
  Object.assign(cookieParser, named);
  return { default: cookieParser, ...named };
}
