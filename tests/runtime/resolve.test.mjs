// Finding modules, and failing to: each program runs on real Node 20 and on the playground, and
// must print the same crash report and exit with the same code. The playground adds one line
// of its own after the report (`playground: ...`), which the comparison takes off and checks.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { runBoth } from "./differential.mjs";
import { playground } from "./helpers.mjs";

before(() => process.removeAllListeners("unhandledRejection"));

const PROVIDES = /^playground: the playground provides express, cookie-parser, cors, morgan, jsonwebtoken, node:buffer, node:crypto, node:events, node:path, node:path\/posix, node:timers, node:timers\/promises, node:url and node:util\.$/;
const ONE_FILE = /^playground: the playground runs one file, server\.js; put the code of \.\/routes\.js in it\.$/;

/** `[what the learner did, server.js, the playground's line after the report (or none)]`. */
const CASES = [
  ["import of a package that is not installed", 'import express from "express";\nimport leftPad from "left-pad";\n', PROVIDES],
  ["require of a package that is not installed", 'const express = require("express");\nconst leftPad = require("left-pad");\n', PROVIDES],
  ["import of a file of the learner's own", 'import routes from "./routes.js";\n', ONE_FILE],
  ["require of a file of the learner's own", 'const routes = require("./routes.js");\n', ONE_FILE],
  ["import of a node: module that does not exist", 'import x from "node:nope";\n', PROVIDES],
  ["require of a node: module that does not exist", 'const x = require("node:nope");\n', PROVIDES],
  ["import() of a missing package at the top level, after a log", 'console.log("before");\nawait import("left-pad");\n', PROVIDES],
  ["import of a file inside a package", 'import router from "express/lib/nope";\n', PROVIDES],
  // Linking comes first: no line of the module runs when an import fails.
  ["a missing import stops the module before its first line", 'console.log("never printed");\nimport express from "express";\nimport x from "left-pad";\n', PROVIDES],
  ["a missing import wins over a missing name", 'import { Nope } from "express";\nimport x from "left-pad";\n', PROVIDES],
  ["an import is bound before the lines above it run", 'console.log(typeof express, typeof Router);\nimport express, { Router } from "express";\n', null],
  // Named exports, as Node's static analysis of each package finds them.
  ["a name express does not export", 'import express from "express";\nconst { Nope } = express;\nimport { Router, Nope as N, json } from "express";\n', null],
  ["a name across lines of an import", 'import {\n  Router,\n  Nope,\n} from "express";\n', null],
  ["express's Route, request and response are named exports", 'import { Route, request, response } from "express";\nconsole.log(typeof Route, typeof request, typeof response);\n', null],
  ["jsonwebtoken's sign is not a named export in Node", 'import { sign } from "jsonwebtoken";\nconsole.log(typeof sign);\n', null],
  ["a name node:events does not export", 'import { foo } from "node:events";\n', null],
  ["named exports Node finds in the packages", 'import { Router, json, urlencoded, text, raw } from "express";\nimport { signedCookie, JSONCookies } from "cookie-parser";\nimport { token, compile } from "morgan";\nimport { decode } from "jsonwebtoken";\nimport { EventEmitter, once } from "node:events";\nimport { randomUUID, createHash } from "crypto";\nconsole.log([Router, json, urlencoded, text, raw, signedCookie, JSONCookies, token, compile, decode, EventEmitter, once, randomUUID, createHash].map((f) => typeof f).join());\n', null],
  ["namespaces hold Node's names", 'import * as e from "express";\nimport * as c from "cors";\nimport * as m from "morgan";\nimport * as j from "jsonwebtoken";\nconsole.log(Object.keys(c).join(), "|", Object.keys(m).join(), "|", Object.keys(j).join(), "|", typeof e.Router, typeof j.sign, typeof j.default.sign);\n', null],
  // CommonJS's variables are not an ES module's.
  ["require in an ES module", 'import express from "express";\nconst cors = require("cors");\n', null],
  ["__dirname in an ES module", 'import express from "express";\nconsole.log(__dirname);\n', null],
  ["an ES module sees none of CommonJS's variables", 'export {};\nconsole.log(typeof __filename, typeof __dirname, typeof module, typeof exports, typeof require);\n', null],
  ["new express.Router() makes a router", 'const express = require("express");\nconst r = new express.Router();\nconsole.log(typeof r, typeof r.get);\n', null],
];

for (const [name, code, hint] of CASES) {
  test(`modules: ${name}`, async () => {
    const { node, playground } = await runBoth(code, { ms: 3000 });
    const lines = playground.stderr.split("\n");
    if (hint) {
      // The playground's line comes right after Node's report.
      const at = lines.findIndex((l) => l.startsWith("playground: "));
      assert.ok(at >= 0, `no playground line in:\n${playground.stderr}`);
      assert.match(lines[at], hint);
      lines.splice(at, 1);
    } else {
      assert.ok(!playground.stderr.includes("playground: "), playground.stderr);
    }
    assert.deepEqual({ ...playground, stderr: lines.join("\n") }, node);
  });
}

test("modules: a failed import points run() and the editor at the import's line", async () => {
  const { run } = await playground('import express from "express";\n\nimport leftPad from "left-pad";\n');
  assert.equal(run.ok, false);
  assert.equal(run.error.line, 3);
  assert.match(run.error.message, /^Cannot find package 'left-pad' imported from \/app\/server\.js$/);
});

test("modules: a built-in Node has and the playground lacks is named as the playground's gap", async () => {
  for (const [code, line] of [['import fs from "node:fs";\n', 1], ['import express from "express";\nimport os from "os";\n', 2], ['const http = require("http");\n', 1]]) {
    const { run } = await playground(code);
    assert.equal(run.ok, false, code);
    assert.equal(run.error.line, line, code);
    assert.match(run.error.message, /^The playground does not provide node:(fs|os|http): your server runs in the browser, where Node's node:\1 module does not exist\.$/);
    assert.ok(run.logs.some((l) => PROVIDES.test(l.text)), JSON.stringify(run.logs));
  }
});

test("modules: import() of a missing package can be caught, with Node's code and message", async () => {
  const { run } = await playground('try { await import("left-pad"); } catch (e) { console.log(e.code, e.message); }\n');
  assert.equal(run.ok, true);
  assert.deepEqual(run.logs.map((l) => l.text), ["ERR_MODULE_NOT_FOUND Cannot find package 'left-pad' imported from /app/server.js"]);
});
