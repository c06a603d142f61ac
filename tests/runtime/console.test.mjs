// What learners log — console.log/dir/table/group/assert..., util.format and util.inspect —
// printed byte for byte as Node 20 prints it. Each snippet runs twice: in the playground, and
// here in Node against Node's own Console (the class behind the global `console`, writing to
// streams this test reads), then the two lists of `{ stream, text }` lines must be equal.
// What JavaScript cannot see as Node does (a promise's state, iterator entries, proxies, real
// stack traces, durations) is kept out of that corpus and checked on its own below.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Console } from "node:console";
import { Writable } from "node:stream";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import nodeUtil from "node:util";
import { createPlayground } from "./helpers.mjs";
import { inspect } from "../../crates/runtime/js/inspect.mjs";
import { PlaygroundBuffer } from "../../crates/runtime/js/modules/buffer.mjs";

const nodeRequire = createRequire(import.meta.url);
const AsyncFunction = (async () => {}).constructor;

/** A stack that reads the same in Node and in the playground: one frame in the learner's file. */
const STACK = (head, line = 3) => `${head}\\n    at handler (file:///app/server.js:${line}:9)`;

const CORPUS = [
  // Primitives and strings: quotes, escapes, -0, bigint, symbols.
  'console.log("hello", "world")',
  'console.log("a", 1, true, null, undefined)',
  "console.log(-0, 0, NaN, Infinity, -Infinity, 1e21, 0.1 + 0.2, [-0])",
  "console.log(123n, -5n, [2n ** 64n])",
  'console.log(Symbol("id"), Symbol(), Symbol.iterator, [Symbol("in array")])',
  `console.log(["it's"], ['say "hi"'], [\`it's "x"\`], ["it's \\"x\\" \`y\`"])`,
  String.raw`console.log(["tab\there", "new\nline", "back\\slash", "\x00\x7f\u001b\u0085", "\ud800"])`,
  `console.log(require("util").inspect("it's"), require("util").inspect('plain'), require("util").inspect(""))`,
  // Arrays: grouping into columns, more items, holes, depth.
  "console.log([1, 2, 3], [], [[]], [undefined, null])",
  "console.log(Array.from({ length: 26 }, (_, i) => i * 37 % 1000))",
  'console.log(["alice", "bob", "carol", "dave", "eve", "frank", "grace", "heidi", "ivan", "judy"])',
  "console.log(Array.from({ length: 120 }, (_, i) => i))",
  'console.log(Array.from({ length: 101 }, (_, i) => "item" + i))',
  "console.log([1, , 3], new Array(3), [, , 1, , ], [1, 2, , ])",
  "const a = []; a[5] = 1; a[200] = 2; console.log(a)",
  "console.log([[1, [2, [3, [4, [5]]]]]])",
  'console.log(Object.assign([1, 2], { total: 3, [Symbol("s")]: 4 }))',
  'console.log(["a", "a much longer string that stops the grouping", 1, 2, 3, 4, 5, 6])',
  'console.log(["😀", "日本語", "é", "a", "b", "c", "d", "e", "f", "g"])',
  "console.log(Array.from({ length: 8 }, (_, i) => ({ id: i, ok: i % 2 === 0 })))",
  // Objects: line breaking, nesting, keys, getters.
  'console.log({ a: 1, b: "two", c: [3], d: { e: null } })',
  "console.log({}, { a: {} }, { a: [] })",
  "console.log({ a: { b: { c: { d: { e: 1 } } } }, list: [[[[1]]]] })",
  "console.log(Object.fromEntries(Array.from({ length: 12 }, (_, i) => ['key' + i, i * 1000])))",
  'console.log({ id: 1, name: "Alice Wonderland", email: "alice@example.com", roles: ["admin", "editor"], active: true })',
  `console.log({ "a-b": 1, "content-type": "json", $x: 1, _y: 2, "1a": 3, 0: "zero", "with space": 1, "it's": 2, __proto__x: 3 })`,
  'console.log({ [Symbol("s")]: 1, regular: 2, [Symbol()]: 3 })',
  "console.log({ get full() { return 1 }, set only(v) {}, get both() { return 2 }, set both(v) {} })",
  'console.log({ text: "x".repeat(100) }, { text: "y".repeat(75) })',
  'console.log({ poem: "roses are red\\nviolets are blue\\nthis line is long enough to wrap" })',
  'console.log(Object.create(null), Object.assign(Object.create(null), { a: 1 }))',
  "console.log({ u: undefined, n: null, f: false, z: 0, e: '' })",
  'console.log({ b: 1, a: 2, 10: "ten", 2: "two", z: { y: 1, x: 2 } })',
  `console.log({ method: "GET", url: "/api/items?limit=10", headers: { host: "localhost:3000", "user-agent": "curl/8.7.1", accept: "*/*" }, params: { id: "42" }, query: { limit: "10" } })`,
  'console.log({ data: [{ id: 1, tags: ["a", "b"], meta: { created: new Date(0), owner: { name: "x" } } }] })',
  // Class instances, tags, circular references.
  'class User { constructor() { this.name = "ada"; this.age = 36 } }\nconsole.log(new User(), [new User()])',
  "console.log(new (class Empty {})(), new (class {})())",
  'class Base { constructor() { this.id = 1 } }\nclass Admin extends Base { constructor() { super(); this.role = "root" } }\nconsole.log(new Admin())',
  'console.log({ [Symbol.toStringTag]: "Tagged", a: 1 }, new (class Foo { get [Symbol.toStringTag]() { return "Bar" } })())',
  'class Temp { #secret = 1; get celsius() { return 20 } }\nconsole.log(new Temp())',
  'const a = { name: "a" }; a.self = a; console.log(a)',
  "const a = { x: {} }; a.x.back = a; a.x.self = a.x; a.list = [a.x, a]; console.log(a)",
  "const arr = [1]; arr.push(arr); console.log(arr, [arr])",
  // Map, Set, Weak collections.
  'console.log(new Map([["a", 1], ["b", { c: 2 }]]), new Set([1, "two", [3]]))',
  "console.log(new Map(), new Set(), { m: new Map([[{ k: 1 }, new Set([1])]]) })",
  "console.log(new Set(Array.from({ length: 102 }, (_, i) => i)))",
  "console.log(new WeakMap(), new WeakSet(), { weak: new WeakMap() })",
  // Dates and regular expressions.
  'console.log(new Date(0), new Date("2024-01-02T03:04:05.678Z"), { when: new Date(0) })',
  'console.log(new Date(NaN), Object.assign(new Date(0), { note: "x" }))',
  'console.log(/ab+c/gi, new RegExp("a/b"), { re: /x/y }, Object.assign(/x/, { extra: 1 }))',
  // Errors: stack, own properties, cause, names.
  `const e = new Error("boom"); e.stack = "${STACK("Error: boom")}"; console.log(e)`,
  `const e = new Error("Not found"); e.stack = "${STACK("Error: Not found")}"; e.status = 404; e.code = "ENOENT"; console.log(e)`,
  `const root = new Error("disk"); root.stack = "${STACK("Error: disk", 1)}";\nconst e = new Error("save failed", { cause: root }); e.stack = "${STACK("Error: save failed", 2)}";\nconsole.log(e)`,
  'const e = new Error("no frames"); e.stack = "Error: no frames"; console.log(e, { e }, [e])',
  `class ValidationError extends Error {}\nconst e = new ValidationError("bad input"); e.stack = "${STACK("Error: bad input")}"; console.log(e)`,
  `class HttpError extends Error { constructor(m) { super(m); this.name = "HttpError"; this.status = 418 } }\nconst e = new HttpError("teapot"); e.stack = "${STACK("HttpError: teapot")}"; console.log(e)`,
  `const e = new TypeError("wrong"); e.stack = "${STACK("TypeError: wrong")}"; console.log({ error: e, ok: false })`,
  'const e = new AggregateError([new Error("a")], "many"); e.stack = "AggregateError: many"; e.errors[0].stack = "Error: a"; console.log(e)',
  `const e = new RangeError("out"); e.stack = "${STACK("RangeError: out")}"; console.error(e); console.error("failed:", e.message)`,
  // Functions and classes.
  "console.log(function named() {}, function () {}, () => {}, async function af() {}, async () => {})",
  "console.log(function* gen() {}, async function* agen() {}, function f() {}.bind(null))",
  "class A {}\nclass B extends A {}\nconsole.log(A, B, class {}, [A])",
  'console.log({ handler: function () {}, arrow: () => {}, method() {} }, Object.assign(function withProps() {}, { a: 1 }))',
  // Typed arrays, buffers, boxed primitives, arguments, URL, proxies of plain values.
  "console.log(new Uint8Array([1, 2, 3]), new Float32Array(2), new BigInt64Array(1), new Uint8Array(0))",
  "console.log(new ArrayBuffer(4), new DataView(new ArrayBuffer(2)))",
  'console.log(Buffer.from("hello"), { body: Buffer.from("hi") }, Buffer.alloc(60))',
  'console.dir(Buffer.from("hi"))',
  'console.log(new Number(1), new String("str"), new Boolean(false), Object(1n), Object(Symbol("x")))',
  "(function () { console.log(arguments) })(1, 'two')",
  'console.log(new URL("http://localhost:3000/api/items?limit=10#top"))',
  'console.log(new URLSearchParams("a=1&b=two"), new URLSearchParams())',
  'console.log(new Proxy({ a: 1 }, {}), new Proxy([1, 2], {}))',
  // util.format placeholders.
  'console.log("%s | %s | %s | %s | %s", "str", 42, -0, 7n, null)',
  'console.log("%s | %s | %s", undefined, Symbol("s"), [1, [2, [3]]])',
  'console.log("%s | %s", { a: { b: 1 } }, new (class X { toString() { return "XX" } })())',
  'console.log("%s", new Date(0)); console.log("%s", { [Symbol.toPrimitive]() { return "P" } })',
  'console.log("%d %d %d %d %d", "42.5", 5n, "abc", -0, {})',
  'console.log("%i %i %i | %f %f", "42.9px", 5n, -3.7, "3.5e1x", "x")',
  'const a = { n: 1 }; a.self = a;\nconsole.log("%j %j %j", { a: [1, "x"] }, "str", a)',
  'console.log("%o", { a: [1, 2], f() {} })',
  'console.log("%O", { a: { b: { c: { d: 1 } } } })',
  'console.log("%cstyled%c text", "color: red", "")',
  'console.log("100%%"); console.log("100%%", "x"); console.log("%s%%", 5)',
  'console.log("%s and %s", "one"); console.log("%x %s", 1); console.log("%s")',
  'console.log(1, "%s", "x"); console.log(); console.log(""); console.log(undefined)',
  // The other console methods.
  'console.info("info"); console.debug("debug"); console.warn("warn %d", 1); console.error("error", { a: 1 })',
  "console.dir({ a: { b: { c: { d: 1 } } } }); console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 }); console.dir({ a: { b: { c: { d: 1 } } } }, { depth: null })",
  'console.dir("str"); console.dirxml({ a: 1 }, [2])',
  'console.count(); console.count(); console.count("x"); console.countReset(); console.count()',
  'console.group("Outer"); console.log({ a: 1, b: { c: "x".repeat(80) } }); console.group(); console.warn("inner\\nlines"); console.groupEnd(); console.groupEnd(); console.log("after")',
  'console.groupCollapsed("collapsed", 1); console.log("in"); console.groupEnd(); console.groupEnd(); console.log("out")',
  'console.assert(true, "never"); console.assert(false); console.assert(false, "msg %s", "x"); console.assert(false, { a: 1 }, 2)',
  // console.table.
  'console.table([{ a: 1, b: "Y" }, { a: "Z", b: 2 }])',
  'console.table(["apples", "oranges", "bananas"]); console.table([1, 2, 3])',
  'console.table({ alice: { age: 30, city: "Paris" }, bob: { age: 25 } })',
  'console.table([{ a: 1, b: 2, c: 3 }, { a: 4, c: 6 }], ["a", "c"])',
  'console.table([1, { a: 2 }, "three", null])',
  'console.table(new Map([["x", 1], ["y", { z: 2 }]])); console.table(new Set(["a", "b"]))',
  'console.table([{ nested: { a: 1, b: 2, c: 3 }, arr: [1, 2, 3, 4, 5], small: { x: 1 }, s: "日本" }])',
  'console.table("not tabular"); console.table(5); console.table([]); console.table([[1, 2], [3, 4]])',
  // util.inspect options and util.format used directly.
  'const util = require("util"); const o = { a: { b: { c: { d: {} } } }, list: [1, 2, 3] };\nconsole.log(util.inspect(o, { depth: 0 })); console.log(util.inspect(o, { depth: Infinity })); console.log(util.inspect(o, false, null))',
  'const util = require("util"); const o = { b: [1, 2, 3], a: { c: "str" } };\nconsole.log(util.inspect(o, { compact: false })); console.log(util.inspect(o, { breakLength: Infinity, sorted: true })); console.log(util.inspect(o, { compact: true }))',
  'const util = require("util");\nconsole.log(util.inspect({ s: "str", n: 1, b: true, u: undefined, nil: null, sym: Symbol("s"), d: new Date(0), re: /x/ }, { colors: true }))',
  'const util = require("util");\nconsole.log(util.inspect({ get a() { return { deep: 1 } }, get b() { return null }, set c(v) {} }, { getters: true }))',
  'const util = require("util");\nconsole.log(util.inspect([1, 2, 3], { showHidden: true }), util.inspect(function f() {}, { showHidden: true }))',
  'const util = require("util");\nconsole.log(util.inspect(Array(200).fill(0), { maxArrayLength: 5 }), util.inspect("x".repeat(30), { maxStringLength: 10 }))',
  'const util = require("util");\nconsole.log(util.format("%s=%d", "n", 5, "extra", { a: 1 })); console.log(util.formatWithOptions({ colors: true }, "%O", { a: 1 }))',
  'const util = require("util");\nclass Money { constructor(v) { this.v = v } [util.inspect.custom](depth, opts, inspect) { return `Money<${inspect(this.v, opts)}>` } }\nconsole.log(new Money(5), { price: new Money("5") }, [new Money(1)])',
  'const util = require("util");\nconst o = { [util.inspect.custom]() { return { replaced: true } } };\nconsole.log(o, { nested: { [util.inspect.custom]: (d) => d } })',
  'const util = require("util"); util.inspect.defaultOptions.depth = 0;\nconsole.log({ a: { b: 1 } }); util.inspect.defaultOptions.depth = 2; console.log({ a: { b: 1 } })',
];

