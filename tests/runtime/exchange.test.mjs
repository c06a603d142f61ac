// The request's life in the runtime: what a handler can still do after the response went out,
// headers as Node's parser shapes them, and strings that cross into the engine intact.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createPlayground, curlHeaders, playground } from "./helpers.mjs";

const ECHO = `import express from "express";
const app = express();
app.use((req, res, next) => {
  if (req.get("x-as-json")) req.headers["content-type"] = "application/json";
  next();
});
app.post("/json", express.json(), (req, res) => res.json(req.body));
app.post("/", express.text({ type: "*/*" }), (req, res) => res.json({ body: req.body, headers: req.headers, raw: req.rawHeaders }));
app.listen(3000);
`;

/** The request headers for a text body, as curl sends them. */
function withBody(text, type, extra = []) {
  return curlHeaders([["Content-Type", type], ["Content-Length", String(Buffer.byteLength(text))], ...extra]);
}

test("a handler may call next() long after its response went out", async () => {
  const { pg, logs } = await playground(`import express from "express";
const app = express();
app.get("/", (req, res, next) => {
  res.send("ok");
  setTimeout(() => next(), 30);
});
app.use((req, res, next) => {
  console.log("after", req.url, res.headersSent, res.statusCode);
  next();
});
app.listen(3000);
`);
  const first = await pg.request({ url: "/", headers: curlHeaders() });
  assert.equal(first.body, "ok");
  for (let i = 0; i < 100; i++) assert.equal((await pg.request({ url: "/", headers: curlHeaders() })).status, 200);
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.ok(logs.some((l) => l.text === "after / true 200"), JSON.stringify(logs.slice(0, 3)));
});

test("repeated, Set-Cookie and padded request headers reach req.headers as Node shapes them", async () => {
  const { pg } = await playground(ECHO);
  const headers = [["Host", "localhost:3000"], ["X-Tag", "a"], ["x-tag", "b"], ["Set-Cookie", "s=1"], ["X-Pad", "  v\t"], ["Content-Type", "text/plain"], ["Content-Length", "2"]];
  const res = await pg.request({ method: "POST", url: "/", headers, body: "hi" });
  const got = JSON.parse(res.body);
  assert.equal(got.body, "hi");
  assert.deepEqual(got.headers, { host: "localhost:3000", "x-tag": "a, b", "set-cookie": ["s=1"], "x-pad": "v", "content-type": "text/plain", "content-length": "2" });
  assert.deepEqual(got.raw, ["Host", "localhost:3000", "X-Tag", "a", "x-tag", "b", "Set-Cookie", "s=1", "X-Pad", "v", "Content-Type", "text/plain", "Content-Length", "2"]);
});

test("a body parser reads req.headers as earlier middleware left them", async () => {
  const { pg } = await playground(ECHO);
  const body = '{"a":1}';
  const res = await pg.request({ method: "POST", url: "/json", headers: withBody(body, "text/plain", [["X-As-Json", "1"]]), body });
  assert.equal(res.body, '{"a":1}');
  const untouched = await pg.request({ method: "POST", url: "/json", headers: withBody(body, "text/plain"), body });
  assert.equal(untouched.body, "", "express.json() skips a text/plain body");
});

test("long and non-ASCII strings cross into the engine intact, for several playgrounds at once", async () => {
  const a = await createPlayground();
  const b = await createPlayground();
  await a.run(ECHO);
  await b.run(ECHO);
  const long = "é🙂x".repeat(5000);
  for (const [pg, text] of [[a, long], [b, "short"], [a, "naïve"], [b, long + "!"]]) {
    const res = await pg.request({ method: "POST", url: "/", headers: withBody(text, "text/plain; charset=utf-8"), body: text });
    assert.ok(JSON.parse(res.body).body === text, `a body of ${text.length} characters came back changed`);
  }
});

test("a header holding a NUL is refused, as Node's HTTP client refuses it", async () => {
  const { pg } = await playground(ECHO);
  await assert.rejects(pg.request({ url: "/", headers: [["X-Bad", "a\0b"]] }), { name: "TypeError", code: "ERR_INVALID_CHAR" });
  assert.equal((await pg.request({ method: "POST", url: "/", headers: withBody("ok", "text/plain"), body: "ok" })).status, 200);
});
