// `node:events`: `EventEmitter` as Node 20 has it — a plain constructor (so both `class extends`
// and `util.inherits` + `EventEmitter.call(this)` work), `'newListener'`/`'removeListener'`
// events, `once` wrappers that `off(original)` removes, an `'error'` with no listener thrown,
// the max-listeners warning on stderr, `captureRejections` (an async listener's rejection
// becomes an 'error' event), and the helpers `on`, `once`, `getEventListeners`,
// `getMaxListeners`, `setMaxListeners` and `addAbortListener`.

import { inspect } from "../console.mjs";
import { AbortError, invalidArgType, validateAbortSignal, validateBoolean, validateFunction, validateInteger, validateNumber } from "../node-errors.mjs";

/** Whether the emitter's `_events` came from elsewhere (a subclass's own), as Node marks it. */
const kShapeMode = Symbol("shapeMode");
const kCapture = Symbol("kCapture");
/** The method an emitter may define to receive its captured rejections instead of 'error'. */
const kRejection = Symbol.for("nodejs.rejection");
const kWatermarkData = Symbol.for("nodejs.watermarkData");
/** `Symbol.dispose`, as Node 20 defines it where the engine has none. */
const kDispose = Symbol.dispose ?? Symbol.for("nodejs.dispose");
const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

/**
 * The `events` module for one program; `warn(text)` writes a process warning to stderr and
 * `nextTick(fn, ...args)` is the program's (captured rejections reach 'error' on a tick).
 */
