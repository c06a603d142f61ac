// process.env from the Environment panel: Express reads NODE_ENV, so production mode takes the
// stack out of its error page; the variables are kept per example across a reload, and the
// panel works from the keyboard.

const BOOM = `app.get("/boom", () => { throw new Error("boom"); });`;
/** Express's development error page shows the error and its stack; production's says only this. */
const DEV_PAGE = "<pre>Error: boom";
const PROD_PAGE = "<pre>Internal Server Error</pre>";

/** Runs the editor's code, clears the terminal, and asks for the route that throws. */
async function runAndBoom(page) {
  await page.click("run");
  await page.waitForText("status", "Listening on port 3000", 20000);
  await page.type("terminal-input", "clear\n");
  await page.type("terminal-input", "curl localhost:3000/boom\n");
}

/** Waits until the Environment button says the panel is `open` (or not); a render may lag the key. */
async function expectExpanded(page, open, what) {
  const expected = String(open);
  const actual = await page.eval(`
    const button = document.querySelector('[data-testid="env-toggle"]');
    for (let i = 0; i < 100 && button.getAttribute("aria-expanded") !== ${JSON.stringify(expected)}; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return button.getAttribute("aria-expanded");`);
  if (actual !== expected) throw new Error(`${what}: aria-expanded is ${actual}, not ${expected}`);
}

export const scenarios = [
  {
    name: "env: NODE_ENV=production hides the stack from Express's error page, and stays after a reload",
    timeoutMs: 120_000,
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("run", 20000);
      await page.type("editor", `\n${BOOM}`);

      // No variables set: development mode, as `node server.js` runs it.
      await runAndBoom(page);
      await page.waitForText("terminal-output", DEV_PAGE);

      await page.click("env-toggle");
      await page.type("env", "NODE_ENV=production");
      await page.waitForText("env-toggle", "1");
      await runAndBoom(page);
      const shown = await page.waitForText("terminal-output", PROD_PAGE);
      if (shown.includes(DEV_PAGE)) throw new Error(`the production error page shows the stack:\n${shown}`);

      await page.goto(url);
      await page.waitFor("run", 20000);
      await page.click("env-toggle");
      await page.waitForText("env", "NODE_ENV=production");
      await page.click("run");
      await page.waitForText("terminal-output", "Running server.js with NODE_ENV=production");
      await page.waitForText("status", "Listening on port 3000", 20000);
      await page.type("terminal-input", "curl localhost:3000/boom\n");
      const again = await page.waitForText("terminal-output", PROD_PAGE);
      if (again.includes(DEV_PAGE)) throw new Error(`after a reload the error page shows the stack:\n${again}`);
    },
  },
  {
    name: "env: the panel opens and closes from the keyboard and names a line it cannot read",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("env-toggle", 20000);
      await expectExpanded(page, false, "on load");
      await page.click("env-toggle");
      await expectExpanded(page, true, "after a click");
      await page.type("env", "NODE_ENV production");
      await page.waitForText("env-problems", "Line 1");
      await page.waitForText("env-problems", "NAME=value");

      // Escape closes the panel and gives focus back to its button; Enter opens it again.
      await page.press("Escape");
      await expectExpanded(page, false, "after Escape");
      const focused = await page.eval(`return document.activeElement?.dataset.testid ?? null;`);
      if (focused !== "env-toggle") throw new Error(`after Escape, focus is on ${focused}`);
      await page.press("Enter");
      await expectExpanded(page, true, "after Enter on the button");
      await page.waitForText("env", "NODE_ENV production");
    },
  },
];
