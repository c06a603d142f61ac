// Stack traces as Node prints them, whatever JS engine ran the code. V8 writes
// `    at name (file:line:col)`, SpiderMonkey and JavaScriptCore write `name@file:line:col`;
// learners should see Node's form: frames in their own file (plus the built-ins between them,
// such as `Array.map`), then the frames of Node's own code that called their callback, as
// `node server.js` would show them. The runtime's frames are noise, and Express's own frames
// would name files that do not exist here.
//
// Which Node frames to add is read off the stack itself: the runtime calls learner callbacks
// through `invoke`, whose functions are named after the callback's origin; property keys, unlike
// local names, survive minification.

import { MAIN } from "./loader.mjs";

/** Node prints at most this many frames (V8's default `Error.stackTraceLimit`). */
const STACK_LIMIT = 10;

const timers = (line) => [`listOnTimeout (node:internal/timers:${line})`, "process.processTimers (node:internal/timers:519:7)"];
const ticks = (line) => [`process.processTicksAndRejections (node:internal/process/task_queues:${line})`];

/**
 * Where Node 20.20.2 calls a callback from: the frames under it, and the receiver V8 names the
 * callback's frame by (`Timeout._onTimeout`, `Immediate.<anonymous>`, `process.<anonymous>`).
 */
export const ORIGINS = {
  // The learner's top level, run by `run()`: its frame gets the module loader's (MAIN_TAIL).
  __pg_load: { tail: [] },
  __pg_timeout: { receiver: "Timeout", as: "_onTimeout", tail: timers("581:17") },
  __pg_timeoutArgs: { receiver: "Timeout", as: "_onTimeout", tail: timers("583:11") },
  __pg_immediate: { receiver: "Immediate", tail: ["process.processImmediate (node:internal/timers:483:21)"] },
  __pg_immediateArgs: { receiver: "Immediate", tail: ["process.processImmediate (node:internal/timers:485:21)"] },
  __pg_tick0: { tail: ticks("77:11") },
  __pg_tick1: { tail: ticks("81:21") },
  __pg_tick2: { tail: ticks("82:21") },
  __pg_tick3: { tail: ticks("83:21") },
  __pg_tick4: { tail: ticks("84:21") },
  __pg_tickN: { tail: ticks("85:13") },
  __pg_microtask: {
    tail: ["node:internal/process/task_queues:140:7", "AsyncResource.runInAsyncScope (node:async_hooks:206:9)", "AsyncResource.runMicrotask (node:internal/process/task_queues:137:8)"],
  },
  // Express 5's `app.listen` wraps the callback in `once` and Node emits 'listening' on a tick.
  __pg_listening: {
    receiver: "Server",
    tail: ["Server.f (/app/node_modules/once/once.js:25:25)", "Object.onceWrapper (node:events:638:28)", "Server.emit (node:events:536:35)", "emitListeningNT (node:net:1951:10)", ...ticks("81:21")],
  },
  __pg_uncaughtException: { receiver: "process", tail: ["process.emit (node:events:524:28)", "process._fatalException (node:internal/process/execution:188:25)"] },
  __pg_unhandledRejection: {
    receiver: "process",
    tail: [
      "process.emit (node:events:524:28)", "emitUnhandledRejection (node:internal/process/promises:250:13)",
      "throwUnhandledRejectionsMode (node:internal/process/promises:385:19)", "processPromiseRejections (node:internal/process/promises:470:17)",
      ...ticks("96:32"),
    ],
  },
};

/** What runs a module's top level, under its first frame. */
const MAIN_TAIL = {
  module: ["ModuleJob.run (node:internal/modules/esm/module_job:325:25)", "async ModuleLoader.import (node:internal/modules/esm/loader:606:24)", "async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:117:5)"],
  commonjs: [
    "Module._compile (node:internal/modules/cjs/loader:1521:14)", "Module._extensions..js (node:internal/modules/cjs/loader:1623:10)",
    "Module.load (node:internal/modules/cjs/loader:1266:32)", "Module._load (node:internal/modules/cjs/loader:1091:12)",
    "Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)", "node:internal/main/run_main_module:28:49",
  ],
};

