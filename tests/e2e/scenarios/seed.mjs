// The walking skeleton as a learner meets it: the lesson's example in the editor, Run, and
// curl in the terminal answered by the learner's own Express code.

const CURL_POST = `curl -X POST localhost:3000/api/background-workers -H "Content-Type: application/json" -d '{"task":"email"}'`;

export const scenarios = [
  {
    name: "seed: the page opens with the lesson's example in the editor",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitForText("editor", 'app.post("/api/background-workers"');
      await page.waitForText("editor", "app.use(express.json());");
      await page.waitFor("run", 20000);
    },
  },
  {
    name: "seed: Run starts the server and curl gets the JSON answer",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("run", 20000);
      await page.click("run");
      await page.waitForText("status", "3000");
      await page.waitForText("terminal-output", "port 3000");
      await page.type("terminal-input", `${CURL_POST}\n`);
      await page.waitForText("terminal-output", '{"success":true,"processed":{"task":"email"}}');
    },
  },
  {
    name: "seed: an unknown path shows Express's 404 page",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("run", 20000);
      await page.click("run");
      await page.waitForText("status", "3000");
      await page.type("terminal-input", "curl localhost:3000/nope\n");
      await page.waitForText("terminal-output", "<pre>Cannot GET /nope</pre>");
    },
  },
  {
    name: "seed: Ctrl+Enter in the editor runs the code",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("run", 20000);
      await page.type("editor", "\n// edited");
      await page.press("Control+Enter");
      await page.waitForText("status", "3000");
      await page.type("terminal-input", "curl -i localhost:3000/nope\n");
      await page.waitForText("terminal-output", "HTTP/1.1 404 Not Found");
    },
  },
  {
    name: "seed: edits survive a reload",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("run", 20000);
      await page.type("editor", "\n// keep me");
      await page.waitForText("editor", "// keep me");
      // Give the page its save (debounced edits are saved on change and on unload).
      await new Promise((r) => setTimeout(r, 800));
      await page.goto(url);
      await page.waitForText("editor", "// keep me");
    },
  },
  {
    name: "seed: a syntax error names the learner's line",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("run", 20000);
      await page.type("editor", "\napp.get('/x', (req, res) => {");
      await page.click("run");
      // Node's report: the file and line, then the message V8 gives for running out of file.
      await page.waitForText("terminal-output", "/app/server.js:");
      await page.waitForText("terminal-output", "SyntaxError: Unexpected end of input");
      await page.waitForText("status", "line 5");
    },
  },
];
