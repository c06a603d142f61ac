// What the playground lacks (a disk, template engines) fails as Node fails without the file or
// the module, through Express's own error path, and one playground line on stderr says why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { playground } from "./helpers.mjs";

const CODE = `import express from "express";
const app = express();
app.use(express.static("public"));
app.get("/file", (req, res) => res.sendFile("/srv/index.html"));
app.get("/download", (req, res) => res.download("/srv/report.csv"));
app.get("/view", (req, res) => res.render("home"));
`;

const NOTE = /^playground: the playground has no disk, so no file is ever found/;

for (const [url, status, text, note] of [
  ["/file", 404, "Error: ENOENT: no such file or directory, stat &#39;/srv/index.html&#39;", NOTE],
  ["/download", 404, "Error: ENOENT: no such file or directory, stat &#39;/srv/report.csv&#39;", NOTE],
  // express.static looked for public/view first (and said so): Express's own error follows.
  ["/view", 500, "Error: No default engine was specified and no extension was provided.", NOTE],
  ["/style.css", 404, "Cannot GET /style.css", NOTE],
]) {
  test(`${url} answers ${status} as Node does without the file, and says why once`, async () => {
    const { pg, run, logs } = await playground(CODE);
    assert.equal(run.ok, true, run.error?.message);
    const res = await pg.request({ url });
    assert.equal(res.status, status);
    assert.ok(res.body.includes(text), res.body);
    await pg.request({ url });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const notes = logs.filter((l) => l.stream === "stderr" && l.text.startsWith("playground:"));
    if (note) {
      assert.equal(notes.length, 1, JSON.stringify(notes));
      assert.match(notes[0].text, note);
    } else {
      assert.equal(notes.length, 0, JSON.stringify(notes));
    }
  });
}
