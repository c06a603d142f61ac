// App settings as Express 5 keeps them: `app.set()` compiles the settings that have a derived
// function (`etag fn`, `query parser fn`), and a mounted app's settings inherit from its
// parent's through the prototype chain.

import { parseQuerySimple } from "./request.mjs";

/** Marks the built-in ETag generators so `res.send` can let the engine compute them. */
export const weakETag = Object.assign(() => undefined, { kind: "weak" });
export const strongETag = Object.assign(() => undefined, { kind: "strong" });

/** `compileETag` of Express's utils. */
export function compileETag(val) {
  if (typeof val === "function") return val;
  switch (val) {
    case true:
    case "weak":
      return weakETag;
    case false:
      return undefined;
    case "strong":
      return strongETag;
    default:
      throw new TypeError(`unknown value for etag function: ${val}`);
  }
}

/** `compileQueryParser`: the simple parser is Node's querystring, extended is `qs`. */
export function compileQueryParser(val, extended) {
  if (typeof val === "function") return val;
  switch (val) {
    case true:
    case "simple":
      return parseQuerySimple;
    case false:
      return undefined;
    case "extended":
      return extended;
    default:
      throw new TypeError(`unknown value for query parser function: ${val}`);
  }
}

/** Express 5's `defaultConfiguration`, in its order. */
export function defaultSettings(app, env) {
  app.enable("x-powered-by");
  app.set("etag", "weak");
  app.set("env", env);
  app.set("query parser", "simple");
  app.set("subdomain offset", 2);
  app.set("trust proxy", false);
  app.set("view", View);
  app.set("views", "/app/views");
  app.set("jsonp callback name", "callback");
  if (env === "production") app.enable("view cache");
}

/**
 * `compileTrust` of Express. Address lists go through `proxy-addr`'s `compile`, which is the
 * engine's (`engine::proxy`): its errors (`invalid IP address: x`) are thrown here, at
 * `app.set('trust proxy', ...)`, as in Express.
 */
export function compileTrust(val, wasm) {
  if (typeof val === "function") return val;
  if (val === true) return () => true;
  if (typeof val === "number") return (a, i) => i < val;
  const list = typeof val === "string" ? val.split(",").map((v) => v.trim()) : val || [];
  if (!Array.isArray(list)) throw new TypeError("unsupported trust argument");
  const trust = wasm.TrustProxy.compile(list.map(String));
  return (addr, i) => trust.trusts(String(addr), i);
}

/** The view engine is not part of the playground: rendering says so plainly. */
export class View {
  constructor(name) {
    throw new Error(`Failed to lookup view "${name}": the playground has no views folder or template engine; send HTML with res.send() instead.`);
  }
}
