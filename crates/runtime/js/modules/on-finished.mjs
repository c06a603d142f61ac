// `on-finished` for the playground's `res`, as morgan uses it: the listener runs when `res`
// emits 'finish' (among its other 'finish' listeners, in the order they were added), or on
// a later turn if the response has already finished.

/** Calls `listener(null, res)` once `res` is finished (deferred, if it already is). */
export function onFinished(res, listener) {
  if (res.finished) {
    queueMicrotask(() => listener(null, res));
    return res;
  }
  res.once("finish", () => listener(null, res));
  return res;
}
