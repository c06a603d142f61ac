// The scheduler where the platform has no setImmediate (a browser worker): immediates ride a
// MessageChannel and keep Node's order — after the current task, one at a time with promise
// callbacks in between, cancelled by clearImmediate. (Node's own order is checked against real
// Node in timers.test.mjs; this is the browser's path, run here without setImmediate.)
import { test } from "node:test";
import assert from "node:assert/strict";

/** scheduler.mjs loaded as a browser would load it: no `setImmediate` in sight. */
async function browserScheduler() {
  const { setImmediate, clearImmediate } = globalThis;
  delete globalThis.setImmediate;
  delete globalThis.clearImmediate;
  try {
    return await import(`../../crates/runtime/js/scheduler.mjs?browser=${Math.random()}`);
  } finally {
    Object.assign(globalThis, { setImmediate, clearImmediate });
  }
}

test("immediates over a MessageChannel run in Node's order", async () => {
  const { createScheduler } = await browserScheduler();
  const seen = [];
  const awake = setInterval(() => {}, 1000); // the channel alone does not keep Node running
  const s = createScheduler({ live: () => true, uncaught: (e) => seen.push(`uncaught ${e.message}`) });
  await new Promise((done) => {
    s.setImmediate(() => {
      seen.push("immediate 1");
      Promise.resolve().then(() => seen.push("promise after 1"));
      s.nextTick(() => seen.push("tick after 1"));
      s.setImmediate(() => seen.push("queued by 1"));
    });
    const cancelled = s.setImmediate(() => seen.push("never"));
    s.setImmediate((word) => {
      seen.push(word);
      throw new Error("thrown by 3");
    }, "immediate 3");
    s.clearImmediate(cancelled);
    s.setImmediate(() => setTimeout(done, 5));
    seen.push("sync");
  });
  clearInterval(awake);
  assert.deepEqual(seen, ["sync", "immediate 1", "tick after 1", "promise after 1", "immediate 3", "uncaught thrown by 3", "queued by 1"]);
  assert.equal(s.refs(), 0);
});
