/**
 * Runs one scenario on REAL Express 5 under Node, the reference side of the
 * differential test.
 *
 * The learner's code is written unchanged to
 * tests/.out/diff-tmp/<pid>-<slug>/server.js (removed again unless the run
 * failed). Bare imports ("express", "cors",
 * ...) resolve by walking up to /work/main/node_modules, and a package.json
 * with "type": "module" in diff-tmp/ makes server.js ESM without relying on
 * the repository's own package.json. The child runs with
 * express-preload.mjs, which turns listen(3000) into a free loopback port
 * and reports it over IPC.
 *
 * The child gets a minimal environment (see below) so the developer's shell
 * settings cannot change Express's answers.
 */
import { spawn } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { effectiveRequest } from "./requests.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const TMP_ROOT = path.resolve(HERE, "../.out/diff-tmp");
const PRELOAD = pathToFileURL(path.join(HERE, "express-preload.mjs")).href;
const SENTINEL = "\u0001diff-flushed\u0001";

const START_TIMEOUT_MS = 8000;
const REQUEST_TIMEOUT_MS = 4000;
const FLUSH_TIMEOUT_MS = 2000;

/**
 * The loopback address both server and client use. A learner's
 * `app.listen(3000)` binds "::" and `curl localhost:3000` or a browser
 * usually arrives over IPv6, so req.ip is "::1"; where IPv6 is missing we
 * fall back to 127.0.0.1 and say so, as req.ip-based answers then differ.
 */
let hostReady;
export function loopbackHost() {
  hostReady ??= new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => {
      console.error("note: no IPv6 loopback (::1); real Express runs on 127.0.0.1, so req.ip scenarios will not match a playground that reports ::1");
      resolve("127.0.0.1");
    });
    probe.listen(0, "::1", () => probe.close(() => resolve("::1")));
  });
  return hostReady;
}

let rootReady;
function prepareRoot() {
  rootReady ??= (async () => {
    await mkdir(TMP_ROOT, { recursive: true });
    await writeFile(path.join(TMP_ROOT, "package.json"), '{ "type": "module", "private": true }\n');
  })();
  return rootReady;
}

/** The server's directory as the playground names it (`process.cwd()`, `__dirname`). */
const APP_DIR = "/app";

/**
 * `res` as if the server had run in /app, like the playground's: the scenario's directory in a
 * body (an ENOENT message names a path) becomes /app, and Content-Length follows. An ETag
 * computed over such a body cannot follow; a scenario must not depend on one.
 */
function asInApp(res, dir) {
  if (typeof res.body !== "string" || !res.body.includes(dir)) return res;
  const body = res.body.replaceAll(dir, APP_DIR);
  const rawHeaders = res.rawHeaders.map(([n, v]) => (n.toLowerCase() === "content-length" && Number(v) === Buffer.byteLength(res.body) ? [n, String(Buffer.byteLength(body))] : [n, v]));
  return { ...res, body, rawHeaders };
}

/**
 * @param {{code: string, requests: object[]}} scenario
 * @param {string} slug  directory name, unique per scenario
 * @returns {Promise<{logs: string[], responses: object[], error: string|null}>}
 *   `responses[i]` is `{status, statusText, rawHeaders, body}` or `{error}`;
 *   `error` is a harness-level problem (server never listened, crashed...).
 */
export async function runOnExpress(scenario, slug) {
  await prepareRoot();
  // The pid keeps two runs at once (two terminals, CI) out of each other's files.
  const dir = path.join(TMP_ROOT, `${process.pid}-${slug}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "server.js"), scenario.code);

  // A minimal environment: no NODE_ENV (Express defaults to "development"),
  // no DEBUG, no NO_COLOR (morgan's dev format would drop its colours).
  const host = await loopbackHost();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, TZ: "UTC", DIFF_SENTINEL: SENTINEL, DIFF_HOST: host };
  const child = spawn(process.execPath, ["--import", PRELOAD, "server.js"], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });

  let stdout = "";
  let stderr = "";
  let onSentinel = null;
  child.stdout.setEncoding("utf8").on("data", (d) => {
    stdout += d;
    if (onSentinel && stdout.includes(SENTINEL)) onSentinel();
  });
  child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

  const result = { logs: [], responses: [], error: null };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const port = await waitForPort(child, exited);
    for (const r of scenario.requests) {
      const req = effectiveRequest(r);
      const res = await Promise.race([
        send(host, port, req, agent),
        exited.then(({ code, signal }) => ({ error: `server exited (code ${code}, signal ${signal}) before answering` })),
      ]);
      result.responses.push(asInApp(res, dir));
    }
    if (child.exitCode === null && child.connected) {
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
        onSentinel = () => { clearTimeout(timer); resolve(); };
        child.send({ type: "flush" });
      });
    }
  } catch (e) {
    result.error = e.message;
  } finally {
    agent.destroy();
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  }

  const lines = stdout.split("\n");
  const cut = lines.findIndex((l) => l.includes(SENTINEL));
  if (cut >= 0) lines.length = cut;
  else if (lines.at(-1) === "") lines.pop();
  result.logs = lines.map((l) => l.replaceAll(dir, APP_DIR));
  const failed = result.error || result.responses.some((r) => r.error);
  if (failed) {
    // Kept so the scenario can be rerun by hand: node --import <preload> server.js
    result.serverFile = path.join(dir, "server.js");
    if (stderr.trim()) result.stderr = stderr.trim().split("\n").slice(0, 20);
  } else {
    await rm(dir, { recursive: true, force: true });
  }
  return result;
}

function waitForPort(child, exited) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not listen within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    child.on("message", (m) => {
      if (m?.type === "listening") { clearTimeout(timer); resolve(m.port); }
    });
    exited.then(({ code }) => { clearTimeout(timer); reject(new Error(`server exited (code ${code}) before listening`)); });
  });
}

/** One request with exactly `req.headers` (raw array form: order, case and duplicates kept). */
function send(host, port, req, agent) {
  return new Promise((resolve) => {
    const clientReq = http.request(
      { host, port, method: req.method, path: req.url, headers: req.headers.flat(), setHost: false, agent },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const rawHeaders = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) rawHeaders.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
          resolve({ status: res.statusCode, statusText: res.statusMessage, rawHeaders, body: Buffer.concat(chunks).toString("utf8") });
        });
        res.on("error", (e) => resolve({ error: e.message }));
      },
    );
    clientReq.setTimeout(REQUEST_TIMEOUT_MS, () => {
      clientReq.destroy(new Error(`no response within ${REQUEST_TIMEOUT_MS} ms`));
    });
    clientReq.on("error", (e) => resolve({ error: e.message }));
    clientReq.end(req.body);
  });
}
