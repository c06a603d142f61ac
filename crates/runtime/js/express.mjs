// The `express` module learners import: a thin JavaScript face over the Rust engine.
// Every routing and response decision is made in wasm (Routing / Exchange); this file only
// turns JS calls into engine calls and builds the `req` / `res` objects handlers see.

import { baseRequest, contextOf, createRequest, extendedQueryParser } from "./request.mjs";
import { baseResponse, createResponse } from "./response.mjs";
import { Exchange, Mailbox, Reaper, Scratch, STEP_DONE, STEP_OPTIONS, STEP_RETURN } from "./exchange.mjs";
import { bodyParsers } from "./body.mjs";
import { serveStatic as serveStaticFiles } from "./disk.mjs";
import { compileETag, compileQueryParser, compileTrust, createView, defaultSettings } from "./settings.mjs";

/** Node 20's `http.METHODS`, lower-cased: the verbs of `app.VERB`, `route.VERB` and `app.all`. */
export const METHODS = [
  "acl", "bind", "checkout", "connect", "copy", "delete", "get", "head", "link", "lock", "m-search", "merge",
  "mkactivity", "mkcalendar", "mkcol", "move", "notify", "options", "patch", "post", "propfind", "proppatch",
  "purge", "put", "query", "rebind", "report", "search", "source", "subscribe", "trace", "unbind", "unlink",
  "unlock", "unsubscribe",
];

/** Everything one run of the learner's program shares: handler table, routers, apps. */
export class Program {
  constructor(wasm, host) {
    this.wasm = wasm;
    this.host = host;
    this.routing = new wasm.Routing();
    this.mailbox = new Mailbox(wasm);
    this.scratch = Scratch.of(wasm);
    this.reaper = new Reaper(this.routing);
    this.handlers = [];
    /** Where each handler was registered (an `Error` whose stack holds the learner's line). */
    this.sites = [];
    this.apps = [];
    this.regexes = [];
    /** Route objects by engine route id: what `req.route` shows (path, stack, methods). */
    this.routes = [];
    this.extendedQueryParser = extendedQueryParser(wasm);
    this.routing.setRegexMatcher((id, path) => matchRegex(this.regexes[id], path));
  }

  handler(fn, site) {
    this.handlers.push(fn);
    this.sites.push(site);
    return this.handlers.length - 1;
  }

  /** Names a handler for the learner: "`auth` (server.js:12)", from where it was registered. */
  describe(id) {
    const fn = this.handlers[id];
    if (!fn) return "";
    const name = fn.name ? `\`${fn.name}\`` : "an anonymous function";
    const site = this.sites[id];
    const frame = site && /^\s*at (?:.*\()?(?:file:\/\/)?\/app\/(.*?):(\d+):\d+\)?$/m.exec(this.host.formatStack(site));
    return frame ? `${name} (${frame[1]}:${frame[2]})` : name;
  }
}

/** The learner's call that registers a handler: its stack is read only if a request stalls. */
function callSite() {
  return new Error("registered here");
}

const MATCHING_GROUP = /\((?:\?<(.*?)>)?(?!\?)/g;

/** A `RegExp` path as the router runs it: numbered or named captures, undefined ones left out. */
function matchRegex(entry, path) {
  const m = entry.re.exec(path);
  if (!m) return null;
  const out = [m[0]];
  for (let i = 1; i < m.length; i++) {
    if (m[i] !== undefined) out.push(String(entry.keys[i - 1]), m[i]);
  }
  return out;
}

/** Splits a path argument into strings and registered `RegExp`s, as the engine takes them. */
function pathList(program, path) {
  const list = Array.isArray(path) ? path.flat(Infinity) : [path];
  const paths = [];
  const regex = [];
  for (const p of list) {
    if (p instanceof RegExp) {
      const keys = [];
      let name = 0;
      for (const m of p.source.matchAll(MATCHING_GROUP)) keys.push(m[1] || name++);
      program.regexes.push({ re: p, keys });
      paths.push(String(p));
      regex.push(program.regexes.length - 1);
    } else {
      paths.push(String(p));
      regex.push(-1);
    }
  }
  return [paths, regex];
}

/** Runs an engine registration; a bad path is a TypeError, as path-to-regexp throws it. */
function register(fn) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Error && / visit https:\/\/git\.new\/pathToRegexpError/.test(e.message)) {
      const err = new TypeError(e.message);
      throw err;
    }
    throw e;
  }
}

