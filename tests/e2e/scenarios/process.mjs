// The learner's program lives and dies as `node server.js` would: an exception thrown in a
// timer crashes it with Node's report, the server stops listening, and Run starts it again.

export const scenarios = [
  {
    name: "process: an error thrown in a timer crashes the server like Node, and Run revives it",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("run", 20000);
      await page.type("editor", "\nsetTimeout(() => { throw new Error('boom'); }, 300);");
      await page.click("run");
      await page.waitForText("terminal-output", "Error: boom", 10000);
      await page.waitForText("terminal-output", "Node.js v20", 10000);
      await page.waitForText("terminal-output", "The program exited with code 1");
      await page.waitForText("status", "Exited with code 1");
      // Nothing listens any more: curl says so, as it would against a dead process.
      await page.type("terminal-input", "curl localhost:3000/\n");
      await page.waitForText("terminal-output", "curl: (7) Failed to connect to localhost port 3000");
      // Run again: the server listens until the timer fires once more.
      await page.click("run");
      await page.waitForText("status", "Listening on port 3000");
    },
  },
];
