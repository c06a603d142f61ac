// The environment one run of learner code sees, as `node server.js` would give it: the
// provided modules, `console`, `process`, the timers, `fetch`; and what the runtime itself
// needs from the program (where it listens, how its errors print, what happens when it crashes).

import { createExpress } from "./express.mjs";
import { createResolver } from "./resolve.mjs";
import { createConsole } from "./console.mjs";
import { nodeStack } from "./stack.mjs";
import { createFatal } from "./fatal.mjs";
import { createFetch } from "./fetch.mjs";
import { createProcess, createStdio } from "./process.mjs";
import { watchRejections } from "./rejections.mjs";
import { createCookieParser } from "./modules/cookie-parser.mjs";
import { createCors } from "./modules/cors.mjs";
import { createMorgan } from "./modules/morgan.mjs";
import { Buffer, createBufferModule } from "./modules/buffer.mjs";
import { createCrypto } from "./modules/crypto.mjs";
import { createEvents } from "./modules/events.mjs";
import { createJsonwebtoken } from "./modules/jsonwebtoken.mjs";
import { createPath } from "./modules/path.mjs";
import { createScheduler } from "./scheduler.mjs";
import { createTimers } from "./modules/timers.mjs";
import { createUrl } from "./modules/url.mjs";
import { createUtil } from "./modules/util.mjs";

export const DEFAULT_PORT = 3000;
/** The process id in Node's warnings, `(node:PID) ...`. */
const PID = 42;

/** The platform's fetch, kept before learner code could replace the global. */
const platformFetch = globalThis.fetch?.bind(globalThis);

// Named through a property key, which minifiers keep: V8 names an `app.listen` callback's frame
// after it (`Server.<anonymous>`), as in Node. Each program's servers inherit from its own
// `events` module's EventEmitter as well (see `newServer`), as Node's `http.Server` does.
const { Server } = {
  Server: class {
    constructor(port, close, nextTick) {
      this.timeout = 0;
      this.maxHeadersCount = null;
      this.maxRequestsPerSocket = 0;
      this.headersTimeout = 60000;
      this.keepAliveTimeout = 5000;
      this.requestTimeout = 300000;
      Object.defineProperties(this, {
        _port: { value: port },
        _close: { value: close },
        _nextTick: { value: nextTick },
        _listening: { value: false, writable: true },
      });
    }
    /** False until the 'listening' tick, as Node's. */
    get listening() {
      return this._listening;
    }
    address() {
      return this._listening ? { address: "::", family: "IPv6", port: this._port } : null;
    }
    /** Stops listening; 'close' (and `done`) follow on a tick, or `done` gets Node's error. */
    close(done) {
      if (!this._listening) {
        if (typeof done === "function") this._nextTick(() => done(Object.assign(new Error("Server is not running."), { code: "ERR_SERVER_NOT_RUNNING" })));
        return this;
      }
      this._listening = false;
      this._close();
      if (typeof done === "function") this.once("close", done);
      this._nextTick(() => this.emit("close"));
      return this;
    }
  },
};

/** A `Server` that is also an EventEmitter of `EventEmitter`'s module. */
function newServer(EventEmitter, port, close, nextTick) {
  const server = new Server(port, close, nextTick);
  Object.setPrototypeOf(server, Object.create(EventEmitter.prototype, Object.getOwnPropertyDescriptors(Server.prototype)));
  EventEmitter.init.call(server);
  return server;
}

/**
 * The modules learner code can import, for `program` in `filename`: `write(stream, text)` is
 * its console's, `timers()` its timer globals, `nextTick` its `process.nextTick`.
 */
function providedModules(pg, program, { filename, write, formatStack, timers, nextTick }) {
  const { wasm } = program;
  const warn = (text) => write("stderr", `(node:${PID}) ${text}\n(Use \`node --trace-warnings ...\` to show where the warning was created)`);
  const events = createEvents({ warn, nextTick });
  program.EventEmitter = events.default;
  const express = createExpress(program);
  const nodeTimers = createTimers(timers);
  // path.resolve reads the program's process.cwd() at each call, as Node's reads process.cwd().
  const path = createPath(() => program.process.cwd());
  program.path = path;
  const promisified = (fn) => (fn === timers().setTimeout ? nodeTimers.promises.setTimeout : fn === timers().setImmediate ? nodeTimers.promises.setImmediate : undefined);
  return {
    express: { default: express, ...Object.fromEntries(["Route", "Router", "application", "json", "raw", "request", "response", "static", "text", "urlencoded"].map((k) => [k, express[k]])) },
    "cookie-parser": createCookieParser(wasm),
    cors: createCors(wasm),
    morgan: createMorgan({ wasm, write, env: pg.env, filename }),
    jsonwebtoken: createJsonwebtoken(wasm),
    // Node's built-ins, also reachable with the `node:` prefix. Timers are the program's own,
    // so re-running cancels a pending `await setTimeout(...)` too.
    buffer: createBufferModule(),
    crypto: createCrypto(wasm, { later: (fn) => timers().setImmediate(fn) }),
    events,
    path: withDefault(path),
    "path/posix": withDefault(path),
    timers: nodeTimers.timers,
    "timers/promises": nodeTimers.promises,
    url: withDefault(createUrl(path)),
    util: createUtil({ formatStack, promisified, process: () => program.process, nodeDebug: pg.env.NODE_DEBUG, warn }),
  };
}