/**
 * `router.handle(req, res, done)` inside a running request: walks `routerId` with the
 * request's current state, then calls `done(err)`.
 */
function enterRouter(req, routerId, done) {
  const ctx = contextOf(req);
  if (!ctx) throw new TypeError("argument req must be a request the playground is handling");
  ctx.returns.push(done);
  run(ctx, ctx.enter(routerId));
}

/** Builds the `express` export bound to one program. */
export function createExpress(program) {
  function express() {
    return createApp(program);
  }
  // A plain function, so `new express.Router()` works as in Express.
  express.Router = function Router(options = {}) {
    return createRouter(program, options);
  };
  Object.assign(express, bodyParsers(program));
  // The prototypes of every app's `req` and `res`, this program's own: what a learner adds to
  // them (`express.response.ok = ...`) is gone with the next run.
  express.request = program.request = Object.create(baseRequest);
  express.response = program.response = Object.create(baseResponse);
  express.Route = Route;
  express.application = program.application = createApplication(program);
  express.static = function serveStatic(root, options) {
    return serveStaticFiles(program, root, options);
  };
  return express;
}

function flat(args) {
  return args.flat(Infinity);
}

/**
 * Adds the router methods (use, route, get, ...) to `target`, registering on the router
 * `getRouter(this)` returns (an app's is created on first use). Each registration also pushes a
 * `Layer` on that router's `stack`, index for index with the engine's, so `app.router.stack`
 * lists what Express's would.
 */
function routerMethods(program, target, getRouter) {
  const routing = program.routing;
  target.use = function use(...args) {
    let path = "/";
    let first = args[0];
    while (Array.isArray(first) && first.length) first = first[0];
    if (typeof first !== "function") path = args.shift();
    const fns = flat(args);
    // Express's app.use checks first, in its own words; a router's use says router's.
    if (fns.length === 0) throw new TypeError(this.__isApp ? "app.use() requires a middleware function" : "argument handler is required");
    const site = callSite();
    for (const fn of fns) {
      if (typeof fn !== "function") throw new TypeError("argument handler must be a function");
      const router = getRouter(this);
      const rid = router.__routerId;
      const [paths, regex] = pathList(program, path);
      let handle = fn;
      if (fn.__isApp) {
        handle = mountedApp(fn);
        register(() => routing.usePaths(rid, paths, regex, program.handler(handle, site), 3, -1));
        fn.mountpath = path;
        fn.parent = this;
      } else if (fn.__routerId !== undefined) {
        register(() => routing.usePaths(rid, paths, regex, 0, 3, fn.__routerId));
      } else {
        register(() => routing.usePaths(rid, paths, regex, program.handler(fn, site), fn.length, -1));
      }
      pushLayer(program, router, handle, path, false).route = undefined;
      if (fn.__isApp) fn.emit("mount", this);
    }
    return this;
  };
  target.route = function route(path) {
    const router = getRouter(this);
    const [paths, regex] = pathList(program, path);
    const id = register(() => routing.addRoutePaths(router.__routerId, paths, regex));
    const route = new Route(path);
    Object.defineProperty(route, ROUTE_OF, { value: { program, id } });
    program.routes[id] = route;
    pushLayer(program, router, routeHandle, path, true).route = route;
    return route;
  };
  for (const m of METHODS) {
    target[m] = function (path, ...fns) {
      this.route(path)[m](...fns);
      return this;
    };
  }
  target.all = function (path, ...fns) {
    this.route(path).all(...fns);
    return this;
  };
  target.param = function param(name, fn) {
    if (!name) throw new TypeError("argument name is required");
    if (typeof name !== "string") throw new TypeError("argument name must be a string");
    if (!fn) throw new TypeError("argument fn is required");
    if (typeof fn !== "function") throw new TypeError("argument fn must be a function");
    const router = getRouter(this);
    routing.addParam(router.__routerId, name, program.handler(fn, callSite()), fn.length);
    (router.params[name] ??= []).push(fn);
    return this;
  };
}

