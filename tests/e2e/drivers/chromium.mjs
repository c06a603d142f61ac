// Chromium backend: Debian's /usr/bin/chromium driven over CDP by playwright-core.

import { chromium } from "playwright-core";

const EXECUTABLE = "/usr/bin/chromium";

// Flags that work as root in a closed network (see /work/shared/TOOLCHAIN.md). Playwright adds
// the headless flag itself and creates a fresh temporary --user-data-dir for every launch (it
// refuses one passed in `args`), so each run starts from an empty profile.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** @param {{ launchTimeoutMs: number }} opts */
export async function launchBackend({ launchTimeoutMs }) {
  const browser = await chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ARGS,
    timeout: launchTimeoutMs,
  });
  return {
    version: `Chromium ${browser.version()}`,
    async newPage() {
      // One context per page: fresh cookies, storage and service workers for each scenario.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      return {
        goto: async (url, timeoutMs) => {
          await page.goto(url, { waitUntil: "load", timeout: timeoutMs });
        },
        evaluate: (body) => page.evaluate(`(async () => {\n${body}\n})()`),
        click: (selector, timeoutMs) => page.click(selector, { timeout: timeoutMs }),
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
