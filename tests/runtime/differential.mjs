// The same learner program on real Node 20 (a child process) and on the playground, for tests
// that compare what each prints and does. Node runs the file as `node server.js` in a fresh
// directory with no package.json, so Node picks ES module or CommonJS from the syntax, as the
// playground does; `express` comes from the repository's node_modules. Node's paths are
// rewritten to /app, where the playground says the file is.
import { spawn } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPlayground } from "./helpers.mjs";

const NODE_MODULES = fileURLToPath(new URL("../../node_modules", import.meta.url));

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `test()` is true (polled), or `ms` have passed. */
async function until(test, ms) {
  const end = Date.now() + ms;
  while (!test() && Date.now() < end) await delay(5);
}

/**
 * Starts `code` as server.js under real Node with `env` (added to a minimal environment).
 * `output()` is what it printed so far, `{ stdout, stderr }`; `exited` resolves with its exit
 * code; `waitFor(text)` waits until stdout shows `text`; `kill()` ends it.
 */
export async function startNode(code, { env = {} } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pg-node-"));
  await writeFile(path.join(dir, "server.js"), code);
  await symlink(NODE_MODULES, path.join(dir, "node_modules"));
  const child = spawn(process.execPath, ["server.js"], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: "UTC", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
  let code_ = null;
  const exited = new Promise((resolve) => child.once("close", (c) => resolve((code_ = c))));
  exited.then(() => rm(dir, { recursive: true, force: true }));
  const normalise = (text) =>
    text.replaceAll(`file://${dir}/`, "file:///app/").replaceAll(`${dir}/`, "/app/").replaceAll(`${NODE_MODULES}/`, "/app/node_modules/").replaceAll(dir, "/app");
  return {
    child,
    exited,
    exitCode: () => code_,
    output: () => ({ stdout: normalise(stdout), stderr: normalise(stderr) }),
    waitFor: (text, ms = 5000) => until(() => stdout.includes(text), ms),
    kill: () => (code_ === null && child.kill("SIGKILL"), exited),
  };
}

/**
 * Runs `code` on the playground with `env`. Same shape as `startNode`, plus `pg` and `run`
 * (the result of `pg.run`): stdout and stderr are the playground's log lines, each ending with
 * a newline as Node's console writes them.
 */
export async function startPlayground(code, { env = {} } = {}) {
  const logs = [];
  let code_ = null;
  let ended;
  const exited = new Promise((resolve) => (ended = resolve));
  const pg = await createPlayground({ onLog: (stream, text) => logs.push({ stream, text }), onExit: (c) => ended((code_ = c)) });
  const run = await pg.run(code, { env });
  if (run.exitCode !== null && run.exitCode !== undefined) ended((code_ = run.exitCode));
  const text = (stream) => logs.filter((l) => l.stream === stream).map((l) => `${l.text}\n`).join("");
  return {
    pg,
    run,
    exited,
    exitCode: () => code_,
    output: () => ({ stdout: text("stdout"), stderr: text("stderr") }),
    waitFor: (t, ms = 5000) => until(() => text("stdout").includes(t), ms),
    kill: () => pg.stop(),
  };
}

/**
 * Runs `code` on both sides until each exits, or `ms` have passed (then it is stopped):
 * `{ node, playground }`, each `{ stdout, stderr, exitCode }` (null when it was still running).
 */
export async function runBoth(code, { env = {}, ms = 3000 } = {}) {
  const sides = await Promise.all([startNode(code, { env }), startPlayground(code, { env })]);
  const [node, playground] = await Promise.all(
    sides.map(async (side) => {
      await Promise.race([side.exited, delay(ms)]);
      const result = { ...side.output(), exitCode: side.exitCode() };
      await side.kill();
      return result;
    }),
  );
  return { node, playground };
}
