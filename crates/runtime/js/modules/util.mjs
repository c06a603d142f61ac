// `node:util`: `promisify` (honouring `util.promisify.custom`, so `promisify(setTimeout)` is
// `timers/promises`' one, as in Node), `callbackify`, `format`/`inspect` (the console's own,
// inspect.mjs), `inherits`, `types`, and the encoders.

import { format, formatWithOptions, formatWithOptionsInternal, inspect, kFormatStack } from "../inspect.mjs";

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

function invalidArg(name, type, value) {
  const got = value === null || value === undefined ? String(value) : `type ${typeof value} (${inspect(value)})`;
  const e = new TypeError(`The "${name}" argument must be of type ${type}. Received ${got}`);
  e.code = "ERR_INVALID_ARG_TYPE";
  e.stack = e.stack.replace(/^TypeError/, "TypeError [ERR_INVALID_ARG_TYPE]");
  return e;
}

/**
 * The `util` module; `promisified(fn)` names the host's own promise versions (timers), and
 * `formatStack(err)` the stack `util.inspect` prints for an error (as the console's option).
 */
export function createUtil({ promisified = () => undefined, formatStack } = {}) {
  function promisify(original) {
    if (typeof original !== "function") throw invalidArg("original", "function", original);
    const own = original[custom] ?? promisified(original);
    if (own) {
      if (typeof own !== "function") throw invalidArg("util.promisify.custom", "function", own);
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
    if (typeof original !== "function") throw invalidArg("original", "function", original);
    return function (...args) {
      const cb = args.pop();
      if (typeof cb !== "function") throw invalidArg("last argument", "function", cb);
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

  const util = {
    promisify,
    callbackify,
    ...withStacks(formatStack),
    inherits,
    deprecate: (fn) => fn,
    types,
    TextEncoder: globalThis.TextEncoder,
    TextDecoder: globalThis.TextDecoder,
  };
  return { default: util, ...util };
}
