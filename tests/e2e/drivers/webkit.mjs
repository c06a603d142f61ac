// WebKit backend: WebKitGTK's MiniBrowser on an Xvfb display, spoken to as plain W3C WebDriver
// over HTTP through WebKitWebDriver, with Node's own fetch (no client package).

import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { w3cKey } from "../driver.mjs";

const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
/** A MiniBrowser normally starts in about a second; one that takes this long is stuck. */
const SESSION_TIMEOUT_MS = 15_000;

const CAPABILITIES = {
  capabilities: {
    alwaysMatch: {
      // MiniBrowser has no headless mode: the Xvfb display started by xvfb-run is its screen.
      "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
      pageLoadStrategy: "normal",
    },
  },
};

/** @param {{ launchTimeoutMs: number, timeoutMs: number }} opts */
export async function launchBackend({ launchTimeoutMs, timeoutMs }) {
  let server = await startDriver(launchTimeoutMs);
  /** @type {Set<() => Promise<void>>} */
  const openPages = new Set();

  // WebKitWebDriver holds one session at a time, and each session is a fresh MiniBrowser with an
  // ephemeral data store: a new session per page is the only way to give each page fresh storage.
  const sessionTimeoutMs = Math.min(launchTimeoutMs, SESSION_TIMEOUT_MS);
  async function openSession() {
    try {
      return { driver: server, ...(await server.call("POST", "/session", CAPABILITIES, sessionTimeoutMs)) };
    } catch (first) {
      // Seldom, on a loaded machine, a MiniBrowser start never answers and the driver stays stuck
      // on it; a fresh driver and display recover.
      if (process.env.E2E_DEBUG) process.stderr.write(`[webkit driver] restarting: ${first.message}\n`);
      await server.stop();
      server = await startDriver(launchTimeoutMs);
      try {
        return { driver: server, ...(await server.call("POST", "/session", CAPABILITIES, sessionTimeoutMs)) };
      } catch (err) {
        throw new Error(`${first.message}; after restarting WebKitWebDriver: ${err.message}`);
      }
    }
  }

  // The first MiniBrowser starts with the launch, so "launched" means ready for a page, as for
  // the other engines, and the version is known.
  let spare;
  try {
    spare = await openSession();
  } catch (err) {
    await server.stop();
    throw err;
  }

  return {
    version: `WebKitGTK ${spare.capabilities?.browserVersion ?? "?"}`,
    async newPage() {
      const { driver, sessionId } = spare ?? (await openSession());
      spare = undefined;
      const session = `/session/${sessionId}`;
      const call = (method, path, body, ms = timeoutMs * 3) =>
        driver.call(method, session + path, body, ms);
      await call("POST", "/timeouts", { script: timeoutMs * 3, pageLoad: timeoutMs * 3, implicit: 0 });
      await call("POST", "/window/rect", { width: 1280, height: 800 }).catch(() => {});

      const keys = (actions) => call("POST", "/actions", {
        actions: [{ type: "key", id: "keyboard", actions }],
      });
      let closed = false;
      const close = async () => {
        if (closed) return;
        closed = true;
        openPages.delete(close);
        await call("DELETE", "", undefined, timeoutMs).catch(() => {});
      };
      openPages.add(close);

      return {
        goto: (url, ms) => call("POST", "/url", { url }, ms + 1_000),
        // Classic WebDriver awaits a returned promise, so an async body works as in the others.
        evaluate: (body) => call("POST", "/execute/sync", {
          script: `return (async () => {\n${body}\n})()`,
          args: [],
        }),
        async click(selector) {
          const found = await call("POST", "/element", { using: "css selector", value: selector });
          await call("POST", `/element/${found[ELEMENT]}/click`, {});
        },
        // Not Element Send Keys: it needs the editable itself (CodeMirror's testid is on a wrapper)
        // and does its own focusing; the actions API types into whatever `type` focused, as a
        // keyboard does.
        typeChars: (text) => keys([...text].flatMap((ch) => [
          { type: "keyDown", value: ch },
          { type: "keyUp", value: ch },
        ])),
        pressChord(names) {
          const values = names.map(w3cKey);
          return keys([
            ...values.map((value) => ({ type: "keyDown", value })),
            ...[...values].reverse().map((value) => ({ type: "keyUp", value })),
          ]);
        },
        async screenshot(path) {
          writeFileSync(path, Buffer.from(await call("GET", "/screenshot"), "base64"));
        },
        close,
      };
    },
    async close() {
      const closing = [...openPages].map((close) => close());
      if (spare) closing.push(spare.driver.call("DELETE", `/session/${spare.sessionId}`, undefined, timeoutMs));
      await Promise.allSettled(closing);
      await server.stop();
    },
  };
}

