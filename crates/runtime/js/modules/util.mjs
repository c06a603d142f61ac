// `node:util`: `promisify` (honouring `util.promisify.custom`, so `promisify(setTimeout)` is
// `timers/promises`' one, as in Node), `callbackify`, `format`/`inspect` (the console's own,
// inspect.mjs), `inherits`, `types`, `isDeepStrictEqual`, `parseArgs`, `styleText`,
// `stripVTControlCharacters`, `debuglog`, and the encoders.

import { format, formatWithOptions, formatWithOptionsInternal, inspect, kFormatStack } from "../inspect.mjs";
import { invalidArgType, validateBoolean, validateOneOf, validateString } from "../node-errors.mjs";
import { isDeepStrictEqual } from "./deep-equal.mjs";
import { parseArgs } from "./parse-args.mjs";

export { inspect };

const custom = Symbol.for("nodejs.util.promisify.custom");

/** `inspect`, `format` and `formatWithOptions` printing errors' stacks through `formatStack`. */
function withStacks(formatStack) {
  if (!formatStack) return { inspect, format, formatWithOptions };
  const stacked = (options) => ({ ...options, [kFormatStack]: formatStack });
  /** Legacy arguments `(value, showHidden, depth, colors)` become options, as Node reads them. */
  function inspectWithStacks(value, opts, depth, colors) {
    const legacy = {};
    if (depth !== undefined) legacy.depth = depth;
    if (colors !== undefined) legacy.colors = colors;
    return inspect(value, stacked(typeof opts === "boolean" ? { ...legacy, showHidden: opts } : { ...legacy, ...opts }));
  }
  inspectWithStacks.custom = inspect.custom;
  Object.defineProperty(inspectWithStacks, "defaultOptions", Object.getOwnPropertyDescriptor(inspect, "defaultOptions"));
  return {
    inspect: inspectWithStacks,
    format: (...args) => formatWithOptionsInternal(stacked(), args),
    formatWithOptions: (options, ...args) => formatWithOptions(options !== null && typeof options === "object" ? stacked(options) : options, ...args),
  };
}

// Node's `ansi` pattern (lib/internal/util/inspect.js): CSI and OSC sequences, as terminals read them.
const ANSI = new RegExp(
  "[\\u001B\\u009B][[\\]()#;?]*" +
    "(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*" +
    "|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?" +
    "(?:\\u0007|\\u001B\\u005C|\\u009C))" +
    "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?" +
    "[\\dA-PR-TZcf-nq-uy=><~]))",
  "g",
);

/** `util.stripVTControlCharacters(str)`: the text without its ANSI escape codes. */
function stripVTControlCharacters(str) {
  validateString(str, "str");
  return str.replace(ANSI, "");
}

/** `util.inspect.colors`: each style's opening and closing SGR code, and Node's aliases. */
function inspectColors() {
  const colors = {
    __proto__: null,
    reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25], inverse: [7, 27], hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24],
    black: [30, 39], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39], white: [37, 39],
    bgBlack: [40, 49], bgRed: [41, 49], bgGreen: [42, 49], bgYellow: [43, 49], bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49],
    framed: [51, 54], overlined: [53, 55], gray: [90, 39], redBright: [91, 39], greenBright: [92, 39], yellowBright: [93, 39], blueBright: [94, 39], magentaBright: [95, 39], cyanBright: [96, 39], whiteBright: [97, 39],
    bgGray: [100, 49], bgRedBright: [101, 49], bgGreenBright: [102, 49], bgYellowBright: [103, 49], bgBlueBright: [104, 49], bgMagentaBright: [105, 49], bgCyanBright: [106, 49], bgWhiteBright: [107, 49],
  };
  const aliases = { grey: "gray", blackBright: "gray", bgGrey: "bgGray", bgBlackBright: "bgGray", faint: "dim", crossedout: "strikethrough", strikeThrough: "strikethrough", crossedOut: "strikethrough", conceal: "hidden", swapColors: "inverse", swapcolors: "inverse", doubleUnderline: "doubleunderline" };
  for (const [alias, target] of Object.entries(aliases)) {
    Object.defineProperty(colors, alias, {
      get() {
        return this[target];
      },
      set(value) {
        this[target] = value;
      },
      configurable: true,
      enumerable: false,
    });
  }
  return colors;
}

