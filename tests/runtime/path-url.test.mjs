// node:path and node:url side by side with real Node 20: many calls run in one learner program on
// the playground and, in this process, through Node's own modules, and every result (value, or
// error name, code, message and toString()) must be the same. The playground's server runs in
// /app, so Node's calls run with process.cwd() answering "/app" (Node's path.resolve reads
// process.cwd() at each call); whole programs compared with `node server.js` (in a directory
// the comparison renames /app) check __dirname, import.meta.url and the imports.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import nodePath from "node:path";
import nodeUrl from "node:url";
import { runBoth } from "./differential.mjs";
import { playground } from "./helpers.mjs";

before(() => process.removeAllListeners("unhandledRejection"));

/**
 * What a call gave, as JSON both sides can print: a value (URLs as their href, functions as
 * name and length, objects one level deep with their prototype), or the error it threw.
 */
const SHOW = `function show(call) {
  const describe = (v, depth = 1) => {
    if (v === undefined) return { undefined: true };
    if (typeof v === "bigint") return { bigint: String(v) };
    if (v instanceof URL) return { URL: v.href };
    if (typeof v === "function") return { function: v.name, length: v.length };
    if (v === null || typeof v !== "object") return v;
    if (depth === 0) return { object: true };
    const proto = Object.getPrototypeOf(v);
    return { proto: proto === null ? null : proto.constructor.name, entries: Object.entries(v).map(([k, x]) => [k, describe(x, depth - 1)]) };
  };
  try {
    return { value: describe(call()) };
  } catch (e) {
    return { error: { name: e.name, constructor: e.constructor.name, code: e.code, message: e.message, string: String(e), head: String(e.stack).split("\\n")[0], keys: Object.keys(e), input: e.input } };
  }
}`;

/** Each expression in `exprs` (over `path` and `url`) as the playground computes it. */
async function onPlayground(exprs) {
  const code = `const path = require("path");
const url = require("url");
${SHOW}
const calls = [\n${exprs.map((e) => `  () => (${e}),`).join("\n")}\n];
for (const call of calls) console.log(JSON.stringify(show(call)));
`;
  const { run, logs } = await playground(code);
  assert.equal(run.ok, true, run.error?.stack);
  assert.equal(logs.length, exprs.length, JSON.stringify(logs.slice(-3)));
  return logs.map((l) => JSON.parse(l.text));
}

/** The same expressions through Node's own modules, with process.cwd() as "/app". */
function onNode(exprs) {
  const show = new Function(`return ${SHOW}`)();
  const calls = new Function("path", "url", `return [${exprs.map((e) => `() => (${e})`).join(",\n")}];`)(nodePath, nodeUrl);
  const cwd = process.cwd;
  process.cwd = () => "/app";
  try {
    return calls.map((call) => JSON.parse(JSON.stringify(show(call))));
  } finally {
    process.cwd = cwd;
  }
}

/** Asserts that every expression gives the same on both sides; returns how many there were. */
async function sameAsNode(exprs) {
  const ours = await onPlayground(exprs);
  const theirs = onNode(exprs);
  const differ = exprs.filter((_, i) => JSON.stringify(ours[i]) !== JSON.stringify(theirs[i]));
  assert.deepEqual(
    differ.map((e) => [e, ours[exprs.indexOf(e)]]),
    differ.map((e) => [e, theirs[exprs.indexOf(e)]]),
  );
  return exprs.length;
}

const q = (v) => JSON.stringify(v);

