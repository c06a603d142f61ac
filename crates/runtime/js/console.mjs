// `console` for learner code: Node 20's Console (lib/internal/console/constructor.js) over
// inspect.mjs, handing each line to the host, which streams it to the terminal.

import { format, formatWithOptionsInternal, getStringWidth, inspect, kFormatStack, resetDefaultOptions } from "./inspect.mjs";

export { format, inspect };

/** How Node prints a process warning (`process.emitWarning`): the hint only after the first. */
function nodeWarning(write) {
  let hint = "\n(Use `node --trace-warnings ...` to show where the warning was created)";
  return (text) => {
    write("stderr", `(node:42) Warning: ${text}${hint}`);
    hint = "";
  };
}

/**
 * A `console` whose output goes to `write(stream, text)`, one call a line. `formatStack(err)`
 * gives an error's stack as the learner should see it (their own frames, Node's form); `warn`
 * prints a process warning. Creating one starts a program, so `util.inspect.defaultOptions`
 * a previous program changed are reset.
 */
export function createConsole(write, { formatStack, warn = nodeWarning(write) } = {}) {
  resetDefaultOptions();
  const options = formatStack ? { [kFormatStack]: formatStack } : {};
  let groupIndent = "";
  const timers = new Map();
  const counts = new Map();
  // Node emits warnings on the next tick, after the code that caused them.
  const emitWarning = (text) => queueMicrotask(() => warn(text));

  const writeLine = (stream, string) => {
    if (groupIndent.length !== 0) string = groupIndent + string.replaceAll("\n", `\n${groupIndent}`);
    write(stream, string);
  };
  const log = (...args) => writeLine("stdout", formatWithOptionsInternal(options, args));
  const error = (...args) => writeLine("stderr", formatWithOptionsInternal(options, args));

  function group(...data) {
    if (data.length > 0) log(...data);
    groupIndent += "  ";
  }
  const elapsed = (name, label, data) => {
    const start = timers.get(label);
    if (start === undefined) return emitWarning(`No such label '${label}' for console.${name}()`);
    log("%s: %s", label, formatTime(performance.now() - start), ...data);
    return true;
  };

  return {
    log,
    info: log,
    debug: log,
    dirxml: log,
    error,
    warn: error,
    dir: (object, dirOptions) => writeLine("stdout", inspect(object, { customInspect: false, ...options, ...dirOptions })),
    trace(...args) {
      const err = new Error(formatWithOptionsInternal(options, args));
      err.name = "Trace";
      error(formatStack ? formatStack(err) : err.message ? `Trace: ${err.message}` : "Trace");
    },
    assert(expression, ...args) {
      if (expression) return;
      args[0] = `Assertion failed${args.length === 0 ? "" : `: ${args[0]}`}`;
      error(...args);
    },
    table: (data, properties) => (data === null || typeof data !== "object" ? log(data) : log(table(data, properties, options))),
    time(label = "default") {
      label = `${label}`;
      if (timers.has(label)) return emitWarning(`Label '${label}' already exists for console.time()`);
      timers.set(label, performance.now());
    },
    timeEnd(label = "default") {
      label = `${label}`;
      if (elapsed("timeEnd", label, [])) timers.delete(label);
    },
    timeLog: (label = "default", ...data) => void elapsed("timeLog", `${label}`, data),
    count(label = "default") {
      label = `${label}`;
      const count = (counts.get(label) ?? 0) + 1;
      counts.set(label, count);
      log(`${label}: ${count}`);
    },
    countReset(label = "default") {
      label = `${label}`;
      if (!counts.has(label)) return emitWarning(`Count for '${label}' does not exist`);
      counts.set(label, 0);
    },
    group,
    groupCollapsed: group,
    groupEnd() {
      groupIndent = groupIndent.slice(0, -2);
    },
  };
}

/** `console.time`'s duration: `1.234ms`, `1.234s`, `1:02.345 (m:ss.mmm)`. */
function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms %= 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms %= 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [s, millis] = seconds.toFixed(3).split(".");
    const pad = (n) => `${n}`.padStart(2, "0");
    const res = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
    return `${res}:${pad(s)}.${millis} (${hours !== 0 ? "h:m" : ""}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

// ---- console.table

/** `console.table(data, properties)`'s text: one row per entry of `data`, one column per key. */
function table(data, properties, options) {
  const cell = (v) => {
    const depth = v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
    return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity, ...options });
  };
  const indices = (length) => Array.from({ length }, (_, i) => cell(i));
  if (data instanceof Map) {
    const entries = [...data];
    return renderTable(["(iteration index)", "Key", "Values"], [indices(entries.length), entries.map(([k]) => cell(k)), entries.map(([, v]) => cell(v))]);
  }
  if (data instanceof Set) {
    const values = [...data].map(cell);
    return renderTable(["(iteration index)", "Values"], [indices(values.length), values]);
  }
  const map = { __proto__: null };
  let hasPrimitives = false;
  const valuesKeyArray = [];
  const indexKeyArray = Object.keys(data);
  indexKeyArray.forEach((index, i) => {
    const item = data[index];
    const primitive = item === null || (typeof item !== "function" && typeof item !== "object");
    if (properties === undefined && primitive) {
      hasPrimitives = true;
      valuesKeyArray[i] = cell(item);
      return;
    }
    for (const key of properties || Object.keys(item)) {
      map[key] ??= [];
      map[key][i] = (primitive && properties) || !Object.hasOwn(item, key) ? "" : cell(item[key]);
    }
  });
  const keys = Object.keys(map);
  const values = Object.values(map);
  if (hasPrimitives) {
    keys.push("Values");
    values.push(valuesKeyArray);
  }
  return renderTable(["(index)", ...keys], [indexKeyArray, ...values]);
}

/** Node's lib/internal/cli_table.js: box-drawn, each cell on the left of its column. */
function renderTable(head, columns) {
  const widths = head.map((h) => getStringWidth(h));
  const longestColumn = Math.max(...columns.map((c) => c.length));
  const rows = Array.from({ length: longestColumn }, (_, j) => columns.map((column, i) => {
    const value = Object.hasOwn(column, j) ? column[j] : "";
    widths[i] = Math.max(widths[i], getStringWidth(value));
    return value;
  }));
  const renderRow = (row) => `│ ${row.map((cell, i) => cell + " ".repeat(widths[i] - getStringWidth(cell))).join(" │ ")} │`;
  const divider = widths.map((w) => "─".repeat(w + 2));
  return [`┌${divider.join("┬")}┐`, renderRow(head), `├${divider.join("┼")}┤`, ...rows.map(renderRow), `└${divider.join("┴")}┘`].join("\n");
}