/** Runs `code` against Node's own Console; returns the lines it wrote. */
async function inNode(code) {
  const lines = [];
  const stream = (name) => new Writable({ write(chunk, _encoding, done) { lines.push({ stream: name, text: String(chunk).replace(/\n$/, "") }); done(); } });
  const nodeConsole = new Console({ stdout: stream("stdout"), stderr: stream("stderr") });
  await new AsyncFunction("console", "require", code)(nodeConsole, nodeRequire);
  return lines;
}

const pg = await createPlayground();

/** Runs `code` in the playground; returns the lines it wrote, after pending warnings. */
async function inPlayground(code) {
  const run = await pg.run(code);
  assert.equal(run.ok, true, run.error?.stack);
  await new Promise((resolve) => setImmediate(resolve));
  return run.logs.map(({ stream, text }) => ({ stream, text }));
}

test(`the corpus has at least 80 snippets (${CORPUS.length})`, () => assert.ok(CORPUS.length >= 80));

for (const code of CORPUS) {
  test(code, async () => {
    assert.deepEqual(await inPlayground(code), await inNode(code));
  });
}

// ---- Promises, in fresh processes: under the test runner's async hooks, Node gives every
// promise `[Symbol(async_id_symbol)]` properties, which real programs do not show.

const PKG_ENTRY = pathToFileURL(path.resolve(process.env.PLAYGROUND_PKG ?? new URL("../../pkg/index.mjs", import.meta.url).pathname)).href;
const nodeProcess = (code) => execFileSync(process.execPath, ["-e", code], { encoding: "utf8" });
const playgroundProcess = (code) => execFileSync(process.execPath, ["--input-type=module", "-e", `
  const { createPlayground } = await import(${JSON.stringify(PKG_ENTRY)});
  const run = await (await createPlayground()).run(${JSON.stringify(code)});
  process.stdout.write(run.logs.map((l) => l.text + "\\n").join(""));`], { encoding: "utf8" });