/**
 * What router 2 keeps as a route layer's `handle` (it dispatches to the route). Here the
 * engine walks routes, so it is there to be seen, not called.
 */
function routeHandle() {
  throw new Error("The playground runs a route's layer itself: calling layer.handle() by hand is not supported.");
}
Object.defineProperty(routeHandle, "name", { value: "handle" });

/**
 * Pushes on `router.stack` the `Layer` Express would make for `path` (`end` for a route's,
 * else a prefix layer), its matchers asking the engine's layer at the same index.
 */
function pushLayer(program, router, handle, path, end) {
  const rawPath = Array.isArray(path) ? path.flat(Infinity) : path;
  const index = router.stack.length;
  const matcher = (one, i) => {
    const match = one instanceof RegExp
      ? { regexpMatcher: (input) => layerMatch(program, router.__routerId, index, i, input) }.regexpMatcher
      : { match: (input) => layerMatch(program, router.__routerId, index, i, input) }.match;
    return match;
  };
  const layer = new Layer(handle, rawPath, path === "/" && !end, Array.isArray(rawPath) ? rawPath.map(matcher) : [matcher(path, 0)]);
  router.stack.push(layer);
  return layer;
}

/** One matcher of a router layer: `false`, or `{ path, params }` as path-to-regexp answers. */
function layerMatch(program, routerId, index, i, input) {
  const out = program.routing.layerMatch(routerId, index, i, String(input));
  if (out === false) return false;
  if (out[0] === null) {
    // router's decodeParam
    const err = new URIError(`Failed to decode param '${out[1]}'`);
    err.status = 400;
    throw err;
  }
  const params = out[0] ? {} : Object.create(null);
  for (let k = 2; k < out.length; k += 2) params[out[k]] = out[k + 1];
  // router's regexpMatcher answers { params, path }; path-to-regexp's match { path, params }.
  return out[0] ? { params, path: out[1] } : { path: out[1], params };
}

/** Where a `Route` registers its handlers: `{ program, id }`, hidden from `console.log`. */
const ROUTE_OF = Symbol("route");

/** What a route layer's matcher is never asked: the route runs its layers without matching. */
const matchNothing = function match() {
  return false;
};

// As router 2 defines them, so `console.log(req.route)` prints `Route { path, stack: [ Layer
// {...} ], methods }`. Named through property keys, which minifiers keep.
const { Route, Layer } = {
  Route: class {
    constructor(path) {
      this.path = path;
      this.stack = [];
      this.methods = Object.create(null);
    }
  },
  /** router 2's `Layer(path, options, fn)`: a router's layer, or a route's (`rawPath` "/"). */
  Layer: class {
    constructor(fn, rawPath, slash, matchers) {
      this.handle = fn;
      this.name = fn.name || "<anonymous>";
      this.rawPath = rawPath;
      this.slash = slash;
      this.matchers = matchers;
    }
  },
};

/** `route.get(...fns)`, `route.all(...fns)`, ...: `method` is "" for `all`. */
function addToRoute(route, method, fns) {
  const { program, id } = route[ROUTE_OF];
  fns = flat(fns);
  if (fns.length === 0) throw new TypeError("argument handler is required");
  const site = callSite();
  for (const fn of fns) {
    if (typeof fn !== "function") throw new TypeError("argument handler must be a function");
    program.routing.routeAdd(id, method, program.handler(fn, site), fn.length);
    const layer = new Layer(fn, "/", false, [matchNothing]);
    layer.method = method || undefined;
    route.stack.push(layer);
    route.methods[method || "_all"] = true;
  }
  return route;
}
for (const m of [...METHODS, "all"]) {
  const method = m === "all" ? "" : m;
  Object.defineProperty(Route.prototype, m, {
    value: function (...fns) {
      return addToRoute(this, method, fns);
    },
    writable: true,
    configurable: true,
  });
}

