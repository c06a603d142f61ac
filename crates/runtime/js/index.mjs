// The headless API: `createPlayground()` in Node ≥ 20 or a browser / worker.
//   const pg = await createPlayground();
//   await pg.run(code);  await pg.request({ method, url, headers, body });  await pg.exec("curl ...");

import init, * as glue from "runtime-glue";
import { Playground } from "./playground.mjs";

let ready = null;

/** Loads the wasm once per JS realm. */
async function loadWasm(wasmUrl) {
  if (!ready) {
    ready = (async () => {
      const url = wasmUrl ?? new URL("./runtime_bg.wasm", import.meta.url);
      if (typeof process !== "undefined" && process.versions?.node && String(url).startsWith("file:")) {
        const { readFile } = await import("node:fs/promises");
        await init({ module_or_path: await readFile(url) });
      } else {
        await init({ module_or_path: url });
      }
      return glue;
    })();
  }
  return ready;
}

export async function createPlayground(options = {}) {
  const wasm = await loadWasm(options.wasmUrl);
  return new Playground(wasm, options);
}
