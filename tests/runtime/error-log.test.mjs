// What Express's default error handler logs (`console.error(err)`): the stack as Node prints it,
// then the error's own properties. body-parser's errors carry Node's frames. The program calls
// its own server with `fetch`; real Node and the playground must log the same lines.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { freePort, runBoth } from "./differential.mjs";
import { playground } from "./helpers.mjs";

before(() => process.removeAllListeners("unhandledRejection"));

const PROGRAM = `import express from "express";
const app = express();
app.post("/strict", express.json(), (req, res) => res.json(req.body));
app.post("/loose", express.json({ strict: false }), (req, res) => res.json(req.body));
app.post("/form", express.urlencoded({ extended: false, parameterLimit: 1 }), (req, res) => res.json(req.body));
app.get("/status", (req, res, next) => { const err = new Error("quiet"); err.status = 404; next(err); });
app.get("/object", (req, res) => { throw { message: "not an Error" }; });
const server = app.listen(PORT, async () => {
  const calls = [
    ["/strict", "application/json", "{bad"], ["/strict", "application/json", " 1"], ["/loose", "application/json", "[1,"],
    ["/form", "application/x-www-form-urlencoded", "a=1&b=2"], ["/status"], ["/object"],
  ];
  for (const [url, type, body] of calls) {
    const r = await fetch("http://localhost:" + PORT + url, body ? { method: "POST", body, headers: { "content-type": type } } : {});
    await r.text();
    await new Promise((done) => setTimeout(done, 20));
    console.log("client got", r.status);
  }
  server.close();
});
`;

test("error log: the default handler logs console.error(err), body-parser's errors with Node's frames", async () => {
  const port = await freePort();
  const { node, playground } = await runBoth(PROGRAM.replaceAll("PORT", String(port)), { ms: 4000 });
  assert.equal(node.exitCode, 0, node.stderr);
  assert.match(node.stderr, /at parse \(\/app\/node_modules\/body-parser\/lib\/types\/json\.js:93:21\)/);
  // The one difference the playground keeps: a handler's stack ends at the learner's frames,
  // without the frames of Express's router (router/lib/layer.js, route.js, index.js) under them.
  assert.deepEqual(playground, { ...node, stderr: withoutRouterFrames(node.stderr) });
});

/** `text` without the frames in Express's router; a ` {` that closed the last one moves up. */
function withoutRouterFrames(text) {
  const out = [];
  for (const line of text.split("\n")) {
    if (!/^    at .*\/app\/node_modules\/router\//.test(line)) out.push(line);
    else if (line.endsWith(" {") && !out.at(-1).endsWith(" {")) out[out.length - 1] += " {";
  }
  return out.join("\n");
}

test("error log: the development error page shows the learner's frames with their own lines", async () => {
  const { pg } = await playground(`import express from "express";
const app = express();
function loadUser(id) {
  throw new Error("no user " + id);
}
app.get("/users/:id", (req, res) => {
  res.json(loadUser(req.params.id));
});
`);
  const res = await pg.request({ url: "/users/7" });
  assert.equal(res.status, 500);
  assert.match(res.body, /<pre>Error: no user 7<br> &nbsp; &nbsp;at loadUser \(file:\/\/\/app\/server\.js:4:9\)<br> &nbsp; &nbsp;at file:\/\/\/app\/server\.js:7:12<\/pre>/);
  await pg.stop();
});
