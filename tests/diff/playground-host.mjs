/**
 * Runs one scenario on the playground (pkg/index.mjs, the headless API of
 * the Rust+wasm engine), the side under test.
 *
 * The playground receives exactly the same request list as real Express
 * (see requests.mjs), including the headers Node's client would add.
 *
 * Server log: the API returns the start-up logs from run(); for lines
 * written while handling requests this adapter takes, in order of
 * preference, `pg.logs` (array, or function returning one) if the
 * playground exposes the whole log there, else run.logs followed by each
 * response's own `logs` array if responses carry one. An entry may be a
 * string or `{ stream, text }`; entries are split into lines, because the
 * real side sees stdout as lines too.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { effectiveRequest } from "./requests.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The package under test: `pkg/` by default, or `PLAYGROUND_PKG` (a path to an index.mjs). */
export const PKG_ENTRY = process.env.PLAYGROUND_PKG
  ? path.resolve(process.env.PLAYGROUND_PKG)
  : path.resolve(HERE, "../../pkg/index.mjs");

let modulePromise;
export function playgroundAvailable() {
  return existsSync(PKG_ENTRY);
}

/**
 * @returns {Promise<{logs: string[], responses: object[], error: string|null}>}
 *   same shape as runOnExpress().
 */
export async function runOnPlayground(scenario) {
  modulePromise ??= import(pathToFileURL(PKG_ENTRY).href);
  const { createPlayground } = await modulePromise;
  const result = { logs: [], responses: [], error: null };
  const pg = await createPlayground();
  try {
    const run = await pg.run(scenario.code, { filename: "server.js" });
    const logs = [...(run.logs ?? [])];
    if (!run.ok) {
      const e = run.error ?? {};
      result.error = `run failed: ${e.message} (line ${e.line}, column ${e.column})`;
      result.logs = toLines(logs);
      return result;
    }
    for (const r of scenario.requests) {
      const req = effectiveRequest(r);
      try {
        const res = await pg.request({ method: req.method, url: req.url, headers: req.headers, body: req.body });
        if (res.error) result.responses.push({ error: `playground request failed: ${JSON.stringify(res)}` });
        else result.responses.push({ status: res.status, statusText: res.statusText, rawHeaders: res.rawHeaders, body: res.body });
        if (Array.isArray(res.logs)) logs.push(...res.logs);
      } catch (e) {
        result.responses.push({ error: `request threw: ${e?.message ?? e}` });
      }
    }
    // Let anything logged on response finish (morgan) land, as the real side does.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const all = typeof pg.logs === "function" ? pg.logs() : pg.logs;
    result.logs = toLines(Array.isArray(all) ? all : logs);
  } catch (e) {
    result.error = `playground threw: ${e?.stack ?? e}`;
  } finally {
    try {
      await pg.stop?.();
    } catch (e) {
      result.error ??= `playground stop() threw: ${e?.message ?? e}`;
    }
  }
  return result;
}

/** Log entries (strings or `{ text }`) as single lines. */
function toLines(entries) {
  return entries.flatMap((e) => String(typeof e === "string" ? e : e?.text ?? "").replace(/\n$/, "").split("\n"));
}
