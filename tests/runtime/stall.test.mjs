// A request nobody answers: the server log names the handler that stopped it, with the line
// of the learner's file where it was registered.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createPlayground, curlHeaders } from "./helpers.mjs";

const CODE = `import express from "express";
const app = express();

function auth(req, res, next) {
  if (req.get("authorization")) next();
}

app.use(express.json());
app.use("/admin", auth);
app.get("/admin", (req, res) => res.send("welcome"));
app.get("/later", (req, res) => {
  // forgot to answer
});
app.listen(3000);
`;

async function start() {
  const logs = [];
  const pg = await createPlayground({ onLog: (stream, text) => logs.push({ stream, text }), requestTimeoutMs: 100 });
  const run = await pg.run(CODE, { filename: "server.js" });
  assert.ok(run.ok, run.error?.message);
  return { pg, logs };
}

test("curl's timeout names the middleware that neither answered nor called next()", async () => {
  const { pg, logs } = await start();
  const out = await pg.exec("curl -s localhost:3000/admin");
  assert.equal(out.exitCode, 28);
  const line = logs.find((l) => l.stream === "stderr")?.text;
  assert.equal(line, "playground: GET /admin got no answer: the last handler to run was `auth` (server.js:9), and it neither sent a response nor called next().");
});

test("an anonymous route handler is named by its line", async () => {
  const { pg } = await start();
  const res = await pg.request({ url: "/later", headers: curlHeaders(), timeoutMs: 50 });
  assert.equal(res.error, "ETIMEDOUT");
  assert.equal(res.stalledAt, "an anonymous function (server.js:11)");
});

test("the same middleware answers when it calls next()", async () => {
  const { pg } = await start();
  const res = await pg.request({ url: "/admin", headers: curlHeaders([["Authorization", "Bearer t"]]) });
  assert.equal(res.status, 200);
  assert.equal(res.body, "welcome");
});

test("in a CommonJS file too, whose stack frames name /app/server.js without file://", async () => {
  const pg = await createPlayground({ requestTimeoutMs: 100 });
  const cjs = `const express = require("express");
const app = express();
app.use((req, res, next) => {});
app.listen(3000);
`;
  const run = await pg.run(cjs, { filename: "server.js" });
  assert.ok(run.ok, run.error?.message);
  const res = await pg.request({ url: "/", headers: curlHeaders(), timeoutMs: 50 });
  assert.equal(res.stalledAt, "an anonymous function (server.js:3)");
});
