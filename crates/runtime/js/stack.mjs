// Stack traces as Node prints them, whatever JS engine ran the code. V8 writes
// `    at name (file:line:col)`, SpiderMonkey and JavaScriptCore write `name@file:line:col`;
// learners should see Node's form, with frames in their own file only (the runtime's frames
// are noise, and Express's own frames would name files that do not exist here).

const V8_FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;
const GECKO_FRAME = /^(.*?)@(.*?):(\d+):(\d+)$/;

/** Parses one frame line of any engine into `{ name, file, line, column }`. */
function parseFrame(text) {
  const m = V8_FRAME.exec(text) ?? GECKO_FRAME.exec(text);
  if (!m) return null;
  let name = (m[1] || "").replace(/^async /, "");
  if (name === "eval" || name.endsWith("/<") || name.includes("*")) name = "";
  return { name, file: m[2], line: Number(m[3]), column: Number(m[4]) };
}

/** The first line of a stack as Node prints it: `Name: message` (plus `[CODE]`). */
function headline(err) {
  if (err === null || typeof err !== "object") return `Uncaught ${String(err)}`;
  const name = err.name ?? "Error";
  const code = err.code && typeof err.code === "string" && String(err.stack ?? "").includes(`[${err.code}]`) ? ` [${err.code}]` : "";
  return err.message ? `${name}${code}: ${err.message}` : `${name}${code}`;
}

/** Frames of `err` that point into the learner's file. */
export function learnerFrames(err, filename) {
  const lines = String(err?.stack ?? "").split("\n");
  return lines
    .map(parseFrame)
    .filter((f) => f && (f.file === filename || f.file.endsWith(`/${filename}`) || f.file.endsWith(` ${filename}`)));
}

/** `err.stack` as Node would print it for a program at `/app/<filename>`. */
export function nodeStack(err, filename) {
  if (err === null || typeof err !== "object") return String(err);
  const frames = learnerFrames(err, filename).map((f) => {
    const where = `file:///app/${filename}:${f.line}:${f.column}`;
    return f.name ? `    at ${f.name} (${where})` : `    at ${where}`;
  });
  return [headline(err), ...frames].join("\n");
}

/** `{ line, column }` of the first learner frame, or nulls. */
export function locate(err, filename) {
  const f = learnerFrames(err, filename)[0];
  return f ? { line: f.line, column: f.column } : { line: null, column: null };
}