function createRouter(program, options) {
  const id = program.routing.addRouter(!!options.caseSensitive, !!options.strict, !!options.mergeParams);
  function router(req, res, next) {
    enterRouter(req, id, next);
  }
  router.caseSensitive = options.caseSensitive;
  router.mergeParams = options.mergeParams;
  router.params = {};
  router.strict = options.strict;
  router.stack = [];
  Object.defineProperty(router, "__routerId", { value: id });
  Object.setPrototypeOf(router, routerPrototype(program));
  return router;
}

/** What every router of `program` inherits, as router 2's `Router.prototype`: its methods. */
function routerPrototype(program) {
  if (!program.routerPrototype) {
    program.routerPrototype = Object.create(Function.prototype);
    routerMethods(program, program.routerPrototype, (self) => self);
  }
  return program.routerPrototype;
}

/** The handler Express registers for `app.use(path, subApp)`. */
function mountedApp(sub) {
  return function mounted_app(req, res, next) {
    const orig = req.app;
    sub.handle(req, res, (err) => {
      req.app = orig;
      res.app = orig;
      Object.setPrototypeOf(req, orig.request);
      Object.setPrototypeOf(res, orig.response);
      next(err);
    });
  };
}

/** Express's `@@symbol:trust_proxy_default`: whether an app's trust proxy is the default. */
const TRUST_PROXY_DEFAULT = Symbol("trust_proxy_default");

