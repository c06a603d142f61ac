// node:events beyond on/emit — captureRejections, events.on, events.once with a signal,
// getEventListeners, getMaxListeners, setMaxListeners, addAbortListener — checked against what
// real Node 20 gives for the same learner code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runBoth } from "./differential.mjs";
import { sameAsNode } from "./same-as-node.mjs";

const ATTEMPT = `const attempt = (f) => { try { return f(); } catch (e) { return [e.name, e.code, e.message].join(" | "); } };`;
const tick = "await new Promise((r) => setTimeout(r, 5));";

test("captureRejections: an async listener's rejection reaches 'error' or the nodejs.rejection method", () =>
  sameAsNode(`
const { EventEmitter, captureRejectionSymbol } = await import("node:events");
${ATTEMPT}
const seen = [];
const bus = new EventEmitter({ captureRejections: true });
bus.on("error", (err) => seen.push("error: " + err.message));
bus.on("save", async (id) => { throw new Error("save " + id + " failed"); });
bus.on("save", () => Promise.reject(new Error("second listener")));
bus.emit("save", 7);
seen.push("after emit");
const custom = new EventEmitter({ captureRejections: true });
custom[captureRejectionSymbol] = (err, type, ...args) => seen.push(["method", err.message, type, ...args].join(" "));
custom.on("job", async () => { throw new Error("job failed"); });
custom.emit("job", 1, 2);
const plain = new EventEmitter();
plain.on("x", async () => "fine");
plain.emit("x");
${tick}
console.log(seen);
console.log(captureRejectionSymbol === Symbol.for("nodejs.rejection"), EventEmitter.captureRejections, new EventEmitter({ captureRejections: false }).listenerCount("x"));
console.log(attempt(() => new EventEmitter({ captureRejections: 1 })));
console.log(attempt(() => { EventEmitter.captureRejections = "yes"; }));
`));

test("EventEmitter.captureRejections = true captures for emitters made afterwards", () =>
  sameAsNode(`
const { EventEmitter } = await import("node:events");
const before = new EventEmitter();
EventEmitter.captureRejections = true;
const after = new EventEmitter();
EventEmitter.captureRejections = false;
const seen = [];
for (const [name, ee] of [["before", before], ["after", after]]) {
  ee.on("error", (err) => seen.push(name + " " + err.message));
  // Handled elsewhere too, so the emitter that does not capture leaves no unhandled rejection.
  ee.on("go", () => { const p = Promise.reject(new Error("boom")); p.catch(() => {}); return p; });
  ee.emit("go");
}
${tick}
console.log(seen);
`));

test("events.on: an async iterator that queues events, ends on break, 'error', close events and abort", () =>
  sameAsNode(`
const { EventEmitter, on } = await import("node:events");
${ATTEMPT}
const ticker = new EventEmitter();
setTimeout(() => { ticker.emit("tick", 1, "a"); ticker.emit("tick", 2); ticker.emit("tick", 3); }, 1);
const got = [];
for await (const args of on(ticker, "tick")) { got.push(args); if (got.length === 3) break; }
console.log(got, ticker.listenerCount("tick"), ticker.listenerCount("error"));

const failing = new EventEmitter();
const it = on(failing, "data");
failing.emit("data", "queued");
failing.emit("error", new Error("broken"));
console.log(await it.next(), await it.next().catch((e) => "rejected: " + e.message), await it.next(), failing.listenerCount("data"));

const stream = new EventEmitter();
setTimeout(() => { stream.emit("line", "one"); stream.emit("end"); stream.emit("line", "late"); }, 1);
const lines = [];
for await (const [line] of on(stream, "line", { close: ["end"] })) lines.push(line);
console.log(lines, stream.listenerCount("line"), stream.listenerCount("end"));

const ac = new AbortController();
const aborted = on(new EventEmitter(), "x", { signal: ac.signal });
setTimeout(() => ac.abort("stop"), 1);
try { for await (const _ of aborted) {} } catch (e) { console.log(e.name, e.code, e.message, e.cause); }
console.log(attempt(() => on(new EventEmitter(), "x", { signal: AbortSignal.abort("early") })));
console.log(attempt(() => on(new EventEmitter(), "x", { signal: 1 })));
console.log(attempt(() => on(new EventEmitter(), "x", { highWaterMark: 0 })));
console.log(attempt(() => on(new EventEmitter(), "x").throw("not an error")));
console.log(Object.keys(on(new EventEmitter(), "x")), Object.prototype.toString.call(on(new EventEmitter(), "x")));
`));

