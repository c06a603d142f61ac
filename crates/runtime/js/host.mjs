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
import { createScheduler } from "./scheduler.mjs";
import { createTimers } from "./modules/timers.mjs";
import { createUtil } from "./modules/util.mjs";

export const DEFAULT_PORT = 3000;
/** The process id in Node's warnings, `(node:PID) ...`. */
const PID = 42;

/** The platform's fetch, kept before learner code could replace the global. */
const platformFetch = globalThis.fetch?.bind(globalThis);

// Named through a property key, which minifiers keep: V8 names an `app.listen` callback's frame
// after it (`Server.<anonymous>`), as in Node.
const { Server } = {
  Server: class {
    constructor(port, close) {
      this.listening = true;
      this._port = port;
      this._close = close;
    }
    address() {
      return { address: "::", family: "IPv6", port: this._port };
    }
    close(done) {
      this.listening = false;
      this._close();
      done?.();
      return this;
    }
    on() {
      return this;
    }
    once() {
      return this;
    }
  },
};

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
    timers: nodeTimers.timers,
    "timers/promises": nodeTimers.promises,
    util: createUtil({ formatStack, promisified, process: () => program.process, nodeDebug: pg.env.NODE_DEBUG, warn }),
  };
}

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
  return {
    env: pg.env,
    scopeValues: source.params.map((name) => scope[name]),
    /** `this` at the top level: `module.exports` in CommonJS, undefined in an ES module. */
    self: source.isModule ? undefined : module.exports,
    /** Node's linking of the module's static imports: throws what Node would report. */
    link: () => link(source),
    listen(app, port, cb) {
      const actual = port || DEFAULT_PORT;
      program.listened = true;
      if (!live()) return new Server(actual, () => {});
      program.servers.set(actual, app);
      const server = new Server(actual, () => {
        program.servers.delete(actual);
        settle();
      });
      if (cb) scheduler.listening(cb, server);
      return server;
    },
    formatStack,
    /** Express's `logerror`: `console.error(err)`, through the console the program sees. */
    logError(err) {
      scope.console.error(err);
    },
  };
}