/** A module record whose default export is `exports` itself, as Node's built-ins have. */
const withDefault = (exports) => ({ default: exports, ...exports });

/**
 * Builds the host of `program` (compiled from `source`, see loader.mjs) for playground `pg`:
 * `scopeValues` are the values of the compiled function's parameters (`source.params`), in order. `pg.exit(program, code)` ends
 * the program as its process would end.
 */
export function createHost(pg, program, source) {
  const { filename } = source;
  const live = () => !program.stopped;
  // process.stdout/stderr hold an unfinished line, which the next output on its stream ends.
  const stdio = createStdio((stream, text) => live() && pg.log(stream, text));
  const write = (stream, text) => live() && pg.log(stream, stdio.before(stream, text));
  const formatStack = (err) => nodeStack(err, source);
  const settle = () => pg.settle(program);
  program.serverObjects = new Map();
  const scheduler = createScheduler({ live, uncaught: (err, how) => fatal.uncaught(err, how), idle: settle });
  const modules = providedModules(pg, program, { filename, write, formatStack, timers: () => scope, nextTick: scheduler.nextTick });
  const { resolve, namespace, link } = createResolver(modules, filename);
  const process = createProcess({ EventEmitter: modules.events.default, env: pg.env, filename, nextTick: scheduler.nextTick, exit: (code) => pg.exit(program, code), stdio });
  const fatal = createFatal({
    process,
    source,
    write,
    thrownAt: (value) => (program.lastThrow && Object.is(program.lastThrow.value, value) ? source.throwSites[program.lastThrow.site] : null),
    exit: (code, options) => pg.exit(program, code, options),
  });
  program.fatal = fatal;
  program.process = process;
  program.scheduler = scheduler;
  program.unwatch = watchRejections({ url: source.url, unhandledRejection: (reason, promise) => live() && fatal.unhandledRejection(reason, promise) });

  /** `fetch` whose requests on their way keep the program alive, as open sockets keep Node's. */
  const counted = (inner) =>
    function fetch(...args) {
      program.inflight++;
      return inner(...args).finally(() => {
        program.inflight--;
        settle();
      });
    };
  const module = { exports: {} };
  const scope = {
    __import: (name, ns) => (ns ? namespace(name, "import") : resolve(name, "import")),
    __exports: module.exports,
    __dynamicImport: (name) => new Promise((done) => done(namespace(String(name), "dynamic"))),
    __importMeta: Object.assign(Object.create(null), { dirname: "/app", filename: `/app/${filename}`, url: `file:///app/${filename}` }),
    __thrown(site, value) {
      program.lastThrow = { site, value };
      return value;
    },
    require(name) {
      const m = resolve(name, "require");
      return m.default ?? m;
    },
    module,
    exports: module.exports,
    console: createConsole(write, { formatStack }),
    process,
    setTimeout: scheduler.setTimeout,
    setInterval: scheduler.setInterval,
    setImmediate: scheduler.setImmediate,
    clearTimeout: scheduler.clearTimeout,
    clearInterval: scheduler.clearInterval,
    clearImmediate: scheduler.clearImmediate,
    Buffer,
    global: globalThis,
    globalThis,
    __filename: `/app/${filename}`,
    __dirname: "/app",
    fetch: counted(createFetch({ request: (options) => pg.answer(options), platformFetch })),
    queueMicrotask: scheduler.queueMicrotask,
  };
  const noted = new Set();
  return {
    env: pg.env,
    source,
    /** A line of the playground's own on stderr, once per program: what Node would not say. */
    note(text) {
      if (noted.has(text)) return;
      noted.add(text);
      write("stderr", `playground: ${text}`);
    },
    scopeValues: source.params.map((name) => scope[name]),
    /** `this` at the top level: `module.exports` in CommonJS, undefined in an ES module. */
    self: source.isModule ? undefined : module.exports,
    /** Node's linking of the module's static imports: throws what Node would report. */
    link: () => link(source),
    listen(app, port, cb) {
      const actual = port || DEFAULT_PORT;
      program.listened = true;
      const EventEmitter = modules.events.default;
      if (!live()) return newServer(EventEmitter, actual, () => {}, scheduler.nextTick);
      program.servers.set(actual, app);
      const server = newServer(EventEmitter, actual, () => {
        program.servers.delete(actual);
        program.serverObjects.delete(actual);
        settle();
      }, scheduler.nextTick);
      program.serverObjects.set(actual, server);
      // Node emits 'listening' on a tick: the callback (its first listener) runs, then the
      // listeners added after `listen()` returned.
      scheduler.nextTick(() => (server._listening = true));
      if (cb) scheduler.listening(cb, server);
      scheduler.nextTick(() => server.emit("listening"));
      return server;
    },
    formatStack,
    /** Express's `logerror`: `console.error(err)`, through the console the program sees. */
    logError(err) {
      scope.console.error(err);
    },
  };
}
