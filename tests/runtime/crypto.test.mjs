// node:crypto's key derivation (pbkdf2, scrypt), hash.copy and the digests beyond SHA-2 —
// checked against what real Node 20 gives for the same learner code — and how the playground
// says it lacks the rest (ciphers, signatures, key pairs).
import { test } from "node:test";
import assert from "node:assert/strict";
import nodeCrypto from "node:crypto";
import { runBoth } from "./differential.mjs";
import { playground } from "./helpers.mjs";
import { both, sameAsNode } from "./same-as-node.mjs";

const ATTEMPT = `const attempt = (f) => { try { const v = f(); return Buffer.isBuffer(v) ? v.toString("hex") : v; } catch (e) { return [e.name, e.code, e.message].join(" | "); } };`;

test("crypto.pbkdf2Sync and pbkdf2: Node's keys, argument checks and callback order", () =>
  sameAsNode(`
const { default: crypto } = await import("node:crypto");
${ATTEMPT}
for (const f of [
  () => crypto.pbkdf2Sync("password", "salt", 1000, 16, "sha512"),
  () => crypto.pbkdf2Sync(Buffer.from("pw"), new Uint16Array([1, 2]), 2, 100, "sha1"),
  () => crypto.pbkdf2Sync("pw", new ArrayBuffer(3), 1, 8, "SHA-256"),
  () => crypto.pbkdf2Sync("pw", "salt", 3, 8, "RSA-SHA3-256"),
  () => crypto.pbkdf2Sync("pw", "salt", 1, 0, "md5"),
  () => crypto.pbkdf2Sync("pw", "salt", 1, 8, "nope"),
  () => crypto.pbkdf2Sync("pw", "salt", 1, 8),
  () => crypto.pbkdf2Sync("pw", "salt", 0, 8, "sha256"),
  () => crypto.pbkdf2Sync("pw", "salt", 1.5, 8, "sha256"),
  () => crypto.pbkdf2Sync("pw", "salt", "1", 8, "sha256"),
  () => crypto.pbkdf2Sync("pw", "salt", 1, -1, "sha256"),
  () => crypto.pbkdf2Sync("pw", "salt", 1, 2 ** 31, "sha256"),
  () => crypto.pbkdf2Sync(5, "salt", 1, 8, "sha256"),
  () => crypto.pbkdf2Sync("pw", [1, 2], 1, 8, "sha256"),
  () => crypto.pbkdf2("pw", "salt", 1, 8, "sha256"),
  () => crypto.pbkdf2("pw", "salt", 1, 8, "nope", () => {}),
  () => crypto.pbkdf2("pw", "salt", 1, 8, () => {}),
]) console.log(attempt(f));
const order = [];
await new Promise((done) => {
  crypto.pbkdf2("pw", "salt", 10, 8, "sha256", (err, key) => { order.push("callback " + err + " " + key.toString("hex")); done(); });
  Promise.resolve().then(() => order.push("microtask"));
  process.nextTick(() => order.push("tick"));
  order.push("sync");
});
console.log(order);
`));

// In a process of its own: OpenSSL keeps its last error, which Node 20 appends to a later
// "Invalid scrypt params" (and to an unknown digest's error), so those cases come first.
test("crypto.scryptSync and scrypt: Node's keys, option names and OpenSSL's parameter checks", async () => {
  const code = `const crypto = require("node:crypto");
${ATTEMPT}
for (const f of [
  () => crypto.scryptSync("pw", "salt", 8, { N: 3 }),
  () => crypto.scrypt("pw", "salt", 8, { N: 1 }, () => {}),
  () => crypto.scryptSync("password", "salt", 16),
  () => crypto.scryptSync("", "", 64, { N: 16, r: 1, p: 1 }),
  () => crypto.scryptSync("pw", "salt", 8, { cost: 32, blockSize: 2, parallelization: 3 }),
  () => crypto.scryptSync("pw", "salt", 8, { N: 0, r: 0, p: 0, maxmem: 0 }),
  () => crypto.scryptSync("pw", "salt", 8, null),
  () => crypto.scryptSync("pw", "salt", 0),
  () => crypto.scryptSync("pw", "salt", 8, { N: 16, cost: 16 }),
  () => crypto.scryptSync("pw", "salt", 8, { N: -1 }),
  () => crypto.scryptSync("pw", "salt", 8, { r: 1.5 }),
  () => crypto.scryptSync("pw", "salt", 8, { maxmem: -1 }),
  () => crypto.scryptSync("pw", "salt", -1),
  () => crypto.scryptSync({}, "salt", 8),
  () => crypto.scrypt("pw", "salt", 8),
  () => crypto.scryptSync("pw", "salt", 8, { N: 2 ** 15 }),
  () => crypto.scryptSync("pw", "salt", 8, { N: 2 ** 16, r: 1 }),
  () => crypto.scryptSync("pw", "salt", 8, { N: 2, r: 1, p: 2 ** 30 }),
  () => crypto.scryptSync("pw", "salt", 8, { N: 16, r: 1, maxmem: 1000 }),
]) console.log(attempt(f));
// One after the other: Node's threadpool may finish a cheaper derivation first.
crypto.scrypt("pw", "salt", 8, (err, key) => {
  console.log(err, key.toString("hex"));
  crypto.scrypt("pw", "salt", 8, { N: 64 }, (err, key) => console.log(err, key.toString("hex")));
});
`;
  const { node, playground } = await runBoth(code);
  assert.deepEqual(playground, node);
});