/**
 * Starts `xvfb-run -a WebKitWebDriver` in its own process group and waits until it answers.
 * Returns `call` for WebDriver requests and `stop` which ends the whole process tree.
 */
async function startDriver(launchTimeoutMs) {
  const port = await freePort();
  // Our own auth file keeps xvfb-run from making a temp dir it cannot remove when it is killed.
  // -noreset: by default Xvfb resets when its last client leaves, i.e. between two sessions, and
  // a MiniBrowser starting during the reset dies with "cannot open display" while the driver
  // waits for it forever.
  const dir = mkdtempSync(join(tmpdir(), "e2e-webkit-"));
  const child = spawn(
    "xvfb-run",
    ["-a", "-f", join(dir, "Xauthority"), "-e", join(dir, "xvfb.log"),
      "-s", "-screen 0 1280x1024x24 -noreset",
      "WebKitWebDriver", `--port=${port}`, "--host=127.0.0.1"],
    { detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk).slice(-4_000);
    if (process.env.E2E_DEBUG) process.stderr.write(`[webkit driver] ${chunk}`);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = null;
  const exit = new Promise((resolve) => child.on("exit", (code, signal) => {
    exited = signal ?? code;
    resolve();
  }));
  let spawnError = null;
  child.on("error", (err) => { spawnError = err; });

  // Whatever happens to the runner, the display and the browser go with it.
  const killGroup = (signal) => {
    try { process.kill(-child.pid, signal); } catch { /* already gone */ }
  };
  const onExit = () => { killGroup("SIGKILL"); rmSync(dir, { recursive: true, force: true }); };
  process.on("exit", onExit);

  const base = `http://127.0.0.1:${port}`;
  async function call(method, path, body, ms) {
    const started = Date.now();
    try {
      return await request(method, path, body, ms);
    } finally {
      if (process.env.E2E_DEBUG) {
        process.stderr.write(`[webkit driver] ${method} ${path.replace(/^\/session\/[^/]+/, "/session/…")} ${Date.now() - started} ms\n`);
      }
    }
  }

  async function request(method, path, body, ms) {
    let response;
    try {
      response = await fetch(base + path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(ms),
      });
    } catch (err) {
      const why = err.name === "TimeoutError" ? `no answer in ${ms} ms` : err.message;
      throw new Error(`WebDriver ${method} ${path}: ${why}`);
    }
    const json = await response.json().catch(() => ({}));
    if (!response.ok || json.value?.error) {
      const { error = response.status, message = "" } = json.value ?? {};
      throw new Error(`WebDriver ${method} ${path}: ${error}: ${message}`.trim());
    }
    return json.value;
  }

  async function stop() {
    // Ending WebKitWebDriver (and Xvfb, the other child) lets xvfb-run finish its own clean-up;
    // a group kill then catches whatever is left, at once if xvfb-run did not exit in time.
    for (const pid of childrenOf(child.pid)) {
      try { process.kill(pid, "SIGTERM"); } catch { /* gone */ }
    }
    const graceful = await Promise.race([exit.then(() => true), sleep(3_000).then(() => false)]);
    killGroup(graceful ? "SIGTERM" : "SIGKILL");
    if (!graceful) await Promise.race([exit, sleep(2_000)]);
    process.off("exit", onExit);
    rmSync(dir, { recursive: true, force: true });
  }

  const deadline = Date.now() + launchTimeoutMs;
  for (;;) {
    if (spawnError) {
      process.off("exit", onExit);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`cannot start xvfb-run: ${spawnError.message} (apt-get install -y xvfb webkit2gtk-driver)`);
    }
    if (exited !== null) {
      await stop();
      throw new Error(`xvfb-run WebKitWebDriver exited (${exited}): ${output.trim() || "no output"}`);
    }
    try {
      const status = await call("GET", "/status", undefined, 1_000);
      if (status.ready !== false) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`WebKitWebDriver did not answer within ${launchTimeoutMs} ms: ${output.trim()}`);
    }
    await sleep(100);
  }
  return { call, stop };
}

/** Direct children of `pid`, read from /proc (xvfb-run's child is WebKitWebDriver). */
function childrenOf(pid) {
  const children = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the parenthesised command name: state, ppid, ...
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch { /* exited meanwhile */ }
  }
  return children;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
