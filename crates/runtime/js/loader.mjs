// Turns the learner's ES module (or CommonJS) source into a function the runtime can call,
// keeping every line where the learner wrote it so errors point at their own lines.
// acorn parses the source: syntax errors come with line and column, and import/export
// statements, `import()`, `import.meta` and `throw` are found by the parser, never by a regex
// that could be fooled by strings, template literals, comments or regular expressions.

import { parse, tokenizer } from "acorn";
import { NODE_VERSION } from "./fatal.mjs";

/**
 * A syntax error in the learner's code, with the learner's line and column (1-based), in the
 * JS engine's words (V8's are Node's), and `report`: what `node server.js` prints for it.
 */
export class LearnerSyntaxError extends Error {
  constructor(message, line, column, report) {
    super(message);
    this.name = "SyntaxError";
    this.line = line;
    this.column = column;
    this.report = report;
  }
}

/** Node 20.20.2's frames under a syntax error, as CommonJS and as an ES module. */
const SYNTAX_FRAMES = {
  script: ["wrapSafe (node:internal/modules/cjs/loader:1464:18)", "Module._compile (node:internal/modules/cjs/loader:1495:20)", "Module._extensions..js (node:internal/modules/cjs/loader:1623:10)", "Module.load (node:internal/modules/cjs/loader:1266:32)", "Module._load (node:internal/modules/cjs/loader:1091:12)", "Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)", "node:internal/main/run_main_module:28:49"],
  module: ["compileSourceTextModule (node:internal/modules/esm/utils:346:16)", "ModuleLoader.moduleStrategy (node:internal/modules/esm/translators:146:18)", "#translate (node:internal/modules/esm/loader:497:12)", "ModuleLoader.loadAndTranslate (node:internal/modules/esm/loader:544:27)", "async ModuleJob._link (node:internal/modules/esm/module_job:148:19)"],
};

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
function parseProgram(code, filename) {
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
    const asModule = MODULE_ONLY.test(scriptError?.message ?? "");
    throw learnerSyntaxError(asModule ? e : scriptError, code, filename, asModule);
  }
}

/**
 * The learner-facing error for acorn's `e`: acorn finds where, and the JS engine's own parser
 * says what, in its own words (V8's are Node's: "missing ) after argument list" where acorn
 * says "Unexpected token"). The report is laid out as Node lays it out, the carets under the
 * token acorn stopped at.
 */
function learnerSyntaxError(e, code, filename, isModule) {
  if (!(e instanceof SyntaxError && e.loc)) return e;
  const atEnd = e.pos >= code.length;
  // Wrapped in a function, an unclosed block would meet the wrapper's `}`: V8's words for
  // running out of file are known.
  const acorns = e.message.replace(/ \(\d+:\d+\)$/, "");
  const message = atEnd ? "Unexpected end of input" : (WRAPPER_HIDES[acorns] ?? engineMessage(code, isModule) ?? acorns);
  const lines = code.split("\n");
  const { line, column } = e.loc;
  const text = lines[line - 1] ?? "";
  const carets = atEnd ? "" : text.slice(0, column).replace(/[^\t]/g, " ") + "^".repeat(tokenLength(code, e.pos, text.length - column, isModule));
  const location = isModule ? `file:///app/${filename}` : `/app/${filename}`;
  const stack = `SyntaxError: ${message}\n${SYNTAX_FRAMES[isModule ? "module" : "script"].map((f) => `    at ${f}`).join("\n")}`;
  const report = `${location}:${line}\n${text}\n${carets}\n\n${stack}\n\nNode.js ${NODE_VERSION}`;
  return new LearnerSyntaxError(message, line, column + 1, report);
}

/** What the function wrapper lets through, in V8's words: acorn's message → V8's. */
const WRAPPER_HIDES = {
  "'return' outside of function": "Illegal return statement",
  "'new.target' can only be used in functions and class static block": "new.target expression is not allowed here",
};

/**
 * How many characters V8 underlines at `pos`: the token there, or the rest of the line for
 * one that does not end (an unterminated string).
 */
function tokenLength(code, pos, restOfLine, isModule) {
  try {
    const token = tokenizer(code.slice(pos), { ecmaVersion: "latest", sourceType: isModule ? "module" : "script" }).getToken();
    return Math.max(1, Math.min(token.end - token.start, restOfLine));
  } catch {
    return Math.max(1, restOfLine);
  }
}

/**
 * The engine's message for the syntax error in `code`, if its parser rejects the file too:
 * CommonJS is parsed as Node wraps it, in a function; a module in a strict async function,
 * with its import and export syntax blanked out first (a function body may not have them).
 * The function is only parsed, never called.
 */
function engineMessage(code, isModule) {
  const wrapped = isModule ? `(async function () {"use strict";${withoutModuleSyntax(code)}\n})` : `(function () {${code}\n})`;
  try {
    (0, eval)(wrapped);
  } catch (e) {
    if (e instanceof SyntaxError) return e.message;
  }
  return undefined;
}

/**
 * `code` with its import and export declarations blanked (newlines kept): `import x from "y"`
 * and `export { a }` go, `export default` becomes `void`, `export const` loses `export`, and
 * `import.meta` becomes an object. Read from acorn's tokens, as far as they can be read.
 */
function withoutModuleSyntax(code) {
  const chars = [...code];
  const blank = (start, end, text = "") => {
    for (let i = start; i < end; i++) if (chars[i] !== "\n") chars[i] = i - start < text.length ? text[i - start] : " ";
  };
  const tokens = [];
  try {
    for (const t of tokenizer(code, { ecmaVersion: "latest", sourceType: "module", allowHashBang: true })) tokens.push(t);
  } catch {
    // Up to the token that does not lex: the engine stops there too.
  }
  const label = (t) => t?.type.label;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const kind = label(t);
    if (kind === "{" || kind === "${") depth++;
    else if (kind === "}") depth--;
    else if (kind === "import" && label(tokens[i + 1]) === ".") blank(t.start, t.end, "({})");
    else if (kind === "import" && depth === 0 && label(tokens[i + 1]) !== "(") i = blankDeclaration(tokens, i, blank);
    else if (kind === "export" && depth === 0) {
      const next = tokens[i + 1];
      if (label(next) === "default") blank(t.start, next.end, "void");
      else if (label(next) === "{" || label(next) === "*") i = blankDeclaration(tokens, i, blank);
      else blank(t.start, t.end);
    }
  }
  return chars.join("");
}

/**
 * Blanks the declaration starting at `tokens[i]` through its module string, or an export
 * list's `}`, and its `;`. Returns the index of its last token.
 */
function blankDeclaration(tokens, i, blank) {
  let j = i + 1;
  if (tokens[i].type.label === "export" && tokens[j]?.type.label === "{") {
    while (j < tokens.length && tokens[j].type.label !== "}") j++;
    if (tokens[j + 1]?.value === "from") j += 2;
  } else {
    while (j < tokens.length && tokens[j].type.label !== "string") j++;
  }
  // Import attributes: `with { type: "json" }`.
  if (tokens[j + 1]?.value === "with") while (j < tokens.length && tokens[j].type.label !== "}") j++;
  if (tokens[j + 1]?.type.label === ";") j++;
  const end = tokens[Math.min(j, tokens.length - 1)];
  blank(tokens[i].start, end.end);
  return j;
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
  const { ast, isModule } = parseProgram(code, filename);
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
