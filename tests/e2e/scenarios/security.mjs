// The sandbox's walls as learner code meets them: code run in the playground cannot reach the
// page's storage (IndexedDB, Cache Storage, the origin-private file system), cannot send the
// page's cookies, cannot talk to the site's other tabs or start contexts of its own, and cannot
// post messages to the page behind the runtime's back. Each door is probed from learner code,
// and each probe is first shown to work from the page itself, so a probe that cannot see a
// door never passes for a closed one.

/** Where the page keeps the lesson example's code (src/storage.rs). */
const CODE_KEY = "express-playground:v1:background-workers:server.js";
const COOKIE = "playground_secret=s3cr3t";

/** Globals learner code must not find, each a way out of the sandbox. */
const GLOBAL_DOORS = [
  "indexedDB", "caches", "XMLHttpRequest", "WebSocket", "EventSource", "Worker", "SharedWorker",
  "BroadcastChannel", "importScripts", "postMessage", "close", "localStorage", "document",
];
const NAVIGATOR_DOORS = ["storage", "locks", "serviceWorker"];

/**
 * Learner code that reports every door it finds open, then tries to reach the page's origin
 * with the page's cookie: by fetch (which, the origin being 127.0.0.1 here, is the simulated
 * machine's loopback: refused unless the learner's server listens there) and by a module
 * import the browser itself fetches, out of the loader's sight in a Function body.
 */
const PROBE = `import express from "express";
const app = express();
const open = ${JSON.stringify(GLOBAL_DOORS)}.filter((name) => name in globalThis || globalThis[name] !== undefined);
for (const name of ${JSON.stringify(NAVIGATOR_DOORS)}) if (navigator[name] !== undefined) open.push("navigator." + name);
// The same global reached another way: a fresh function's \`this\` in sloppy mode.
if (new Function("return this")().indexedDB !== undefined) open.push("indexedDB via Function");
console.log("open doors: " + JSON.stringify(open));
try {
  const res = await fetch(new URL("/__probe/cookie", location.href), { credentials: "include" });
  console.log("fetch carried: " + JSON.stringify(await res.text()));
} catch (e) {
  console.log("fetch failed: " + e.cause?.code);
}
await new Function("url", "return import(url)")(new URL("/__probe/cookie?module", location.href).href);
console.log("imported the probe module");
app.listen(3000);
`;

export const scenarios = [
  {
    name: "security: learner code finds no storage, cookies, channels or workers of the page",
    async run(page, { url }) {
      await page.goto(url);
      await page.waitFor("run", 20000);
      // The doors exist on the page, and the probe endpoint sees the page's own cookie: the
      // learner-side probe below can fail.
      const pageSide = await page.eval(`
        document.cookie = ${JSON.stringify(`${COOKIE}; path=/`)};
        const cookie = await (await fetch(new URL("/__probe/cookie", location.href))).text();
        const doors = ["indexedDB", "caches", "BroadcastChannel", "Worker"].filter((name) => name in window);
        localStorage.setItem(${JSON.stringify(CODE_KEY)}, ${JSON.stringify(PROBE)});
        return { cookie, doors, secure: window.isSecureContext };`);
      if (!pageSide.cookie.includes(COOKIE)) {
        throw new Error(`the probe endpoint did not see the page's cookie: ${JSON.stringify(pageSide.cookie)}`);
      }
      // Cache Storage exists only in secure contexts (127.0.0.1 is one); the rest always.
      const expected = pageSide.secure ? 4 : 3;
      if (pageSide.doors.length < expected) throw new Error(`the page itself lacks doors: ${pageSide.doors}`);

      await page.goto(url);
      await page.waitForText("editor", "open doors:");
      await page.waitFor("run", 20000);
      await page.click("run");
      await page.waitForText("terminal-output", "imported the probe module", 20000);
      const output = await page.text("terminal-output");
      if (!output.includes("open doors: []")) {
        throw new Error(`learner code reached: ${output.match(/open doors: .*/)?.[0] ?? output}`);
      }
      const fetched = output.match(/fetch (carried|failed): .*/)?.[0];
      if (fetched !== "fetch failed: ECONNREFUSED" && fetched !== 'fetch carried: "(no cookie)"') {
        throw new Error(`learner code's fetch of the page's origin: ${fetched}`);
      }
      // What the browser's own module fetch carried, read back by the page.
      const imported = await page.eval(`return (await fetch(new URL("/__probe/cookie/last", location.href))).text();`);
      if (imported !== "(no cookie)") throw new Error(`a module import from learner code carried: ${imported}`);
      if (output.includes("would not let the sandbox close")) throw new Error(`a door stayed open:\n${output}`);
      // Locked down, the runtime still serves: the server answers curl.
      await page.waitForText("status", "3000");
      await page.type("terminal-input", "curl localhost:3000/nope\n");
      await page.waitForText("terminal-output", "<pre>Cannot GET /nope</pre>");
      await page.eval(`localStorage.removeItem(${JSON.stringify(CODE_KEY)}); document.cookie = "playground_secret=; max-age=0; path=/";`);
    },
  },
];
