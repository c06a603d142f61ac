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

/** CommonJS's own variables, which an ES module does not have (`require is not defined`). */
const COMMONJS_ONLY = new Set(["require", "module", "exports", "__filename", "__dirname"]);

/** acorn's words for the syntax only an ES module may have. */
const MODULE_ONLY = /^('import' and 'export' may appear only with 'sourceType: module'|Cannot use keyword 'await' outside an async function|Cannot use 'import\.meta' outside a module)/;

/**
 * Parses the learner's file as Node 20 reads `node server.js` without a package.json: as
 * CommonJS (a sloppy-mode script, where `return` may end the top level), or, when it uses
 * syntax only a module has, as an ES module. Returns `{ ast, isModule }`.
 */
function parseProgram(code) {
  const base = { ecmaVersion: "latest", allowHashBang: true, locations: true };
  let scriptError;
  try {
    return { ast: parse(code, { ...base, sourceType: "script", allowReturnOutsideFunction: true }), isModule: false };
  } catch (e) {
    scriptError = e;
  }
  try {
    return { ast: parse(code, { ...base, sourceType: "module", allowAwaitOutsideFunction: true }), isModule: true };
  } catch (e) {
    throw learnerSyntaxError(MODULE_ONLY.test(scriptError?.message ?? "") ? e : scriptError);
  }
}

function learnerSyntaxError(e) {
  if (e instanceof SyntaxError && e.loc) return new LearnerSyntaxError(e.message.replace(/ \(\d+:\d+\)$/, ""), e.loc.line, e.loc.column + 1);
  return e;
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
  for (const node of ast.body) {
    // Imports are linked before the module runs (see `links`) and bound on the wrapper's line.
    if (node.type === "ImportDeclaration" || node.type === "ExportAllDeclaration") out.push([node.start, node.end, ""]);
    else if (node.type === "ExportNamedDeclaration") {
      if (node.declaration) out.push([node.start, node.declaration.start, ""]);
      else out.push([node.start, node.end, ""]);
    } else if (node.type === "ExportDefaultDeclaration") {
      const decl = node.declaration;
      const named = (decl.type === "FunctionDeclaration" || decl.type === "ClassDeclaration") && decl.id;
      out.push([node.start, decl.start, named ? "" : "__exports.default = "]);
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
 * What Node links before any line of a module runs, in source order: each static import's
 * specifier and the names it asks for, with where the learner wrote them.
 */
function links(ast) {
  const out = [];
  const nameOf = (n) => (n.type === "Identifier" ? n.name : n.value);
  const at = (n) => ({ line: n.loc.start.line, column: n.loc.start.column, length: n.end - n.start });
  for (const node of ast.body) {
    if (!node.source || !/^(Import|ExportNamed|ExportAll)Declaration$/.test(node.type)) continue;
    const names = [];
    for (const s of node.specifiers ?? []) {
      if (s.type === "ImportSpecifier") names.push({ name: nameOf(s.imported), ...at(s.imported) });
      else if (s.type === "ExportSpecifier") names.push({ name: nameOf(s.local), ...at(s.local) });
    }
    out.push({ specifier: node.source.value, ...at(node.source), names });
  }
  return out;
}

/** The `const` bindings of the static imports, for the wrapper's first line. */
function bindings(ast) {
  const out = [];
  for (const node of ast.body) {
    if (node.type !== "ImportDeclaration") continue;
    const src = `__import(${JSON.stringify(node.source.value)})`;
    for (const s of node.specifiers) {
      if (s.type === "ImportDefaultSpecifier") out.push(`const ${s.local.name} = ${src}.default;`);
      else if (s.type === "ImportNamespaceSpecifier") out.push(`const ${s.local.name} = ${src.slice(0, -1)}, true);`);
      else {
        const imported = s.imported.type === "Identifier" ? s.imported.name : s.imported.value;
        out.push(`const ${s.local.name} = ${src}[${JSON.stringify(imported)}];`);
      }
    }
  }
  return out.join(" ");
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
  const { ast, isModule } = parseProgram(code);
  const throwSites = [];
  // The learner's code sits in its own block, so its top-level `const setTimeout = ...` or
  // `import { Buffer } from "node:buffer"` shadows the parameters instead of clashing.
  // A module may `await` at its top level; CommonJS cannot, and runs (or throws) at once.
  // An import binds its names before the module's first line runs, as Node's linking does;
  // the bindings share the wrapper's line, so the learner's lines keep their numbers.
  const params = isModule ? SCOPE.filter((name) => !COMMONJS_ONLY.has(name)) : SCOPE;
  const prefix = isModule ? `(async function ${MAIN}(${params.join(", ")}) {"use strict";{${bindings(ast)}` : `(function ${MAIN}(${params.join(", ")}) {{`;
  const { text, column } = applyEdits(code, edits(ast, throwSites), prefix);
  const url = `pg${++runs}/${filename}`;
  const source = {
    filename,
    /** The file as V8 and the others name it in `err.stack`. */
    url,
    isModule,
    /** The names the compiled function takes, a subset of `SCOPE`, in order. */
    params,
    /** The static imports, linked before the module runs (see `links`). */
    imports: links(ast),
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
