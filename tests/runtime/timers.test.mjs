// setImmediate, setTimeout, process.nextTick and promise callbacks run in Node's order, and the
// timer objects behave as Node's: the same program on real Node 20 and on the playground.
import { test } from "node:test";
import assert from "node:assert/strict";
import { freePort, runBoth, startNode, startPlayground } from "./differential.mjs";
import { playground } from "./helpers.mjs";

/** `[what the learner did, server.js]`: each must print and exit exactly as `node server.js`. */
const CASES = [
  [
    "the top level, then ticks, promises, immediates and timers (CommonJS)",
    `setTimeout(() => console.log("timeout 100"), 100);
setImmediate(() => console.log("immediate"));
process.nextTick(() => console.log("tick"));
Promise.resolve().then(() => console.log("promise"));
console.log("sync");
`,
  ],
  [
    "the top level, then promises, ticks, immediates and timers (ES module)",
    `import express from "express";
setTimeout(() => console.log("timeout 100"), 100);
setImmediate(() => console.log("immediate"));
process.nextTick(() => console.log("tick"));
Promise.resolve().then(() => console.log("promise"));
console.log("sync");
`,
  ],
  [
    "inside a timer, setImmediate comes before setTimeout(0)",
    `setTimeout(() => {
  setTimeout(() => console.log("timeout 0"), 0);
  setImmediate(() => console.log("immediate"));
}, 5);
`,
  ],
  [
    "an immediate's ticks and promise callbacks run before the next immediate",
    `setImmediate(() => {
  console.log("immediate 1");
  Promise.resolve().then(() => console.log("promise after 1"));
  process.nextTick(() => console.log("tick after 1"));
});
setImmediate(() => console.log("immediate 2"));
`,
  ],
  [
    "an immediate queued by an immediate runs after those already queued",
    `setImmediate(() => { console.log("a"); setImmediate(() => console.log("c")); });
setImmediate(() => console.log("b"));
`,
  ],
  [
    "clearImmediate cancels, also from an earlier immediate",
    `const never = setImmediate(() => console.log("never"));
clearImmediate(never);
let second;
setImmediate(() => { console.log("first"); clearImmediate(second); });
second = setImmediate(() => console.log("second"));
setImmediate((word) => console.log(word), "third");
`,
  ],
  [
    "timer objects: ref, unref, hasRef, refresh, a number for clearTimeout, this",
    `const t = setTimeout(() => {}, 1000);
console.log(typeof t, t.hasRef(), t.unref() === t, t.hasRef(), typeof t[Symbol.toPrimitive]());
clearTimeout(t);
const byNumber = setTimeout(() => console.log("never"), 5);
clearTimeout(+byNumber);
const i = setImmediate(() => {});
console.log(typeof i, i.hasRef(), i.unref().hasRef());
const self = setTimeout(function () { console.log("this is the timeout:", this === self); }, 1);
const r = setTimeout(() => console.log("refreshed"), 20);
setTimeout(() => r.refresh(), 10);
let n = 0;
const again = setTimeout(() => { console.log("fired", ++n); if (n < 3) again.refresh(); }, 5);
const cleared = setTimeout(() => console.log("never"), 5);
clearTimeout(cleared);
setTimeout(() => cleared.refresh(), 1);
`,
  ],
  [
    "a callback that is not a function is a TypeError",
    `for (const bad of ["code", undefined, 42]) {
  try { setTimeout(bad, 1); } catch (e) { console.log(e.name, e.code, e.message); }
}
try { setImmediate(null); } catch (e) { console.log(e.code, e.message); }
try { process.nextTick({}); } catch (e) { console.log(e.code, e.message); }
`,
  ],
  ["an unref'd interval does not keep the program alive", 'setInterval(() => console.log("tick"), 1000).unref();\nconsole.log("done");\n'],
  [
    "timers/promises and util.promisify follow the same order",
    `import { setImmediate as immediate, setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
sleep(5).then(() => console.log("sleep 5"));
immediate("value").then((v) => console.log("immediate", v));
promisify(setImmediate)().then(() => console.log("promisified immediate"));
`,
  ],
];

for (const [name, code] of CASES) {
  test(name, async () => {
    const { node, playground } = await runBoth(code);
    assert.deepEqual(playground, node);
  });
}

test("in a request handler, setImmediate fires before setTimeout(0)", async () => {
  const code = `import express from "express";
const app = express();
app.get("/", (req, res) => {
  setTimeout(() => console.log("timeout 0"), 0);
  setImmediate(() => console.log("immediate"));
  process.nextTick(() => console.log("tick"));
  console.log("handler");
  res.send("ok");
});
app.listen(process.env.PORT, () => console.log("listening"));
`;
  const env = { PORT: String(await freePort()) };
  const node = await startNode(code, { env });
  await node.waitFor("listening");
  await fetch(`http://127.0.0.1:${env.PORT}/`);
  await node.waitFor("timeout 0");
  await node.kill();
  const ours = await startPlayground(code, { env });
  await ours.pg.exec(`curl localhost:${env.PORT}/`);
  await ours.waitFor("timeout 0");
  await ours.kill();
  assert.equal(ours.output().stdout, "listening\nhandler\ntick\nimmediate\ntimeout 0\n");
  assert.deepEqual(ours.output(), node.output());
});

test("re-running replaces the old server: its intervals, timers and in-flight fetches never log after the new listening line", async () => {
  const { pg, logs } = await playground(`import express from "express";
const app = express();
app.get("/slow", (req, res) => setTimeout(() => res.send("late"), 40));
let n = 0;
setInterval(() => console.log("old tick", ++n), 5);
setTimeout(() => console.log("old timeout"), 60);
app.listen(3000, async () => {
  console.log("old listening");
  const r = await fetch("http://localhost:3000/slow");
  console.log("old fetch got", await r.text());
});
`);
  await new Promise((r) => setTimeout(r, 25));
  assert.ok(logs.some((l) => l.text === "old tick 1"), JSON.stringify(logs));
  const run = await pg.run(`import express from "express";
const app = express();
app.get("/", (req, res) => res.send("new"));
app.listen(3000, () => console.log("new listening"));
`);
  assert.equal(run.ok, true);
  await new Promise((r) => setTimeout(r, 120));
  const texts = logs.map((l) => l.text);
  const at = texts.indexOf("new listening");
  assert.ok(at >= 0, JSON.stringify(texts));
  assert.deepEqual(texts.slice(at), ["new listening"]);
  assert.equal((await pg.request({ url: "/" })).body, "new");
  await pg.stop();
});

test("process.stdout.write continues a line, and process.hrtime measures, as in Node", async () => {
  const code = `process.stdout.write("Loading...");
const t = process.hrtime();
console.log(" ready", Array.isArray(t), t.length);
process.stdout.write("a\\nb");
setTimeout(() => {
  process.stdout.write(" and c\\n");
  const d = process.hrtime(t);
  console.log(d[0] >= 0 && d[1] >= 0 && d[0] * 1e3 + d[1] / 1e6 >= 5);
  process.stderr.write("to stderr\\n");
}, 10);
`;
  const { node, playground } = await runBoth(code, { ms: 2000 });
  assert.equal(node.stdout, "Loading... ready true 2\na\nb and c\ntrue\n");
  assert.deepEqual(playground, node);
});
