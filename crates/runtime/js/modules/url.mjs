// `node:url`: the WHATWG `URL` and `URLSearchParams` (the platform's, which Node's follow), and
// Node 20's helpers around them, ported from lib/url.js and lib/internal/url.js with their
// checks and error codes: `fileURLToPath`, `pathToFileURL` (POSIX, resolved against the
// program's process.cwd()), `format` (of a URL with options, and of a legacy url object),
// `domainToASCII`, `domainToUnicode` and `urlToHttpOptions`.
//
// The legacy parser (`url.parse`, `url.resolve`, `url.resolveObject`, `Url`) is left out: it is
// a thousand lines of its own rules (and querystring's) that `new URL()` and Express's
// `req.query` replace. `import { parse } from "url"` says so when the program is linked.
//
// Ported from Node.js lib/url.js, lib/internal/url.js and lib/querystring.js, Copyright Joyent,
// Inc. and other Node contributors, under the MIT license.

import { invalidArgType, nodeError, validateObject, validateString } from "./errors.mjs";

/** The platform's classes, kept before learner code could replace the globals. */
const { URL, URLSearchParams } = globalThis;

/**
 * Node's `new URL(input)`, whose failure (thrown by its native parser) is a plain TypeError
 * with code ERR_INVALID_URL and the input: "TypeError: Invalid URL", without the code.
 */
function parseURL(input) {
  try {
    return new URL(input);
  } catch {
    throw Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL", input });
  }
}

/** Node's `isURL`: a WHATWG URL, not a legacy url object (which has `auth` and `path`). */
const isURL = (self) => Boolean(self?.href && self.protocol && self.auth === undefined && self.path === undefined);

const invalidFileUrlPath = (why) => nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", `File URL path ${why}`);

function missingDomain(args) {
  if (args.length < 1) throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "domain" argument must be specified');
}

/**
 * `domain` as the hostname setter of a special URL parses it (Node sets it on "ws://x"), or
 * "" when the setter refuses it: two URLs that end with the same hostname took it.
 */
function asHostname(domain) {
  if (domain === "") return "";
  const [a, b] = [new URL("ws://x"), new URL("ws://y")];
  a.hostname = b.hostname = domain;
  return a.hostname === b.hostname ? a.hostname : "";
}

function domainToASCII(domain) {
  missingDomain(arguments);
  return asHostname(`${domain}`);
}

function domainToUnicode(domain) {
  missingDomain(arguments);
  return toUnicode(asHostname(`${domain}`));
}

/** Each `xn--` label of an ASCII `host` decoded from Punycode (ada's idna::to_unicode). */
function toUnicode(host) {
  return host
    .split(".")
    .map((label) => (/^xn--[\x00-\x7f]*$/.test(label) ? (punycodeDecode(label.slice(4)) ?? label) : label))
    .join(".");
}

/** RFC 3492 decoding of a Punycode label; null when it is not valid Punycode. */
function punycodeDecode(input) {
  const BASE = 36;
  const out = [];
  const basic = Math.max(0, input.lastIndexOf("-"));
  for (let j = 0; j < basic; j++) out.push(input.charCodeAt(j));
  let [n, i, bias] = [128, 0, 72];
  for (let at = basic > 0 ? basic + 1 : 0; at < input.length; ) {
    const oldi = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (at >= input.length) return null;
      const c = input.charCodeAt(at++);
      const digit = c >= 48 && c <= 57 ? c - 22 : c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 97 : BASE;
      if (digit >= BASE) return null;
      i += digit * w;
      const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (i > 0x7fffffff || w > 0x7fffffff) return null;
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff) return null;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}

function adapt(delta, points, first) {
  delta = first ? Math.floor(delta / 700) : delta >> 1;
  delta += Math.floor(delta / points);
  let k = 0;
  for (; delta > 455; k += 36) delta = Math.floor(delta / 35);
  return k + Math.floor((36 * delta) / (delta + 38));
}

/** A POSIX file URL's path: no host, no encoded "/", then percent-decoded. */
function pathFromURLPosix(url) {
  if (url.hostname !== "") throw nodeError(TypeError, "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux');
  const { pathname } = url;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === "%" && pathname[n + 1] === "2" && (pathname.codePointAt(n + 2) | 0x20) === 102) {
      throw invalidFileUrlPath("must not include encoded / characters");
    }
  }
  return decodeURIComponent(pathname);
}

