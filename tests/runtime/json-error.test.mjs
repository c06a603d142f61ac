// express.json()'s SyntaxError messages are V8's in every JS engine: when JSON.parse throws,
// the engine words the error as Node 20 does (engine::json_error). Thousands of mutated JSON
// bodies go through the playground; each message must equal Node's JSON.parse message, and in
// strict mode body-parser's own rewriting (real Express answers the same bodies over loopback).
import { test } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import http from "node:http";
import express from "express";
import { curlHeaders, playground } from "./helpers.mjs";

/** Node's own JSON.parse, kept before a test stands another engine's wording in for it. */
const V8_PARSE = JSON.parse;

const ROUTES = `
app.post("/strict", express.json(), (req, res) => res.json({ ok: true }));
app.post("/loose", express.json({ strict: false }), (req, res) => res.json({ ok: true }));
app.use((err, req, res, next) => res.status(err.status ?? 500).json({ name: err.name, message: err.message, type: err.type }));
`;
const CODE = `import express from "express";\nconst app = express();\n${ROUTES}\napp.listen(3000);\n`;

/**
 * The same program in a JS engine that words JSON errors its own way, as Firefox does: the
 * playground's package runs learner code in this realm, so replacing JSON.parse here is what
 * body-parser's JSON.parse sees.
 */
const FOREIGN_CODE = `const parse = JSON.parse;
JSON.parse = function (text, reviver) {
  try { return parse(text, reviver); } catch { throw new SyntaxError("JSON.parse: unexpected character at line 1 column 1 of the JSON data"); }
};
${CODE}`;

const SEEDS = [
  '{"name":"ada","langs":["js","rust"],"n":1.5}',
  '[1, 2.5e-3, -0, 1E+2, "x", true, false, null, {}, []]',
  '{"a":{"b":{"c":[1,{"d":"\\u00e9\\n\\"q\\""}]}}}',
  '"a string with \\\\ and \\/"',
  "123",
  '  {"k" : "v" , "k2":[ ] }  ',
  '{"emoji":"😀","é":"ü"}',
  "[[[[[]]]]]",
  `{"long":"${"x".repeat(40)}","other":${"1".repeat(30)}}`,
];
const ALPHABET = [..."{}[]:,\"\\ \t\n\r019-+.eEtrufalsnxNIub/#'", "\u0001", "\u001f", "\u007f", "\u00a0", "é", "😀", "\u2028", "\ufeff"];

/** A seeded generator (mulberry32), so a failure names a body that can be replayed. */
function random(seed) {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** Seed texts with one to three random edits: insert, delete, replace, cut, or slice. */
function mutations(count, seed) {
  const rnd = random(seed);
  const out = ["", " ", "undefined", "NaN", "Infinity", "[object Object]", "x".repeat(20), "x".repeat(21)];
  while (out.length < count) {
    let s = SEEDS[rnd(SEEDS.length)];
    for (let edits = 1 + rnd(3); edits > 0; edits--) {
      const p = rnd(s.length + 1);
      const ch = ALPHABET[rnd(ALPHABET.length)];
      s = [
        () => s.slice(0, p) + ch + s.slice(p),
        () => s.slice(0, p) + s.slice(p + 1),
        () => s.slice(0, p) + ch + s.slice(p + 1),
        () => s.slice(0, p),
        () => s.slice(p, p + rnd(40)),
      ][rnd(5)]();
    }
    out.push(s);
  }
  return out;
}

/** What express.json() hands to JSON.parse: the UTF-8 bytes decoded again, BOM dropped. */
function received(body) {
  return Buffer.from(body).toString().replace(/^\ufeff/, "");
}

function nodeMessage(text) {
  try {
    V8_PARSE(text);
    return null;
  } catch (e) {
    return e.message;
  }
}

async function post(pg, url, body) {
  const headers = curlHeaders([["Content-Type", "application/json"], ["Content-Length", String(Buffer.byteLength(body))]]);
  const res = await pg.request({ method: "POST", url, headers, body });
  return { status: res.status, body: JSON.parse(res.body) };
}

/** The same POST to real Express. */
function postReal(agent, port, body) {
  return new Promise((resolve, reject) => {
    const headers = { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) };
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/strict", headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks)) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("express.json({ strict: false }) reports Node's JSON.parse message, whatever the JS engine says", async () => {
  const { pg } = await playground(FOREIGN_CODE);
  try {
    for (const body of mutations(4000, 1)) {
      const text = received(body);
      const want = text === "" ? null : nodeMessage(text);
      const got = await post(pg, "/loose", body);
      const message = got.status === 200 ? null : got.body.message;
      if (message !== want) assert.fail(`JSON.parse(${JSON.stringify(text)}): Node says ${JSON.stringify(want)}, the playground ${JSON.stringify(message)}`);
      if (want !== null) assert.deepEqual(got.body, { name: "SyntaxError", message: want, type: "entity.parse.failed" });
    }
  } finally {
    JSON.parse = V8_PARSE;
  }
});

test("strict express.json() rewrites the message as body-parser does on Node", async () => {
  const { pg } = await playground(CODE);
  const real = express();
  new Function("app", "express", ROUTES)(real, express);
  const server = real.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  const agent = new http.Agent({ keepAlive: true });
  try {
    for (const body of mutations(1000, 2)) {
      const want = await postReal(agent, port, body);
      const got = await post(pg, "/strict", body);
      assert.deepEqual(got, want, `POST /strict ${JSON.stringify(body)}`);
    }
  } finally {
    agent.destroy();
    server.close();
  }
});
