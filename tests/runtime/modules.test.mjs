// The provided modules — node:events, node:util, node:timers/promises, node:crypto, Buffer and
// jsonwebtoken — checked against what real Node 20 gives for the same learner code.
import { test } from "node:test";
import assert from "node:assert/strict";
import nodeCrypto from "node:crypto";
import { playground } from "./helpers.mjs";
import { both, sameAsNode } from "./same-as-node.mjs";
import { PlaygroundBuffer } from "../../crates/runtime/js/modules/buffer.mjs";

test("every spelling of every provided module resolves", async () => {
  // As ES module imports (Node's named exports only: jsonwebtoken's `sign` is not one)...
  const { pg, run } = await playground(`
import EventEmitter, { EventEmitter as Named } from "node:events";
import * as events from "events";
import util, { promisify } from "node:util";
import { setTimeout as sleep } from "timers/promises";
import * as sleeps from "node:timers/promises";
import crypto, { createHash } from "crypto";
import * as nodeCrypto from "node:crypto";
import jwt, { decode } from "jsonwebtoken";
import { Buffer as B } from "node:buffer";
import express from "express";
const checks = [
  EventEmitter === Named, events.default === EventEmitter, events.EventEmitter === EventEmitter,
  util.promisify === promisify, typeof sleep === "function", sleeps.setTimeout === sleep,
  crypto.createHash === createHash, nodeCrypto.randomUUID === crypto.randomUUID,
  jwt.decode === decode, typeof jwt.sign === "function", B === Buffer,
];
const app = express();
app.get("/", (req, res) => res.json(checks));
`);
  assert.equal(run.ok, true, run.error?.stack);
  const res = await pg.request({ url: "/" });
  assert.deepEqual(JSON.parse(res.body), Array(11).fill(true));
  // ...and through require in CommonJS.
  const cjs = await playground(`
const EventEmitter = require("events");
const util = require("node:util");
const crypto = require("crypto");
const checks = [
  require("node:events") === EventEmitter, require("node:events").EventEmitter === EventEmitter,
  require("util") === util, typeof require("node:timers/promises").setTimeout === "function",
  require("node:crypto") === crypto, typeof require("jsonwebtoken").verify === "function",
  require("node:buffer").Buffer === Buffer, typeof require("express").Router === "function",
];
const app = require("express")();
app.get("/", (req, res) => res.json(checks));
`);
  assert.equal(cjs.run.ok, true, cjs.run.error?.stack);
  const cjsRes = await cjs.pg.request({ url: "/" });
  assert.deepEqual(JSON.parse(cjsRes.body), Array(8).fill(true));
});

test("an unknown package lists the node: built-ins the playground provides, after Node's report", async () => {
  const { run } = await playground('import pad from "left-pad";');
  assert.equal(run.ok, false);
  assert.match(run.error.stack, /^Error \[ERR_MODULE_NOT_FOUND\]: Cannot find package 'left-pad' imported from \/app\/server\.js\n    at packageResolve/);
  assert.match(run.logs.at(-1).text, /jsonwebtoken, node:buffer, node:crypto, node:events, node:path, node:path\/posix, node:timers, node:timers\/promises, node:url and node:util\.$/);
});

test("EventEmitter: on, once, off, listenerCount, removeAllListeners, newListener", () =>
  sameAsNode(`
const EventEmitter = require("events");
class Jobs extends EventEmitter {}
const jobs = new Jobs();
const seen = [];
jobs.on("newListener", (name) => seen.push("new:" + name));
const onDone = (id) => seen.push("done " + id);
jobs.on("done", onDone);
jobs.once("done", (id) => seen.push("once " + id));
jobs.prependListener("done", () => seen.push("first"));
console.log(jobs.emit("done", 1), jobs.emit("done", 2), jobs.emit("nothing"));
console.log(jobs.listenerCount("done"), jobs.eventNames());
jobs.off("done", onDone);
console.log(jobs.listenerCount("done"), jobs.listeners("done").length);
const h = () => seen.push("never");
jobs.once("x", h);
jobs.removeListener("x", h);
jobs.emit("x");
jobs.removeAllListeners();
console.log(jobs.listenerCount("done"), jobs.eventNames(), JSON.stringify(seen));
`));

