// Unhandled promise rejections, routed to the program they came from. The platform reports
// them for the whole realm — Node's `process.on('unhandledRejection')`, a worker's
// `unhandledrejection` event — so one listener serves every live program: a rejection whose
// error has a frame in a program's file is that program's; one without (a rejected string, an
// error made by the platform) belongs to the program started last. A rejection from a program
// that has already stopped is dropped, as its process would be gone.

import { ProcessExit } from "./fatal.mjs";

const setTimer = globalThis.setTimeout.bind(globalThis);
/** A timer that does not keep Node's process alive on its own. */
const later = (fn, ms) => setTimer(fn, ms)?.unref?.();

/** Live programs, oldest first: `{ url, unhandledRejection(reason, promise) }`. */
const live = [];
let unsubscribe = null;

/** A learner file as stack traces name it (see loader.mjs `compile`). */
const LEARNER_FILE = /\bpg\d+\//;

function owner(reason) {
  let stack = "";
  try {
    if (reason !== null && typeof reason === "object") stack = String(reason.stack ?? "");
  } catch {
    // A `stack` getter that throws tells nothing.
  }
  const own = live.find((p) => stack.includes(`${p.url}:`));
  if (own) return own;
  return LEARNER_FILE.test(stack) ? null : (live.at(-1) ?? null);
}

// The platform's reporter, kept before any learner code runs, which could replace the globals:
// Node's process, or the worker's global scope.
const nodeProcess = typeof globalThis.process?.on === "function" && globalThis.process.versions?.node ? globalThis.process : null;
const scope = nodeProcess ? null : { add: globalThis.addEventListener?.bind(globalThis), remove: globalThis.removeEventListener?.bind(globalThis) };

/** Subscribes to the platform's reports; returns the way to unsubscribe. */
function subscribe(onRejection) {
  if (nodeProcess) {
    const listener = (reason, promise) => onRejection(reason, promise);
    nodeProcess.on("unhandledRejection", listener);
    return () => nodeProcess.off("unhandledRejection", listener);
  }
  const listener = (event) => {
    if (onRejection(event.reason, event.promise)) event.preventDefault();
  };
  scope.add?.("unhandledrejection", listener);
  return () => scope.remove?.("unhandledrejection", listener);
}

/**
 * Sends the unhandled rejections of `program` (`{ url, unhandledRejection }`) to it until the
 * returned function is called.
 */
export function watchRejections(program) {
  live.push(program);
  unsubscribe ??= subscribe((reason, promise) => {
    // `process.exit()` unwinding an async function: the program has ended on purpose.
    if (reason instanceof ProcessExit) return true;
    const p = owner(reason);
    p?.unhandledRejection(reason, promise);
    return p !== null;
  });
  return () => {
    const i = live.indexOf(program);
    if (i !== -1) live.splice(i, 1);
    // Not at once: a program that has just ended may still reject (`process.exit()` in an
    // async function does), and that must not reach the platform as an unhandled rejection.
    later(() => {
      if (live.length === 0 && unsubscribe) {
        unsubscribe();
        unsubscribe = null;
      }
    }, 10);
  };
}