/** Paths with every edge Node's algorithms treat specially. */
const PATHS = [
  "", ".", "..", "./", "../", "/", "//", "///", "/a", "a", "a/", "a//", "/a/b", "/a/b/", "/a/b//", "//a//b//",
  "/a/b/../../..", "/a/b/../../../c", "a/b/../../..", "../a/../..", "./a/./b/.", "/a/./b/../c/", "a/../", "/..", "/../a",
  "a/b/c.txt", "/a/b/c.tar.gz", ".bashrc", "/home/.bashrc", "a.", "a..", "..a", "a.b.", "/a.b/c", "/a.b/c/", "...", "/...",
  "..txt", "a/.", "a/..", "file.", ".a.b", "x/.hidden.ext", "public/index.html", "/app/server.js", "C:\\x\\y.js", "a b/c d.e",
];
/** Fewer, for the functions of two paths. */
const PAIRS = ["", ".", "..", "/", "/a", "/a/b", "/a/b/", "/a/bc", "/a/b/c", "a", "a/b", "../x", "/a/b/../c", "//a"];
/** What a learner could pass by mistake. */
const NOT_STRINGS = ["5", "null", "undefined", "{}", "[]", "true", "-0", "NaN", "10n", 'Symbol("s")', "() => {}", "function named() {}", "Object.create(null)", "new Date(0)", `"x'y"`, '"a".repeat(40)', "'it\\'s a rather long string'"];

test("path: every function of one path, over paths with every edge", async () => {
  const exprs = [];
  for (const p of PATHS) {
    for (const fn of ["normalize", "isAbsolute", "dirname", "basename", "extname", "parse", "resolve", "toNamespacedPath", "_makeLong"]) exprs.push(`path.${fn}(${q(p)})`);
    exprs.push(`path.format(path.parse(${q(p)}))`, `path.join(${q(p)})`, `path.posix.join(${q(p)}, "x")`);
  }
  assert.ok((await sameAsNode(exprs)) > 500);
});

test("path: join, resolve and relative of two paths, and relative between equal and ancestor paths", async () => {
  const exprs = [];
  for (const a of PAIRS) for (const b of PAIRS) exprs.push(`path.join(${q(a)}, ${q(b)})`, `path.resolve(${q(a)}, ${q(b)})`, `path.relative(${q(a)}, ${q(b)})`);
  exprs.push(
    'path.join()', 'path.resolve()', 'path.join("a", "", "b")', 'path.join("/a", "../..", "b")', 'path.resolve("a", "/b", "c")', 'path.resolve("/a/b", "./c", "../d")',
    'path.relative("/app", "/app")', 'path.relative("/app", "/app/public/css")', 'path.relative("/app/public/css", "/app")', 'path.relative("/", "/app")',
    'path.relative("/app", "/")', 'path.relative("/app", "/application")', 'path.relative("/application", "/app")', 'path.relative("app", "/app")', 'path.relative("", "")',
    'path.relative("/a/b/c", "/a/b/c/")', 'path.relative("/a/b/c/d", "/a/x/y")',
  );
  assert.ok((await sameAsNode(exprs)) > 500);
});

test("path: basename with a suffix, extname and parse/format round trips", async () => {
  const exprs = [];
  for (const [p, ext] of [
    ["a.js", "a.js"], ["/x/a.js", "a.js"], ["/x/a.js", ".js"], ["/x/a.js", "js"], ["/x/a.js/", ".js"], ["/x/a.js//", "a.js"], ["a.js", ".ts"], ["a", "a"], ["/a", "/a"],
    [".js", ".js"], ["aaa", "a"], ["aaa", "aa"], ["/", "/"], ["", ""], ["a.js", ""], ["dir/a.js", "dir/a.js"], ["x.y.z", ".z"], ["x.y.z", "y.z"], ["a.js", "a.js.js"],
  ]) exprs.push(`path.basename(${q(p)}, ${q(ext)})`);
  for (const p of [".bashrc", "a.", "a.b.", ".", "..", "...", ".a.", "a/.b", "/.b.c", "archive.tar.gz", "x/y.z/", "x/y.z//", "/a/b.c/d"]) exprs.push(`path.extname(${q(p)})`, `path.parse(${q(p)})`);
  for (const obj of [
    "{ root: '/', dir: '/home/user', base: 'f.txt' }", "{ root: '/', base: 'f.txt' }", "{ dir: 'd', name: 'n', ext: 'e' }", "{ dir: 'd', name: 'n', ext: '.e' }",
    "{ name: 'n', ext: '' }", "{ base: 'b', name: 'ignored', ext: '.x' }", "{ root: '/' }", "{ dir: '/' , base: 'x' }", "{ root: '/r/', dir: '/r/', base: 'x' }", "{}",
    "{ dir: 5, base: 'x' }", "{ ext: '.' }",
  ]) exprs.push(`path.format(${obj})`);
  assert.ok((await sameAsNode(exprs)) > 50);
});

