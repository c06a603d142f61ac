// How `import` and `require` find a module, and how they fail: as Node 20.20.2 does, with its
// messages, codes, frames and source excerpts, so that a learner who imports a package that is
// not installed, a file of their own, or a name a package does not export reads what
// `node server.js` would print. After the crash report, one line says what the playground has.

import { asNodeError } from "./stack.mjs";
import { kLacking } from "./node-errors.mjs";

/** `path`'s and `path/posix`'s. */
const PATH_EXPORTS = "_makeLong basename delimiter dirname extname format isAbsolute join matchesGlob normalize parse posix relative resolve sep toNamespacedPath win32";

/**
 * The named exports Node 20 gives each provided module: for the CommonJS packages, what its
 * static analysis (cjs-module-lexer) finds in the package's source; for the built-ins, their
 * keys. Read off Node 20.20.2 with `Object.keys(await import(name))`. A name outside these
 * lists is a SyntaxError in Node even where the playground's object has it (`import { sign }
 * from "jsonwebtoken"` fails in Node too).
 */
const NODE_EXPORTS = {
  express: "Route Router application json raw request response static text urlencoded",
  "cookie-parser": "JSONCookie JSONCookies signedCookie signedCookies",
  cors: "",
  morgan: "compile format token",
  jsonwebtoken: "decode",
  buffer: "Blob Buffer File INSPECT_MAX_BYTES SlowBuffer atob btoa constants isAscii isUtf8 kMaxLength kStringMaxLength resolveObjectURL transcode",
  crypto:
    "Certificate Cipher Cipheriv Decipher Decipheriv DiffieHellman DiffieHellmanGroup ECDH Hash Hmac KeyObject Sign Verify X509Certificate checkPrime checkPrimeSync constants createCipher createCipheriv createDecipher createDecipheriv createDiffieHellman createDiffieHellmanGroup createECDH createHash createHmac createPrivateKey createPublicKey createSecretKey createSign createVerify diffieHellman generateKey generateKeyPair generateKeyPairSync generateKeySync generatePrime generatePrimeSync getCipherInfo getCiphers getCurves getDiffieHellman getFips getHashes getRandomValues hash hkdf hkdfSync pbkdf2 pbkdf2Sync privateDecrypt privateEncrypt prng pseudoRandomBytes publicDecrypt publicEncrypt randomBytes randomFill randomFillSync randomInt randomUUID rng scrypt scryptSync secureHeapUsed setEngine setFips sign subtle timingSafeEqual verify webcrypto",
  events: "EventEmitter EventEmitterAsyncResource addAbortListener captureRejectionSymbol captureRejections defaultMaxListeners errorMonitor getEventListeners getMaxListeners init listenerCount on once setMaxListeners usingDomains",
  path: PATH_EXPORTS,
  "path/posix": PATH_EXPORTS,
  timers: "clearImmediate clearInterval clearTimeout promises setImmediate setInterval setTimeout",
  "timers/promises": "scheduler setImmediate setInterval setTimeout",
  url: "URL URLSearchParams Url domainToASCII domainToUnicode fileURLToPath format parse pathToFileURL resolve resolveObject urlToHttpOptions",
  util:
    "MIMEParams MIMEType TextDecoder TextEncoder _errnoException _exceptionWithHostPort _extend aborted callbackify debug debuglog deprecate format formatWithOptions getSystemErrorMap getSystemErrorName inherits inspect isArray isBoolean isBuffer isDate isDeepStrictEqual isError isFunction isNull isNullOrUndefined isNumber isObject isPrimitive isRegExp isString isSymbol isUndefined log parseArgs promisify stripVTControlCharacters styleText toUSVString transferableAbortController transferableAbortSignal types",
};

/** Node 20's built-in modules (`require("module").builtinModules`, without the `_` ones). */
const NODE_BUILTINS = new Set(
  (
    "assert assert/strict async_hooks buffer child_process cluster console constants crypto dgram diagnostics_channel dns dns/promises domain " +
    "events fs fs/promises http http2 https inspector inspector/promises module net os path path/posix path/win32 perf_hooks process punycode " +
    "querystring readline readline/promises repl stream stream/consumers stream/promises stream/web string_decoder sys timers timers/promises " +
    "tls trace_events tty url util util/types v8 vm wasi worker_threads zlib"
  ).split(" "),
);

/** The CommonJS packages: Node's message for a missing named export shows how to import them. */
const COMMONJS_PACKAGES = new Set(["express", "cookie-parser", "cors", "morgan", "jsonwebtoken"]);

