// Node's argument errors, worded as Node 20.20.2's lib/internal/errors.js words them, and the
// validators of lib/internal/validators.js that throw them: the provided modules check their
// arguments with these, so a learner's mistake reads as `node server.js` would report it.

import { inspect } from "./inspect.mjs";

/** A Node error: `code` set and `Name [CODE]: message` in its stack, as Node prints it. */
export function nodeError(Ctor, code, message) {
  const e = new Ctor(message);
  e.code = code;
  e.stack = e.stack.replace(new RegExp(`^${e.name}`), `${e.name} [${code}]`);
  return e;
}

/** Node's `determineSpecificType`: how an error names the value it got. */
export function specificType(value) {
  if (value === null || value === undefined) return String(value);
  switch (typeof value) {
    case "bigint":
      return `type bigint (${value}n)`;
    case "number":
      return `type number (${Object.is(value, -0) ? "-0" : value})`;
    case "boolean":
    case "symbol":
      return `type ${typeof value} (${String(value)})`;
    case "function":
      return `function ${value.name}`;
    case "object":
      if (value.constructor && "name" in value.constructor) return `an instance of ${value.constructor.name}`;
      return inspect(value, { depth: -1 });
    default: {
      const text = value.length > 28 ? `${value.slice(0, 25)}...` : value;
      return `type string (${text.includes("'") ? JSON.stringify(text) : `'${text}'`})`;
    }
  }
}

const TYPES = ["string", "function", "number", "object", "Function", "Object", "boolean", "bigint", "symbol"];
const CLASS = /^[A-Z][a-zA-Z0-9]*$/;

/** Node's `formatList`: "a", "a or b", "a, b, or c". */
function formatList(items, type) {
  if (items.length < 3) return items.join(` ${type} `);
  return `${items.slice(0, -1).join(", ")}, ${type} ${items.at(-1)}`;
}

/** ERR_INVALID_ARG_TYPE: `expected` is one name or a list (types, classes, or other words). */
export function invalidArgType(name, expected, actual) {
  const types = [];
  const instances = [];
  const other = [];
  for (const value of [expected].flat()) {
    if (TYPES.includes(value)) types.push(value.toLowerCase());
    else if (CLASS.test(value)) instances.push(value);
    else other.push(value);
  }
  if (instances.length > 0 && types.includes("object")) {
    types.splice(types.indexOf("object"), 1);
    instances.push("Object");
  }
  let msg = name.endsWith(" argument") ? `The ${name} must be ` : `The "${name}" ${name.includes(".") ? "property" : "argument"} must be `;
  const parts = [];
  if (types.length > 0) parts.push(`${types.length > 1 ? "one of type" : "of type"} ${formatList(types, "or")}`);
  if (instances.length > 0) parts.push(`an instance of ${formatList(instances, "or")}`);
  if (other.length > 1) parts.push(`one of ${formatList(other, "or")}`);
  else if (other.length === 1) parts.push(`${other[0].toLowerCase() !== other[0] ? "an " : ""}${other[0]}`);
  msg += `${parts.join(" or ")}. Received ${specificType(actual)}`;
  return nodeError(TypeError, "ERR_INVALID_ARG_TYPE", msg);
}

/** ERR_INVALID_ARG_VALUE: `name` got `value`, which `reason` rules out. */
export function invalidArgValue(name, value, reason = "is invalid", Ctor = TypeError) {
  let shown = inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  return nodeError(Ctor, "ERR_INVALID_ARG_VALUE", `The ${name.includes(".") ? "property" : "argument"} '${name}' ${reason}. Received ${shown}`);
}

/** Node's `addNumericalSeparator`: 4294967297 -> 4_294_967_297. */
function withSeparators(text) {
  let res = "";
  let i = text.length;
  const start = text[0] === "-" ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${text.slice(i - 3, i)}${res}`;
  return `${text.slice(0, i)}${res}`;
}

/** ERR_OUT_OF_RANGE: `name` must be `range`. */
export function outOfRange(name, range, input) {
  let received;
  if (Number.isInteger(input) && Math.abs(input) > 2 ** 32) received = withSeparators(String(input));
  else if (typeof input === "bigint") received = `${input > 2n ** 32n || input < -(2n ** 32n) ? withSeparators(String(input)) : input}n`;
  else received = inspect(input);
  return nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
}

/** Node's AbortError (`code: 'ABORT_ERR'`), with the signal's reason as its cause. */
export class AbortError extends Error {
  constructor(message = "The operation was aborted", options = undefined) {
    super(message, options);
    this.code = "ABORT_ERR";
    this.name = "AbortError";
  }
}

// ---- lib/internal/validators.js

export function validateString(value, name) {
  if (typeof value !== "string") throw invalidArgType(name, "string", value);
}

export function validateBoolean(value, name) {
  if (typeof value !== "boolean") throw invalidArgType(name, "boolean", value);
}

export function validateFunction(value, name) {
  if (typeof value !== "function") throw invalidArgType(name, "Function", value);
}

/** A plain object: not null, not an array, not a function. */
export function validateObject(value, name) {
  if (value === null || Array.isArray(value) || typeof value !== "object") throw invalidArgType(name, "Object", value);
}

export function validateArray(value, name) {
  if (!Array.isArray(value)) throw invalidArgType(name, "Array", value);
}

/** An array whose every item is of `type` ("string" or "boolean"). */
export function validateArrayOf(value, name, type) {
  validateArray(value, name);
  value.forEach((item, i) => {
    if (typeof item !== type) throw invalidArgType(`${name}[${i}]`, type, item);
  });
}

export function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== "number") throw invalidArgType(name, "number", value);
  if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

export const validateInt32 = (value, name, min = -2147483648, max = 2147483647) => validateInteger(value, name, min, max);

export function validateNumber(value, name, min) {
  if (typeof value !== "number") throw invalidArgType(name, "number", value);
  if (min !== undefined && (value < min || Number.isNaN(value))) throw outOfRange(name, `>= ${min}`, value);
}

export function validateOneOf(value, name, oneOf) {
  if (!oneOf.includes(value)) {
    const allowed = oneOf.map((v) => (typeof v === "string" ? `'${v}'` : String(v))).join(", ");
    throw invalidArgValue(name, value, `must be one of: ${allowed}`);
  }
}

export function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
    throw invalidArgType(name, "AbortSignal", signal);
  }
}

/** Marks the stand-ins `lacking` makes, so linking `import { name }` reports them at once. */
export const kLacking = Symbol("lacking");

/**
 * What the playground lacks: a stand-in for Node's `module.name` that throws the playground's
 * own error, worded as `import { name }` of it is when the program is linked.
 */
export function lacking(module, name) {
  const stub = function () {
    throw nodeError(Error, "ERR_PLAYGROUND_UNSUPPORTED", `The playground's ${module} does not provide ${name}, which Node's does.`);
  };
  Object.defineProperty(stub, "name", { value: name });
  stub[kLacking] = true;
  return stub;
}