export function createEvents({ warn, nextTick = (fn, ...args) => queueMicrotask(() => fn(...args)) }) {
  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }

  EventEmitter.defaultMaxListeners = 10;
  EventEmitter.errorMonitor = Symbol("events.errorMonitor");
  EventEmitter.captureRejectionSymbol = kRejection;
  EventEmitter.usingDomains = false;
  Object.defineProperty(EventEmitter, "captureRejections", {
    get: () => EventEmitter.prototype[kCapture],
    set(value) {
      validateBoolean(value, "EventEmitter.captureRejections");
      EventEmitter.prototype[kCapture] = value;
    },
    enumerable: true,
  });
  EventEmitter.init = function (opts) {
    if (!this._events || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
      this[kShapeMode] = false;
    } else {
      this[kShapeMode] = true;
    }
    this._maxListeners = this._maxListeners || undefined;
    if (opts?.captureRejections) {
      validateBoolean(opts.captureRejections, "options.captureRejections");
      this[kCapture] = true;
    } else {
      this[kCapture] = EventEmitter.prototype[kCapture];
    }
  };

  /** The emitter's listeners by event; one that never ran `init` (an Express app) gets just those, as in Node. */
  const events = (ee) => {
    if (!ee._events) {
      ee._events = Object.create(null);
      ee._eventsCount = 0;
    }
    return ee._events;
  };

  function addListener(target, type, listener, prepend) {
    checkListener(listener);
    const all = events(target);
    if (all.newListener !== undefined) target.emit("newListener", type, listener.listener ?? listener);
    const list = (all[type] ??= []);
    if (list.length === 0) target._eventsCount++;
    if (prepend) list.unshift(listener);
    else list.push(listener);
    const max = target.getMaxListeners();
    if (max > 0 && list.length > max && !list.warned) {
      list.warned = true;
      const name = target.constructor?.name ?? "EventEmitter";
      warn(`MaxListenersExceededWarning: Possible EventEmitter memory leak detected. ${list.length} ${String(type)} listeners added to [${name}]. MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`);
    }
    return target;
  }

  function onceWrapper(target, type, listener) {
    const state = { fired: false, target, type, listener };
    const wrapped = function (...args) {
      if (state.fired) return undefined;
      state.fired = true;
      target.removeListener(type, wrapped);
      return listener.apply(target, args);
    };
    wrapped.listener = listener;
    return wrapped;
  }

  /**
   * With captureRejections, a listener's rejected promise is handed, on a tick, to the
   * emitter's `Symbol.for('nodejs.rejection')` method, or else emitted as 'error' (with
   * capturing off meanwhile, so an async 'error' listener cannot loop).
   */
  function addCatch(that, promise, type, args) {
    if (!that[kCapture]) return;
    try {
      const then = promise.then;
      if (typeof then === "function") then.call(promise, undefined, (err) => nextTick(emitUnhandledRejectionOrErr, that, err, type, args));
    } catch (err) {
      that.emit("error", err);
    }
  }

  function emitUnhandledRejectionOrErr(ee, err, type, args) {
    if (typeof ee[kRejection] === "function") {
      ee[kRejection](err, type, ...args);
      return;
    }
    const prev = ee[kCapture];
    try {
      ee[kCapture] = false;
      ee.emit("error", err);
    } finally {
      ee[kCapture] = prev;
    }
  }

  const proto = EventEmitter.prototype;
  Object.defineProperty(proto, kCapture, { value: false, writable: true, enumerable: false });
  proto._events = undefined;
  proto._eventsCount = 0;
  proto._maxListeners = undefined;
  proto.setMaxListeners = function (n) {
    validateNumber(n, "setMaxListeners", 0);
    this._maxListeners = n;
    return this;
  };
  proto.getMaxListeners = function () {
    return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners;
  };
  proto.emit = function (type, ...args) {
    const all = events(this);
    if (type === "error") {
      if (all[EventEmitter.errorMonitor]) this.emit(EventEmitter.errorMonitor, ...args);
      if (!all.error?.length) {
        const er = args[0];
        if (er instanceof Error) throw er;
        const err = new Error(`Unhandled error. (${inspect(er, 1)})`);
        err.code = "ERR_UNHANDLED_ERROR";
        err.context = er;
        err.stack = err.stack.replace(/^Error/, "Error [ERR_UNHANDLED_ERROR]");
        throw err;
      }
    }
    const list = all[type];
    if (!list?.length) return false;
    for (const listener of [...list]) {
      const result = listener.apply(this, args);
      if (result !== undefined && result !== null) addCatch(this, result, type, args);
    }
    return true;
  };
  proto.addListener = proto.on = function (type, listener) {
    return addListener(this, type, listener, false);
  };
  proto.prependListener = function (type, listener) {
    return addListener(this, type, listener, true);
  };
  proto.once = function (type, listener) {
    checkListener(listener);
    return this.on(type, onceWrapper(this, type, listener));
  };
  proto.prependOnceListener = function (type, listener) {
    checkListener(listener);
    return this.prependListener(type, onceWrapper(this, type, listener));
  };
  proto.removeListener = proto.off = function (type, listener) {
    checkListener(listener);
    const all = events(this);
    const list = all[type];
    if (!list) return this;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        list.splice(i, 1);
        if (list.length === 0) {
          delete all[type];
          this._eventsCount--;
        }
        if (all.removeListener !== undefined) this.emit("removeListener", type, listener);
        break;
      }
    }
    return this;
  };
  proto.removeAllListeners = function (type) {
    const all = events(this);
    const types = type === undefined ? Reflect.ownKeys(all).filter((t) => t !== "removeListener").concat(all.removeListener ? ["removeListener"] : []) : [type];
    for (const t of types) {
      const list = all[t];
      if (!list) continue;
      for (let i = list.length - 1; i >= 0; i--) this.removeListener(t, list[i]);
    }
    return this;
  };
  proto.listeners = function (type) {
    return (events(this)[type] ?? []).map((l) => l.listener ?? l);
  };
  proto.rawListeners = function (type) {
    return [...(events(this)[type] ?? [])];
  };
  proto.listenerCount = function (type) {
    return events(this)[type]?.length ?? 0;
  };
  proto.eventNames = function () {
    return Reflect.ownKeys(events(this));
  };

  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.listenerCount = (emitter, type) => emitter.listenerCount(type);

  EventEmitter.once = once;
  EventEmitter.on = on;
  EventEmitter.getEventListeners = getEventListeners;
  EventEmitter.getMaxListeners = (emitter) => {
    if (typeof emitter?.getMaxListeners === "function") return emitter.getMaxListeners();
    throw invalidArgType("emitter", ["EventEmitter", "EventTarget"], emitter);
  };
  /** `setMaxListeners(n, ...emitters)`: for those emitters, or the default for all. */
  EventEmitter.setMaxListeners = function (n = EventEmitter.defaultMaxListeners, ...eventTargets) {
    validateNumber(n, "setMaxListeners", 0);
    if (eventTargets.length === 0) EventEmitter.defaultMaxListeners = n;
    for (const target of eventTargets) {
      if (typeof target?.setMaxListeners !== "function") throw invalidArgType("eventTargets", ["EventEmitter", "EventTarget"], target);
      target.setMaxListeners(n);
    }
  };
  EventEmitter.addAbortListener = addAbortListener;

  const named = {
    EventEmitter,
    addAbortListener,
    captureRejectionSymbol: kRejection,
    defaultMaxListeners: EventEmitter.defaultMaxListeners,
    errorMonitor: EventEmitter.errorMonitor,
    getEventListeners,
    getMaxListeners: EventEmitter.getMaxListeners,
    init: EventEmitter.init,
    listenerCount: EventEmitter.listenerCount,
    on,
    once,
    setMaxListeners: EventEmitter.setMaxListeners,
    usingDomains: false,
  };
  Object.defineProperty(named, "captureRejections", Object.getOwnPropertyDescriptor(EventEmitter, "captureRejections"));
  return { default: EventEmitter, ...named };
}