const RESOLVE_TAIL = [
  "moduleResolve (node:internal/modules/esm/resolve:946:18)",
  "defaultResolve (node:internal/modules/esm/resolve:1188:11)",
  "ModuleLoader.defaultResolve (node:internal/modules/esm/loader:708:12)",
  "#cachedDefaultResolve (node:internal/modules/esm/loader:657:25)",
  "ModuleLoader.resolve (node:internal/modules/esm/loader:640:38)",
  "ModuleLoader.getModuleJobForImport (node:internal/modules/esm/loader:264:38)",
];
/** What asked for the module: linking a static import, or `import()`. */
const ASKED_BY = {
  import: ["ModuleJob._link (node:internal/modules/esm/module_job:168:49)"],
  dynamic: [
    "ModuleLoader.import (node:internal/modules/esm/loader:605:34)",
    "defaultImportModuleDynamicallyForModule (node:internal/modules/esm/utils:221:31)",
    "importModuleDynamicallyCallback (node:internal/modules/esm/utils:260:12)",
  ],
};
const REQUIRE_FRAMES = [
  "Module._load (node:internal/modules/cjs/loader:1038:27)",
  "Module.require (node:internal/modules/cjs/loader:1289:19)",
  "require (node:internal/modules/helpers:182:18)",
];
const INSTANTIATE_FRAMES = [
  "ModuleJob._instantiate (node:internal/modules/esm/module_job:213:21)",
  "async ModuleJob.run (node:internal/modules/esm/module_job:320:5)",
  "async ModuleLoader.import (node:internal/modules/esm/loader:606:24)",
  "async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:117:5)",
];

