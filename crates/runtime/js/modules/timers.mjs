// `node:timers` and `node:timers/promises` over the program's own timers, so a re-run (which
// clears them) also cancels a pending `await setTimeout(...)`: the old program never resumes.

/** `timers()` returns the program's timer functions (the ones learner code sees as globals). */
export function createTimers(timers) {
  const abortError = (signal) => {
    const e = new Error("The operation was aborted");
    e.name = "AbortError";
    e.code = "ABORT_ERR";
    e.cause = signal.reason;
    return e;
  };

  /** A promise settled by a timer; an `AbortSignal` in `options.signal` cancels it. */
  function later(start, stop, value, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const onAbort = () => {
        stop(id);
        reject(abortError(signal));
      };
      const id = start(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve(value);
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  function setTimeout(delay, value, options = {}) {
    const t = timers();
    return later((cb) => t.setTimeout(cb, delay), t.clearTimeout, value, options.signal);
  }

  function setImmediate(value, options = {}) {
    const t = timers();
    return later((cb) => t.setImmediate(cb), t.clearImmediate, value, options.signal);
  }

  /** `for await (const v of setInterval(ms, v))`: one value per tick, none lost while busy. */
  function setInterval(delay, value, options = {}) {
    const t = timers();
    const { signal } = options;
    let ticks = 0;
    let wake = null;
    let id = null;
    let done = false;
    const stop = () => {
      done = true;
      if (id !== null) t.clearInterval(id);
      wake?.();
    };
    signal?.addEventListener("abort", stop, { once: true });
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next() {
        if (signal?.aborted) throw abortError(signal);
        id ??= t.setInterval(() => {
          ticks++;
          wake?.();
        }, delay);
        while (ticks === 0 && !done) await new Promise((r) => (wake = r));
        wake = null;
        if (signal?.aborted) throw abortError(signal);
        if (done) return { done: true, value: undefined };
        ticks--;
        return { done: false, value };
      },
      async return() {
        stop();
        return { done: true, value: undefined };
      },
    };
  }

  const scheduler = {
    wait: (delay, options) => setTimeout(delay, undefined, options),
    yield: () => setImmediate(),
  };
  const promises = { setTimeout, setImmediate, setInterval, scheduler };

  const names = ["setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate"];
  const timersModule = { ...Object.fromEntries(names.map((n) => [n, (...a) => timers()[n](...a)])), promises };
  return {
    timers: { default: timersModule, ...timersModule },
    promises: { default: promises, ...promises },
  };
}
