// `fetch` from learner code: http://localhost:<port> is answered by the learner's own server
// with what Node's fetch sends and resolves with; a port nobody listens on fails as in Node;
// every other address goes to the platform's fetch without credentials.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { freePort, runBoth } from "./differential.mjs";
import { createFetch } from "../../crates/runtime/js/fetch.mjs";

// node:test fails the running test on any unhandled rejection in its process; here they are the
// learner programs', which the playground takes from the same process event.
before(() => process.removeAllListeners("unhandledRejection"));

const ECHO = `import express from "express";
const app = express();
app.use(express.text(), express.json(), express.urlencoded({ extended: false }));
app.all("/echo", (req, res) => {
  res.set("X-Echo", "yes");
  res.cookie("a", "1").cookie("b", "2");
  res.status(201).json({ method: req.method, url: req.url, headers: req.rawHeaders, body: req.body });
});
app.get("/go", (req, res) => res.redirect("/echo?from=go"));
app.post("/see-other", (req, res) => res.redirect(303, "/echo"));
app.get("/empty", (req, res) => res.status(204).end());
const port = process.env.PORT;
const base = \`http://localhost:\${port}\`;
async function show(label, answer) {
  try {
    const r = await answer;
    const headers = [...r.headers].filter(([name]) => name !== "date");
    console.log(label, r.status, r.statusText, r.ok, r.redirected, r.url, r.type, JSON.stringify(headers), r.headers.getSetCookie(), await r.text());
  } catch (e) {
    const c = e.cause ?? {};
    console.log(label, "failed:", String(e), String(c), c.code, c.errno, c.syscall, c.address, c.port === Number(process.env.CLOSED));
  }
}
app.listen(port, async () => {
  await show("get", fetch(\`\${base}/echo?x=1\`));
  await show("text", fetch(\`\${base}/echo\`, { method: "POST", body: "hello" }));
  await show("form", fetch(\`\${base}/echo\`, { method: "post", body: new URLSearchParams({ a: "1", b: "x y" }) }));
  await show("json", fetch(\`\${base}/echo\`, { method: "PUT", headers: { "Content-Type": "application/json", "X-Custom": "1" }, body: JSON.stringify({ a: 1 }) }));
  await show("object", fetch(\`\${base}/echo\`, { method: "POST", body: { a: 1 } }));
  await show("header list", fetch(new URL("/echo", base), { method: "delete", headers: [["Cookie", "sid=1"], ["accept", "application/json"]] }));
  // (A Headers object would send its names in lower case here: the platform's Headers does not
  // keep the case they were written in, as undici's does.)
  await show("Headers", fetch(\`http://127.0.0.1:\${port}/echo\`, { headers: new Headers({ "x-a": "1" }) }));
  await show("Request", fetch(new Request(\`\${base}/echo\`, { method: "PATCH", body: "r" })));
  await show("head", fetch(\`\${base}/echo\`, { method: "HEAD" }));
  await show("redirect", fetch(\`\${base}/go\`));
  await show("manual", fetch(\`\${base}/go\`, { redirect: "manual" }));
  await show("303", fetch(\`\${base}/see-other\`, { method: "POST", headers: { "content-type": "text/plain", "x-keep": "1" }, body: "x" }));
  await show("204", fetch(\`\${base}/empty\`));
  await show("get with a body", fetch(\`\${base}/echo\`, { body: "x" }));
  await show("refused", fetch(\`http://localhost:\${process.env.CLOSED}/\`));
  await show("relative", fetch("/echo"));
  process.exit(0);
});
`;

test("fetch to the learner's own server: requests, bodies, headers, redirects and failures as Node's", async () => {
  const env = { PORT: String(await freePort()), CLOSED: String(await freePort()) };
  const { node, playground } = await runBoth(ECHO, { env, ms: 8000 });
  assert.equal(node.exitCode, 0, node.stderr);
  assert.deepEqual(playground, node);
});

test("an unhandled fetch to a closed port crashes with Node's report", async () => {
  const env = { CLOSED: String(await freePort()) };
  const code = 'const res = await fetch(`http://localhost:${process.env.CLOSED}/jobs`);\nconsole.log(res.status);\n';
  const { node, playground } = await runBoth(code, { env });
  assert.equal(node.exitCode, 1);
  assert.deepEqual(playground, node);
});

test("a fetch on its way keeps the program alive; then it ends", async () => {
  const code = `import express from "express";
const app = express();
app.get("/", (req, res) => setTimeout(() => res.send("late"), 30));
const server = app.listen(process.env.PORT, async () => {
  server.close();
  console.log("closed; fetching");
  try { await fetch(\`http://localhost:\${process.env.PORT}/\`); } catch (e) { console.log(String(e), e.cause.code); }
});
process.on("exit", (code) => console.log("exit", code));
`;
  const { node, playground } = await runBoth(code, { env: { PORT: String(await freePort()) } });
  assert.deepEqual(playground, node);
});

test("other addresses go to the platform's fetch, never with credentials", async () => {
  const calls = [];
  const platformFetch = async (input, init) => {
    calls.push([String(input instanceof Request ? input.url : input), init.credentials, init.method]);
    return new Response("from the platform");
  };
  const fetch = createFetch({ request: () => assert.fail("not a local address"), platformFetch });
  assert.equal(await (await fetch("https://example.org/data", { credentials: "include", method: "POST", body: "x" })).text(), "from the platform");
  await fetch(new Request("https://example.org/r", { credentials: "include" }));
  await fetch("https://localhost:3000/tls-is-not-the-learner-server");
  assert.deepEqual(calls, [
    ["https://example.org/data", "omit", "POST"],
    ["https://example.org/r", "omit", undefined],
    ["https://localhost:3000/tls-is-not-the-learner-server", "omit", undefined],
  ]);
});
