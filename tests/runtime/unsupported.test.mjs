// What the playground deliberately lacks (a disk, views) fails with a message that says so,
// through Express's own error path, instead of "is not a function".
import { test } from "node:test";
import assert from "node:assert/strict";
import { playground } from "./helpers.mjs";

const CODE = `import express from "express";
const app = express();
app.get("/file", (req, res) => res.sendFile("/srv/index.html"));
app.get("/download", (req, res) => res.download("/srv/report.csv"));
app.get("/view", (req, res) => res.render("home"));
`;

for (const [url, text] of [
  ["/file", 'res.sendFile(&quot;/srv/index.html&quot;) reads a file from disk'],
  ["/download", 'res.download(&quot;/srv/report.csv&quot;) reads a file from disk'],
  ["/view", "Error: No default engine was specified and no extension was provided."],
]) {
  test(`${url} answers 500 with a message that names what is missing`, async () => {
    const { pg, run } = await playground(CODE);
    assert.equal(run.ok, true, run.error?.message);
    const res = await pg.request({ url });
    assert.equal(res.status, 500);
    assert.ok(res.body.includes(text), res.body);
  });
}

test("express.static fails at start-up and says why", async () => {
  const { run } = await playground('import express from "express";\nconst app = express();\napp.use(express.static("public"));\n');
  assert.equal(run.ok, false);
  assert.equal(run.error.line, 3);
  assert.match(run.error.message, /express\.static\(\) serves files from disk/);
});
