// node:util beyond format and promisify — isDeepStrictEqual, parseArgs, stripVTControlCharacters,
// styleText, debuglog — checked against what real Node 20 gives for the same learner code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runBoth } from "./differential.mjs";
import { sameAsNode } from "./same-as-node.mjs";

test("util.isDeepStrictEqual: prototypes, tags, NaN and -0, Map/Set order, cycles, sparse arrays", () =>
  sameAsNode(`
const util = require("node:util");
const s1 = Symbol("a");
class A { constructor() { this.x = 1; } }
const cyc = () => { const o = { a: 1 }; o.self = o; return o; };
const withLastIndex = /a/g; withLastIndex.lastIndex = 1;
const hidden = {}; Object.defineProperty(hidden, s1, { value: 1, enumerable: false });
const extra = [1, 2]; extra.foo = 1;
const pairs = [
  [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }], [[1], ["1"]], [NaN, NaN], [0, -0], [[0], [-0]], [1n, 1n], [null, undefined],
  [new Date(1), new Date(1)], [new Date(1), new Date(2)], [new Date(NaN), new Date(NaN)], [Object.assign(new Date(0), { x: 1 }), new Date(0)],
  [/a/g, /a/g], [/a/g, /a/i], [/a/g, withLastIndex],
  [new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]])], [new Map([[{ k: 1 }, 1], [{ k: 2 }, 2]]), new Map([[{ k: 2 }, 2], [{ k: 1 }, 1]])],
  [new Map([[1, 2]]), new Map([[1, 3]])], [new Map([[NaN, 1]]), new Map([[NaN, 1]])],
  [new Set([1, { a: 1 }]), new Set([{ a: 1 }, 1])], [new Set([1, 2]), new Set([1, "2"])], [new Set([{ a: 1 }, { a: 1 }]), new Set([{ a: 1 }, { a: 2 }])], [new Set([0]), new Set([-0])],
  [new Uint8Array([1, 2]), new Uint8Array([1, 2])], [new Uint8Array([1, 2]), new Int8Array([1, 2])], [Buffer.from("ab"), new Uint8Array([97, 98])],
  [new Float64Array([NaN]), new Float64Array([NaN])], [new Float64Array([0]), new Float64Array([-0])], [new ArrayBuffer(2), new ArrayBuffer(2)],
  [new A(), { x: 1 }], [new A(), new A()], [Object.create(null), {}], [cyc(), cyc()], [[1, , 3], [1, undefined, 3]], [[1, , 3], [1, , 3]], [extra, [1, 2]],
  [new Error("x"), new Error("x")], [new Error("x"), new TypeError("x")], [new Error("x"), new Error("y")], [new Error("x", { cause: 1 }), new Error("x", { cause: 2 })],
  [new Number(1), new Number(1)], [new Number(0), new Number(-0)], [new String("a"), new String("b")],
  [{ [s1]: 1 }, { [s1]: 1 }], [{ [s1]: 1 }, { [s1]: 2 }], [{ [s1]: 1 }, {}], [hidden, {}],
  [new URL("http://a/b"), new URL("http://a/b")], [new URL("http://a/b"), new URL("http://a/c")],
  [{ a: undefined }, {}], [{ a: 1, b: 2 }, { b: 2, a: 1 }], [[], {}], [new (class B extends Map {})(), new Map()], [() => 1, () => 1],
];
console.log(pairs.map(([a, b]) => (util.isDeepStrictEqual(a, b) ? 1 : 0)).join(""));
`));

