// The walking skeleton through the headless API: the seed example answers like Express.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SEED, curlHeaders, playground } from "./helpers.mjs";

test("the seed example echoes the JSON body it receives", async () => {
  const { pg, run } = await playground(SEED);
  assert.equal(run.ok, true);
  const body = '{"task":"email"}';
  const res = await pg.request({
    method: "POST",
    url: "/api/background-workers",
    headers: curlHeaders([["Content-Type", "application/json"], ["Content-Length", String(body.length)]]),
    body,
  });
  assert.equal(res.status, 200);
  assert.equal(res.body, '{"success":true,"processed":{"task":"email"}}');
  assert.equal(res.headers["content-type"], "application/json; charset=utf-8");
  assert.equal(res.headers["x-powered-by"], "Express");
});

test("code without app.listen is started on port 3000 with a note saying so", async () => {
  const { run } = await playground(SEED);
  assert.equal(run.port, 3000);
  assert.match(run.note, /does not call app\.listen\(\).*port 3000/);
});

test("app.listen records the learner's port and runs the callback", async () => {
  const { pg, run, logs } = await playground(`${SEED}app.listen(4000, () => console.log("up on", 4000));`);
  assert.equal(run.port, 4000);
  assert.equal(run.note, null);
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(logs, [{ stream: "stdout", text: "up on 4000" }]);
  assert.equal((await pg.request({ url: "/x", port: 3000 })).error, "ECONNREFUSED");
});

test("an unknown path gets finalhandler's 404 page", async () => {
  const { pg } = await playground(SEED);
  const res = await pg.request({ method: "GET", url: "/nope", headers: curlHeaders() });
  assert.equal(res.status, 404);
  assert.match(res.body, /<pre>Cannot GET \/nope<\/pre>/);
  assert.equal(res.headers["content-security-policy"], "default-src 'none'");
});