function checkListener(listener) {
  validateFunction(listener, "listener");
}

/** An emitter's listeners; an EventTarget keeps its own out of reach, so only emitters are read. */
function getEventListeners(emitterOrTarget, type) {
  if (typeof emitterOrTarget?.listeners === "function") return emitterOrTarget.listeners(type);
  throw invalidArgType("emitter", ["EventEmitter", "EventTarget"], emitterOrTarget);
}

/** Listens on an EventEmitter (`on`/`once`) or an EventTarget (`addEventListener`). */
function addAgnosticListener(emitter, name, listener, once) {
  if (typeof emitter.on === "function") {
    if (once) emitter.once(name, listener);
    else emitter.on(name, listener);
  } else if (typeof emitter.addEventListener === "function") {
    emitter.addEventListener(name, listener, { once });
  } else {
    throw invalidArgType("emitter", "EventEmitter", emitter);
  }
}

function removeAgnosticListener(emitter, name, listener) {
  if (typeof emitter.removeListener === "function") emitter.removeListener(name, listener);
  else if (typeof emitter.removeEventListener === "function") emitter.removeEventListener(name, listener);
  else throw invalidArgType("emitter", "EventEmitter", emitter);
}

/** `events.addAbortListener(signal, listener)`: a disposable; an aborted signal calls back on a microtask. */
function addAbortListener(signal, listener) {
  if (signal === undefined) throw invalidArgType("signal", "AbortSignal", signal);
  validateAbortSignal(signal, "signal");
  validateFunction(listener, "listener");
  let remove;
  if (signal.aborted) {
    queueMicrotask(() => listener());
  } else {
    signal.addEventListener("abort", listener, { once: true });
    remove = () => signal.removeEventListener("abort", listener);
  }
  return {
    __proto__: null,
    [kDispose]() {
      remove?.();
    },
  };
}

/**
 * `events.once(emitter, name, { signal })`: a promise of the next emission's arguments,
 * rejected by an 'error' event first (on an EventEmitter) or by the signal's abort.
 */
