// The timer globals learner code calls — setTimeout, setInterval, setImmediate and their clear
// functions, process.nextTick, queueMicrotask — with Node's objects (Timeout, Immediate) and
// Node's order, over the platform's timers. Where the platform has no setImmediate (a browser),
// a MessageChannel message stands in: a task of its own, never clamped like a timer.

import { invoke } from "./stack.mjs";

// The platform's own, kept before learner code could replace the globals.
const platform = {
  setTimeout: globalThis.setTimeout.bind(globalThis),
  clearTimeout: globalThis.clearTimeout.bind(globalThis),
  setInterval: globalThis.setInterval.bind(globalThis),
  clearInterval: globalThis.clearInterval.bind(globalThis),
  queueMicrotask: globalThis.queueMicrotask.bind(globalThis),
  immediates: typeof globalThis.setImmediate === "function"
    ? { set: globalThis.setImmediate.bind(globalThis), clear: globalThis.clearImmediate.bind(globalThis) }
    : channelImmediates(),
};

/**
 * `setImmediate` over a MessageChannel: one message per immediate, so promise callbacks run
 * between two immediates, as in Node.
 */
function channelImmediates() {
  const channel = new MessageChannel();
  const queue = new Map();
  let next = 1;
  channel.port1.onmessage = () => {
    // The oldest immediate still queued; a cleared one leaves its message with nothing to do.
    for (const [id, fn] of queue) {
      queue.delete(id);
      fn();
      return;
    }
  };
  // Where a port can keep the process alive (Node, when tests use this path), it must not.
  channel.port1.unref?.();
  return {
    set(fn) {
      const id = next++;
      queue.set(id, fn);
      channel.port2.postMessage(null);
      return id;
    },
    clear: (id) => queue.delete(id),
  };
}

/**
 * Resolves in a task of its own that runs as an I/O event does: a MessageChannel message, which
 * Node delivers in its poll phase, so the immediates queued in it run before any timer. For
 * requests that reach the learner's server from the terminal or from the learner's `fetch`.
 * `work()`, if given, runs in that task (its stack starts there, with no caller's frames, not
 * even async ones) and the promise settles with its result.
 */
export const ioTurn = (() => {
  let channel = null;
  const waiting = [];
  return (work) =>
    new Promise((settle, fail) => {
      if (!channel) {
        channel = new MessageChannel();
        channel.port1.onmessage = () => {
          waiting.shift()?.();
          // Node: an idle channel must not keep the process alive.
          if (waiting.length === 0) channel.port1.unref?.();
        };
      }
      // Pushed as written, not bound to a name: a minifier keeping names would add a
      // naming call per request.
      waiting.push(() => {
        try {
          settle(work?.());
        } catch (e) {
          fail(e);
        }
      });
      channel.port1.ref?.();
      channel.port2.postMessage(null);
    });
})();

/** Node's TypeError for a callback that is not a function. */
function invalidCallback(value) {
  let received;
  if (value === null || value === undefined) received = `Received ${value}`;
  else if (typeof value === "object") received = `Received an instance of ${value.constructor?.name ?? "Object"}`;
  else {
    const shown = typeof value === "string" ? `'${value.length > 28 ? `${value.slice(0, 25)}...` : value}'` : String(value);
    received = `Received type ${typeof value} (${shown})`;
  }
  const e = new TypeError(`The "callback" argument must be of type function. ${received}`);
  e.code = "ERR_INVALID_ARG_TYPE";
  return e;
}

const check = (callback) => {
  if (typeof callback !== "function") throw invalidCallback(callback);
};

/** Node's delay rule: anything but a number from 1 to 2^31-1 ms is 1 ms. */
const delay = (after) => {
  after *= 1;
  return after >= 1 && after <= 2147483647 ? after : 1;
};

/** Per Timeout or Immediate: the platform's id, whether it keeps the program alive, and more. */
const handles = new WeakMap();

class Handle {
  ref() {
    const h = handles.get(this);
    h.refed = true;
    h.id?.ref?.();
    return this;
  }
  unref() {
    const h = handles.get(this);
    h.refed = false;
    h.id?.unref?.();
    h.idle();
    return this;
  }
  hasRef() {
    return handles.get(this).refed;
  }
}

// Named through property keys, which minifiers keep: V8 names a callback's frame after the
// object it is called on (`Timeout._onTimeout`, `Immediate.<anonymous>`), as in Node.
const { Timeout, Immediate } = {
  Timeout: class extends Handle {
    constructor(callback, after, args, repeat) {
      super();
      this._idleTimeout = after;
      this._onTimeout = callback;
      this._timerArgs = args;
      this._repeat = repeat ? after : null;
      this._destroyed = false;
    }
    /** Starts the delay again from now, even after the timer fired (not once cleared), as Node's does. */
    refresh() {
      handles.get(this).restart();
      return this;
    }
    close() {
      handles.get(this).clear();
      return this;
    }
    /** The number `clearTimeout` also takes. */
    [Symbol.toPrimitive]() {
      return handles.get(this).key;
    }
  },
  Immediate: class extends Handle {
    constructor() {
      super();
      this._destroyed = false;
    }
  },
};

let keys = 0;

const TICKS = ["__pg_tick0", "__pg_tick1", "__pg_tick2", "__pg_tick3", "__pg_tick4"];

/**
 * The scheduling globals of one program, plus `listening` (an `app.listen` callback). A
 * callback runs only while `live()`; what it throws goes to `uncaught(err, { fromPromise })`.
 * `refs()` counts what keeps the program alive (timers and immediates not `unref`ed, ticks);
 * `idle()` is called whenever that may have dropped to nothing. `clearAll()` cancels
 * everything, for a program that stops.
 *
 * As in Node, the ticks a timer or an immediate queues run as soon as it returns, before the
 * promise callbacks it queued; ticks queued elsewhere (an ES module's top level, a promise
 * callback) run after the promise callbacks queued before them. `drainTicks()` runs them now (after CommonJS code's top level, as Node does).
 */
