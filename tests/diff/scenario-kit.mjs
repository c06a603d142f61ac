/**
 * Small helpers that keep scenario tables readable. Scenarios stay plain
 * data: these only build the `code` strings and header lists.
 */
import { deflateSync, gzipSync } from "node:zlib";

export { curl } from "./requests.mjs";

/**
 * The boilerplate every learner writes around their routes:
 *   import express from "express"; const app = express(); ... app.listen(3000);
 * `imports` adds import lines (cookie-parser, cors, morgan).
 */
export function app(body, { imports = [] } = {}) {
  return [
    'import express from "express";',
    ...imports,
    "",
    "const app = express();",
    "",
    dedent(body),
    "",
    "app.listen(3000);",
    "",
  ].join("\n");
}

/** Removes the common indentation of a template literal so the code reads like a file. */
export function dedent(text) {
  const lines = text.replace(/^\n/, "").replace(/\n\s*$/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

/** A JSON request body, sent with curl's headers plus Content-Type: application/json. */
export const json = (method, url, body) => ({ method, url, type: "application/json", body: typeof body === "string" ? body : JSON.stringify(body) });

/** A compressed request body (bytes), as `curl --data-binary @body.gz` sends it. */
export const gzip = (text) => gzipSync(text);
export const deflate = (text) => deflateSync(text);
