// Response behaviour the differential suite cannot show, because real Express answers it by
// cutting the connection (its HTTP client then has no response to compare).
import { test } from "node:test";
import assert from "node:assert/strict";
import { curlHeaders, playground } from "./helpers.mjs";

const CODE = `import express from "express";
const app = express();
app.get("/sync", (req, res) => { res.status(201); res.write("partial "); throw new Error("boom"); });
app.get("/async", async (req, res) => { res.write("partial "); await null; throw new Error("late"); });
app.get("/open", (req, res, next) => { res.write("never ends"); next(); });
app.listen(3000);
`;

test("an error after res.write keeps the head and the body sent so far", async () => {
  const { pg } = await playground(CODE);
  for (const [url, status] of [["/sync", 201], ["/async", 200]]) {
    const res = await pg.request({ url, headers: curlHeaders() });
    assert.equal(res.status, status, url);
    assert.equal(res.headers["transfer-encoding"], "chunked", url);
    assert.equal(res.body, "partial ", url);
  }
});

test("a streamed response that falls through to the 404 handler stays open", async () => {
  const { pg } = await playground(CODE);
  const res = await pg.request({ url: "/open", headers: curlHeaders(), timeoutMs: 200 });
  assert.equal(res.error, "ETIMEDOUT");
});
