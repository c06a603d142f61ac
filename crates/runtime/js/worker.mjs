// The Web Worker entry: the learner's code runs here, off the page's thread, so a runaway
// loop can be ended by terminating the worker while the page stays responsive.
// Messages (see src/protocol.rs for the page's side):
//   in:  {type:"run", code, filename, env} | {type:"exec", id, line} | {type:"stop"} | {type:"ping"}
//   out: {type:"ready"} | {type:"log", stream, text} | {type:"started", ok, port, note, error}
//        | {type:"output", id, stdout, stderr, exitCode} | {type:"pong"}

import { createPlayground } from "./index.mjs";
import { lockdown } from "./lockdown.mjs";

// First of all, close the page's storage, cookies and contexts to the code about to run here;
// the runtime keeps its own line to the page.
const doors = lockdown(self);
const post = doors.postMessage;

const pg = await createPlayground({
  wasmUrl: new URL("./runtime_bg.wasm", import.meta.url),
  onLog: (stream, text) => post({ type: "log", stream, text }),
});

// Handle messages one at a time, in order, so a request never overtakes the run before it.
let queue = Promise.resolve();
doors.addEventListener("message", (event) => {
  const msg = event.data;
  // The page's watchdog: answered at once, ahead of the queue, so a run awaiting a slow timer
  // still proves the event loop free; only learner code that never yields silences it.
  if (msg?.type === "ping") return post({ type: "pong" });
  queue = queue.then(() => handle(msg)).catch((e) => post({ type: "log", stream: "stderr", text: `playground: ${e?.stack ?? e}` }));
});

async function handle(msg) {
  switch (msg.type) {
    case "run": {
      const r = await pg.run(msg.code, { filename: msg.filename || "server.js", env: msg.env });
      post(r.ok
        ? { type: "started", ok: true, port: r.port, note: r.note, error: null }
        : { type: "started", ok: false, port: null, note: null, error: r.error });
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

if (doors.open.length) post({ type: "log", stream: "stderr", text: `playground: this browser would not let the sandbox close ${doors.open.join(", ")}; code you run can reach them.` });
post({ type: "ready" });