test("events.on pauses an emitter above highWaterMark and resumes it below lowWaterMark", () =>
  sameAsNode(`
const { EventEmitter, on } = await import("node:events");
const source = new EventEmitter();
const calls = [];
source.pause = () => calls.push("pause");
source.resume = () => calls.push("resume");
const it = on(source, "data", { highWaterMark: 2, lowWaterMark: 1 });
for (let i = 0; i < 4; i++) source.emit("data", i);
calls.push("emitted");
for (let i = 0; i < 4; i++) calls.push((await it.next()).value[0]);
console.log(calls.join(" "));
`));

test("events.once with a signal, getEventListeners, getMaxListeners, setMaxListeners, addAbortListener", () =>
  sameAsNode(`
const events = await import("node:events");
const { EventEmitter, once, getEventListeners, getMaxListeners, setMaxListeners, addAbortListener } = events;
${ATTEMPT}
const ee = new EventEmitter();
const ac = new AbortController();
const waiting = once(ee, "ready", { signal: ac.signal });
ac.abort();
try { await waiting; } catch (e) { console.log(e.name, e.code, e.message, ee.listenerCount("ready"), ee.listenerCount("error")); }
console.log(await once(ee, "never", { signal: AbortSignal.abort() }).catch((e) => e.name));
const onError = once(ee, "ready");
ee.emit("error", new Error("failed first"));
console.log(await onError.catch((e) => e.message));
const f = () => {};
ee.on("a", f);
ee.once("a", f);
console.log(getEventListeners(ee, "a").length, getEventListeners(ee, "a")[1] === f, getMaxListeners(ee));
setMaxListeners(3, ee);
console.log(ee.getMaxListeners(), getMaxListeners(ee), EventEmitter.defaultMaxListeners);
console.log(attempt(() => getEventListeners({}, "a")));
console.log(attempt(() => getMaxListeners({})));
console.log(attempt(() => setMaxListeners(3, {})));
console.log(attempt(() => ee.setMaxListeners(-1)));
console.log(attempt(() => ee.setMaxListeners("5")));
console.log(attempt(() => ee.on("x", {})));
console.log(attempt(() => addAbortListener(undefined, f)));
console.log(attempt(() => addAbortListener(new AbortController().signal, 5)));
const signals = new AbortController();
const order = [];
const disposable = addAbortListener(signals.signal, () => order.push("listener"));
const removed = addAbortListener(signals.signal, () => order.push("removed"));
removed[Symbol.dispose]();
signals.abort();
addAbortListener(AbortSignal.abort(), () => order.push("already aborted"));
order.push("sync");
await null;
console.log(order, typeof disposable[Symbol.dispose], Object.getPrototypeOf(disposable));
console.log(events.usingDomains, events.captureRejections, Object.keys(events).filter((k) => k !== "EventEmitterAsyncResource").sort().join());
`));

test("captureRejections without an 'error' listener crashes the program as in Node", async () => {
  const code = `const { EventEmitter } = require("events");
const ee = new EventEmitter({ captureRejections: true });
ee.on("go", async () => { throw new Error("nobody listens"); });
ee.emit("go");
console.log("emitted");
`;
  const { node, playground } = await runBoth(code);
  assert.equal(playground.exitCode, node.exitCode);
  assert.equal(playground.stdout, node.stdout);
  // The error and the listener it came from. As for every unhandled 'error' event, the
  // playground's report lacks Node's lines from node:events, and V8 names the listener's frame
  // after the runtime's minified EventEmitter.
  const thrown = /\nError: nobody listens\n {4}at \S+\.<anonymous> \(\/app\/server\.js:3:33\)\n/;
  assert.match(node.stderr, thrown);
  assert.match(playground.stderr, thrown);
});

test("an emitter's own fields are Node's: _events, _eventsCount, _maxListeners, shapeMode, kCapture", () =>
  sameAsNode(`
const { EventEmitter } = await import("node:events");
console.log(new EventEmitter());
console.log(new EventEmitter({ captureRejections: true }).setMaxListeners(3));
class Bus extends EventEmitter {}
console.log(new Bus(), new Bus().getMaxListeners());
const mixed = Object.assign(function app() {}, EventEmitter.prototype);
mixed.on("mount", () => {});
console.log(Reflect.ownKeys(mixed).filter((k) => typeof k === "symbol" || k.startsWith("_")), mixed.getMaxListeners());
`));
