// Compressed request bodies are inflated by the engine (engine::inflate), not by a JS zlib;
// learners read zlib's own error when a body is corrupt. Damaged gzip and deflate bodies go
// through express.raw() in the playground, and each answer must equal Node's zlib: the same
// bytes, or the same message, code and errno.
import { test } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { curlHeaders, playground } from "./helpers.mjs";

const CODE = `import express from "express";
const app = express();
app.post("/", express.raw({ type: "*/*", limit: "10mb" }), (req, res) => res.json({ base64: req.body.toString("base64") }));
app.use((err, req, res, next) => res.status(err.status).json({ message: err.message, code: err.code, errno: err.errno }));
app.listen(3000);
`;

/** A seeded generator (mulberry32), so a failure names a body that can be replayed. */
function random(seed) {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** Compressed texts (stored, fixed and dynamic blocks), then damaged one way or another. */
function bodies(count, seed) {
  const rnd = random(seed);
  const words = ["the", "quick", "fox", '{"a":1}', "x", "1234", "\n"];
  const texts = Array.from({ length: 30 }, () => Array.from({ length: rnd(300) }, () => words[rnd(words.length)]).join(" "));
  texts.push("", "z".repeat(70000), String.fromCharCode(...Array.from({ length: 2000 }, () => rnd(256))));
  const levels = [{}, { level: 0 }, { level: 1 }, { strategy: zlib.constants.Z_FIXED }, { strategy: zlib.constants.Z_HUFFMAN_ONLY }];
  const out = [];
  while (out.length < count) {
    const encoding = rnd(2) ? "gzip" : "deflate";
    const compress = encoding === "gzip" ? zlib.gzipSync : zlib.deflateSync;
    let b = Buffer.from(compress(Buffer.from(texts[rnd(texts.length)], "latin1"), levels[rnd(levels.length)]));
    const damage = rnd(6);
    if (damage === 0) b[rnd(b.length)] ^= 1 << rnd(8);
    else if (damage === 1) b = b.subarray(0, rnd(b.length + 1));
    else if (damage === 2) b[rnd(b.length)] = rnd(256);
    else if (damage === 3) b = Buffer.concat([b, encoding === "gzip" && rnd(2) ? zlib.gzipSync("more") : Buffer.from([rnd(2) ? 0 : rnd(256), rnd(256)])]);
    else if (damage === 4) for (let k = encoding === "gzip" ? 10 : 2; k < b.length; k++) b[k] = rnd(256);
    out.push({ encoding, bytes: b });
  }
  return out;
}

/** What Node's zlib makes of the body. */
function nodeAnswer({ encoding, bytes }) {
  try {
    const out = encoding === "gzip" ? zlib.gunzipSync(bytes) : zlib.inflateSync(bytes);
    return { status: 200, body: { base64: out.toString("base64") } };
  } catch (e) {
    return { status: 400, body: { message: e.message, code: e.code, errno: e.errno } };
  }
}

test("damaged gzip and deflate bodies fail with Node's zlib error", async () => {
  const { pg } = await playground(CODE);
  for (const body of bodies(2000, 7)) {
    const headers = curlHeaders([
      ["Content-Type", "application/octet-stream"],
      ["Content-Encoding", body.encoding],
      ["Content-Length", String(body.bytes.length)],
    ]);
    const res = await pg.request({ method: "POST", url: "/", headers, body: new Uint8Array(body.bytes) });
    const got = { status: res.status, body: JSON.parse(res.body) };
    assert.deepEqual(got, nodeAnswer(body), `${body.encoding} ${body.bytes.toString("hex")}`);
  }
});