test("hash.copy, SHA-3, SHA-512/t, RIPEMD-160, md5-sha1 and OpenSSL's names for them", () =>
  sameAsNode(`
const crypto = require("node:crypto");
${ATTEMPT}
const h = crypto.createHash("sha256").update("a");
const twin = h.copy();
twin.update("b");
console.log(h.digest("hex"), twin.digest("hex"), twin.constructor.name);
console.log(attempt(() => h.copy()));
const mac = crypto.createHmac("sha256", "k");
mac.digest();
console.log(mac.digest(), JSON.stringify(mac.digest("base64")), attempt(() => mac.update("x")));
for (const name of ["sha3-224", "sha3-256", "SHA3-384", "sha3-512", "sha512-224", "sha512-256", "sha-512/256", "RSA-SHA512/224", "ripemd160", "RIPEMD", "rmd160", "ripemd160WithRSA", "md5-sha1",
  "RSA-SHA256", "sha256WithRSAEncryption", "sha2-256", "ssl3-md5", "RSA-SHA1-2", "id-rsassa-pkcs1-v1_5-with-sha3-256", "md-5", "sha512/256", "sha3256", "rmd-160"]) {
  console.log(name, attempt(() => crypto.createHash(name).update("x".repeat(150)).digest("hex")), attempt(() => crypto.createHmac(name, "key").update("data").digest("base64")));
}
`));

test("crypto.getHashes lists, in Node's order, the names of Node's list the playground computes", async () => {
  const { ours } = await both('const crypto = require("crypto");\nconsole.log(crypto.getHashes().join(" "));\n');
  const listed = ours[0].split(" ");
  const nodes = nodeCrypto.getHashes();
  assert.deepEqual(listed, nodes.filter((name) => listed.includes(name)));
  for (const name of ["sha1", "sha256", "sha3-256", "sha512-256", "ripemd160", "md5-sha1", "RSA-SHA256"]) assert.ok(listed.includes(name), name);
  // Each listed name digests; those left out are the ones the playground lacks.
  assert.deepEqual(nodes.filter((name) => !listed.includes(name)), ["RSA-SM3", "blake2b512", "blake2s256", "shake128", "shake256", "sm3", "sm3WithRSAEncryption"]);
});

test("crypto's ciphers, signatures and key pairs say the playground lacks them, at the call or at the import", async () => {
  const { run, logs } = await playground(`const crypto = require("crypto");
for (const name of ["createCipheriv", "createSign", "generateKeyPairSync", "Cipheriv"]) {
  try { crypto[name]("aes-256-cbc"); } catch (e) { console.log(e.name, e.code, e.message); }
}
`);
  assert.equal(run.ok, true, run.error?.stack);
  assert.deepEqual(
    logs.map((l) => l.text),
    ["createCipheriv", "createSign", "generateKeyPairSync", "Cipheriv"].map((name) => `Error ERR_PLAYGROUND_UNSUPPORTED The playground's crypto does not provide ${name}, which Node's does.`),
  );
  // Every other name of Node's crypto is there, real or a stand-in (only `constants` is not).
  const names = await playground('const crypto = require("crypto");\nconsole.log(Object.keys(crypto).join(" "));\n');
  const ours = new Set(names.logs[0].text.split(" "));
  assert.deepEqual(Object.keys(nodeCrypto).filter((name) => !ours.has(name)), ["constants"]);
  const linked = await playground('import { createHash, createCipheriv } from "node:crypto";\nconsole.log("never runs");\n');
  assert.equal(linked.run.ok, false);
  assert.equal(linked.run.error.line, 1);
  assert.equal(linked.run.error.message, "The playground's node:crypto does not provide createCipheriv, which Node's does.");
});
