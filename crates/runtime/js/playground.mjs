// The playground: loads learner code, keeps its server "listening", and answers requests
// and terminal commands. The same object backs the Web Worker and the Node package.

import { Program, createExpress } from "./express.mjs";
import { compile, LearnerSyntaxError } from "./loader.mjs";
import { createConsole, format } from "./console.mjs";
import { locate, nodeStack } from "./stack.mjs";
import { createCookieParser } from "./modules/cookie-parser.mjs";
import { createCors } from "./modules/cors.mjs";
import { createMorgan } from "./modules/morgan.mjs";
import { Buffer, createBufferModule } from "./modules/buffer.mjs";
import { createCrypto } from "./modules/crypto.mjs";
import { createEvents } from "./modules/events.mjs";
import { createJsonwebtoken } from "./modules/jsonwebtoken.mjs";
import { createTimers } from "./modules/timers.mjs";
import { createUtil } from "./modules/util.mjs";

const DEFAULT_PORT = 3000;
/** Provided modules that are Node's own: listed as `node:x` when an import fails. */
const NODE_BUILTINS = new Set(["buffer", "crypto", "events", "timers", "timers/promises", "util"]);
/** The process id in Node's warnings, `(node:PID) ...`. */
const PID = 42;

/** Node's form of an error's stack, naming the learner's file. */
const cleanStack = (err, filename) => nodeStack(err, filename);

export class Playground {
  constructor(wasm, options = {}) {
    this.wasm = wasm;
    this.onLog = options.onLog ?? (() => {});
    this.env = { ...(options.env ?? {}) };
    this.program = null;
    this.logs = [];
    /** How long curl waits for an answer when the command has no `-m` (ms). */
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  }

  log(stream, text) {
    this.logs.push({ stream, text });
    this.onLog(stream, text);
  }

  /** Stops the current program: its timers never fire again, its server stops listening. */
  async stop() {
    const p = this.program;
    if (!p) return;
    p.stopped = true;
    for (const t of p.timers) clearTimeout(t), clearInterval(t);
    p.timers.clear();
    p.servers.clear();
    this.program = null;
  }

  /** Runs learner code as `node <filename>` would. */
  async run(code, { filename = "server.js", env } = {}) {
    await this.stop();
    if (env) this.env = { ...env };
    this.logs = [];
    const program = new Program(this.wasm, null);
    program.timers = new Set();
    program.servers = new Map();
    program.stopped = false;
    this.program = program;
    const host = this.host(program, filename);
    program.host = host;
    let fn;
    try {
      fn = compile(code, filename);
    } catch (e) {
      if (e instanceof LearnerSyntaxError) {
        const error = { message: e.message, line: e.line, column: e.column, stack: `${filename}:${e.line}\n\nSyntaxError: ${e.message}` };
        this.log("stderr", `${filename}:${e.line}:${e.column}\nSyntaxError: ${e.message}`);
        return { ok: false, logs: this.logs, error, port: null, note: null };
      }
      throw e;
    }
    try {
      await fn(...host.scopeValues);
    } catch (e) {
      const { line, column } = locate(e, filename);
      const stack = cleanStack(e, filename);
      this.log("stderr", stack);
      return { ok: false, logs: this.logs, error: { message: String(e?.message ?? e), line, column, stack }, port: null, note: null };
    }
    let note = null;
    if (program.servers.size === 0 && program.apps.length > 0) {
      program.servers.set(DEFAULT_PORT, program.apps[0]);
      note = `Your code does not call app.listen(), so the playground started the app on port ${DEFAULT_PORT}.`;
    }
    const port = program.servers.size ? [...program.servers.keys()][0] : null;
    return { ok: true, logs: this.logs, error: null, port, note };
  }