const list = (names) => (names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

/** An error with Node's `code` (shown in the headline when `coded`) and extra fields. */
function nodeError(Kind, message, code, fields = {}) {
  const e = new Kind(message);
  Object.defineProperty(e, "code", { value: code, enumerable: true, writable: true, configurable: true });
  Object.assign(e, fields);
  return e;
}

/**
 * The resolver of one program in `filename`, over `modules` (the provided modules by name,
 * without `node:`): `resolve(name, how)` for `how` = "import" (linking), "dynamic" (`import()`)
 * or "require"; `namespace(name)` for `import * as` and `import()`; `link(source)` checks a
 * module's static imports before it runs.
 */
export function createResolver(modules, filename) {
  const file = `/app/${filename}`;
  const provided = Object.keys(modules).map((m) => (NODE_BUILTINS.has(m) ? `node:${m}` : m));
  const providedHint = `playground: the playground provides ${list(provided)}.`;

  /** The hint after the crash report, and where the import is, for `run()` and the editor. */
  const mark = (e, options) => asNodeError(e, { ...options, hint: options.hint ?? providedHint });

  function notFound(name, how, at) {
    const isPath = /^(\.{1,2}\/|\/)/.test(name);
    const hint = isPath ? `playground: the playground runs one file, ${filename}; put the code of ${name} in it.` : undefined;
    if (how === "require") {
      const e = nodeError(Error, `Cannot find module '${name}'\nRequire stack:\n- ${file}`, "MODULE_NOT_FOUND", { requireStack: [file] });
      return mark(e, { frames: ["Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)", ...REQUIRE_FRAMES], learner: true, arrow: "node:internal/modules/cjs/loader:1210\n  throw err;\n  ^\n", hint });
    }
    const root = name.split("/").slice(0, name.startsWith("@") ? 2 : 1).join("/");
    if (isPath || modules[root]) {
      // A file: the learner's own, or one inside an installed package.
      const path = isPath ? new URL(name, `file://${file}`).pathname : `/app/node_modules/${name}`;
      const e = nodeError(Error, `Cannot find module '${path}' imported from ${file}`, "ERR_MODULE_NOT_FOUND", { url: `file://${path}` });
      return mark(e, { frames: ["finalizeResolution (node:internal/modules/esm/resolve:283:11)", "moduleResolve (node:internal/modules/esm/resolve:952:10)", ...RESOLVE_TAIL.slice(1), ...ASKED_BY[how]], coded: true, arrow: "node:internal/modules/esm/resolve:283\n    throw new ERR_MODULE_NOT_FOUND(\n          ^\n", at, hint });
    }
    const e = nodeError(Error, `Cannot find package '${name}' imported from ${file}`, "ERR_MODULE_NOT_FOUND");
    return mark(e, { frames: ["packageResolve (node:internal/modules/esm/resolve:873:9)", ...RESOLVE_TAIL, ...ASKED_BY[how]], coded: true, arrow: "node:internal/modules/esm/resolve:873\n  throw new ERR_MODULE_NOT_FOUND(packageName, fileURLToPath(base), null);\n        ^\n", at });
  }

  function unknownBuiltin(name, how, at) {
    const e = nodeError(Error, `No such built-in module: ${name}`, "ERR_UNKNOWN_BUILTIN_MODULE");
    if (how === "require") {
      return mark(e, { frames: ["Module._load (node:internal/modules/cjs/loader:1031:13)", ...REQUIRE_FRAMES.slice(1)], learner: true, coded: true, arrow: "node:internal/modules/cjs/loader:1031\n      throw new ERR_UNKNOWN_BUILTIN_MODULE(request);\n      ^\n" });
    }
    const frames = ["ModuleLoader.builtinStrategy (node:internal/modules/esm/translators:391:11)", "#translate (node:internal/modules/esm/loader:497:12)", "ModuleLoader.loadAndTranslate (node:internal/modules/esm/loader:544:27)"];
    return mark(e, { frames, coded: true, arrow: "node:internal/modules/esm/translators:391\n    throw new ERR_UNKNOWN_BUILTIN_MODULE(url);\n          ^\n", at });
  }

  /** A module Node has and the playground does not: said as the playground's own error. */
  function unsupported(name, at, source) {
    const e = nodeError(Error, `The playground does not provide ${name}: your server runs in the browser, where Node's ${name} module does not exist.`, "ERR_PLAYGROUND_UNSUPPORTED");
    return mark(e, { learner: true, arrow: at && source ? excerpt(source, at, true) : undefined, at });
  }

  function resolve(name, how = "require", at, source) {
    name = String(name);
    const bare = name.startsWith("node:") ? name.slice(5) : name;
    const m = modules[bare];
    if (m && (bare !== name ? NODE_BUILTINS.has(bare) : true)) return m;
    if (name.startsWith("node:") && !NODE_BUILTINS.has(bare)) throw unknownBuiltin(name, how, at);
    if (NODE_BUILTINS.has(bare)) throw unsupported(name.startsWith("node:") ? name : `node:${name}`, at, source);
    throw notFound(name, how, at);
  }

  const namespaces = new Map();
  /** The module namespace Node builds: `default` and the names it exports, sorted. */
  function namespace(name, how = "dynamic") {
    const m = resolve(name, how);
    if (!namespaces.has(m)) {
      const key = String(name).replace(/^node:/, "");
      const names = NODE_EXPORTS[key] ? NODE_EXPORTS[key].split(" ") : Object.keys(m);
      const ns = Object.create(null);
      for (const k of ["default", ...names].sort()) if (k in m) ns[k] = m[k];
      Object.defineProperty(ns, Symbol.toStringTag, { value: "Module" });
      namespaces.set(m, Object.freeze(ns));
    }
    return namespaces.get(m);
  }

  /**
   * Links `source`'s static imports as Node does before running any of it: every specifier
   * resolves, then every imported name exists. Throws the first failure.
   */
  function link(source) {
    for (const imp of source.imports) resolve(imp.specifier, "import", { line: imp.line, column: imp.column, length: imp.length }, source);
    for (const imp of source.imports) {
      const key = imp.specifier.replace(/^node:/, "");
      const names = NODE_EXPORTS[key] !== undefined ? NODE_EXPORTS[key].split(" ").filter(Boolean) : Object.keys(modules[key]);
      const exported = new Set(["default", ...names]);
      for (const n of imp.names) {
        const at = { line: n.line, column: n.column, length: n.length };
        if (!exported.has(n.name)) throw missingExport(imp.specifier, n.name, at, source);
        // A name the playground lacks is absent, or a stand-in that throws when called.
        if (!(n.name in modules[key]) || modules[key][n.name]?.[kLacking]) {
          const e = nodeError(Error, `The playground's ${imp.specifier} does not provide ${n.name}, which Node's does.`, "ERR_PLAYGROUND_UNSUPPORTED");
          throw asNodeError(e, { frames: [`${source.location}:${n.line}:${n.column + 1}`], arrow: excerpt(source, at, true), at });
        }
      }
    }
  }

  /** Node's SyntaxError for `import { name }` that `specifier` does not export. */
  function missingExport(specifier, name, at, source) {
    let message = `The requested module '${specifier}' does not provide an export named '${name}'`;
    if (COMMONJS_PACKAGES.has(specifier)) {
      // Node rebuilds the import as a destructuring from the one line the error points at.
      const braces = /{.*}/.exec(source.lines[at.line - 1] ?? "");
      const destructuring = braces && braces[0].replace(/\s+as\s+/g, ": ");
      message =
        `Named export '${name}' not found. The requested module '${specifier}' is a CommonJS module, which may not support all module.exports as named exports.\n` +
        `CommonJS modules can always be imported via the default export, for example using:\n\nimport pkg from '${specifier}';\n${destructuring ? `const ${destructuring} = pkg;\n` : ""}`;
    }
    return asNodeError(new SyntaxError(message), { frames: INSTANTIATE_FRAMES, arrow: excerpt(source, at, false), at });
  }

  return { resolve, namespace, link };
}

/**
 * The learner's line with carets under `at` (`{ line, column, length }`, 0-based column), as
 * Node prints it above a SyntaxError (`newline`: followed by the blank line other errors get).
 */
function excerpt(source, { line, column, length = 1 }, newline) {
  const text = source.lines[line - 1] ?? "";
  return `${source.location}:${line}\n${text}\n${text.slice(0, column).replace(/[^\t]/g, " ")}${"^".repeat(Math.max(1, length))}${newline ? "\n" : ""}`;
}
