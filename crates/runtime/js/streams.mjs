// `req` and `res` as the streams Node makes them: both are EventEmitters, so logging middleware
// can wait for `res.on('finish')` and a handler can read a body by hand with `req.on('data')` /
// `req.on('end')`. The events come when Node's would: the body flows on the ticks after a
// 'data' listener (or `resume()`) asks for it, and a response emits 'finish' then 'close' on
// the ticks after it is sent. A body a parser already read does not flow again, as in Node.

import { createEvents } from "./modules/events.mjs";
import { Buffer } from "./modules/buffer.mjs";

/** One emitter implementation for every request and response; no program's stderr to warn on. */
const { default: EventEmitter } = createEvents({ warn: () => {} });

/** Gives `proto` EventEmitter's methods; `onListen(target, type)` runs after each new listener. */
export function withEvents(proto, onListen) {
  const methods = EventEmitter.prototype;
  for (const name of Object.getOwnPropertyNames(methods)) {
    if (name === "constructor" || name in proto) continue;
    Object.defineProperty(proto, name, { value: methods[name], writable: true, configurable: true });
  }
  if (onListen) {
    for (const name of ["on", "addListener", "once", "prependListener", "prependOnceListener"]) {
      const add = methods[name];
      proto[name] = function (type, listener) {
        add.call(this, type, listener);
        onListen(this, type);
        return this;
      };
    }
  }
}

/**
 * What follows a response's end, each on a tick of its own as Node does it, with the
 * program's `nextTick` (a listener that throws crashes the program like Node's would): the
 * write callbacks already queued, then `res`'s 'finish' (an `end` callback is one of its
 * listeners), 'close'; then `req`, which Node's server dumps if nobody read it: 'end', 'close'.
 */
export function emitFinished(res, req, nextTick) {
  nextTick(() => {
    res.emit("finish");
    nextTick(() => {
      res.destroyed = true;
      res.emit("close");
      if (!req?._events) return;
      nextTick(() => {
        const state = reading(req);
        if (!state.ended) {
          state.ended = true;
          req.emit("end");
        }
        nextTick(() => {
          req.destroyed = true;
          req.emit("close");
        });
      });
    });
  });
}

/** A request body's reading state: whether it flows, has ended, and `setEncoding`'s choice. */
const READING = Symbol("reading");

const reading = (req) => (req[READING] ??= { flowing: false, ended: false, encoding: null, buffered: null, readable: false });

/** `readable.setEncoding(encoding)`: later chunks are text. */
export function setEncoding(req, encoding) {
  reading(req).encoding = encoding;
}

/**
 * Lets `req`'s body flow to its 'data' listeners: one chunk (a Buffer, or text after
 * `setEncoding`), then 'end'. `take()` hands over the body (text or bytes) once, or
 * `undefined` when a body parser has already read it.
 */
export function flow(req, take, nextTick) {
  const state = reading(req);
  if (state.flowing || state.ended) return;
  state.flowing = true;
  const taken = take();
  if (taken === undefined) return;
  const body = Buffer.from(taken);
  nextTick(() => {
    if (body.length > 0) req.emit("data", state.encoding ? body.toString(state.encoding) : body);
    nextTick(() => {
      state.ended = true;
      req.emit("end");
    });
  });
}

/**
 * A body parser read `req`'s body (`bytes`): as raw-body's reading of the stream would, its
 * 'data' and 'end' reach the listeners already there, before the parser calls `next()`.
 */
export function consumed(req, bytes) {
  const state = reading(req);
  if (state.ended) return;
  state.ended = true;
  state.flowing = true;
  if (!req._events) return;
  if (bytes?.length && req._events.data) req.emit("data", state.encoding ? Buffer.from(bytes).toString(state.encoding) : Buffer.from(bytes));
  req.emit("end");
}

/**
 * Paused mode, once a 'readable' listener is added: 'readable' when the body is there
 * (`read()` gives it, then null), again at its end, then 'end' — Node's order.
 */
export function readable(req, take, nextTick) {
  const state = reading(req);
  if (state.readable || state.flowing || state.ended) return;
  state.readable = true;
  const taken = take();
  state.buffered = taken === undefined || taken.length === 0 ? null : Buffer.from(taken);
  nextTick(() => {
    if (state.buffered !== null) req.emit("readable");
    nextTick(() => {
      state.ended = true;
      state.buffered = null;
      req.emit("readable");
      req.emit("end");
    });
  });
}

/** `readable.read()`: the buffered body once (text after `setEncoding`), then null. */
export function read(req) {
  const state = reading(req);
  const chunk = state.buffered;
  state.buffered = null;
  if (chunk === null) return null;
  return state.encoding ? chunk.toString(state.encoding) : chunk;
}

/** Whether `req`'s body has been read to its end ('end' has been emitted). */
export const ended = (req) => reading(req).ended;

/** Whether `req`'s body flows to listeners (learner code asked to read it). */
export const flowing = (req) => reading(req).flowing;

/**
 * `readable.pipe(dest)`: every chunk to `dest.write`, then `dest.end()` (unless `end: false`);
 * an echo server is `req.pipe(res)`.
 */
export function pipe(req, dest, options) {
  req.on("data", (chunk) => dest.write(chunk));
  req.once("end", () => {
    if (options?.end !== false) dest.end();
  });
  return dest;
}

/**
 * `readable[Symbol.asyncIterator]()`: the chunks, for `for await (const chunk of req)`. A body
 * already read (by a parser, or to its end) yields nothing, as an ended stream does.
 */
export function chunks(req, consumed) {
  const queue = [];
  let done = consumed || ended(req);
  let wake = null;
  if (!done) {
    req.on("data", (chunk) => {
      queue.push(chunk);
      wake?.();
    });
    req.once("end", () => {
      done = true;
      wake?.();
    });
  }
  return {
    async next() {
      while (queue.length === 0 && !done) await new Promise((resolve) => (wake = resolve));
      wake = null;
      return queue.length > 0 ? { value: queue.shift(), done: false } : { value: undefined, done: true };
    },
    async return() {
      done = true;
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
