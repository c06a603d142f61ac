// Runs the end-to-end scenarios against a built site in real browsers.
//
//   node tests/e2e/run.mjs --dist <dir> [--browser chromium|firefox|webkit|all]
//                          [--base /docs/playground/] [--only <substring>] [--timeout <seconds>]
//
// Serves <dir> under --base, loads every tests/e2e/scenarios/*.mjs (each exports
// `scenarios = [{ name, async run(page, { url }) {...} }]`), runs each one in each engine,
// prints one line per result and ends with "N passed, N failed"; exits 1 on any failure.

import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { closingLine, installGlobalTimeout, parseEngines, runScenarios } from "./harness.mjs";
import { serve } from "./serve.mjs";

const SCENARIO_DIR = fileURLToPath(new URL("./scenarios/", import.meta.url));

const USAGE = "usage: node tests/e2e/run.mjs --dist <dir> [--browser chromium|firefox|webkit|all] " +
  "[--base /docs/playground/] [--only <substring>] [--timeout <seconds>]";

/**
 * Imports every scenario module; a module that fails to load or exports the wrong shape is a
 * problem to report, not a reason to skip the rest.
 * @returns {Promise<{ scenarios: import("./harness.mjs").Scenario[], problems: string[] }>}
 */
async function loadScenarios() {
  const scenarios = [];
  const problems = [];
  const files = existsSync(SCENARIO_DIR)
    ? readdirSync(SCENARIO_DIR).filter((f) => f.endsWith(".mjs")).sort()
    : [];
  for (const file of files) {
    const where = `scenarios/${file}`;
    let module;
    try {
      module = await import(pathToFileURL(join(SCENARIO_DIR, file)).href);
    } catch (err) {
      problems.push(`${where} did not load: ${err.stack ?? err}`);
      continue;
    }
    if (!Array.isArray(module.scenarios)) {
      problems.push(`${where} must export \`scenarios\`, an array of { name, run }`);
      continue;
    }
    for (const [i, scenario] of module.scenarios.entries()) {
      if (typeof scenario?.name !== "string" || typeof scenario?.run !== "function") {
        problems.push(`${where}: scenarios[${i}] needs a string \`name\` and a function \`run\``);
      } else if (scenarios.some((s) => s.name === scenario.name)) {
        problems.push(`${where}: scenario name "${scenario.name}" is used twice`);
      } else {
        scenarios.push(scenario);
      }
    }
  }
  return { scenarios, problems };
}

async function main() {
  let values;
  let engines;
  try {
    ({ values } = parseArgs({
      options: {
        dist: { type: "string" },
        browser: { type: "string", default: "all" },
        base: { type: "string", default: "/docs/playground/" },
        only: { type: "string" },
        timeout: { type: "string", default: "1800" },
      },
    }));
    if (!values.dist) throw new Error("--dist <dir> is required");
    engines = parseEngines(values.browser);
  } catch (err) {
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }

  const tally = { passed: 0, failed: 0 };
  const fail = (message) => {
    tally.failed += 1;
    console.log(`FAIL ${message}`);
  };
  const disarm = installGlobalTimeout(Number(values.timeout) * 1000, tally);

  const dist = resolve(values.dist);
  const { scenarios, problems } = await loadScenarios();
  problems.forEach(fail);
  const chosen = scenarios.filter((s) => !values.only || s.name.includes(values.only));

  if (!existsSync(join(dist, "index.html"))) {
    fail(`--dist ${dist} has no index.html (build the site first)`);
  } else if (chosen.length === 0) {
    fail(values.only ? `no scenario name contains "${values.only}"` : `no scenarios in ${SCENARIO_DIR}`);
  } else {
    const site = await serve(dist, { base: values.base });
    console.log(`# serving ${dist} at ${site.url}`);
    try {
      await runScenarios({ engines, scenarios: chosen, url: site.url, tally });
    } finally {
      await site.close();
    }
  }
  disarm();
  console.log(closingLine(tally));
  process.exit(tally.failed > 0 ? 1 : 0);
}

await main();
