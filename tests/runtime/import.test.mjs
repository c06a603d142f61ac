// Dynamic `import()` and `import.meta`: rewritten by the parser (never inside strings, template
// literals, comments or regular expressions) and resolved as Node resolves them — the same
// program on real Node 20 and on the playground.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { runBoth } from "./differential.mjs";
import { playground } from "./helpers.mjs";

// node:test fails the running test on any unhandled rejection in its process; here they are the
// learner programs', which the playground takes from the same process event.
before(() => process.removeAllListeners("unhandledRejection"));

const CASES = [
  [
    "import() gives the module namespace, with default, in an ES module",
    `const { default: express, Router } = await import("express");
const crypto = await import("node:crypto");
console.log(typeof express, typeof Router, typeof express.json);
console.log(typeof crypto.randomUUID, typeof crypto.default.createHash, Object.prototype.toString.call(crypto));
console.log((await import("express")) === (await import("express")), (await import("node:crypto")).createHash === crypto.createHash);
const name = "node:" + "events";
const { EventEmitter } = await import(name);
console.log(typeof EventEmitter);
import("node:crypto").then((m) => console.log("then", typeof m.createHash));
`,
  ],
  [
    "import() in CommonJS gives module.exports as default",
    `const express = require("express");
import("express")
  .then((m) => console.log(m.default === express, typeof m.Router))
  .then(() => import(\`node:\${"util"}\`))
  .then((m) => console.log(typeof m.promisify));
`,
  ],
  [
    "import-like text in strings, templates, comments and regexes is left alone",
    `const s = 'import("nope")'; // import("nothing")
const t = \`\${"import('y')"} import("z")\`;
/* import("comment") */
const re = /import\\("x"\\)/g;
console.log(s, t, re.source);
const m = await import("node:util");
console.log(typeof m.format);
`,
  ],
  [
    "an unknown package rejects with ERR_MODULE_NOT_FOUND",
    `try { await import("left-pad"); } catch (e) { console.log(e.code, e.message.split("\\n")[0]); }
import("left-pad").catch((e) => console.log("caught", e.code));
`,
  ],
  [
    "errors after a rewritten import() keep the learner's columns",
    `const { default: express } = await import("express"); const e = new Error("same line"); setTimeout(() => { throw e; }, 1);
`,
  ],
  [
    "a crash after an import() in a throw statement",
    `setTimeout(async () => { throw new Error((await import("node:util")).format("%s!", "x")); }, 1);
`,
  ],
  ["import.meta names the file", "console.log(import.meta.url, import.meta.filename, import.meta.dirname);\n"],
];

for (const [name, code] of CASES) {
  test(name, async () => {
    const { node, playground } = await runBoth(code);
    assert.deepEqual(playground, node);
  });
}

test("a module namespace prints as Node prints it", async () => {
  const { run, logs } = await playground('const ns = await import("node:buffer");\nconsole.log(Object.keys(ns).includes("default"), String(ns[Symbol.toStringTag]), Object.isFrozen(ns));\n');
  assert.equal(run.ok, true, run.error?.stack);
  assert.deepEqual(logs.map((l) => l.text), ["true Module true"]);
});
