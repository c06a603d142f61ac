// The one browser interface the end-to-end scenarios are written against.
//
// Scenarios speak only in `data-testid`s and user actions (click, type, press); each engine
// supplies a small *backend* (drivers/<engine>.mjs) and this file builds the same `Page` on top of
// every backend, so waiting, polling, error messages and key-name parsing behave identically in
// Chromium, Firefox and WebKit.

import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";

/** The engines the layer knows, in the order `--browser all` runs them. */
export const ENGINES = ["chromium", "firefox", "webkit"];

/** Bounds every single wait unless the caller passes its own. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Browsers start slowly on a busy two-core machine. */
export const DEFAULT_LAUNCH_TIMEOUT_MS = 30_000;
const POLL_MS = 50;

/**
 * @typedef {"chromium" | "firefox" | "webkit"} Engine
 *
 * @typedef {object} LaunchOptions
 * @property {number} [launchTimeoutMs] bound on starting the browser (default 30 s)
 * @property {number} [timeoutMs] default bound on every wait and action (default 10 s)
 *
 * @typedef {object} Page
 * What a scenario holds. Elements are addressed by their `data-testid`.
 * @property {Engine} engine
 * @property {(url: string) => Promise<void>} goto
 *   Navigates and waits for the `load` event.
 * @property {(testid: string) => Promise<void>} click
 *   Waits until the element is present and enabled, then clicks its centre with the real pointer.
 * @property {(testid: string, text: string) => Promise<void>} type
 *   Waits for the element, focuses it (or the contenteditable inside it, e.g. CodeMirror's
 *   `.cm-content`), puts the caret at the end, then sends one real key press per character;
 *   "\n" is sent as Enter and "\t" as Tab. Works on `<input>`, `<textarea>` and contenteditable.
 * @property {(key: string) => Promise<void>} press
 *   Presses a key or chord on whatever has focus: "Enter", "Tab", "Backspace", "Escape",
 *   "ArrowLeft", "a", "Control+Enter", "Control+a", "Shift+Tab".
 * @property {(testid: string) => Promise<string>} text
 *   The element's `innerText` (its `value` for input, textarea and select).
 * @property {(testid: string, substring: string, timeoutMs?: number) => Promise<string>} waitForText
 *   Polls `text(testid)` until it contains `substring`; returns the text. On timeout throws an
 *   Error naming the engine, the testid, the expected substring and the actual text.
 * @property {(testid: string, timeoutMs?: number) => Promise<void>} waitFor
 *   Waits until the element is present and enabled (no `disabled`, no `aria-disabled="true"`).
 * @property {(body: string) => Promise<any>} eval
 *   Runs a JavaScript function body in the page (`return` gives the result; it may `await`).
 *   For rare reads only — scenarios should act as a user does.
 * @property {(path: string) => Promise<void>} screenshot
 *   Saves a PNG of the viewport.
 * @property {() => Promise<void>} close
 *   Closes the page and its storage (a `Page` from `launch()` also closes its browser).
 *
 * @typedef {object} Browser
 * One running browser of one engine, reused across scenarios.
 * @property {Engine} engine
 * @property {string} version
 * @property {() => Promise<Page>} newPage
 *   A new page with fresh storage (cookies, localStorage, IndexedDB, caches, service workers),
 *   so scenarios cannot leak state into each other.
 * @property {() => Promise<void>} close
 *   Closes the browser and every process it started.
 *
 * @typedef {object} Backend
 * What each drivers/<engine>.mjs implements: the few primitives that differ per engine.
 * @property {(url: string, timeoutMs: number) => Promise<void>} goto
 * @property {(body: string) => Promise<any>} evaluate  runs a function body; awaits its promise
 * @property {(selector: string, timeoutMs: number) => Promise<void>} click  real pointer click
 * @property {(text: string) => Promise<void>} typeChars  one key press per character, no "\n"
 * @property {(keys: string[]) => Promise<void>} pressChord  keys down in order, up in reverse
 * @property {(path: string) => Promise<void>} screenshot
 * @property {() => Promise<void>} close
 */

/**
 * Starts a browser of `engine`; call `newPage()` on it for each scenario.
 * @param {Engine} engine
 * @param {LaunchOptions} [opts]
 * @returns {Promise<Browser>}
 */
export async function launchBrowser(engine, opts = {}) {
  if (!ENGINES.includes(engine)) {
    throw new Error(`unknown engine "${engine}" (expected one of ${ENGINES.join(", ")})`);
  }
  const options = {
    launchTimeoutMs: DEFAULT_LAUNCH_TIMEOUT_MS,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    ...opts,
  };
  const { launchBackend } = await import(`./drivers/${engine}.mjs`);
  const backend = await withTimeout(
    launchBackend(options),
    options.launchTimeoutMs + 5_000,
    `${engine}: launch`,
  );
  return {
    engine,
    version: backend.version,
    async newPage() {
      // Twice the launch bound: a backend may restart a stuck browser once (WebKit does).
      const page = await withTimeout(
        backend.newPage(),
        options.launchTimeoutMs * 2,
        `${engine}: new page`,
      );
      return makePage(engine, page, options.timeoutMs);
    },
    close: () => backend.close(),
  };
}