/** What Node takes for a stream in `styleText` (lib/internal/streams/utils.js). */
function isStream(obj) {
  const node = obj && (obj._readableState || obj._writableState || (typeof obj.on === "function" && (typeof obj.write === "function" || typeof obj.pipe === "function")));
  const web = obj && !node && ((typeof obj.pipeThrough === "function" && typeof obj.getReader === "function" && typeof obj.cancel === "function") || (typeof obj.getWriter === "function" && typeof obj.abort === "function"));
  return Boolean(node || web);
}

/** Node's `shouldColorize(stream)`: FORCE_COLOR decides, else whether the stream is a colour terminal. */
function shouldColorize(stream, env) {
  if (env.FORCE_COLOR !== undefined) return ["", "1", "true", "2", "3"].includes(env.FORCE_COLOR);
  return Boolean(stream?.isTTY && (typeof stream.getColorDepth === "function" ? stream.getColorDepth() > 2 : true));
}

/**
 * `util.styleText(format, text, options)` as Node 20.20 has it: a list of formats always
 * styles; one format styles only when the stream (the program's stdout) would show colours.
 * The playground's stdout and stderr count as streams, as Node's do.
 */
function createStyleText(colors, process) {
  const code = (n) => `\u001b[${n}m`;
  const codesOf = (key) => colors[key] ?? validateOneOf(key, "format", Object.keys(colors));
  return function styleText(format, text, { validateStream = true, stream = process().stdout } = {}) {
    validateString(text, "text");
    validateBoolean(validateStream, "options.validateStream");
    const own = stream === process().stdout || stream === process().stderr;
    if (validateStream && !own && !isStream(stream)) throw invalidArgType("stream", ["ReadableStream", "WritableStream", "Stream"], stream);
    if (Array.isArray(format)) {
      let left = "";
      let right = "";
      for (const key of format) {
        const [open, close] = codesOf(key);
        left += code(open);
        right = `${code(close)}${right}`;
      }
      return `${left}${text}${right}`;
    }
    const [open, close] = codesOf(format);
    if (validateStream && (!stream || !shouldColorize(stream, process().env))) return text;
    return `${code(open)}${text}${code(close)}`;
  };
}

/**
 * `util.debuglog(section)`: a logger that writes `SECTION PID: message` to stderr when the
 * program started with the section in NODE_DEBUG (a comma list, `*` a wildcard, any case),
 * and does nothing otherwise; `logger.enabled` says which. `nodeDebug` is NODE_DEBUG at start:
 * Node reads it once, so setting `process.env.NODE_DEBUG` later changes nothing.
 */
function createDebuglog({ nodeDebug, process, formatWithOptions, warn }) {
  let testEnabled = () => false;
  if (nodeDebug) {
    const pattern = nodeDebug.replace(/[|\\{}()[\]^$+?.]/g, "\\$&").replaceAll("*", ".*").replaceAll(",", "$|^");
    const regex = new RegExp(`^${pattern}$`, "i");
    testEnabled = (str) => regex.exec(str) !== null;
  }
  const impls = Object.create(null);
  function debuglogImpl(enabled, set) {
    if (impls[set] === undefined) {
      if (enabled) {
        if (set === "HTTP" || set === "HTTP2") {
          process().nextTick(() => warn(`Warning: Setting the NODE_DEBUG environment variable to '${set.toLowerCase()}' can expose sensitive data (such as passwords, tokens and authentication headers) in the resulting log.`));
        }
        impls[set] = function debug(...args) {
          const colors = shouldColorize(process().stderr, process().env);
          const msg = formatWithOptions({ colors }, ...args);
          process().stderr.write(`${set} ${inspect(process().pid, { colors })}: ${msg}\n`);
        };
      } else {
        impls[set] = () => {};
      }
    }
    return impls[set];
  }
  return function debuglog(set, cb) {
    let enabled;
    const init = () => {
      set = String.prototype.toUpperCase.call(set);
      enabled = testEnabled(set);
    };
    let debug = (...args) => {
      init();
      debug = debuglogImpl(enabled, set);
      if (typeof cb === "function") cb(debug);
      return debug(...args);
    };
    let test = () => {
      init();
      test = () => enabled;
      return enabled;
    };
    const logger = (...args) => debug(...args);
    Object.defineProperty(logger, "enabled", { get: () => test(), configurable: true, enumerable: true });
    return logger;
  };
}

