// The `express` module learners import: a thin JavaScript face over the Rust engine.
// Every routing and response decision is made in wasm (Routing / Exchange); this file only
// turns JS calls into engine calls and builds the `req` / `res` objects handlers see.

import { createRequest, extendedQueryParser } from "./request.mjs";
import { createResponse } from "./response.mjs";
import { bodyParsers } from "./body.mjs";
import { compileETag, compileQueryParser, compileTrust, defaultSettings } from "./settings.mjs";

const METHODS = ["get", "post", "put", "patch", "delete", "options", "head"];

/** Everything one run of the learner's program shares: handler table, routers, apps. */
export class Program {
  constructor(wasm, host) {
    this.wasm = wasm;
    this.host = host;
    this.routing = new wasm.Routing();
    this.handlers = [];
    this.apps = [];
    this.regexes = [];
    /** Route objects by engine route id: what `req.route` shows (path, stack, methods). */
    this.routes = [];
    this.extendedQueryParser = extendedQueryParser(wasm);
    this.routing.setRegexMatcher((id, path) => matchRegex(this.regexes[id], path));
  }

  handler(fn) {
    this.handlers.push(fn);
    return this.handlers.length - 1;
  }
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

/** Per request, the context of its `req` (so mounted apps and routers can re-enter it). */
const contexts = new WeakMap();

/**
 * `router.handle(req, res, done)` inside a running request: walks `routerId` with the
 * request's current state, then calls `done(err)`.
 */
function enterRouter(req, routerId, done) {
  const ctx = contexts.get(req);
  if (!ctx) throw new TypeError("argument req must be a request the playground is handling");
  ctx.returns.push(done);
  run(ctx, ctx.program.routing.enter(ctx.ex, routerId));
}

/** Builds the `express` export bound to one program. */
export function createExpress(program) {
  function express() {
    return createApp(program);
  }
  express.Router = (options = {}) => createRouter(program, options);
  Object.assign(express, bodyParsers(program));
  express.static = () => {
    throw new Error("express.static() serves files from disk, and the playground has no disk: send the content from a route instead.");
  };
  return express;
}

function flat(args) {
  return args.flat(Infinity);
}

/** Adds the router methods (use, route, get, ...) to `target`, registering on `routerId`. */
function routerMethods(program, target, getRouterId) {
  const routing = program.routing;
  target.use = function use(...args) {
    let path = "/";
    let first = args[0];
    while (Array.isArray(first) && first.length) first = first[0];
    if (typeof first !== "function") path = args.shift();
    const fns = flat(args);
    if (fns.length === 0) throw new TypeError("argument handler is required");
    for (const fn of fns) {
      if (typeof fn !== "function") throw new TypeError("argument handler must be a function");
      const rid = getRouterId();
      const [paths, regex] = pathList(program, path);
      if (fn.__isApp) {
        register(() => routing.usePaths(rid, paths, regex, program.handler(mountedApp(fn)), 3, -1));
        fn.mountpath = path;
        fn.parent = target;
        fn.emit("mount", target);
      } else if (fn.__routerId !== undefined) {
        register(() => routing.usePaths(rid, paths, regex, 0, 3, fn.__routerId));
      } else {
        register(() => routing.usePaths(rid, paths, regex, program.handler(fn), fn.length, -1));
      }
    }
    return this;
  };
  target.route = function route(path) {
    const [paths, regex] = pathList(program, path);
    const id = register(() => routing.addRoutePaths(getRouterId(), paths, regex));
    const route = { path, stack: [], methods: Object.create(null) };
    program.routes[id] = route;
    const add = (method) => function (...fns) {
      fns = flat(fns);
      if (fns.length === 0) throw new TypeError("argument handler is required");
      for (const fn of fns) {
        if (typeof fn !== "function") throw new TypeError("argument handler must be a function");
        routing.routeAdd(id, method, program.handler(fn), fn.length);
        route.stack.push(routeLayer(fn, method));
        route.methods[method || "_all"] = true;
      }
      return route;
    };
    for (const m of METHODS) route[m] = add(m);
    route.all = add("");
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
    routing.addParam(getRouterId(), name, program.handler(fn), fn.length);
    return this;
  };
}

/** A route's layer as `req.route.stack` shows it (router's `Layer('/', {}, fn)`). */
function routeLayer(fn, method) {
  return { handle: fn, name: fn.name || "<anonymous>", params: undefined, path: undefined, rawPath: "/", slash: false, matchers: [() => false], method: method || undefined };
}

function createRouter(program, options) {
  const id = program.routing.addRouter(!!options.caseSensitive, !!options.strict, !!options.mergeParams);
  function router(req, res, next) {
    enterRouter(req, id, next);
  }
  router.__routerId = id;
  routerMethods(program, router, () => id);
  return router;
}

/** A minimal EventEmitter for apps (`app.on('mount', fn)`), as Express apps have one. */
function emitter(target) {
  const listeners = new Map();
  target.on = target.addListener = (name, fn) => {
    listeners.set(name, [...(listeners.get(name) ?? []), fn]);
    return target;
  };
  target.once = (name, fn) => target.on(name, function once(...args) {
    target.off(name, once);
    fn.apply(target, args);
  });
  target.off = target.removeListener = (name, fn) => {
    listeners.set(name, (listeners.get(name) ?? []).filter((f) => f !== fn));
    return target;
  };
  target.emit = (name, ...args) => {
    const fns = listeners.get(name) ?? [];
    for (const fn of fns) fn.apply(target, args);
    return fns.length > 0;
  };
}

/** The handler Express registers for `app.use(path, subApp)`. */
function mountedApp(sub) {
  return function mounted_app(req, res, next) {
    const orig = req.app;
    sub.handle(req, res, (err) => {
      req.app = orig;
      res.app = orig;
      next(err);
    });
  };
}

function createApp(program) {
  const settings = Object.create(null);
  let routerId = null;
  const ensureRouter = () => {
    if (routerId === null) {
      routerId = program.routing.addRouter(!!app.get("case sensitive routing"), !!app.get("strict routing"), false);
    }
    return routerId;
  };

  function app(req, res, next) {
    app.handle(req, res, next);
  }
  app.__isApp = true;
  app.settings = settings;
  app.locals = Object.create(null);
  app.locals.settings = settings;
  app.mountpath = "/";
  emitter(app);
  routerMethods(program, app, ensureRouter);
  Object.defineProperty(app, "router", { get: ensureRouter, enumerable: false });

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
        break;
      case "case sensitive routing":
      case "strict routing":
        if (routerId !== null) program.routing.setOptions(routerId, !!this.get("case sensitive routing"), !!this.get("strict routing"));
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
  /** Express's `app.handle(req, res, done)`, for an app mounted in another. */
  app.handle = function handle(req, res, done) {
    if (this.enabled("x-powered-by")) res.setHeader("X-Powered-By", "Express");
    req.app = this;
    res.app = this;
    enterRouter(req, ensureRouter(), done);
  };
  /** Serves a request from the playground's network (the top of a request). */
  app.__serve = (request) => handleRequest(program, app, ensureRouter(), request);
  app.on("mount", function onmount(parent) {
    Object.setPrototypeOf(settings, parent.settings);
  });
  defaultSettings(app, program.host.env.NODE_ENV || "development");
  program.apps.push(app);
  return app;
}

/**
 * Serves one request through `app`: resolves with the response once a handler (or the
 * final handler) finishes it. `onStall` reports where a request stopped without an answer.
 */
function handleRequest(program, app, routerId, request) {
  const { wasm, routing } = program;
  const headerList = [];
  for (const [n, v] of request.headers) headerList.push(n, v);
  const body = typeof request.body === "string" ? new TextEncoder().encode(request.body) : (request.body || new Uint8Array());
  const ex = routing.start(routerId, request.method, request.url, headerList, body);
  return new Promise((resolve) => {
    const errors = [];
    const ctx = { ex, app, program, errors, done: false, lastLayer: "", method: request.method, url: request.url, returns: [] };
    const finish = () => {
      if (ctx.done) return;
      ctx.done = true;
      const [status, statusText, flatHeaders, bytes] = ex.response(httpDate());
      const rawHeaders = [];
      for (let i = 0; i < flatHeaders.length; i += 2) rawHeaders.push([flatHeaders[i], flatHeaders[i + 1]]);
      resolve({ status, statusText, rawHeaders, bodyBytes: bytes, body: new TextDecoder().decode(bytes), stalledAt: null });
    };
    ctx.finish = finish;
    ctx.stall = () => ctx.lastLayer;
    const req = createRequest(ctx);
    const res = createResponse(ctx, req);
    req.res = res;
    res.req = req;
    ctx.req = req;
    ctx.res = res;
    contexts.set(req, ctx);
    if (app.enabled("x-powered-by")) ex.setHeader("X-Powered-By", ["Express"]);
    request.onStall?.(() => ctx.lastLayer);
    run(ctx, ex.step());
  });
}

let dateCache = { second: -1, text: "" };

/** Node's `Date` header: computed at most once a second, as Node caches it. */
function httpDate() {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateCache.second) dateCache = { second, text: new Date(now).toUTCString() };
  return dateCache.text;
}

