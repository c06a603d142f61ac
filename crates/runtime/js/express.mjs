// The `express` module learners import: a thin JavaScript face over the Rust engine.
// Every routing and response decision is made in wasm (Routing / Exchange); this file only
// turns JS calls into engine calls and builds the `req` / `res` objects handlers see.

import { createRequest } from "./request.mjs";
import { createResponse } from "./response.mjs";
import { bodyParsers } from "./body.mjs";

const METHODS = ["get", "post", "put", "patch", "delete", "options", "head"];

/** Everything one run of the learner's program shares: handler table, routers, apps. */
export class Program {
  constructor(wasm, host) {
    this.wasm = wasm;
    this.host = host;
    this.routing = new wasm.Routing();
    this.handlers = [];
    this.apps = [];
  }

  handler(fn) {
    this.handlers.push(fn);
    return this.handlers.length - 1;
  }
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
      if (fn.__routerId !== undefined) routing.useRouter(rid, String(path), fn.__routerId);
      else routing.useFn(rid, String(path), program.handler(fn), fn.length);
      if (fn.__mountpath !== undefined) fn.__mounted(path, target);
    }
    return this;
  };
  target.route = function route(path) {
    const id = routing.addRoute(getRouterId(), String(path));
    const route = { path };
    const add = (method) => function (...fns) {
      fns = flat(fns);
      if (fns.length === 0) throw new TypeError("argument handler is required");
      for (const fn of fns) {
        if (typeof fn !== "function") throw new TypeError("argument handler must be a function");
        routing.routeAdd(id, method, program.handler(fn), fn.length);
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

function createRouter(program, options) {
  const id = program.routing.addRouter(!!options.caseSensitive, !!options.strict, !!options.mergeParams);
  function router(req, res, next) {
    next(new Error("Calling a router as a function is not supported in the playground yet; mount it with app.use()."));
  }
  router.__routerId = id;
  routerMethods(program, router, () => id);
  return router;
}

function createApp(program) {
  const settings = Object.create(null);
  settings["x-powered-by"] = true;
  settings["etag"] = "weak";
  settings["env"] = program.host.env.NODE_ENV || "development";
  settings["query parser"] = "simple";
  settings["subdomain offset"] = 2;
  settings["trust proxy"] = false;
  settings["json spaces"] = undefined;
  let routerId = null;
  const ensureRouter = () => {
    if (routerId === null) {
      routerId = program.routing.addRouter(!!settings["case sensitive routing"], !!settings["strict routing"], false);
    }
    return routerId;
  };

  function app(req, res, next) {
    next(new Error("Mounting an app inside another app is not supported in the playground yet; use express.Router()."));
  }
  app.locals = Object.create(null);
  app.locals.settings = settings;
  app.settings = settings;
  app.mountpath = "/";
  routerMethods(program, app, ensureRouter);

  const routeGet = app.get;
  app.get = function get(setting, ...rest) {
    if (rest.length === 0 && typeof setting === "string") return settings[setting];
    return routeGet.call(this, setting, ...rest);
  };
  app.set = function set(setting, value) {
    if (arguments.length === 1) return settings[setting];
    settings[setting] = value;
    if ((setting === "case sensitive routing" || setting === "strict routing") && routerId !== null) {
      program.routing.setOptions(routerId, !!settings["case sensitive routing"], !!settings["strict routing"]);
    }
    return this;
  };
  app.enable = (s) => app.set(s, true);
  app.disable = (s) => app.set(s, false);
  app.enabled = (s) => Boolean(settings[s]);
  app.disabled = (s) => !settings[s];
  app.listen = function listen(...args) {
    const cb = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
    const port = args[0] === undefined ? 0 : Number(args[0]);
    return program.host.listen(app, port, cb);
  };
  app.handle = (request) => handleRequest(program, app, ensureRouter(), request);
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
    const ctx = { ex, app, program, errors, done: false, lastLayer: "", method: request.method, url: request.url };
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
  if (ctx.done) return;
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
  const fn = program.handlers[code];
  const err = currentError(ctx);
  const param = ex.stepParam();
  const [url, baseUrl, params, routeId] = ex.view();
  const req = ctx.req;
  req.url = url;
  req.baseUrl = baseUrl;
  req.params = params;
  req.route = routeId >= 0 ? { path: program.routing.routePath(routeId) } : undefined;
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
    const status = typeof err?.status === "number" ? err.status : typeof err?.statusCode === "number" ? err.statusCode : 0;
    const stack = err?.stack !== undefined ? program.host.formatStack(err) : typeof err?.toString === "function" ? String(err) : undefined;
    if (app.get("env") !== "test") program.host.logError(err);
    ex.finalHandler(true, status, stack === undefined ? undefined : String(stack), production);
  } else {
    ex.finalHandler(false, 0, undefined, production);
  }
  if (ex.finished) ctx.finish();
}