export function createScheduler({ live, uncaught, idle = () => {} }) {
  const pending = new Set();
  const byKey = new Map();
  const ticks = [];
  let inTask = false;
  /** Immediates queued and not yet run or cleared. */
  let immediates = 0;
  let drainQueued = false;

  const call = (origin, fn, self, args) => {
    try {
      invoke[origin](fn, self, args);
    } catch (e) {
      uncaught(e, { fromPromise: origin === "__pg_microtask" });
    }
  };
  /** Runs a timer's or an immediate's callback, then the ticks it queued. */
  const task = (origin, fn, self, args) => {
    inTask = true;
    try {
      call(origin, fn, self, args);
      drainTicks();
    } finally {
      inTask = false;
      idle();
    }
  };
  function drainTicks() {
    drainQueued = false;
    while (ticks.length && live()) {
      const [origin, fn, self, args] = ticks.shift();
      call(origin, fn, self, args);
    }
  }
  function queueTick(tick) {
    ticks.push(tick);
    if (inTask || drainQueued) return;
    drainQueued = true;
    // Node runs these once the promise callbacks queued so far are done: the second hop puts
    // the drain behind the callbacks queued before the first.
    platform.queueMicrotask(() => platform.queueMicrotask(drainTicks));
  }

  function schedule(callback, after, args, repeat) {
    check(callback);
    after = delay(after);
    const timer = new Timeout(callback, after, args.length ? args : undefined, repeat);
    const key = ++keys;
    const fire = () => {
      if (!repeat) forget();
      if (live()) task(timer._timerArgs ? "__pg_timeoutArgs" : "__pg_timeout", timer._onTimeout, timer, timer._timerArgs ?? []);
    };
    const start = () => {
      h.id = repeat ? platform.setInterval(fire, after) : platform.setTimeout(fire, after);
      if (!h.refed) h.id?.unref?.();
      timer._destroyed = false;
      pending.add(timer);
      byKey.set(key, timer);
    };
    const stop = () => (repeat ? platform.clearInterval(h.id) : platform.clearTimeout(h.id));
    const forget = () => {
      timer._destroyed = true;
      pending.delete(timer);
      byKey.delete(key);
    };
    const h = {
      refed: true,
      key,
      idle,
      cleared: false,
      restart: () => h.cleared || (stop(), start()),
      clear: () => ((h.cleared = true), stop(), forget(), idle()),
    };
    handles.set(timer, h);
    start();
    return timer;
  }

  /** `clearTimeout(t)` takes the Timeout or its number (`+t`), as Node's does. */
  function clear(timer) {
    if (timer === null || timer === undefined) return;
    const t = typeof timer === "object" ? timer : byKey.get(Number(timer));
    if (t instanceof Timeout) handles.get(t).clear();
    else if (t instanceof Immediate) clearImmediate(t);
  }

  function setImmediate(callback, ...args) {
    check(callback);
    const immediate = new Immediate();
    const h = { refed: true, idle };
    immediates++;
    h.id = platform.immediates.set(() => {
      immediates--;
      pending.delete(immediate);
      immediate._destroyed = true;
      if (live()) task(args.length ? "__pg_immediateArgs" : "__pg_immediate", callback, immediate, args);
    });
    handles.set(immediate, h);
    pending.add(immediate);
    return immediate;
  }

  function clearImmediate(immediate) {
    const h = immediate instanceof Immediate && handles.get(immediate);
    if (!h || immediate._destroyed) return;
    platform.immediates.clear(h.id);
    immediates--;
    immediate._destroyed = true;
    pending.delete(immediate);
    idle();
  }

  return {
    setTimeout: (callback, after, ...args) => schedule(callback, after, args, false),
    setInterval: (callback, after, ...args) => schedule(callback, after, args, true),
    setImmediate,
    clearTimeout: clear,
    clearInterval: clear,
    clearImmediate,
    nextTick(callback, ...args) {
      check(callback);
      queueTick([TICKS[args.length] ?? "__pg_tickN", callback, undefined, args]);
    },
    queueMicrotask(callback) {
      check(callback);
      platform.queueMicrotask(() => live() && call("__pg_microtask", callback, undefined, []));
    },
    /** An `app.listen` callback: Node emits 'listening' on a tick, with the server as `this`. */
    listening(callback, server) {
      queueTick(["__pg_listening", callback, server, []]);
    },
    drainTicks,
    /**
     * Resolves once the immediates queued so far have run, or at once (null) if there are
     * none: a client's next request reaches Node in a later turn of the event loop than the
     * answer to its last, after the check phase that runs them.
     */
    afterImmediates: () => (immediates > 0 ? new Promise((resolve) => platform.immediates.set(resolve)) : null),
    /**
     * Runs `fn` as Node runs an I/O callback (a request arriving): the ticks it queues run as
     * soon as it returns, before the promise callbacks it queued.
     */
    asTask(fn) {
      if (inTask) return fn();
      inTask = true;
      try {
        const out = fn();
        drainTicks();
        return out;
      } finally {
        inTask = false;
        idle();
      }
    },
    refs: () => ticks.length + [...pending].filter((t) => handles.get(t).refed).length,
    clearAll() {
      ticks.length = 0;
      for (const t of [...pending]) (t instanceof Timeout ? clear(t) : clearImmediate(t));
    },
  };
}
