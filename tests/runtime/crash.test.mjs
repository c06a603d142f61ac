// Uncaught exceptions and unhandled rejections: the same program on real Node 20 and on the
// playground must print the same crash report, the same output before it, and exit with the
// same code; `process.on('uncaughtException' | 'unhandledRejection' | 'exit')` as in Node.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { freePort, runBoth, startNode, startPlayground } from "./differential.mjs";

// node:test fails the running test on any unhandled rejection in its process; here they are the
// learner programs', which the playground takes from the same process event.
before(() => process.removeAllListeners("unhandledRejection"));

/** `[what the learner did, server.js]`: each must print and exit exactly as `node server.js`. */
const CASES = [
  // Exceptions thrown by callbacks: the excerpt points at the `throw`.
  ["a throw in a setTimeout callback (ES module)", 'import express from "express";\nsetTimeout(() => {\n  throw new Error("boom");\n}, 5);\n'],
  ["a throw in a named setTimeout callback (CommonJS)", 'const express = require("express");\nsetTimeout(function tick() {\n      throw new TypeError("boom");\n}, 5);\n'],
  ["a throw in a setTimeout callback with arguments", 'setTimeout((a) => { throw new Error("a=" + a); }, 1, "x");\n'],
  ["a throw in a callback stored in a variable", "const f = () => { throw new Error('f'); };\nsetTimeout(f, 1);\n"],
  ["the third tick of a setInterval throws, and no fourth comes", 'let n = 0;\nsetInterval(() => {\n  n++;\n  console.log("tick", n);\n  if (n === 3) throw new Error("third");\n}, 5);\n'],
  ["a throw in setImmediate", 'setImmediate(() => { throw new Error("imm"); });\n'],
  ["a throw in a named setImmediate callback with an argument", 'setImmediate(function later(a) { throw new Error(a); }, "x");\n'],
  ["a throw in process.nextTick", 'process.nextTick(() => { throw new Error("tick"); });\n'],
  ["a throw in process.nextTick with two arguments", 'process.nextTick((a, b) => { throw new Error(a + b); }, 1, 2);\n'],
  ["a throw in queueMicrotask points at where the error was made", 'queueMicrotask(() => { throw new Error("micro"); });\n'],
  ["a TypeError from reading a property of undefined", 'setTimeout(() => {\n  const o = undefined;\n  console.log(o.name);\n}, 1);\n'],
  ["a ReferenceError in a named callback", "setTimeout(function tick() { undefinedFn(); }, 1);\n"],
  ["an error from a built-in keeps its frame", "setTimeout(() => { [].reduce((a, b) => a); }, 1);\n"],
  ["an error deep in callbacks", "[1].forEach(() => setTimeout(() => { [1, 2].map((x) => { throw new Error('deep'); }); }, 1));\n"],
  ["an error made at the top level and thrown later", 'const e = new Error("made here");\nsetTimeout(() => {\n  if (e) throw e;\n}, 1);\n'],
  ["an error made at the top level of CommonJS and thrown later", 'const express = require("express");\nconst e = new Error("made here");\nsetTimeout(() => {\n  if (e) throw e;\n}, 1);\n'],
  ["an error with its own properties", "setTimeout(() => { const e = new Error('with props'); e.code = 'E_JOB'; e.status = 500; throw e; }, 1);\n"],
  ["an error with a cause", "setTimeout(() => { throw new Error('outer', { cause: new Error('inner') }); }, 1);\n"],
  ["an error class of the learner's", "class JobError extends Error { constructor(m) { super(m); this.name = 'JobError'; } }\nsetTimeout(() => { throw new JobError('custom'); }, 1);\n"],
  ["an error whose stack was removed", "setTimeout(() => { const e = new Error('no stack'); e.stack = undefined; throw e; }, 1);\n"],
  ["a thrown string", "setTimeout(() => { throw 'just a string'; }, 1);\n"],
  ["a thrown number", "setTimeout(() => { throw 42; }, 1);\n"],
  ["a thrown null", "setTimeout(() => { throw null; }, 1);\n"],
  ["a thrown object", "setTimeout(() => { throw { code: 42, msg: 'x' }; }, 1);\n"],
  ["a TypeError inside a throw's own argument", "setTimeout(() => { const a = {}; throw new Error(a.b.c); }, 1);\n"],
  ["a throw in a catch block on the same line as another throw", "setTimeout(() => { try { throw new Error('a'); } catch { throw new Error('b'); } }, 1);\n"],
  ["a throw after a rewritten import on the same line", "import express from 'express'; const e = new Error('same line'); setTimeout(() => { throw e; }, 1);\n"],
  ["a throw with a tab before it", "setTimeout(() => {\n\tthrow new Error('tabbed');\n}, 1);\n"],
  ["an app.listen callback that throws", 'import express from "express";\nconst app = express();\napp.listen(process.env.PORT, () => { throw new Error("in listen"); });\n'],
  // Exceptions at the top level: CommonJS points at the throw, an ES module at the error.
  ["a top-level ReferenceError (ES module)", 'import express from "express";\nundefinedThing.go();\n'],
  ["a top-level ReferenceError (CommonJS)", 'const express = require("express");\nundefinedThing.go();\n'],
  ["a top-level rethrow (ES module)", 'import express from "express";\nconst e = new Error("a");\nif (e) throw e;\n'],
  ["a top-level rethrow (CommonJS)", "const e = new Error('a');\nif (e) throw e;\n"],
  ["a top-level throw of a string (ES module)", "import express from 'express';\nconst s = 'x'; throw s;\n"],
  ["a top-level throw of a string (CommonJS)", "const s = 'x'; throw s;\n"],
  ["a top-level throw after an await", "await null;\nconst e = new Error('a');\nif (e) throw e;\n"],
  // Unhandled rejections: the excerpt points at where the error was made.
  ["a rejection at the top level (ES module)", "import express from 'express';\nPromise.reject(new Error('top'));\n"],
  ["a rejection at the top level (CommonJS)", "Promise.reject(new Error('top'));\n"],
  ["a rejection after a top-level await", "await null;\nPromise.reject(new Error('after await'));\n"],
  ["an async function that throws, called from a timer", "async function load() {\n  await null;\n  throw new RangeError('too far');\n}\nsetTimeout(() => load(), 1);\n"],
  ["an async function awaited by another", "async function load() {\n  await null;\n  throw new Error('deep');\n}\nasync function job() {\n  await load();\n}\nsetTimeout(() => job(), 1);\n"],
  ["a rejection made in a timer", "setTimeout(() => { Promise.reject(new Error('from timer')); }, 1);\n"],
  ["a promise rejected by a timer", "new Promise((_, reject) => setTimeout(() => reject(new Error('in ctor')), 1));\n"],
  ...["'str'", "42", "{ a: 1 }", "[1, 2]", "Symbol('x')", "() => 1", "new (class Job {})()", "null", "undefined", "new Date(0)", "new Map()"].map((reason) => [
    `a rejection with ${reason}`,
    `setTimeout(() => Promise.reject(${reason}), 1);\n`,
  ]),
  // process.on, once, off, exit.
  [
    "uncaughtException and unhandledRejection handlers keep the program alive",
    `process.on("uncaughtException", (err, origin) => { console.log("caught", err.message, origin); });
process.on("exit", (code) => console.log("exit", code));
setTimeout(() => { throw new Error("one"); }, 1);
setTimeout(() => { Promise.reject(new Error("two")); }, 5);
setTimeout(() => { Promise.reject("three"); }, 10);
setTimeout(() => console.log("still alive"), 20);
`,
  ],
  [
    "an unhandledRejection handler gets the reason and the promise; a throw still crashes",
    `process.on("unhandledRejection", (reason, p) => { console.log("rejected:", reason instanceof Error ? reason.message : reason, p instanceof Promise); });
setTimeout(() => { Promise.reject(new Error("two")); }, 5);
setTimeout(() => { Promise.reject("three"); }, 10);
setTimeout(() => { throw new Error("crash"); }, 20);
`,
  ],
  ["an uncaughtException handler sees the error a non-error rejection becomes", 'process.on("uncaughtException", (e, origin) => console.log(e, origin));\nPromise.reject("x");\n'],
  [
    "a top-level throw with a handler installed: the server goes on",
    'import express from "express";\nprocess.on("uncaughtException", (e) => console.log("caught", e.message));\nconst app = express();\nconst server = app.listen(process.env.PORT, () => { console.log("listening"); setTimeout(() => server.close(), 20); });\nthrow new Error("top");\n',
  ],
  ["process.once handles the first exception only", "process.once('uncaughtException', (err) => console.log('once', err.message));\nsetTimeout(() => { throw new Error('first'); }, 1);\nsetTimeout(() => { throw new Error('second'); }, 5);\n"],
  ["process.off removes a handler", "const h = (err) => console.log('h', err.message);\nprocess.on('uncaughtException', h);\nsetTimeout(() => { throw new Error('first'); }, 1);\nsetTimeout(() => { process.off('uncaughtException', h); }, 3);\nsetTimeout(() => { throw new Error('second'); }, 5);\n"],
  ["process.removeListener removes a rejection handler", "const h = (r) => console.log('h', r);\nprocess.on('unhandledRejection', h);\nsetTimeout(() => Promise.reject('first'), 1);\nsetTimeout(() => process.removeListener('unhandledRejection', h), 3);\nsetTimeout(() => Promise.reject('second'), 5);\n"],
  ["an uncaughtException handler that throws exits with 7", "process.on('exit', (code) => console.log('exit', code));\nprocess.on('uncaughtException', (err) => { throw new Error('handler broke'); });\nsetTimeout(() => { throw new Error('first'); }, 1);\n"],
  ["an unhandledRejection handler that throws", "process.on('unhandledRejection', (r) => { throw new Error('rh broke'); });\nPromise.reject(new Error('r'));\n"],
  ["the exit event comes before the crash report", "process.on('exit', (code) => console.log('exit', code));\nsetTimeout(() => { throw new Error('x'); }, 1);\n"],
  ["uncaughtExceptionMonitor sees the error first", "process.on('uncaughtExceptionMonitor', (err, origin) => console.log('monitor', err.message, origin));\nsetTimeout(() => { throw new Error('m'); }, 1);\n"],
  ["process.exit ends the program at once", "process.on('exit', (code) => console.log('exit', code));\nsetTimeout(() => { console.log('before'); process.exit(3); console.log('after'); }, 1);\nsetTimeout(() => console.log('never'), 20);\n"],
  ["process.exitCode is the code of a program that ends", "process.exitCode = 4;\nconsole.log('done');\n"],
  ["a program with nothing left to wait for ends, after beforeExit", "let more = 1;\nprocess.on('beforeExit', (code) => { console.log('beforeExit', code); if (more--) setTimeout(() => console.log('one more'), 5); });\nprocess.on('exit', (code) => console.log('exit', code));\nconsole.log('top');\n"],
];