test("a pending promise prints as in Node", () => {
  const code = "console.log(new Promise(() => {}), { p: new Promise(() => {}) }, (async () => { await null })())";
  assert.equal(playgroundProcess(code), nodeProcess(code));
});

test("a settled promise's state is invisible to JavaScript: the playground prints it as pending", () => {
  const code = 'const p = Promise.reject(new Error("no")); p.catch(() => {});\nconsole.log(Promise.resolve(42), [p].length)';
  assert.equal(nodeProcess(code), "Promise { 42 } 1\n");
  assert.equal(playgroundProcess(code), "Promise { <pending> } 1\n");
});

// ---- Where the playground cannot print what Node prints, and what it prints instead.

test("a Map or Set iterator's entries cannot be read without consuming it", async () => {
  // Node: `[Map Iterator] { 'a' } [Set Entries] { [ 1, 1 ] }`.
  const logs = await inPlayground('console.log(new Map([["a", 1]]).keys(), new Set([1]).entries())');
  assert.deepEqual(logs, [{ stream: "stdout", text: "[Map Iterator] { <items unknown> } [Set Iterator] { <items unknown> }" }]);
});

test("a proxy prints through its traps, where Node shows the target untouched", async () => {
  // Node: `{ a: 1 }`, without calling the traps.
  const logs = await inPlayground('console.log(new Proxy({ a: 1 }, { ownKeys: () => ["a", "b"], getOwnPropertyDescriptor: (t, k) => ({ value: k.toUpperCase(), enumerable: true, configurable: true }) }))');
  assert.deepEqual(logs, [{ stream: "stdout", text: "{ a: 'A', b: 'B' }" }]);
});

