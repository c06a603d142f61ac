// The playground: loads learner code, keeps its server "listening", and answers requests
// and terminal commands. The same object backs the Web Worker and the Node package.

import { METHODS, Program } from "./express.mjs";
import { compile, LearnerSyntaxError } from "./loader.mjs";
import { invoke, locate, nodeStack } from "./stack.mjs";
import { ProcessExit } from "./fatal.mjs";
import { createHost, DEFAULT_PORT } from "./host.mjs";
import { ioTurn } from "./scheduler.mjs";

/** The platform's timer, kept before learner code could replace the global. */
const later = globalThis.setTimeout.bind(globalThis);

/** What Node shows for a non-error an ES module's top level throws: its own line. */
const MODULE_THROW_EXCERPT = "node:internal/modules/run_main:123\n    triggerUncaughtException(\n    ^\n";

export class Playground {
  constructor(wasm, options = {}) {
    this.wasm = wasm;
    this.onLog = options.onLog ?? (() => {});
    /** Called with the exit code when the program ends on its own (a crash, `process.exit`). */
    this.onExit = options.onExit ?? (() => {});
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
    this.halt(p);
    this.program = null;
  }

  /** Ends `program`: no callback of it runs again and its servers stop listening. */
  halt(program) {
    if (program.stopped) return;
    program.stopped = true;
    program.scheduler?.clearAll();
    program.servers.clear();
    program.unwatch?.();
    program.ended();
  }

  /**
   * Ends `program` as its process would end with `code`: the 'exit' listeners run (unless
   * `exitEvent` is false), then `beforeHalt()` (the crash report), then the program halts and
   * `onExit(code)` tells the embedder — or, during `run()`, its result does.
   */
  exit(program, code, { exitEvent = true, beforeHalt } = {}) {
    if (program.stopped || program.exiting) return;
    program.exiting = true;
    if (exitEvent) {
      try {
        program.process.emit("exit", code);
      } catch {
        // The process is on its way out; an 'exit' listener cannot stop it.
      }
    }
    beforeHalt?.();
    program.exitCode = code;
    this.halt(program);
    if (this.program === program && !program.starting) this.onExit(code);
  }

  /**
   * Ends `program` with `process.exitCode` (default 0) once nothing is left to wait for — no
   * server, no timer, no fetch on its way — as Node ends a process whose event loop is empty,
   * after the 'beforeExit' listeners had their chance to start more work.
   */
  settle(program) {
    if (program.settling || program.stopped || program.starting) return;
    program.settling = true;
    const waiting = () => program.servers.size > 0 || program.scheduler.refs() > 0 || program.inflight > 0;
    const code = () => Number(program.process.exitCode ?? 0) || 0;
    later(() => {
      program.settling = false;
      if (program.stopped || program.starting || waiting()) return;
      if (program.process.listenerCount("beforeExit") === 0) return this.exit(program, code());
      try {
        program.process.emit("beforeExit", code());
      } catch (e) {
        program.fatal.uncaught(e);
      }
      later(() => program.stopped || program.starting || waiting() || this.exit(program, code()), 0);
    }, 0);
  }

  /**
   * Runs learner code as `node <filename>` would. Resolves once its top level has run:
   * `{ ok, logs, error, port, note, exitCode }`, `exitCode` set when it has already ended.
   */
  async run(code, { filename = "server.js", env } = {}) {
    await this.stop();
    if (env) this.env = { ...env };
    this.logs = [];
    let compiled;
    try {
      compiled = compile(code, filename);
    } catch (e) {
      if (!(e instanceof LearnerSyntaxError)) throw e;
      // As Node reports it: the excerpt with carets, the message, Node's frames.
      const error = { message: e.message, line: e.line, column: e.column, stack: e.report.slice(0, e.report.lastIndexOf("\n\nNode.js")) };
      this.log("stderr", e.report);
      return { ok: false, logs: this.logs, error, port: null, note: null, exitCode: 1 };
    }
    const program = (this.program = new Program(this.wasm, null));
    Object.assign(program, { servers: new Map(), stopped: false, starting: true, exitCode: null, inflight: 0 });
    // What waits for an answer from this program, settled with an empty reply if it ends.
    program.waiting = new Set();
    program.ended = () => {
      for (const settle of program.waiting) settle({ error: "EMPTY_REPLY" });
      program.waiting.clear();
    };
    program.host = createHost(this, program, compiled.source);
    const error = await this.evaluate(program, compiled);
    if (error) return { ok: false, logs: this.logs, error, port: null, note: null, exitCode: program.exitCode };
    let note = null;
    if (!program.stopped && !program.listened && program.apps.length > 0) {
      program.servers.set(DEFAULT_PORT, program.apps[0]);
      note = `Your code does not call app.listen(), so the playground started the app on port ${DEFAULT_PORT}.`;
    }
    const port = program.servers.size ? [...program.servers.keys()][0] : null;
    this.settle(program);
    return { ok: true, logs: this.logs, error: null, port, note, exitCode: program.exitCode };
  }

