// Time to ready: from navigation to the Run button being usable, median of 5 fresh pages per
// engine, through the same drivers as the end-to-end suite, with the site served from a
// sub-path. Usage: node tests/bench/ready.mjs [--dist dist] [--browser chromium|firefox|webkit|all]
import { readFileSync } from "node:fs";
import { launchBrowser, ENGINES } from "../e2e/driver.mjs";
import { serve } from "../e2e/serve.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1];
};
const dist = arg("--dist", "dist");
const which = arg("--browser", "all");
const engines = which === "all" ? ENGINES : which.split(",");
const budgets = JSON.parse(readFileSync(new URL("./budgets.json", import.meta.url))).ready_ms_median;
const RUNS = 5;

const server = await serve(dist, { base: "/docs/playground/" });
let over = 0;
try {
  for (const engine of engines) {
    const browser = await launchBrowser(engine);
    const times = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const page = await browser.newPage();
        const t0 = performance.now();
        await page.goto(server.url);
        await page.waitFor("run", 30000);
        times.push(performance.now() - t0);
        await page.close();
      }
    } finally {
      await browser.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)];
    const ok = median <= budgets[engine];
    if (!ok) over++;
    console.log(`${ok ? "ok  " : "OVER"} ${engine.padEnd(9)} median ${median.toFixed(0)} ms to a usable Run (runs: ${times.map((t) => t.toFixed(0)).join(", ")}; budget ${budgets[engine]} ms)`);
  }
} finally {
  await server.close();
}
console.log(`${engines.length - over} passed, ${over} failed`);
process.exit(over ? 1 : 0);
