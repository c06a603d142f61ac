// Turns the learner's ES module (or CommonJS) source into a function the runtime can call,
// keeping every line where the learner wrote it so errors point at their own lines.
// acorn parses the source: syntax errors come with line and column, and import/export
// statements, `import()`, `import.meta` and `throw` are found by the parser, never by a regex
// that could be fooled by strings, template literals, comments or regular expressions.

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

/** The name of the function the learner's top level runs in; stack.mjs knows its frames by it. */
export const MAIN = "__pg_main";

/** The parameters the learner's code sees as free variables. */
export const SCOPE = ["__import", "__exports", "__dynamicImport", "__importMeta", "__thrown", "require", "module", "exports", "console", "process", "setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate", "Buffer", "global", "globalThis", "__filename", "__dirname", "fetch", "queueMicrotask"];

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

/** Calls `visit(node, inFunction)` for every node under `node`. */
function walk(node, visit, inFunction = false) {
  visit(node, inFunction);
  const inner = inFunction || /Function/.test(node.type);
  for (const key in node) {
    const value = node[key];
    if (key === "loc" || !value || typeof value !== "object") continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child.type === "string") walk(child, visit, inner);
    }
  }
}

/**
 * The edits that make the learner's module runnable as a function body: `[start, end, text]`
 * replacing `code.slice(start, end)`, sorted. `sites` collects where each `throw` is, so a
 * crash report can point at the throw as Node does (V8 knows it; plain JavaScript does not).
 */
function edits(ast, sites) {
  const out = [];
  const importCall = (src) => `__import(${JSON.stringify(src)})`;
  for (const node of ast.body) {
    if (node.type === "ImportDeclaration") {
      const src = importCall(node.source.value);
      const parts = [];
      for (const s of node.specifiers) {
        if (s.type === "ImportDefaultSpecifier") parts.push(`const ${s.local.name} = ${src}.default;`);
        else if (s.type === "ImportNamespaceSpecifier") parts.push(`const ${s.local.name} = ${src};`);
        else {
          const imported = s.imported.type === "Identifier" ? s.imported.name : s.imported.value;
          parts.push(`const ${s.local.name} = ${src}[${JSON.stringify(imported)}];`);
        }
      }
      if (parts.length === 0) parts.push(`${src};`);
      out.push([node.start, node.end, parts.join(" ")]);
    } else if (node.type === "ExportNamedDeclaration") {
      if (node.declaration) out.push([node.start, node.declaration.start, ""]);
      else out.push([node.start, node.end, node.source ? `${importCall(node.source.value)};` : ""]);
    } else if (node.type === "ExportDefaultDeclaration") {
      const decl = node.declaration;
      const named = (decl.type === "FunctionDeclaration" || decl.type === "ClassDeclaration") && decl.id;
      out.push([node.start, decl.start, named ? "" : "__exports.default = "]);
    } else if (node.type === "ExportAllDeclaration") {
      out.push([node.start, node.end, `${importCall(node.source.value)};`]);
    }
  }
  walk(ast, (node) => {
    if (node.type === "ImportExpression") out.push([node.start, node.start + "import".length, "__dynamicImport"]);
    else if (node.type === "MetaProperty" && node.meta.name === "import") out.push([node.start, node.end, "__importMeta"]);
    else if (node.type === "ThrowStatement") {
      sites.push({ line: node.loc.start.line, column: node.loc.start.column });
      out.push([node.argument.start, node.argument.start, `__thrown(${sites.length - 1}, (`], [node.argument.end, node.argument.end, "))"]);
    }
  });
  // Insertions before replacements that start at the same place; no two replacements overlap.
  return out.sort((a, b) => a[0] - b[0] || (a[1] - a[0]) - (b[1] - b[0]));
}

/**
 * Node 20 runs a file as an ES module (strict) when it has import/export, `import.meta` or a
 * top-level `await`; anything else as CommonJS.
 */
function isModuleSyntax(ast) {
  let module = false;
  walk(ast, (node, inFunction) => {
    if (/^(Import|Export)/.test(node.type) && node.type !== "ImportExpression") module = true;
    else if (node.type === "MetaProperty" && node.meta.name === "import") module = true;
    else if (!inFunction && (node.type === "AwaitExpression" || (node.type === "ForOfStatement" && node.await))) module = true;
  });
  return module;
}

/**
 * Applies `edits` to `code` after `prefix`, keeping every line on its line. Returns the text and
 * `column(line, column)`, which maps a 1-based position in the text back to the learner's.
 */
function applyEdits(code, edits, prefix) {
  let out = prefix;
  let line = 1;
  let col = prefix.length;
  // Per generated line, `[generatedColumn, originalColumn, inside]` from left to right; inside
  // an edit's own text every column maps to where the edit starts.
  const anchors = new Map();
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === "\n") lineStarts.push(i + 1);
  const columnOf = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return offset - lineStarts[lo];
  };
  const anchor = (offset, inside) => {
    if (!anchors.has(line)) anchors.set(line, []);
    anchors.get(line).push([col, columnOf(offset), inside]);
  };
  const append = (text) => {
    out += text;
    const last = text.lastIndexOf("\n");
    if (last === -1) col += text.length;
    else {
      line += text.split("\n").length - 1;
      col = text.length - last - 1;
    }
  };
  anchor(0, false);
  let pos = 0;
  for (const [start, end, text] of edits) {
    append(code.slice(pos, start));
    anchor(start, true);
    append(text + "\n".repeat((code.slice(start, end).match(/\n/g) || []).length));
    anchor(end, false);
    pos = end;
  }
  append(code.slice(pos));
  const column = (ln, c) => {
    let best = null;
    for (const a of anchors.get(ln) ?? []) if (a[0] <= c - 1) best = a;
    if (!best) return c;
    return best[2] ? best[1] + 1 : best[1] + (c - 1 - best[0]) + 1;
  };
  return { text: out, column };
}

let runs = 0;

/**
 * Compiles learner code into `function __pg_main(scope...) {...}` (async for an ES module,
 * whose top level may `await`) and describes the source for stack traces: `{ fn, source }`.
 * The wrapper stays on line 1 so the learner's line N is line N of the evaluated source;
 * `sourceURL` names the learner's file in stack traces, under a directory unique to this run,
 * so a stack tells which run it came from.
 */
export function compile(code, filename) {
  const ast = parseProgram(code);
  const isModule = isModuleSyntax(ast);
  const throwSites = [];
  // The learner's code sits in its own block, so its top-level `const setTimeout = ...` or
  // `import { Buffer } from "node:buffer"` shadows the parameters instead of clashing.
  // A module may `await` at its top level; CommonJS cannot, and runs (or throws) at once.
  const prefix = isModule ? `(async function ${MAIN}(${SCOPE.join(", ")}) {"use strict";{` : `(function ${MAIN}(${SCOPE.join(", ")}) {{`;
  const { text, column } = applyEdits(code, edits(ast, throwSites), prefix);
  const url = `pg${++runs}/${filename}`;
  const source = {
    filename,
    /** The file as V8 and the others name it in `err.stack`. */
    url,
    isModule,
    /** The file as Node names it in stack traces and crash reports. */
    location: isModule ? `file:///app/${filename}` : `/app/${filename}`,
    lines: code.split("\n"),
    throwSites,
    column,
  };
  // Indirect eval: global scope, so the runtime's own variables are out of reach.
  const fn = (0, eval)(`${text}\n}})\n//# sourceURL=${url}`);
  return { fn, source };
}