test("a thrown error prints its message, then stack frames that point at the learner's file", async () => {
  const [line] = await inPlayground('const e = new Error("boom");\nconsole.log(e)');
  assert.equal(line.stream, "stdout");
  assert.match(line.text, /^Error: boom\n {4}at .*server\.js:1:\d+/);
});

test("console.trace prints `Trace: message` on stderr", async () => {
  const [line] = await inPlayground('console.trace("here %d", 1)');
  assert.equal(line.stream, "stderr");
  assert.match(line.text, /^Trace: here 1(\n {4}at .*)*$/);
});

test("console.time measures in ms as Node formats it; unknown labels warn after the code runs", async () => {
  const logs = await inPlayground('console.time(); console.time("t"); console.timeLog("t", { step: 1 }); console.timeEnd(); console.timeEnd("t");\nconsole.timeEnd("nope"); console.time("t2"); console.time("t2"); console.countReset("c"); console.log("sync")');
  assert.match(logs[0].text, /^t: \d+(\.\d{1,3})?ms \{ step: 1 \}$/);
  assert.match(logs[1].text, /^default: \d+(\.\d{1,3})?ms$/);
  assert.match(logs[2].text, /^t: \d+(\.\d{1,3})?ms$/);
  const hint = "\n(Use `node --trace-warnings ...` to show where the warning was created)";
  assert.deepEqual(logs.slice(3), [
    { stream: "stdout", text: "sync" },
    { stream: "stderr", text: `(node:42) Warning: No such label 'nope' for console.timeEnd()${hint}` },
    { stream: "stderr", text: "(node:42) Warning: Label 't2' already exists for console.time()" },
    { stream: "stderr", text: "(node:42) Warning: Count for 'c' does not exist" },
  ]);
});

test("util.inspect.defaultOptions changed by one run are back to Node's defaults in the next", async () => {
  await inPlayground('require("util").inspect.defaultOptions.depth = 0');
  assert.deepEqual(await inPlayground("console.log({ a: { b: 1 } })"), [{ stream: "stdout", text: "{ a: { b: 1 } }" }]);
});

test("without Node's classes (a Web Worker), Buffer, URL and URLSearchParams still print as in Node", () => {
  const hidden = (value) => Object.defineProperty(value, inspect.custom, { value: undefined });
  const url = "http://user:pw@localhost:3000/a?x=1&y=two#h";
  assert.equal(inspect(hidden(new URL(url))), nodeUtil.inspect(new URL(url)));
  assert.equal(inspect({ q: hidden(new URLSearchParams("x=1&y=two")) }), nodeUtil.inspect({ q: new URLSearchParams("x=1&y=two") }));
  assert.equal(inspect(PlaygroundBuffer.from("hello")), nodeUtil.inspect(Buffer.from("hello")));
  assert.equal(inspect(PlaygroundBuffer.alloc(60)), nodeUtil.inspect(Buffer.alloc(60)));
});
