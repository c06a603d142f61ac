// The Web Worker entry: the learner's code runs here, off the page's thread, so a runaway
// loop can be ended by terminating the worker while the page stays responsive.
// Messages (see src/protocol.rs for the page's side):
//   in:  {type:"run", code, filename, env} | {type:"exec", id, line} | {type:"stop"} | {type:"ping"}
//   out: {type:"ready"} | {type:"logs", lines: [{stream, text}], dropped} | {type:"log", stream, text}
//        | {type:"started", ok, port, note, error} | {type:"exited", code}
//        | {type:"output", id, stdout, stderr, exitCode} | {type:"pong"}
// `exited` follows a successful `started` when the program ends on its own, as `node server.js`
// would: a crash (code 1, after the report on stderr), `process.exit(code)`, or nothing left to
// wait for (no server, no timer). Its server no longer answers.

import { createPlayground } from "./index.mjs";
import { lockdown } from "./lockdown.mjs";

// First of all, close the page's storage, cookies and contexts to the code about to run here;
// the runtime keeps its own line to the page.
const doors = lockdown(self);
const send = doors.postMessage;

// Console lines wait for the end of the current task and travel as one `logs` message, so a
// logging loop costs the page one message per task, not one per line. Any other message sends
// the lines before it first, so nothing overtakes a line logged earlier.
/** Lines one `logs` message carries at most: what the terminal keeps (src/scrollback.rs KEEP).
 * Older lines of a burst are only counted, in `dropped`; the terminal would not keep them. */
const MAX_LINES = 1000;
/** The worker's own timer, kept before learner code could replace the global one. */
const later = setTimeout;
let logs = null;

function log(stream, text) {
  if (!logs) {
    logs = { type: "logs", lines: [], dropped: 0 };
    later(flushLogs, 0);
  }
  logs.lines.push({ stream, text });
  if (logs.lines.length >= 2 * MAX_LINES) trimLogs();
}

function trimLogs() {
  const excess = logs.lines.length - MAX_LINES;
  if (excess <= 0) return;
  logs.lines.splice(0, excess);
  logs.dropped += excess;
}

function flushLogs() {
  if (!logs) return;
  trimLogs();
  send(logs);
  logs = null;
}

const post = (msg) => {
  flushLogs();
  send(msg);
};

const pg = await createPlayground({
  wasmUrl: new URL("./runtime_bg.wasm", import.meta.url),
  onLog: log,
  onExit: (code) => post({ type: "exited", code }),
});

// Handle messages one at a time, in order, so a request never overtakes the run before it.
let queue = Promise.resolve();
doors.addEventListener("message", (event) => {
  const msg = event.data;
  // The page's watchdog: answered at once, ahead of the queue, so a run awaiting a slow timer
  // still proves the event loop free; only learner code that never yields silences it.
  if (msg?.type === "ping") return post({ type: "pong" });
  queue = queue.then(() => handle(msg)).catch((e) => log("stderr", `playground: ${e?.stack ?? e}`));
});

async function handle(msg) {
  switch (msg.type) {
    case "run": {
      const r = await pg.run(msg.code, { filename: msg.filename || "server.js", env: msg.env });
      post(r.ok
        ? { type: "started", ok: true, port: r.port, note: r.note, error: null }
        : { type: "started", ok: false, port: null, note: null, error: r.error });
      // A program that ended while its top level ran (`process.exit()` in it, say).
      if (r.ok && r.exitCode !== null) post({ type: "exited", code: r.exitCode });
      break;
    }
    case "exec": {
      // Commands are answered without blocking the queue: a slow request must not hold up
      // the server's own log lines or a later command.
      pg.exec(msg.line).then((out) => post({ type: "output", id: msg.id, ...out }));
      break;
    }
    case "stop":
      await pg.stop();
      break;
  }
}

if (doors.open.length) log("stderr", `playground: this browser would not let the sandbox close ${doors.open.join(", ")}; code you run can reach them.`);
post({ type: "ready" });
