#!/usr/bin/env node
/**
 * Differential test: every scenario runs on real Express 5 (the reference)
 * and on the playground, and their answers must be identical.
 *
 *   node tests/diff/run.mjs [--only <substring>] [--express-only] [--snapshot] [--jobs N]
 *
 *   --only          run scenarios whose "<area> › <name>" contains the text
 *   --express-only  run real Express only: checks the scenarios themselves
 *   --snapshot      write each real-Express result to expected/<area>.json
 *                   (for reading offline; nothing compares against them);
 *                   with --only, only the scenarios that ran are replaced
 *   --jobs          scenarios in flight at once (default 6)
 *
 * Pending scenarios (`pending: "reason"`) still run on both sides; when one
 * starts to match it is reported as "fixed" and fails the run, so the mark
 * gets removed instead of going stale.
 */
import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runOnExpress } from "./express-host.mjs";
import { runOnPlayground, playgroundAvailable, PKG_ENTRY } from "./playground-host.mjs";
import { compareResults, BODY_NORMALISERS } from "./compare.mjs";
import { effectiveRequest } from "./requests.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Differences printed per failing scenario; one broken feature can produce dozens. */
const MAX_DIFF_LINES = 24;

function parseArgs(argv) {
  const opts = { only: null, expressOnly: false, snapshot: false, jobs: 6 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--only") opts.only = argv[++i];
    else if (a === "--express-only") opts.expressOnly = true;
    else if (a === "--snapshot") opts.snapshot = true;
    else if (a === "--jobs") opts.jobs = Number(argv[++i]);
    else if (a === "--help" || a === "-h") {
      console.log("usage: node tests/diff/run.mjs [--only <substring>] [--express-only] [--snapshot] [--jobs N]");
      process.exit(0);
    } else {
      console.error(`unknown argument: ${a}`);
      process.exit(2);
    }
  }
  if (opts.only == null && argv.includes("--only")) fail("--only needs a substring");
  if (!(opts.jobs >= 1)) fail("--jobs needs a positive number");
  return opts;
}

function fail(msg) {
  console.error(msg);
  process.exit(2);
}

/** Loads scenarios/<area>.mjs files and checks each entry's shape. */
async function loadScenarios() {
  const dir = path.join(HERE, "scenarios");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".mjs")).sort();
  const all = [];
  for (const file of files) {
    const area = file.replace(/\.mjs$/, "");
    const list = (await import(pathToFileURL(path.join(dir, file)).href)).default;
    const seen = new Set();
    list.forEach((s, i) => {
      const problem =
        typeof s.name !== "string" ? "no name" :
        typeof s.code !== "string" ? "no code" :
        !Array.isArray(s.requests) || s.requests.length === 0 ? "no requests" :
        seen.has(s.name) ? "duplicate name" :
        s.compare?.body && !BODY_NORMALISERS[s.compare.body] && s.compare.body !== "exact" ? `unknown compare.body "${s.compare.body}"` : null;
      if (problem) fail(`scenarios/${file} entry ${i} (${s.name ?? "?"}): ${problem}`);
      seen.add(s.name);
      const slug = `${area}-${String(i).padStart(3, "0")}`;
      all.push({ ...s, area, title: `${area} › ${s.name}`, slug });
    });
  }
  return all;
}

/** Runs `fn` over `items` with at most `jobs` in flight; reports results in input order. */
async function pool(items, jobs, fn, report) {
  const results = new Array(items.length);
  let next = 0;
  let printed = 0;
  const flush = () => {
    while (printed < items.length && results[printed] !== undefined) report(items[printed], results[printed++]);
  };
  async function worker() {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
      flush();
    }
  }
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}

function harnessProblems(expected) {
  const problems = [];
  if (expected.error) problems.push(expected.error);
  expected.responses.forEach((r, i) => r.error && problems.push(`request #${i + 1}: ${r.error}`));
  if (problems.length && expected.stderr) problems.push(...expected.stderr.map((l) => `stderr: ${l}`));
  if (problems.length && expected.serverFile) problems.push(`code: ${path.relative(process.cwd(), expected.serverFile)}`);
  return problems;
}

