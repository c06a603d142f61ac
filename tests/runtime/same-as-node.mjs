// One program body on the playground and on real Node in this process, for tests that compare
// what each prints: a body is CommonJS, or an ES module that may `await` and loads modules with
// `await import(...)`, as Node allows.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { format } from "node:util";
import { playground } from "./helpers.mjs";

const nodeRequire = createRequire(import.meta.url);

/** Runs `body` in the playground and in real Node; returns both stdout logs, line by line. */
export async function both(body) {
  const { run, logs } = await playground(body);
  assert.equal(run.ok, true, run.error?.stack);
  const ours = logs.filter((l) => l.stream === "stdout").map((l) => l.text);
  const theirs = [];
  const log = (...a) => theirs.push(format(...a));
  const AsyncFunction = (async () => {}).constructor;
  await new AsyncFunction("require", "console", body)(nodeRequire, { log });
  return { ours, theirs };
}

/** `body` prints the same lines on the playground as on Node. */
export async function sameAsNode(body) {
  const { ours, theirs } = await both(body);
  assert.deepEqual(ours, theirs);
}
