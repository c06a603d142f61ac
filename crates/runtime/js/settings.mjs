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
export function defaultSettings(app, env, View) {
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

/** Where Express requires a view engine from, as Node lists it (an ES module's file is not). */
const VIEW_REQUIRE_STACK = ["/app/node_modules/express/lib/view.js", "/app/node_modules/express/lib/application.js", "/app/node_modules/express/lib/express.js"];

/**
 * Express's `View` for a program (`source` is its file), with no disk to look in: the same
 * checks and errors (no default engine, an engine module that cannot be required), and then
 * no view file is ever found, so `app.render` fails as Node's does without a views folder.
 * `note` says why, once.
 */
export function createView(source, note) {
  const requireStack = source.isModule ? VIEW_REQUIRE_STACK : [...VIEW_REQUIRE_STACK, "/app/node_modules/express/index.js", `/app/${source.filename}`];
  return class View {
    constructor(name, options = {}) {
      this.defaultEngine = options.defaultEngine;
      this.ext = extname(name);
      this.name = name;
      this.root = options.root;
      if (!this.ext && !this.defaultEngine) throw new Error("No default engine was specified and no extension was provided.");
      let fileName = name;
      if (!this.ext) {
        this.ext = this.defaultEngine[0] !== "." ? "." + this.defaultEngine : this.defaultEngine;
        fileName += this.ext;
      }
      if (!options.engines[this.ext]) {
        const mod = this.ext.slice(1);
        note(`the playground provides no template engine: there is no ${JSON.stringify(mod)} module to render views with. Send HTML with res.send() instead.`);
        const err = new Error(`Cannot find module '${mod}'\nRequire stack:\n${requireStack.map((p) => `- ${p}`).join("\n")}`);
        throw Object.assign(err, { code: "MODULE_NOT_FOUND", requireStack: [...requireStack] });
      }
      this.engine = options.engines[this.ext];
      this.path = this.lookup(fileName);
    }

    /** No disk: no file is found where Express would look (`views/<name>`, `views/<name>/index`). */
    lookup(name) {
      note(`the playground has no disk, so there are no view files: res.render(${JSON.stringify(name)}) finds none in ${this.root}. Send HTML with res.send() instead.`);
      return undefined;
    }

    render(options, callback) {
      this.engine(this.path, options, callback);
    }
  };
}

/** `path.extname` as Express's View uses it. */
function extname(name) {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot) : "";
}