test("an 'error' event without a listener throws like Node", () =>
  sameAsNode(`
const { EventEmitter } = require("node:events");
const e = new EventEmitter();
for (const arg of [new Error("disk full"), "boom", { code: 1 }]) {
  try { e.emit("error", arg); } catch (err) { console.log(err.name, err.code, err.message, err === arg); }
}
e.on("error", (err) => console.log("handled", err.message));
console.log(e.emit("error", new Error("ok")));
try { e.on("x", 5); } catch (err) { console.log(err.code, err.message); }
`));

test("events.once resolves with the emitted arguments", () =>
  sameAsNode(`
const { EventEmitter, once } = await import("events");
const e = new EventEmitter();
setTimeout(() => e.emit("ready", 1, "two"), 5);
console.log(await once(e, "ready"));
`));

test("util: format, inspect, promisify, callbackify, types", () =>
  sameAsNode(`
const { default: util } = await import("node:util");
console.log(util.format("%s has %d items costing %i", "cart", 3, 4.5), util.format("%j", { a: [1] }), util.format("a", { b: 1 }, 2));
console.log(util.inspect("text"), util.inspect({ a: 1, b: "x", c: [1, 2] }), util.inspect(new Map([[1, 2]])));
const readUser = (id, cb) => setTimeout(() => (id ? cb(null, { id }) : cb(new Error("no id"))), 1);
const read = util.promisify(readUser);
console.log(await read(7));
try { await read(0); } catch (e) { console.log(e.message); }
const sleep = util.promisify(setTimeout);
console.log(await sleep(2, "woke"));
const cb = util.callbackify(async (x) => x * 2);
console.log(await new Promise((r) => cb(21, (err, v) => r([err, v]))));
console.log(util.types.isPromise(Promise.resolve()), util.types.isPromise({ then() {} }), util.types.isDate(new Date()));
try { util.promisify(42); } catch (e) { console.log(e.code, e.message); }
`));

test("timers/promises: setTimeout and setImmediate resolve with their value", () =>
  sameAsNode(`
const { setTimeout: sleep, setImmediate: immediate } = await import("node:timers/promises");
const order = [];
const a = sleep(20, "slow").then((v) => order.push(v));
const b = sleep(10, "fast").then((v) => order.push(v));
const c = immediate("now").then((v) => order.push(v));
await Promise.all([a, b, c]);
const ac = new AbortController();
const p = sleep(1000, "never", { signal: ac.signal });
ac.abort();
try { await p; } catch (e) { console.log(e.name, e.code, e.message); }
let n = 0;
for await (const v of (await import("timers/promises")).setInterval(2, "tick")) { order.push(v); if (++n === 2) break; }
console.log(JSON.stringify(order));
`));

test("re-running cancels a pending await setTimeout of the old program", async () => {
  const { pg, logs } = await playground(`
import { setTimeout as sleep } from "node:timers/promises";
import util from "node:util";
(async () => { await sleep(30); console.log("old run woke up"); })();
(async () => { await util.promisify(setTimeout)(30); console.log("old promisified woke up"); })();
`);
  await pg.run('console.log("new run");');
  await new Promise((r) => setTimeout(r, 80));
  assert.deepEqual(logs.map((l) => l.text), ["new run"]);
});