test("path: Node's ERR_INVALID_ARG_TYPE for each argument that is not a string", async () => {
  const exprs = [];
  for (const v of NOT_STRINGS) {
    exprs.push(`path.join(${v})`, `path.join("a", ${v})`, `path.resolve(${v})`, `path.resolve("a", ${v}, "b")`, `path.normalize(${v})`, `path.relative(${v}, "a")`, `path.relative("a", ${v})`);
    exprs.push(`path.dirname(${v})`, `path.basename(${v})`, `path.basename("a", ${v})`, `path.extname(${v})`, `path.parse(${v})`, `path.isAbsolute(${v})`, `path.format(${v})`, `path.toNamespacedPath(${v})`);
  }
  assert.ok((await sameAsNode(exprs)) > 200);
});

test("path: the module's shape: keys, sep and delimiter, posix, names and lengths", async () => {
  const fns = ["resolve", "normalize", "isAbsolute", "join", "relative", "toNamespacedPath", "dirname", "basename", "extname", "format", "parse", "_makeLong"];
  // matchesGlob (experimental in Node 20) is the one name the playground leaves out.
  const exprs = ['Object.keys(path).filter((k) => k !== "matchesGlob")', "path.sep", "path.delimiter", "path.posix === path", "path.posix.posix === path", "path.win32.win32 === path.win32", "path.win32.posix === path", "path.win32.sep", "path.win32.delimiter"];
  for (const fn of fns) exprs.push(`path.${fn}`);
  await sameAsNode(exprs);
});

test("url: fileURLToPath and pathToFileURL, with Node's encodings and errors", async () => {
  const exprs = [];
  for (const p of ["/", "/a b", "/tmp/100%/x#y?z", "/a\\b", "/t\ta\nb\rc", '/[x]^|~"`{}', "/ü/€/😀", "rel/dir/", "dir/", "", ".", "..", "/a//b/", "/a/./b/..", "/%2F", "space in name.txt", "#hash", "?q"]) {
    exprs.push(`url.pathToFileURL(${q(p)})`, `url.fileURLToPath(url.pathToFileURL(${q(p)}))`, `url.fileURLToPath(url.pathToFileURL(${q(p)}).href)`);
  }
  for (const u of [
    "file:///a/b%2Fc", "file:///a/b%2fc", "file:///a%5Cb", "file:///a%2", "file://host/x", "file://localhost/x/y", "file:///C:/x", "FILE:///X", "file:///a%20b/%C3%BC",
    "file:///%E0%A4%A", "http://example.com/x", "https://x/", "bad", "", "file:", "file://[::1]/x",
  ]) exprs.push(`url.fileURLToPath(${q(u)})`, `url.fileURLToPath(new URL(${q(u)}, "file:///"))`);
  for (const u of ["file:///C:/x/y", "file://server/share/f%20g", "file:///x", "file:///C:/a%2Fb", "file:///C:/a%5cb", "file://xn--nxasmq6b/s"]) exprs.push(`url.fileURLToPath(${q(u)}, { windows: true })`);
  for (const v of NOT_STRINGS.filter((v) => !v.startsWith('"') && !v.startsWith("'"))) exprs.push(`url.fileURLToPath(${v})`, `url.pathToFileURL(${v})`);
  exprs.push('url.fileURLToPath({ href: "file:///x", protocol: "file:", pathname: "/x", hostname: "" })', 'url.fileURLToPath({ href: "file:///x", protocol: "file:", path: "/x" })');
  assert.ok((await sameAsNode(exprs)) > 100);
});

