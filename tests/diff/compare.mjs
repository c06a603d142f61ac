/**
 * Compares a real-Express result with a playground result.
 *
 * Per response: status, statusText, body and headers. Headers are a
 * multiset of lowercase-name/value pairs: order is not compared (Node and
 * the playground may legitimately differ in where Date lands) but
 * duplicates are (two Set-Cookie lines must stay two). Only values that
 * can never match are normalised:
 *   - Date: must be present on both sides, value ignored.
 *   - Set-Cookie with Max-Age: its Expires is "now + maxAge", so an
 *     HTTP-date there becomes <date> (the format is still checked).
 * Connection, Keep-Alive, ETag and Content-Length are compared exactly,
 * except Content-Length when the body itself is normalised (below).
 *
 * Per scenario `compare: { body }`:
 *   "exact" (default) | "ignore" | "stack"
 * "stack" is for the development error page, whose stack frames hold file
 * paths and line numbers of two different engines: frames are dropped, the
 * first line ("Error: boom") and the surrounding HTML stay exact.
 *
 * Logs are compared only with `compareLogs: true`, line by line, after
 * blanking timestamps and response times and dropping "    at ..." frames.
 */

const HTTP_DATE = /[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/g;

/** Body normalisers by name; each also makes Content-Length uncomparable. */
export const BODY_NORMALISERS = {
  ignore: () => "<ignored>",
  // finalhandler renders frames as "<br> &nbsp; &nbsp;at fn (file:line:col)".
  stack: (body) => body.replace(/(?:<br>(?: &nbsp;)+ ?at [^<]*)+/g, "").replace(/(?:\n\s+at .*)+/g, ""),
};

export function normaliseHeaders(rawHeaders) {
  return rawHeaders.map(([name, value]) => {
    const n = name.toLowerCase();
    let v = String(value);
    if (n === "date") v = "<present>";
    if (n === "set-cookie" && /;\s*max-age=/i.test(v)) v = v.replace(HTTP_DATE, "<date>");
    return `${n}: ${v}`;
  });
}

export function normaliseLogs(lines) {
  return lines
    .filter((l) => !/^\s+at /.test(l))
    .map((l) =>
      l
        .replace(/\[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\]/g, "[<date>]")
        // morgan's :date[clf] outside brackets (custom formats).
        .replace(/\b\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\b/g, "<date>")
        .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, "<date>")
        .replace(HTTP_DATE, "<date>")
        .replace(/\b\d+(?:\.\d+)? ms\b/g, "<time> ms"),
    );
}

/**
 * @returns {string[]} human-readable differences; empty when equal.
 */
export function compareResults(scenario, expected, actual) {
  const diffs = [];
  const mode = scenario.compare?.body ?? "exact";
  const normBody = BODY_NORMALISERS[mode] ?? ((b) => b);
  if (mode !== "exact" && !BODY_NORMALISERS[mode]) diffs.push(`unknown compare.body mode "${mode}"`);
  // A program that did not start explains every other difference; say only that.
  if (actual.error) return [`playground: ${actual.error.replace(/\n/g, " ⏎ ")}`];

  scenario.requests.forEach((r, i) => {
    const where = `#${i + 1} ${(r.method ?? "GET").toUpperCase()} ${r.url}`;
    const e = expected.responses[i];
    const a = actual.responses[i];
    if (!a) return diffs.push(`${where}: no response from playground`);
    if (a.error) return diffs.push(`${where}: ${a.error}`);
    if (e.status !== a.status) diffs.push(`${where} status: expected ${e.status}, actual ${a.status}`);
    if (e.statusText !== a.statusText) diffs.push(`${where} statusText: expected ${q(e.statusText)}, actual ${q(a.statusText)}`);

    const skipLength = mode !== "exact";
    const hs = (raw) => normaliseHeaders(raw ?? []).filter((h) => !(skipLength && h.startsWith("content-length: ")));
    const { missing, extra } = multisetDiff(hs(e.rawHeaders), hs(a.rawHeaders));
    for (const h of missing) diffs.push(`${where} header missing: ${h}`);
    for (const h of extra) diffs.push(`${where} header extra:   ${h}`);
    if (skipLength) {
      const hasLen = (raw) => (raw ?? []).some(([n]) => n.toLowerCase() === "content-length");
      if (hasLen(e.rawHeaders) !== hasLen(a.rawHeaders)) diffs.push(`${where} content-length: present on one side only`);
    }

    const eb = normBody(e.body ?? "");
    const ab = normBody(a.body ?? "");
    if (eb !== ab) diffs.push(`${where} body:\n${bodyDiff(eb, ab)}`);
  });

  if (scenario.compareLogs) {
    const el = normaliseLogs(expected.logs);
    const al = normaliseLogs(actual.logs ?? []);
    const n = Math.max(el.length, al.length);
    for (let i = 0; i < n; i++) {
      if (el[i] !== al[i]) diffs.push(`log line ${i + 1}: expected ${q(el[i])}, actual ${q(al[i])}`);
    }
  }
  return diffs;
}

function multisetDiff(expected, actual) {
  const left = new Map();
  for (const h of actual) left.set(h, (left.get(h) ?? 0) + 1);
  const missing = [];
  for (const h of expected) {
    const c = left.get(h) ?? 0;
    if (c > 0) left.set(h, c - 1);
    else missing.push(h);
  }
  const extra = [...left].flatMap(([h, c]) => Array(c).fill(h));
  return { missing, extra };
}

/** Both bodies around the first differing character, JSON-quoted so whitespace shows. */
function bodyDiff(e, a) {
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  const from = Math.max(0, i - 30);
  const cut = (s) => (from > 0 ? "…" : "") + q(s.slice(from, i + 50)) + (s.length > i + 50 ? "…" : "");
  return `      expected: ${cut(e)}\n      actual:   ${cut(a)}\n      (first difference at character ${i}; lengths ${e.length} vs ${a.length})`;
}

const q = (v) => (v === undefined ? "(none)" : JSON.stringify(v));
