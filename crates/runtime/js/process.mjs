// `process` for learner code. As in Node it is an EventEmitter, so `process.on('exit' |
// 'uncaughtException' | 'unhandledRejection', fn)`, `once` and `off` work, and `process.exit()`
// ends the program.

import { NODE_VERSION, ProcessExit } from "./fatal.mjs";

/**
 * The `process` of one program. `exit(code)` ends the program (after the 'exit' event);
 * `nextTick` is the program's own.
 */
export function createProcess({ EventEmitter, env, filename, nextTick, exit }) {
  // Named through a property key, which minifiers keep: V8 names a listener's frame after it
  // (`process.<anonymous>`), as in Node.
  const { process: Process } = { process: class extends EventEmitter {} };
  const process = new Process();
  return Object.assign(process, {
    env,
    argv: ["node", `/app/${filename}`],
    execArgv: [],
    platform: "linux",
    pid: 42,
    version: NODE_VERSION,
    versions: { node: NODE_VERSION.slice(1) },
    exitCode: undefined,
    cwd: () => "/app",
    /** Ends the program now: the code after the call never runs, as in Node. */
    exit(code) {
      if (code !== undefined) process.exitCode = code;
      exit(Number(process.exitCode ?? 0) || 0);
      throw new ProcessExit(process.exitCode);
    },
    nextTick,
    uptime: () => performance.now() / 1000,
    hrtime: Object.assign(() => [0, 0], { bigint: () => BigInt(Math.round(performance.now() * 1e6)) }),
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0 }),
  });
}