test("url: format of a URL with options, of a legacy url object, and its errors", async () => {
  const exprs = [];
  const urls = ["http://user:pw@xn--nxasmq6b.com:8080/a?b=1#c", "https://example.com/", "http://ü.example/p?q#h", "http://:pw@b.c/", "http://[::1]:3000/x?y", "mailto:a@b.c", "file:///x/y#z", "http://e.com/?#"];
  const options = ["", ", {}", ", { unicode: true }", ", { fragment: false }", ", { search: false }", ", { auth: false }", ", { unicode: 1, fragment: 0, search: null }", ", 5", ", null", ", []"];
  for (const u of urls) for (const o of options) exprs.push(`url.format(new URL(${q(u)})${o})`);
  for (const obj of [
    "{ protocol: 'http', host: 'example.com', pathname: '/a#b?c', query: { q: 'a b', n: 5, arr: ['x', 'y'], empty: [], ok: true, big: 10n, o: {}, e: 1e21, nan: NaN, 'k é': 'ü😀' } }",
    "{ protocol: 'https:', hostname: '::1', port: 8080, pathname: 'x' }", "{ protocol: 'https:', hostname: '[::1]', port: '80', search: 'a=1#', hash: 'h' }",
    "{ protocol: 'mailto', pathname: 'a@b.c' }", "{ protocol: 'file', pathname: '/x' }", "{ protocol: 'file:', pathname: 'x' }", "{ slashes: true, host: 'h', pathname: 'p' }",
    "{ auth: 'us er:p@ss', host: 'h' }", "{ query: 'a=1' }", "{ search: '?a', query: { b: 2 } }", "{ hash: '#x', search: 'y' }", "{}", "{ protocol: 'ws', host: 'h' }",
    "{ protocol: 'http:', host: 'localhost:3000', pathname: '/search', query: { q: 'express path' } }", "{ pathname: 5 }", "{ protocol: 'http:', pathname: '/', query: { s: '\\ud83d' } }",
  ]) exprs.push(`url.format(${obj})`);
  for (const v of ["5", "null", "undefined", "true", "10n"]) exprs.push(`url.format(${v})`);
  assert.ok((await sameAsNode(exprs)) > 90);
});

test("url: domainToASCII, domainToUnicode, urlToHttpOptions and the module's shape", async () => {
  const exprs = [];
  for (const d of ["español.com", "xn--espaol-zwa.com", "xn--nxasmq6b.com", "EXAMPLE.com", "a@b", "a:b", "", "xn--iñvalid.com", "example.com/foo", "[::1]", "127.1", "faß.de", "xn--ls8h.la", "a..b", "5", "null"]) {
    exprs.push(`url.domainToASCII(${q(d)})`, `url.domainToUnicode(${q(d)})`);
  }
  exprs.push("url.domainToASCII()", "url.domainToUnicode()", "url.domainToASCII(5)");
  for (const u of ["http://user:p%40ss@example.com:8080/a/b?c=d#e", "https://example.com", "http://[::1]:3000/", "http://%C3%BC:@x/"]) exprs.push(`url.urlToHttpOptions(new URL(${q(u)}))`);
  // The legacy parser (Url, parse, resolve, resolveObject) is what the playground leaves out.
  exprs.push('Object.keys(url).filter((k) => !["Url", "parse", "resolve", "resolveObject"].includes(k))', "url.URL === URL", "url.URLSearchParams === URLSearchParams");
  for (const fn of ["format", "fileURLToPath", "pathToFileURL", "domainToASCII", "domainToUnicode", "urlToHttpOptions"]) exprs.push(`url.${fn}.length`);
  await sameAsNode(exprs);
});

test("node server.js and the playground agree on __dirname, import.meta.url and the paths built from them", async () => {
  const programs = [
    `const path = require("path");
const { pathToFileURL, fileURLToPath } = require("node:url");
console.log(__dirname, __filename, process.cwd());
console.log(path.join(__dirname, "public"), path.resolve("views"), path.resolve(__dirname, "data", "..", "db.json"));
console.log(pathToFileURL(__filename).href, fileURLToPath(pathToFileURL(__filename)) === __filename);
console.log(path.relative(__dirname, path.join(__dirname, "public", "css", "site.css")), path.basename(__filename, ".js"));
try { path.join(__dirname, 42); } catch (err) { console.log(String(err), err.code); }
`,
    `import path, { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "url";
import * as posix from "path/posix";
const __filename = fileURLToPath(import.meta.url);
const __dirname = dirname(__filename);
console.log(__filename, __dirname, __dirname === import.meta.dirname);
console.log(join(__dirname, "public"), path.resolve("uploads"), posix.default === path, posix.join === join);
console.log(pathToFileURL(join(__dirname, "my file #1.txt")).href, new URL("./public/", import.meta.url).href);
try { fileURLToPath("https://example.com/"); } catch (err) { console.log(String(err), err.code); }
`,
  ];
  for (const code of programs) {
    const { node, playground } = await runBoth(code);
    assert.deepEqual(playground, node, code);
    assert.equal(node.exitCode, 0, node.stderr);
  }
});

