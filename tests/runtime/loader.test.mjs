// Loading learner code: imports rewritten by the parser, errors on the learner's own lines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { playground } from "./helpers.mjs";

test("a syntax error reports the learner's line and column", async () => {
  const { run } = await playground('import express from "express";\nconst app = express();\napp.get("/", (req, res) => {\n  res.send("hi"\n});\n');
  assert.equal(run.ok, false);
  assert.equal(run.error.line, 5);
  assert.equal(typeof run.error.column, "number");
  assert.equal(run.error.message, "missing ) after argument list");
});

test("a runtime error at start-up names the learner's line", async () => {
  const { run } = await playground('import express from "express";\nconst app = express();\n\nundefinedThing.go();\n');
  assert.equal(run.ok, false);
  assert.equal(run.error.line, 4);
  assert.match(run.error.message, /undefinedThing is not defined/);
});

test("named, default and namespace imports and require all resolve", async () => {
  const { pg, run } = await playground(`import express, { Router } from "express";
import * as ex from "express";
const again = await import("express");
const { json } = again;
const app = again.default();
const r = Router();
r.get("/ok", (req, res) => res.send(String(typeof ex.default === "function" && typeof json === "function" && express === again.default && ex === again)));
app.use("/api", r);
`);
  assert.equal(run.ok, true, run.error?.message);
  const res = await pg.request({ url: "/api/ok" });
  assert.equal(res.body, "true");
  const cjs = await playground(`const express = require("express");
const { Router, json } = require("express");
const app = express();
const r = Router();
r.get("/ok", (req, res) => res.send(String(typeof json === "function" && require("express") === express)));
app.use("/api", r);
`);
  assert.equal(cjs.run.ok, true, cjs.run.error?.message);
  assert.equal((await cjs.pg.request({ url: "/api/ok" })).body, "true");
});

test("import-like text in strings, templates, comments and regexes is left alone", async () => {
  const { pg, run } = await playground(`import express from "express";
const app = express();
// import nothing from "nowhere";
const s = 'import x from "y"';
const t = \`
import z from "w"\`;
const re = /import a from "b"/;
app.get("/", (req, res) => res.json([s, t, String(re)]));
`);
  assert.equal(run.ok, true, run.error?.message);
  const res = await pg.request({ url: "/" });
  assert.deepEqual(JSON.parse(res.body), ['import x from "y"', '\nimport z from "w"', '/import a from "b"/']);
});

test("an unknown package fails like Node and lists what is provided", async () => {
  const { run } = await playground('import left from "left-pad";\n');
  assert.equal(run.ok, false);
  assert.equal(run.error.message, "Cannot find package 'left-pad' imported from /app/server.js");
  assert.match(run.logs.at(-1).text, /^playground: the playground provides express, /);
});

test("top-level await works", async () => {
  const { pg, run } = await playground(`import express from "express";
const value = await Promise.resolve(42);
const app = express();
app.get("/", (req, res) => res.json({ value }));
`);
  assert.equal(run.ok, true, run.error?.message);
  assert.equal((await pg.request({ url: "/" })).body, '{"value":42}');
});

test("top-level names may shadow the globals the runtime passes in", async () => {
  const { pg, run } = await playground(`import express from "express";
import { setTimeout } from "node:timers/promises";
const process = { custom: true };
const app = express();
app.get("/", async (req, res) => { await setTimeout(1); res.json(process); });
`);
  assert.equal(run.ok, true, run.error?.message);
  assert.equal((await pg.request({ url: "/" })).body, '{"custom":true}');
});

test("an ES module runs in strict mode, as Node runs it", async () => {
  const { run } = await playground('import express from "express";\nundeclared = 1;\n');
  assert.equal(run.ok, false);
  assert.equal(run.error.line, 2);
  assert.match(run.error.message, /undeclared is not defined/);
});

test("CommonJS is read as Node reads it: sloppy mode, a top-level return, this as module.exports", async () => {
  const { runBoth } = await import("./differential.mjs");
  const code = 'var package = "pkg";\nvar n = 010;\nconsole.log(package, n, this === module.exports, typeof require);\nif (n === 8) return;\nconsole.log("never");\n';
  const { node, playground } = await runBoth(code, { ms: 2000 });
  assert.equal(node.stdout, "pkg 8 true function\n");
  assert.deepEqual(playground, node);
});

test("a syntax error in an ES module is reported from the module's reading, not CommonJS's", async () => {
  const { run } = await playground('import express from "express";\nconst app = express();\nconst x = ;\n');
  assert.equal(run.ok, false);
  assert.equal(run.error.line, 3);
  const cjs = await playground('const express = require("express");\nconst x = ;\n');
  assert.equal(cjs.run.error.line, 2);
});
