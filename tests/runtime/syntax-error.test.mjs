// A syntax error as `node server.js` reports it, compared with real Node 20 side by side: the
// message is the JS engine's own (V8's, in Node and in Chromium), the report is laid out as
// Node lays it out (file and line, the line, carets, message, Node's frames, version).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { playground } from "./helpers.mjs";

/** What `node server.js` writes to stderr for `code`, with the file's place as the playground's. */
function nodeReport(code) {
  const dir = mkdtempSync(path.join(tmpdir(), "pg-syntax-"));
  writeFileSync(path.join(dir, "server.js"), code);
  const out = spawnSync(process.execPath, ["server.js"], { cwd: dir, encoding: "utf8" });
  assert.notEqual(out.status, 0, "real Node accepted the file");
  return out.stderr.replaceAll(`file://${dir}/`, "file:///app/").replaceAll(`${dir}/`, "/app/").trimEnd();
}

async function playgroundReport(code) {
  const { run, logs } = await playground(code);
  assert.equal(run.ok, false);
  return { run, report: logs.filter((l) => l.stream === "stderr").map((l) => l.text).join("\n").trimEnd() };
}

// Node and the playground point at the same token in these.
const SAME_PLACE = {
  "a missing value in CommonJS": 'const express = require("express");\nconst x = ;\n',
  "a missing value in an ES module": 'import express from "express";\nconst app = express();\nconst x = ;\n',
  "an unterminated string": 'const express = require("express");\nconst a = "abc;\n',
  "a block that never closes": 'function f() {\n  return 1;\n',
  "a keyword as a name": "const const = 1;\n",
  "a name declared twice": "let x = 1;\nlet x = 2;\n",
  "a stray closing brace": 'const express = require("express");\n}\n',
  "an object literal as a statement": '{ "a": 1, "b": 2 }\n',
  "return at a module's top level": 'import express from "express";\nreturn;\n',
  "an unclosed call at the end": 'import express from "express";\nconst app = express();\napp.listen(3000, () => {\n  console.log("up");\n});\napp.get("/", (req, res) => {\n',
};

for (const [name, code] of Object.entries(SAME_PLACE)) {
  test(`syntax error, ${name}: the report is Node's`, async () => {
    const { run, report } = await playgroundReport(code);
    assert.equal(report, nodeReport(code));
    assert.ok(run.error.stack.startsWith(report.slice(0, report.indexOf("\n\nNode.js"))), run.error.stack);
  });
}

// V8 blames the argument before a missing `)`, a token earlier than the parser that finds the
// place (acorn): the message is Node's, the line may be the next one.
test("syntax error, a missing ) after an argument: Node's message", async () => {
  const code = 'import express from "express";\nconst app = express();\napp.get("/", (req, res) => {\n  res.send("hi"\n});\n';
  const { run, report } = await playgroundReport(code);
  const node = nodeReport(code);
  assert.match(node, /SyntaxError: missing \) after argument list/);
  assert.equal(run.error.message, "missing ) after argument list");
  assert.equal(report.slice(report.indexOf("SyntaxError")), node.slice(node.indexOf("SyntaxError")));
  assert.equal(run.error.line, 5);
});