test("imports: named imports resolve; names Node has and the playground leaves out say so", async () => {
  const { run, logs } = await playground(`import { join, sep } from "path";
import { resolve as res } from "node:path/posix";
import { fileURLToPath, URL as U } from "node:url";
console.log(join("a", "b"), sep, res("x"), fileURLToPath("file:///a"), U === URL);
`);
  assert.equal(run.ok, true, run.error?.stack);
  assert.deepEqual(logs.map((l) => l.text), ["a/b / /app/x /a true"]);
  for (const [line, module, name] of [['import { parse } from "url";', "url", "parse"], ['import { resolve, Url } from "node:url";', "node:url", "resolve"], ['import { matchesGlob } from "path";', "path", "matchesGlob"]]) {
    const { run } = await playground(`${line}\n`);
    assert.equal(run.ok, false, line);
    assert.equal(run.error.message, `The playground's ${module} does not provide ${name}, which Node's does.`);
    assert.equal(run.error.line, 1);
    assert.ok(run.logs.some((l) => l.text.includes("code: 'ERR_PLAYGROUND_UNSUPPORTED'")), JSON.stringify(run.logs));
  }
  // A name Node does not export is Node's SyntaxError.
  const { run: missing } = await playground('import { nope } from "node:path";\n');
  assert.equal(missing.ok, false);
  assert.match(missing.error.message, /^The requested module 'node:path' does not provide an export named 'nope'$/);
});

test("path.resolve follows the program's process.cwd(), as Node's follows process.cwd()", async () => {
  const { run, logs } = await playground(`const path = require("path");
const before = path.resolve("a");
process.cwd = () => "/srv/site";
console.log(before, path.resolve("a"), path.relative("b", "/srv"), require("url").pathToFileURL("c").href);
`);
  assert.equal(run.ok, true, run.error?.stack);
  assert.deepEqual(logs.map((l) => l.text), ["/app/a /srv/site/a ../.. file:///srv/site/c"]);
});

test("what the playground leaves out says so: path.win32, url.format(string), pathToFileURL on Windows", async () => {
  const { run, logs } = await playground(`const path = require("path");
const url = require("url");
for (const call of [() => path.win32.join("a", "b"), () => path.win32.resolve("C:\\\\x"), () => url.format("http://x/"), () => url.pathToFileURL("C:\\\\x", { windows: true })]) {
  try { call(); } catch (err) { console.log(String(err)); }
}
console.log(typeof url.parse, typeof path.matchesGlob);
`);
  assert.equal(run.ok, true, run.error?.stack);
  assert.deepEqual(
    logs.map((l) => l.text),
    [
      'Error [ERR_PLAYGROUND_UNSUPPORTED]: The playground does not provide path.win32.join(): your server runs as on Linux (process.platform is "linux"), where path is path.posix; use path.join().',
      'Error [ERR_PLAYGROUND_UNSUPPORTED]: The playground does not provide path.win32.resolve(): your server runs as on Linux (process.platform is "linux"), where path is path.posix; use path.resolve().',
      "Error [ERR_PLAYGROUND_UNSUPPORTED]: The playground's node:url does not provide url.format(string): it goes through url.parse(), which the playground leaves out. Use new URL(string).href instead.",
      'Error [ERR_PLAYGROUND_UNSUPPORTED]: The playground does not provide pathToFileURL(path, { windows: true }): your server runs as on Linux (process.platform is "linux"), without path.win32.',
      "undefined undefined",
    ],
  );
});
