// Shared set-up for the runtime's Node tests: the built package and curl's default headers.
import { createPlayground } from "../../pkg/index.mjs";

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
