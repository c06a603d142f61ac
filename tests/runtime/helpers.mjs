// Shared set-up for the runtime's Node tests: the built package and curl's default headers.
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The package under test: `pkg/` by default, or `PLAYGROUND_PKG` (a path to an index.mjs). */
const PKG_ENTRY = process.env.PLAYGROUND_PKG
  ? pathToFileURL(path.resolve(process.env.PLAYGROUND_PKG)).href
  : new URL("../../pkg/index.mjs", import.meta.url).href;
export const { createPlayground } = await import(PKG_ENTRY);

export const SEED = `import express from "express";
const app = express();
app.use(express.json());
app.post("/api/background-workers", (req, res) => res.json({ success: true, processed: req.body }));
`;

/** The headers curl 8 sends, so requests look like the terminal's. */
export function curlHeaders(extra = []) {
  return [["Host", "localhost:3000"], ["User-Agent", "curl/8.7.1"], ["Accept", "*/*"], ...extra];
}

export async function playground(code) {
  const logs = [];
  const pg = await createPlayground({ onLog: (stream, text) => logs.push({ stream, text }) });
  const run = code === undefined ? null : await pg.run(code);
  return { pg, run, logs };
}
