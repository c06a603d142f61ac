// `console` for learner code: formats like Node's `util.format`/`util.inspect` (the common
// cases) and hands each line to the host, which streams it to the terminal.

function inspect(value, depth = 0, seen = new Set()) {
  if (typeof value === "string") return depth === 0 ? value : `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "function") return value.name ? `[Function: ${value.name}]` : "[Function (anonymous)]";
  if (value === null || typeof value !== "object") return String(value);
  if (value instanceof Error) return value.stack || String(value);
  if (seen.has(value)) return "[Circular *1]";
  if (depth > 2) return Array.isArray(value) ? "[Array]" : "[Object]";
  seen.add(value);
  try {
    if (value instanceof Date) return value.toISOString();
    if (value instanceof Map) return `Map(${value.size}) {${[...value].map(([k, v]) => ` ${inspect(k, depth + 1, seen)} => ${inspect(v, depth + 1, seen)}`).join(",")}${value.size ? " " : ""}}`;
    if (value instanceof Set) return `Set(${value.size}) {${[...value].map((v) => ` ${inspect(v, depth + 1, seen)}`).join(",")}${value.size ? " " : ""}}`;
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const hex = [...new Uint8Array(value.buffer, value.byteOffset, Math.min(value.byteLength, 50))].map((b) => b.toString(16).padStart(2, "0"));
      return `<Buffer ${hex.join(" ")}${value.byteLength > 50 ? ` ... ${value.byteLength - 50} more bytes` : ""}>`;
    }
    if (Array.isArray(value)) {
      const items = value.map((v) => inspect(v, depth + 1, seen));
      return items.length === 0 ? "[]" : wrap("[", items, "]", depth);
    }
    const proto = Object.getPrototypeOf(value);
    const name = proto === null ? "[Object: null prototype] " : proto !== Object.prototype && proto?.constructor?.name ? `${proto.constructor.name} ` : "";
    const keys = Object.keys(value);
    if (keys.length === 0) return `${name}{}`;
    const items = keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${inspect(value[k], depth + 1, seen)}`);
    return name + wrap("{", items, "}", depth);
  } finally {
    seen.delete(value);
  }
}

function wrap(open, items, close, depth) {
  const oneLine = `${open} ${items.join(", ")} ${close}`;
  if (oneLine.length <= 72 && !items.some((i) => i.includes("\n"))) return oneLine;
  const pad = "  ".repeat(depth + 1);
  return `${open}\n${items.map((i) => pad + i).join(",\n")}\n${"  ".repeat(depth)}${close}`;
}

/** `util.format`: `%s %d %i %f %j %o %O %%`, then the remaining arguments inspected. */
export function format(...args) {
  if (typeof args[0] !== "string") return args.map((a) => inspect(a)).join(" ");
  let i = 1;
  let out = args[0].replace(/%[sdifjoO%]/g, (m) => {
    if (m === "%%") return "%";
    if (i >= args.length) return m;
    const a = args[i++];
    switch (m) {
      case "%s": return typeof a === "string" ? a : inspect(a, 1).replace(/^'(.*)'$/s, "$1");
      case "%d": case "%i": return String(m === "%i" ? parseInt(a) : Number(a));
      case "%f": return String(parseFloat(a));
      case "%j": try { return JSON.stringify(a); } catch { return "[Circular]"; }
      default: return inspect(a, 1);
    }
  });
  for (; i < args.length; i++) out += " " + inspect(args[i]);
  return out;
}

export { inspect };

/** A `console` whose output goes to `write(stream, text)`. */
export function createConsole(write) {
  const timers = new Map();
  const out = (...a) => write("stdout", format(...a));
  const err = (...a) => write("stderr", format(...a));
  return {
    log: out, info: out, debug: out,
    warn: err, error: err, trace: err,
    dir: (v) => write("stdout", inspect(v)),
    table: (data) => write("stdout", inspect(data)),
    time: (label = "default") => timers.set(label, performance.now()),
    timeEnd: (label = "default") => {
      const t = timers.get(label);
      if (t === undefined) return err(`Warning: No such label '${label}' for console.timeEnd()`);
      timers.delete(label);
      out(`${label}: ${(performance.now() - t).toFixed(3)}ms`);
    },
    assert: (cond, ...a) => { if (!cond) err("Assertion failed" + (a.length ? ": " + format(...a) : "")); },
  };
}