test("util.parseArgs: values, positionals, short groups, defaults, negation, tokens and Node's errors", () =>
  sameAsNode(`
const { parseArgs, inspect } = require("node:util");
const show = (config) => { try { return inspect(parseArgs(config), { depth: 4 }); } catch (e) { return [e.name, e.code, e.message].join(" | "); } };
const bool = { type: "boolean" };
for (const config of [
  { args: ["--port", "8080", "-v"], options: { port: { type: "string" }, v: bool } },
  { args: ["-abc"], options: { a: bool, b: bool, c: bool } },
  { args: ["-abfFILE", "x"], options: { a: bool, b: bool, file: { type: "string", short: "f" } }, allowPositionals: true, tokens: true },
  { args: ["--tag", "a", "--tag=b", "-t", "c"], options: { tag: { type: "string", multiple: true, short: "t" } } },
  { args: [], options: { tag: { type: "string", multiple: true, default: ["x"] }, n: { type: "boolean", default: false }, s: { type: "string", default: "d" } } },
  { args: ["--no-color"], options: { color: bool }, allowNegative: true, tokens: true },
  { args: ["--", "--x", "-y"], allowPositionals: true, tokens: true },
  { args: ["--x", "pos", "-y=1"], strict: false, tokens: true },
  { args: ["--unknown"] }, { args: ["--unknown"], allowPositionals: true }, { args: ["pos"] },
  { args: ["--port"], options: { port: { type: "string", short: "p" } } },
  { args: ["--port", "--verbose"], options: { port: { type: "string" }, verbose: bool } },
  { args: ["-p", "-v"], options: { port: { type: "string", short: "p" } } },
  { args: ["--verbose=yes"], options: { verbose: bool } },
  { args: ["--no-color"], options: { color: { type: "string" } }, allowNegative: true },
  { args: "nope" }, { args: [], strict: "yes" }, { args: [], options: [] }, { args: [], options: { a: null } },
  { args: [], options: { a: { type: "number" } } }, { args: [], options: { a: { type: "string", short: "ab" } } },
  { args: [], options: { a: { type: "string", multiple: 1 } } }, { args: [], options: { a: { type: "string", multiple: true, default: ["a", 5] } } },
  { args: [], options: { a: { type: "boolean", default: "x" } } },
  {},
]) console.log(show(config));
`));

test("util.stripVTControlCharacters and util.styleText: codes, lists, aliases and validation", () =>
  sameAsNode(`
const util = require("node:util");
const attempt = (f) => { try { return JSON.stringify(f()); } catch (e) { return [e.name, e.code, e.message].join(" | "); } };
console.log(attempt(() => util.stripVTControlCharacters("\\u001b[31mred\\u001b[39m \\u001b]8;;http://x\\u0007link\\u001b]8;;\\u0007 \\u009b1mX")));
console.log(attempt(() => util.stripVTControlCharacters(5)));
console.log(attempt(() => util.styleText("red", "plain: stdout is no terminal")));
console.log(attempt(() => util.styleText(["red", "bold", "underline"], "a list always styles")));
console.log(attempt(() => util.styleText("grey", "alias", { validateStream: false })));
console.log(attempt(() => util.styleText("bgBlueBright", "x", { validateStream: false })));
console.log(attempt(() => util.styleText("red", "x", { stream: process.stderr })));
console.log(attempt(() => util.styleText("nope", "x")));
console.log(attempt(() => util.styleText(["red", 5], "x")));
console.log(attempt(() => util.styleText("red", 5)));
console.log(attempt(() => util.styleText("red", "x", { validateStream: 1 })));
console.log(attempt(() => util.styleText("red", "x", { stream: { write() {} } })));
console.log(attempt(() => util.styleText("red", "x", { stream: null })));
console.log(Object.keys(util.inspect.colors).join(), util.inspect.colors.grey, util.inspect.colors.faint);
`));

/** Node prints its real process id where the playground prints 42. */
const samePid = (text) => text.replace(/^(\S+) (\u001b\[33m)?\d+/gm, "$1 $2PID").replace(/\(node:\d+\)/g, "(node:PID)");

test("util.debuglog writes to stderr for the sections NODE_DEBUG names at start, and only those", async () => {
  const code = `const util = require("util");
const app = util.debuglog("app", (fn) => console.log("callback got", typeof fn));
const db = util.debuglog("db");
const other = util.debuglog("other");
console.log(app.enabled, db.enabled, other.enabled, typeof util.debug);
process.env.NODE_DEBUG = "other";
app("listening on %d", 3000, { port: 3000 });
db("query", [1, 2]);
other("never shown");
console.log(util.debuglog("other").enabled, util.debuglog("DB-POOL").enabled, util.debuglog(5).enabled);
`;
  const { node, playground } = await runBoth(code, { env: { NODE_DEBUG: "App,db*" } });
  assert.deepEqual({ ...playground, stderr: samePid(playground.stderr) }, { ...node, stderr: samePid(node.stderr) });
  assert.match(playground.stderr, /^APP 42: listening on 3000 { port: 3000 }$/m);
});

test("util.debuglog for http warns as Node does; FORCE_COLOR colours styleText and the pid", async () => {
  const code = `const util = require("util");
util.debuglog("http")("request");
console.log(JSON.stringify(util.styleText("red", "forced")));
`;
  const { node, playground } = await runBoth(code, { env: { NODE_DEBUG: "http", FORCE_COLOR: "1" } });
  assert.deepEqual({ ...playground, stderr: samePid(playground.stderr) }, { ...node, stderr: samePid(node.stderr) });
});
