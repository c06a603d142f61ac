/**
 * Preloaded (`node --import`) into the child that runs a scenario on real
 * Express. It makes the learner's unchanged code testable:
 *
 *   - `listen(3000)` (any port) binds a free port on the loopback address
 *     the parent chose (DIFF_HOST: ::1, or 127.0.0.1 without IPv6), so many
 *     scenarios can run at once; the real port goes to the parent over IPC.
 *     `server.address()` still answers what the learner's own server would:
 *     the port the code asked for on "::" (Node's default dual-stack bind),
 *     so a log line built from it matches the playground.
 *   - console.error / process.stderr writes go to stdout, so the parent sees
 *     one stream in the order the code wrote it (two pipes would race).
 *     stderr itself is left for Node's own fatal crash reports.
 *   - on a "flush" message the child waits a moment (morgan logs when the
 *     response finishes, which can be after the client has read it), then
 *     writes a sentinel line, so the parent knows every log line is in.
 */
import net from "node:net";

const SENTINEL = process.env.DIFF_SENTINEL ?? "\u0001flushed";
const HOST = process.env.DIFF_HOST ?? "::1";

process.stderr.write = process.stdout.write.bind(process.stdout);

const listen = net.Server.prototype.listen;
let reported = false;

net.Server.prototype.listen = function (...args) {
  let requested = 3000;
  if (typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]))) {
    requested = Number(args[0]);
    const rest = args.slice(1).filter((a) => typeof a === "function");
    args = [0, HOST, ...rest];
  } else if (args[0] && typeof args[0] === "object" && "port" in args[0]) {
    requested = Number(args[0].port);
    args = [{ ...args[0], port: 0, host: HOST }, ...args.slice(1)];
  }
  this.once("listening", () => {
    const real = this.address();
    this.address = () => ({ address: "::", family: "IPv6", port: requested });
    if (!reported && process.send) {
      reported = true;
      process.send({ type: "listening", port: real.port });
    }
  });
  return listen.apply(this, args);
};

// The IPC channel must not keep alive a program that never listens: such a
// program should end as it would under plain `node server.js`.
process.channel?.unref();

process.on("message", (msg) => {
  if (msg?.type !== "flush") return;
  setTimeout(() => process.stdout.write(SENTINEL + "\n"), 25);
});
