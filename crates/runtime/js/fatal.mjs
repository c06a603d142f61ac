// What Node 20 does with an exception nobody caught, or a rejection nobody handled: the
// program's `process.on('uncaughtException' | 'unhandledRejection')` listeners get it; without
// one, the crash report goes to stderr and the process exits with code 1 — its server stops
// listening and its timers never fire again.

import { inspect, inspectDefaultOptions, kFormatStack } from "./inspect.mjs";
import { arrow, asNodeError, invoke, learnerFrames, nodeArrow, nodeHint, nodeStack } from "./stack.mjs";

export const NODE_VERSION = "v20.20.2";

/** Thrown by `process.exit()` to end the code that called it; never reported. */
export class ProcessExit {
  constructor(code) {
    this.code = code;
  }
}

/** V8's `NoSideEffectsToString`, which Node's rejection message quotes the reason with. */
function noSideEffectsToString(value) {
  if (typeof value === "function") return Function.prototype.toString.call(value);
  if (typeof value === "symbol") return Symbol.prototype.toString.call(value);
  if (value === null || typeof value !== "object") return String(value);
  const data = (key) => {
    for (let o = value; o; o = Object.getPrototypeOf(o)) {
      const d = Object.getOwnPropertyDescriptor(o, key);
      if (d) return d.value;
    }
  };
  const toString = data("toString");
  if (value instanceof Error || toString === Error.prototype.toString) {
    const name = data("name");
    const message = data("message");
    return message ? `${name ?? "Error"}: ${message}` : String(name ?? "Error");
  }
  if (toString === Object.prototype.toString) {
    const ctor = data("constructor");
    if (typeof ctor === "function" && ctor.name) return `#<${ctor.name}>`;
  }
  const tag = data(Symbol.toStringTag);
  const builtin = Array.isArray(value) ? "Array" : value instanceof Date ? "Date" : value instanceof RegExp ? "RegExp" : "Object";
  return `[object ${typeof tag === "string" ? tag : builtin}]`;
}

const UNHANDLED_ARROW = "node:internal/process/promises:389\n      new UnhandledPromiseRejection(reason);\n      ^\n";

/** The error Node crashes with when a promise rejects with something that is not an error. */
class UnhandledPromiseRejection extends Error {
  constructor(reason) {
    super(
      "This error originated either by throwing inside of an async function without a catch block, " +
        "or by rejecting a promise which was not handled with .catch(). The promise rejected with the " +
        `reason "${noSideEffectsToString(reason)}".`,
    );
    this.code = "ERR_UNHANDLED_REJECTION";
  }
}
Object.defineProperty(UnhandledPromiseRejection.prototype, "name", { value: "UnhandledPromiseRejection", configurable: true, writable: true });

/** Node's test for a rejection reason it can throw as it is. */
const isErrorLike = (v) => v !== null && typeof v === "object" && Object.prototype.hasOwnProperty.call(v, "stack");
const isError = (v) => v instanceof Error || Object.prototype.toString.call(v) === "[object Error]";

/**
 * The report Node prints for a fatal exception: the source excerpt (`where`: `{ line, column }`
 * in the learner's file, the excerpt itself, or none), the value as `util.inspect` shows it,
 * and Node's version.
 */
export function crashReport(value, source, where) {
  const excerpt = nodeArrow(value) ?? (typeof where === "string" ? where : where ? arrow(source, where) : "");
  if (isError(value)) {
    const trace = inspect(value, { customInspect: false, depth: Math.max(inspectDefaultOptions.depth, 5), [kFormatStack]: (e) => nodeStack(e, source) });
    return `${excerpt && `${excerpt}\n`}${trace}\n\nNode.js ${NODE_VERSION}`;
  }
  if (value !== null && typeof value === "object") return `\n${excerpt}${inspect(value)}\n\nNode.js ${NODE_VERSION}`;
  const text = typeof value === "string" ? value : inspect(value);
  return `\n${excerpt}${text}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)\n\nNode.js ${NODE_VERSION}`;
}

/**
 * The program's handling of uncaught exceptions and unhandled rejections. `thrownAt(value)` is
 * where the learner's code last threw `value` (`{ line, column }`), if it did;
 * `exit(code, { exitEvent, beforeHalt })` ends the program (see Playground.exit).
 */
export function createFatal({ process, source, write, thrownAt, exit }) {
  const report = (value, where) => {
    write("stderr", crashReport(value, source, where));
    const hint = nodeHint(value);
    if (hint) write("stderr", hint);
  };
  /** Where V8 would say an error was raised: its first frame in the learner's file. */
  const firstFrame = (value) => {
    const f = learnerFrames(value, source)[0];
    return f ? { line: f.line, column: f.column - 1 } : null;
  };

  /**
   * `err` escaped a callback (`fromPromise`: it rejected a promise nobody handled). A thrown
   * exception points at its `throw`; a rejection at where its error was made, as in Node.
   * `excerpt` replaces the source excerpt (for a throw Node reports from its own code).
   */
  function uncaught(err, { origin = "uncaughtException", fromPromise = false, excerpt } = {}) {
    if (err instanceof ProcessExit) return;
    const where = excerpt ?? (fromPromise ? firstFrame(err) : (thrownAt(err) ?? firstFrame(err)));
    try {
      process.emit("uncaughtExceptionMonitor", err, origin);
    } catch {
      // Node ignores a monitor that throws, too.
    }
    if (process.listenerCount("uncaughtException") > 0) {
      try {
        invoke.__pg_uncaughtException(process.emit, process, ["uncaughtException", err, origin]);
      } catch (e) {
        if (e instanceof ProcessExit) return;
        report(e, thrownAt(e) ?? firstFrame(e));
        exit(7, { exitEvent: false });
      }
      return;
    }
    exit(1, { beforeHalt: () => report(err, where) });
  }

  /** A promise rejected with `reason` and no handler by the end of the tick. */
  function unhandledRejection(reason, promise) {
    if (reason instanceof ProcessExit) return;
    if (process.listenerCount("unhandledRejection") > 0) {
      try {
        invoke.__pg_unhandledRejection(process.emit, process, ["unhandledRejection", reason, promise]);
      } catch (e) {
        uncaught(e);
      }
      return;
    }
    const err = isErrorLike(reason) ? reason : asNodeError(new UnhandledPromiseRejection(reason), {
      frames: ["throwUnhandledRejectionsMode (node:internal/process/promises:389:7)", "processPromiseRejections (node:internal/process/promises:470:17)", "process.processTicksAndRejections (node:internal/process/task_queues:96:32)"],
      arrow: UNHANDLED_ARROW,
    });
    uncaught(err, { origin: "unhandledRejection", fromPromise: true });
  }

  return { uncaught, unhandledRejection };
}
