// Turns the learner's ES module (or CommonJS) source into a function the runtime can call,
// keeping every line where the learner wrote it so errors point at their own lines.
// acorn parses the source: syntax errors come with line and column, and import/export
// statements are found by the parser, never by a regex that could be fooled by strings,
// template literals, comments or regular expressions.

import { parse } from "acorn";

/** A syntax error in the learner's code, with the learner's line and column (1-based). */
export class LearnerSyntaxError extends Error {
  constructor(message, line, column) {
    super(message);
    this.name = "SyntaxError";
    this.line = line;
    this.column = column;
  }
}

function parseProgram(code) {
  const opts = { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true, allowHashBang: true, locations: true };
  try {
    return parse(code, opts);
  } catch (e) {
    if (e instanceof SyntaxError && e.loc) {
      const message = e.message.replace(/ \(\d+:\d+\)$/, "");
      throw new LearnerSyntaxError(message, e.loc.line, e.loc.column + 1);
    }
    throw e;
  }
}

/** Replaces `[start, end)` of `code` by `text` padded with the newlines it spanned. */
function keepLines(code, start, end, text) {
  const newlines = (code.slice(start, end).match(/\n/g) || []).length;
  return text + "\n".repeat(newlines);
}

/**
 * Rewrites imports to `__import(...)` calls and strips `export` keywords. Returns source to
 * be wrapped in an async function (so top-level `await` works).
 */
export function rewriteModule(code) {
  return rewrite(code).body;
}

/** Node runs a file with import/export as an ES module (strict), anything else as CommonJS. */
function rewrite(code) {
  const ast = parseProgram(code);
  const isModule = ast.body.some((n) => /^(Import|Export)/.test(n.type));
  const edits = [];
  for (const node of ast.body) {
    if (node.type === "ImportDeclaration") {
      const src = JSON.stringify(node.source.value);
      const parts = [];
      for (const s of node.specifiers) {
        if (s.type === "ImportDefaultSpecifier") parts.push(`const ${s.local.name} = __import(${src}).default;`);
        else if (s.type === "ImportNamespaceSpecifier") parts.push(`const ${s.local.name} = __import(${src});`);
        else {
          const imported = s.imported.type === "Identifier" ? s.imported.name : s.imported.value;
          parts.push(`const ${s.local.name} = __import(${src})[${JSON.stringify(imported)}];`);
        }
      }
      if (parts.length === 0) parts.push(`__import(${src});`);
      edits.push([node.start, node.end, parts.join(" ")]);
    } else if (node.type === "ExportNamedDeclaration") {
      if (node.declaration) edits.push([node.start, node.declaration.start, ""]);
      else edits.push([node.start, node.end, node.source ? `__import(${JSON.stringify(node.source.value)});` : ""]);
    } else if (node.type === "ExportDefaultDeclaration") {
      const decl = node.declaration;
      if ((decl.type === "FunctionDeclaration" || decl.type === "ClassDeclaration") && decl.id) {
        edits.push([node.start, decl.start, ""]);
      } else {
        edits.push([node.start, decl.start, "__exports.default = "]);
      }
    } else if (node.type === "ExportAllDeclaration") {
      edits.push([node.start, node.end, `__import(${JSON.stringify(node.source.value)});`]);
    }
  }
  let out = "";
  let pos = 0;
  for (const [start, end, text] of edits) {
    out += code.slice(pos, start) + keepLines(code, start, end, text);
    pos = end;
  }
  return { body: out + code.slice(pos), isModule };
}

/** The parameters the learner's code sees as free variables. */
export const SCOPE = ["__import", "__exports", "require", "module", "exports", "console", "process", "setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate", "Buffer", "global", "globalThis", "__filename", "__dirname", "fetch", "queueMicrotask"];

/**
 * Compiles learner code into `async (scope...) => {...}`. The wrapper stays on line 1 so the
 * learner's line N is line N of the evaluated source; `sourceURL` names the learner's file in
 * stack traces.
 */
export function compile(code, filename) {
  const { body, isModule } = rewrite(code);
  // The learner's code sits in its own block, so its top-level `const setTimeout = ...` or
  // `import { Buffer } from "node:buffer"` shadows the parameters instead of clashing.
  const strict = isModule ? '"use strict";' : "";
  const source = `(async function (${SCOPE.join(", ")}) {${strict}{${body}\n}})\n//# sourceURL=${filename}`;
  // Indirect eval: global scope, so the runtime's own variables are out of reach.
  return (0, eval)(source);
}
