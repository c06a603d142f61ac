// node:crypto's hash.copy and the digests beyond SHA-2, checked against what real Node 20
// gives for the same learner code.
import { test } from "node:test";
import assert from "node:assert/strict";
import nodeCrypto from "node:crypto";
import { both, sameAsNode } from "./same-as-node.mjs";

const ATTEMPT = `const attempt = (f) => { try { const v = f(); return Buffer.isBuffer(v) ? v.toString("hex") : v; } catch (e) { return [e.name, e.code, e.message].join(" | "); } };`;

test("hash.copy, SHA-3, SHA-512/t, RIPEMD-160, md5-sha1 and OpenSSL's names for them", () =>
  sameAsNode(`
const crypto = require("node:crypto");
${ATTEMPT}
const h = crypto.createHash("sha256").update("a");
const twin = h.copy();
twin.update("b");
console.log(h.digest("hex"), twin.digest("hex"), twin.constructor.name);
console.log(attempt(() => h.copy()));
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
