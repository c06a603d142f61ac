// `req` and `res` as streams: 'finish' and 'close' on a response, 'data' and 'end' on a request
// body read by hand, at the same moments as in Node. The program calls its own server with
// `fetch` and logs what happens; real Node and the playground must log the same lines.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { freePort, runBoth } from "./differential.mjs";

before(() => process.removeAllListeners("unhandledRejection"));

const PROGRAM = `import express from "express";
const app = express();
app.use((req, res, next) => {
  res.on("finish", () => console.log("finish", req.url, res.statusCode));
  res.on("close", () => console.log("close", req.url));
  next();
});
app.post("/echo", (req, res) => {
  req.setEncoding("utf8");
  req.on("data", (c) => console.log("data", typeof c, c));
  req.on("end", () => {
    console.log("end");
    res.send("ok");
    process.nextTick(() => console.log("tick after send"));
    setImmediate(() => console.log("immediate after send"));
  });
  console.log("handler returned");
});
app.post("/bytes", (req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c)).on("end", () => res.send(Buffer.isBuffer(chunks[0]) + " " + Buffer.concat(chunks).toString()));
});
app.post("/parsed", express.text(), (req, res) => {
  req.on("data", () => console.log("never: the parser read the body"));
  res.send("parsed " + req.body);
});
app.get("/empty", (req, res) => {
  let n = 0;
  req.on("data", (c) => (n += c.length)).on("end", () => res.status(404).send("bytes " + n));
});
app.post("/piped", (req, res) => {
  res.type("text");
  req.pipe(res);
});
app.post("/iterated", async (req, res) => {
  let text = "";
  for await (const chunk of req) text += chunk;
  res.send("iterated " + text);
});
app.post("/iterated-after-parser", express.text(), async (req, res) => {
  let n = 0;
  for await (const chunk of req) n += chunk.length;
  res.send("after parser " + n + " " + req.body);
});
app.get("/resumed", (req, res) => {
  req.on("end", () => res.send("ended after resume"));
  req.resume();
});
const server = app.listen(PORT, async () => {
  const calls = [["POST", "/echo", "hello"], ["POST", "/bytes", "héllo"], ["POST", "/parsed", "text"], ["GET", "/empty"], ["GET", "/resumed"],
    ["POST", "/piped", "echo me"], ["POST", "/iterated", "for await"], ["POST", "/iterated-after-parser", "taken"]];
  for (const [method, url, body] of calls) {
    const r = await fetch("http://localhost:" + PORT + url, { method, body, headers: body ? { "content-type": "text/plain" } : {} });
    const text = await r.text();
    await new Promise((done) => setTimeout(done, 20));
    console.log("client got", r.status, text);
  }
  server.close();
});
`;

test("streams: res emits finish and close, req's body flows to data and end, as in Node", async () => {
  const port = await freePort();
  const { node, playground } = await runBoth(PROGRAM.replaceAll("PORT", String(port)), { ms: 4000 });
  assert.equal(node.exitCode, 0, node.stderr);
  assert.match(node.stdout, /client got 200 ended after resume/);
  assert.deepEqual(playground, node);
});