  /** The environment learner code runs in: modules, console, process, timers. */
  host(program, filename) {
    const pg = this;
    const live = () => !program.stopped;
    const write = (stream, text) => live() && pg.log(stream, text);
    const console = createConsole(write);
    const express = createExpress(program);
    const nodeTimers = createTimers(() => scope);
    const modules = {
      express: { default: express, ...Object.fromEntries(["Router", "json", "urlencoded", "text", "raw", "static"].map((k) => [k, express[k]])) },
      "cookie-parser": createCookieParser(program.wasm),
      cors: createCors(program.wasm),
      morgan: createMorgan({ wasm: program.wasm, write, env: pg.env, filename }),
      jsonwebtoken: createJsonwebtoken(program.wasm),
      // Node's built-ins, also reachable with the `node:` prefix. Timers are the program's own
      // (`scope`'s), so re-running cancels a pending `await setTimeout(...)` too.
      buffer: createBufferModule(),
      crypto: createCrypto(program.wasm),
      events: createEvents({ warn: (text) => write("stderr", `(node:${PID}) ${text}\n(Use \`node --trace-warnings ...\` to show where the warning was created)`) }),
      timers: nodeTimers.timers,
      "timers/promises": nodeTimers.promises,
      util: createUtil({ promisified: (fn) => (fn === scope.setTimeout ? nodeTimers.promises.setTimeout : fn === scope.setImmediate ? nodeTimers.promises.setImmediate : undefined) }),
    };
    const provided = Object.keys(modules).map((m) => (NODE_BUILTINS.has(m) ? `node:${m}` : m));
    const resolve = (name) => {
      const key = name.startsWith("node:") ? name.slice(5) : name;
      const m = modules[key];
      if (!m) {
        const e = new Error(`Cannot find package '${name}' imported from /app/${filename}\nThe playground provides: ${provided.join(", ")}.`);
        e.code = "ERR_MODULE_NOT_FOUND";
        e.stack = `Error [ERR_MODULE_NOT_FOUND]: ${e.message}`;
        throw e;
      }
      return m;
    };
    const timers = program.timers;
    const wrapTimer = (set, clear, repeat) => (cb, ms, ...args) => {
      const id = set(() => {
        if (!repeat) timers.delete(id);
        if (!live()) return;
        try {
          cb(...args);
        } catch (e) {
          write("stderr", cleanStack(e, filename));
        }
      }, ms);
      timers.add(id);
      return id;
    };
    const process = {
      env: pg.env,
      argv: ["node", `/app/${filename}`],
      platform: "linux",
      version: "v20.20.2",
      versions: { node: "20.20.2" },
      cwd: () => "/app",
      exit: () => {},
      nextTick: (cb, ...args) => queueMicrotask(() => live() && cb(...args)),
      on: () => process,
      uptime: () => performance.now() / 1000,
      hrtime: Object.assign(() => [0, 0], { bigint: () => BigInt(Math.round(performance.now() * 1e6)) }),
      memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0 }),
    };
    const module = { exports: {} };
    const scope = {
      __import: resolve,
      __exports: module.exports,
      require: (name) => resolve(name).default ?? resolve(name),
      module,
      exports: module.exports,
      console,
      process,
      setTimeout: wrapTimer(setTimeout, clearTimeout, false),
      setInterval: wrapTimer(setInterval, clearInterval, true),
      setImmediate: (cb, ...args) => wrapTimer(setTimeout, clearTimeout, false)(cb, 0, ...args),
      clearTimeout: (id) => (timers.delete(id), clearTimeout(id)),
      clearInterval: (id) => (timers.delete(id), clearInterval(id)),
      clearImmediate: (id) => (timers.delete(id), clearTimeout(id)),
      Buffer,
      global: globalThis,
      globalThis,
      __filename: `/app/${filename}`,
      __dirname: "/app",
      fetch: globalThis.fetch,
      queueMicrotask: (cb) => queueMicrotask(() => live() && cb()),
    };
    return {
      env: pg.env,
      scopeValues: Object.values(scope),
      listen(app, port, cb) {
        const actual = port || DEFAULT_PORT;
        program.servers.set(actual, app);
        const server = {
          address: () => ({ address: "::", family: "IPv6", port: actual }),
          close: (done) => { program.servers.delete(actual); done?.(); return server; },
          on: () => server,
        };
        if (cb) scope.setTimeout(() => cb(), 0);
        return server;
      },
      formatStack: (err) => cleanStack(err, filename),
      logError(err) {
        write("stderr", cleanStack(err, filename) || format(err));
      },
    };
  }

  /** The port the server listens on, or null. */
  get port() {
    const s = this.program?.servers;
    return s && s.size ? [...s.keys()][0] : null;
  }

  /**
   * Sends one request to the learner's server. `headers` is a list of `[name, value]`.
   * Resolves to `{ status, statusText, rawHeaders, headers, body }`, or `{ error }` when no
   * server listens on `port` or nothing answers within `timeoutMs`.
   */
  async request({ method = "GET", url = "/", headers = [], body, port, timeoutMs = 5000 } = {}) {
    const program = this.program;
    const app = program?.servers.get(port ?? this.port);
    if (!app) return { error: "ECONNREFUSED", port: port ?? DEFAULT_PORT };
    if (!Array.isArray(headers)) headers = Object.entries(headers);
    let stalledAt = () => "";
    const answer = app.__serve({ method: method.toUpperCase(), url, headers, body, onStall: (f) => (stalledAt = f) });
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ error: "ETIMEDOUT", timeoutMs, stalledAt: stalledAt() }), timeoutMs);
    });
    const res = await Promise.race([answer, timeout]);
    clearTimeout(timer);
    if (res.error) return res;
    const obj = Object.create(null);
    for (const [n, v] of res.rawHeaders) {
      const k = n.toLowerCase();
      if (k === "set-cookie") (obj[k] ??= []).push(v);
      else obj[k] = k in obj ? `${obj[k]}, ${v}` : v;
    }
    return { status: res.status, statusText: res.statusText, rawHeaders: res.rawHeaders, headers: obj, body: res.body, bodyBytes: res.bodyBytes };
  }

  /**
   * Runs one terminal line: a `curl` command against the learner's server, or a short
   * message for anything else. Resolves to `{ stdout, stderr, exitCode }`.
   */
  async exec(line) {
    const words = line.trim().split(/\s+/);
    if (words[0] === "") return { stdout: "", stderr: "", exitCode: 0 };
    if (words[0] !== "curl") {
      return { stdout: "", stderr: `${words[0]}: command not found (this terminal runs curl; try: curl localhost:3000/)\n`, exitCode: 127 };
    }
    const run = this.wasm.curlParse(line);
    try {
      while (run.pending) {
        const host = run.hopHost.toLowerCase();
        if (!LOCAL_HOSTS.has(host)) {
          run.failResolve();
          break;
        }
        const port = run.hopPort;
        if (!this.program?.servers.has(port)) {
          run.failRefused();
          break;
        }
        if (run.hopScheme === "https") {
          run.failTls();
          break;
        }
        const maxTime = run.maxTimeMs;
        const timeoutMs = maxTime >= 0 ? maxTime : this.requestTimeoutMs;
        const res = await this.request({ method: run.hopMethod, url: run.hopTarget, headers: pairs(run.hopHeaders), body: run.hopBody, port, timeoutMs });
        if (res.error === "ETIMEDOUT") {
          if (res.stalledAt) this.log("stderr", `playground: ${run.hopMethod} ${run.hopTarget} got no answer: the last handler to run was ${res.stalledAt}, and it neither sent a response nor called next().`);
          run.failTimeout(timeoutMs);
          break;
        }
        if (res.error) {
          run.failRefused();
          break;
        }
        run.respond(res.status, res.statusText, res.rawHeaders.flat(), res.bodyBytes);
      }
      const out = run.output();
      return { stdout: out.stdout, stderr: out.stderr, exitCode: out.exitCode };
    } finally {
      run.free();
    }
  }
}

/** Host names that reach this machine. */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"]);

function pairs(flat) {
  const out = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}
