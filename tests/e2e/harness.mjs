// Runs scenarios in engines and reports them, one line per result; shared by run.mjs and
// selftest.mjs so both print the same lines and the same closing count.

import { fileURLToPath } from "node:url";
import { launchBrowser, ENGINES, withTimeout } from "./driver.mjs";

/** Where failure screenshots go: tests/.out/<engine>-<scenario>.png */
export const OUT_DIR = fileURLToPath(new URL("../.out/", import.meta.url));

const SCENARIO_TIMEOUT_MS = 60_000;

/**
 * @typedef {object} Scenario
 * @property {string} name
 * @property {(page: import("./driver.mjs").Page, ctx: Context) => Promise<void>} run
 * @property {number} [timeoutMs] bound on the whole scenario (default 60 s)
 *
 * @typedef {object} Context
 * @property {string} url the served site, e.g. http://127.0.0.1:4321/docs/playground/
 * @property {string} engine
 * @property {(line: string) => void} note prints an informational "#" line
 * @property {number} launchMs how long this engine's browser took to start
 */

/** "chromium,webkit" or "all" → engine list; throws on an unknown name. */
export function parseEngines(value = "all") {
  const engines = value === "all" ? ENGINES : value.split(",").map((s) => s.trim()).filter(Boolean);
  for (const engine of engines) {
    if (!ENGINES.includes(engine)) {
      throw new Error(`unknown browser "${engine}": use ${ENGINES.join(", ")} or all`);
    }
  }
  return engines;
}

/** A file-name-safe form of a scenario name. */
export function slug(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80) || "scenario";
}

/**
 * Runs every scenario in every engine: one browser per engine, one fresh page per scenario.
 * Prints `ok   <engine> › <name>` or `FAIL <engine> › <name>` plus the error. A browser that
 * cannot start is one failure naming the engine and the reason; a browser that cannot open a
 * page any more (it crashed) is restarted once for the scenarios left.
 *
 * @param {{ engines: string[], scenarios: Scenario[], url: string, launchOptions?: object,
 *   tally: { passed: number, failed: number } }} args  `tally` is counted into as results come
 */
export async function runScenarios({ engines, scenarios, url, launchOptions = {}, tally }) {
  for (const engine of engines) {
    const note = (line) => console.log(`#    ${engine.padEnd(8)} ${line}`);
    let launchMs = 0;
    const start = async (what) => {
      const started = Date.now();
      try {
        const browser = await launchBrowser(engine, launchOptions);
        activeBrowsers.add(browser);
        launchMs = Date.now() - started;
        note(`${browser.version} launched in ${seconds(launchMs)}`);
        return browser;
      } catch (err) {
        report(tally, engine, `(${what})`, err);
        return null;
      }
    };
    const stop = async (browser) => {
      activeBrowsers.delete(browser);
      await withTimeout(browser.close(), 15_000, `${engine}: close browser`).catch((err) => note(err.message));
    };

    let browser = await start("launch browser");
    let restarted = false;
    for (const scenario of scenarios) {
      if (!browser) break;
      const opened = await runOne(tally, browser, scenario, { url, engine, note, launchMs });
      if (!opened) {
        await stop(browser);
        browser = restarted ? null : await start("restart browser");
        restarted = true;
      }
    }
    if (browser) await stop(browser);
  }
}

/** Runs one scenario on a new page; false when not even a page could be opened. */
async function runOne(tally, browser, scenario, ctx) {
  const { engine } = ctx;
  let page;
  try {
    page = await browser.newPage();
    const limit = scenario.timeoutMs ?? SCENARIO_TIMEOUT_MS;
    await withTimeout(scenario.run(page, ctx), limit, `[${engine}] scenario`);
    report(tally, engine, scenario.name);
  } catch (err) {
    report(tally, engine, scenario.name, err);
    if (page) {
      const shot = `${OUT_DIR}${engine}-${slug(scenario.name)}.png`;
      await page.screenshot(shot).then(
        () => console.log(`     screenshot: ${shot}`),
        (e) => console.log(`     (no screenshot: ${e.message})`),
      );
    }
  } finally {
    if (page) await page.close().catch(() => {});
  }
  return page !== undefined;
}

function report(tally, engine, name, err) {
  if (!err) {
    tally.passed += 1;
    console.log(`ok   ${engine.padEnd(8)} › ${name}`);
    return;
  }
  tally.failed += 1;
  console.log(`FAIL ${engine.padEnd(8)} › ${name}`);
  const detail = err instanceof Error ? err.message : String(err);
  console.log(detail.replace(/^/gm, "     "));
  // The scenario's own line, when the stack has it: the first frame outside this layer.
  const frames = String(err?.stack ?? "").matchAll(/\/tests\/e2e\/((?:scenarios\/)?[\w.-]+\.mjs:\d+:\d+)/g);
  const own = [...frames].map((m) => m[1]).find((f) => !/^(driver|drivers|harness|run|serve)\b/.test(f));
  if (own) console.log(`     at ${own}`);
}

/** Browsers still open, closed by `installGlobalTimeout` when the run must stop. */
const activeBrowsers = new Set();

/**
 * Bounds the whole run and makes Ctrl+C and SIGTERM tidy: on either, open browsers are closed,
 * the closing line is printed with what was counted so far, and the process exits 1.
 * Returns a function that disarms the timer once the run has finished.
 */
export function installGlobalTimeout(ms, tally) {
  const stop = async (why) => {
    console.log(`FAIL ${why}`);
    tally.failed += 1;
    await Promise.race([
      Promise.allSettled([...activeBrowsers].map((b) => b.close())),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
    console.log(closingLine(tally));
    process.exit(1);
  };
  // Not unref'd: a scenario stuck on a promise with no I/O behind it must still end here.
  const timer = setTimeout(() => stop(`whole run exceeded ${ms / 1000} s (--timeout)`), ms);
  process.once("SIGINT", () => stop("interrupted (SIGINT)"));
  process.once("SIGTERM", () => stop("terminated (SIGTERM)"));
  return () => clearTimeout(timer);
}

export const closingLine = ({ passed, failed }) => `${passed} passed, ${failed} failed`;

export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
