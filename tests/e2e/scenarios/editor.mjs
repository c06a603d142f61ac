// The editor as a learner meets it: "Reset to original" puts the lesson's code back for good,
// and a syntax error marks the learner's line until the next edit.

/** Where the page keeps the learner's edits of the lesson's server.js (src/storage.rs). */
const CODE_KEY = "express-playground:v1:background-workers:server.js";

/** Polls `read()` until `ok(value)`; throws with `what` and the last value after `ms`. */
async function until(read, ok, what, ms = 10000) {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() >= deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

/** The text of each editor line marked as the one the last run failed on. */
const markedLines = (page) =>
  page.eval(`return [...document.querySelectorAll('[data-testid="editor"] .cm-error-line')].map((line) => line.textContent);`);

export const scenarios = [
  {
    name: "editor: Reset to original puts the lesson's code back, and a reload keeps it",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("run", 20000);
      const original = await page.text("editor");
      await page.type("editor", "\n// my change");
      await page.waitForText("editor", "// my change");
      await page.goto(url);
      await page.waitForText("editor", "// my change");

      await page.click("reset");
      await until(() => page.text("editor"), (text) => text === original, "the editor after Reset");
      await page.waitForText("terminal-output", "Your version is one undo away");
      const saved = await page.eval(`return localStorage.getItem(${JSON.stringify(CODE_KEY)});`);
      if (saved !== null) throw new Error(`Reset left the edit saved: ${JSON.stringify(saved)}`);
      await page.goto(url);
      await page.waitFor("run", 20000);
      await until(() => page.text("editor"), (text) => text === original, "the editor after a reload");
    },
  },
  {
    name: "editor: after Reset, one undo brings the learner's version back, saved",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("run", 20000);
      await page.type("editor", "\n// keep me");
      await page.waitForText("editor", "// keep me");
      await page.click("reset");
      await until(() => page.text("editor"), (text) => !text.includes("// keep me"), "the editor after Reset");
      // Reset leaves the focus in the editor, where the undo key works.
      await page.press("Control+z");
      await page.waitForText("editor", "// keep me");
      await page.goto(url);
      await page.waitForText("editor", "// keep me");
    },
  },
  {
    name: "editor: a syntax error marks the learner's line, and an edit clears the mark",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("run", 20000);
      // Line 5 is the mistake; line 6 shows the mark is not simply on the last line.
      await page.type("editor", "\nconst total = ;\nconsole.log(total);");
      await page.waitForText("editor", "console.log(total);");
      if ((await markedLines(page)).length) throw new Error("a line is marked before any run");
      await page.click("run");
      await page.waitForText("terminal-output", "SyntaxError");
      await page.waitForText("status", "line 5");
      const marked = await until(() => markedLines(page), (lines) => lines.length > 0, "the marked lines");
      if (marked.length !== 1 || marked[0] !== "const total = ;") {
        throw new Error(`marked ${JSON.stringify(marked)}, not the line "const total = ;"`);
      }
      await page.type("editor", " // fixed later");
      await until(() => markedLines(page), (lines) => lines.length === 0, "the marked lines after an edit");
      await page.waitForText("editor", "console.log(total); // fixed later");
    },
  },
];
