// The sandbox as a learner meets it: an endless loop, at start-up, in a handler or in a timer
// the server set, is stopped within about 2 s and explained, the page keeps responding, the code
// stays; a slow but honest handler is left alone.

const ENDLESS = "probably an endless loop";
/** The watchdog gives up after 2 s of silence; allow for a busy machine and WebDriver's latency. */
const MESSAGE_WITHIN_MS = 6000;
/** A timer due 0.5 s after the answer, 2 s of silence, and up to 0.5 s until the next ping. */
const BACKGROUND_WITHIN_MS = 4000;

/** Waits for the runtime, then appends `code` to the lesson's example in the editor. */
async function withCode(page, code) {
  await page.waitFor("run", 20000);
  await page.type("editor", code);
  await page.waitForText("editor", code.trim());
}

async function runAndListen(page) {
  await page.click("run");
  await page.waitForText("status", "Listening on port 3000");
}

export const scenarios = [
  {
    name: "sandbox: an endless loop at start-up is stopped while the editor keeps taking keys",
    async run(page, { url, note }) {
      await page.goto(url);
      await withCode(page, "\nwhile (true) {}");
      await page.click("run");
      const started = Date.now();
      await page.waitForText("terminal-output", "Running server.js");
      // The page is not the worker: typing lands while the loop spins.
      await page.type("editor", "\n// typed during the loop");
      const typedMs = Date.now() - started;
      await page.waitForText("editor", "// typed during the loop");
      const during = !(await page.text("terminal-output")).includes(ENDLESS);
      await page.waitForText("terminal-output", ENDLESS, MESSAGE_WITHIN_MS);
      const stoppedMs = Date.now() - started;
      note(`loop → message ${stoppedMs} ms; typing done at ${typedMs} ms (${during ? "during" : "after"} the loop)`);
      await page.waitForText("terminal-output", "while starting server.js");
      await page.waitForText("terminal-output", "Your code is unchanged");
      await page.waitForText("status", "Stopped an endless loop");
      // The learner's code, and what they typed meanwhile, are still there.
      await page.waitForText("editor", 'app.post("/api/background-workers"');
      await page.waitForText("editor", "while (true) {}");
      await page.waitForText("editor", "// typed during the loop");
      if (stoppedMs < 1500) throw new Error(`stopped after ${stoppedMs} ms, before 2 s of silence`);
      if (!during) throw new Error(`typing took until ${typedMs} ms, after the loop was stopped`);
    },
  },
  {
    name: "sandbox: an endless loop in a handler is stopped, then Run and curl work again",
    async run(page, { url, note }) {
      await page.goto(url);
      await withCode(page, "\napp.get('/spin', (req, res) => { while (true) {} });");
      await runAndListen(page);
      await page.type("terminal-input", "curl localhost:3000/spin\n");
      const started = Date.now();
      await page.waitForText("terminal-output", ENDLESS, MESSAGE_WITHIN_MS);
      note(`curl → message ${Date.now() - started} ms`);
      await page.waitForText("terminal-output", "while answering `curl localhost:3000/spin`");
      await page.waitForText("status", "Stopped an endless loop");
      await page.waitForText("editor", "while (true) {}");
      // The fresh sandbox runs the same code, and answers a request that does not spin.
      await page.waitFor("run", 20000);
      await runAndListen(page);
      await page.type("terminal-input", "curl localhost:3000/nope\n");
      await page.waitForText("terminal-output", "<pre>Cannot GET /nope</pre>");
    },
  },
  {
    name: "sandbox: an endless loop in a timer is stopped and told as background code, with no curl to blame",
    async run(page, { url, note }) {
      await page.goto(url);
      await withCode(
        page,
        "\napp.get('/later', (req, res) => { setTimeout(() => { while (true) {} }, 500); res.send('scheduled'); });",
      );
      await runAndListen(page);
      await page.type("terminal-input", "curl localhost:3000/later\n");
      await page.waitForText("terminal-output", "\nscheduled");
      // The server answered; half a second later its timer loops, and nobody types anything.
      const answered = Date.now();
      const shown = await page.waitForText("terminal-output", ENDLESS, BACKGROUND_WITHIN_MS);
      note(`answer → message ${Date.now() - answered} ms`);
      const told = "The server's background code (a timer, an interval or another callback, not a command you typed) ran for more than 2 s without returning";
      if (!shown.includes(told)) throw new Error(`the terminal does not say what looped:\n${shown}`);
      if (shown.includes("while answering")) throw new Error(`a command was blamed:\n${shown}`);
      await page.waitForText("status", "Stopped an endless loop");
      // The code is as it was, and the editor still takes keys.
      await page.waitForText("editor", 'app.post("/api/background-workers"');
      await page.waitForText("editor", "while (true) {}");
      await page.type("editor", "\n// typed after the restart");
      await page.waitForText("editor", "// typed after the restart");
      // The fresh sandbox runs the code again and answers.
      await page.waitFor("run", 20000);
      await runAndListen(page);
      await page.type("terminal-input", "curl localhost:3000/nope\n");
      await page.waitForText("terminal-output", "<pre>Cannot GET /nope</pre>");
    },
  },
  {
    name: "sandbox: a slow handler awaiting a 3 s timer answers without a restart",
    async run(page, { url, note }) {
      await page.goto(url);
      await withCode(
        page,
        "\napp.get('/slow', async (req, res) => { await new Promise(r => setTimeout(r, 3000)); res.send('late'); });",
      );
      await runAndListen(page);
      await page.type("terminal-input", "curl localhost:3000/slow\n");
      const started = Date.now();
      const shown = await page.waitForText("terminal-output", "\nlate", 10000);
      const tookMs = Date.now() - started;
      note(`slow handler answered after ${tookMs} ms`);
      if (shown.includes(ENDLESS)) throw new Error(`the watchdog stopped a live worker:\n${shown}`);
      if (tookMs < 2500) throw new Error(`answered after ${tookMs} ms; the 3 s timer did not run`);
      await page.waitForText("status", "Listening on port 3000");
    },
  },
];