const apply = Function.prototype.call.bind(Function.prototype.apply);

/** `invoke[origin](fn, self, args)` calls `fn` as Node calls a callback of that origin. */
export const invoke = Object.fromEntries(
  Object.keys(ORIGINS).map((key) => [key, { [key](fn, self, args) { return apply(fn, self, args); } }[key]]),
);

const V8_FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;
const V8_BUILTIN = /^\s*at (.*) \((<anonymous>|index \d+)\)$/;
const GECKO_FRAME = /^(.*?)@(.*?):(\d+):(\d+)$/;

/** Parses one frame line of any engine into `{ name, file, line, column, async, builtin }`. */
function parseFrame(text) {
  const builtin = V8_BUILTIN.exec(text);
  if (builtin) {
    const [, name, where] = builtin;
    return { name: name.replace(/^async /, ""), async: name.startsWith("async "), builtin: where };
  }
  const m = V8_FRAME.exec(text) ?? GECKO_FRAME.exec(text);
  if (!m) return null;
  let name = m[1] || "";
  const async = /^async[ *]/.test(name);
  // V8 calls every anonymous function of evaluated code `eval`; Node's file has none.
  name = name.replace(/^async[ *]/, "").replace(/\.eval \[as (.*)\]$/, ".$1").replace(/\.eval$/, ".<anonymous>");
  if (name === "eval" || name.endsWith("/<") || name.includes("*")) name = "";
  return { name, file: m[2], line: Number(m[3]), column: Number(m[4]), async };
}

/** Errors the runtime makes as Node would: their frames are Node's own, given here. */
const nodeMade = new WeakMap();

/**
 * Marks `err` as made by "Node": `frames` are printed as its stack (followed by the learner's
 * frames when `learner`), and `arrow` is the source excerpt a crash report starts with;
 * `coded` puts `[err.code]` in the headline, `at` (`{ line, column }`, 0-based column) is the
 * learner's line it is about when no frame says, and `hint` follows the crash report.
 */
export function asNodeError(err, { frames = [], learner = false, arrow = "", coded = false, at = null, hint = null } = {}) {
  nodeMade.set(err, { frames, learner, arrow, coded, at, hint });
  return err;
}

/** The playground's line printed after the crash report of `err`, if any. */
export const nodeHint = (err) => (err !== null && typeof err === "object" ? nodeMade.get(err)?.hint : undefined);

/** The excerpt of Node's own source that a crash on a Node-made error shows, if any. */
export const nodeArrow = (err) => (err !== null && typeof err === "object" ? nodeMade.get(err)?.arrow : undefined);

