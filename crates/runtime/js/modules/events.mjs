// `node:events`: `EventEmitter` as Node 20 has it — a plain constructor (so both `class extends`
// and `util.inherits` + `EventEmitter.call(this)` work), `'newListener'`/`'removeListener'`
// events, `once` wrappers that `off(original)` removes, an `'error'` with no listener thrown,
// and the max-listeners warning on stderr.

import { inspect } from "../console.mjs";

const kMaxListeners = Symbol("maxListeners");

/** The `events` module for one program; `warn(text)` writes a process warning to stderr. */
export function createEvents({ warn }) {
  function EventEmitter() {
    EventEmitter.init.call(this);
  }

  EventEmitter.defaultMaxListeners = 10;
  EventEmitter.errorMonitor = Symbol("events.errorMonitor");
  EventEmitter.captureRejections = false;
  EventEmitter.init = function () {
    if (!this._events || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    }
    this[kMaxListeners] ??= undefined;
  };

  const events = (ee) => {
    if (!ee._events) EventEmitter.init.call(ee);
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

  const proto = EventEmitter.prototype;
  proto._events = undefined;
  proto._eventsCount = 0;
  proto.setMaxListeners = function (n) {
    if (typeof n !== "number" || n < 0 || Number.isNaN(n)) {
      throw rangeError("ERR_OUT_OF_RANGE", `The value of "n" is out of range. It must be a non-negative number. Received ${inspect(n, 1)}`);
    }
    this[kMaxListeners] = n;
    return this;
  };
  proto.getMaxListeners = function () {
    return this[kMaxListeners] ?? EventEmitter.defaultMaxListeners;
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
    for (const listener of [...list]) listener.apply(this, args);
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

  /** `events.once(emitter, name)`: a promise of the next emission's arguments. */
  EventEmitter.once = function once(emitter, name) {
    return new Promise((resolve, reject) => {
      const onError = (err) => {
        emitter.removeListener(name, onEvent);
        reject(err);
      };
      const onEvent = (...args) => {
        if (name !== "error") emitter.removeListener("error", onError);
        resolve(args);
      };
      emitter.once(name, onEvent);
      if (name !== "error") emitter.once("error", onError);
    });
  };

  const named = {
    EventEmitter,
    once: EventEmitter.once,
    errorMonitor: EventEmitter.errorMonitor,
    listenerCount: EventEmitter.listenerCount,
    defaultMaxListeners: EventEmitter.defaultMaxListeners,
  };
  return { default: EventEmitter, ...named };
}

function checkListener(listener) {
  if (typeof listener !== "function") {
    const got = listener === null ? "null" : listener === undefined ? "undefined" : `type ${typeof listener} (${inspect(listener, 1)})`;
    const e = new TypeError(`The "listener" argument must be of type function. Received ${got}`);
    e.code = "ERR_INVALID_ARG_TYPE";
    e.stack = e.stack.replace(/^TypeError/, "TypeError [ERR_INVALID_ARG_TYPE]");
    throw e;
  }
}

function rangeError(code, message) {
  const e = new RangeError(message);
  e.code = code;
  e.stack = e.stack.replace(/^RangeError/, `RangeError [${code}]`);
  return e;
}