/**
 * Starts a browser and opens one page in it; closing the page closes the browser.
 * @param {Engine} engine
 * @param {LaunchOptions} [opts]
 * @returns {Promise<Page>}
 */
export async function launch(engine, opts = {}) {
  const browser = await launchBrowser(engine, opts);
  let page;
  try {
    page = await browser.newPage();
  } catch (err) {
    await browser.close();
    throw err;
  }
  const closePage = page.close;
  page.close = async () => {
    try {
      await closePage();
    } finally {
      await browser.close();
    }
  };
  return page;
}

/** The CSS selector for a testid; quotes and backslashes are escaped. */
export function byTestId(testid) {
  return `[data-testid="${String(testid).replace(/["\\]/g, "\\$&")}"]`;
}

/**
 * Splits "Control+Shift+a" into DOM key names: ["Control", "Shift", "a"].
 * "+" alone and a trailing "++" mean the plus key itself.
 */
export function parseChord(chord) {
  if (chord === "+") return ["+"];
  const keys = chord.endsWith("++")
    ? [...chord.slice(0, -2).split("+"), "+"]
    : chord.split("+");
  return keys.map((key) => {
    if (key === "") throw new Error(`bad key chord "${chord}"`);
    return KEY_ALIASES[key] ?? key;
  });
}

const KEY_ALIASES = {
  Ctrl: "Control",
  Cmd: "Meta",
  Esc: "Escape",
  Return: "Enter",
  Space: " ",
  Del: "Delete",
  Up: "ArrowUp",
  Down: "ArrowDown",
  Left: "ArrowLeft",
  Right: "ArrowRight",
};

/**
 * W3C WebDriver key codes, shared by the engines spoken to through WebDriver actions
 * (WebKit over classic WebDriver; Firefox's BiDi uses the same table inside puppeteer).
 */
export const W3C_KEYS = {
  Backspace: "\uE003",
  Tab: "\uE004",
  Enter: "\uE007",
  Shift: "\uE008",
  Control: "\uE009",
  Alt: "\uE00A",
  Escape: "\uE00C",
  PageUp: "\uE00E",
  PageDown: "\uE00F",
  End: "\uE010",
  Home: "\uE011",
  ArrowLeft: "\uE012",
  ArrowUp: "\uE013",
  ArrowRight: "\uE014",
  ArrowDown: "\uE015",
  Insert: "\uE016",
  Delete: "\uE017",
  Meta: "\uE03D",
  ...Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => [`F${i + 1}`, String.fromCharCode(0xe031 + i)]),
  ),
};

/** The W3C value for one DOM key name; a single character is itself. */
export function w3cKey(key) {
  if ([...key].length === 1) return key;
  const code = W3C_KEYS[key];
  if (!code) throw new Error(`unknown key "${key}"`);
  return code;
}

/** Rejects with a message naming `what` when `promise` takes longer than `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** In-page snippets; each takes a JSON-encoded selector so no arguments cross the protocol. */
const script = {
  state: (sel) => `
    const el = document.querySelector(${JSON.stringify(sel)});
    if (!el) return { present: false };
    const enabled = !el.disabled && el.getAttribute("aria-disabled") !== "true";
    return { present: true, enabled };`,
  text: (sel) => `
    const el = document.querySelector(${JSON.stringify(sel)});
    if (!el) return null;
    if ("value" in el && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return el.value;
    return el.innerText;`,
  // Focus the element itself when it can take text, else the first editable inside it
  // (CodeMirror's testid may sit on `.cm-editor` while `.cm-content` is the editable), then put
  // the caret at the end: engines differ in where focus() leaves it, so `type` always appends.
  focusForTyping: (sel) => `
    const host = document.querySelector(${JSON.stringify(sel)});
    if (!host) return "missing";
    const editable = (el) => el.isContentEditable || /^(INPUT|TEXTAREA)$/.test(el.tagName);
    const el = editable(host)
      ? host
      : host.querySelector('[contenteditable=""], [contenteditable="true"], input, textarea');
    if (!el) return "not editable";
    el.scrollIntoView({ block: "center" });
    el.focus();
    if (document.activeElement !== el && !el.contains(document.activeElement)) return "not focused";
    if (el.isContentEditable) {
      // End of the last line, inside its deepest element, where a click after the text puts it
      // (not between the editable's child blocks, a place no user can put a caret).
      let node = el;
      while (node.lastChild?.nodeType === Node.ELEMENT_NODE && node.lastChild.tagName !== "BR") {
        node = node.lastChild;
      }
      const range = document.createRange();
      const last = node.lastChild;
      if (last?.nodeType === Node.TEXT_NODE) range.setStart(last, last.length);
      else if (last?.tagName === "BR") range.setStartBefore(last);
      else range.setStart(node, node.childNodes.length);
      range.collapse(true);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    } else {
      try {
        el.setSelectionRange(el.value.length, el.value.length);
      } catch {
        // type=email, number, ...: no selection API; the caret stays where focus put it.
      }
    }
    return "ok";`,
};