  /**
   * Runs the top level of `program`. An exception that escapes it is the process's, as in
   * Node; if that ended the program, resolves to the error `run()` reports (learner's line).
   */
  async evaluate(program, { fn, source }) {
    try {
      // Node links a module's imports before any of its lines run.
      if (source.isModule) program.host.link();
      const done = invoke.__pg_load(fn, program.host.self, program.host.scopeValues);
      // Node runs the ticks a CommonJS top level queued before its promise callbacks.
      if (!source.isModule) program.scheduler.drainTicks();
      await done;
    } catch (e) {
      if (e instanceof ProcessExit) return null;
      if (source.isModule) commonJsHint(e);
      // An ES module's top level fails as a rejected promise does; CommonJS's as a throw.
      const excerpt = source.isModule && !(e instanceof Error) ? MODULE_THROW_EXCERPT : undefined;
      program.fatal.uncaught(e, { fromPromise: source.isModule, excerpt });
      if (program.stopped) return { message: String(e?.message ?? e), ...locate(e, source), stack: nodeStack(e, source) };
    } finally {
      program.starting = false;
    }
    return null;
  }

  /** The port the server listens on, or null. */
  get port() {
    const s = this.program?.servers;
    return s && s.size ? [...s.keys()][0] : null;
  }

  /**
   * Sends one request to the learner's server. `headers` is a list of `[name, value]`; left
   * out, it is a Host header alone, as every HTTP/1.1 client sends one (a list without one
   * gets the 400 Node's server answers).
   * Resolves to `{ status, statusText, rawHeaders, headers, body }`, or `{ error }` when no
   * server listens on `port` or nothing answers within `timeoutMs`.
   *
   * The request arrives as an I/O event, as from a socket: its handlers run in a task of
   * their own (what they queue with setImmediate runs before their setTimeout(0)), and the
   * platform gets its turn between two requests, which is when finalizers free what ended
   * requests held in the engine. A caller that awaited requests back to back in one chain of
   * promise callbacks would otherwise grow the engine's memory without bound.
   */
  async request(options = {}) {
    const program = this.program;
    const immediates = program?.scheduler?.afterImmediates();
    if (immediates) await immediates;
    await ioTurn();
    if (program !== this.program || program?.stopped) return { error: "ECONNREFUSED", port: options.port ?? DEFAULT_PORT };
    return this.answer(options);
  }

