// The worker's lockdown (crates/runtime/js/lockdown.mjs) on a stand-in global: every door is
// deleted wherever it lives on the prototype chain, and the fetch left behind never sends
// credentials. The real browsers are probed by tests/e2e/scenarios/security.mjs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CLOSED_GLOBALS, CLOSED_NAVIGATOR, credentialless, lockdown } from "../../crates/runtime/js/lockdown.mjs";

/** A global shaped like a worker's: doors on the object and on its prototypes. */
function fakeWorkerGlobal() {
  const calls = [];
  const eventTarget = { addEventListener() {}, };
  const workerScope = Object.create(eventTarget, {
    indexedDB: { get: () => ({}), configurable: true },
    caches: { get: () => ({}), configurable: true },
    postMessage: { value(msg) { calls.push(["post", msg]); }, configurable: true, writable: true },
  });
  const scope = Object.create(workerScope);
  Object.assign(scope, { XMLHttpRequest: class {}, BroadcastChannel: class {}, Worker: class {} });
  scope.fetch = async (request) => (calls.push(["fetch", request]), new Response("ok"));
  const navigatorProto = { get storage() { return {}; }, get locks() { return {}; }, get userAgent() { return "x"; } };
  scope.navigator = Object.create(navigatorProto);
  return { scope, calls };
}

test("lockdown deletes each door from the global and its prototypes", () => {
  const { scope } = fakeWorkerGlobal();
  const { open } = lockdown(scope);
  assert.deepEqual(open, []);
  for (const name of CLOSED_GLOBALS) assert.equal(name in scope, false, name);
  for (const name of CLOSED_NAVIGATOR) assert.equal(scope.navigator[name], undefined, `navigator.${name}`);
  assert.equal(scope.navigator.userAgent, "x", "harmless navigator members stay");
});

test("lockdown keeps the runtime's own line to the page", () => {
  const { scope, calls } = fakeWorkerGlobal();
  const doors = lockdown(scope);
  doors.postMessage({ type: "ready" });
  assert.deepEqual(calls, [["post", { type: "ready" }]]);
});

test("a door that cannot be deleted is reported, not hidden", () => {
  const { scope } = fakeWorkerGlobal();
  Object.defineProperty(scope, "WebSocket", { value: class {}, configurable: false });
  assert.deepEqual(lockdown(scope).open, ["WebSocket"]);
});

test("the fetch left to learner code never sends credentials", async () => {
  const { scope, calls } = fakeWorkerGlobal();
  lockdown(scope);
  await scope.fetch("https://example.org/a", { credentials: "include", headers: { "x-a": "1" } });
  await scope.fetch(new Request("https://example.org/b", { credentials: "same-origin", method: "POST", body: "hi" }));
  const [[, first], [, second]] = calls;
  assert.equal(first.credentials, "omit");
  assert.equal(first.headers.get("x-a"), "1");
  assert.equal(second.credentials, "omit");
  assert.equal(second.method, "POST");
  assert.equal(await second.text(), "hi");
});

test("credentialless wraps any fetch", async () => {
  let seen;
  const f = credentialless(async (request) => ((seen = request), new Response("")));
  await f("https://example.org/", { credentials: "include" });
  assert.equal(seen.credentials, "omit");
});
