// Firefox backend: Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core.

import puppeteer from "puppeteer-core";

const EXECUTABLE = "/usr/bin/firefox-esr";

/** @param {{ launchTimeoutMs: number, timeoutMs: number }} opts */
export async function launchBackend({ launchTimeoutMs, timeoutMs }) {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: EXECUTABLE,
    headless: true,
    timeout: launchTimeoutMs,
    // Bounds every BiDi command, so a wedged browser fails the step instead of hanging it.
    protocolTimeout: Math.max(launchTimeoutMs, timeoutMs * 3),
    // The runner owns process lifetime and signals; puppeteer only cleans up on exit.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  return {
    version: await browser.version(),
    async newPage() {
      // One BiDi user context per page: fresh cookies, storage and service workers per scenario.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      return {
        goto: async (url, timeout) => {
          await page.goto(url, { waitUntil: "load", timeout });
        },
        evaluate: (body) => page.evaluate(`(async () => {\n${body}\n})()`),
        click: (selector, timeout) => page.locator(selector).setTimeout(timeout).click(),
        typeChars: (text) => page.keyboard.type(text),
        async pressChord(keys) {
          for (const key of keys) await page.keyboard.down(key);
          for (const key of [...keys].reverse()) await page.keyboard.up(key);
        },
        screenshot: (path) => page.screenshot({ path }),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