function createApp(program) {
  const settings = Object.create(null);
  let router = null;
  /** Express's lazy `app.router`, made with the routing settings of the moment. */
  const ensureRouter = () => {
    router ??= createRouter(program, { caseSensitive: app.enabled("case sensitive routing"), strict: app.enabled("strict routing") });
    return router;
  };

  function app(req, res, next) {
    app.handle(req, res, next);
  }
  app.__isApp = true;
  app.request = Object.create(program.request, { app: { configurable: true, enumerable: true, writable: true, value: app } });
  app.response = Object.create(program.response, { app: { configurable: true, enumerable: true, writable: true, value: app } });
  app.cache = {};
  app.engines = {};
  app.settings = settings;
  app.locals = Object.create(null);
  app.locals.settings = settings;
  app.mountpath = "/";
  // Express mixes EventEmitter's methods into every app (`app.on('mount', fn)`): the
  // program's own `events` module's, so a warning goes to the program's stderr.
  for (const name of Object.getOwnPropertyNames(program.EventEmitter.prototype)) {
    if (name !== "constructor") app[name] = program.EventEmitter.prototype[name];
  }
  routerMethods(program, app, () => ensureRouter());
  /** Express's `app.all`: one layer per method (`router.all` keeps one layer for all). */
  app.all = function all(path, ...fns) {
    const route = this.route(path);
    for (const m of METHODS) route[m](...fns);
    return this;
  };
  Object.defineProperty(app, "router", { get: ensureRouter, enumerable: false, configurable: true });
  /** Express's `app.param` also takes a list of names (a router's does not). */
  const routerParam = app.param;
  app.param = function param(name, fn) {
    if (Array.isArray(name)) {
      for (const one of name) this.param(one, fn);
      return this;
    }
    return routerParam.call(this, name, fn);
  };

  const routeGet = app.get;
  app.get = function get(setting, ...rest) {
    if (rest.length === 0 && typeof setting === "string") return this.set(setting);
    return routeGet.call(this, setting, ...rest);
  };
  app.set = function set(setting, value) {
    if (arguments.length === 1) return settings[setting];
    settings[setting] = value;
    switch (setting) {
      case "etag":
        this.set("etag fn", compileETag(value));
        break;
      case "query parser":
        this.set("query parser fn", compileQueryParser(value, program.extendedQueryParser));
        break;
      case "trust proxy":
        this.set("trust proxy fn", compileTrust(value, program.wasm));
        Object.defineProperty(settings, TRUST_PROXY_DEFAULT, { configurable: true, value: false });
        break;
    }
    return this;
  };
  app.enable = (s) => app.set(s, true);
  app.disable = (s) => app.set(s, false);
  app.enabled = (s) => Boolean(app.set(s));
  app.disabled = (s) => !app.set(s);
  app.path = function path() {
    return this.parent ? this.parent.path() + this.mountpath : "";
  };
  app.listen = function listen(...args) {
    const cb = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
    const port = args[0] === undefined ? 0 : Number(args[0]);
    return program.host.listen(app, port, cb);
  };
  /** Express's `app.engine(ext, fn)`: the template engine for files ending in `ext`. */
  app.engine = function engine(ext, fn) {
    if (typeof fn !== "function") throw new Error("callback function required");
    this.engines[ext[0] !== "." ? "." + ext : ext] = fn;
    return this;
  };
  /**
   * Express's `app.render(name, options, callback)`, word for word: the `view` setting's class
   * finds and renders the view. The playground's default `View` has no disk to look in and
   * says so; a `View` of the learner's own (`app.set('view', ...)`) renders.
   */
  app.render = function render(name, options, callback) {
    let done = callback;
    let opts = options;
    if (typeof options === "function") {
      done = options;
      opts = {};
    }
    const renderOptions = { ...this.locals, ...opts._locals, ...opts };
    if (renderOptions.cache == null) renderOptions.cache = this.enabled("view cache");
    let view = renderOptions.cache ? this.cache[name] : undefined;
    if (!view) {
      const View = this.get("view");
      view = new View(name, { defaultEngine: this.get("view engine"), root: this.get("views"), engines: this.engines });
      if (!view.path) {
        const root = view.root;
        const dirs = Array.isArray(root) && root.length > 1 ? `directories "${root.slice(0, -1).join('", "')}" or "${root[root.length - 1]}"` : `directory "${root}"`;
        const err = new Error(`Failed to lookup view "${name}" in views ${dirs}`);
        err.view = view;
        return done(err);
      }
      if (renderOptions.cache) this.cache[name] = view;
    }
    try {
      view.render(renderOptions, done);
    } catch (err) {
      done(err);
    }
  };
  /** Express's `app.handle(req, res, done)`, for an app mounted in another. */
  app.handle = function handle(req, res, done) {
    if (this.enabled("x-powered-by")) res.setHeader("X-Powered-By", "Express");
    req.app = this;
    res.app = this;
    Object.setPrototypeOf(req, this.request);
    Object.setPrototypeOf(res, this.response);
    enterRouter(req, ensureRouter().__routerId, done);
  };
  /** Serves a request from the playground's network (the top of a request). */
  app.__serve = (request) => handleRequest(program, app, ensureRouter().__routerId, request);
  app.on("mount", function onmount(parent) {
    // A sub-app that never set trust proxy itself trusts what its parent trusts.
    if (settings[TRUST_PROXY_DEFAULT] === true && typeof parent.settings["trust proxy fn"] === "function") {
      delete settings["trust proxy"];
      delete settings["trust proxy fn"];
    }
    Object.setPrototypeOf(app.request, parent.request);
    Object.setPrototypeOf(app.response, parent.response);
    Object.setPrototypeOf(settings, parent.settings);
  });
  program.View ??= createView(program.host.source, (text) => program.host.note(text));
  defaultSettings(app, program.host.env.NODE_ENV || "development", program.View);
  Object.defineProperty(settings, TRUST_PROXY_DEFAULT, { configurable: true, value: true });
  // Express mixes `express.application` into every new app: what a learner added there, or
  // put in place of a method, is the app's too.
  const application = program.application;
  for (const key of Object.keys(application)) {
    if (application[key] !== APPLICATION_BUILT_IN.get(program)?.[key]) app[key] = application[key];
  }
  program.apps.push(app);
  return app;
}

/** The app methods `express.application` lists, in Express's order. */
const APPLICATION_METHODS = ["handle", "use", "route", "param", "set", "path", "enabled", "disabled", "enable", "disable", ...METHODS, "all", "listen"];

/** Each program's own `express.application` methods, to tell a learner's from them. */
const APPLICATION_BUILT_IN = new WeakMap();

/**
 * `express.application`: the methods every app gets. An app's own methods are made for it
 * (they close over its router and settings); these call them on `this`, so that
 * `express.application.get.call(app, "env")` works, and what a learner adds reaches every app
 * made afterwards.
 */