function toNextArg(ctx, err) {
  if (!err) return [0, 0];
  if (err === "route") return [1, 0];
  if (err === "router") return [2, 0];
  ctx.errors.push(err);
  return [3, ctx.errors.length - 1];
}

function currentError(ctx) {
  const id = ctx.ex.stepError();
  if (id === -1) return undefined;
  if (id === -2) {
    const e = new URIError(ctx.ex.decodeError());
    e.status = e.statusCode = 400;
    return e;
  }
  return ctx.errors[id];
}

/** Executes steps until a handler takes over (it calls `next` later) or the request ends. */
function run(ctx, code) {
  const { ex, program } = ctx;
  if (code === -1) {
    ex.sendOptions();
    ctx.finish();
    return;
  }
  if (code === -2) {
    const err = currentError(ctx);
    finalHandler(ctx, err);
    return;
  }
  if (code === -3) {
    const err = currentError(ctx);
    ctx.returns.pop()(err);
    return;
  }
  const fn = program.handlers[code];
  const err = currentError(ctx);
  const param = ex.stepParam();
  const [url, baseUrl, params, routeId] = ex.view();
  const req = ctx.req;
  req.url = url;
  req.baseUrl = baseUrl;
  req.params = params;
  req.route = routeId >= 0 ? program.routes[routeId] : undefined;
  ctx.lastLayer = fn.name || "<anonymous>";
  let called = false;
  const next = (arg) => {
    if (called && arg === undefined) { /* Express allows calling next twice; it advances twice. */ }
    called = true;
    const [kind, id] = toNextArg(ctx, arg);
    run(ctx, program.routing.next(ex, kind, id));
  };
  req.next = next;
  try {
    const ret = param
      ? fn(req, ctx.res, next, param[1], param[0])
      : err !== undefined
        ? fn(err, req, ctx.res, next)
        : fn(req, ctx.res, next);
    if (ret && typeof ret.then === "function") {
      ret.then(undefined, (e) => next(e || new Error("Rejected promise")));
    }
  } catch (e) {
    next(e);
  }
}

function finalHandler(ctx, err) {
  const { ex, app, program } = ctx;
  const production = app.get("env") === "production";
  if (err !== undefined) {
    const inRange = (n) => typeof n === "number" && n >= 400 && n < 600;
    const status = inRange(err?.status) ? err.status : inRange(err?.statusCode) ? err.statusCode : 0;
    const stack = err?.stack !== undefined ? program.host.formatStack(err) : typeof err?.toString === "function" ? String(err) : undefined;
    // finalhandler logs through `setImmediate`, so the error line follows the response.
    if (app.get("env") !== "test") setTimeout(() => program.host.logError(err), 0);
    const headers = [];
    if (err?.headers && typeof err.headers === "object") {
      for (const [k, v] of Object.entries(err.headers)) headers.push(k, String(v));
    }
    ex.finalHandler(true, status, stack === undefined ? undefined : String(stack), production, headers);
  } else {
    ex.finalHandler(false, 0, undefined, production, []);
  }
  if (ex.finished) ctx.finish();
}
