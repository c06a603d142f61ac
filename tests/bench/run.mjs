// `cargo xtask bench`: median time per request through a 5-layer chain, in the playground
// (in-process, via pkg/) and on real Express 5 over loopback HTTP, side by side: through
// fetch, as the issue measures it (the ratio checked), and through http.request with a
// keep-alive agent, the quicker client, shown for comparison.
// Usage: node tests/bench/run.mjs [--requests N]; PLAYGROUND_PKG=path/to/index.mjs selects
// the package under test (default pkg/), as in tests/runtime and tests/diff.
import http from "node:http";
import { pathToFileURL } from "node:url";
import { writeFileSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";

const PKG_ENTRY = process.env.PLAYGROUND_PKG
  ? pathToFileURL(resolve(process.env.PLAYGROUND_PKG)).href
  : new URL("../../pkg/index.mjs", import.meta.url).href;
const { createPlayground } = await import(PKG_ENTRY);

const N = Number(process.argv[process.argv.indexOf("--requests") + 1]) || 5000;
const WARMUP = Math.min(1000, N);

const APP = (listen) => `import express from "express";
const app = express();
const seen = [];
app.use(express.json());
app.use((req, res, next) => { seen.push(req.method); if (seen.length > 100) seen.length = 0; next(); });
app.use((req, res, next) => req.get("authorization") === "Bearer t" ? next() : res.status(401).end());
app.post("/api/items/:id", (req, res) => res.json({ id: req.params.id, body: req.body }));
${listen}
`;

const BODY = '{"task":"email","priority":2}';
const HEADERS = [["Host", "localhost:3000"], ["User-Agent", "curl/8.7.1"], ["Accept", "*/*"], ["Authorization", "Bearer t"], ["Content-Type", "application/json"], ["Content-Length", String(BODY.length)]];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeEach(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  return out;
}

async function playground() {
  const pg = await createPlayground();
  const run = await pg.run(APP(""));
  if (!run.ok) throw new Error(run.error.message);
  const req = { method: "POST", url: "/api/items/7", headers: HEADERS, body: BODY };
  const first = await pg.request(req);
  if (first.status !== 200) throw new Error(`playground answered ${first.status}: ${first.body}`);
  await timeEach(WARMUP, () => pg.request(req));
  return median(await timeEach(N, () => pg.request(req)));
}

async function realExpress() {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = join(here, "..", ".out");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "bench-server.mjs");
  writeFileSync(file, APP("export default app;").replace('from "express"', `from ${JSON.stringify(pathToFileURL(join(here, "..", "..", "node_modules", "express", "index.js")).href)}`));
  const app = (await import(pathToFileURL(file).href)).default;
  const server = await new Promise((r) => { const s = app.listen(0, "127.0.0.1", () => r(s)); });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { port } = server.address();
  const send = () => new Promise((resolve, reject) => {
    const r = http.request({ host: "127.0.0.1", port, method: "POST", path: "/api/items/7", agent, headers: Object.fromEntries(HEADERS.filter(([n]) => n !== "Host")) }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`express answered ${res.statusCode}`))));
    });
    r.on("error", reject);
    r.end(BODY);
  });
  await timeEach(WARMUP, send);
  const viaHttp = median(await timeEach(N, send));
  agent.destroy();
  // The measure: the same request through fetch (undici, keeping its connection).
  const url = `http://127.0.0.1:${port}/api/items/7`;
  const headers = HEADERS.filter(([n]) => n !== "Host" && n !== "Content-Length");
  const viaFetch = async () => {
    const res = await fetch(url, { method: "POST", headers, body: BODY });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`express answered ${res.status} to fetch`);
  };
  await timeEach(WARMUP, viaFetch);
  const viaFetchMedian = median(await timeEach(N, viaFetch));
  server.close();
  return { viaHttp, viaFetch: viaFetchMedian };
}

const pgMedian = await playground();
const { viaHttp, viaFetch } = await realExpress();
console.log(`requests per side: ${N} (after ${WARMUP} warm-up)`);
console.log(`playground (in-process, pkg/):             median ${pgMedian.toFixed(2)} µs/request`);
console.log(`real Express 5, fetch over loopback:       median ${viaFetch.toFixed(2)} µs/request (ratio ${(viaFetch / pgMedian).toFixed(1)}x)`);
console.log(`real Express 5, http.request keep-alive:   median ${viaHttp.toFixed(2)} µs/request (ratio ${(viaHttp / pgMedian).toFixed(1)}x)`);
const exMedian = viaFetch;

const budgets = JSON.parse(readFileSync(new URL("./budgets.json", import.meta.url)));
const checks = [
  [pgMedian <= budgets.request_us_median, `playground median ${pgMedian.toFixed(2)} µs within ${budgets.request_us_median} µs`],
  [exMedian / pgMedian >= budgets.express_over_playground_min_ratio, `real Express (fetch) / playground ratio ${(exMedian / pgMedian).toFixed(1)}x at least ${budgets.express_over_playground_min_ratio}x`],
];
for (const [ok, text] of checks) console.log(`${ok ? "ok  " : "OVER"} ${text}`);
const failed = checks.filter(([ok]) => !ok).length;
console.log(`${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