function createApplication(program) {
  const application = {};
  for (const name of APPLICATION_METHODS) {
    application[name] = {
      [name](...args) {
        const own = Object.getOwnPropertyDescriptor(this, name)?.value;
        if (typeof own !== "function" || own === application[name]) throw new TypeError(`express.application.${name} must be called on an app`);
        return own.apply(this, args);
      },
    }[name];
  }
  APPLICATION_BUILT_IN.set(program, { ...application });
  return application;
}

/**
 * Serves one request through `app`. Returns the response when the handlers finished it
 * synchronously (most do), else a promise of it; then `request.stalledAt()` names the
 * handler that ran last, for a request that never gets an answer.
 */
function handleRequest(program, app, routerId, request) {
  const ctx = new Exchange(program, app, request.method, request.url);
  const req = createRequest(ctx, app.request);
  const res = createResponse(ctx, req, app.response);
  req.res = res;
  ctx.req = req;
  ctx.res = res;
  run(ctx, ctx.start(routerId, request.headers, request.body, app.enabled("x-powered-by")));
  // The server's other 'request' listeners run after the app, its first.
  request.server?.emit("request", req, res);
  if (ctx.done) return ctx.response;
  request.stalledAt = () => (ctx.lastLayer < 0 ? "" : program.describe(ctx.lastLayer));
  return new Promise((resolve) => {
    ctx.resolve = resolve;
  });
}

/** Executes steps until a handler takes over (it calls `next` later) or the request ends. */
function run(ctx, code) {
  if (code === STEP_OPTIONS) {
    ctx.sendOptions();
    ctx.finish();
    return;
  }
  if (code === STEP_DONE) {
    finalHandler(ctx, ctx.takeError());
    return;
  }
  if (code === STEP_RETURN) {
    const err = ctx.takeError();
    ctx.returns.pop()(err);
    return;
  }
  ctx.take();
  const { req, res, error, param } = ctx;
  const fn = ctx.program.handlers[code];
  req.url = ctx.url;
  req.baseUrl = ctx.baseUrl;
  req.params = ctx.params;
  req.route = ctx.route;
  ctx.lastLayer = code;
  // Express lets a handler call next twice; each call advances the walk from where it is now,
  // whichever layer's `next` it is, so one function serves the whole request. A method, so
  // that it is named `next` without the naming call a minifier adds to a function expression.
  const next = (ctx.nextFn ??= {
    next(arg) {
      run(ctx, ctx.next(arg));
    },
  }.next);
  req.next = next;
  try {
    const ret = param !== undefined
      ? fn(req, res, next, param[1], param[0])
      : error !== undefined
        ? fn(error, req, res, next)
        : fn(req, res, next);
    if (ret && typeof ret.then === "function") {
      ret.then(undefined, (e) => next(e || new Error("Rejected promise")));
    }
  } catch (e) {
    next(e);
  }
}

function finalHandler(ctx, err) {
  const { app, program } = ctx;
  const production = app.get("env") === "production";
  if (err !== undefined) {
    const inRange = (n) => typeof n === "number" && n >= 400 && n < 600;
    const status = inRange(err?.status) ? err.status : inRange(err?.statusCode) ? err.statusCode : 0;
    // finalhandler's getErrorMessage: the stack, or (when that is empty) `err.toString()`.
    let stack = err?.stack ? program.host.formatStack(err) : undefined;
    if (!stack && typeof err?.toString === "function") stack = err.toString();
    // finalhandler logs through `setImmediate`, so the error line follows the response.
    if (app.get("env") !== "test") setTimeout(() => program.host.logError(err), 0);
    const headers = [];
    if (err?.headers && typeof err.headers === "object") {
      for (const [k, v] of Object.entries(err.headers)) {
        for (const one of Array.isArray(v) ? v : [v]) headers.push(k, String(one));
      }
    }
    if (ctx.finalHandler(true, status, stack === undefined ? undefined : String(stack), production, headers)) ctx.finish();
  } else if (ctx.finalHandler(false, 0, undefined, production, [])) {
    ctx.finish();
  }
}