/** A Windows file URL's path (`{ windows: true }`): a drive path, or a UNC one for a host. */
function pathFromURLWin32(url) {
  let { hostname, pathname } = url;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === "%") {
      const third = pathname.codePointAt(n + 2) | 0x20;
      if ((pathname[n + 1] === "2" && third === 102) || (pathname[n + 1] === "5" && third === 99)) {
        throw invalidFileUrlPath("must not include encoded \\ or / characters");
      }
    }
  }
  pathname = decodeURIComponent(pathname.replace(/\//g, "\\"));
  if (hostname !== "") return `\\\\${domainToUnicode(hostname)}${pathname}`;
  const letter = pathname.codePointAt(1) | 0x20;
  if (letter < 97 || letter > 122 || pathname.charAt(2) !== ":") throw invalidFileUrlPath("must be absolute");
  return pathname.slice(1);
}

function fileURLToPath(path, options = {}) {
  if (typeof path === "string") path = parseURL(path);
  else if (!isURL(path)) throw invalidArgType("path", "of type string or an instance of URL", path);
  if (path.protocol !== "file:") throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
  return options?.windows ? pathFromURLWin32(path) : pathFromURLPosix(path);
}

/** The characters pathToFileURL percent-encodes, in Node's order ("%" first). */
const PATH_CHARS = [
  ["%", "%25"], ["\t", "%09"], ["\n", "%0A"], ["\r", "%0D"], [" ", "%20"], ['"', "%22"], ["#", "%23"], ["?", "%3F"],
  ["[", "%5B"], ["\\", "%5C"], ["]", "%5D"], ["^", "%5E"], ["|", "%7C"], ["~", "%7E"],
];

const encodePathChars = (filepath) => PATH_CHARS.reduce((p, [c, code]) => p.replaceAll(c, code), filepath);

/** The `url` module of a program whose `path` module is `path` (its resolve knows the cwd). */
export function createUrl(path) {
  function pathToFileURL(filepath, options) {
    validateString(filepath, "path");
    if (options?.windows) {
      throw nodeError(Error, "ERR_PLAYGROUND_UNSUPPORTED", 'The playground does not provide pathToFileURL(path, { windows: true }): your server runs as on Linux (process.platform is "linux"), without path.win32.');
    }
    let resolved = path.resolve(filepath);
    // resolve drops a trailing slash; the URL keeps it.
    if (filepath.charCodeAt(filepath.length - 1) === 47 && resolved[resolved.length - 1] !== "/") resolved += "/";
    return new URL(`file://${encodePathChars(resolved)}`);
  }

  return { format: urlFormat, URL, URLSearchParams, domainToASCII, domainToUnicode, pathToFileURL, fileURLToPath, urlToHttpOptions };
}

/** `url.format(urlObject[, options])`: a WHATWG URL with options, or a legacy url object. */
function urlFormat(urlObject, options) {
  if (typeof urlObject === "string") {
    throw nodeError(
      Error,
      "ERR_PLAYGROUND_UNSUPPORTED",
      "The playground's node:url does not provide url.format(string): it goes through url.parse(), which the playground leaves out. Use new URL(string).href instead.",
    );
  }
  if (typeof urlObject !== "object" || urlObject === null) throw invalidArgType("urlObject", "one of type object or string", urlObject);
  if (urlObject instanceof URL) {
    const flags = { fragment: true, unicode: false, search: true, auth: true };
    if (options) {
      validateObject(options, "options");
      for (const k of Object.keys(flags)) if (options[k] != null) flags[k] = Boolean(options[k]);
    }
    return formatURL(urlObject.href, flags);
  }
  return legacyFormat(urlObject);
}

/** Node's native URL format: `href` without what the flags turn off, its host in Unicode if asked. */
function formatURL(href, { fragment, unicode, search, auth }) {
  const out = new URL(href);
  if (!fragment) out.hash = "";
  if (!search) out.search = "";
  if (!auth) out.username = out.password = "";
  if (!unicode || !out.hostname) return out.href;
  const userinfo = out.username || out.password ? `${out.username}${out.password ? `:${out.password}` : ""}@` : "";
  const start = out.protocol.length + 2 + userinfo.length;
  return out.href.slice(0, start) + toUnicode(out.hostname) + out.href.slice(start + out.hostname.length);
}

/** Protocols that always have "//" after them in a legacy url. */
const SLASHED = new Set(["http:", "https:", "ftp:", "gopher:", "file:", "ws:", "wss:"]);

/** Node's `Url.prototype.format`, for a url object such as `{ protocol, host, pathname, query }`. */
function legacyFormat(url) {
  let auth = url.auth || "";
  if (auth) auth = `${encodeStr(auth, true)}@`;
  let protocol = url.protocol || "";
  let pathname = url.pathname || "";
  let hash = url.hash || "";
  let host = "";
  let query = "";
  if (url.host) {
    host = auth + url.host;
  } else if (url.hostname) {
    const h = url.hostname;
    host = auth + (h.includes(":") && !(h[0] === "[" && h[h.length - 1] === "]") ? `[${h}]` : h);
    if (url.port) host += `:${url.port}`;
  }
  if (url.query !== null && typeof url.query === "object") query = stringifyQuery(url.query);
  let search = url.search || (query && `?${query}`) || "";
  if (protocol && protocol.charCodeAt(protocol.length - 1) !== 58) protocol += ":";
  pathname = escapePathname(pathname);
  // Only the slashed protocols get the "//" (not mailto:), unless the object had them.
  if (url.slashes || SLASHED.has(protocol)) {
    if (url.slashes || host) {
      if (pathname && pathname.charCodeAt(0) !== 47) pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol.length >= 4 && protocol.startsWith("file")) {
      host = "//";
    }
  }
  search = search.replace(/#/g, "%23");
  if (hash && hash.charCodeAt(0) !== 35) hash = `#${hash}`;
  if (search && search.charCodeAt(0) !== 63) search = `?${search}`;
  return protocol + host + pathname + search + hash;
}

/** "#" and "?" in a legacy pathname, escaped (Node walks `length`, so a number passes as is). */
function escapePathname(pathname) {
  let out = "";
  for (let i = 0; i < pathname.length; ++i) {
    const c = pathname.charCodeAt(i);
    out += c === 35 ? "%23" : c === 63 ? "%3F" : pathname[i];
  }
  return out || pathname;
}

const HEX = Array.from({ length: 256 }, (_, i) => `%${i < 16 ? "0" : ""}${i.toString(16).toUpperCase()}`);
const UNESCAPED = /[A-Za-z0-9!'()*\-._~]/;

/**
 * querystring's `encodeStr`: UTF-8 percent-encoding of all but A-Z a-z 0-9 ! ' ( ) * - . _ ~
 * (and ":" in `auth`); it pairs a surrogate with whatever follows, and gives back a value
 * without characters (a number) as it is, as Node's does.
 */
function encodeStr(str, auth) {
  let out = "";
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) out += UNESCAPED.test(str[i]) || (auth && c === 58) ? str[i] : HEX[c];
    else if (c < 0x800) out += HEX[0xc0 | (c >> 6)] + HEX[0x80 | (c & 0x3f)];
    else if (c < 0xd800 || c >= 0xe000) out += HEX[0xe0 | (c >> 12)] + HEX[0x80 | ((c >> 6) & 0x3f)] + HEX[0x80 | (c & 0x3f)];
    else {
      if (++i >= str.length) throw nodeError(URIError, "ERR_INVALID_URI", "URI malformed");
      c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
      out += HEX[0xf0 | (c >> 18)] + HEX[0x80 | ((c >> 12) & 0x3f)] + HEX[0x80 | ((c >> 6) & 0x3f)] + HEX[0x80 | (c & 0x3f)];
    }
  }
  return out || str;
}

/** querystring's `encodeStringified`: a key or value as `querystring.stringify` writes it. */
function encodeValue(v) {
  if (typeof v === "string") return v.length ? encodeStr(v, false) : "";
  if (typeof v === "number" && Number.isFinite(v)) return Math.abs(v) < 1e21 ? `${v}` : encodeStr(`${v}`, false);
  if (typeof v === "bigint") return `${v}`;
  if (typeof v === "boolean") return v ? "true" : "false";
  return "";
}

/** `querystring.stringify(obj)` with its defaults ("&", "="): arrays repeat the key. */
function stringifyQuery(obj) {
  const fields = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const ks = `${encodeValue(k)}=`;
    if (Array.isArray(v)) {
      if (v.length) fields.push(v.map((x) => ks + encodeValue(x)).join("&"));
    } else {
      fields.push(ks + encodeValue(v));
    }
  }
  return fields.join("&");
}

/** Node's `urlToHttpOptions`: a URL as the options object `http.request` takes. */
function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: hostname && hostname[0] === "[" ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ""}${search || ""}`,
    href: url.href,
  };
  if (port !== "") options.port = Number(port);
  if (username || password) options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
  return options;
}