/**
 * The `util` module; `promisified(fn)` names the host's own promise versions (timers), and
 * `formatStack(err)` the stack `util.inspect` prints for an error (as the console's option).
 * `process()` is the program's process, `nodeDebug` its NODE_DEBUG at start, `warn(text)`
 * writes a process warning.
 */
export function createUtil({ promisified = () => undefined, formatStack, process = () => globalThis.process, nodeDebug, warn = () => {} } = {}) {
  function promisify(original) {
    if (typeof original !== "function") throw invalidArgType("original", "function", original);
    const own = original[custom] ?? promisified(original);
    if (own) {
      if (typeof own !== "function") throw invalidArgType("util.promisify.custom", "function", own);
      return own;
    }
    function fn(...args) {
      return new Promise((resolve, reject) => {
        original.call(this, ...args, (err, value) => (err ? reject(err) : resolve(value)));
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, custom, { value: fn, enumerable: false, writable: false, configurable: true });
    return fn;
  }
  promisify.custom = custom;

  function callbackify(original) {
    if (typeof original !== "function") throw invalidArgType("original", "function", original);
    return function (...args) {
      const cb = args.pop();
      if (typeof cb !== "function") throw invalidArgType("last argument", "function", cb);
      original.apply(this, args).then(
        (value) => queueMicrotask(() => cb(null, value)),
        (reason) => {
          const err = reason || Object.assign(new Error("Promise was rejected with falsy value"), { code: "ERR_FALSY_VALUE_REJECTION", reason });
          queueMicrotask(() => cb(err));
        },
      );
    };
  }

  function inherits(ctor, superCtor) {
    Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  const tag = (v) => Object.prototype.toString.call(v);
  const types = {
    isPromise: (v) => v instanceof Promise || tag(v) === "[object Promise]",
    isDate: (v) => v instanceof Date,
    isRegExp: (v) => v instanceof RegExp,
    isMap: (v) => v instanceof Map,
    isSet: (v) => v instanceof Set,
    isAsyncFunction: (v) => typeof v === "function" && tag(v) === "[object AsyncFunction]",
    isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView),
    isUint8Array: (v) => v instanceof Uint8Array,
    isNativeError: (v) => v instanceof Error,
  };

  const printing = withStacks(formatStack);
  const colors = inspectColors();
  if (printing.inspect !== inspect) printing.inspect.colors = colors;
  const debuglog = createDebuglog({ nodeDebug, process, formatWithOptions: printing.formatWithOptions, warn });
  /** Node's `getMainArgs`: the arguments after node and the file (after node alone for `-e`). */
  const mainArgs = () => {
    const { execArgv = [], argv = [] } = process();
    return argv.slice(["-e", "--eval", "-p", "--print"].some((flag) => execArgv.includes(flag)) ? 1 : 2);
  };

  const util = {
    promisify,
    callbackify,
    ...printing,
    inherits,
    isDeepStrictEqual: (val1, val2) => isDeepStrictEqual(val1, val2),
    parseArgs: (config = {}) => parseArgs(config, mainArgs),
    stripVTControlCharacters,
    styleText: createStyleText(colors, process),
    debuglog,
    debug: debuglog,
    deprecate: (fn) => fn,
    types,
    TextEncoder: globalThis.TextEncoder,
    TextDecoder: globalThis.TextDecoder,
  };
  return { default: util, ...util };
}