/** This file as frames name it: the runtime's own code. */
const RUNTIME_FILE = import.meta.url.replace(/[?#].*$/, "");

/** Is `frame` one the engine wrote: in a learner's file, the runtime, or Node itself? */
const madeHere = (frame) => Boolean(frame && (frame.builtin || /(^|\s)pg\d+\//.test(frame.file) || frame.file.startsWith(RUNTIME_FILE) || frame.file.startsWith("node:")));

/**
 * Does `frame` point into the learner's file? `source` is the loader's (this run's file), or a
 * file name (any run's).
 */
function inLearnerFile(frame, source) {
  if (!frame.file) return false;
  const file = typeof source === "object" ? source.url : source;
  return frame.file === file || frame.file.endsWith(` ${file}`) || (typeof source !== "object" && frame.file.endsWith(`/${file}`));
}

const raw = (err) => {
  try {
    return typeof err?.stack === "string" ? err.stack : "";
  } catch {
    return "";
  }
};

/** Frames of `err` that point into the learner's file, at the learner's own columns. */
export function learnerFrames(err, source) {
  return raw(err)
    .split("\n")
    .map(parseFrame)
    .filter((f) => f && inLearnerFile(f, source))
    .map((f) => ({ ...f, column: typeof source === "object" ? source.column(f.line, f.column) : f.column }));
}

/** `{ line, column }` (1-based) of the first learner frame, or nulls. */
export function locate(err, source) {
  const at = err !== null && typeof err === "object" ? nodeMade.get(err)?.at : null;
  if (at) return { line: at.line, column: at.column + 1 };
  const f = learnerFrames(err, source)[0];
  return f ? { line: f.line, column: f.column } : { line: null, column: null };
}

/** Is `frame` the runtime's `invoke[key]`? */
const isOrigin = (frame, key) => Boolean(frame && !frame.async && (frame.name === key || frame.name?.endsWith(`.${key}`)));

/** The frame a callback of `origin` runs in, named as V8 names it in Node. */
function callbackName(name, origin) {
  const { receiver, as } = origin;
  if (!receiver || name.startsWith(`${receiver}.`)) return name;
  if (!name) return `${receiver}.${as ?? "<anonymous>"}`;
  return as ? `${receiver}.${name} [as ${as}]` : `${receiver}.${name}`;
}

/** The lines after the headline of `err.stack` in Node's form, as a list. */
function nodeFrames(err, source) {
  const frames = raw(err).split("\n").map(parseFrame);
  const out = [];
  let builtins = [];
  let callback = null;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    if (!f) continue;
    if (f.builtin) {
      builtins.push({ name: f.name, async: f.async, where: f.builtin });
    } else if (inLearnerFile(f, source)) {
      out.push(...builtins);
      builtins = [];
      const frame = { name: f.name, async: f.async, where: `${source.location}:${f.line}:${source.column(f.line, f.column)}` };
      // CommonJS's top level runs with `this` = module.exports, so V8 says `Object.__pg_main`.
      if (f.name === MAIN || f.name === `Object.${MAIN}`) {
        out.push({ ...frame, name: source.isModule ? "" : "Object.<anonymous>" });
        // Its first part runs synchronously under Node's loader; after an `await`, on its own.
        if (isOrigin(frames[i + 1], "__pg_load")) out.push(...MAIN_TAIL[source.isModule ? "module" : "commonjs"]);
        break;
      }
      out.push(frame);
      callback = frame;
    } else {
      builtins = [];
      const key = Object.keys(ORIGINS).find((k) => isOrigin(f, k));
      if (key) {
        if (callback && !callback.async) callback.name = callbackName(callback.name, ORIGINS[key]);
        out.push(...ORIGINS[key].tail);
        break;
      }
    }
  }
  return out.map((f) => (typeof f === "string" ? f : `${f.async ? "async " : ""}${f.name ? `${f.name} (${f.where})` : f.where}`));
}

/** The first line of a stack as Node prints it: `Name: message` (plus `[CODE]`). */
function headline(err) {
  const name = err.name ?? "Error";
  const coded = nodeMade.get(err)?.coded || raw(err).includes(`[${err.code}]`);
  const code = err.code && typeof err.code === "string" && coded ? ` [${err.code}]` : "";
  return err.message ? `${name}${code}: ${err.message}` : `${name}${code}`;
}

/** `err.stack` as Node would print it for the learner's program, `source` (see loader.mjs). */
export function nodeStack(err, source) {
  if (err === null || typeof err !== "object") return String(err);
  const made = nodeMade.get(err);
  let frames;
  if (made) frames = [...made.frames, ...(made.learner ? nodeFrames(err, source) : [])];
  else {
    // A stack the learner wrote themselves is theirs to keep.
    if (!raw(err).split("\n").some((line) => madeHere(parseFrame(line)))) return typeof err.stack === "string" ? err.stack : headline(err);
    frames = nodeFrames(err, source);
  }
  return [headline(err), ...frames.slice(0, STACK_LIMIT).map((f) => `    at ${f}`)].join("\n");
}

/**
 * The source excerpt Node starts a crash report with: the file and line, the line itself, and
 * a caret under `column` (0-based; tabs kept so the caret lines up).
 */
export function arrow(source, { line, column }) {
  const text = source.lines[line - 1] ?? "";
  return `${source.location}:${line}\n${text}\n${text.slice(0, column).replace(/[^\t]/g, " ")}^\n`;
}