test("crypto: createHash and createHmac give Node's digests in every encoding", async () => {
  const { ours } = await both(`
const crypto = require("crypto");
for (const alg of ["sha256", "sha1", "md5", "sha512", "SHA256"]) {
  for (const enc of ["hex", "base64", "base64url"]) {
    console.log(alg, enc, crypto.createHash(alg).update("héllo ").update(Buffer.from([1, 2, 3])).digest(enc));
    console.log(alg, enc, crypto.createHmac(alg, "s3cr3t").update("payload", "utf8").digest(enc));
  }
}
console.log(crypto.createHmac("sha256", "k".repeat(200)).update("long key").digest("hex"));
console.log(crypto.createHash("sha256").update("6869", "hex").digest().length);
`);
  const theirs = [];
  for (const alg of ["sha256", "sha1", "md5", "sha512", "SHA256"]) {
    for (const enc of ["hex", "base64", "base64url"]) {
      theirs.push(`${alg} ${enc} ${nodeCrypto.createHash(alg).update("héllo ").update(Buffer.from([1, 2, 3])).digest(enc)}`);
      theirs.push(`${alg} ${enc} ${nodeCrypto.createHmac(alg, "s3cr3t").update("payload", "utf8").digest(enc)}`);
    }
  }
  theirs.push(nodeCrypto.createHmac("sha256", "k".repeat(200)).update("long key").digest("hex"), "32");
  assert.deepEqual(ours, theirs);
});

test("crypto: errors, timingSafeEqual and random values look like Node's", () =>
  sameAsNode(`
const crypto = require("node:crypto");
const attempt = (f) => { try { return f(); } catch (e) { return [e.name, e.code, e.message].join(" | "); } };
console.log(attempt(() => crypto.createHash("sha3-whatever")));
console.log(attempt(() => crypto.createHmac("nope", "k")));
console.log(attempt(() => { const h = crypto.createHash("sha256"); h.digest(); h.update("x"); }));
console.log(attempt(() => crypto.createHash("sha256").update(5)));
console.log(attempt(() => crypto.randomBytes(-1)));
console.log(attempt(() => crypto.timingSafeEqual(Buffer.from("a"), Buffer.from("ab"))));
console.log(attempt(() => crypto.timingSafeEqual("a", "a")));
console.log(crypto.timingSafeEqual(Buffer.from("same"), Buffer.from("same")), crypto.timingSafeEqual(Buffer.from("same"), Buffer.from("diff")));
const bytes = crypto.randomBytes(16);
console.log(Buffer.isBuffer(bytes), bytes.length, /^[0-9a-f]{32}$/.test(bytes.toString("hex")), bytes.toString("base64").length);
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()));
const n = crypto.randomInt(10, 12);
console.log(n === 10 || n === 11);
`));

test("Buffer: from, toString, concat, byteLength behave like Node's where Node has none", () => {
  const cases = [["héllo ✓", "utf8"], ["68656c6c6f", "hex"], ["12abz", "hex"], ["aGk=\n!!aGk", "base64"], ["_-8", "base64url"], ["héllo", "latin1"]];
  for (const [s, enc] of cases) assert.deepEqual([...PlaygroundBuffer.from(s, enc)], [...Buffer.from(s, enc)], `${s} ${enc}`);
  for (const s of ["", "a", "ab", "abc", "abcd", "héllo ✓ ÿ"]) {
    for (const enc of ["utf8", "hex", "base64", "base64url", "latin1"]) {
      assert.equal(PlaygroundBuffer.from(s).toString(enc), Buffer.from(s).toString(enc), `${s} ${enc}`);
    }
    assert.equal(PlaygroundBuffer.byteLength(s), Buffer.byteLength(s));
  }
  assert.deepEqual([...PlaygroundBuffer.from([256, -1, 3.7])], [...Buffer.from([256, -1, 3.7])]);
  assert.equal(PlaygroundBuffer.concat([PlaygroundBuffer.from("ab"), PlaygroundBuffer.from("cd")]).toString(), "abcd");
  assert.equal(JSON.stringify(PlaygroundBuffer.from("hi")), JSON.stringify(Buffer.from("hi")));
  assert.equal(PlaygroundBuffer.isBuffer(PlaygroundBuffer.alloc(2)), true);
  assert.equal(PlaygroundBuffer.isBuffer(new Uint8Array(2)), false);
  // Searching and fixed-width integers, each compared with Node's Buffer.
  const hay = "hello, héllo";
  const searches = [["l"], ["ll"], ["héllo"], ["l", 5], ["l", -3], ["x"], [""], [108], [Buffer.from("lo")], ["6c6c", "hex"], ["l", "utf8"]];
  for (const args of searches) {
    const ours = args.map((a) => (Buffer.isBuffer(a) ? PlaygroundBuffer.from(a) : a));
    for (const method of ["indexOf", "lastIndexOf", "includes"]) {
      assert.equal(PlaygroundBuffer.from(hay)[method](...ours), Buffer.from(hay)[method](...args), `${method}(${args.join(", ")})`);
    }
  }
  const bytes = [0x01, 0x02, 0xfe, 0xff, 0x80, 0x00, 0x7f, 0x10];
  for (const m of ["readUInt8", "readInt8", "readUInt16LE", "readUInt16BE", "readInt16LE", "readInt16BE", "readUInt32LE", "readUInt32BE", "readInt32LE", "readInt32BE", "readUint16BE"]) {
    for (const offset of [0, 2, 4]) assert.equal(PlaygroundBuffer.from(bytes)[m](offset), Buffer.from(bytes)[m](offset), `${m}(${offset})`);
  }
  const ours = PlaygroundBuffer.alloc(8);
  const theirs = Buffer.alloc(8);
  for (const [m, v, at] of [["writeUInt8", 200, 0], ["writeUInt16BE", 0xbeef, 1], ["writeInt32LE", -5, 3], ["writeInt8", -2, 7]]) {
    assert.equal(ours[m](v, at), theirs[m](v, at), m);
  }
  assert.deepEqual([...ours], [...theirs]);
  assert.throws(() => PlaygroundBuffer.from(bytes).readUInt32BE(6), { name: "RangeError" });
});