async function runOne(s, opts) {
  const expected = await runOnExpress(s, s.slug);
  const problems = harnessProblems(expected);
  if (problems.length) return { verdict: "FAIL", expected, lines: ["real Express did not answer every request (scenario bug):", ...problems] };
  if (opts.expressOnly) return { verdict: "ok", expected };
  const actual = await runOnPlayground(s);
  const diffs = compareResults(s, expected, actual);
  if (s.pending) {
    return diffs.length
      ? { verdict: "skip", expected }
      : { verdict: "fixed", expected, lines: ["now matches real Express: remove its `pending` mark"] };
  }
  return diffs.length ? { verdict: "FAIL", expected, lines: diffs } : { verdict: "ok", expected };
}

/**
 * Writes expected/<area>.json. Entries of scenarios that did not run this
 * time (--only) are kept from the old file, so a partial run never loses
 * the others; entries of scenarios that no longer exist are dropped.
 */
async function writeSnapshots(all, ran, results) {
  const out = path.join(HERE, "expected");
  await mkdir(out, { recursive: true });
  const fresh = new Map();
  ran.forEach((s, i) => {
    const { expected } = results[i];
    fresh.set(s.title, {
      name: s.name,
      ...(s.pending ? { pending: s.pending } : {}),
      exchanges: s.requests.map((r, j) => ({ request: readable(effectiveRequest(r)), response: expected.responses[j] })),
      logs: expected.logs,
    });
  });
  const areas = [...new Set(ran.map((s) => s.area))];
  for (const area of areas) {
    const file = path.join(out, `${area}.json`);
    const old = new Map();
    try {
      for (const e of JSON.parse(await readFile(file, "utf8"))) old.set(`${area} › ${e.name}`, e);
    } catch {}
    const entries = all.filter((s) => s.area === area).map((s) => fresh.get(s.title) ?? old.get(s.title)).filter(Boolean);
    await writeFile(file, formatJson(entries));
  }
  console.log(`wrote ${areas.map((a) => `expected/${a}.json`).join(", ")}`);
}

/** A request for the snapshot: a byte body (gzip, ...) as base64 rather than a list of numbers. */
function readable(req) {
  return req.body instanceof Uint8Array ? { ...req, body: { base64: Buffer.from(req.body).toString("base64") } } : req;
}

/** JSON with each [name, value] header pair kept on one line, so files read like HTTP. */
function formatJson(value) {
  const str = '"(?:[^"\\\\]|\\\\.)*"';
  return JSON.stringify(value, null, 2).replace(new RegExp(`\\[\\n\\s*(${str}),\\n\\s*(${str})\\n\\s*\\]`, "g"), "[$1, $2]") + "\n";
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.expressOnly && !playgroundAvailable()) {
    console.error(`The playground is not built: ${PKG_ENTRY} does not exist.`);
    console.error("Build it first, or pass --express-only to check the scenarios against real Express alone.");
    process.exit(1);
  }
  const all = await loadScenarios();
  const scenarios = opts.only ? all.filter((s) => s.title.includes(opts.only)) : all;
  if (scenarios.length === 0) fail(`no scenario matches ${JSON.stringify(opts.only)}`);

  const counts = { passed: 0, failed: 0, skipped: 0 };
  const results = await pool(scenarios, opts.jobs, (s) => runOne(s, opts).catch((e) => ({ verdict: "FAIL", expected: null, lines: [`harness error: ${e.stack}`] })), (s, r) => {
    if (r.verdict === "ok") {
      counts.passed++;
      console.log(`ok   ${s.title}`);
    } else if (r.verdict === "skip") {
      counts.skipped++;
      console.log(`skip ${s.title} (pending: ${s.pending})`);
    } else {
      counts.failed++;
      console.log(`${r.verdict === "fixed" ? "fixed" : "FAIL"} ${s.title}`);
      const shown = r.lines.slice(0, MAX_DIFF_LINES);
      for (const l of shown) console.log(`    ${l}`);
      if (r.lines.length > shown.length) console.log(`    … and ${r.lines.length - shown.length} more differences (use --only to focus)`);
    }
  });

  if (opts.snapshot) {
    if (results.some((r) => !r.expected)) console.error("not writing snapshots: some scenarios hit harness errors");
    else await writeSnapshots(all, scenarios, results);
  }
  console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(counts.failed ? 1 : 0);
}

main();
