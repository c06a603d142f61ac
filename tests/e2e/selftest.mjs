// Proves the e2e layer before the real site exists: serves fixtures/selftest/ under the sub-path
// and checks every driver operation in every engine, printing what run.mjs prints.
//
//   node tests/e2e/selftest.mjs [--browser chromium|firefox|webkit|all] [--only <substring>]

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { closingLine, installGlobalTimeout, OUT_DIR, parseEngines, runScenarios, seconds } from "./harness.mjs";
import { serve } from "./serve.mjs";

const FIXTURE = fileURLToPath(new URL("./fixtures/selftest/", import.meta.url));

/** Reads what a check needs to see that the page's own script did not: the focused testid. */
const focusedTestId = `return document.activeElement?.closest("[data-testid]")?.dataset.testid ?? null;`;

/** @type {import("./harness.mjs").Scenario[]} */
export const scenarios = [
  {
    name: "goto: the fixture loads under the sub-path (launch + goto time)",
    async run(page, { url, note, launchMs }) {
      const started = Date.now();
      await page.goto(url);
      await page.waitForText("status", "ready");
      const gotoMs = Date.now() - started;
      note(`launch ${seconds(launchMs)} + goto ${seconds(gotoMs)} = ${seconds(launchMs + gotoMs)}`);
      assert.equal(new URL(await page.eval("return location.href")).pathname, "/docs/playground/");
      // Left behind on purpose: the "fresh storage" check must not see it.
      await page.eval(`localStorage.setItem("left-behind", "1"); document.cookie = "left=behind; path=/";`);
    },
  },
  {
    name: "newPage: fresh storage, nothing left by an earlier page",
    async run(page, { url }) {
      await page.goto(url);
      assert.deepEqual(
        await page.eval(`return { local: localStorage.getItem("left-behind"), cookie: document.cookie }`),
        { local: null, cookie: "" },
      );
    },
  },
  {
    name: "waitForText: keeps polling across a page reload",
    async run(page, { url }) {
      await page.goto(url);
      await page.click("reload");
      await page.waitForText("delayed", "arrived after reload", 5_000);
    },
  },
  {
    name: "serve: MIME types as the browser sees them, 404 off the sub-path",
    async run(page, { url }) {
      await page.goto(url);
      const seen = await page.eval(`
        const type = async (path) => {
          const res = await fetch(path);
          return res.status + " " + res.headers.get("content-type") + " " + res.headers.get("cache-control");
        };
        const wasm = await WebAssembly.instantiateStreaming(fetch("tiny.wasm"));
        const { answer } = await import("./module.mjs");
        return {
          wasm: await type("tiny.wasm"), streaming: wasm.instance instanceof WebAssembly.Instance,
          js: await type("module.mjs"), answer, json: await type("data.json"),
          svg: await type("dot.svg"), css: await type("style.css"), html: await type("./"),
          missing: (await fetch("nope.js")).status, outside: (await fetch("/index.html")).status,
        };`);
      assert.deepEqual(seen, {
        wasm: "200 application/wasm no-store", streaming: true,
        js: "200 text/javascript; charset=utf-8 no-store", answer: 42,
        json: "200 application/json no-store", svg: "200 image/svg+xml no-store",
        css: "200 text/css; charset=utf-8 no-store", html: "200 text/html; charset=utf-8 no-store",
        missing: 404, outside: 404,
      });
    },
  },
  {
    name: "click: the run button appends 'clicked'",
    async run(page, { url }) {
      await page.goto(url);
      await page.click("run");
      await page.click("run");
      assert.equal(await page.waitForText("terminal-output", "clicked"), "clicked\nclicked\n");
    },
  },
  {
    name: "waitFor: waits until a disabled button is enabled",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("later", 5_000);
      await page.click("later");
      await page.waitForText("terminal-output", "later clicked", 2_000);
      await assert.rejects(page.waitFor("no-such-thing", 300), /\[\w+\] waitFor\("no-such-thing"\) timed out/);
    },
  },
  {
    name: "waitForText: polls for late text; its timeout names engine, testid, expected, actual",
    async run(page, { url, engine }) {
      await page.goto(url);
      await page.waitForText("delayed", "arrived late", 5_000);
      const err = await page.waitForText("status", "never said", 300).then(() => null, (e) => e);
      assert.ok(err instanceof Error, "waitForText should have thrown");
      for (const part of [`[${engine}]`, `"status"`, `"never said"`, `"ready"`, "300 ms"]) {
        assert.ok(err.message.includes(part), `error message lacks ${part}: ${err.message}`);
      }
      await assert.rejects(page.waitForText("missing", "x", 200), /<no element \[data-testid="missing"\]>/);
    },
  },
  {
    name: "type + press Enter: an <input> sends its line to the output",
    async run(page, { url }) {
      await page.goto(url);
      await page.type("terminal-input", "curl -i localhost:3000/api/users?id=1&x=\"A b\"");
      assert.equal(await page.text("terminal-input"), "curl -i localhost:3000/api/users?id=1&x=\"A b\"");
      await page.press("Enter");
      await page.waitForText("terminal-output", "curl -i localhost:3000/api/users?id=1&x=\"A b\"\n");
      await page.type("terminal-input", "second\n");
      await page.waitForText("terminal-output", "second\n");
    },
  },
  {
    name: "type: a contenteditable element receives real keys (mirrored into status)",
    async run(page, { url }) {
      await page.goto(url);
      const text = `Hello, World! {"a": [1, 2]} <b>&amp; 'q' \`t\` $x ~ é`;
      await page.type("editor", text);
      assert.equal(await page.waitForText("status", text), text);
      await page.type("editor", " more");
      await page.waitForText("status", `${text} more`);
    },
  },
  {
    name: "type: \\n in a contenteditable is Enter (a new line)",
    async run(page, { url }) {
      await page.goto(url);
      await page.type("editor", "line1\nline2");
      const status = await page.waitForText("status", "line2");
      // Same DOM everywhere (Firefox wraps both lines in <div>s), but WebKit's innerText ends a
      // trailing block with "\n" where Chromium's and Firefox's do not.
      assert.match(status, /^line1\nline2\n?$/);
    },
  },
  {
    name: "press Control+Enter: reaches a keydown listener from the input and the editor",
    async run(page, { url }) {
      await page.goto(url);
      await page.type("terminal-input", "x");
      await page.press("Control+Enter");
      await page.waitForText("terminal-output", "ctrl-enter");
      assert.equal(await page.text("keylog"), "ctrl+Enter");
      assert.equal(await page.text("terminal-input"), "x", "Ctrl+Enter must not submit the input");
      await page.type("editor", "y");
      await page.press("Control+Enter");
      await page.waitForText("terminal-output", "ctrl-enter\nctrl-enter\n");
      assert.equal(await page.text("editor"), "y");
    },
  },
  {
    name: "press Backspace and Control+a: edit the input and the editor",
    async run(page, { url }) {
      await page.goto(url);
      await page.type("terminal-input", "abc");
      await page.press("Backspace");
      assert.equal(await page.text("terminal-input"), "ab");
      await page.press("Control+a");
      await page.type("terminal-input", "z");
      assert.equal(await page.text("terminal-input"), "abz", "type() appends at the end");
      await page.press("Control+a");
      await page.press("Backspace");
      assert.equal(await page.text("terminal-input"), "");

      await page.type("editor", "old text");
      await page.press("Backspace");
      await page.waitForText("status", "old tex");
      await page.press("Control+a");
      await page.press("Backspace");
      await page.type("editor", "new");
      assert.equal(await page.waitForText("status", "new"), "new");
    },
  },
  {
    name: "press Tab and Shift+Tab: move focus between fields",
    async run(page, { url }) {
      await page.goto(url);
      await page.type("terminal-input", "");
      assert.equal(await page.eval(focusedTestId), "terminal-input");
      await page.press("Tab");
      assert.equal(await page.eval(focusedTestId), "editor");
      await page.press("Shift+Tab");
      assert.equal(await page.eval(focusedTestId), "terminal-input");
    },
  },
  {
    name: "eval: returns values and awaits promises",
    async run(page, { url }) {
      await page.goto(url);
      assert.equal(await page.eval("return 1 + 1"), 2);
      assert.deepEqual(await page.eval("await new Promise((r) => setTimeout(r, 20)); return { a: [1, 'x'] }"), { a: [1, "x"] });
      assert.equal(await page.eval("document.title"), undefined, "a body without return yields undefined");
      await assert.rejects(page.text("nothing-here"), /\[\w+\] text\("nothing-here"\): no element/);
    },
  },
  {
    name: "screenshot: writes a PNG",
    async run(page, { url, engine }) {
      await page.goto(url);
      const path = join(OUT_DIR, `selftest-${engine}.png`);
      rmSync(path, { force: true });
      await page.screenshot(path);
      assert.deepEqual([...readFileSync(path).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    },
  },
  {
    name: "CodeMirror 6: type (testid on the wrapper), Control+a, Backspace, Control+Enter keymap",
    async run(page, { url }) {
      await page.goto(`${url}codemirror.html`);
      await page.waitForText("status", "ready");
      // Bracket closing is on: typed closers step over the auto-inserted ones, as for a user.
      const code = `app.get('/', (req, res) => res.send({ ok: [1] }));`;
      await page.type("editor", code);
      assert.equal(await page.waitForText("status", code), `doc:${code}`);
      await page.type("editor", "\nx");
      assert.equal(await page.waitForText("status", `${code}\nx`), `doc:${code}\nx`);
      await page.press("Control+a");
      await page.press("Backspace");
      await page.type("editor", "a");
      assert.equal(await page.waitForText("status", "doc:a"), "doc:a", "Control+a, Backspace must clear");
      await page.press("Control+Enter");
      await page.waitForText("terminal-output", "ctrl-enter");
      assert.equal(await page.text("status"), "doc:a", "Mod-Enter must not insert a line");
    },
  },
];

/** Copies the fixture to a temp dir and bundles the CodeMirror page next to it. */
async function buildSite() {
  const dir = mkdtempSync(join(tmpdir(), "e2e-selftest-"));
  cpSync(FIXTURE, dir, { recursive: true });
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [join(FIXTURE, "codemirror-entry.mjs")],
    bundle: true,
    format: "esm",
    outfile: join(dir, "cm.js"),
    logLevel: "warning",
  });
  return dir;
}

async function main() {
  const { values } = parseArgs({
    options: {
      browser: { type: "string", default: "all" },
      only: { type: "string" },
      timeout: { type: "string", default: "600" },
    },
  });
  const engines = parseEngines(values.browser);
  const tally = { passed: 0, failed: 0 };
  const disarm = installGlobalTimeout(Number(values.timeout) * 1000, tally);
  const dir = await buildSite();
  const site = await serve(dir);
  console.log(`# serving the self-test fixture at ${site.url}`);
  try {
    const chosen = scenarios.filter((s) => !values.only || s.name.includes(values.only));
    await runScenarios({ engines, scenarios: chosen, url: site.url, tally });
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
    disarm();
  }
  console.log(closingLine(tally));
  process.exit(tally.failed > 0 ? 1 : 0);
}

await main();
