// `process` for learner code. As in Node it is an EventEmitter, so `process.on('exit' |
// 'uncaughtException' | 'unhandledRejection', fn)`, `once` and `off` work, and `process.exit()`
// ends the program.

import { NODE_VERSION, ProcessExit } from "./fatal.mjs";

/** The platform's timer, kept before learner code could replace the global. */
const later = globalThis.setTimeout.bind(globalThis);

/** How long a line written without its newline waits for the rest before it is shown. */
const PARTIAL_LINE_MS = 50;

/**
 * `process.stdout` and `process.stderr` over the terminal, which shows whole lines:
 * `write(chunk)` shows each finished line at once, and holds a last unfinished one until its
 * newline comes or PARTIAL_LINE_MS pass (so `write("Loading..."); write(" done\n")` is one line,
 * as a real terminal ends up showing it). `before(stream, text)` is for every other output (the
 * console, crash reports): the text, after what `stream` holds, as Node's bytes would run on,
 * once the other stream's held text is shown. `log(stream, text)` shows one entry.
 */
export function createStdio(log) {
  const held = { stdout: "", stderr: "" };
  let timer = null;
  const show = (stream) => {
    if (held[stream] !== "") log(stream, held[stream]);
    held[stream] = "";
  };
  const flush = () => {
    show("stdout");
    show("stderr");
  };
  const before = (stream, text) => {
    show(stream === "stdout" ? "stderr" : "stdout");
    const joined = held[stream] + text;
    held[stream] = "";
    return joined;
  };
  const stream = (name, fd) => ({
    fd,
    isTTY: false,
    writable: true,
    write(chunk, encoding, callback) {
      if (typeof encoding === "function") callback = encoding;
      const text = before(name, typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk));
      const lines = text.split("\n");
      held[name] = lines.pop();
      for (const line of lines) log(name, line);
      if (held[name] !== "" && timer === null) {
        timer = later(() => {
          timer = null;
          flush();
        }, PARTIAL_LINE_MS);
      }
      if (typeof callback === "function") later(callback, 0);
      return true;
    },
  });
  return { stdout: stream("stdout", 1), stderr: stream("stderr", 2), before };
}

/**
 * The `process` of one program. `exit(code)` ends the program (after the 'exit' event);
 * `nextTick` is the program's own; `stdio` its `createStdio`.
 */
export function createProcess({ EventEmitter, env, filename, nextTick, exit, stdio }) {
  // Named through a property key, which minifiers keep: V8 names a listener's frame after it
  // (`process.<anonymous>`), as in Node.
  const { process: Process } = { process: class extends EventEmitter {} };
  const process = new Process();
  return Object.assign(process, {
    env,
    argv: ["node", `/app/${filename}`],
    execArgv: [],
    platform: "linux",
    pid: 42,
    version: NODE_VERSION,
    versions: { node: NODE_VERSION.slice(1) },
    exitCode: undefined,
    cwd: () => "/app",
    /** Ends the program now: the code after the call never runs, as in Node. */
    exit(code) {
      if (code !== undefined) process.exitCode = code;
      exit(Number(process.exitCode ?? 0) || 0);
      throw new ProcessExit(process.exitCode);
    },
    nextTick,
    uptime: () => performance.now() / 1000,
    stdout: stdio.stdout,
    stderr: stdio.stderr,
    hrtime: Object.assign(hrtime, { bigint: () => BigInt(Math.round(performance.now() * 1e6)) }),
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0 }),
  });
}

/** `process.hrtime([previous])`: `[seconds, nanoseconds]`, since `previous` when given. */
function hrtime(previous) {
  const ns = Math.round(performance.now() * 1e6);
  let sec = Math.floor(ns / 1e9);
  let nano = ns % 1e9;
  if (Array.isArray(previous)) {
    sec -= previous[0];
    nano -= previous[1];
    if (nano < 0) {
      sec -= 1;
      nano += 1e9;
    }
  }
  return [sec, nano];
}
