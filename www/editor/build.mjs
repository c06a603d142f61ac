// Bundles the CodeMirror editor (index.js) into www/generated/editor.js.
// Trunk runs this as its pre_build hook (Trunk.toml), before it processes www/index.html.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

await build({
  entryPoints: [here("./index.js")],
  outfile: here("../generated/editor.js"),
  bundle: true,
  format: "iife",
  globalName: "playgroundEditor",
  target: ["es2020"],
  minify: true,
  legalComments: "eof",
  logLevel: "warning",
});