  /** `request()` within the current task (the caller took the I/O turn). */
  async answer({ method = "GET", url = "/", headers, body, port, timeoutMs = 5000 } = {}) {
    const program = this.program;
    port ??= this.port;
    const app = program?.servers.get(port);
    if (!app) return { error: "ECONNREFUSED", port: port ?? DEFAULT_PORT };
    // Without a list, the one header every HTTP/1.1 client sends.
    headers ??= [["Host", `localhost:${port}`]];
    if (!Array.isArray(headers)) headers = Object.entries(headers);
    // Node's HTTP server answers these itself, before any JavaScript runs: a method its parser
    // does not know, and (requireHostHeader) an HTTP/1.1 request without a Host header.
    if (!HTTP_METHODS.has(method.toUpperCase())) return nodeBadRequest([]);
    if (!headers.some(isHost)) {
      // A client refuses a header value it cannot send before anything goes out, as the
      // engine does for a request that has a Host.
      if (headers.some(([, v]) => /[^\t\x20-\x7e\x80-\xff]/.test(String(v)))) {
        throw Object.assign(new TypeError("Invalid character in header content"), { code: "ERR_INVALID_CHAR" });
      }
      return nodeBadRequest([["Date", new Date().toUTCString()], ["Transfer-Encoding", "chunked"]]);
    }
    const request = { method: method.toUpperCase(), url, headers, body, stalledAt: undefined, server: program.serverObjects?.get(port) };
    let res = program.scheduler ? program.scheduler.asTask(() => app.__serve(request)) : app.__serve(request);
    // Most requests are answered synchronously; only one still open gets a timer.
    if (typeof res.then === "function") {
      // A program that ends first (a re-run, a crash) closes the connection without an answer.
      res = await withTimeout(unlessEnded(program, res), timeoutMs, () => ({ error: "ETIMEDOUT", timeoutMs, stalledAt: request.stalledAt?.() ?? "" }));
    }
    if (res.error) return res;
    return new Answer(res);
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
        // The request reaches the server as an I/O event: its handlers run in a task of their
        // own, so what they queue with setImmediate runs before their setTimeout(0), as in Node.
        const program = this.program;
        await ioTurn();
        if (program.stopped) {
          run.failRefused();
          break;
        }
        // A server that dies while answering closes the connection without a word.
        const res = await unlessEnded(program, this.answer({ method: run.hopMethod, url: run.hopTarget, headers: pairs(run.hopHeaders), body: run.hopBody, port, timeoutMs }));
        if (res.error === "EMPTY_REPLY") {
          if (typeof run.failEmptyReply === "function") {
            run.failEmptyReply();
            break;
          }
          return emptyReply(words);
        }
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

/**
 * Node's words for a CommonJS variable an ES module's top level used: `require is not defined
 * in ES module scope, you can use import instead`. JavaScriptCore's "Can't find variable: x"
 * is first said as V8 says it.
 */
function commonJsHint(e) {
  if (e?.name !== "ReferenceError" || typeof e.message !== "string") return;
  const m = /^(?:(module|exports|require|__filename|__dirname) is not defined|Can't find variable: (module|exports|require|__filename|__dirname))$/.exec(e.message);
  if (!m) return;
  const name = m[1] ?? m[2];
  e.message = `${name} is not defined in ES module scope${name === "require" ? ", you can use import instead" : ""}`;
}

/**
 * What `request()` resolves to. `headers` is built when first read, as Node's
 * `IncomingMessage.headers` is: most callers read the status and the body only.
 */
class Answer {
  constructor({ status, statusText, rawHeaders, body, bodyBytes }) {
    this.status = status;
    this.statusText = statusText;
    this.rawHeaders = rawHeaders;
    this.body = body;
    this.bodyBytes = bodyBytes;
  }

  get headers() {
    const headers = headerObject(this.rawHeaders);
    Object.defineProperty(this, "headers", { value: headers, enumerable: true, writable: true, configurable: true });
    return headers;
  }
}

/** Response headers by lower-case name: repeats joined with ", ", Set-Cookie as a list. */
function headerObject(rawHeaders) {
  const obj = Object.create(null);
  for (let i = 0; i < rawHeaders.length; i++) {
    const k = rawHeaders[i][0].toLowerCase();
    const v = rawHeaders[i][1];
    const seen = obj[k];
    if (k === "set-cookie") (seen ?? (obj[k] = [])).push(v);
    else obj[k] = seen === undefined ? v : `${seen}, ${v}`;
  }
  return obj;
}

/**
 * `promise`, or `{ error: "EMPTY_REPLY" }` if `program` ends first. Nothing stays behind once
 * it settles: a `Promise.race` with a promise of the program's end would leave one reaction
 * per request on it for as long as the program runs.
 */
function unlessEnded(program, promise) {
  if (program.stopped) return Promise.resolve({ error: "EMPTY_REPLY" });
  return new Promise((resolve) => {
    program.waiting.add(resolve);
    promise.then((value) => {
      program.waiting.delete(resolve);
      resolve(value);
    });
  });
}

/** `promise`, or `onTimeout()` if it has not settled within `ms`. */
function withTimeout(promise, ms, onTimeout) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(onTimeout()), ms);
    promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

const isHost = ([name]) => name.length === 4 && name.toLowerCase() === "host";

/**
 * The 400 Node's HTTP server writes by itself: `Connection: close`, then what its way of
 * writing it adds (`res.writeHead(400, ...)` then `end()` sends an empty chunked body).
 */
function nodeBadRequest(more) {
  return new Answer({ status: 400, statusText: "Bad Request", rawHeaders: [["Connection", "close"], ...more], body: "", bodyBytes: new Uint8Array(0) });
}

/** The methods Node's HTTP parser accepts (`http.METHODS`). */
const HTTP_METHODS = new Set(METHODS.map((m) => m.toUpperCase()));

/** Host names that reach this machine. */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"]);

/** curl's answer when the connection closes before a response: `curl: (52) Empty reply from server`. */
function emptyReply(words) {
  const flags = words.filter((w) => /^-[a-zA-Z]+$/.test(w)).join("");
  const silent = flags.includes("s") || words.includes("--silent");
  const showError = flags.includes("S") || words.includes("--show-error");
  return { stdout: "", stderr: silent && !showError ? "" : "curl: (52) Empty reply from server\n", exitCode: 52 };
}

function pairs(flat) {
  const out = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}
