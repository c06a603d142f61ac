// `on-finished` for the playground's `res`: runs a listener once the response has been sent,
// as morgan needs. Node emits `finish` on the next turn after the response is written; here
// the listener runs in a microtask queued when the exchange finishes, so the handler's own
// synchronous code logs first and the line lands before the client sees the answer.
//
// The hook is the exchange context `express.mjs` keeps on every `res` (its `finish()` is the
// one place every response ends: res.send/end, finalhandler, the automatic OPTIONS answer).
// When `res` gets a public `on('finish')`, this file should use that instead.

const LISTENERS = Symbol("onFinishedListeners");

function exchangeOf(res) {
  const key = Object.getOwnPropertySymbols(res).find((s) => s.description === "exchange");
  return key === undefined ? undefined : res[key];
}

/** Calls `listener(null, res)` once `res` is finished (at once, deferred, if it already is). */
export function onFinished(res, listener) {
  const ctx = exchangeOf(res);
  if (!ctx || typeof ctx.finish !== "function") throw new Error("on-finished: not a playground response");
  if (ctx.done) {
    queueMicrotask(() => listener(null, res));
    return res;
  }
  if (!ctx[LISTENERS]) {
    const listeners = (ctx[LISTENERS] = []);
    const finish = ctx.finish;
    ctx.finish = function (...args) {
      const first = !ctx.done;
      const result = finish.apply(this, args);
      if (first && ctx.done) for (const l of listeners.splice(0)) queueMicrotask(() => l(null, res));
      return result;
    };
  }
  ctx[LISTENERS].push(listener);
  return res;
}
