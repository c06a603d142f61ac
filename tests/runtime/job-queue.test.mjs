// The job-queue example (fixtures/job-queue.js) on real Node + Express and on the playground:
// the same requests with the same waits in between must see the same statuses and bodies —
// queued, running, done — and the server must log the same lines in the same order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { freePort, startNode, startPlayground } from "./differential.mjs";

const FIXTURE = await readFile(new URL("./fixtures/job-queue.js", import.meta.url), "utf8");

/** Requests, and waits (ms) between them; the fixture picks a job up after 200 ms and works 400 ms. */
const STEPS = [
  { method: "POST", url: "/jobs", body: { task: "reverse", input: "hello" } },
  { method: "POST", url: "/jobs", body: { task: "sum", input: [1, 2, 3] } },
  { method: "POST", url: "/jobs", body: { task: "nope" } },
  { method: "GET", url: "/jobs/1" }, // queued: the worker takes it at 200 ms
  { wait: 350 },
  { method: "GET", url: "/jobs/1" }, // running, from 200 to 600 ms
  { method: "GET", url: "/jobs/2" }, // queued until 800 ms
  { wait: 600 },
  { method: "GET", url: "/jobs/1" }, // done
  { method: "GET", url: "/jobs/2" }, // running, from 800 to 1200 ms
  { wait: 500 },
  { method: "GET", url: "/jobs/2" }, // done
  { method: "GET", url: "/jobs/3" }, // no such job
];

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs STEPS through `send({ method, url, body })`, which resolves to `{ status, location, body }`. */
async function drive(send) {
  const answers = [];
  for (const step of STEPS) {
    if (step.wait) await delay(step.wait);
    else answers.push({ request: `${step.method} ${step.url}`, ...(await send(step)) });
  }
  return answers;
}

test("the job queue answers and logs on the playground as on Node", async () => {
  const port = await freePort();
  const env = { PORT: String(port) };

  const node = await startNode(FIXTURE, { env });
  await node.waitFor("listening");
  const nodeAnswers = await drive(async ({ method, url, body }) => {
    const res = await fetch(`http://127.0.0.1:${port}${url}`, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body && JSON.stringify(body),
    });
    return { status: res.status, location: res.headers.get("location"), body: await res.json() };
  });
  await node.kill();

  const ours = await startPlayground(FIXTURE, { env });
  assert.equal(ours.run.ok, true, ours.run.error?.stack);
  const ourAnswers = await drive(async ({ method, url, body }) => {
    const headers = [["Host", `localhost:${port}`], ["Accept", "*/*"]];
    const text = body && JSON.stringify(body);
    if (body) headers.push(["Content-Type", "application/json"], ["Content-Length", String(Buffer.byteLength(text))]);
    const res = await ours.pg.request({ method, url, headers, body: text, port });
    return { status: res.status, location: res.headers.location ?? null, body: JSON.parse(res.body) };
  });
  await ours.kill();

  assert.deepEqual(
    nodeAnswers.map((a) => [a.request, a.status, a.body.status ?? a.body.error]),
    [
      ["POST /jobs", 202, "queued"],
      ["POST /jobs", 202, "queued"],
      ["POST /jobs", 400, "unknown task: nope"],
      ["GET /jobs/1", 200, "queued"],
      ["GET /jobs/1", 200, "running"],
      ["GET /jobs/2", 200, "queued"],
      ["GET /jobs/1", 200, "done"],
      ["GET /jobs/2", 200, "running"],
      ["GET /jobs/2", 200, "done"],
      ["GET /jobs/3", 404, "no such job"],
    ],
    "real Node went through the states the waits were chosen for",
  );
  assert.deepEqual(ourAnswers, nodeAnswers);
  assert.deepEqual(ours.output(), node.output());
  assert.equal(
    ours.output().stdout,
    `job queue listening on port ${port}\nqueued job 1 (reverse)\nqueued job 2 (sum)\nrunning job 1\nfinished job 1: "olleh"\nrunning job 2\nfinished job 2: 6\n`,
  );
});
