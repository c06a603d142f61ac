// Size budget of the built site: gzip -9 bytes of dist/ against budgets.json.
// Usage: node tests/bench/sizes.mjs [dist]   (exit 1 when a budget is exceeded)
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const budgets = JSON.parse(readFileSync(new URL("./budgets.json", import.meta.url))).sizes;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const sizes = files(dist).map((p) => ({ name: relative(dist, p), gzip: gzipSync(readFileSync(p), { level: 9 }).length }));
const sum = (pred) => sizes.filter(pred).reduce((n, f) => n + f.gzip, 0);
const measured = {
  total_gzip: sum(() => true),
  runtime_wasm_gzip: sum((f) => f.name.startsWith("runtime/") && f.name.endsWith(".wasm")),
  page_wasm_gzip: sum((f) => !f.name.startsWith("runtime/") && f.name.endsWith(".wasm")),
  editor_js_gzip: sum((f) => /^editor-.*\.js$/.test(f.name)),
};
let over = 0;
for (const [key, budget] of Object.entries(budgets)) {
  const value = measured[key];
  const ok = value <= budget;
  if (!ok) over++;
  console.log(`${ok ? "ok  " : "OVER"} ${key.padEnd(20)} ${String(value).padStart(8)} of ${budget} bytes (${((value / budget) * 100).toFixed(0)}%)`);
}
console.log(`${Object.keys(budgets).length - over} passed, ${over} failed`);
process.exit(over ? 1 : 0);