test("structuredClone passes through", () =>
  sameAsNode(`
const copy = structuredClone({ when: new Date(0), tags: new Set(["a"]) });
console.log(copy.when.toISOString(), [...copy.tags]);
`));

// ---- jsonwebtoken: signatures checked with Node's own HMAC, messages from the package docs ----

const b64url = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");
const hs256 = (input, secret) => nodeCrypto.createHmac("sha256", secret).update(input).digest("base64url");

test("jwt.sign makes a real HS256 token with iat and exp", async () => {
  const { pg, run } = await playground(`
import jwt from "jsonwebtoken";
import express from "express";
const app = express();
app.get("/token", (req, res) => res.json({
  fixed: jwt.sign({ sub: "42", role: "admin", iat: 1700000000 }, "s3cr3t", { expiresIn: "1h" }),
  now: jwt.sign({ sub: "42" }, "s3cr3t", { expiresIn: 60, issuer: "playground" }),
  plain: jwt.sign({ n: 1, iat: 1700000000 }, "s3cr3t", { expiresIn: "120" }),
}));
`);
  assert.equal(run.ok, true, run.error?.stack);
  const { fixed, now, plain } = JSON.parse((await pg.request({ url: "/token" })).body);
  const header = b64url({ alg: "HS256", typ: "JWT" });
  const payload = b64url({ sub: "42", role: "admin", iat: 1700000000, exp: 1700003600 });
  assert.equal(fixed, `${header}.${payload}.${hs256(`${header}.${payload}`, "s3cr3t")}`);
  const [h, p, s] = now.split(".");
  assert.equal(s, hs256(`${h}.${p}`, "s3cr3t"));
  const claims = JSON.parse(Buffer.from(p, "base64url").toString());
  assert.ok(Math.abs(claims.iat - Date.now() / 1000) < 5);
  assert.deepEqual(claims, { sub: "42", iat: claims.iat, exp: claims.iat + 60, iss: "playground" });
  // `ms("120")` is 120 milliseconds: the real package floors that to iat.
  assert.equal(JSON.parse(Buffer.from(plain.split(".")[1], "base64url").toString()).exp, 1700000000);
});