/**
 * Builds the engine-neutral `Page` over one backend page.
 * @param {Engine} engine
 * @param {Backend} backend
 * @param {number} defaultTimeoutMs
 * @returns {Page}
 */
function makePage(engine, backend, defaultTimeoutMs) {
  const fail = (message) => new Error(`[${engine}] ${message}`);
  const bounded = (promise, what, ms = defaultTimeoutMs) =>
    withTimeout(promise, ms, `[${engine}] ${what}`);

  /**
   * Evaluates `body` every POLL_MS until `done(result)` or the deadline; returns the last result.
   * An evaluation that throws (the page is navigating, say) is retried, not fatal.
   */
  async function poll(body, done, timeoutMs, what) {
    const deadline = Date.now() + timeoutMs;
    let last = { error: null, result: undefined };
    for (;;) {
      try {
        last = { error: null, result: await bounded(backend.evaluate(body), what) };
        if (done(last.result)) return last;
      } catch (error) {
        last = { error, result: undefined };
      }
      if (Date.now() >= deadline) return last;
      await sleep(POLL_MS);
    }
  }

  async function waitFor(testid, timeoutMs = defaultTimeoutMs) {
    const sel = byTestId(testid);
    const what = `waitFor("${testid}")`;
    const { error, result } = await poll(script.state(sel), (s) => s.present && s.enabled, timeoutMs, what);
    if (result?.present && result.enabled) return;
    throw fail(
      `${what} timed out after ${timeoutMs} ms: ` +
        (error ? error.message : result.present ? "element is present but disabled" : `no element ${sel}`),
    );
  }

  async function text(testid) {
    const value = await bounded(backend.evaluate(script.text(byTestId(testid))), `text("${testid}")`);
    if (value === null) throw fail(`text("${testid}"): no element ${byTestId(testid)}`);
    return value;
  }

  return {
    engine,

    goto: (url) => bounded(backend.goto(url, defaultTimeoutMs * 3), `goto(${url})`, defaultTimeoutMs * 3 + 1_000),

    async click(testid) {
      await waitFor(testid);
      await bounded(backend.click(byTestId(testid), defaultTimeoutMs), `click("${testid}")`, defaultTimeoutMs + 1_000);
    },

    async type(testid, value) {
      await waitFor(testid);
      const focused = await bounded(backend.evaluate(script.focusForTyping(byTestId(testid))), `type("${testid}")`);
      if (focused !== "ok") throw fail(`type("${testid}"): element ${focused}`);
      // Enter and Tab are keys, not characters: send them as presses between runs of text.
      for (const part of String(value).split(/(\r?\n|\t)/)) {
        if (part === "") continue;
        const what = `type("${testid}", ${JSON.stringify(part)})`;
        if (part === "\t") await bounded(backend.pressChord(["Tab"]), what);
        else if (part === "\n" || part === "\r\n") await bounded(backend.pressChord(["Enter"]), what);
        else await bounded(backend.typeChars(part), what, defaultTimeoutMs + part.length * 50);
      }
    },

    press: (key) => bounded(backend.pressChord(parseChord(key)), `press("${key}")`),

    text,

    async waitForText(testid, substring, timeoutMs = defaultTimeoutMs) {
      const sel = byTestId(testid);
      const what = `waitForText("${testid}")`;
      const found = (text) => text !== null && text.includes(substring);
      const { error, result } = await poll(script.text(sel), found, timeoutMs, what);
      if (!error && found(result)) return result;
      const actual = error ? `<error: ${error.message}>` : result === null ? `<no element ${sel}>` : JSON.stringify(result);
      throw fail(
        `${what} timed out after ${timeoutMs} ms\n` +
          `  expected text containing: ${JSON.stringify(substring)}\n` +
          `  actual text: ${actual}`,
      );
    },

    waitFor,

    async eval(body) {
      // WebDriver's JSON has no `undefined` (WebKit would say null): box the result so every
      // engine gives back exactly what the body returned.
      const boxed = await bounded(
        backend.evaluate(`const value = await (async () => {\n${body}\n})();\n` +
          `return value === undefined ? { undefined: true } : { value };`),
        "eval",
      );
      return boxed.undefined ? undefined : boxed.value;
    },

    async screenshot(path) {
      await mkdir(dirname(path), { recursive: true });
      await bounded(backend.screenshot(path), `screenshot(${path})`);
    },

    close: () => bounded(backend.close(), "close"),
  };
}