async function once(emitter, name, options = {}) {
  const signal = options?.signal;
  validateAbortSignal(signal, "options.signal");
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal?.reason });
  return new Promise((resolve, reject) => {
    const errorListener = (err) => {
      emitter.removeListener(name, resolver);
      if (signal != null) removeAgnosticListener(signal, "abort", abortListener);
      reject(err);
    };
    const resolver = (...args) => {
      if (typeof emitter.removeListener === "function") emitter.removeListener("error", errorListener);
      if (signal != null) removeAgnosticListener(signal, "abort", abortListener);
      resolve(args);
    };
    addAgnosticListener(emitter, name, resolver, true);
    if (name !== "error" && typeof emitter.once === "function") emitter.once("error", errorListener);
    function abortListener() {
      removeAgnosticListener(emitter, name, resolver);
      removeAgnosticListener(emitter, "error", errorListener);
      reject(new AbortError(undefined, { cause: signal?.reason }));
    }
    if (signal != null) addAgnosticListener(signal, "abort", abortListener, true);
  });
}

/**
 * `events.on(emitter, event, options)`: an async iterator of the emissions' argument lists.
 * Events not yet read queue up (the emitter is paused above `highWaterMark`, resumed below
 * `lowWaterMark`); an 'error' event rejects the next read and ends it, as does the signal's
 * abort; the `close` events, `return()` and `break` end it and remove its listeners.
 */
function on(emitter, event, options = {}) {
  const signal = options.signal;
  validateAbortSignal(signal, "options.signal");
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal?.reason });
  const highWatermark = options.highWaterMark ?? options.highWatermark ?? Number.MAX_SAFE_INTEGER;
  validateInteger(highWatermark, "options.highWaterMark", 1);
  const lowWatermark = options.lowWaterMark ?? options.lowWatermark ?? 1;
  validateInteger(lowWatermark, "options.lowWaterMark", 1);

  const unconsumedEvents = [];
  const unconsumedPromises = [];
  const listeners = [];
  let paused = false;
  let error = null;
  let finished = false;
  const done = () => ({ value: undefined, done: true });

  const iterator = Object.setPrototypeOf(
    {
      next() {
        if (unconsumedEvents.length) {
          const value = unconsumedEvents.shift();
          if (paused && unconsumedEvents.length < lowWatermark) {
            emitter.resume();
            paused = false;
          }
          return Promise.resolve({ value, done: false });
        }
        if (error) {
          const p = Promise.reject(error);
          error = null;
          return p;
        }
        if (finished) return closeHandler();
        return new Promise((resolve, reject) => unconsumedPromises.push({ resolve, reject }));
      },
      return() {
        return closeHandler();
      },
      throw(err) {
        if (!err || !(err instanceof Error)) throw invalidArgType("EventEmitter.AsyncIterator", "Error", err);
        errorHandler(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
      [kWatermarkData]: {
        get size() {
          return unconsumedEvents.length;
        },
        get low() {
          return lowWatermark;
        },
        get high() {
          return highWatermark;
        },
        get isPaused() {
          return paused;
        },
      },
    },
    AsyncIteratorPrototype,
  );

  const listen = (name, handler) => {
    addAgnosticListener(emitter, name, handler, false);
    listeners.push([name, handler]);
  };
  listen(event, (...args) => eventHandler(args));
  if (event !== "error" && typeof emitter.on === "function") listen("error", errorHandler);
  for (const name of options?.close ?? []) listen(name, closeHandler);
  const abortDisposable = signal ? addAbortListener(signal, () => errorHandler(new AbortError(undefined, { cause: signal?.reason }))) : null;
  return iterator;

  function eventHandler(value) {
    if (unconsumedPromises.length === 0) {
      unconsumedEvents.push(value);
      if (!paused && unconsumedEvents.length > highWatermark) {
        paused = true;
        emitter.pause();
      }
    } else {
      unconsumedPromises.shift().resolve({ value, done: false });
    }
  }

  function errorHandler(err) {
    if (unconsumedPromises.length === 0) error = err;
    else unconsumedPromises.shift().reject(err);
    closeHandler();
  }

  function closeHandler() {
    abortDisposable?.[kDispose]();
    while (listeners.length > 0) removeAgnosticListener(emitter, ...listeners.pop());
    finished = true;
    while (unconsumedPromises.length > 0) unconsumedPromises.shift().resolve(done());
    return Promise.resolve(done());
  }
}