test("jwt.verify and decode: payloads and the package's errors", async () => {
  const header = b64url({ alg: "HS256", typ: "JWT" });
  const payload = b64url({ sub: "42", iat: 1700000000, exp: 1700003600 });
  const expired = `${header}.${payload}.${hs256(`${header}.${payload}`, "s3cr3t")}`;
  const live = b64url({ sub: "7", iat: Math.floor(Date.now() / 1000) });
  const good = `${header}.${live}.${hs256(`${header}.${live}`, "s3cr3t")}`;
  const { run, logs } = await playground(`
const jwt = require("jsonwebtoken");
const attempt = (f) => { try { return JSON.stringify(f()); } catch (e) { return [e instanceof jwt.JsonWebTokenError, e.name, e.message, e.expiredAt?.toISOString()].join(" | "); } };
console.log(attempt(() => jwt.verify(${JSON.stringify(good)}, "s3cr3t").sub));
console.log(attempt(() => jwt.verify(${JSON.stringify(good)}, "wrong")));
console.log(attempt(() => jwt.verify(${JSON.stringify(expired)}, "s3cr3t")));
console.log(attempt(() => jwt.verify("not-a-token", "s3cr3t")));
console.log(attempt(() => jwt.verify("a.b.c", "s3cr3t")));
console.log(attempt(() => jwt.verify(undefined, "s3cr3t")));
console.log(attempt(() => jwt.verify(${JSON.stringify(good)}, "s3cr3t", { algorithms: ["HS512"] })));
console.log(attempt(() => jwt.verify(${JSON.stringify(good)}, "s3cr3t", { audience: "api" })));
console.log(attempt(() => jwt.sign({ a: 1 }, undefined)));
console.log(attempt(() => jwt.sign({ a: 1 }, "k", { expiresIn: "soon" })));
console.log(attempt(() => jwt.sign({ a: 1 }, "k", { expiresIn: 1.5 })));
console.log(attempt(() => jwt.sign({ a: 1 }, "k", { expire: 1 })));
console.log(attempt(() => jwt.decode(${JSON.stringify(expired)})));
console.log(attempt(() => jwt.decode(${JSON.stringify(expired)}, { complete: true }).header));
console.log(attempt(() => jwt.decode("garbage")));
jwt.verify(${JSON.stringify(expired)}, "s3cr3t", (err, decoded) => console.log("callback", err.name, decoded));
`);
  assert.equal(run.ok, true, run.error?.stack);
  assert.deepEqual(logs.map((l) => l.text), [
    '"7"',
    "true | JsonWebTokenError | invalid signature | ",
    "true | TokenExpiredError | jwt expired | 2023-11-14T23:13:20.000Z",
    "true | JsonWebTokenError | jwt malformed | ",
    "true | JsonWebTokenError | invalid token | ",
    "true | JsonWebTokenError | jwt must be provided | ",
    "true | JsonWebTokenError | invalid algorithm | ",
    "true | JsonWebTokenError | jwt audience invalid. expected: api | ",
    "false | Error | secretOrPrivateKey must have a value | ",
    'false | Error | "expiresIn" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60 | ',
    'false | Error | "expiresIn" should be a number of seconds or string representing a timespan | ',
    'false | Error | "expire" is not allowed in "options" | ',
    '{"sub":"42","iat":1700000000,"exp":1700003600}',
    '{"alg":"HS256","typ":"JWT"}',
    "null",
    "callback TokenExpiredError undefined",
  ]);
});

test("a TokenExpiredError sent with res.json shows the package's fields", async () => {
  const { pg, run } = await playground(`
const jwt = require("jsonwebtoken");
const app = require("express")();
const token = jwt.sign({ sub: "1", iat: 1000 }, "k", { expiresIn: 1 });
app.get("/", (req, res) => { try { jwt.verify(token, "k"); } catch (err) { res.status(401).json(err); } });
`);
  assert.equal(run.ok, true, run.error?.stack);
  const res = await pg.request({ url: "/" });
  assert.equal(res.status, 401);
  assert.deepEqual(JSON.parse(res.body), { name: "TokenExpiredError", message: "jwt expired", expiredAt: "1970-01-01T00:16:41.000Z" });
});