for (const [name, code] of CASES) {
  test(name, async () => {
    const env = /process\.env\.PORT/.test(code) ? { PORT: String(await freePort()) } : {};
    const { node, playground } = await runBoth(code, { env });
    assert.deepEqual(playground, node);
  });
}

test("after a crash the server stops listening: curl gets connection refused", async () => {
  const code = `import express from "express";
const app = express();
app.get("/crash", (req, res) => {
  setTimeout(() => { throw new Error("deferred"); }, 10);
  res.send("ok");
});
const port = process.env.PORT;
app.listen(port, () => console.log("listening on", port));
`;
  const port = await freePort();
  const env = { PORT: String(port) };
  const node = await startNode(code, { env });
  await node.waitFor("listening");
  assert.equal(await (await fetch(`http://127.0.0.1:${port}/crash`)).text(), "ok");
  assert.equal(await node.exited, 1);
  const refused = await fetch(`http://127.0.0.1:${port}/crash`).catch((e) => e.cause.code);
  assert.equal(refused, "ECONNREFUSED");

  const ours = await startPlayground(code, { env });
  assert.deepEqual(await ours.pg.exec(`curl -s localhost:${port}/crash`), { stdout: "ok", stderr: "", exitCode: 0 });
  assert.equal(await ours.exited, 1);
  const after = await ours.pg.exec(`curl localhost:${port}/crash`);
  assert.equal(after.exitCode, 7);
  assert.match(after.stderr, /^curl: \(7\) Failed to connect to localhost port \d+/);
  assert.deepEqual(ours.output(), node.output());
});

test("a crash while a request waits for its answer: curl gets an empty reply", async () => {
  const code = `import express from "express";
const app = express();
app.get("/slow", (req, res) => {
  setTimeout(() => { throw new Error("before the answer"); }, 10);
});
app.listen(process.env.PORT, () => console.log("listening"));
`;
  const port = await freePort();
  const ours = await startPlayground(code, { env: { PORT: String(port) } });
  const answer = await ours.pg.exec(`curl localhost:${port}/slow`);
  assert.equal(answer.exitCode, 52);
  assert.equal(answer.stderr, "curl: (52) Empty reply from server\n");
  assert.equal((await ours.pg.exec(`curl -s localhost:${port}/slow`)).exitCode, 7);
});

test("a stopped program's late rejection does not reach the next one", async () => {
  const first = await startPlayground("setTimeout(() => {}, 1000);\nexport const late = new Promise((_, reject) => (globalThis.rejectOld = () => reject(new Error('late'))));\n");
  const second = await startPlayground("setInterval(() => {}, 1000);\n");
  await first.pg.stop();
  globalThis.rejectOld();
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(second.exitCode(), null);
  assert.equal(second.output().stderr, "");
  await second.pg.stop();
});
